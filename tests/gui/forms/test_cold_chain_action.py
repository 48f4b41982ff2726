"""The action "Import cold-chain temperatures…" of the Sales list: a logger's file read off the
GUI thread, its readings, bad rows and excursions shown, and stored on the shipment only when
the user confirms."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from coop_desktop.domain.models import Role, ShipmentTemperature
from coop_desktop.gui import forms
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import ACTIONS, RecordAction
from coop_desktop.gui.forms.cold_chain_action import ColdChainDialog
from coop_desktop.gui.pages.list_page import ListPage
from coop_desktop.gui.pages.specs import LIST_SPECS
from coop_desktop.services.details import shipment_story
from coop_desktop.services.lots import release_lot
from coop_desktop.services.permissions import SYSTEM, Actor, Permission
from coop_desktop.services.sales import LineInput, record_shipment, register_customer
from coop_desktop.storage.database import Database
from tests.services.builders import audit_ok, days_ago, harvested_lot, passing_test
from tests.services.test_cold_chain import ELITECH

TITLE = "Import cold-chain temperatures…"
WAIT_MS = 20_000
#: The Elitech export with one row whose temperature the logger could not write.
WITH_A_BAD_ROW = ELITECH.replace("5,2026-08-15 08:00:00,5.0", "5,2026-08-15 08:00:00,--")


@pytest.fixture(autouse=True)
def _actions() -> None:
    forms.load_all()


def the_action() -> RecordAction:
    found = [entry for entry in ACTIONS["shipments"] if entry.title == TITLE]
    assert len(found) == 1
    return found[0]


def a_shipment(db: Database) -> int:
    _, lot_id = harvested_lot(db, "MT0815", "90")
    passing_test(db, lot_id, "Q-MT")
    release_lot(db, SYSTEM, lot_id)
    customer = register_customer(db, SYSTEM, code="C-HL", name="兰州华联生鲜超市",
                                 kind="supermarket")
    return record_shipment(db, SYSTEM, code="FH-0815", customer_id=customer,
                           shipped_on=days_ago(2), lines=[LineInput(lot_id, "80", "68")])


def stored(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count(ShipmentTemperature.id))).scalar_one())


def logger_file(folder: Path, text: str = WITH_A_BAD_ROW, name: str = "logger.csv") -> Path:
    path = folder / name
    path.write_bytes(text.encode("gbk"))
    return path


def read(qtbot: QtBot, dialog: ColdChainDialog, path: Path) -> None:
    with qtbot.waitSignal(dialog.file_read, timeout=WAIT_MS):
        dialog.load_file(path)


def test_the_action_needs_a_shipment_and_the_sales_permission(qtbot: QtBot,
                                                              coop: Database) -> None:
    entry = the_action()
    assert entry.permission == Permission.MANAGE_SALES
    assert entry.needs_record
    for role, allowed in ((Role.CLERK, True), (Role.PACKER, False), (Role.AUDITOR, False)):
        page = ListPage(AppContext(coop, Actor(role.value, role)), LIST_SPECS["shipments"])
        qtbot.addWidget(page)
        assert page.record_actions[TITLE].isEnabled() is allowed


def test_readings_bad_rows_and_excursions_shown_then_the_good_rows_stored(
        qtbot: QtBot, clerk: AppContext, tmp_path: Path) -> None:
    db = clerk.database
    shipment = a_shipment(db)
    dialog = ColdChainDialog(clerk, shipment)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Cold-chain temperatures of shipment FH-0815"
    assert not dialog.store_button.isEnabled()
    read(qtbot, dialog, logger_file(tmp_path))

    assert dialog.file_label.text() == "logger.csv"
    assert dialog.summary.text().startswith("6 readings, ")
    assert dialog.summary.text().endswith(", from -1.5 °C to 10.4 °C. " + dialog.tr(
        "%n row(s) could not be read.", "", 1))
    assert dialog.errors.column_texts(0) == ["6"]
    assert dialog.errors.column_texts(1) == ["'--' is not a temperature between -60 and 80 °C."]
    assert dialog.excursions.column_texts(1) == ["too warm for 30 min, peak 10.4 °C",
                                                 "too cold at one reading, -1.5 °C"]
    chart = dialog.chart
    assert chart.curve is not None and chart.outside is not None
    assert list(chart.curve.getData()[1]) == [3.9, 4.2, 9.1, 10.4, -1.5, 4.0]
    assert list(chart.outside.getData()[1]) == [9.1, 10.4, -1.5]
    assert dialog.store_button.text() == "Store the 6 good readings"
    assert dialog.note.text() == ("Storing keeps the 6 good readings and leaves out the rows "
                                  "that could not be read.")
    assert stored(db) == 0  # nothing before the user confirms

    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        assert dialog.store()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.stored, stored(db)) == (6, 6)
    story = shipment_story(db, SYSTEM, shipment)
    assert [point.celsius for point in story.temperatures] == [3.9, 4.2, 9.1, 10.4, -1.5, 4.0]
    assert len(story.excursions) == 2
    assert audit_ok(db)

    again = ColdChainDialog(clerk, shipment)
    qtbot.addWidget(again)
    read(qtbot, again, logger_file(tmp_path, ELITECH, "clean.csv"))
    assert again.store_button.text() == "Store the 7 readings"
    assert again.note.text() == "This shipment already has 6 readings; these are added to them."


def test_cancel_stores_nothing(qtbot: QtBot, clerk: AppContext, tmp_path: Path) -> None:
    shipment = a_shipment(clerk.database)
    dialog = ColdChainDialog(clerk, shipment)
    qtbot.addWidget(dialog)
    read(qtbot, dialog, logger_file(tmp_path, ELITECH))
    with qtbot.waitSignal(dialog.rejected, timeout=WAIT_MS):
        dialog.buttons.findChild(type(dialog.store_button), "cancel").click()
    assert stored(clerk.database) == 0


def test_a_file_without_a_time_column_is_explained(qtbot: QtBot, clerk: AppContext,
                                                   tmp_path: Path) -> None:
    shipment = a_shipment(clerk.database)
    dialog = ColdChainDialog(clerk, shipment)
    qtbot.addWidget(dialog)
    path = logger_file(tmp_path, "姓名,村\n王建国,王庄村\n", "members.csv")
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as failed:
        dialog.load_file(path)
    assert "members.csv" in failed.args[0]
    assert dialog.message.text() == failed.args[0]
    assert not dialog.store_button.isEnabled()
    assert dialog.store() is False
    assert stored(clerk.database) == 0


def test_imported_through_the_sales_list(qtbot: QtBot, clerk: AppContext, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    a_shipment(clerk.database)
    path = logger_file(tmp_path, ELITECH)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(path), "")))

    def run(dialog: ColdChainDialog) -> int:
        with qtbot.waitSignal(dialog.file_read, timeout=WAIT_MS):
            dialog.show()  # the file dialog opens at once
        dialog.store_button.click()
        return dialog.result()

    monkeypatch.setattr(ColdChainDialog, "exec", run)
    page = ListPage(clerk, LIST_SPECS["shipments"])
    qtbot.addWidget(page)
    page.view.selectRow(0)
    assert page.run_action(the_action()) is True
    assert stored(clerk.database) == 7
