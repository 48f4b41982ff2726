"""The planting batch form: a product on a plot in a season; its area defaults to the plot's
and may not exceed it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import BatchStatus, ProductKind
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import register
from coop_desktop.gui.forms.base import FormDialog, changed_fields
from coop_desktop.gui.widgets.choice_combo import EnumCombo
from coop_desktop.gui.widgets.date_field import DateField
from coop_desktop.gui.widgets.quantity_field import QuantityField
from coop_desktop.gui.widgets.record_picker import RecordPicker
from coop_desktop.services.choices import record_fields
from coop_desktop.services.permissions import Permission
from coop_desktop.services.production import BATCH_FIELDS, edit_batch, register_batch
from coop_desktop.services.work import required_text


class BatchForm(FormDialog):
    def __init__(self, context: AppContext, batch_id: int | None,
                 parent: QWidget | None = None) -> None:
        self.batch_id = batch_id
        self.original: dict[str, Any] = (
            record_fields(context.database, context.actor, "batches", batch_id)
            if batch_id is not None else {})
        self.plot_area: Decimal | None = None
        self._area_from_plot = True
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("New planting batch") if batch_id is None
                            else self.tr("Planting batch %1").replace("%1",
                                                                      self.original["code"]))
        form = self.new_form()
        self.code = QLineEdit(self)
        self.code.setMaxLength(40)
        self.add_field(form, "code", self.tr("Batch code"), self.code,
                       lambda: normalize_code(required_text(self.code.text(), "code"))
                       if self.batch_id is None else None)
        self.plot = RecordPicker(self, context, "plots")
        self.add_field(form, "plot_id", self.tr("Plot"), self.plot,
                       self.picked(self.plot, "plot_id"))
        self.product = RecordPicker(self, context, "products",
                                    filters={"kind": ProductKind.CROP.value})
        self.add_field(form, "product_id", self.tr("Product"), self.product,
                       self.picked(self.product, "product_id"))
        self.season = QLineEdit(str(dt.date.today().year), self)
        self.season.setMaxLength(20)
        self.add_field(form, "season", self.tr("Season"), self.season,
                       lambda: BATCH_FIELDS["season"](self.season.text()))
        self.planted_on = DateField(self)
        self.add_field(form, "planted_on", self.tr("Planted on"), self.planted_on)
        self.seed_source = QLineEdit(self)
        self.seed_source.setMaxLength(200)
        self.seed_source.setPlaceholderText(self.tr("Seed company or nursery"))
        self.add_field(form, "seed_source", self.tr("Seed or seedling source"),
                       self.seed_source)
        self.seed_lot = QLineEdit(self)
        self.seed_lot.setMaxLength(80)
        self.add_field(form, "seed_lot", self.tr("Seed lot"), self.seed_lot)
        self.area = QuantityField(self, self.tr("mu"))
        self.add_field(form, "area_mu", self.tr("Area"), self.area, self._check_area)
        self.status = EnumCombo(self, BatchStatus)
        self.add_field(form, "status", self.tr("Status"), self.status)
        self.set_row_visible(form, "status", batch_id is not None)
        self.plot.record_changed.connect(self._plot_chosen)
        self.area.line.textEdited.connect(self._area_typed)
        if batch_id is not None:
            self._fill()
        self.start()

    def _area_typed(self, _text: str) -> None:
        self._area_from_plot = False

    def _plot_chosen(self, plot_id: int | None) -> None:
        self.plot_area = None
        if plot_id is None:
            return
        plot = record_fields(self.context.database, self.context.actor, "plots", plot_id)
        self.plot_area = Decimal(str(plot["area_mu"]))
        if self._area_from_plot and self.batch_id is None:
            self.area.setText(str(plot["area_mu"]))
        self.checker.run()

    def _check_area(self) -> None:
        area = BATCH_FIELDS["area_mu"](required_text(self.area.text(), "area_mu"))
        if self.plot_area is not None and area > self.plot_area:
            raise ValidationError("value.too_large", field="area_mu", value=area,
                                  maximum=self.plot_area)

    def _fill(self) -> None:
        record = self.original
        self.code.setText(record["code"])
        self.code.setReadOnly(True)
        self.plot.set_record(record["plot_id"])
        self.product.set_record(record["product_id"])
        self.plot.setEnabled(False)
        self.product.setEnabled(False)
        self.season.setText(record["season"])
        self.planted_on.set_value(record["planted_on"])
        self.seed_source.setText(record.get("seed_source") or "")
        self.seed_lot.setText(record.get("seed_lot") or "")
        self.area.setText(str(record["area_mu"]))
        self.status.set_value(record["status"])

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "season": self.season.text().strip(), "planted_on": self.planted_on.value(),
            "seed_source": self.seed_source.text().strip(),
            "seed_lot": self.seed_lot.text().strip(), "area_mu": self.area.text()}
        if self.batch_id is not None:
            values["status"] = self.status.value()
        return values

    def submit(self) -> int | None:
        db, actor = self.context.database, self.context.actor
        if self.batch_id is None:
            return register_batch(db, actor, code=self.code.text().strip(),
                                  plot_id=self.chosen(self.plot, "plot_id"),
                                  product_id=self.chosen(self.product, "product_id"),
                                  **self.values())
        changes = changed_fields(self.original, self.values())
        if changes:
            edit_batch(db, actor, self.batch_id, self.original["version"], **changes)
        return self.batch_id


@register("batches", Permission.MANAGE_PRODUCTION)
def batch_form(context: AppContext, row: dict[str, Any] | None, parent: QWidget) -> QDialog:
    return BatchForm(context, row["id"] if row else None, parent)
