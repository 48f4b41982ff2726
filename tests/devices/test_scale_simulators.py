"""Every scale profile's simulator, streaming or polled: its frames decode with the profile's own
codec, a polled one answers only when asked and its weight moves with time, and zero and tare
commands change the reading as the real protocol reports it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coop_desktop.devices.codecs import MODBUS_RTU
from coop_desktop.devices.codecs.yaohua import encode_request
from coop_desktop.devices.profiles import (
    DeviceProfile,
    ProfileKind,
    available_profiles,
    load_profile,
)
from coop_desktop.devices.readings import Reading, WeightKind
from coop_desktop.devices.scale_simulators import ScaleSimulator

CRATE = Decimal("18.40")
SCALES = [name for name in available_profiles()
          if load_profile(name).kind is ProfileKind.SCALE]
POLLED = [name for name in SCALES if load_profile(name).poll is not None]
WITH_COMMANDS = [name for name in SCALES if load_profile(name).commands]
_END = {"yaohua_eq": b"="}  # '=' frames end only when the next one starts


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_lists_cover_the_shipped_profiles() -> None:
    assert set(POLLED) >= {"mt-sics", "sartorius-sbi", "yaohua-xk3190-command", "and-st-gs",
                           "ohaus"}
    assert set(SCALES) - set(POLLED) >= {"yaohua-xk3190-a9", "toledo-continuous", "cas-22"}
    assert all(load_profile(n).protocol != MODBUS_RTU for n in SCALES)


def _cycle(profile: DeviceProfile, clock: Clock, steps: int) -> tuple[ScaleSimulator,
                                                                      list[Reading]]:
    """One reading per step of the crate cycle (8 zero, 4 ramp, 5 settle, 15 stable)."""
    simulator = ScaleSimulator(profile, weights=[CRATE], clock=clock)
    codec = profile.make_codec()
    readings: list[Reading] = []
    for step in range(steps):
        clock.now = step * simulator.step_s + 0.01
        if simulator.polled:
            assert profile.poll is not None
            readings += codec.feed(simulator.feed(profile.poll))
        else:
            frame = simulator.next_frame()
            assert frame is not None
            readings += codec.feed(frame)
    return simulator, readings + codec.feed(_END.get(profile.protocol, b""))


@pytest.mark.parametrize("name", SCALES)
def test_every_scale_profile_simulates_the_crate_cycle(name: str) -> None:
    profile = load_profile(name)
    simulator, readings = _cycle(profile, Clock(), 32)
    values = [r.value for r in readings]
    assert len(values) == 32 == simulator.sent
    assert all(v == 0 for v in values[:8])
    assert all(v is not None and v > 0 for v in values[8:17])
    assert len(set(values[8:17])) > 2  # moving, then settling with noise
    assert [str(v) for v in values[-15:]] == [str(CRATE) if profile.protocol != "yaohua_w"
                                              else "18.400"] * 15
    flags = {r.stable for r in readings}
    if profile.protocol.startswith("yaohua"):
        assert flags == {None}  # Yaohua sends no stability flag
    else:
        assert [r.stable for r in readings[8:17]] == [False] * 9
        assert all(r.stable for r in readings[17:])
    assert all(r.unit == "kg" for r in readings if r.stable is not False)  # SBI: blank unit


@pytest.mark.parametrize("name", POLLED)
def test_a_polled_scale_answers_only_when_asked_and_moves_with_time(name: str) -> None:
    profile = load_profile(name)
    assert profile.poll is not None
    clock = Clock()
    simulator = ScaleSimulator(profile, weights=[CRATE], clock=clock)
    assert simulator.interval == 0 and simulator.next_frame() is None
    codec = profile.make_codec()
    clock.now = 25 * simulator.step_s + 0.01  # stable, whether or not anybody asked before
    answers = [codec.feed(simulator.feed(profile.poll)) for _ in range(3)]
    assert [[r.value for r in a] for a in answers] == [[CRATE]] * 3
    assert simulator.feed(b"") == b""
    clock.now = 36 * simulator.step_s + 0.01  # removed: back to zero after 35 steps
    (reading,) = codec.feed(simulator.feed(profile.poll))
    assert reading.value == 0
    half = profile.poll[:1]
    assert simulator.feed(half) == b""  # a request split over two reads
    assert len(codec.feed(simulator.feed(profile.poll[len(half):]))) == 1


def _still(profile: DeviceProfile) -> ScaleSimulator:
    """A crate that stays on the platform, stable."""
    return ScaleSimulator(profile, weights=[CRATE], zero_frames=0, ramp_frames=0,
                          settle_frames=0, stable_frames=10**6, clock=Clock())


def _weigh(simulator: ScaleSimulator, profile: DeviceProfile) -> Reading:
    codec = profile.make_codec()
    frame = simulator.feed(profile.poll) if simulator.polled and profile.poll \
        else simulator.next_frame()
    assert frame
    readings = [r for r in codec.feed(frame + _END.get(profile.protocol, b""))
                if r.kind is not WeightKind.TARE]
    assert len(readings) == 1, frame
    return readings[0]


@pytest.mark.parametrize("name", WITH_COMMANDS)
def test_zero_and_tare_change_the_reading(name: str) -> None:
    profile = load_profile(name)
    simulator = _still(profile)
    first = _weigh(simulator, profile)
    assert first.value == CRATE
    net_kind = {"mt_sics": WeightKind.UNKNOWN}.get(profile.protocol, WeightKind.NET)
    if "tare" in profile.commands:
        simulator.feed(profile.commands["tare"])
        assert simulator.tare == CRATE
        tared = _weigh(simulator, profile)
        assert (tared.value, tared.kind) == (Decimal(0), net_kind)
        if "clear_tare" in profile.commands:
            simulator.feed(profile.commands["clear_tare"])
            assert _weigh(simulator, profile).value == CRATE
    simulator.feed(profile.commands["zero"])
    zeroed = _weigh(simulator, profile)
    assert zeroed.value == 0 and zeroed.stable is not False
    assert simulator.zero_offset == CRATE and simulator.tare is None


def test_mt_sics_answers_as_the_reference_says() -> None:
    profile = load_profile("mt-sics")
    simulator = _still(profile)
    assert simulator.feed(b"Z\r\n") == b"Z A\r\n"
    assert simulator.feed(b"T\r\n") == b"T S        0.00 kg\r\n"
    assert simulator.feed(b"TAC\r\n") == b"TAC A\r\n"
    assert simulator.feed(b"XYZ\r\n") == b"ES\r\n"
    assert simulator.feed(b"@\r\n").startswith(b'I4 A "')
    assert simulator.feed(b"S\r\n") == b"S S        0.00 kg\r\n"
    moving = ScaleSimulator(profile, weights=[CRATE], clock=Clock())
    moving._clock.now = 10 * moving.step_s  # type: ignore[attr-defined]  # ramping up
    assert moving.feed(b"S\r\n") == b"S I\r\n"  # no stable weight to give
    assert moving.feed(b"SI\r\n").startswith(b"S D ")


def test_mt_sics_tare_reply_is_a_tare_reading() -> None:
    profile = load_profile("mt-sics")
    simulator = _still(profile)
    simulator.feed(b"SI\r\n")
    (tare,) = profile.make_codec().feed(simulator.feed(b"T\r\n"))
    assert (tare.value, tare.kind, tare.stable) == (CRATE, WeightKind.TARE, True)


def test_yaohua_command_mode_answers_its_address_only() -> None:
    profile = load_profile("yaohua-xk3190-command")
    simulator = _still(profile)
    codec = profile.make_codec()
    gross, tare, net = (codec.feed(simulator.feed(encode_request(c)))[0] for c in "BCD")
    assert (gross.value, gross.kind) == (CRATE, WeightKind.GROSS)
    assert (tare.value, tare.kind) == (Decimal(0), WeightKind.TARE)
    assert (net.value, net.kind) == (CRATE, WeightKind.NET)
    assert simulator.feed(encode_request("B", address=2)) == b""
    assert simulator.feed(b"\x02AB99\x03") == b""  # wrong XOR: ignored
    assert simulator.feed(b"garbage" + encode_request("B", style="plus30"))  # resynchronised


def test_sartorius_tare_or_zero_key() -> None:
    profile = load_profile("sartorius-sbi")
    simulator = _still(profile)
    simulator.feed(b"\x1bT\r\n")  # a load on the platform: the key tares
    assert (simulator.tare, simulator.zero_offset) == (CRATE, Decimal(0))
    simulator.feed(b"\x1bV")  # zero, without a line end
    simulator.feed(b"\x1bT\r\n")  # nothing above zero now: the key zeroes
    assert (simulator.tare, simulator.zero_offset) == (None, CRATE)


@pytest.mark.parametrize("name", POLLED)
def test_corrupted_answers_are_dropped_never_read(name: str) -> None:
    profile = load_profile(name)
    assert profile.poll is not None
    clock = Clock()
    simulator = ScaleSimulator(profile, seed=4, corrupt_rate=0.2, clock=clock)
    codec = profile.make_codec()
    readings = []
    for step in range(200):
        clock.now = step * simulator.step_s
        readings += codec.feed(simulator.feed(profile.poll))
    assert 20 < simulator.corrupted < 70
    assert len(readings) == 200 - simulator.corrupted
    assert codec.stats.bad_checksums + codec.stats.malformed >= simulator.corrupted


def test_a_polled_profile_can_be_made_to_stream() -> None:
    profile = load_profile("mt-sics")
    simulator = ScaleSimulator(profile, weights=[CRATE], polled=False, interval=0.01)
    assert simulator.interval == 0.01
    frames = b"".join(simulator.next_frame() or b"" for _ in range(40))
    assert len(profile.make_codec().feed(frames)) == 40


def test_streaming_scales_ignore_what_they_are_sent() -> None:
    simulator = ScaleSimulator(load_profile("toledo-continuous"))
    assert simulator.feed(b"Z\r\nT\r\n") == b""
    assert simulator.zero_offset == 0 and simulator.tare is None
