"""The member household form (a Designer form, ui/member_form.ui): register or edit a
household; the ID number is checked (format, birth date, GB 11643 check digit) as it is typed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import PovertyStatus
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import register
from coop_desktop.gui.forms.base import FormDialog, changed_fields
from coop_desktop.gui.widgets.choice_combo import EnumCombo
from coop_desktop.gui.widgets.date_field import DateField, OptionalDateField
from coop_desktop.gui.widgets.ui_files import load_ui
from coop_desktop.services.choices import record_fields
from coop_desktop.services.members import MEMBER_FIELDS, edit_member, register_member
from coop_desktop.services.permissions import Permission
from coop_desktop.services.work import past_date, required_text


class MemberForm(FormDialog):
    def __init__(self, context: AppContext, member_id: int | None,
                 parent: QWidget | None = None) -> None:
        self.member_id = member_id
        self.original: dict[str, Any] = (
            record_fields(context.database, context.actor, "members", member_id)
            if member_id is not None else {})
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("New member household") if member_id is None
                            else self.tr("Member %1").replace("%1", self.original["code"]))
        self.setMinimumWidth(760)
        self.ui = load_ui("member_form.ui", self)
        self.body.addWidget(self.ui)
        ui, field = self.ui, self.add_ui_field
        self.code = field(ui, "code", QLineEdit, self._check_code)
        self.name = field(ui, "name", QLineEdit,
                          lambda: MEMBER_FIELDS["name"](self.name.text()))
        self.id_number = field(ui, "id_number", QLineEdit,
                               lambda: MEMBER_FIELDS["id_number"](self.id_number.text()))
        self.phone = field(ui, "phone", QLineEdit)
        self.household_size = field(ui, "household_size", QSpinBox,
                                    lambda: MEMBER_FIELDS["household_size"](
                                        self.household_size.value()))
        self.township = field(ui, "township", QLineEdit)
        self.village = field(ui, "village", QLineEdit)
        self.poverty_status = field(ui, "poverty_status", EnumCombo)
        self.poverty_status.set_enum(PovertyStatus)
        self.poverty_since_year = field(ui, "poverty_since_year", QLineEdit,
                                        lambda: MEMBER_FIELDS["poverty_since_year"](
                                            self.poverty_since_year.text().strip()))
        self.poverty_exit_year = field(ui, "poverty_exit_year", QLineEdit,
                                       lambda: MEMBER_FIELDS["poverty_exit_year"](
                                           self.poverty_exit_year.text().strip()))
        self.joined_on = field(ui, "joined_on", DateField,
                               lambda: MEMBER_FIELDS["joined_on"](self.joined_on.value()))
        self.left_on = field(ui, "left_on", OptionalDateField, self._check_left_on)
        self.payout_bank = field(ui, "payout_bank", QLineEdit)
        self.payout_account = field(ui, "payout_account", QLineEdit)
        self.notes = field(ui, "notes", QPlainTextEdit)
        for year in (self.poverty_since_year, self.poverty_exit_year):
            year.setPlaceholderText(self.tr("e.g. 2016"))
        self.id_number.setPlaceholderText(self.tr("18 characters, the last may be X"))
        self.poverty_status.currentIndexChanged.connect(self._poverty_changed)
        if member_id is not None:
            self._fill()
        self._poverty_changed()
        self.start()

    # --- checks ---------------------------------------------------------------------------
    def _check_code(self) -> None:
        if self.member_id is None:
            normalize_code(required_text(self.code.text(), "code"))

    def _check_left_on(self) -> None:
        left = self.left_on.value()
        if left is None:
            return
        past_date(left, "left_on")
        if left < self.joined_on.value():
            raise ValidationError("date.order", field="left_on", value=left.isoformat(),
                                  other_field="joined_on",
                                  other=self.joined_on.value().isoformat())

    def _poverty_changed(self) -> None:
        registered = self.poverty_status.value() != PovertyStatus.NONE.value
        for year in (self.poverty_since_year, self.poverty_exit_year):
            year.setEnabled(registered)
        self.checker.run()

    # --- loading and saving ---------------------------------------------------------------
    def _fill(self) -> None:
        record = self.original
        self.code.setText(record["code"])
        self.code.setReadOnly(True)
        self.code.setToolTip(self.tr("A member's code cannot change; it is on their records."))
        self.name.setText(record["name"])
        self.id_number.setText(record.get("id_number") or "")
        self.phone.setText(record.get("phone") or "")
        self.household_size.setValue(int(record["household_size"]))
        self.township.setText(record.get("township") or "")
        self.village.setText(record.get("village") or "")
        self.poverty_status.set_value(record["poverty_status"])
        self.poverty_since_year.setText(str(record.get("poverty_since_year") or ""))
        self.poverty_exit_year.setText(str(record.get("poverty_exit_year") or ""))
        self.joined_on.set_value(record["joined_on"])
        self.left_on.set_value(record.get("left_on"))
        self.payout_bank.setText(record.get("payout_bank") or "")
        self.payout_account.setText(record.get("payout_account") or "")
        self.notes.setPlainText(record.get("notes") or "")

    def values(self) -> dict[str, Any]:
        registered = self.poverty_status.value() != PovertyStatus.NONE.value
        left: dt.date | None = self.left_on.value()
        return {
            "name": self.name.text().strip(),
            "id_number": self.id_number.text().strip() or None,
            "township": self.township.text().strip(),
            "village": self.village.text().strip(),
            "phone": self.phone.text().strip() or None,
            "household_size": self.household_size.value(),
            "poverty_status": self.poverty_status.value(),
            "poverty_since_year": (self.poverty_since_year.text().strip() or None)
            if registered else None,
            "poverty_exit_year": (self.poverty_exit_year.text().strip() or None)
            if registered else None,
            "joined_on": self.joined_on.value(),
            "left_on": left,
            "payout_bank": self.payout_bank.text().strip() or None,
            "payout_account": self.payout_account.text().strip() or None,
            "notes": self.notes.toPlainText().strip(),
        }

    def submit(self) -> int | None:
        db, actor = self.context.database, self.context.actor
        values = self.values()
        if self.member_id is None:
            return register_member(db, actor, code=self.code.text().strip(), **values)
        changes = changed_fields(self.original, values)
        if changes:
            edit_member(db, actor, self.member_id, self.original["version"], **changes)
        return self.member_id


@register("members", Permission.MANAGE_MEMBERS)
def member_form(context: AppContext, row: dict[str, Any] | None, parent: QWidget) -> QDialog:
    return MemberForm(context, row["id"] if row else None, parent)
