"""Split a lot into smaller lots (by grade, by buyer…): what each new lot holds, a declared
loss with its reason, and a live mass balance that never lets outputs and loss exceed what is
left of the lot."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from coop_desktop.domain.errors import DomainError, RuleViolation
from coop_desktop.domain.rules import MassBalance
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms.base import FormDialog
from coop_desktop.gui.forms.lot_outputs import LotOutputs
from coop_desktop.gui.widgets.date_field import DateField, OptionalDateField
from coop_desktop.gui.widgets.quantity_field import QuantityField
from coop_desktop.services.choices import lot_stock, plain_number
from coop_desktop.services.lots import split_lot, suggest_lot_code
from coop_desktop.services.work import non_negative, past_date, required_text, to_decimal


class SplitForm(FormDialog):
    def __init__(self, context: AppContext, lot_id: int, parent: QWidget | None = None) -> None:
        db, actor = context.database, context.actor
        self.lot_id = lot_id
        self.stock = stock = lot_stock(db, actor, lot_id)
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("Split lot"))
        self.setMinimumSize(600, 560)
        self.header(self.tr("Lot %1: %2, %3 %4 left").replace("%1", stock.code)
                    .replace("%2", stock.product).replace("%3", plain_number(stock.left))
                    .replace("%4", stock.unit))
        form = self.new_form()
        self.outputs = LotOutputs(suggest_lot_code(db, stock.product_code, dt.date.today()),
                                  self)
        self.outputs.add_row(grade=stock.grade)
        self.outputs.add_row(grade=stock.grade)
        self.add_field(form, "outputs", self.tr("New lots"), self.outputs, self.outputs.check,
                       self._check_balance, aliases=("quantity", "code"))
        self.loss = QuantityField(self, stock.unit)
        self.add_field(form, "loss", self.tr("Declared loss"), self.loss,
                       lambda: non_negative(self.loss.text() or "0", "loss"))
        self.loss_reason = QLineEdit(self)
        self.loss_reason.setPlaceholderText(self.tr("Trimming, water loss, rejects…"))
        self.add_field(form, "loss_reason", self.tr("Reason for the loss"), self.loss_reason,
                       self._check_reason)
        self.balance = QLabel(self)
        self.balance.setObjectName("balance")
        self.balance.setWordWrap(True)
        form.addRow(self.tr("Mass balance"), self.balance)
        self.occurred_on = DateField(self)
        self.add_field(form, "occurred_on", self.tr("Split on"), self.occurred_on,
                       lambda: past_date(self.occurred_on.value(), "occurred_on"))
        self.pack_date = OptionalDateField(self)
        self.add_field(form, "pack_date", self.tr("Packed on"), self.pack_date)
        self.outputs.changed.connect(self._show_balance)
        self.loss.changed.connect(self._show_balance)
        self.save_button.setText(self.tr("Split"))
        self._show_balance()
        self.start()

    def _loss(self) -> Decimal:
        try:
            loss = to_decimal(self.loss.text() or "0", "loss")
        except DomainError:  # an unreadable loss counts as none; its field says why
            return Decimal(0)
        return max(loss, Decimal(0))

    def _balance(self) -> MassBalance:
        return MassBalance(inputs=self.stock.left, outputs=self.outputs.total(),
                           loss=self._loss())

    def _show_balance(self) -> None:
        balance, unit = self._balance(), self.stock.unit
        number = plain_number
        if balance.holds:
            text = self.tr("%1 + loss %2 = %3 of %4 %5; %6 %5 stay in lot %7.")
        else:
            text = self.tr("%1 + loss %2 = %3 %5, more than the %4 %5 left.")
        outputs = " + ".join(amount for amount in self.outputs.amounts() if amount) or "0"
        self.balance.setText(
            text.replace("%1", outputs).replace("%2", number(balance.loss))
            .replace("%3", number(balance.outputs + balance.loss))
            .replace("%4", number(balance.inputs)).replace("%5", unit)
            .replace("%6", number(balance.unaccounted)).replace("%7", self.stock.code))
        self.balance.setStyleSheet("" if balance.holds else "color: #b00020")

    def _check_balance(self) -> None:
        balance = self._balance()
        if not balance.holds:
            raise RuleViolation("mass_balance.outputs_exceed",
                                outputs=plain_number(balance.outputs),
                                loss=plain_number(balance.loss),
                                inputs=plain_number(balance.inputs), unit=self.stock.unit)

    def _check_reason(self) -> None:
        if self._loss() > 0:
            required_text(self.loss_reason.text(), "loss_reason")

    def submit(self) -> int | None:
        children = split_lot(self.context.database, self.context.actor, self.lot_id,
                             self.outputs.outputs(), loss=self.loss.text() or "0",
                             loss_reason=self.loss_reason.text().strip(),
                             occurred_on=self.occurred_on.value(),
                             pack_date=self.pack_date.value())
        return children[0] if children else None
