"""ScaleCapture: the reader of the PC's assigned scale, a capture only of a stable weight (with
its frame), once per load when asked, a sentence when no scale is assigned or it is silent, and
a typed weight recorded as manual."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coop_desktop.devices.profiles import load_profile
from coop_desktop.devices.readings import Reading
from coop_desktop.devices.simulators import ScaleSimulator, SimulatorPty
from coop_desktop.gui.devices import scale_capture
from coop_desktop.gui.devices.scale_capture import ScaleCapture
from coop_desktop.gui.devices.settings import (
    LIVESTOCK_SCALE,
    PACKING_SCALE,
    Assignment,
    save_assignment,
)
from coop_desktop.services.weighings import MANUAL_DEVICE, WeighingInput

PROFILE = "yaohua-xk3190-a9"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


def crate_scale(weights: list[str], link: Path) -> SimulatorPty:
    """A Yaohua tF=0 indicator on a pty: each crate rests on it 1.4 s (the profile's
    stability window is one second), then leaves; a crate every two seconds."""
    device = ScaleSimulator(load_profile(PROFILE), weights=[Decimal(w) for w in weights],
                            interval=0.05, zero_frames=4, ramp_frames=3, settle_frames=3,
                            stable_frames=28)
    pty = SimulatorPty(device, link)
    pty.start()
    return pty


@pytest.fixture
def packing_scale(tmp_path: Path) -> Iterator[SimulatorPty]:
    """The simulated indicator, assigned as this PC's packing scale."""
    pty = crate_scale(["18.30", "19.06"], tmp_path / "ttyUSB-packing")
    save_assignment(PACKING_SCALE, Assignment(PROFILE, pty.path))
    yield pty
    pty.stop()


def capture_next(qtbot: QtBot, scale: ScaleCapture) -> WeighingInput:
    """Wait for a stable weight the widget will capture, and capture it."""
    captured: list[WeighingInput] = []

    def ready() -> bool:
        if not scale.readout.lamp_on:
            return False
        weighing = scale.capture()
        if weighing is not None:
            captured.append(weighing)
        return bool(captured)

    qtbot.waitUntil(ready, timeout=15_000)
    return captured[0]


@posix_only
def test_captures_a_stable_weight_once_per_load(qtbot: QtBot,
                                                packing_scale: SimulatorPty) -> None:
    scale = ScaleCapture(PACKING_SCALE, once_per_load=True, operator="packer1")
    qtbot.addWidget(scale)
    emitted: list[WeighingInput] = []
    scale.captured.connect(emitted.append)
    try:
        assert scale.has_scale and scale.device_name.startswith(PROFILE)
        first = capture_next(qtbot, scale)
        assert first.gross in (Decimal("18.30"), Decimal("19.06")) and first.stable
        assert first.raw_frame is not None and first.raw_frame.startswith(b"\x02")
        assert (first.device, first.operator, first.unit) == (scale.device_name, "packer1",
                                                             "kg")
        assert emitted == [first]
        # The same crate again: refused in the readout, nothing emitted. (The next crate is
        # captured in the packing form's test.)
        assert scale.capture() is None
        assert "captured already" in scale.readout.message.text()
        assert emitted == [first]
        scale.refuse("The lot is held.")  # a refusal lets the same crate be captured again
        again = scale.capture()
        assert again is not None and again.gross == first.gross
    finally:
        scale.stop()


def test_no_scale_assigned_says_so_and_a_typed_weight_is_manual(qtbot: QtBot) -> None:
    scale = ScaleCapture(LIVESTOCK_SCALE, allow_manual=True)
    qtbot.addWidget(scale)
    scale.show()
    assert not scale.has_scale
    assert "No scale is assigned" in scale.status.text() and "Type the weight" in (
        scale.status.text())
    assert not scale.capture_button.isVisible() and scale.manual.isVisible()
    scale.typed.setText("abc")
    assert scale.capture_typed() is None and "number" in scale.status.text()
    scale.typed.setText("41.5")
    with qtbot.waitSignal(scale.captured) as signal:
        scale.use_typed.click()
    weighing = signal.args[0]
    assert (weighing.net, weighing.device, weighing.raw_frame, weighing.stable) == (
        Decimal("41.5"), MANUAL_DEVICE, None, False)


def test_the_form_without_manual_entry_offers_none(qtbot: QtBot) -> None:
    scale = ScaleCapture(PACKING_SCALE)
    qtbot.addWidget(scale)
    scale.show()
    assert not scale.manual.isVisible() and "Type the weight" not in scale.status.text()


def test_an_unknown_profile_is_a_sentence(qtbot: QtBot) -> None:
    save_assignment(PACKING_SCALE, Assignment("no-such-scale", "/dev/ttyUSB9"))
    scale = ScaleCapture(PACKING_SCALE)
    qtbot.addWidget(scale)
    assert not scale.has_scale and "cannot be used" in scale.status.text()


@posix_only
def test_a_silent_scale_is_reported(qtbot: QtBot, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scale_capture, "SILENCE_MS", 200)
    pty = SimulatorPty(ScaleSimulator(load_profile(PROFILE), interval=60),
                       tmp_path / "ttyUSB-silent").start()
    save_assignment(PACKING_SCALE, Assignment(PROFILE, pty.path))
    scale = ScaleCapture(PACKING_SCALE)
    qtbot.addWidget(scale)
    try:
        qtbot.waitUntil(lambda: "not answering" in scale.status.text(), timeout=5000)
        assert scale.capture() is None
    finally:
        scale.stop()
        pty.stop()


def test_zero_and_unstable_weights_are_not_captured(qtbot: QtBot) -> None:
    scale = ScaleCapture(PACKING_SCALE)
    qtbot.addWidget(scale)
    scale.readout.show_reading(Reading(Decimal("0.00"), "kg", True, b"zero"))
    assert scale.capture() is None and "Nothing is on the scale" in (
        scale.readout.message.text())
    scale.readout.show_reading(Reading(Decimal("12.00"), "kg", False, b"moving"))
    assert scale.capture() is None
    assert scale.readout.message.text() == "Waiting for a stable weight."
