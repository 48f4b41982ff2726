"""The Settings page: the program's preferences on this PC, kept in QSettings.

The language of the interface (a change applies at the next start, which a note says) and the
label printers of this PC, and the button that writes the public traceability pages.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.gui import translation
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.pages.backup_box import BackupBox
from coop_desktop.gui.pages.publish_box import PublishBox
from coop_desktop.gui.printing.printers_box import PrintersBox
from coop_desktop.services.permissions import Permission


class SettingsPage(QWidget):
    """``language_chosen`` carries the stored choice: a language code, or "" for the
    system's language."""

    language_chosen = Signal(str)

    def __init__(self, context: AppContext | None = None, parent: QWidget | None = None, *,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._settings = settings
        self.running_language = translation.current_language()

        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.addItem(self.tr("As the system (%1)").replace(
            "%1", _name_of(translation.system_language())), "")
        for language in translation.available_languages():
            self.language.addItem(language.name, language.code)
        stored = translation.stored_language(self.settings())
        self.language.setCurrentIndex(max(self.language.findData(stored or ""), 0))
        self.language.setToolTip(self.tr("The language of menus, lists, forms and messages"))

        self.note = QLabel(self)
        self.note.setObjectName("language_note")
        self.note.setWordWrap(True)

        box = QGroupBox(self.tr("Language"), self)
        form = QFormLayout(box)
        form.addRow(self.tr("Interface language"), self.language)
        form.addRow(self.note)

        self.printers = PrintersBox(self, settings=settings)
        self.publish = PublishBox(context, self) if context is not None else None
        self.backups = (BackupBox(context, self, settings=settings) if context is not None
                        and context.may(Permission.MANAGE_COOPERATIVE) else None)

        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.printers)
        if self.publish is not None:
            layout.addWidget(self.publish)
        if self.backups is not None:
            layout.addWidget(self.backups)
        layout.addStretch(1)

        self._show_note()
        self.language.currentIndexChanged.connect(self._language_changed)

    def settings(self) -> QSettings:
        """The settings written to: the injected ones (tests), else the program's own."""
        return self._settings if self._settings is not None else QSettings()

    def chosen_language(self) -> str:
        """The language the next start will show."""
        code = str(self.language.currentData() or "")
        return translation.supported(code) or translation.system_language()

    def _language_changed(self, _index: int) -> None:
        code = str(self.language.currentData() or "")
        translation.store_language(code or None, self.settings())
        self._show_note()
        self.language_chosen.emit(code)

    def _show_note(self) -> None:
        if self.chosen_language() == self.running_language:
            self.note.setText("")
            self.note.hide()
        else:
            self.note.setText(self.tr(
                "%1 will be used from the next time Coop Desktop starts.")
                .replace("%1", _name_of(self.chosen_language())))
            self.note.show()


def _name_of(code: str) -> str:
    return next((language.name for language in translation.available_languages()
                 if language.code == code), code)
