"""The shed's work on the demo cooperative, with simulated devices on real ptys: a packer
captures crate weights from a Yaohua indicator in the packing form and a harvest weight in the
harvest form, and prints crate labels at the packing station; a livestock session weighs the
demo's sheep by their electronic ear tags; a greenhouse chart fills from a simulated soil sensor
on the RS-485 bus; a clerk recalls everything a sprayed input's lot touched in one click."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from coop_desktop.devices.profiles import load_profile
from coop_desktop.devices.simulators import (
    DEMO_TAGS,
    SENSOR_VALUES,
    EidSimulator,
    ModbusBusSimulator,
    ModbusSlaveSimulator,
    PtyDevice,
    SimulatorPty,
)
from coop_desktop.domain.models import (
    Animal,
    BatchStatus,
    Lot,
    LotStatus,
    Package,
    PlantingBatch,
    Role,
    Sensor,
    SensorReading,
    Weighing,
)
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.devices.settings import (
    EID_READER,
    LIVESTOCK_SCALE,
    PACKING_SCALE,
    Assignment,
    save_assignment,
)
from coop_desktop.gui.dialogs.weighing_session import WeighingSessionDialog
from coop_desktop.gui.forms.harvest import HarvestForm
from coop_desktop.gui.forms.packing import PackingForm
from coop_desktop.gui.pages.sensors_page import SensorsPage
from coop_desktop.services.demo import load_demo
from coop_desktop.services.permissions import SYSTEM, Actor
from coop_desktop.storage.database import Database
from tests.gui.devices.test_scale_capture import PROFILE, capture_next, crate_scale
from tests.gui.dialogs.test_weighing_session import weigh_next

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    file = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copyfile(sqlite_template, file)
    database = Database.open(str(file))
    load_demo(database)
    database.dispose()
    return file


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    file = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, file)
    database = Database.open(str(file))
    yield database
    database.dispose()


def _released_lot(db: Database) -> int:
    with db.read() as session:
        return session.execute(select(Lot.id).where(Lot.status == LotStatus.RELEASED)
                               .order_by(Lot.id)).scalars().first() or 0


def test_a_packer_weighs_crates_in_the_packing_form(qtbot: QtBot, demo: Database,
                                                    tmp_path: Path) -> None:
    lot_id = _released_lot(demo)
    pty = crate_scale(["18.30", "19.06"], tmp_path / "ttyUSB-packing")
    save_assignment(PACKING_SCALE, Assignment(PROFILE, pty.path))
    with demo.read() as session:
        before = session.execute(select(func.count()).select_from(Package)).scalar_one()
    form = PackingForm(AppContext(demo, Actor("packer", Role.PACKER)), lot_id)
    qtbot.addWidget(form)
    try:
        capture_next(qtbot, form.scale)
        capture_next(qtbot, form.scale)
        assert len(form.packed) == 2
    finally:
        form.reject()  # as the user closing it: the reader stops
        pty.stop()
    with demo.read() as session:
        frames = session.execute(select(Weighing.raw_frame).join(
            Package, Package.weighing_id == Weighing.id).where(Package.lot_id == lot_id)
            .order_by(Package.serial.desc()).limit(2)).scalars().all()
        after = session.execute(select(func.count()).select_from(Package)).scalar_one()
    assert after == before + 2
    assert all(frame is not None and frame.startswith(b"\x02") for frame in frames)


def test_a_harvest_is_weighed_in_the_harvest_form(qtbot: QtBot, demo: Database,
                                                  tmp_path: Path) -> None:
    with demo.read() as session:
        batch_id = session.execute(select(PlantingBatch.id).where(
            PlantingBatch.status == BatchStatus.HARVESTING).order_by(PlantingBatch.id)
        ).scalars().first()
    assert batch_id is not None
    pty = crate_scale(["23.42"], tmp_path / "ttyUSB-packing")
    save_assignment(PACKING_SCALE, Assignment(PROFILE, pty.path))
    form = HarvestForm(AppContext(demo, Actor("clerk", Role.CLERK)), batch_id)
    qtbot.addWidget(form)
    try:
        weighing = capture_next(qtbot, form.scale)
    finally:
        form.reject()  # as the user closing it: the reader stops
        pty.stop()
    assert form.quantity.text() == "23.42" and weighing.raw_frame is not None


def test_a_livestock_session_weighs_the_demo_sheep_by_eid(qtbot: QtBot, demo: Database,
                                                          tmp_path: Path) -> None:
    tagged = {f"{country}{national:012d}" for country, national in DEMO_TAGS}
    with demo.read() as session:
        assert set(session.execute(select(Animal.eid).where(Animal.eid.in_(tagged)))
                   .scalars()) == tagged
    reader = SimulatorPty(EidSimulator(interval=0.3), tmp_path / "ttyUSB-eid")
    reader.start()
    scale = crate_scale(["47.50", "52.00"], tmp_path / "ttyUSB-livestock")
    save_assignment(EID_READER, Assignment("eid-wl134", reader.path))
    save_assignment(LIVESTOCK_SCALE, Assignment(PROFILE, scale.path))
    dialog = WeighingSessionDialog(AppContext(demo, Actor("clerk", Role.CLERK)))
    qtbot.addWidget(dialog)
    try:
        weigh_next(qtbot, dialog)
        weigh_next(qtbot, dialog)
    finally:
        dialog.stop()
        reader.stop()
        scale.stop()
    assert len(dialog.weighed) == 2
    assert {animal.eid for animal, _ in dialog.weighed} <= tagged
    assert {gain.weight for _, gain in dialog.weighed} <= {Decimal("47.5"), Decimal("52")}


def test_a_greenhouse_chart_fills_from_a_simulated_soil_sensor(qtbot: QtBot, demo: Database,
                                                               tmp_path: Path) -> None:
    with demo.read() as session:
        sensors = session.execute(select(Sensor.id, Sensor.code, Sensor.profile,
                                         Sensor.bus_address)
                                  .where(Sensor.bus_address.is_not(None))).all()
    slaves = []
    for _, _, profile, address in sensors:
        spec = load_profile(profile)
        assert spec.modbus is not None
        slave = ModbusSlaveSimulator(address)
        slave.set_values(spec.modbus.registers, SENSOR_VALUES)
        slaves.append(slave)
    soil = next(row for row in sensors if row.profile == "renke-soil")

    def readings() -> int:
        with demo.read() as session:
            return session.execute(select(func.count()).select_from(SensorReading)).scalar_one()

    before = readings()
    with PtyDevice(ModbusBusSimulator(slaves), link=tmp_path / "ttyUSB-rs485") as bus:
        page = SensorsPage(AppContext(demo, SYSTEM), reload_delay_ms=20, poll_timeout=0.3)
        qtbot.addWidget(page)
        try:
            page.port_combo.setEditText(bus.path)
            page.start_button.click()
            qtbot.waitUntil(lambda: readings() > before, timeout=20_000)
            qtbot.waitUntil(lambda: (item := page.item_for(soil.code)) is not None
                            and f"{SENSOR_VALUES['soil_moisture']} %" in item.text(3),
                            timeout=20_000)
        finally:
            assert page.stop_polling()
    assert QThreadPool.globalInstance().waitForDone(10_000)
    assert readings() >= before + len(load_profile("renke-soil").modbus.registers)  # type: ignore[union-attr]


def test_a_packer_prints_labels_at_the_packing_station(qtbot: QtBot, demo: Database,
                                                       tmp_path: Path, data_dir: Path) -> None:
    from coop_desktop.gui.pages.packing_station import PackingStation

    pty = crate_scale(["18.30", "19.06", "17.52"], tmp_path / "ttyUSB-packing")
    save_assignment(PACKING_SCALE, Assignment(PROFILE, pty.path))
    station = PackingStation(AppContext(demo, Actor("packer", Role.PACKER)), profiles=[])
    qtbot.addWidget(station)
    try:
        station.lots.setCurrentRow(0)
        assert station.lot is not None
        qtbot.waitUntil(lambda: len(station.printed) == 3, timeout=30_000)
    finally:
        station.stop_devices()
        pty.stop()
    pdfs = sorted((data_dir / "reports" / "labels").glob("*.pdf"))
    assert len(pdfs) == 3
    with demo.read() as session:
        weights = session.execute(select(Weighing.gross).join(
            Package, Package.weighing_id == Weighing.id)
            .where(Package.serial.in_([issued.serials[0] for issued in station.printed]))
        ).scalars().all()
    assert sorted(weights) == [Decimal("17.52"), Decimal("18.30"), Decimal("19.06")]


def test_a_clerk_recalls_a_sprayed_inputs_lot_in_one_click(qtbot: QtBot, demo: Database,
                                                           data_dir: Path) -> None:
    from coop_desktop.domain.models import ActivityKind, FieldActivity
    from coop_desktop.gui.pages.trace_page import TracePage

    with demo.read() as session:
        sprayed = session.execute(select(FieldActivity.input_lot).where(
            FieldActivity.kind == ActivityKind.PLANT_PROTECTION,
            FieldActivity.input_lot.is_not(None)).order_by(FieldActivity.id)).scalars().first()
    assert sprayed
    page = TracePage(AppContext(demo, Actor("clerk", Role.CLERK)))
    qtbot.addWidget(page)
    page.code.setText(sprayed)
    page.button.click()
    assert page.result is not None and page.result.matched == "input_lot"
    page.recall_button.click()
    assert page.recalled is not None and page.recalled.lots
    assert all(Path(name).is_file() for name in page.report_files)
    assert "found in" in page.message.text().lower() or "Found in" in page.message.text()
