"""The customer form: a buyer (wholesale market, supermarket, online shop, processor)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.models import CustomerKind
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import register
from coop_desktop.gui.forms.base import FormDialog
from coop_desktop.gui.widgets.choice_combo import EnumCombo
from coop_desktop.services.permissions import Permission
from coop_desktop.services.sales import register_customer
from coop_desktop.services.work import required_text


class CustomerForm(FormDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("New customer"))
        form = self.new_form()
        self.code = QLineEdit(self)
        self.code.setMaxLength(40)
        self.add_field(form, "code", self.tr("Customer code"), self.code,
                       lambda: normalize_code(required_text(self.code.text(), "code")))
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.add_field(form, "name", self.tr("Name"), self.name,
                       lambda: required_text(self.name.text(), "name"))
        self.kind = EnumCombo(self, CustomerKind)
        self.add_field(form, "kind", self.tr("Kind of buyer"), self.kind)
        self.contact = QLineEdit(self)
        self.contact.setMaxLength(100)
        self.add_field(form, "contact", self.tr("Contact person"), self.contact)
        self.phone = QLineEdit(self)
        self.phone.setMaxLength(40)
        self.add_field(form, "phone", self.tr("Phone"), self.phone)
        self.address = QLineEdit(self)
        self.address.setMaxLength(300)
        self.add_field(form, "address", self.tr("Address"), self.address)
        self.start()

    def submit(self) -> int | None:
        return register_customer(
            self.context.database, self.context.actor, code=self.code.text().strip(),
            name=self.name.text().strip(), kind=str(self.kind.value()),
            contact=self.contact.text().strip(), phone=self.phone.text().strip(),
            address=self.address.text().strip())


@register("customers", Permission.MANAGE_SALES)
def customer_form(context: AppContext, row: dict[str, Any] | None, parent: QWidget) -> QDialog:
    # The service registers customers; there is no edit yet (see the report).
    return CustomerForm(context, parent)
