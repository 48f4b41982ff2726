"""DeviceReader over real pseudo-terminals: the test writes Yaohua tF=0 frames on the master side,
the reader opens the slave tty (through a symlink) with pyserial, and readings arrive as Qt
signals; the pty closing and a new one appearing behind the same name is an unplug and replug."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coop_desktop.devices.codecs import make_codec
from coop_desktop.devices.codecs.yaohua import encode_tf0
from coop_desktop.devices.profiles import load_profile
from coop_desktop.devices.readings import Reading
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
