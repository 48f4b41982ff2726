"""Record a quality result of a lot: a rapid residue test, a lab report, a grading or a
quarantine certificate, with its parameters; pass or fail is shown as they are typed. A
failed result holds the lot (the service does it)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.models import QualityKind
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms.base import FormDialog
from coop_desktop.gui.forms.quality_parameters import ParameterTable
from coop_desktop.gui.widgets.choice_combo import EnumCombo
from coop_desktop.gui.widgets.date_field import DateField
from coop_desktop.services.choices import lot_stock, plain_number, suggest_record_code
from coop_desktop.services.quality import record_quality
from coop_desktop.services.work import past_date, required_text


class QualityResultForm(FormDialog):
    def __init__(self, context: AppContext, lot_id: int, parent: QWidget | None = None) -> None:
        db, actor = context.database, context.actor
        self.lot_id = lot_id
        stock = lot_stock(db, actor, lot_id)
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("Record quality result"))
        self.setMinimumSize(640, 560)
        self.header(self.tr("Lot %1: %2, %3 %4").replace("%1", stock.code)
                    .replace("%2", stock.product).replace("%3", plain_number(stock.quantity))
                    .replace("%4", stock.unit))
        form = self.new_form()
        self.tested_on = DateField(self)
        self.code = QLineEdit(suggest_record_code(db, actor, "quality", self.tested_on.value()),
                              self)
        self.code.setMaxLength(40)
        self.add_field(form, "code", self.tr("Record no."), self.code,
                       lambda: normalize_code(required_text(self.code.text(), "code")))
        self.kind = EnumCombo(self, QualityKind)
        self.add_field(form, "kind", self.tr("Kind of test"), self.kind)
        self.add_field(form, "tested_on", self.tr("Tested on"), self.tested_on,
                       lambda: past_date(self.tested_on.value(), "tested_on"))
        self.tested_by = QLineEdit(actor.username, self)
        self.tested_by.setMaxLength(100)
        self.add_field(form, "tested_by", self.tr("Tested by"), self.tested_by)
        self.laboratory = QLineEdit(self)
        self.laboratory.setMaxLength(200)
        self.add_field(form, "laboratory", self.tr("Laboratory"), self.laboratory)
        self.report_number = QLineEdit(self)
        self.report_number.setMaxLength(80)
        self.add_field(form, "report_number", self.tr("Report no."), self.report_number)
        self.parameters = ParameterTable(self)
        self.add_field(form, "parameters", self.tr("Parameters"), self.parameters,
                       self.parameters.check, aliases=("name", "value", "limit"))
        self.notes = QLineEdit(self)
        self.add_field(form, "notes", self.tr("Notes"), self.notes)
        self.save_button.setText(self.tr("Record"))
        self.start()

    def submit(self) -> int | None:
        return record_quality(
            self.context.database, self.context.actor, code=self.code.text().strip(),
            kind=str(self.kind.value()), tested_on=self.tested_on.value(),
            parameters=self.parameters.parameters(), lot_id=self.lot_id,
            tested_by=self.tested_by.text().strip(), laboratory=self.laboratory.text().strip(),
            report_number=self.report_number.text().strip(), notes=self.notes.text().strip())

