"""Record field activity (a Designer form, ui/field_activity_form.ui): what was done on a
planting batch, when and by whom, and the input used — a plant-protection entry needs the
input and its pre-harvest interval."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QWidget

from coop_desktop.domain.models import ActivityKind
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import action
from coop_desktop.gui.forms.base import FormDialog
from coop_desktop.gui.i18n import QT_TRANSLATE_NOOP
from coop_desktop.gui.widgets.choice_combo import EnumCombo
from coop_desktop.gui.widgets.date_field import DateField
from coop_desktop.gui.widgets.quantity_field import QuantityField
from coop_desktop.gui.widgets.ui_files import load_ui
from coop_desktop.services.choices import choice_for, record_fields
from coop_desktop.services.permissions import Permission
from coop_desktop.services.production import ACTIVITY_FIELDS, record_activity
from coop_desktop.services.work import required_text, to_int

#: Units an amount of input is given in (seed, fertiliser, pesticide, water).
AMOUNT_UNITS = ("kg", "g", "L", "mL", "m³")


class FieldActivityForm(FormDialog):
    def __init__(self, context: AppContext, batch_id: int,
                 parent: QWidget | None = None) -> None:
        self.batch_id = batch_id
        batch = record_fields(context.database, context.actor, "batches", batch_id)
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("Record field activity"))
        self.setMinimumWidth(820)
        subject = choice_for(context.database, context.actor, "batches", batch_id)
        self.header(self.tr("Planting batch %1").replace("%1", subject.text if subject
                                                          else batch["code"]))
        self.ui = load_ui("field_activity_form.ui", self)
        self.body.addWidget(self.ui)
        ui, field = self.ui, self.add_ui_field
        self.kind = field(ui, "kind", EnumCombo)
        self.kind.set_enum(ActivityKind, only=[kind for kind in ActivityKind
                                               if kind != ActivityKind.HARVESTING])
        self.kind.set_value(ActivityKind.PLANT_PROTECTION)
        self.performed_on = field(ui, "performed_on", DateField,
                                  lambda: ACTIVITY_FIELDS["performed_on"](
                                      self.performed_on.value()))
        self.operator = field(ui, "operator", QLineEdit)
        self.operator.setText(context.actor.username)
        self.area = field(ui, "area_mu", QuantityField,
                          lambda: ACTIVITY_FIELDS["area_mu"](self.area.value()))
        self.area.set_unit(self.tr("mu"))
        self.area.setText(str(batch["area_mu"]))
        self.notes = field(ui, "notes", QPlainTextEdit)
        self.input_name = field(ui, "input_name", QLineEdit, self._check_input_name)
        self.registration = field(ui, "input_registration_no", QLineEdit)
        self.registration.setPlaceholderText(self.tr("e.g. PD20083264"))
        self.ingredient = field(ui, "active_ingredient", QLineEdit)
        self.input_lot = field(ui, "input_lot", QLineEdit)
        self.amount = field(ui, "amount", QuantityField, self._check_amount)
        self.amount.set_units(AMOUNT_UNITS, "kg")
        self.phi_days = field(ui, "phi_days", QLineEdit, self._check_phi)
        self.phi_days.setPlaceholderText(self.tr("From the product's label"))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.save_button.setText(self.tr("Record"))
        self.start()

    def _protecting(self) -> bool:
        return self.kind.value() == ActivityKind.PLANT_PROTECTION.value

    def _kind_changed(self) -> None:
        self.phi_days.setEnabled(self._protecting())
        self.checker.run()

    def _check_input_name(self) -> None:
        if self._protecting():
            required_text(self.input_name.text(), "input_name")

    def _check_amount(self) -> None:
        if self.amount.value() is not None:
            ACTIVITY_FIELDS["amount"](self.amount.value())
            required_text(self.amount.unit(), "amount_unit")

    def _check_phi(self) -> None:
        if not self._protecting():
            return
        text = required_text(self.phi_days.text(), "phi_days")
        ACTIVITY_FIELDS["phi_days"](to_int(text, "phi_days"))

    def values(self) -> dict[str, Any]:
        amount = self.amount.value()
        return {
            "operator": self.operator.text().strip(),
            "input_name": self.input_name.text().strip() or None,
            "input_registration_no": self.registration.text().strip() or None,
            "active_ingredient": self.ingredient.text().strip() or None,
            "input_lot": self.input_lot.text().strip() or None,
            "amount": amount, "amount_unit": self.amount.unit() if amount else None,
            "area_mu": self.area.value(),
            "phi_days": int(self.phi_days.text()) if self._protecting() else None,
            "notes": self.notes.toPlainText().strip()}

    def submit(self) -> int | None:
        return record_activity(self.context.database, self.context.actor,
                               batch_id=self.batch_id, kind=str(self.kind.value()),
                               performed_on=self.performed_on.value(), **self.values())


@action("batches", QT_TRANSLATE_NOOP("Actions", "Record field activity"),
        Permission.MANAGE_PRODUCTION)
def field_activity_form(context: AppContext, row: dict[str, Any] | None,
                        parent: QWidget) -> QDialog:
    assert row is not None
    return FieldActivityForm(context, int(row["id"]), parent)
