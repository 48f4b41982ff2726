"""The sensor poller over a real pseudo-terminal: a Modbus bus simulator answers for sensor
S-01 and nobody answers for S-02; S-01's readings land in the SQLite database, S-02 is reported
in a sentence and does not stop S-01 being polled again."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from coop_desktop.devices.simulators import ModbusBusSimulator, PtyDevice
from coop_desktop.domain.models import SensorChannel, SensorReading
from coop_desktop.gui.devices.sensor_poller import SensorPoller
from coop_desktop.gui.devices.sensor_settings import load_bus_port, save_bus_port
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.services.test_sensors import greenhouse, soil_sensor
from tests.services.test_sensors_polling import soil_slave

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


@pytest.fixture
def bus() -> Iterator[PtyDevice]:
    with PtyDevice(ModbusBusSimulator([soil_slave(1)])) as device:
        yield device


def readings_of(db: Database, sensor_id: int) -> int:
    with db.read() as session:
        return int(session.execute(
            select(func.count()).select_from(SensorReading).join(SensorChannel)
            .where(SensorChannel.sensor_id == sensor_id)).scalar_one())


def test_readings_are_stored_and_a_silent_sensor_is_reported(qtbot: QtBot, coop: Database,
                                                             bus: PtyDevice) -> None:
    plot = greenhouse(coop)
    present = soil_sensor(coop, plot, "S-01", 1, poll_seconds=600)
    absent = soil_sensor(coop, plot, "S-02", 2, poll_seconds=600)
    poller = SensorPoller(coop, SYSTEM, bus.path, timeout=0.2, retries=0)
    polled: list[tuple[str, object]] = []
    problems: list[str] = []
    poller.polled.connect(lambda code, values: polled.append((code, values)))
    poller.problem.connect(problems.append)
    try:
        poller.start()
        qtbot.waitUntil(lambda: bool(polled) and bool(problems), timeout=10_000)
        assert polled[0] == ("S-01", {"soil_moisture": 23.4, "soil_temperature": -3.5})
        assert problems[0].startswith("Sensor S-02 at address 2 did not answer")
        assert (readings_of(coop, present), readings_of(coop, absent)) == (2, 0)
        # Each is due again in ten minutes: nothing more happens until "Poll now".
        assert poller.polls == 2
        poller.poll_now()
        qtbot.waitUntil(lambda: len(polled) == 2 and len(problems) == 2, timeout=10_000)
        assert readings_of(coop, present) == 4
    finally:
        assert poller.stop()
    assert not poller.is_running()


def test_a_missing_port_is_said_and_the_thread_still_stops(qtbot: QtBot,
                                                           coop: Database) -> None:
    soil_sensor(coop, None, "S-01", 1)
    poller = SensorPoller(coop, SYSTEM, "/dev/no-such-adapter", timeout=0.05, retries=0)
    try:
        with qtbot.waitSignal(poller.problem, timeout=10_000) as said:
            poller.start()
        assert "The sensor bus on /dev/no-such-adapter cannot be used" in said.args[0]
    finally:
        assert poller.stop()


def test_the_bus_port_is_kept_per_pc() -> None:
    settings = QSettings()
    assert load_bus_port(settings) == ""
    save_bus_port(" tcp://192.168.1.20:8899 ", settings)
    assert load_bus_port(QSettings()) == "tcp://192.168.1.20:8899"
    save_bus_port("", settings)
    assert load_bus_port(settings) == ""
