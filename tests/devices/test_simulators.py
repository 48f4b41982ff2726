"""The streaming scale, EID and sensor simulators: their frames decode with the profile's codec
(polled scales, zero and tare: test_scale_simulators.py)."""

from __future__ import annotations

import itertools
import sys
from decimal import Decimal

import pytest

from coop_desktop.devices.modbus import ModbusMaster
from coop_desktop.devices.profiles import load_profile
from coop_desktop.devices.readings import Reading
from coop_desktop.devices.simulators import (
    EidSimulator,
    ScaleSimulator,
    SensorSimulator,
    SimulatorPty,
    simulator_for,
)
from coop_desktop.devices.stability import StabilityDetector
from coop_desktop.devices.transports import SerialTransport

CRATE = Decimal("18.40")
_END = {"yaohua_eq": b"="}  # '=' frames end only when the next one starts


def _decode(name: str, frames: int, **kwargs: object) -> tuple[ScaleSimulator, list[Reading]]:
    profile = load_profile(name)
    simulator = ScaleSimulator(profile, weights=[CRATE], **kwargs)  # type: ignore[arg-type]
    codec = profile.make_codec()
    readings = []
    for _ in range(frames):
        readings += codec.feed(simulator.next_frame() or b"")
    return simulator, readings + codec.feed(_END.get(profile.protocol, b""))


@pytest.mark.parametrize("name", ["yaohua-xk3190-a9", "yaohua-reverse", "yaohua-a12e",
                                  "toledo-continuous"])
def test_a_crate_ramps_settles_and_stays_stable(name: str) -> None:
    # 8 zero, 4 ramp, 5 settle, 15 stable frames: stop just before the removal.
    _, readings = _decode(name, 32)
    values = [r.value for r in readings]
    assert len(values) == 32
    assert values[:8] == [Decimal(0)] * 8
    assert all(v is not None and v > 0 for v in values[8:17])
    assert values[-15:] == [CRATE] * 15
    assert len(set(values[8:17])) > 2  # moving, then settling with noise
    detector = StabilityDetector(window_s=None, window_count=5)
    stable = [detector.judge(i * 0.1, r).stable for i, r in enumerate(readings)]
    assert stable[-1] is True
    assert not any(stable[9:17])


def test_toledo_flags_motion_until_settled() -> None:
    _, readings = _decode("toledo-continuous", 32)
    assert [r.stable for r in readings[8:17]] == [False] * 9
    assert all(r.stable for r in readings[17:])


def test_the_crate_is_removed_and_the_loop_goes_on() -> None:
    simulator, readings = _decode("yaohua-xk3190-a9", 32 + 3 + 8 + 4)
    assert [r.value for r in readings[35:43]] == [Decimal(0)] * 8
    assert readings[-1].value is not None and readings[-1].value > 0
    assert simulator.sent == 47


def test_random_crates_are_deterministic_for_a_seed() -> None:
    profile = load_profile("yaohua-xk3190-a9")
    first = [ScaleSimulator(profile, seed=3).next_frame() for _ in range(60)]
    again = [ScaleSimulator(profile, seed=3).next_frame() for _ in range(60)]
    assert first == again


@pytest.mark.parametrize("name", ["yaohua-xk3190-a9", "yaohua-reverse", "yaohua-a12e",
                                  "toledo-continuous"])
def test_corrupted_frames_are_dropped_and_counted_never_read(name: str) -> None:
    profile = load_profile(name)
    simulator = ScaleSimulator(profile, seed=5, corrupt_rate=0.2)
    clean = ScaleSimulator(profile, seed=5)
    codec = profile.make_codec()
    frames = [simulator.next_frame() for _ in range(200)]
    expected = [clean.next_frame() for _ in range(200)]
    readings = list(itertools.chain.from_iterable(codec.feed(f or b"") for f in frames))
    readings += codec.feed(_END.get(profile.protocol, b""))
    assert 20 < simulator.corrupted < 60
    assert len(readings) == 200 - simulator.corrupted
    sequence = ScaleSimulator(profile, seed=5).weights()
    weights = [w for _, (w, _motion) in zip(range(200), sequence, strict=False)]
    good = [w for w, f, e in zip(weights, frames, expected, strict=True) if f == e]
    assert [r.value for r in readings] == good
    assert codec.stats.bad_checksums + codec.stats.malformed >= simulator.corrupted


def test_every_scale_and_reader_profile_has_a_simulator() -> None:
    assert isinstance(simulator_for(load_profile("mt-sics")), ScaleSimulator)
    assert isinstance(simulator_for(load_profile("eid-ascii")), EidSimulator)
    assert isinstance(simulator_for(load_profile("renke-soil")), SensorSimulator)


def test_eid_ascii_lines_decode_to_the_tags() -> None:
    codec = load_profile("eid-ascii").make_codec()
    simulator = simulator_for(load_profile("eid-ascii"))
    assert isinstance(simulator, EidSimulator)
    simulator.tags = [(982, 1088420)]
    frame = simulator.next_frame()
    assert frame == bytes.fromhex("4C 41 20 39 38 32 20 30 30 30 30 30 31 30 38 38 34 32 30 0D 0A")
    assert [r.text for r in codec.feed(frame)] == ["982 000001088420"]


def test_eid_frames_decode_to_the_tags() -> None:
    codec = load_profile("eid-wl134").make_codec()
    simulator = EidSimulator(tags=[(156, 123456789012)])
    readings = codec.feed(simulator.next_frame() + simulator.next_frame())
    assert [r.text for r in readings] == ["156 123456789012"] * 2


@pytest.mark.skipif(sys.platform == "win32", reason="ptys are POSIX only")
def test_sensor_simulator_answers_the_master_on_a_pty() -> None:
    profile = load_profile("renke-soil")
    assert profile.modbus is not None
    simulator = SensorSimulator(profile, seed=2)
    with SimulatorPty(simulator) as pty:
        transport = SerialTransport(pty.path)
        try:
            readings = ModbusMaster(transport).poll(
                profile.modbus.address, profile.modbus.registers, profile.modbus.function)
        finally:
            transport.close()
    assert {r.channel: r.value for r in readings} == simulator.values
    moisture = simulator.values["soil_moisture"]
    assert Decimal(20) < moisture < Decimal(27)


@pytest.mark.skipif(sys.platform == "win32", reason="ptys are POSIX only")
def test_scale_simulator_streams_on_a_pty() -> None:
    profile = load_profile("yaohua-xk3190-a9")
    simulator = ScaleSimulator(profile, weights=[CRATE], interval=0.01)
    codec = profile.make_codec()
    readings: list[Reading] = []
    with SimulatorPty(simulator) as pty:
        transport = SerialTransport(pty.path)
        try:
            for _ in range(100):
                readings += codec.feed(transport.read(256, 0.1))
                if len(readings) >= 10:
                    break
        finally:
            transport.close()
    assert len(readings) >= 10
    assert all(r.unit == "kg" and r.value is not None for r in readings)
