"""The certificate form: scheme, number, certifier, validity, and its scope — the products,
plots and members it covers, each chosen from a searchable list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QDialog, QLineEdit, QTabWidget, QWidget

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import Scheme
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import register
from coop_desktop.gui.forms.base import FormDialog
from coop_desktop.gui.forms.record_summary import RecordSummary
from coop_desktop.gui.widgets.choice_combo import EnumCombo
from coop_desktop.gui.widgets.date_field import DateField
from coop_desktop.gui.widgets.record_checklist import RecordChecklist
from coop_desktop.services.certifications import record_certification
from coop_desktop.services.permissions import Permission
from coop_desktop.services.work import required_text


class CertificationForm(FormDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("New certificate"))
        self.setMinimumWidth(620)
        form = self.new_form()
        self.scheme = EnumCombo(self, Scheme)
        self.add_field(form, "scheme", self.tr("Scheme"), self.scheme)
        self.number = QLineEdit(self)
        self.number.setMaxLength(80)
        self.add_field(form, "number", self.tr("Certificate no."), self.number,
                       lambda: required_text(self.number.text(), "number"))
        self.certifier = QLineEdit(self)
        self.certifier.setMaxLength(200)
        self.add_field(form, "certifier", self.tr("Certifier"), self.certifier,
                       lambda: required_text(self.certifier.text(), "certifier"))
        self.valid_from = DateField(self)
        self.add_field(form, "valid_from", self.tr("Valid from"), self.valid_from)
        self.valid_until = DateField(self)
        today = dt.date.today()
        self.valid_until.set_value(today.replace(year=today.year + 1) - dt.timedelta(days=1)
                                   if (today.month, today.day) != (2, 29) else
                                   today + dt.timedelta(days=364))
        self.add_field(form, "valid_until", self.tr("Valid until"), self.valid_until,
                       self._check_dates)
        self.scope = QTabWidget(self)
        self.scope.setObjectName("scope")
        self.products = RecordChecklist(context, "products", self)
        self.plots = RecordChecklist(context, "plots", self)
        self.members = RecordChecklist(context, "members", self)
        self._tabs = ((self.products, self.tr("Products (%1)")),
                      (self.plots, self.tr("Plots (%1)")),
                      (self.members, self.tr("Members (%1)")))
        for checklist, _title in self._tabs:
            self.scope.addTab(checklist, "")
            checklist.changed.connect(self._count_scope)
        self._count_scope()
        form.addRow(self.tr("Scope"), self.scope)
        self.checker.name_field("product_ids", self.tr("Products"))
        self.checker.name_field("plot_ids", self.tr("Plots"))
        self.checker.name_field("member_ids", self.tr("Members"))
        self.notes = QLineEdit(self)
        self.add_field(form, "notes", self.tr("Notes"), self.notes)
        self.start()

    def _check_dates(self) -> None:
        since, until = self.valid_from.value(), self.valid_until.value()
        if until < since:
            raise ValidationError("certificate.dates", field="valid_until",
                                  until=until.isoformat(), since=since.isoformat())

    def _count_scope(self) -> None:
        for index, (checklist, title) in enumerate(self._tabs):
            self.scope.setTabText(index, title.replace("%1", str(len(
                checklist.selected_ids()))))

    def submit(self) -> int | None:
        return record_certification(
            self.context.database, self.context.actor, scheme=str(self.scheme.value()),
            number=self.number.text().strip(), certifier=self.certifier.text().strip(),
            valid_from=self.valid_from.value(), valid_until=self.valid_until.value(),
            product_ids=self.products.selected_ids(), plot_ids=self.plots.selected_ids(),
            member_ids=self.members.selected_ids(), notes=self.notes.text().strip())


@register("certifications", Permission.MANAGE_CERTIFICATIONS)
def certification_form(context: AppContext, row: dict[str, Any] | None,
                       parent: QWidget) -> QDialog:
    if row is not None:
        return RecordSummary(context, "certifications", row, parent)
    return CertificationForm(context, parent)
