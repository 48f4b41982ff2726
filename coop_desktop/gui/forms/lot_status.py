"""Release a lot (only with a passing quality record: the service decides and says why not)
or hold it (a reason is required)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from coop_desktop.domain.models import QualityResult
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms.base import FormDialog
from coop_desktop.services.choices import LotStock, lot_stock, plain_number
from coop_desktop.services.listing import Query, list_records
from coop_desktop.services.lots import hold_lot, release_lot
from coop_desktop.services.work import required_text


class LotStatusForm(FormDialog):
    """What both dialogs show: the lot, its status and its latest quality record."""

    def __init__(self, context: AppContext, lot_id: int, parent: QWidget | None) -> None:
        self.lot_id = lot_id
        self.stock: LotStock = lot_stock(context.database, context.actor, lot_id)
        super().__init__(context, parent)
        stock = self.stock
        self.header(self.tr("Lot %1: %2, %3 %4, %5").replace("%1", stock.code)
                    .replace("%2", stock.product).replace("%3", plain_number(stock.quantity))
                    .replace("%4", stock.unit).replace("%5", name_of(stock.status)))
        latest = list_records(context.database, context.actor, "quality", limit=1,
                              query=Query(filters={"lot_id": lot_id}, sort="tested_on",
                                          descending=True))
        if latest:
            record = latest[0]
            text = self.tr("Latest quality record: %1 of %2, %3.").replace(
                "%1", record["code"]).replace("%2", record["tested_on"]).replace(
                "%3", name_of(QualityResult(record["result"])))
        else:
            text = self.tr("The lot has no quality record of its own; a lot split or merged "
                           "from tested lots counts their results.")
        self.quality = QLabel(text, self)
        self.quality.setObjectName("quality")
        self.quality.setWordWrap(True)
        self.body.addWidget(self.quality)


class ReleaseForm(LotStatusForm):
    def __init__(self, context: AppContext, lot_id: int, parent: QWidget | None = None) -> None:
        super().__init__(context, lot_id, parent)
        self.setWindowTitle(self.tr("Release lot"))
        self.body.addWidget(QLabel(self.tr("A released lot may be labelled and shipped."),
                                   self))
        self.save_button.setText(self.tr("Release"))
        self.start()

    def submit(self) -> int | None:
        release_lot(self.context.database, self.context.actor, self.lot_id)
        return self.lot_id


class HoldForm(LotStatusForm):
    def __init__(self, context: AppContext, lot_id: int, parent: QWidget | None = None) -> None:
        super().__init__(context, lot_id, parent)
        self.setWindowTitle(self.tr("Hold lot"))
        form = self.new_form()
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        self.add_field(form, "reason", self.tr("Reason"), self.reason,
                       lambda: required_text(self.reason.toPlainText(), "reason"))
        self.save_button.setText(self.tr("Hold"))
        self.start()

    def submit(self) -> int | None:
        hold_lot(self.context.database, self.context.actor, self.lot_id,
                 self.reason.toPlainText().strip())
        return self.lot_id

