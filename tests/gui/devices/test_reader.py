"""DeviceReader over real pseudo-terminals: the test writes Yaohua tF=0 frames on the master side,
the reader opens the slave tty (through a symlink) with pyserial, and readings arrive as Qt
signals; the pty closing and a new one appearing behind the same name is an unplug and replug.
Polled scales (MT-SICS, Sartorius, Yaohua tF=1) are simulated on a pty or behind a local serial
device server (tcp://), polled by the reader, and zeroed and tared through it."""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coop_desktop.devices.codecs import make_codec
from coop_desktop.devices.codecs.yaohua import encode_tf0
from coop_desktop.devices.profiles import load_profile
from coop_desktop.devices.readings import Reading, WeightKind
from coop_desktop.devices.simulators import ScaleSimulator, SimulatorPty, serve_tcp
from coop_desktop.devices.stability import StabilityDetector
from coop_desktop.devices.transports import SerialTransport
from coop_desktop.gui.devices.reader import DeviceReader

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


class Pty:
    """A pseudo-terminal whose slave is reachable through ``link``; the test writes on the
    master side as the indicator would."""

    def __init__(self, link: Path) -> None:
        import tty

        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        temporary = link.with_name(link.name + ".new")
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        temporary.symlink_to(os.ttyname(self.slave))
        temporary.replace(link)

    def send(self, value: str, decimals: int = 2) -> None:
        os.write(self.master, encode_tf0(Decimal(value), decimals))

    def close(self) -> None:
        for fd in (self.master, self.slave):
            with contextlib.suppress(OSError):
                os.close(fd)


@pytest.fixture
def link(tmp_path: Path) -> Path:
    return tmp_path / "ttyUSB-scale"


@pytest.fixture
def pty(link: Path) -> Iterator[Pty]:
    device = Pty(link)
    yield device
    device.close()


def make_reader(link: Path, detector: StabilityDetector | None = None) -> DeviceReader:
    transport = SerialTransport(str(link), reconnect_interval=0.05)
    return DeviceReader(transport, make_codec("yaohua_tf0"), detector=detector, port=str(link))


@pytest.fixture
def reader(link: Path, pty: Pty) -> Iterator[DeviceReader]:
    device_reader = make_reader(link)
    yield device_reader
    assert device_reader.stop()


def is_value(value: str) -> Callable[[Reading], bool]:
    def check(reading: Reading) -> bool:
        return reading.value == Decimal(value)
    return check


def test_readings_and_raw_bytes_arrive_as_signals(qtbot: QtBot, pty: Pty,
                                                  reader: DeviceReader) -> None:
    with qtbot.waitSignal(reader.status, timeout=2000) as opened:
        reader.start()
    assert str(reader.port) in opened.args[0]
    raws: list[bytes] = []
    reader.raw.connect(raws.append)
    with qtbot.waitSignal(reader.reading, timeout=2000, check_params_cb=is_value("12.34")) as got:
        pty.send("12.34")
    reading = got.args[0]
    assert isinstance(reading, Reading)
    assert (reading.unit, reading.stable) == ("kg", None)  # no detector: nobody judged it
    assert reading.raw == encode_tf0(Decimal("12.34"), 2)
    qtbot.waitUntil(lambda: b"".join(raws) == reading.raw, timeout=1000)
    assert all(isinstance(chunk, bytes) for chunk in raws)


def test_stability_is_judged_when_the_device_does_not_say(qtbot: QtBot, link: Path,
                                                          pty: Pty) -> None:
    reader = make_reader(link, StabilityDetector(window_s=0.15, min_frames=3))
    seen: list[Reading] = []
    reader.reading.connect(seen.append)
    with qtbot.waitSignal(reader.status, timeout=2000):
        reader.start()
    try:
        deadline = time.monotonic() + 3
        while not any(r.stable for r in seen) and time.monotonic() < deadline:
            pty.send("5.00")
            qtbot.wait(30)
        assert seen and seen[0].stable is False
        assert any(r.stable for r in seen)
    finally:
        assert reader.stop()


