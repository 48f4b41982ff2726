"""The measured parameters of a quality record: name, value, limit, unit and whether the
limit is a maximum (residues: ≤ passes) or a minimum (≥ passes), each judged as typed."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain.errors import DomainError, ValidationError
from coop_desktop.gui.widgets.validation import MISSING, Invalid, sentence
from coop_desktop.services.quality import ParameterInput, parameter_passes
from coop_desktop.services.work import required_text, to_decimal

NAME, VALUE, LIMIT, UNIT, RULE, RESULT = range(6)
AT_MOST, AT_LEAST = "≤", "≥"


class ParameterTable(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("parameters")
        self.table.setHorizontalHeaderLabels([
            self.tr("Parameter"), self.tr("Value"), self.tr("Limit"), self.tr("Unit"),
            self.tr("Passes when"), self.tr("Result")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((VALUE, 80), (LIMIT, 80), (UNIT, 70), (RULE, 90),
                              (RESULT, 70)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add_button = QPushButton(self.tr("Add parameter"), self)
        self.add_button.setObjectName("add_parameter")
        self.add_button.setAutoDefault(False)
        self.remove_button = QPushButton(self.tr("Remove parameter"), self)
        self.remove_button.setObjectName("remove_parameter")
        self.remove_button.setAutoDefault(False)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("outcome")
        buttons = QHBoxLayout()
        buttons.addWidget(self.outcome, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._add_empty_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(self._edited)
        self.add_row()

    def add_row(self, name: str = "", value: str = "", limit: str = "", unit: str = "",
                at_most: bool = True) -> int:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in ((NAME, name), (VALUE, value), (LIMIT, limit), (UNIT, unit)):
            item = QTableWidgetItem(text)
            if column in (VALUE, LIMIT):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        result = QTableWidgetItem("")
        result.setFlags(result.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, RESULT, result)
        rule = QComboBox(self.table)
        rule.addItems([AT_MOST, AT_LEAST])
        rule.setCurrentIndex(0 if at_most else 1)
        rule.currentIndexChanged.connect(lambda _index: self._edited())
        self.table.setCellWidget(row, RULE, rule)
        self.table.blockSignals(False)
        self._edited()
        return row

    def _add_empty_row(self) -> None:
        self.table.setCurrentCell(self.add_row(), NAME)

    def set_cell(self, row: int, column: int, text: str) -> None:
        item = self.table.item(row, column)
        if item is not None:
            item.setText(text)

    def set_at_most(self, row: int, at_most: bool) -> None:
        rule = self.table.cellWidget(row, RULE)
        if isinstance(rule, QComboBox):
            rule.setCurrentIndex(0 if at_most else 1)

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()},
                          reverse=True):
            self.table.removeRow(row)
        self._edited()

    # --- reading and judging --------------------------------------------------------------
    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _at_most(self, row: int) -> bool:
        rule = self.table.cellWidget(row, RULE)
        return not isinstance(rule, QComboBox) or rule.currentText() == AT_MOST

    def _filled_rows(self) -> list[int]:
        return [row for row in range(self.table.rowCount())
                if any(self._text(row, column) for column in (NAME, VALUE, LIMIT, UNIT))]

    def _passes(self, row: int) -> bool | None:
        try:
            value = Decimal(self._text(row, VALUE))
            limit = Decimal(self._text(row, LIMIT)) if self._text(row, LIMIT) else None
        except InvalidOperation:
            return None
        if not value.is_finite() or (limit is not None and not limit.is_finite()):
            return None
        return parameter_passes(value, limit, self._at_most(row))

    def passes(self) -> bool | None:
        """Whether the record would pass: every parameter within its limit (None while a
        value cannot be judged yet)."""
        outcomes = [self._passes(row) for row in self._filled_rows()]
        if not outcomes or None in outcomes:
            return None
        return all(outcomes)

    def _edited(self, _item: QTableWidgetItem | None = None) -> None:
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            outcome = self._passes(row)
            item = self.table.item(row, RESULT)
            if item is not None:
                item.setText("" if outcome is None else
                             self.tr("pass") if outcome else self.tr("fail"))
                item.setForeground(Qt.GlobalColor.darkGreen if outcome else Qt.GlobalColor.red)
        self.table.blockSignals(False)
        overall = self.passes()
        self.outcome.setText("" if overall is None else
                             self.tr("Result: pass") if overall else self.tr("Result: fail"))
        self.outcome.setStyleSheet("" if overall is None else
                                   "color: #1b5e20" if overall else "color: #b00020")
        self.changed.emit()

    def check(self) -> None:
        """Refuse a record without parameters, or a row without a name or with a value or
        limit that is not a number (the row is named)."""
        rows = self._filled_rows()
        if not rows:
            raise ValidationError("quality.no_parameters")
        for row in rows:
            try:
                required_text(self._text(row, NAME), "parameter")
                to_decimal(self._text(row, VALUE), "value")
                if self._text(row, LIMIT):
                    to_decimal(self._text(row, LIMIT), "limit")
            except DomainError as error:
                raise Invalid(self.tr("Row %1: %2").replace("%1", str(row + 1)).replace(
                    "%2", sentence(error, self.labels())),
                    missing=error.code in MISSING) from None

    def labels(self) -> dict[str, str]:
        return {"parameter": self.tr("Parameter"), "value": self.tr("Value"),
                "limit": self.tr("Limit")}

    def parameters(self) -> list[ParameterInput]:
        return [ParameterInput(name=self._text(row, NAME), value=self._text(row, VALUE),
                               limit=self._text(row, LIMIT) or None,
                               unit=self._text(row, UNIT), limit_is_maximum=self._at_most(row))
                for row in self._filled_rows()]
