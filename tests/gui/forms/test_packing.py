"""The packing form end to end: a simulated Yaohua XK3190-A9 on a real pty, assigned as this
PC's packing scale; two stable captures register two crates whose rows carry the scale's raw
frames; the running total warns past the lot's quantity; Undo voids the last crate."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from coop_desktop.devices.simulators import SimulatorPty
from coop_desktop.domain.models import Package, PackageStatus, Role, Weighing
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.devices.settings import PACKING_SCALE, Assignment, save_assignment
from coop_desktop.gui.forms import ACTIONS, load_all
from coop_desktop.gui.forms.packing import CRATE_TYPES_KEY, PackingForm
from coop_desktop.services.lots import hold_lot
from coop_desktop.services.permissions import SYSTEM, Actor
from coop_desktop.storage.database import Database
from tests.gui.devices.test_scale_capture import PROFILE, capture_next, crate_scale
from tests.services.builders import harvested_lot, passing_test, rows


@pytest.fixture
def packer(coop: Database) -> AppContext:
    return AppContext(coop, Actor("packer1", Role.PACKER))


@pytest.fixture
def lot(coop: Database) -> int:
    _, lot_id = harvested_lot(coop, "L001", quantity="30")
    passing_test(coop, lot_id, "Q-1")
    return lot_id


@pytest.fixture
def scale_pty(tmp_path: Path) -> Iterator[SimulatorPty]:
    pty = crate_scale(["18.30", "19.06"], tmp_path / "ttyUSB-packing")
    save_assignment(PACKING_SCALE, Assignment(PROFILE, pty.path))
    yield pty
    pty.stop()


def crates(db: Database) -> list[tuple[int, Decimal | None, PackageStatus, Decimal, Decimal,
                                       bytes | None, str]]:
    with db.read() as session:
        found = session.execute(
            select(Package.serial, Package.net_weight, Package.status, Weighing.gross,
                   Weighing.tare, Weighing.raw_frame, Weighing.device)
            .join(Weighing, Package.weighing_id == Weighing.id).order_by(Package.serial)).all()
    return [tuple(row) for row in found]


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_two_crates_from_the_scale_then_undo(qtbot: QtBot, sqlite_coop: Database,
                                             scale_pty: SimulatorPty) -> None:
    # SQLite only: the services' tests run on both databases; the pty is what this adds.
    packer = AppContext(sqlite_coop, Actor("packer1", Role.PACKER))
    _, lot = harvested_lot(sqlite_coop, "L001", quantity="30")
    passing_test(sqlite_coop, lot, "Q-1")
    form = PackingForm(packer, lot)
    qtbot.addWidget(form)
    try:
        assert form.crate_tare() == Decimal("1.2") and form.count.text() == "0"
        assert not form.undo_button.isEnabled()
        first = capture_next(qtbot, form.scale)
        assert len(form.packed) == 1 and form.packed[0].serial == 1
        assert form.count.text() == "1" and not form.warning.isVisibleTo(form)
        assert form.last_serial.text().startswith("No. 1 — ")
        second = capture_next(qtbot, form.scale)
        assert [crate.serial for crate in form.packed] == [1, 2]
        assert form.count.text() == "2"
        total = first.gross + second.gross - Decimal("2.4")
        assert form.total.text() == f"{total} of 30 kg"
        assert form.warning.isVisibleTo(form) and "more than lot L001" in form.warning.text()
        stored = crates(packer.database)
        assert [(serial, net, gross, tare) for serial, net, _, gross, tare, _, _ in stored] == [
            (1, first.gross - Decimal("1.2"), first.gross, Decimal("1.2")),
            (2, second.gross - Decimal("1.2"), second.gross, Decimal("1.2"))]
        for *_, frame, device in stored:
            assert frame is not None and frame.startswith(b"\x02") and len(frame) == 12
            assert device == f"{PROFILE}@{scale_pty.path}"
        form.undo_button.click()
        assert form.count.text() == "1" and not form.warning.isVisibleTo(form)
        assert [row[2] for row in crates(packer.database)] == [PackageStatus.PRINTED,
                                                               PackageStatus.VOIDED]
        assert "Crate 2 was voided" in form.message.text()
    finally:
        form.scale.stop()


def test_by_hand_without_a_scale_and_the_pcs_crate_types(qtbot: QtBot, packer: AppContext,
                                                         lot: int) -> None:
    QSettings().setValue(CRATE_TYPES_KEY, ["Wooden box=2.5", "Bag=0.05", "broken"])
    form = PackingForm(packer, lot)
    qtbot.addWidget(form)
    form.show()
    assert [form.crate_type.itemText(i) for i in range(form.crate_type.count())] == [
        "Wooden box (tare 2.5 kg)", "Bag (tare 0.05 kg)"]
    assert "No scale is assigned" in form.scale.status.text()
    form.crate_type.setCurrentIndex(1)
    form.scale.typed.setText("10.05")
    form.scale.use_typed.click()
    assert [(crate.serial, crate.net_weight) for crate in form.packed] == [(1, Decimal("10.00"))]
    assert crates(packer.database)[0][5:] == (None, "manual")
    assert QSettings().value("packing/crate_type") == "Bag"


def test_a_held_lot_is_refused_with_a_sentence(qtbot: QtBot, packer: AppContext,
                                              lot: int) -> None:
    hold_lot(packer.database, SYSTEM, lot, "residue retest")
    form = PackingForm(packer, lot)
    qtbot.addWidget(form)
    form.scale.typed.setText("12")
    assert form.scale.capture_typed() is not None
    assert form.packed == [] and rows(packer.database, Package) == 0
    assert "L001" in form.message.text() and form.message.text() == form.scale.status.text()


def test_the_lots_list_offers_packing(packer: AppContext) -> None:
    load_all()
    assert "Pack and weigh crates" in [entry.title for entry in ACTIONS["lots"]]
