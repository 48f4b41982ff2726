"""Lot actions through their dialogs: a quality result judged as typed, release refused
without a pass, hold with a reason, a split that may not take more than the lot holds, and a
new lot from harvests and deliveries."""

from __future__ import annotations

from decimal import Decimal

from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import Lot, LotSource, QualityRecord, Role
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms.lot_new import NewLotForm
from coop_desktop.gui.forms.lot_split import SplitForm
from coop_desktop.gui.forms.lot_status import HoldForm, ReleaseForm
from coop_desktop.gui.forms.quality_result import QualityResultForm
from coop_desktop.services.choices import lot_stock
from coop_desktop.services.deliveries import record_delivery
from coop_desktop.services.permissions import SYSTEM, Actor
from coop_desktop.storage.database import Database
from tests.gui.forms.pickers import pick
from tests.services.builders import (
    TODAY,
    days_ago,
    failing_test,
    grow,
    harvest_of,
    harvested_lot,
    load,
    make_product,
    passing_test,
    rows,
)


def officer(db: Database) -> AppContext:
    return AppContext(db, Actor("quality", Role.QUALITY_OFFICER))


def test_quality_result_is_judged_as_typed(qtbot: QtBot, coop: Database) -> None:
    _, lot_id = harvested_lot(coop, "LA1")
    dialog = QualityResultForm(officer(coop), lot_id)
    qtbot.addWidget(dialog)
    assert dialog.code.text() == f"QC{TODAY:%y%m%d}-01"
    assert dialog.checker.error_of("parameters") == (
        "A quality record needs at least one measured parameter.")
    table = dialog.parameters
    table.set_cell(0, 0, "有机磷和氨基甲酸酯类抑制率")
    table.set_cell(0, 1, "abc")
    assert dialog.checker.error_of("parameters") == "Row 1: Value must be a number (got 'abc')."
    table.set_cell(0, 1, "12.5")
    table.set_cell(0, 2, "50")
    table.set_cell(0, 3, "%")
    assert table.outcome.text() == "Result: pass"
    row = table.add_row("可溶性固形物", "9", "10", "%", at_most=False)
    assert table.outcome.text() == "Result: fail"
    table.set_cell(row, 1, "12")
    assert table.outcome.text() == "Result: pass"
    dialog.laboratory.setText("武威市农产品质量安全检测中心")
    qtbot.keyClicks(dialog.report_number, "WW-2025-0815")
    assert dialog.save()
    record = load(coop, QualityRecord, dialog.saved_id or 0)
    assert (record.result.value, record.report_number, record.tested_by) == (
        "pass", "WW-2025-0815", "quality")


def test_release_refused_without_a_pass_then_allowed(qtbot: QtBot, coop: Database) -> None:
    _, lot_id = harvested_lot(coop, "LA1")
    dialog = ReleaseForm(officer(coop), lot_id)
    qtbot.addWidget(dialog)
    assert "no quality record of its own" in dialog.quality.text()
    assert not dialog.save()
    assert dialog.message.text() == (
        "Lot LA1 cannot be released: it has no passing quality record. "
        "Record a passing test first.")
    assert dialog.message.isVisibleTo(dialog)
    assert lot_stock(coop, SYSTEM, lot_id).status.value == "open"
    passing_test(coop, lot_id, "QC1")
    again = ReleaseForm(officer(coop), lot_id)
    qtbot.addWidget(again)
    assert "QC1" in again.quality.text()
    assert again.save()
    assert lot_stock(coop, SYSTEM, lot_id).status.value == "released"


def test_hold_needs_a_reason(qtbot: QtBot, coop: Database) -> None:
    _, lot_id = harvested_lot(coop, "LA1")
    failing_test(coop, lot_id, "QC1")  # a failed test already holds it…
    dialog = HoldForm(officer(coop), lot_id)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    dialog.reason.setPlainText("  ")
    assert dialog.checker.error_of("reason") == "Reason is required."
    dialog.reason.setPlainText("客户投诉，复检")
    assert not dialog.save()  # …so the service says it cannot be held again
    assert dialog.message.text() == "Lot LA1 is held; it cannot be changed to held."


def test_split_refuses_more_than_the_lot_holds(qtbot: QtBot, clerk: AppContext) -> None:
    db = clerk.database
    _, lot_id = harvested_lot(db, "LA1", "100")
    dialog = SplitForm(clerk, lot_id)
    qtbot.addWidget(dialog)
    outputs = dialog.outputs
    assert outputs.table.rowCount() == 2
    first, second = (outputs.table.item(row, 0).text() for row in range(2))
    assert first == f"MELO{TODAY:%y%m%d}01"
    assert second == f"MELO{TODAY:%y%m%d}02"
    outputs.set_cell(0, 1, "60")
    outputs.set_cell(1, 1, "38")
    qtbot.keyClicks(dialog.loss.line, "5")
    assert dialog.checker.error_of("outputs") == (
        "Outputs of 98 kg plus declared loss 5 kg exceed the inputs of 100 kg.")
    assert "more than the 100 kg left" in dialog.balance.text()
    assert not dialog.save_button.isEnabled()
    assert not dialog.save()
    assert rows(db, Lot) == 1
    dialog.loss.setText("2")
    assert dialog.checker.error_of("loss_reason") == "Reason for the loss is required."
    dialog.loss_reason.setText("修剪")
    assert dialog.balance.text() == (
        "60 + 38 + loss 2 = 100 of 100 kg; 0 kg stay in lot LA1.")
    assert dialog.save()
    assert rows(db, Lot) == 3
    assert lot_stock(db, SYSTEM, lot_id).status.value == "consumed"


def test_new_lot_from_a_harvest_and_a_delivery(qtbot: QtBot, clerk: AppContext) -> None:
    db = clerk.database
    melon = make_product(db, grades=["一级"])
    crop = grow(db, melon)
    harvest = harvest_of(db, crop.batch_id, "100", on=3)
    delivery = record_delivery(db, SYSTEM, code="JS1", member_id=crop.member_id,
                               product_id=melon, delivered_on=days_ago(1), quantity="40")
    dialog = NewLotForm(clerk)
    qtbot.addWidget(dialog)
    assert dialog.checker.error_of("sources") == (
        "A lot needs at least one source (harvest, delivery, animal or parent lot).")
    pick(qtbot, dialog.product, "MELON")
    sources = dialog.sources
    assert [(source.kind, source.record_id) for source in sources.sources()] == [
        ("delivery", delivery), ("harvest", harvest)]
    assert dialog.code.text() == f"MELO{TODAY:%y%m%d}01"
    sources.take(0)
    sources.take(1, "120")
    assert dialog.checker.error_of("sources") == (
        "B001 has only 100 kg left; 120 kg were asked for.")
    sources.take(1, "60")
    assert sources.total.text() == "The new lot: 100 kg from 2 source(s)."
    dialog.grade.setCurrentText("一级")
    assert dialog.save()
    lot = load(db, Lot, dialog.saved_id or 0)
    assert (lot.code, lot.quantity, lot.grade, lot.pack_date) == (
        f"MELO{TODAY:%y%m%d}01", Decimal(100), "一级", TODAY)
    assert rows(db, LotSource) == 2
