"""What every form dialog shares: fields with their sentences under them, a "still needed"
line, a message area for refusals that name no field, and Save (disabled while invalid)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain.errors import DomainError, ValidationError
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.widgets.record_picker import RecordPicker
from coop_desktop.gui.widgets.ui_files import child
from coop_desktop.gui.widgets.validation import (
    INVALID_STYLE,
    Check,
    Checker,
    Invalid,
    error_label,
)

W = TypeVar("W", bound=QWidget)


class FormDialog(QDialog):
    """A dialog that saves through a service. Subclasses build their fields with
    ``add_field`` and implement ``submit``, which calls the service and returns the new or
    changed record's id. The dialog is accepted only when ``submit`` succeeded."""

    def __init__(self, context: AppContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.context = context
        self.saved_id: int | None = None
        self.setStyleSheet(INVALID_STYLE)
        self.setMinimumWidth(460)
        self.body = QVBoxLayout()
        self.pending = QLabel(self)
        self.pending.setObjectName("pending")
        self.pending.setProperty("role", "pending")
        self.pending.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setProperty("role", "message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.checker = Checker(self, self.message, self.pending)
        self.checker.validity_changed.connect(self.save_button.setEnabled)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.pending)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    # --- building -------------------------------------------------------------------------
    def new_form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.body.addLayout(form)
        return form

    def add_field(self, form: QFormLayout, name: str, label: str, editor: QWidget,
                  *checks: Check, aliases: tuple[str, ...] = (),
                  shown: QWidget | None = None) -> QLabel:
        """A row: the label, the editor (or ``shown``, a widget holding it with others) and,
        under it, the sentence when it is wrong."""
        holder = QWidget(self)
        holder.setObjectName(f"{name}_row")
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if not editor.objectName():
            editor.setObjectName(name)
        error = error_label(holder, name)
        column.addWidget(shown or editor)
        column.addWidget(error)
        form.addRow(label, holder)
        self.checker.add(name, label, editor, error, *checks, aliases=aliases)
        return error

    def add_ui_field(self, root: QWidget, name: str, kind: type[W], *checks: Check,
                     aliases: tuple[str, ...] = ()) -> W:
        """A field of a Designer form: the editor ``name``, its label ``name_label`` and the
        label ``name_error`` under it for the sentence."""
        editor = child(root, kind, name)
        label = child(root, QLabel, f"{name}_label").text()
        error = child(root, QLabel, f"{name}_error")
        error.setProperty("role", "field-error")
        error.hide()
        self.checker.add(name, label, editor, error, *checks, aliases=aliases)
        return editor

    def picked(self, picker: RecordPicker, name: str, required: bool = True) -> Check:
        """A check that the picker holds a record (when ``required``) and that typed text was
        turned into a choice."""
        def check() -> None:
            if picker.record_id() is not None:
                return
            if picker.text().strip():
                raise Invalid(QCoreApplication.translate(
                    "FormDialog", "Choose one of the records the list offers, or clear the "
                                  "field."))
            if required:
                raise ValidationError("value.required", field=name)
        return check

    @staticmethod
    def chosen(picker: RecordPicker, name: str) -> int:
        """The picker's record id at save time (its check made sure there is one)."""
        record_id = picker.record_id()
        if record_id is None:
            raise ValidationError("value.required", field=name)
        return record_id

    def header(self, text: str) -> QLabel:
        """A line at the top saying which record the dialog acts on."""
        label = QLabel(text, self)
        label.setObjectName("subject")
        label.setWordWrap(True)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        self.body.addWidget(label)
        return label

    def set_row_visible(self, form: QFormLayout, name: str, visible: bool) -> None:
        holder = self.findChild(QWidget, f"{name}_row")
        if holder is not None:
            form.setRowVisible(holder, visible)

    def start(self) -> None:
        """Run the checks once the fields are built and filled (call at the end of __init__)."""
        self.checker.run()

    # --- saving ---------------------------------------------------------------------------
    def save(self) -> bool:
        """Check, then save through the service; a refusal is shown and the dialog stays."""
        for picker in self.findChildren(RecordPicker):
            picker.settle()  # Enter may come before a typed code's search ran
        if not self.checker.run(show_all=True):
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.saved_id = self.submit()
        except DomainError as error:
            self.checker.show_refusal(error)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()
        return True

    def submit(self) -> int | None:
        raise NotImplementedError


def changed_fields(original: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The values that differ from the record as it was loaded (both compared as text, the
    way snapshots hold them), so an edit sends, and the audit trail shows, only changes."""
    def plain(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return format(value.normalize(), "f")
        return str(value)

    return {name: value for name, value in values.items()
            if plain(value) != plain(original.get(name))}
