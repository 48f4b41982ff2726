"""Polling over a real pseudo-terminal: a Modbus bus simulator answers for one soil sensor and
not for another; the values of the first land in the database, the second is reported in
words, and the schedule keeps each sensor on its own interval."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import select

from coop_desktop.devices.modbus import ModbusMaster
from coop_desktop.devices.profiles import load_profile
from coop_desktop.devices.simulators import ModbusBusSimulator, ModbusSlaveSimulator, PtyDevice
from coop_desktop.devices.transports import SerialTransport
from coop_desktop.domain.models import ChannelKind, SensorReading
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.sensor_polling import (
    PollSchedule,
    SensorBus,
    poll_sensor,
    read_sensor,
    register_runs,
)
from coop_desktop.services.sensors import PollTarget, poll_targets
from coop_desktop.storage.database import Database
from tests.services.test_sensors import channel_ids, greenhouse, soil_sensor

pty_only = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
VALUES = {"soil_moisture": Decimal("23.4"), "soil_temperature": Decimal("-3.5"),
          "soil_ec": Decimal("412"), "soil_ph": Decimal("7.6")}


def soil_slave(address: int, profile: str = "renke-soil",
               values: dict[str, Decimal] | None = None) -> ModbusSlaveSimulator:
    spec = load_profile(profile)
    assert spec.modbus is not None
    slave = ModbusSlaveSimulator(address)
    slave.set_values(spec.modbus.registers, values or VALUES)
    return slave


@pytest.fixture
def bus_device() -> Iterator[PtyDevice]:
    """Sensor 1 (Renke soil) and sensor 5 (JXCT) answer; nobody answers at address 2."""
    slaves = [soil_slave(1), soil_slave(5, "jxct-soil-npk")]
    with PtyDevice(ModbusBusSimulator(slaves)) as device:
        yield device


@pty_only
def test_the_answering_sensor_is_stored_and_the_absent_one_reported(
        coop: Database, bus_device: PtyDevice) -> None:
    plot = greenhouse(coop)
    present = soil_sensor(coop, plot, "S-01", 1)
    soil_sensor(coop, plot, "S-02", 2)
    soil_sensor(coop, plot, "S-05", 5, profile="jxct-soil-npk")
    targets = {t.code: t for t in poll_targets(coop, SYSTEM)}
    bus = SensorBus(bus_device.path, timeout=0.2, retries=0)
    try:
        first = poll_sensor(coop, SYSTEM, bus, targets["S-01"])
        absent = poll_sensor(coop, SYSTEM, bus, targets["S-02"])
        jxct = poll_sensor(coop, SYSTEM, bus, targets["S-05"])
    finally:
        bus.close()
    assert first.ok and first.values == {"soil_moisture": 23.4, "soil_temperature": -3.5}
    assert jxct.ok and jxct.values == first.values  # another register map, same values
    assert not absent.ok and absent.values == {}
    assert absent.problem == ("Sensor S-02 at address 2 did not answer: check its address, "
                              "the wiring (A/B) and the bus baud rate (9600).")
    channels = channel_ids(coop, present)
    with coop.read() as session:
        stored = {(channel, value) for channel, value in session.execute(
            select(SensorReading.channel_id, SensorReading.value))}
    assert {(channels["soil_moisture"], 23.4), (channels["soil_temperature"], -3.5)} <= stored
    assert len(stored) == 4  # S-01's two and S-05's two; nothing for the absent S-02
    with coop.read() as session:
        assert session.execute(select(SensorReading.recorded_at)).scalars().all()[0] == first.at


@pty_only
def test_a_gap_in_the_register_map_is_read_as_separate_runs(bus_device: PtyDevice) -> None:
    profile = load_profile("jxct-soil-npk")
    assert profile.modbus is not None
    runs = register_runs(profile.modbus.registers)
    assert [[spec.address for spec in run] for run in runs] == [
        [0x06], [0x12, 0x13], [0x15], [0x1E, 0x1F, 0x20]]
    master = ModbusMaster(SerialTransport(bus_device.path), timeout=0.3, retries=0)
    try:
        values = read_sensor(master, profile, 5, [ChannelKind.SOIL_PH, ChannelKind.SOIL_EC])
    finally:
        master.transport.close()
    assert values == {ChannelKind.SOIL_PH: Decimal("7.60"), ChannelKind.SOIL_EC: Decimal("412")}


def test_a_missing_port_and_a_bad_profile_are_sentences(coop: Database) -> None:
    sensor = soil_sensor(coop, None, "S-01", 1)
    (target,) = poll_targets(coop, SYSTEM)
    bus = SensorBus("/dev/nonexistent-sensor-bus", timeout=0.05, retries=0)
    result = poll_sensor(coop, SYSTEM, bus, target)
    bus.close()
    assert result.problem is not None
    assert result.problem.startswith("The sensor bus on /dev/nonexistent-sensor-bus cannot be")
    broken = PollTarget(sensor, "S-01", "no-such-model", 1, 60, target.channels)
    assert "S-01 cannot be polled" in (poll_sensor(coop, SYSTEM, bus, broken).problem or "")
    nowhere = SensorBus("tcp://nothing", timeout=0.05, retries=0)
    assert "tcp://nothing" in (poll_sensor(coop, SYSTEM, nowhere, target).problem or "")


def test_each_sensor_keeps_its_own_interval() -> None:
    fast = PollTarget(1, "S-01", "renke-soil", 1, 60, {})
    slow = PollTarget(2, "S-02", "renke-soil", 2, 600, {})
    schedule = PollSchedule([fast, slow], start=1000.0)
    assert [t.code for t in schedule.due(1000.0)] == ["S-01", "S-02"]
    assert schedule.due(1059.0) == [] and schedule.next_due() == 1060.0
    assert [t.code for t in schedule.due(1061.0)] == ["S-01"]
    assert schedule.next_due() == 1120.0  # on its due times, not 60 s after it ran late
    assert [t.code for t in schedule.due(1700.0)] == ["S-01", "S-02"]
    assert schedule.next_due() == 1760.0  # far behind: from now, not a burst of missed polls
    schedule.all_now(1701.0)
    assert [t.code for t in schedule.due(1701.0)] == ["S-01", "S-02"]
    assert len(schedule) == 2


def test_a_mixed_bus_reopens_the_port_at_each_sensors_rate() -> None:
    opened: list[tuple[str, int]] = []

    class Recorder(SerialTransport):
        def open(self) -> None:
            opened.append((self.url, int(self.settings["baudrate"])))
            super().open()

    bus = SensorBus("loop://", timeout=0.05, retries=0,
                    transport_factory=lambda port, serial: Recorder(
                        port, baudrate=serial.baudrate))
    soil, air = load_profile("renke-soil"), load_profile("rs485-air-th")
    for profile in (soil, air, soil):
        bus.master_for(profile.serial).transport.open()
    bus.close()
    assert opened == [("loop://", 9600), ("loop://", 4800), ("loop://", 9600)]
