"""Plots, planting batches, field activities and harvests through their forms; a harvest
inside a pre-harvest interval is refused with the service's sentence and nothing is written."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import FieldActivity, Harvest, Weighing
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.devices.settings import PACKING_SCALE, Assignment, save_assignment
from coop_desktop.gui.forms.batches import BatchForm
from coop_desktop.gui.forms.field_activity import FieldActivityForm
from coop_desktop.gui.forms.harvest import HarvestForm
from coop_desktop.gui.forms.plots import PlotForm
from coop_desktop.services.choices import record_fields
from coop_desktop.services.listing import list_records
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.production import record_activity
from coop_desktop.services.weighings import WeighingInput
from coop_desktop.storage.database import Database
from tests.gui.devices.test_scale_capture import PROFILE, capture_next, crate_scale
from tests.gui.forms.pickers import pick
from tests.services.builders import days_ago, grow, load, make_member, make_product, rows


def test_new_plot(qtbot: QtBot, clerk: AppContext) -> None:
    make_member(clerk.database, "M0001", village="新华村")
    dialog = PlotForm(clerk, None)
    qtbot.addWidget(dialog)
    pick(qtbot, dialog.member, "M0001")
    qtbot.keyClicks(dialog.code, "P-0001")
    qtbot.keyClicks(dialog.area.line, "200000")
    assert dialog.checker.error_of("area_mu") == (
        "Area of 200000 is more than the largest plausible value 100000; check the unit.")
    assert not dialog.save_button.isEnabled()
    dialog.area.setText("3.5")
    dialog.land_type.set_value("sunlight_greenhouse")
    dialog.in_gi_area.setChecked(True)
    assert dialog.save()
    row = list_records(clerk.database, clerk.actor, "plots")[0]
    assert (row["code"], row["member"], row["village"], row["area_mu"], row["land_type"],
            row["in_gi_area"]) == ("P-0001", "M0001", "新华村", "3.5", "sunlight_greenhouse",
                                   True)


def test_new_batch_takes_the_plots_area(qtbot: QtBot, clerk: AppContext) -> None:
    db = clerk.database
    make_product(db)
    crop = grow(db, make_product(db, "TOMATO", "番茄"), plot="P001", batch="B001")
    dialog = BatchForm(clerk, None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code, "B002")
    pick(qtbot, dialog.plot, "P001")
    assert dialog.area.text() == "5.5"
    pick(qtbot, dialog.product, "MELON")
    dialog.area.setText("6")
    assert dialog.checker.error_of("area_mu") == (
        "Area of 6 is more than the largest plausible value 5.5; check the unit.")
    dialog.area.setText("2.25")
    dialog.planted_on.set_value(days_ago(10))
    qtbot.keyClicks(dialog.seed_lot, "SL-2025-01")
    assert dialog.save()
    row = list_records(db, clerk.actor, "batches", search="B002")[0]
    assert (row["plot_id"], row["product"], row["area_mu"], row["seed_lot"]) == (
        crop.plot_id, "MELON", "2.25", "SL-2025-01")


def test_edit_batch_status(qtbot: QtBot, clerk: AppContext) -> None:
    crop = grow(clerk.database, make_product(clerk.database))
    dialog = BatchForm(clerk, crop.batch_id)
    qtbot.addWidget(dialog)
    assert not dialog.plot.isEnabled()
    dialog.status.set_value("finished")
    assert dialog.save()
    assert record_fields(clerk.database, clerk.actor, "batches", crop.batch_id)["status"] == (
        "finished")


def test_spray_needs_its_interval(qtbot: QtBot, clerk: AppContext) -> None:
    crop = grow(clerk.database, make_product(clerk.database))
    dialog = FieldActivityForm(clerk, crop.batch_id)
    qtbot.addWidget(dialog)
    assert dialog.kind.value() == "plant_protection"
    dialog.performed_on.set_value(days_ago(2))
    dialog.input_name.setText("10%吡虫啉可湿性粉剂")
    qtbot.keyClicks(dialog.registration, "PD20083264")
    dialog.ingredient.setText("吡虫啉 10%")
    qtbot.keyClicks(dialog.input_lot, "YL-240301")
    qtbot.keyClicks(dialog.amount.line, "110")
    dialog.amount.units.setCurrentText("g")
    assert not dialog.save_button.isEnabled()
    assert "Pre-harvest interval (days)" in dialog.pending.text()
    qtbot.keyClicks(dialog.phi_days, "x")
    assert dialog.checker.error_of("phi_days") == (
        "Pre-harvest interval (days) must be a number (got 'x').")
    dialog.phi_days.setText("7")
    assert dialog.save()
    with clerk.database.read() as session:
        activity = session.get(FieldActivity, dialog.saved_id)
        assert activity is not None
        assert (activity.input_name, activity.input_lot, activity.amount, activity.amount_unit,
                activity.phi_days, activity.area_mu, activity.operator) == (
            "10%吡虫啉可湿性粉剂", "YL-240301", Decimal(110), "g", 7, Decimal("5.5"), "clerk")


def test_irrigation_needs_no_input(qtbot: QtBot, clerk: AppContext) -> None:
    crop = grow(clerk.database, make_product(clerk.database))
    dialog = FieldActivityForm(clerk, crop.batch_id)
    qtbot.addWidget(dialog)
    dialog.kind.set_value("irrigation")
    assert not dialog.phi_days.isEnabled()
    dialog.performed_on.set_value(days_ago(-1))
    assert dialog.checker.error_of("performed_on") == (
        f"Date {days_ago(-1)} is in the future; records are kept for what has happened.")
    dialog.performed_on.set_value(days_ago(0))
    assert dialog.save()


def test_harvest_inside_the_interval_is_refused(qtbot: QtBot, clerk: AppContext) -> None:
    db = clerk.database
    crop = grow(db, make_product(db, grades=["一级", "二级"]))
    record_activity(db, SYSTEM, batch_id=crop.batch_id, kind="plant_protection",
                    performed_on=days_ago(3), input_name="吡虫啉", phi_days=7)
    dialog = HarvestForm(clerk, crop.batch_id)
    qtbot.addWidget(dialog)
    assert days_ago(-4).isoformat() in dialog.waiting.text()
    qtbot.keyClicks(dialog.quantity.line, "120.5")
    dialog.harvested_on.set_value(days_ago(1))
    refusal = (f"Harvest refused: 吡虫啉 was applied on {days_ago(3)} with a pre-harvest "
               f"interval of 7 days; the first allowed harvest date is {days_ago(-4)}.")
    assert dialog.checker.error_of("harvested_on") == refusal
    error_label = dialog.findChild(type(dialog.waiting), "harvested_on_error")
    assert error_label is not None
    assert error_label.text() == refusal
    assert not dialog.save_button.isEnabled()
    assert not dialog.save()
    assert rows(db, Harvest) == 0
    assert dialog.result() != dialog.DialogCode.Accepted


def test_service_refusal_stays_in_the_dialog(qtbot: QtBot, clerk: AppContext) -> None:
    """A spray recorded at another PC after the dialog opened: the service refuses, and its
    sentence appears under the date; the dialog stays open and nothing is written."""
    db = clerk.database
    crop = grow(db, make_product(db))
    dialog = HarvestForm(clerk, crop.batch_id)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.quantity.line, "80")
    dialog.harvested_on.set_value(days_ago(1))
    assert dialog.save_button.isEnabled()
    record_activity(db, SYSTEM, batch_id=crop.batch_id, kind="plant_protection",
                    performed_on=days_ago(2), input_name="百菌清", phi_days=7)
    assert not dialog.save()
    assert dialog.checker.error_of("harvested_on") == (
        f"Harvest refused: 百菌清 was applied on {days_ago(2)} with a pre-harvest interval of "
        f"7 days; the first allowed harvest date is {days_ago(-5)}.")
    assert not dialog.save_button.isEnabled()
    assert rows(db, Harvest) == 0
    dialog.harvested_on.set_value(days_ago(3))
    assert dialog.save()
    harvest = load(db, Harvest, dialog.saved_id)
    assert (harvest.quantity, harvest.harvested_on, harvest.operator) == (
        Decimal(80), days_ago(3), "clerk")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_harvest_weighed_on_the_packing_scale(qtbot: QtBot, sqlite_coop: Database,
                                              tmp_path: Path) -> None:
    """A simulated Yaohua indicator on a pty: the captured net weight is the quantity, and the
    harvest's weighing keeps the frame the scale sent (SQLite only: the pty is what this adds
    to the services' tests)."""
    clerk = AppContext(sqlite_coop, SYSTEM)
    crop = grow(sqlite_coop, make_product(sqlite_coop))
    pty = crate_scale(["23.42"], tmp_path / "ttyUSB-packing")
    save_assignment(PACKING_SCALE, Assignment(PROFILE, pty.path))
    dialog = HarvestForm(clerk, crop.batch_id)
    qtbot.addWidget(dialog)
    try:
        assert dialog.scale.has_scale
        weighing = capture_next(qtbot, dialog.scale)
        assert dialog.quantity.text() == "23.42" and dialog.weighing is weighing
        dialog.harvested_on.set_value(days_ago(1))
        assert dialog.save()
    finally:
        pty.stop()
    assert not dialog.scale.reader or not dialog.scale.reader.is_running()  # stopped on close
    harvest = load(sqlite_coop, Harvest, dialog.saved_id or 0)
    stored = load(sqlite_coop, Weighing, harvest.weighing_id)
    assert harvest.quantity == stored.net == Decimal("23.42")
    assert stored.raw_frame == weighing.raw_frame and stored.raw_frame.startswith(b"\x02")
    assert stored.stable and stored.device == f"{PROFILE}@{pty.path}"


def test_a_typed_quantity_replaces_the_scales(qtbot: QtBot, clerk: AppContext) -> None:
    db = clerk.database
    crop = grow(db, make_product(db))
    dialog = HarvestForm(clerk, crop.batch_id)
    qtbot.addWidget(dialog)
    assert "No scale is assigned" in dialog.scale.status.text()
    dialog.scale.captured.emit(WeighingInput(gross=Decimal("20.5"), device="scale",
                                             raw_frame=b"frame"))
    assert dialog.quantity.text() == "20.5" and dialog.weighing is not None
    qtbot.keyClicks(dialog.quantity.line, "0")
    assert dialog.weighing is None
    dialog.harvested_on.set_value(days_ago(1))
    assert dialog.save()
    harvest = load(db, Harvest, dialog.saved_id or 0)
    assert (harvest.quantity, harvest.weighing_id) == (Decimal("20.50"), None)
