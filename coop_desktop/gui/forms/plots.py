"""The plot form: whose plot, its code, area in mu, land type and the GI area."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QDialog, QLineEdit, QWidget

from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.models import LandType
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import register
from coop_desktop.gui.forms.base import FormDialog, changed_fields
from coop_desktop.gui.widgets.choice_combo import EnumCombo
from coop_desktop.gui.widgets.quantity_field import QuantityField
from coop_desktop.gui.widgets.record_picker import RecordPicker
from coop_desktop.services.choices import record_fields
from coop_desktop.services.members import PLOT_FIELDS, edit_plot, register_plot
from coop_desktop.services.permissions import Permission
from coop_desktop.services.work import required_text


class PlotForm(FormDialog):
    def __init__(self, context: AppContext, plot_id: int | None,
                 parent: QWidget | None = None) -> None:
        self.plot_id = plot_id
        self.original: dict[str, Any] = (
            record_fields(context.database, context.actor, "plots", plot_id)
            if plot_id is not None else {})
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("New plot") if plot_id is None
                            else self.tr("Plot %1").replace("%1", self.original["code"]))
        form = self.new_form()
        self.member = RecordPicker(self, context, "members")
        self.add_field(form, "member_id", self.tr("Member household"), self.member,
                       self.picked(self.member, "member_id"))
        self.code = QLineEdit(self)
        self.code.setMaxLength(40)
        self.add_field(form, "code", self.tr("Plot code"), self.code,
                       lambda: normalize_code(required_text(self.code.text(), "code"))
                       if self.plot_id is None else None)
        self.name = QLineEdit(self)
        self.name.setMaxLength(100)
        self.add_field(form, "name", self.tr("Name"), self.name)
        self.village = QLineEdit(self)
        self.village.setMaxLength(60)
        self.village.setPlaceholderText(self.tr("The household's village"))
        self.add_field(form, "village", self.tr("Village"), self.village)
        self.area = QuantityField(self, self.tr("mu"))
        self.add_field(form, "area_mu", self.tr("Area"), self.area,
                       lambda: PLOT_FIELDS["area_mu"](required_text(self.area.text(),
                                                                      "area_mu")))
        self.land_type = EnumCombo(self, LandType)
        self.add_field(form, "land_type", self.tr("Land type"), self.land_type)
        self.in_gi_area = QCheckBox(self.tr("Inside the geographical-indication area"), self)
        self.add_field(form, "in_gi_area", "", self.in_gi_area)
        if plot_id is not None:
            self._fill()
        self.start()

    def _fill(self) -> None:
        record = self.original
        self.member.set_record(record["member_id"])
        self.member.setEnabled(False)
        self.code.setText(record["code"])
        self.code.setReadOnly(True)
        self.name.setText(record.get("name") or "")
        self.village.setText(record.get("village") or "")
        self.area.setText(str(record["area_mu"]))
        self.land_type.set_value(record["land_type"])
        self.in_gi_area.setChecked(bool(record.get("in_gi_area")))

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "name": self.name.text().strip(), "area_mu": self.area.text(),
            "land_type": self.land_type.value(), "in_gi_area": self.in_gi_area.isChecked()}
        if self.village.text().strip() or self.plot_id is not None:
            values["village"] = self.village.text().strip()
        return values

    def submit(self) -> int | None:
        db, actor = self.context.database, self.context.actor
        if self.plot_id is None:
            return register_plot(db, actor, member_id=self.chosen(self.member, "member_id"),
                                 code=self.code.text().strip(), **self.values())
        changes = changed_fields(self.original, self.values())
        if changes:
            edit_plot(db, actor, self.plot_id, self.original["version"], **changes)
        return self.plot_id


@register("plots", Permission.MANAGE_PRODUCTION)
def plot_form(context: AppContext, row: dict[str, Any] | None, parent: QWidget) -> QDialog:
    return PlotForm(context, row["id"] if row else None, parent)
