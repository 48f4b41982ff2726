"""The harvests and member deliveries of a product that still have something left, to tick
and take from for a new lot."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain.errors import DomainError, RuleViolation, ValidationError
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.widgets.validation import MISSING, Invalid, sentence
from coop_desktop.services.choices import SourceChoice, available_sources, plain_number
from coop_desktop.services.lots import SourceInput
from coop_desktop.services.work import positive_quantity, required_text

SOURCE, DAY, MEMBER, GRADE, LEFT, TAKE = range(6)


class SourceTable(QWidget):
    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._sources: list[SourceChoice] = []
        self._loaded = False
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("sources")
        self.table.setHorizontalHeaderLabels([
            self.tr("Source"), self.tr("Date"), self.tr("Member"), self.tr("Grade"),
            self.tr("Left"), self.tr("Take")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.total = QLabel(self)
        self.total.setObjectName("total")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        self.table.itemChanged.connect(self._edited)
        self._show_total()

    def load(self, product_id: int | None) -> None:
        """Offer what is left of the product's harvests and deliveries, newest first."""
        self._sources = (available_sources(self.context.database, self.context.actor,
                                           product_id) if product_id is not None else [])
        self._loaded = product_id is not None
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for source in self._sources:
            row = self.table.rowCount()
            self.table.insertRow(row)
            kind = self.tr("Harvest") if source.kind == "harvest" else self.tr("Delivery")
            texts = {SOURCE: f"{kind} {source.code}", DAY: source.day.isoformat(),
                     MEMBER: source.member, GRADE: source.grade,
                     LEFT: f"{plain_number(source.left)} {source.unit}", TAKE: ""}
            for column, text in texts.items():
                item = QTableWidgetItem(text)
                if column != TAKE:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column in (LEFT, TAKE):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
            first = self.table.item(row, SOURCE)
            if first is not None:
                first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                first.setCheckState(Qt.CheckState.Unchecked)
        self.table.blockSignals(False)
        self._show_total()
        self.changed.emit()

    def sources(self) -> list[SourceChoice]:
        return list(self._sources)

    def take(self, row: int, quantity: str | None = None) -> None:
        """Tick a source, taking ``quantity`` of it (all that is left by default)."""
        first = self.table.item(row, SOURCE)
        if first is not None:
            first.setCheckState(Qt.CheckState.Checked)
        if quantity is not None:
            self._set(row, TAKE, quantity)

    def _set(self, row: int, column: int, text: str) -> None:
        item = self.table.item(row, column)
        if item is not None:
            item.setText(text)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _ticked(self, row: int) -> bool:
        item = self.table.item(row, SOURCE)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def _edited(self, item: QTableWidgetItem) -> None:
        row = item.row()
        if item.column() == SOURCE:
            self.table.blockSignals(True)
            self._set(row, TAKE, plain_number(self._sources[row].left)
                      if self._ticked(row) else "")
            self.table.blockSignals(False)
        elif item.column() == TAKE and self._text(row, TAKE) and not self._ticked(row):
            first = self.table.item(row, SOURCE)
            if first is not None:
                self.table.blockSignals(True)
                first.setCheckState(Qt.CheckState.Checked)
                self.table.blockSignals(False)
        self._show_total()
        self.changed.emit()

    def total_taken(self) -> Decimal:
        total = Decimal(0)
        for row in range(self.table.rowCount()):
            if self._ticked(row):
                try:
                    amount = Decimal(self._text(row, TAKE))
                except InvalidOperation:
                    continue
                if amount.is_finite() and amount > 0:
                    total += amount
        return total

    def _show_total(self) -> None:
        ticked = sum(1 for row in range(self.table.rowCount()) if self._ticked(row))
        unit = self._sources[0].unit if self._sources else ""
        if not self._sources:
            self.total.setText(self.tr("Nothing of this product is left in harvests or "
                                       "deliveries.") if self._loaded else "")
            return
        if not ticked:
            self.total.setText(self.tr("Tick the harvests and deliveries the lot is made of."))
            return
        self.total.setText(self.tr("The new lot: %1 %2 from %3 source(s).").replace(
            "%1", plain_number(self.total_taken())).replace("%2", unit).replace(
            "%3", str(ticked)))

    def check(self) -> None:
        """At least one source; each takes a quantity no more than what is left of it."""
        ticked = [row for row in range(self.table.rowCount()) if self._ticked(row)]
        if not ticked:
            raise ValidationError("lot.no_sources")
        for row in ticked:
            source = self._sources[row]
            try:
                amount = positive_quantity(required_text(self._text(row, TAKE), "quantity"),
                                           "quantity")
            except DomainError as error:
                raise Invalid(self.tr("%1: %2").replace("%1", self._text(row, SOURCE)).replace(
                    "%2", sentence(error, {"quantity": self.tr("Take")})),
                    missing=error.code in MISSING) from None
            if amount > source.left:
                raise RuleViolation("mass_balance.source_exhausted", source=source.code,
                                    available=plain_number(source.left),
                                    requested=plain_number(amount), unit=source.unit)

    def inputs(self) -> list[SourceInput]:
        return [SourceInput("harvest" if self._sources[row].kind == "harvest" else "delivery",
                            self._sources[row].record_id, self._text(row, TAKE))
                for row in range(self.table.rowCount()) if self._ticked(row)]
