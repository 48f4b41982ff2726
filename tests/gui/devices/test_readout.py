"""WeightReadout fed by a DeviceReader over a real pseudo-terminal: the lamp goes on only once
the weight settles, and capture() hands over only a stable, usable weight."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coop_desktop.devices.readings import Reading, WeightKind
from coop_desktop.devices.stability import StabilityDetector
from coop_desktop.gui.devices.readout import WeightReadout
from tests.gui.devices.test_reader import Pty, make_reader


@pytest.fixture
def readout(qtbot: QtBot) -> WeightReadout:
    widget = WeightReadout()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_unstable_then_stable_over_a_pty(qtbot: QtBot, tmp_path: Path,
                                         readout: WeightReadout) -> None:
    link = tmp_path / "ttyUSB-scale"
    pty = Pty(link)
    reader = make_reader(link, StabilityDetector(window_s=0.15, min_frames=3))
    readout.follow(reader)
    try:
        with qtbot.waitSignal(reader.status, timeout=2000):
            reader.start()
        for value in ("10.00", "10.40", "10.80"):  # the load still moving
            with qtbot.waitSignal(reader.reading, timeout=2000):
                pty.send(value)
        assert readout.value_label.text() == "10.80" and readout.unit_label.text() == "kg"
        assert not readout.lamp_on
        assert readout.capture() is None
        assert readout.message.isVisible()
        assert readout.message.text() == "Waiting for a stable weight."

        def settled() -> bool:
            pty.send("12.50")
            qtbot.wait(30)
            return readout.lamp_on

        qtbot.waitUntil(settled, timeout=3000)
        captured = readout.capture()
        assert captured is not None and captured.value == Decimal("12.50") and captured.stable
        assert not readout.message.isVisible()
    finally:
        assert reader.stop()
        pty.close()


def reading(value: str | None, *, stable: bool | None = True, overload: bool = False,
            kind: WeightKind = WeightKind.UNKNOWN) -> Reading:
    return Reading(value=None if value is None else Decimal(value), unit="kg", stable=stable,
                   raw=b"frame", kind=kind, overload=overload)


def test_overload_is_shown_and_never_captured(readout: WeightReadout) -> None:
    readout.show_reading(reading("99.0"))
    assert readout.capture() is not None
    readout.show_reading(reading(None, stable=None, overload=True))
    assert readout.value_label.text() == "Overload"
    assert not readout.lamp_on
    assert readout.capture() is None
    assert readout.message.isVisible() and "range" in readout.message.text()


def test_gross_net_and_an_empty_readout(readout: WeightReadout) -> None:
    assert readout.capture() is None and readout.last_reading is None
    assert readout.message.isVisible()
    readout.show_reading(reading("3.2", kind=WeightKind.NET))
    assert readout.kind_label.text() == "Net" and readout.lamp_on
    readout.show_reading(reading("3.4", kind=WeightKind.GROSS, stable=False))
    assert readout.kind_label.text() == "Gross" and not readout.lamp_on
    readout.show_reading(reading("1.0", kind=WeightKind.TARE))
    assert readout.kind_label.text() == "Tare"


def test_readings_that_are_not_weights_are_ignored(readout: WeightReadout) -> None:
    readout.show_reading(Reading(value=None, unit="", stable=True, raw=b"LA 982",
                                 text="982000001088420", channel="eid"))
    assert readout.last_reading is None and readout.value_label.text() == "—"


