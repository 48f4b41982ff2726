"""The packing station with a simulated Yaohua indicator on a real pty: five crates put on the
scale make five labels carrying the weights the scale sent (less the crate's tare), read back
from the printed PDFs; the tally, Undo, and a lot that is not released being refused."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from coop_desktop.devices.simulators import SimulatorPty
from coop_desktop.domain.models import Package, PackageStatus, Role, Weighing
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.devices.settings import PACKING_SCALE, Assignment, save_assignment
from coop_desktop.gui.pages.packing_station import PackingStation
from coop_desktop.services.lots import release_lot
from coop_desktop.services.permissions import SYSTEM, Actor
from coop_desktop.storage.database import Database
from tests.gui.devices.test_scale_capture import PROFILE, crate_scale
from tests.services.builders import harvested_lot, make_product, passing_test

WEIGHTS = ["18.30", "19.06", "17.52", "18.88", "19.40"]


@pytest.fixture
def scale(tmp_path: Path) -> Iterator[SimulatorPty]:
    pty = crate_scale(WEIGHTS, tmp_path / "ttyUSB-packing")
    save_assignment(PACKING_SCALE, Assignment(PROFILE, pty.path))
    yield pty
    pty.stop()


def _lots(db: Database) -> tuple[int, int]:
    product = make_product(db)
    _, released = harvested_lot(db, "L001", "500", product_id=product)
    passing_test(db, released, "Q-1")
    release_lot(db, SYSTEM, released)
    harvested_lot(db, "L002", "100", product_id=product, batch="B002", plot="P002",
                  member="M002")  # not tested, not released
    return released, 0


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_five_crates_make_five_labels_with_the_scales_weights(
        qtbot: QtBot, sqlite_coop: Database, scale: SimulatorPty, data_dir: Path) -> None:
    _lots(sqlite_coop)
    station = PackingStation(AppContext(sqlite_coop, Actor("packer", Role.PACKER)),
                             profiles=[])
    qtbot.addWidget(station)
    try:
        assert station.lots.count() == 1  # only the released lot is offered
        assert not station.choose_code("L002")
        assert "not a released lot" in station.message.text()
        assert station.choose_code("L001") and station.lot is not None
        assert station.crate_tare() == Decimal("1.2")
        qtbot.waitUntil(lambda: len(station.printed) == 5, timeout=40_000)
        assert station.count.text() == "5"
        station.undo.click()
        assert station.count.text() == "4" and "take it off the crate" in station.message.text()
    finally:
        station.stop_devices()
    with sqlite_coop.read() as session:
        rows = session.execute(select(Package.serial, Package.net_weight, Package.status,
                                      Weighing.gross, Weighing.raw_frame)
                               .join(Weighing, Weighing.id == Package.weighing_id)
                               .order_by(Package.serial)).all()
    assert [row.serial for row in rows] == [1, 2, 3, 4, 5]
    assert [row.status for row in rows] == [PackageStatus.PRINTED] * 4 + [PackageStatus.VOIDED]
    assert sorted(row.gross for row in rows) == sorted(Decimal(weight) for weight in WEIGHTS)
    for row in rows:
        assert row.net_weight == row.gross - Decimal("1.2")
        assert row.raw_frame is not None and row.raw_frame.startswith(b"\x02")
        pdf = data_dir / "reports" / "labels" / f"L001-{row.serial}.pdf"
        text = pypdf.PdfReader(pdf).pages[0].extract_text()
        assert f"净重 {row.net_weight:.2f} kg" in text and f"No.{row.serial}" in text
