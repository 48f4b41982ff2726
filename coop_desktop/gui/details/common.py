"""What the detail panes share: how values read, a read-only table, a box of facts and the
pane's heading. Not a pane itself (it registers nothing)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain.errors import DomainError
from coop_desktop.domain.vocabulary import name_of

WARNING_BACKGROUND = QColor("#FDE2E1")  # a running PHI or withdrawal period
WARNING_TEXT = QColor("#9B1C1C")
NOTE_BACKGROUND = QColor("#FFF4D6")  # a value to look at twice (no price yet, a failed test)
MAX_COLUMN_WIDTH = 180  # a long text column must not push the others out of a narrow pane
PANE_MIN_WIDTH = 440  # the list beside a pane gives way to it down to this


def quantity_text(value: Decimal | None, unit: str = "") -> str:
    """A quantity without the trailing zeros of its stored scale: 304.860 -> 304.86."""
    if value is None:
        return ""
    text = f"{value:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text} {unit}".strip()


def money_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def date_text(value: dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def text_of(value: object) -> str:
    """Any value of a story as a person reads it."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return name_of(value)
    if isinstance(value, Decimal):
        return quantity_text(value)
    if isinstance(value, dt.date):
        return date_text(value)
    if isinstance(value, bool):
        return QCoreApplication.translate("Columns", "yes") if value else ""
    return str(value)


@dataclass(frozen=True)
class Cell:
    """A table cell with what makes it stand out."""

    text: str
    numeric: bool = False
    warning: bool = False  # a period still running: red on pink, bold
    note: bool = False  # pale yellow
    tooltip: str = ""


CellLike = Cell | str


class RecordTable(QTableWidget):
    """A small read-only table of a record's related rows."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(22)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_rows(self, rows: Iterable[Sequence[CellLike]]) -> None:
        table = list(rows)
        self.setRowCount(0)
        self.setRowCount(len(table))
        bold = QFont(self.font())
        bold.setBold(True)
        for row_index, row in enumerate(table):
            for column, value in enumerate(row):
                cell = value if isinstance(value, Cell) else Cell(value)
                item = QTableWidgetItem(cell.text)
                if cell.numeric:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if cell.warning:
                    item.setBackground(QBrush(WARNING_BACKGROUND))
                    item.setForeground(QBrush(WARNING_TEXT))
                    item.setFont(bold)
                elif cell.note:
                    item.setBackground(QBrush(NOTE_BACKGROUND))
                if cell.tooltip or len(cell.text) > 12:  # the whole of a clipped text
                    item.setToolTip(cell.tooltip or cell.text)
                self.setItem(row_index, column, item)
        self.resizeColumnsToContents()
        for column in range(self.columnCount()):
            self.setColumnWidth(column, min(self.columnWidth(column), MAX_COLUMN_WIDTH))

    def cell_text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def column_texts(self, column: int) -> list[str]:
        return [self.cell_text(row, column) for row in range(self.rowCount())]

    def header_texts(self) -> list[str]:
        items = (self.horizontalHeaderItem(column) for column in range(self.columnCount()))
        return [item.text() if item is not None else "" for item in items]


class FactsBox(QGroupBox):
    """A record's own fields, label beside value, in one or more columns."""

    def __init__(self, title: str, parent: QWidget | None = None, columns: int = 1) -> None:
        super().__init__(title, parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.setSpacing(18)
        self.forms: list[QFormLayout] = []
        for _ in range(columns):
            form = QFormLayout()
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setVerticalSpacing(3)
            row.addLayout(form, 1)
            self.forms.append(form)
        self.values: dict[str, QLabel] = {}

    def set_facts(self, facts: Sequence[tuple[str, str]]) -> None:
        """(label, value) pairs, down the first column, then the next; the labels are
        translated by the caller."""
        for form in self.forms:
            while form.rowCount():
                form.removeRow(0)
        self.values = {}
        per_column = -(-len(facts) // len(self.forms))
        for index, (label, value) in enumerate(facts):
            shown = QLabel(value or "—", self)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            self.forms[index // per_column].addRow(label, shown)
            self.values[label] = shown

    def value(self, label: str) -> str:
        return self.values[label].text()


class PaneHeading(QWidget):
    """The record's code and what it is, large, and one line that matters most (a running
    withdrawal period, a batch inside its PHI), highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("title")
        font = QFont(self.title.font())
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("subtitle")
        self.subtitle.setWordWrap(True)
        self.alert = QLabel(self)
        self.alert.setObjectName("alert")
        self.alert.setWordWrap(True)
        self.alert.setStyleSheet(
            f"QLabel {{ background: {WARNING_BACKGROUND.name()}; color: {WARNING_TEXT.name()};"
            " padding: 4px; border-radius: 3px; font-weight: bold; }")
        self.alert.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.alert)

    def set_heading(self, title: str, subtitle: str = "", alert: str = "") -> None:
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))
        self.alert.setText(alert)
        self.alert.setVisible(bool(alert))


StoryT = TypeVar("StoryT")


def story_or_refusal(pane: Any, load: Callable[[], StoryT], code: str,
                     content: QWidget) -> StoryT | None:
    """Load a pane's story; when the service refuses (a role, a record gone), say why in the
    heading, hide the content and show the placeholder."""
    try:
        return load()
    except DomainError as error:
        pane.story = None
        pane.heading.set_heading(code, "", str(error))
        content.setVisible(False)
        pane.placeholder.setVisible(True)
        return None


def lay_out_pane(pane: QWidget, heading: QWidget, content: QWidget, hint: str) -> QLabel:
    """Stack a pane: its heading, its content (hidden until a record is shown) and the
    placeholder saying nothing is selected. Returns the placeholder."""
    content.setVisible(False)
    placeholder = empty_hint(pane, hint)
    layout = QVBoxLayout(pane)
    layout.addWidget(heading)
    layout.addWidget(content, 1)
    layout.addWidget(placeholder, 1)
    return placeholder


def empty_hint(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet("QLabel { color: #666; }")
    return label
