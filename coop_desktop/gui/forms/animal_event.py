"""Record what happened to an animal. The fields follow the kind of event: a weighing asks
for the weight, a treatment for the drug and its withdrawal period, a movement for the
places, a sale whether it is for food (refused while a withdrawal period runs)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QDialog, QLineEdit, QWidget

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import AnimalEventKind
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.devices.scale_capture import ScaleCapture
from coop_desktop.gui.devices.settings import LIVESTOCK_SCALE
from coop_desktop.gui.dialogs.weighing_session import WeighingSessionDialog
from coop_desktop.gui.forms import action
from coop_desktop.gui.forms.base import FormDialog
from coop_desktop.gui.i18n import QT_TRANSLATE_NOOP
from coop_desktop.gui.widgets.choice_combo import EnumCombo
from coop_desktop.gui.widgets.date_field import DateField
from coop_desktop.gui.widgets.quantity_field import QuantityField
from coop_desktop.services.choices import choice_for
from coop_desktop.services.livestock import (
    MAX_ANIMAL_KG,
    MAX_WITHDRAWAL_DAYS,
    record_animal_event,
)
from coop_desktop.services.permissions import Permission
from coop_desktop.services.weighings import WeighingInput
from coop_desktop.services.work import past_date, positive_quantity, required_text, to_int

K = AnimalEventKind
#: Which fields each kind of event shows.
FIELDS_OF: dict[str, set[AnimalEventKind]] = {
    "weight_kg": {K.WEIGHING, K.PURCHASE, K.SALE, K.SLAUGHTER},
    "product_name": {K.TREATMENT, K.VACCINATION},
    "product_registration_no": {K.TREATMENT, K.VACCINATION},
    "product_lot": {K.TREATMENT, K.VACCINATION},
    "dose": {K.TREATMENT, K.VACCINATION},
    "withdrawal_days": {K.TREATMENT, K.VACCINATION},
    "from_place": {K.MOVEMENT},
    "to_place": {K.MOVEMENT},
    "counterparty": {K.PURCHASE, K.SALE, K.SLAUGHTER},
    "for_food": {K.SALE},
}


class AnimalEventForm(FormDialog):
    def __init__(self, context: AppContext, animal_id: int,
                 parent: QWidget | None = None) -> None:
        self.animal_id = animal_id
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("Record animal event"))
        subject = choice_for(context.database, context.actor, "animals", animal_id)
        self.header(self.tr("Animal %1").replace("%1", subject.text if subject
                                                 else str(animal_id)))
        self.weighing: WeighingInput | None = None
        self.scale = ScaleCapture(LIVESTOCK_SCALE, self, operator=context.actor.username)
        self.scale.captured.connect(self._weighed)
        self.finished.connect(self.scale.stop)
        self.body.addWidget(self.scale)
        self.form = form = self.new_form()
        self.kind = EnumCombo(self)
        self.kind.set_enum(K, only=[kind for kind in K if kind != K.BIRTH])
        self.add_field(form, "kind", self.tr("Event"), self.kind)
        self.occurred_on = DateField(self)
        self.add_field(form, "occurred_on", self.tr("Date"), self.occurred_on,
                       lambda: past_date(self.occurred_on.value(), "occurred_on"))
        self.weight = QuantityField(self, "kg")
        self.add_field(form, "weight_kg", self.tr("Weight"), self.weight, self._check_weight)
        self.weight.line.textEdited.connect(self._typed)
        self.product_name = QLineEdit(self)
        self.product_name.setMaxLength(120)
        self.add_field(form, "product_name", self.tr("Drug or vaccine"), self.product_name,
                       lambda: required_text(self.product_name.text(), "product_name"))
        self.registration = QLineEdit(self)
        self.registration.setMaxLength(40)
        self.add_field(form, "product_registration_no", self.tr("Approval no."),
                       self.registration)
        self.product_lot = QLineEdit(self)
        self.product_lot.setMaxLength(80)
        self.add_field(form, "product_lot", self.tr("Drug lot"), self.product_lot)
        self.dose = QLineEdit(self)
        self.dose.setMaxLength(60)
        self.add_field(form, "dose", self.tr("Dose"), self.dose)
        self.withdrawal = QLineEdit(self)
        self.withdrawal.setMaxLength(3)
        self.add_field(form, "withdrawal_days", self.tr("Withdrawal period (days)"),
                       self.withdrawal, self._check_withdrawal)
        self.from_place = QLineEdit(self)
        self.from_place.setMaxLength(120)
        self.add_field(form, "from_place", self.tr("From"), self.from_place)
        self.to_place = QLineEdit(self)
        self.to_place.setMaxLength(120)
        self.add_field(form, "to_place", self.tr("To"), self.to_place,
                       lambda: required_text(self.to_place.text(), "to_place"))
        self.counterparty = QLineEdit(self)
        self.counterparty.setMaxLength(120)
        self.add_field(form, "counterparty", self.tr("Bought from or sold to"),
                       self.counterparty)
        self.for_food = QCheckBox(self.tr("Sold for food (slaughter)"), self)
        self.for_food.setChecked(True)
        self.add_field(form, "for_food", "", self.for_food)
        self.notes = QLineEdit(self)
        self.add_field(form, "notes", self.tr("Notes"), self.notes)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.set_value(K.WEIGHING)
        self._kind_changed()
        self.save_button.setText(self.tr("Record"))
        self.start()

    def event_kind(self) -> AnimalEventKind:
        return K(self.kind.value() or K.WEIGHING)

    def shows(self, name: str) -> bool:
        return self.event_kind() in FIELDS_OF[name]

    def _kind_changed(self) -> None:
        for name in FIELDS_OF:
            self.set_row_visible(self.form, name, self.shows(name))
        self.scale.setVisible(self.shows("weight_kg"))
        self.checker.run()

    def _weighed(self, weighing: WeighingInput) -> None:
        """The scale's weight fills the field; the weighing is saved with the event."""
        self.weighing = weighing
        self.weight.setText(str(weighing.net))

    def _typed(self) -> None:
        self.weighing = None  # a typed weight is no longer the scale's

    def _check_weight(self) -> None:
        if self.weight.value() is not None or self.event_kind() == K.WEIGHING:
            positive_quantity(required_text(self.weight.text(), "weight_kg"), "weight_kg",
                              MAX_ANIMAL_KG)

    def _check_withdrawal(self) -> None:
        text = self.withdrawal.text().strip()
        if not text:
            if self.event_kind() == K.TREATMENT:
                raise ValidationError("value.required", field="withdrawal_days")
            return
        days = to_int(text, "withdrawal_days")
        if not 0 <= days <= MAX_WITHDRAWAL_DAYS:
            raise ValidationError("value.too_large" if days > 0 else "value.negative",
                                  field="withdrawal_days", value=days,
                                  maximum=MAX_WITHDRAWAL_DAYS)

    def values(self) -> dict[str, Any]:
        texts = {"weight_kg": self.weight.value(), "product_name": self.product_name.text(),
                 "product_registration_no": self.registration.text(),
                 "product_lot": self.product_lot.text(), "dose": self.dose.text(),
                 "withdrawal_days": self.withdrawal.text(),
                 "from_place": self.from_place.text(), "to_place": self.to_place.text(),
                 "counterparty": self.counterparty.text()}
        values: dict[str, Any] = {name: (text or "").strip() for name, text in texts.items()
                                  if self.shows(name) and (text or "").strip()}
        if "withdrawal_days" in values:
            values["withdrawal_days"] = int(values["withdrawal_days"])
        values["notes"] = self.notes.text().strip()
        return values

    def submit(self) -> int | None:
        values = self.values()
        weighing = self.weighing if self.shows("weight_kg") else None
        if weighing is not None:
            values.pop("weight_kg", None)  # the service takes it from the weighing
        return record_animal_event(
            self.context.database, self.context.actor, animal_id=self.animal_id,
            kind=self.event_kind(), occurred_on=self.occurred_on.value(),
            for_food=self.for_food.isChecked() if self.shows("for_food") else True,
            weighing=weighing, **values)


@action("animals", QT_TRANSLATE_NOOP("Actions", "Record event"), Permission.MANAGE_LIVESTOCK,
        order=10)
def animal_event_form(context: AppContext, row: dict[str, Any] | None,
                      parent: QWidget) -> QDialog:
    assert row is not None
    return AnimalEventForm(context, int(row["id"]), parent)


@action("animals", QT_TRANSLATE_NOOP("Actions", "Weighing session"), Permission.MANAGE_LIVESTOCK,
        needs_record=False, order=20)
def weighing_session(context: AppContext, row: dict[str, Any] | None,
                     parent: QWidget) -> QDialog:
    return WeighingSessionDialog(context, parent)