def test_a_profile_sets_up_port_codec_and_detector(qtbot: QtBot, link: Path, pty: Pty) -> None:
    reader = DeviceReader.for_profile(load_profile("yaohua-xk3190-a9"), str(link),
                                      reconnect_interval=0.05)
    with qtbot.waitSignal(reader.status, timeout=2000):
        reader.start()
    try:
        with qtbot.waitSignal(reader.reading, timeout=2000, check_params_cb=is_value("-0.5")):
            pty.send("-0.5", decimals=1)
    finally:
        assert reader.stop()


def test_unplug_is_reported_and_readings_resume_after_replug(qtbot: QtBot, link: Path,
                                                             pty: Pty,
                                                             reader: DeviceReader) -> None:
    problems: list[str] = []
    reader.problem.connect(problems.append)
    with qtbot.waitSignal(reader.status, timeout=2000):
        reader.start()
    with qtbot.waitSignal(reader.reading, timeout=2000, check_params_cb=is_value("1.00")):
        pty.send("1.00")
    with qtbot.waitSignal(reader.problem, timeout=2000) as lost:
        pty.close()
    assert str(link) in lost.args[0]
    qtbot.wait(200)  # reopening fails meanwhile: still one report for the outage
    assert len(problems) == 1
    assert reader.is_running()

    replugged = Pty(link)  # back, perhaps under another /dev/pts number
    try:
        with qtbot.waitSignal(reader.status, timeout=2000) as back:
            pass
        assert "back" in back.args[0]
        with qtbot.waitSignal(reader.reading, timeout=2000, check_params_cb=is_value("2.00")):
            replugged.send("2.00")
    finally:
        assert reader.stop()
        replugged.close()


def test_stop_is_fast_and_finishes_the_thread(qtbot: QtBot, pty: Pty,
                                              reader: DeviceReader) -> None:
    with qtbot.waitSignal(reader.status, timeout=2000):
        reader.start()
    started = time.monotonic()
    assert reader.stop()
    assert time.monotonic() - started < 0.5
    assert reader.reader_thread.isFinished() and not reader.is_running()


def test_stop_before_the_port_ever_opened(qtbot: QtBot, tmp_path: Path) -> None:
    reader = make_reader(tmp_path / "missing")
    with qtbot.waitSignal(reader.problem, timeout=2000) as missing:
        reader.start()
    assert "missing" in missing.args[0]
    started = time.monotonic()
    assert reader.stop()
    assert time.monotonic() - started < 0.5


# --- polled scales, zero and tare, serial device servers ------------------------------------

CRATE = Decimal("18.40")


def still_scale(name: str) -> ScaleSimulator:
    """A simulated indicator of profile ``name`` with a crate resting on it."""
    return ScaleSimulator(load_profile(name), weights=[CRATE], zero_frames=0, ramp_frames=0,
                          settle_frames=0, stable_frames=10**6)


def wait_for(qtbot: QtBot, reader: DeviceReader, value: str,
             kind: WeightKind | None = None) -> Reading:
    def check(reading: Reading) -> bool:
        return reading.value == Decimal(value) and (kind is None or reading.kind is kind)

    with qtbot.waitSignal(reader.reading, timeout=3000, check_params_cb=check) as got:
        pass
    result: Reading = got.args[0]
    return result


@pytest.mark.parametrize("name", ["mt-sics", "sartorius-sbi"])
def test_a_polled_scale_is_polled_and_obeys_zero_and_tare(qtbot: QtBot, name: str) -> None:
    profile = load_profile(name)
    assert profile.poll is not None
    simulator = still_scale(name)
    with SimulatorPty(simulator) as pty:
        reader = DeviceReader.for_profile(profile, pty.path, poll_interval=0.05)
        sent: list[bytes] = []
        reader.sent.connect(sent.append)
        try:
            assert not reader.send_command("tare")  # not running: nothing queued
            reader.start()
            first = wait_for(qtbot, reader, "18.40")
            assert first.stable is True and first.raw.endswith(b"\r\n")
            assert pty.received.startswith(profile.poll)
            assert reader.send_command("tare")
            net = WeightKind.NET if name == "sartorius-sbi" else WeightKind.UNKNOWN
            wait_for(qtbot, reader, "0.00", net)
            assert simulator.tare == CRATE
            if reader.has_command("clear_tare"):
                assert reader.send_command("clear_tare")
                wait_for(qtbot, reader, "18.40")
            assert reader.send_command("zero")
            qtbot.waitUntil(lambda: simulator.zero_offset == CRATE, timeout=3000)
            gross = WeightKind.GROSS if name == "sartorius-sbi" else WeightKind.UNKNOWN
            wait_for(qtbot, reader, "0.00", gross)
            assert not reader.send_command("reboot")
        finally:
            assert reader.stop()
    qtbot.waitUntil(lambda: profile.commands["zero"] in sent, timeout=1000)
    assert sent.count(profile.poll) >= 3
    assert profile.commands["tare"] in pty.received and profile.commands["zero"] in pty.received


