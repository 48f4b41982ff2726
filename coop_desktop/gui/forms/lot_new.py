"""A new lot from harvests and member deliveries of one product: choose the product, tick
what goes in and how much; the lot code is suggested (product, pack date, number)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from coop_desktop.domain.codes import normalize_lot_code
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms.base import FormDialog
from coop_desktop.gui.forms.lot_sources import SourceTable
from coop_desktop.gui.widgets.date_field import DateField
from coop_desktop.gui.widgets.record_picker import RecordPicker
from coop_desktop.services.choices import record_fields
from coop_desktop.services.lots import create_lot, suggest_lot_code
from coop_desktop.services.work import required_text


class NewLotForm(FormDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("New lot from harvests and deliveries"))
        self.setMinimumSize(720, 600)
        self._suggested = ""
        self._product_code = ""
        form = self.new_form()
        self.product = RecordPicker(self, context, "products")
        self.add_field(form, "product_id", self.tr("Product"), self.product,
                       self.picked(self.product, "product_id"))
        self.sources = SourceTable(context, self)
        self.add_field(form, "sources", self.tr("Taken from"), self.sources,
                       self.sources.check, aliases=("harvest_id", "delivery_id", "quantity"))
        self.pack_date = DateField(self)
        self.add_field(form, "pack_date", self.tr("Packed on"), self.pack_date)
        self.code = QLineEdit(self)
        self.code.setMaxLength(20)
        self.add_field(form, "code", self.tr("Lot code"), self.code,
                       lambda: normalize_lot_code(required_text(self.code.text(), "code")))
        self.grade = QComboBox(self)
        self.grade.setEditable(True)
        self.add_field(form, "grade", self.tr("Grade"), self.grade)
        self.notes = QLineEdit(self)
        self.add_field(form, "notes", self.tr("Notes"), self.notes)
        self.product.record_changed.connect(self._product_chosen)
        self.pack_date.changed.connect(self._suggest_code)
        self.save_button.setText(self.tr("Create lot"))
        self.start()

    def _product_chosen(self, product_id: int | None) -> None:
        self.sources.load(product_id)
        self.grade.clear()
        self._product_code = ""
        if product_id is not None:
            product = record_fields(self.context.database, self.context.actor, "products",
                                    product_id)
            self._product_code = str(product["code"])
            self.grade.addItems(["", *(product.get("grades") or [])])
        self._suggest_code()
        self.checker.run()

    def _suggest_code(self) -> None:
        """Suggest a code while the user has not typed one of their own."""
        if not self._product_code or self.code.text() not in ("", self._suggested):
            return
        self._suggested = suggest_lot_code(self.context.database, self._product_code,
                                           self.pack_date.value())
        self.code.setText(self._suggested)

    def submit(self) -> int | None:
        return create_lot(self.context.database, self.context.actor,
                          code=self.code.text().strip(),
                          product_id=self.chosen(self.product, "product_id"),
                          sources=self.sources.inputs(),
                          grade=self.grade.currentText().strip(),
                          pack_date=self.pack_date.value(), notes=self.notes.text().strip())
