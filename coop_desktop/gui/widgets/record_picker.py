"""Pick a related record (member, plot, product, batch, animal, lot, customer) by typing part
of its code or name: the search runs through the choices service a moment after the last key,
shows at most a page of ``code — name`` matches, and the picker holds the chosen record's id.
A typed (or scanned) code that matches a record exactly is chosen at once."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QIcon,
    QPainter,
    QPixmap,
    QPolygonF,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from coop_desktop.domain.errors import DomainError
from coop_desktop.gui.context import AppContext
from coop_desktop.services.choices import Choice, choice_for, search_choices
from coop_desktop.services.permissions import Actor
from coop_desktop.storage.database import Database

SEARCH_DELAY_MS = 250
PAGE = 20


def _chevron() -> QIcon:
    """A small grey triangle: the list of records opens under the field."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 0))
    painter.setBrush(QColor(96, 96, 96))
    painter.drawPolygon(QPolygonF([QPointF(4, 6), QPointF(12, 6), QPointF(8, 11)]))
    painter.end()
    return QIcon(pixmap)


class RecordPicker(QLineEdit):
    """``record_id`` is the chosen record, None until one is chosen."""

    changed = Signal()  # the text or the choice changed
    record_changed = Signal(object)  # the chosen id, or None

    def __init__(self, parent: QWidget | None = None, context: AppContext | None = None,
                 kind: str = "", *, filters: Mapping[str, Any] | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._kind = kind
        self._filters: dict[str, Any] = dict(filters or {})
        self._exclude: set[int] = set()
        self._choice: Choice | None = None
        self._chosen_text = ""
        self._results: list[Choice] = []
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setWidget(self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self._completer.activated.connect(self._activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(lambda: self.search_now(popup=True))
        self.textEdited.connect(self._typed)
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("Type a code or a name…"))
        browse = self.addAction(_chevron(), QLineEdit.ActionPosition.TrailingPosition)
        browse.setToolTip(self.tr("Show the records to choose from"))
        browse.triggered.connect(self.browse)

    def bind(self, context: AppContext, kind: str,
             filters: Mapping[str, Any] | None = None) -> None:
        """What to search (for a picker made by a Designer form, which knows no context)."""
        self._context, self._kind = context, kind
        self._filters = dict(filters or {})

    # --- the choice -----------------------------------------------------------------------
    def record_id(self) -> int | None:
        return self._choice.id if self._choice else None

    def choice(self) -> Choice | None:
        return self._choice

    def results(self) -> list[Choice]:
        """The matches of the last search."""
        return list(self._results)

    def choose(self, choice: Choice | None, *, keep_text: bool = False) -> None:
        """Hold ``choice`` and show it (or keep the typed code, while the user types on)."""
        previous = self.record_id()
        self._choice = choice
        if choice is not None and not keep_text:
            self.setText(choice.text)
        if choice is None and not keep_text:
            self.clear()
        self._chosen_text = self.text()
        if self.record_id() != previous:
            self.record_changed.emit(self.record_id())
        self.changed.emit()

    def set_record(self, record_id: int | None) -> None:
        """Show the record with this id (an edit form's stored value)."""
        self.choose(choice_for(self._db(), self._actor(), self._kind, record_id)
                    if record_id is not None else None)

    def set_filters(self, **filters: Any) -> None:
        """Narrow the search (a member's batches, a species' dams). A chosen record outside
        the new filters is let go."""
        self._filters.update(filters)
        current = self._choice
        if current is not None and not any(
                found.id == current.id for found in self._search(current.code)):
            self.choose(None)

    def set_excluded(self, record_ids: Collection[int]) -> None:
        self._exclude = set(record_ids)

    # --- searching ------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        if self._choice is not None and text != self._chosen_text:
            self._choice = None
            self.record_changed.emit(None)
        self.changed.emit()
        self._timer.start()

    def search_now(self, *, popup: bool = False) -> list[Choice]:
        """Search for the text typed so far; an exact code is chosen, else the matches are
        offered."""
        self._timer.stop()
        if self._choice is not None:
            return self.results()
        self._fill(self._search(self.text()))
        wanted = self.text().strip().lower()
        exact = [found for found in self._results if found.code.lower() == wanted]
        if wanted and len(exact) == 1:
            self.choose(exact[0], keep_text=True)
        elif popup and self._results and self.hasFocus() and self.isActiveWindow():
            self._completer.complete()
        return self.results()

    def browse(self) -> None:
        """Offer the first records (or those matching the text) in the list under the field."""
        if self._choice is not None:
            self._fill(self._search(""))
        else:
            self.search_now()
        if self._results and self.isActiveWindow():
            self.setFocus()
            self._completer.complete()

    def _fill(self, results: list[Choice]) -> None:
        self._results = results
        self._model.clear()
        for found in results:
            item = QStandardItem(found.text)
            item.setData(found.id, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            self._model.appendRow(item)

    def _search(self, text: str) -> list[Choice]:
        if not self._kind:
            return []
        try:
            return search_choices(self._db(), self._actor(), self._kind, text,
                                  filters=self._filters, exclude_ids=self._exclude, limit=PAGE)
        except DomainError as error:
            self.setToolTip(str(error))
            return []

    def _activated(self, text: str) -> None:
        # Codes are unique, so the shown text names one record.
        found = next((choice for choice in self._results if choice.text == text), None)
        if found is not None:
            self.choose(found)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.settle()
        super().focusOutEvent(event)

    def settle(self) -> None:
        """Leaving the field: finish a pending search, take the only match, show the choice
        in full."""
        if self._timer.isActive() or (self._choice is None and self.text().strip()):
            self.search_now()
        if self._choice is None and len(self._results) == 1 and self.text().strip():
            self.choose(self._results[0])
        elif self._choice is not None and self.text() != self._choice.text:
            self.choose(self._choice)

    def _db(self) -> Database:
        return self._bound().database

    def _actor(self) -> Actor:
        return self._bound().actor

    def _bound(self) -> AppContext:
        if self._context is None:
            raise RuntimeError("RecordPicker used before bind()")
        return self._context