def test_an_mt_sics_tare_reply_is_a_tare_not_a_weight(qtbot: QtBot) -> None:
    simulator = still_scale("mt-sics")
    with SimulatorPty(simulator) as pty:
        reader = DeviceReader.for_profile(load_profile("mt-sics"), pty.path, poll_interval=0.05)
        weights: list[Reading] = []
        reader.reading.connect(weights.append)
        try:
            reader.start()
            wait_for(qtbot, reader, "18.40")
            with qtbot.waitSignal(reader.tare, timeout=3000) as tare:
                reader.send_command("tare")
        finally:
            assert reader.stop()
    assert (tare.args[0].value, tare.args[0].kind) == (CRATE, WeightKind.TARE)
    assert all(r.kind is not WeightKind.TARE for r in weights)


def test_a_profile_without_the_command_sends_nothing(qtbot: QtBot) -> None:
    simulator = still_scale("yaohua-xk3190-command")
    profile = load_profile("yaohua-xk3190-command")
    with SimulatorPty(simulator) as pty:
        reader = DeviceReader.for_profile(profile, pty.path, poll_interval=0.05)
        try:
            reader.start()
            reading = wait_for(qtbot, reader, "18.40", WeightKind.GROSS)
            assert not reader.has_command("zero")
            assert not reader.send_command("zero") and not reader.send_command("tare")
        finally:
            assert reader.stop()
    assert reading.raw == bytes.fromhex("02 41 42 2B 30 30 31 38 34 30 32 31 37 03")
    assert set(bytes(pty.received).split(b"\x03")) == {b"\x02AB03", b""}  # polls only


@pytest.fixture
def device_server() -> Iterator[tuple[str, ScaleSimulator]]:
    """A serial device server on a free local port with a polled MT-SICS scale behind it."""
    simulator = still_scale("mt-sics")
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()
    thread = threading.Thread(target=serve_tcp, args=(simulator, server, stop), daemon=True)
    thread.start()
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}", simulator
    stop.set()
    thread.join(timeout=2)
    server.close()


def test_a_reader_over_a_serial_device_server(
        qtbot: QtBot, device_server: tuple[str, ScaleSimulator]) -> None:
    address, simulator = device_server
    reader = DeviceReader.for_profile(load_profile("mt-sics"), address, poll_interval=0.05)
    try:
        with qtbot.waitSignal(reader.status, timeout=3000) as opened:
            reader.start()
        assert address in opened.args[0]
        wait_for(qtbot, reader, "18.40")
        assert reader.send_command("tare")
        wait_for(qtbot, reader, "0.00")
        assert simulator.tare == CRATE
    finally:
        assert reader.stop()


def test_a_missing_device_server_is_a_problem_not_a_crash(qtbot: QtBot) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    reader = DeviceReader.for_profile(load_profile("mt-sics"), address)
    try:
        with qtbot.waitSignal(reader.problem, timeout=3000) as refused:
            reader.start()
        assert "127.0.0.1" in refused.args[0]
    finally:
        assert reader.stop()


def test_modbus_sensors_are_not_for_the_device_reader() -> None:
    with pytest.raises(ValueError, match="Modbus"):
        DeviceReader.for_profile(load_profile("renke-soil"), "/dev/null")
