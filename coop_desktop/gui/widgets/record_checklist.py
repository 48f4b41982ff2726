"""Choose several records (a certificate's products, plots or members): search as you type,
tick the matches; ticked records stay at the top of the list whatever is searched next."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from coop_desktop.domain.errors import DomainError
from coop_desktop.gui.context import AppContext
from coop_desktop.services.choices import Choice, choices_for, search_choices

SEARCH_DELAY_MS = 250
PAGE = 30


class RecordChecklist(QWidget):
    changed = Signal()

    def __init__(self, context: AppContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._kind = kind
        self._chosen: dict[int, Choice] = {}
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search…"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("list")
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.search.textChanged.connect(self._timer.start)
        self.list.itemChanged.connect(self._ticked)
        self.search_now()

    def selected_ids(self) -> list[int]:
        return list(self._chosen)

    def selected(self) -> list[Choice]:
        return list(self._chosen.values())

    def set_selected(self, record_ids: Sequence[int]) -> None:
        self._chosen = {choice.id: choice for choice in choices_for(
            self._context.database, self._context.actor, self._kind, record_ids)}
        self.search_now()
        self.changed.emit()

    def tick(self, code: str) -> bool:
        """Tick the listed record with this code (a keyboard-free shortcut for scripts)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole + 1) == code:
                item.setCheckState(Qt.CheckState.Checked)
                return True
        return False

    def search_now(self) -> None:
        self._timer.stop()
        try:
            found = search_choices(self._context.database, self._context.actor, self._kind,
                                   self.search.text(), exclude_ids=list(self._chosen),
                                   limit=PAGE)
        except DomainError as error:
            self.summary.setText(str(error))
            return
        self.list.blockSignals(True)
        self.list.clear()
        for choice in [*self._chosen.values(), *found]:
            item = QListWidgetItem(choice.text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, choice.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if choice.id in self._chosen
                               else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._show_summary()

    def _ticked(self, item: QListWidgetItem) -> None:
        record_id = int(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            code = str(item.data(Qt.ItemDataRole.UserRole + 1))
            label = item.text().split(" — ", 1)[1] if " — " in item.text() else ""
            self._chosen[record_id] = Choice(record_id, code, label)
        else:
            self._chosen.pop(record_id, None)
        self._show_summary()
        self.changed.emit()

    def _show_summary(self) -> None:
        self.summary.setText(self.tr("%n chosen", "", len(self._chosen)))
