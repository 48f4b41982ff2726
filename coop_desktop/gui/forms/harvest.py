"""Record a harvest of a planting batch. A harvest inside a pre-harvest interval is refused,
naming the input and the first allowed date — as the date is chosen, and by the service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QWidget

from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.rules import blocking_application, waiting_ends
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.devices.scale_capture import ScaleCapture
from coop_desktop.gui.devices.settings import PACKING_SCALE
from coop_desktop.gui.forms import action
from coop_desktop.gui.forms.base import FormDialog
from coop_desktop.gui.i18n import QT_TRANSLATE_NOOP
from coop_desktop.gui.widgets.date_field import DateField
from coop_desktop.gui.widgets.quantity_field import QuantityField
from coop_desktop.services.choices import choice_for, record_fields, waiting_periods
from coop_desktop.services.permissions import Permission
from coop_desktop.services.production import record_harvest
from coop_desktop.services.weighings import WeighingInput
from coop_desktop.services.work import past_date, positive_quantity, required_text


class HarvestForm(FormDialog):
    def __init__(self, context: AppContext, batch_id: int,
                 parent: QWidget | None = None) -> None:
        db, actor = context.database, context.actor
        self.batch_id = batch_id
        batch = record_fields(db, actor, "batches", batch_id)
        product = record_fields(db, actor, "products", batch["product_id"])
        self.planted_on = dt.date.fromisoformat(batch["planted_on"])
        self.sprays = waiting_periods(db, actor, batch_id=batch_id)
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("Record harvest"))
        subject = choice_for(db, actor, "batches", batch_id)
        self.header(self.tr("Planting batch %1").replace("%1", subject.text if subject
                                                          else batch["code"]))
        self.waiting = QLabel(self)
        self.waiting.setObjectName("waiting")
        self.waiting.setWordWrap(True)
        self.body.addWidget(self.waiting)
        self.weighing: WeighingInput | None = None
        self.scale = ScaleCapture(PACKING_SCALE, self, operator=actor.username)
        self.scale.captured.connect(self._weighed)
        self.finished.connect(self.scale.stop)
        self.body.addWidget(self.scale)
        form = self.new_form()
        self.harvested_on = DateField(self)
        self.add_field(form, "harvested_on", self.tr("Harvested on"), self.harvested_on,
                       self._check_date)
        self.checker.name_field("planted_on", self.tr("Planted on"))
        self.quantity = QuantityField(self, str(product["unit"]))
        self.add_field(form, "quantity", self.tr("Quantity"), self.quantity,
                       lambda: positive_quantity(
                           required_text(self.quantity.text(), "quantity"), "quantity"))
        self.quantity.line.textEdited.connect(self._typed)
        self.grade = QComboBox(self)
        self.grade.setEditable(True)
        self.grade.addItems(["", *(product.get("grades") or [])])
        self.add_field(form, "grade", self.tr("Grade"), self.grade)
        self.operator = QLineEdit(actor.username, self)
        self.operator.setMaxLength(60)
        self.add_field(form, "operator", self.tr("Harvested by"), self.operator)
        self._show_waiting()
        self.save_button.setText(self.tr("Record"))
        self.start()

    def _show_waiting(self) -> None:
        ends = waiting_ends(self.sprays)
        if ends is None:
            self.waiting.setText(self.tr("No input with a pre-harvest interval was recorded "
                                         "on this batch."))
        elif ends > dt.date.today():
            self.waiting.setText(self.tr("Pre-harvest intervals run until %1: harvest from "
                                         "%2 on.").replace("%1", (ends - dt.timedelta(days=1))
                                                           .isoformat())
                                 .replace("%2", ends.isoformat()))
        else:
            self.waiting.setText(self.tr("Every pre-harvest interval ended by %1.")
                                 .replace("%1", ends.isoformat()))

    def _check_date(self) -> None:
        day = past_date(self.harvested_on.value(), "harvested_on")
        if day < self.planted_on:
            raise ValidationError("date.order", field="harvested_on", value=day.isoformat(),
                                  other_field="planted_on", other=self.planted_on.isoformat())
        blocking = blocking_application(self.sprays, day)
        if blocking is not None:  # the very refusal the service would give
            raise RuleViolation("phi.harvest_blocked", field="harvested_on",
                                input=blocking.name, applied_on=blocking.applied_on.isoformat(),
                                phi_days=blocking.waiting_days,
                                allowed_on=blocking.allowed_on.isoformat())

    def _weighed(self, weighing: WeighingInput) -> None:
        """The scale's net weight becomes the quantity; the weighing is saved with it."""
        self.weighing = weighing
        self.quantity.setText(str(weighing.net))

    def _typed(self) -> None:
        self.weighing = None  # a typed quantity is no longer the scale's

    def submit(self) -> int | None:
        weighing = self.weighing
        return record_harvest(self.context.database, self.context.actor,
                              batch_id=self.batch_id, harvested_on=self.harvested_on.value(),
                              quantity=None if weighing else self.quantity.text(),
                              weighing=weighing,
                              grade=self.grade.currentText().strip(),
                              operator=self.operator.text().strip())


@action("batches", QT_TRANSLATE_NOOP("Actions", "Record harvest"), Permission.MANAGE_PRODUCTION)
def harvest_form(context: AppContext, row: dict[str, Any] | None, parent: QWidget) -> QDialog:
    assert row is not None
    return HarvestForm(context, int(row["id"]), parent)
