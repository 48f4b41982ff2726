"""The lots a split makes: code, quantity and grade of each, with codes suggested in turn."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain.codes import normalize_lot_code
from coop_desktop.domain.errors import DomainError
from coop_desktop.gui.widgets.validation import MISSING, Invalid, sentence
from coop_desktop.services.lots import OutputInput
from coop_desktop.services.work import positive_quantity, required_text

CODE, QUANTITY, GRADE = range(3)


def next_code(code: str) -> str:
    """The code after ``code``: its trailing number plus one (LA25081501 -> LA25081502)."""
    digits = len(code) - len(code.rstrip("0123456789"))
    if digits == 0:
        return f"{code}-2"
    number = int(code[-digits:]) + 1
    return f"{code[:-digits]}{number:0{digits}d}"


class LotOutputs(QWidget):
    changed = Signal()

    def __init__(self, first_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_code = first_code
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("outputs")
        self.table.setHorizontalHeaderLabels([self.tr("New lot code"), self.tr("Quantity"),
                                              self.tr("Grade")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add_button = QPushButton(self.tr("Add output"), self)
        self.add_button.setObjectName("add_output")
        self.add_button.setAutoDefault(False)
        self.remove_button = QPushButton(self.tr("Remove output"), self)
        self.remove_button.setObjectName("remove_output")
        self.remove_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._add_empty_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())

    def add_row(self, quantity: str = "", grade: str = "", code: str | None = None) -> int:
        codes = [self._text(row, CODE) for row in range(self.table.rowCount())]
        if code is None:
            code = self.first_code
            while code in codes:
                code = next_code(code)
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in ((CODE, code), (QUANTITY, quantity), (GRADE, grade)):
            item = QTableWidgetItem(text)
            if column == QUANTITY:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.changed.emit()
        return row

    def _add_empty_row(self) -> None:
        self.table.setCurrentCell(self.add_row(), QUANTITY)

    def set_cell(self, row: int, column: int, text: str) -> None:
        item = self.table.item(row, column)
        if item is not None:
            item.setText(text)

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()},
                          reverse=True):
            self.table.removeRow(row)
        self.changed.emit()

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def total(self) -> Decimal:
        """The outputs' quantities added up (what cannot be read counts as nothing)."""
        total = Decimal(0)
        for row in range(self.table.rowCount()):
            try:
                amount = Decimal(self._text(row, QUANTITY))
            except InvalidOperation:
                continue
            if amount.is_finite() and amount > 0:
                total += amount
        return total

    def amounts(self) -> list[str]:
        return [self._text(row, QUANTITY) for row in range(self.table.rowCount())]

    def check(self) -> None:
        """Each output needs a lot code (A–Z, 0–9, -) not used twice and a quantity."""
        labels = {"code": self.tr("New lot code"), "quantity": self.tr("Quantity")}
        if self.table.rowCount() == 0:
            raise Invalid(self.tr("Add at least one output lot."), missing=True)
        seen: set[str] = set()
        for row in range(self.table.rowCount()):
            try:
                code = normalize_lot_code(required_text(self._text(row, CODE), "code"))
                positive_quantity(required_text(self._text(row, QUANTITY), "quantity"),
                                  "quantity")
            except DomainError as error:
                raise Invalid(self.tr("Row %1: %2").replace("%1", str(row + 1)).replace(
                    "%2", sentence(error, labels)), missing=error.code in MISSING) from None
            if code in seen:
                raise Invalid(self.tr("Row %1: the code %2 is used twice.").replace(
                    "%1", str(row + 1)).replace("%2", code))
            seen.add(code)

    def outputs(self) -> list[OutputInput]:
        return [OutputInput(code=self._text(row, CODE), quantity=self._text(row, QUANTITY),
                            grade=self._text(row, GRADE))
                for row in range(self.table.rowCount())]
