"""The product form: names, kind, unit, the GTIN (check digit checked as typed), shelf life
and the grades deliveries and harvests may carry."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QWidget

from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.gs1 import normalize_gtin
from coop_desktop.domain.models import ProductKind
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import register
from coop_desktop.gui.forms.base import FormDialog, changed_fields
from coop_desktop.gui.widgets.choice_combo import EnumCombo
from coop_desktop.gui.widgets.quantity_field import QuantityField
from coop_desktop.services.choices import record_fields
from coop_desktop.services.permissions import Permission
from coop_desktop.services.products import PRODUCT_FIELDS, edit_product, register_product
from coop_desktop.services.work import non_negative, required_text, to_int

UNITS = ("kg", "t")


class ProductForm(FormDialog):
    def __init__(self, context: AppContext, product_id: int | None,
                 parent: QWidget | None = None) -> None:
        self.product_id = product_id
        self.original: dict[str, Any] = (
            record_fields(context.database, context.actor, "products", product_id)
            if product_id is not None else {})
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("New product") if product_id is None
                            else self.tr("Product %1").replace("%1", self.original["code"]))
        form = self.new_form()
        self.code = QLineEdit(self)
        self.code.setMaxLength(40)
        self.add_field(form, "code", self.tr("Product code"), self.code,
                       lambda: normalize_code(required_text(self.code.text(), "code"))
                       if self.product_id is None else None)
        self.name_zh = QLineEdit(self)
        self.name_zh.setMaxLength(100)
        self.add_field(form, "name_zh", self.tr("Name (Chinese)"), self.name_zh,
                       lambda: PRODUCT_FIELDS["name_zh"](self.name_zh.text()))
        self.name_en = QLineEdit(self)
        self.name_en.setMaxLength(100)
        self.add_field(form, "name_en", self.tr("Name (English)"), self.name_en)
        self.variety = QLineEdit(self)
        self.variety.setMaxLength(100)
        self.add_field(form, "variety", self.tr("Variety"), self.variety)
        self.kind = EnumCombo(self, ProductKind)
        self.add_field(form, "kind", self.tr("Kind"), self.kind)
        self.unit = QComboBox(self)
        self.unit.setEditable(True)
        self.unit.addItems(list(UNITS))
        self.add_field(form, "unit", self.tr("Unit"), self.unit,
                       lambda: PRODUCT_FIELDS["unit"](self.unit.currentText()))
        self.gtin = QLineEdit(self)
        self.gtin.setMaxLength(16)
        self.gtin.setPlaceholderText(self.tr("8, 12, 13 or 14 digits, from GS1 China"))
        self.add_field(form, "gtin", self.tr("GTIN (barcode)"), self.gtin,
                       lambda: normalize_gtin(self.gtin.text()) if self.gtin.text().strip()
                       else None)
        self.shelf_life = QuantityField(self, self.tr("days"))
        self.add_field(form, "shelf_life_days", self.tr("Shelf life"), self.shelf_life,
                       self._check_shelf_life)
        self.grades = QLineEdit(self)
        self.grades.setPlaceholderText(self.tr("Separated by commas"))
        self.add_field(form, "grades", self.tr("Grades"), self.grades)
        if product_id is not None:
            self._fill()
        self.start()

    def _check_shelf_life(self) -> None:
        if self.shelf_life.text():
            non_negative(to_int(self.shelf_life.text(), "shelf_life_days"), "shelf_life_days")

    def _fill(self) -> None:
        record = self.original
        self.code.setText(record["code"])
        self.code.setReadOnly(True)
        self.name_zh.setText(record["name_zh"])
        self.name_en.setText(record.get("name_en") or "")
        self.variety.setText(record.get("variety") or "")
        self.kind.set_value(record["kind"])
        self.unit.setCurrentText(record["unit"])
        self.gtin.setText(record.get("gtin") or "")
        self.shelf_life.setText(str(record.get("shelf_life_days") or ""))
        self.grades.setText(", ".join(record.get("grades") or []))

    def values(self) -> dict[str, Any]:
        grades = [grade.strip() for grade in self.grades.text().replace("，", ",").split(",")
                  if grade.strip()]
        return {"name_zh": self.name_zh.text().strip(), "name_en": self.name_en.text().strip(),
                "variety": self.variety.text().strip(), "kind": self.kind.value(),
                "unit": self.unit.currentText().strip(),
                "gtin": self.gtin.text().strip() or None,
                "shelf_life_days": self.shelf_life.value(), "grades": grades}

    def submit(self) -> int | None:
        db, actor = self.context.database, self.context.actor
        values = self.values()
        if self.product_id is None:
            return register_product(db, actor, code=self.code.text().strip(), **values)
        changes = changed_fields(self.original, values)
        if "grades" in changes and values["grades"] == list(self.original.get("grades") or []):
            del changes["grades"]
        if changes:
            edit_product(db, actor, self.product_id, self.original["version"], **changes)
        return self.product_id


@register("products", Permission.MANAGE_PRODUCTS)
def product_form(context: AppContext, row: dict[str, Any] | None, parent: QWidget) -> QDialog:
    return ProductForm(context, row["id"] if row else None, parent)
