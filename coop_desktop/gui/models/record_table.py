"""A table model over plain rows (dicts) fetched from a service page by page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

Row = dict[str, Any]
Fetch = Callable[[int, int], list[Row]]  # (offset, limit) -> rows
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: the row key it shows, its header (translated in context "Columns"), how
    the value reads, and whether it is a number (right-aligned)."""

    key: str
    header: str
    display: Callable[[Any], str] | None = None
    numeric: bool = False
    sortable: bool = True
    sort_key: str | None = None  # the record field to sort by, when it differs from ``key``

    def text(self, row: Row) -> str:
        value = row.get(self.key)
        if self.display is not None:
            return self.display(value)
        return "" if value is None else str(value)

    def title(self) -> str:
        return QCoreApplication.translate("Columns", self.header)


class RecordTableModel(QAbstractTableModel):
    """Rows arrive in pages as the view scrolls (``canFetchMore``/``fetchMore``); a new query
    resets the model. Sorting is done by the database: ``sort_requested`` tells the page."""

    PAGE_SIZE = 200

    def __init__(self, columns: Sequence[Column], fetch: Fetch | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Row] = []
        self._fetch = fetch
        self._exhausted = fetch is None
        self.sort_requested: Callable[[str, bool], None] | None = None

    # --- data ---------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self._columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.UserRole:
            return row.get(column.key)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self._columns):
                return self._columns[section].title()
            return None
        return super().headerData(section, orientation, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- paging -------------------------------------------------------------------------
    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._fetch is None:
            return
        page = self._fetch(len(self._rows), self.PAGE_SIZE)
        if len(page) < self.PAGE_SIZE:
            self._exhausted = True
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def reset(self, fetch: Fetch) -> None:
        """Show a new query from its first page."""
        self.beginResetModel()
        self._rows = []
        self._fetch = fetch
        self._exhausted = False
        self.endResetModel()
        self.fetchMore()

    # --- sorting and access -------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or self.sort_requested is None:
            return
        spec = self._columns[column]
        if spec.sortable:
            self.sort_requested(spec.sort_key or spec.key,
                                order == Qt.SortOrder.DescendingOrder)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def columns(self) -> list[Column]:
        return list(self._columns)

    def loaded_rows(self) -> int:
        return len(self._rows)
