"""The member delivery form: who brought what, how much, from which of their planting
batches, of what grade and at what price."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QWidget

from coop_desktop.domain.codes import normalize_code
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.devices.scale_capture import ScaleCapture
from coop_desktop.gui.devices.settings import PACKING_SCALE
from coop_desktop.gui.forms import register
from coop_desktop.gui.forms.base import FormDialog
from coop_desktop.gui.forms.record_summary import RecordSummary
from coop_desktop.gui.widgets.date_field import DateField
from coop_desktop.gui.widgets.quantity_field import QuantityField
from coop_desktop.gui.widgets.record_picker import RecordPicker
from coop_desktop.services.choices import record_fields, suggest_record_code
from coop_desktop.services.deliveries import record_delivery
from coop_desktop.services.permissions import Permission
from coop_desktop.services.weighings import WeighingInput
from coop_desktop.services.work import non_negative, past_date, positive_quantity, required_text


class DeliveryForm(FormDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("New delivery"))
        self.weighing: WeighingInput | None = None
        self.scale = ScaleCapture(PACKING_SCALE, self, operator=context.actor.username)
        self.scale.captured.connect(self._weighed)
        self.finished.connect(self.scale.stop)
        self.body.addWidget(self.scale)
        form = self.new_form()
        self.delivered_on = DateField(self)
        self._suggested = suggest_record_code(context.database, context.actor, "deliveries",
                                              self.delivered_on.value())
        self.code = QLineEdit(self._suggested, self)
        self.code.setMaxLength(40)
        self.add_field(form, "code", self.tr("Delivery no."), self.code,
                       lambda: normalize_code(required_text(self.code.text(), "code")))
        self.add_field(form, "delivered_on", self.tr("Delivered on"), self.delivered_on,
                       lambda: past_date(self.delivered_on.value(), "delivered_on"))
        self.member = RecordPicker(self, context, "members")
        self.add_field(form, "member_id", self.tr("Member household"), self.member,
                       self.picked(self.member, "member_id"))
        self.product = RecordPicker(self, context, "products")
        self.add_field(form, "product_id", self.tr("Product"), self.product,
                       self.picked(self.product, "product_id"))
        self.batch = RecordPicker(self, context, "batches")
        self.batch.setPlaceholderText(self.tr("Optional: the planting batch it came from"))
        self.add_field(form, "batch_id", self.tr("Planting batch"), self.batch,
                       self.picked(self.batch, "batch_id", required=False))
        self.quantity = QuantityField(self, "kg")
        self.add_field(form, "quantity", self.tr("Quantity"), self.quantity,
                       lambda: positive_quantity(
                           required_text(self.quantity.text(), "quantity"), "quantity"))
        self.quantity.line.textEdited.connect(self._typed)
        self.grade = QComboBox(self)
        self.grade.setEditable(True)
        self.add_field(form, "grade", self.tr("Grade"), self.grade)
        self.unit_price = QuantityField(self, self.tr("yuan per kg"))
        self.add_field(form, "unit_price", self.tr("Unit price"), self.unit_price,
                       lambda: non_negative(self.unit_price.text(), "unit_price")
                       if self.unit_price.text() else None)
        self.member.record_changed.connect(self._narrow_batches)
        self.product.record_changed.connect(self._product_chosen)
        self.delivered_on.changed.connect(self._date_changed)
        self._narrow_batches()
        self.start()

    def _narrow_batches(self) -> None:
        self.batch.set_filters(member_id=self.member.record_id() or 0,
                               product_id=self.product.record_id())

    def _product_chosen(self, product_id: int | None) -> None:
        self._narrow_batches()
        self.grade.clear()
        if product_id is None:
            return
        product = record_fields(self.context.database, self.context.actor, "products",
                                product_id)
        unit = str(product["unit"])
        self.quantity.set_unit(unit)
        self.unit_price.set_unit(self.tr("yuan per %1").replace("%1", unit))
        self.grade.addItems(["", *(product.get("grades") or [])])

    def _date_changed(self) -> None:
        if self.code.text() == self._suggested:
            self._suggested = suggest_record_code(self.context.database, self.context.actor,
                                                  "deliveries", self.delivered_on.value())
            self.code.setText(self._suggested)

    def _weighed(self, weighing: WeighingInput) -> None:
        """The scale's net weight becomes the quantity; the weighing is saved with it."""
        self.weighing = weighing
        self.quantity.setText(str(weighing.net))

    def _typed(self) -> None:
        self.weighing = None  # a typed quantity is no longer the scale's

    def submit(self) -> int | None:
        weighing = self.weighing
        return record_delivery(
            self.context.database, self.context.actor, code=self.code.text().strip(),
            member_id=self.chosen(self.member, "member_id"),
            product_id=self.chosen(self.product, "product_id"),
            delivered_on=self.delivered_on.value(),
            quantity=None if weighing else self.quantity.text(), weighing=weighing,
            batch_id=self.batch.record_id(), grade=self.grade.currentText().strip(),
            unit_price=self.unit_price.value())


@register("deliveries", Permission.RECORD_DELIVERIES)
def delivery_form(context: AppContext, row: dict[str, Any] | None, parent: QWidget) -> QDialog:
    if row is not None:
        return RecordSummary(context, "deliveries", row, parent)
    return DeliveryForm(context, parent)


