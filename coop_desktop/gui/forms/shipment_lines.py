"""The lines of a shipment: released lots with the quantity taken from each, added by
picking a lot or by scanning a label (which brings its lot, its serial and its net weight)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain.errors import DomainError, RuleViolation, ValidationError
from coop_desktop.domain.models import LotStatus
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.widgets.quantity_field import QuantityField
from coop_desktop.gui.widgets.record_picker import RecordPicker
from coop_desktop.gui.widgets.scan_field import ScanField
from coop_desktop.gui.widgets.validation import sentence
from coop_desktop.services.choices import LotStock, lot_stock, plain_number, scanned_lot
from coop_desktop.services.sales import LineInput
from coop_desktop.services.work import non_negative, positive_quantity, required_text

LOT, PRODUCT, LEFT, QUANTITY, PRICE, LABEL = range(6)


@dataclass
class _Line:
    stock: LotStock
    package_id: int | None
    serial: int | None


class ShipmentLines(QWidget):
    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._lines: list[_Line] = []
        self.scan = ScanField(self)
        self.scan.setObjectName("scan")
        self.scan.setPlaceholderText(self.tr("Scan a label, or type a lot code and press Enter"))
        self.scan_note = QLabel(self)
        self.scan_note.setObjectName("scan_note")
        self.scan_note.setWordWrap(True)
        self.scan_note.hide()
        self.lot = RecordPicker(self, context, "lots",
                                filters={"status": LotStatus.RELEASED.value})
        self.lot.setObjectName("lot")
        self.lot.setPlaceholderText(self.tr("Or choose a released lot…"))
        self.quantity = QuantityField(self, "kg")
        self.quantity.setObjectName("line_quantity")
        self.quantity.line.setPlaceholderText(self.tr("Quantity"))
        self.quantity.line.setMinimumWidth(80)
        self.price = QuantityField(self, self.tr("yuan"))
        self.price.setObjectName("line_price")
        self.price.line.setPlaceholderText(self.tr("Unit price"))
        self.price.line.setMinimumWidth(80)
        self.add_button = QPushButton(self.tr("Add line"), self)
        self.add_button.setObjectName("add_line")
        self.add_button.setAutoDefault(False)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("lines")
        self.table.setHorizontalHeaderLabels([
            self.tr("Lot"), self.tr("Product"), self.tr("Left"), self.tr("Quantity"),
            self.tr("Unit price"), self.tr("Label")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.remove_button = QPushButton(self.tr("Remove line"), self)
        self.remove_button.setObjectName("remove_line")
        self.remove_button.setAutoDefault(False)
        pick = QHBoxLayout()
        pick.addWidget(self.lot, 3)
        pick.addWidget(self.quantity, 1)
        pick.addWidget(self.price, 1)
        pick.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scan)
        layout.addWidget(self.scan_note)
        layout.addLayout(pick)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)
        self.scan.scanned.connect(self.add_scanned)
        self.lot.record_changed.connect(self._lot_chosen)
        self.add_button.clicked.connect(self.add_picked)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())

    # --- adding ---------------------------------------------------------------------------
    def _lot_chosen(self, lot_id: int | None) -> None:
        if lot_id is None:
            return
        stock = lot_stock(self.context.database, self.context.actor, lot_id)
        self.quantity.set_unit(stock.unit)
        self.quantity.setText(plain_number(max(self._still_left(stock), Decimal(0))))

    def add_picked(self) -> bool:
        lot_id = self.lot.record_id()
        if lot_id is None:
            self._note(self.tr("Choose a released lot first."), error=True)
            return False
        stock = lot_stock(self.context.database, self.context.actor, lot_id)
        self.add_line(stock, self.quantity.text(), self.price.text())
        self.lot.choose(None)
        self.quantity.setText("")
        return True

    def add_scanned(self, text: str) -> bool:
        """Add the lot a scanned label or typed lot code names (a label's net weight is the
        line's quantity)."""
        try:
            found = scanned_lot(self.context.database, self.context.actor, text)
        except DomainError as error:
            self._note(str(error), error=True)
            return False
        if found is None:
            self._note(self.tr("No lot or label has the code %1.").replace("%1", text),
                       error=True)
            return False
        stock = found.stock
        if stock.status != LotStatus.RELEASED:
            self._note(sentence(RuleViolation("shipment.lot_not_released", code=stock.code,
                                              status=stock.status.value)), error=True)
            return False
        if found.package_id is not None and any(
                line.package_id == found.package_id for line in self._lines):
            self._note(self.tr("Label %1 is already on this shipment.").replace(
                "%1", str(found.serial)), error=True)
            return False
        if found.net_weight is not None:
            quantity = found.net_weight
        else:
            quantity = max(self._still_left(stock), Decimal(0))
        self.add_line(stock, plain_number(quantity), "", found.package_id, found.serial)
        self._note(self.tr("Added %1 %2 of lot %3.").replace("%1", plain_number(quantity))
                   .replace("%2", stock.unit).replace("%3", stock.code), error=False)
        return True

    def add_line(self, stock: LotStock, quantity: str, price: str = "",
                 package_id: int | None = None, serial: int | None = None) -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        texts = {LOT: stock.code, PRODUCT: stock.product,
                 LEFT: f"{plain_number(stock.left)} {stock.unit}", QUANTITY: quantity,
                 PRICE: price, LABEL: str(serial) if serial is not None else ""}
        for column, text in texts.items():
            item = QTableWidgetItem(text)
            if column not in (QUANTITY, PRICE):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if column in (LEFT, QUANTITY, PRICE):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self._lines.append(_Line(stock, package_id, serial))
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
            del self._lines[row]
        if rows:
            self.changed.emit()

    def _note(self, text: str, *, error: bool) -> None:
        self.scan_note.setText(text)
        self.scan_note.show()
        self.scan_note.setStyleSheet("color: #b00020" if error else "color: #1b5e20")

    # --- reading --------------------------------------------------------------------------
    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _still_left(self, stock: LotStock) -> Decimal:
        taken = Decimal(0)
        for row, line in enumerate(self._lines):
            if line.stock.id == stock.id:
                try:
                    taken += Decimal(self._text(row, QUANTITY))
                except ArithmeticError:
                    continue
        return stock.left - taken

    def check(self) -> None:
        """Refuse no lines, a wrong quantity or price, or more of a lot than is left of it."""
        if not self._lines:
            raise ValidationError("value.required", field="lines")
        wanted: dict[int, Decimal] = {}
        for row, line in enumerate(self._lines):
            amount = positive_quantity(required_text(self._text(row, QUANTITY), "quantity"),
                                       "quantity")
            if self._text(row, PRICE):
                non_negative(self._text(row, PRICE), "unit_price")
            wanted[line.stock.id] = wanted.get(line.stock.id, Decimal(0)) + amount
        for line in self._lines:
            requested = wanted.pop(line.stock.id, None)
            if requested is not None and requested > line.stock.left:
                raise RuleViolation("mass_balance.source_exhausted", source=line.stock.code,
                                    available=plain_number(line.stock.left),
                                    requested=plain_number(requested), unit=line.stock.unit)

    def lines(self) -> list[LineInput]:
        return [LineInput(lot_id=line.stock.id, quantity=self._text(row, QUANTITY),
                          unit_price=self._text(row, PRICE) or None,
                          package_id=line.package_id)
                for row, line in enumerate(self._lines)]
