"""The shipment form: to which customer, when, on which vehicle, and its lines of released
lots (picked or scanned), none taking more of a lot than is left."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from coop_desktop.domain.codes import normalize_code
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import register
from coop_desktop.gui.forms.base import FormDialog
from coop_desktop.gui.forms.customers import CustomerForm
from coop_desktop.gui.forms.record_summary import RecordSummary
from coop_desktop.gui.forms.shipment_lines import ShipmentLines
from coop_desktop.gui.widgets.date_field import DateField
from coop_desktop.gui.widgets.record_picker import RecordPicker
from coop_desktop.services.choices import suggest_record_code
from coop_desktop.services.permissions import Permission
from coop_desktop.services.sales import record_shipment
from coop_desktop.services.work import past_date, required_text


class ShipmentForm(FormDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("New shipment"))
        self.setMinimumSize(760, 620)
        form = self.new_form()
        self.shipped_on = DateField(self)
        self.code = QLineEdit(suggest_record_code(context.database, context.actor, "shipments",
                                                  self.shipped_on.value()), self)
        self.code.setMaxLength(40)
        self.add_field(form, "code", self.tr("Shipment no."), self.code,
                       lambda: normalize_code(required_text(self.code.text(), "code")))
        self.customer = RecordPicker(self, context, "customers")
        self.new_customer = QPushButton(self.tr("New customer…"), self)
        self.new_customer.setObjectName("new_customer")
        self.new_customer.setAutoDefault(False)
        self.new_customer.clicked.connect(self.add_customer)
        customer_row = QWidget(self)
        row = QHBoxLayout(customer_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.customer, 1)
        row.addWidget(self.new_customer)
        self.add_field(form, "customer_id", self.tr("Customer"), self.customer,
                       self.picked(self.customer, "customer_id"), shown=customer_row)
        self.add_field(form, "shipped_on", self.tr("Shipped on"), self.shipped_on,
                       lambda: past_date(self.shipped_on.value(), "shipped_on"))
        self.vehicle = QLineEdit(self)
        self.vehicle.setMaxLength(40)
        self.vehicle.setPlaceholderText(self.tr("Number plate"))
        self.add_field(form, "vehicle", self.tr("Vehicle"), self.vehicle)
        self.driver = QLineEdit(self)
        self.driver.setMaxLength(60)
        self.add_field(form, "driver", self.tr("Driver"), self.driver)
        self.lines = ShipmentLines(context, self)
        self.add_field(form, "lines", self.tr("Lines"), self.lines, self.lines.check,
                       aliases=("lot_id", "quantity", "unit_price", "package_id"))
        self.notes = QLineEdit(self)
        self.add_field(form, "notes", self.tr("Notes"), self.notes)
        self.start()

    def add_customer(self) -> None:
        dialog = CustomerForm(self.context, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_id is not None:
            self.customer.set_record(dialog.saved_id)

    def submit(self) -> int | None:
        return record_shipment(
            self.context.database, self.context.actor, code=self.code.text().strip(),
            customer_id=self.chosen(self.customer, "customer_id"),
            shipped_on=self.shipped_on.value(), lines=self.lines.lines(),
            vehicle=self.vehicle.text().strip(), driver=self.driver.text().strip(),
            notes=self.notes.text().strip())


@register("shipments", Permission.MANAGE_SALES)
def shipment_form(context: AppContext, row: dict[str, Any] | None, parent: QWidget) -> QDialog:
    if row is not None:
        return RecordSummary(context, "shipments", row, parent)
    return ShipmentForm(context, parent)
