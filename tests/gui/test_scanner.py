"""A keyboard-wedge scanner told from typing by timing: key events with explicit timestamps
go through the application-wide filter as the window system would deliver them."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from coop_desktop.domain.errors import PermissionDenied
from coop_desktop.domain.models import Role
from coop_desktop.gui.scanner import (
    SCAN_INPUT_PROPERTY,
    Destination,
    ScanDetector,
    ScanRouter,
    destination_for,
)
from coop_desktop.services.lookup import Match, identify
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.gui.keyboard import Keyboard
from tests.services.builders import harvested_lot

SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
SCANNER_MS = 8  # a scanner's keys come a few ms apart
TYPIST_MS = 120  # a quick typist's do not
QUIET_MS = 200  # long enough for any burst to end and its signal to arrive


class Recorder(QLineEdit):
    """A line edit that notes every key event it receives."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys: list[tuple[str, int]] = []

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.keys.append(("press", event.key()))
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        self.keys.append(("release", event.key()))
        super().keyReleaseEvent(event)


class Form(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.edit = Recorder(self)
        self.notes = QPlainTextEdit(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.notes)


@pytest.fixture
def form(qtbot: QtBot) -> Form:
    widget = Form()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.edit)
    return widget


@pytest.fixture
def detector(qapp: QApplication) -> Iterator[ScanDetector]:
    scanner = ScanDetector()
    qapp.installEventFilter(scanner)
    yield scanner
    qapp.removeEventFilter(scanner)


@pytest.fixture
def scans(detector: ScanDetector) -> list[str]:
    seen: list[str] = []
    detector.scanned.connect(seen.append)
    return seen


def settle(qtbot: QtBot) -> None:
    qtbot.wait(QUIET_MS)


def test_a_fast_burst_is_one_scan_and_nothing_is_typed(qtbot: QtBot, form: Form,
                                                       scans: list[str]) -> None:
    keyboard = Keyboard(form.edit)
    with qtbot.assertNotEmitted(form.edit.returnPressed), \
            qtbot.waitSignal(form.edit.textChanged, timeout=QUIET_MS, raising=False) as typed:
        keyboard.type("LA1-0042\n", SCANNER_MS)
        settle(qtbot)
    assert scans == ["LA1-0042"]
    assert form.edit.text() == ""
    assert not typed.signal_triggered
    # not a press, not a release; only the Shift the scanner held for capitals passed
    assert {key for _, key in form.edit.keys} == {Qt.Key.Key_Shift}
    assert QApplication.focusWidget() is form.edit  # the Enter or a Tab moved nothing


def test_a_scanned_label_address_with_tab_at_the_end(qtbot: QtBot, form: Form,
                                                     scans: list[str]) -> None:
    address = "https://trace.example-coop.cn/01/06901234567892/10/LA1/21/2?3103=005000"
    Keyboard(form.edit).type(address + "\t", SCANNER_MS)
    settle(qtbot)
    assert scans == [address]
    assert form.edit.text() == ""
    assert QApplication.focusWidget() is form.edit


def test_a_burst_without_enter_ends_after_a_quiet_moment(qtbot: QtBot, form: Form,
                                                         scans: list[str]) -> None:
    Keyboard(form.edit).type("982000123456789", SCANNER_MS)
    settle(qtbot)
    assert scans == ["982000123456789"]
    assert form.edit.text() == ""


def test_typing_at_human_speed_reaches_the_line_edit_unchanged(qtbot: QtBot, form: Form,
                                                               scans: list[str]) -> None:
    with qtbot.waitSignal(form.edit.returnPressed, timeout=QUIET_MS):
        Keyboard(form.edit).type("Px-2301\n", TYPIST_MS)
    settle(qtbot)
    assert form.edit.text() == "Px-2301"
    assert scans == []
    keys = [(kind, key) for kind, key in form.edit.keys if key != Qt.Key.Key_Shift]
    # every key came down and up, in order
    assert keys == [(kind, key) for key in (ord("P"), ord("X"), ord("-"), ord("2"), ord("3"),
                                            ord("0"), ord("1"), Qt.Key.Key_Return)
                    for kind in ("press", "release")]


def test_typing_in_real_time_with_unstamped_events(qtbot: QtBot, form: Form,
                                                   scans: list[str]) -> None:
    """Events without a timestamp are timed by the monotonic clock."""
    keyboard = Keyboard(form.edit)
    for char in "lot7":
        keyboard.tap(ord(char.upper()), char, stamp=False)
        qtbot.wait(60)
    settle(qtbot)
    assert form.edit.text() == "lot7"
    assert scans == []


def test_a_short_fast_burst_is_typing(qtbot: QtBot, form: Form, scans: list[str]) -> None:
    """Two keys close together happen when people type; with Enter they are still typing."""
    with qtbot.waitSignal(form.edit.returnPressed, timeout=QUIET_MS):
        Keyboard(form.edit).type("ok\n", SCANNER_MS)
    assert form.edit.text() == "ok"
    settle(qtbot)
    assert scans == []


def test_held_keys_arrive_before_a_key_no_scanner_sends(qtbot: QtBot, form: Form,
                                                        scans: list[str]) -> None:
    keyboard = Keyboard(form.edit)
    keyboard.type("ab", SCANNER_MS)
    keyboard.now += SCANNER_MS
    keyboard.tap(Qt.Key.Key_Backspace, "\b")
    assert form.edit.text() == "a"  # a and b delivered at once, then Backspace
    settle(qtbot)
    assert form.edit.text() == "a"
    assert scans == []


def test_a_held_key_repeating_is_typing(qtbot: QtBot, form: Form, scans: list[str]) -> None:
    keyboard = Keyboard(form.edit)
    keyboard.send(QEvent.Type.KeyPress, Qt.Key.Key_Minus, "-")
    for _ in range(6):
        keyboard.now += 5
        keyboard.send(QEvent.Type.KeyPress, Qt.Key.Key_Minus, "-", repeat=True)
    settle(qtbot)
    assert form.edit.text() == "-------"
    assert scans == []


def test_a_scan_while_another_widget_has_the_focus(qtbot: QtBot, form: Form,
                                                   scans: list[str]) -> None:
    form.notes.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.notes)
    form.notes.setPlainText("note")
    form.notes.moveCursor(QTextCursor.MoveOperation.End)
    # Sent to the window as the platform does: Qt routes each key to the focus widget.
    window = form.windowHandle()
    assert window is not None
    Keyboard(window).type("620602-00017\n", SCANNER_MS)
    settle(qtbot)
    assert scans == ["620602-00017"]
    assert form.notes.toPlainText() == "note"
    assert form.edit.text() == ""
    # and typing there still arrives
    Keyboard(window).type(" ok", TYPIST_MS)
    settle(qtbot)
    assert form.notes.toPlainText() == "note ok"
    assert scans == ["620602-00017"]


def test_two_scans_in_a_row(qtbot: QtBot, form: Form, scans: list[str]) -> None:
    keyboard = Keyboard(form.edit)
    keyboard.type("LA1-0042\n", SCANNER_MS)
    keyboard.now += 300
    keyboard.type("LB2-0043\n", SCANNER_MS)
    settle(qtbot)
    assert scans == ["LA1-0042", "LB2-0043"]
    assert form.edit.text() == ""


def test_a_scan_right_after_typing(qtbot: QtBot, form: Form, scans: list[str]) -> None:
    keyboard = Keyboard(form.edit)
    keyboard.type("12", TYPIST_MS)
    keyboard.now += TYPIST_MS
    keyboard.type("LA1-0042\n", SCANNER_MS)
    settle(qtbot)
    assert form.edit.text() == "12"
    assert scans == ["LA1-0042"]


def test_a_multi_line_seed_label_qr_is_one_scan(qtbot: QtBot, form: Form,
                                                scans: list[str]) -> None:
    Keyboard(form.edit).type("JY-1\nBEIJING SEED\r\nA1101080000\n2024-0815-XG\n", SCANNER_MS)
    settle(qtbot)
    assert scans == ["JY-1\nBEIJING SEED\nA1101080000\n2024-0815-XG"]
    assert form.edit.text() == ""


def test_fnc1_sent_as_control_key_stays_in_the_scan(qtbot: QtBot, form: Form,
                                                    scans: list[str]) -> None:
    keyboard = Keyboard(form.edit)
    keyboard.type("]d20106901234567892", SCANNER_MS)
    keyboard.now += SCANNER_MS
    keyboard.tap(Qt.Key.Key_BracketRight, "\x1d", Qt.KeyboardModifier.ControlModifier)
    keyboard.type("212\n", SCANNER_MS)
    settle(qtbot)
    assert scans == ["]d20106901234567892\x1d212"]


def test_input_method_text_is_never_touched(qtbot: QtBot, form: Form,
                                            scans: list[str]) -> None:
    preedit = QInputMethodEvent("bailan", [])
    QCoreApplication.sendEvent(form.edit, preedit)
    commit = QInputMethodEvent()
    commit.setCommitString("白兰瓜")
    QCoreApplication.sendEvent(form.edit, commit)
    assert form.edit.text() == "白兰瓜"  # at once, not held
    # Chinese typed as single characters at human speed arrives too.
    Keyboard(form.edit).type("瓜", TYPIST_MS)
    settle(qtbot)
    assert form.edit.text() == "白兰瓜瓜"
    assert scans == []


def test_a_field_that_takes_scans_gets_them_as_text(qtbot: QtBot, form: Form,
                                                    scans: list[str]) -> None:
    form.edit.setProperty(SCAN_INPUT_PROPERTY, True)
    Keyboard(form.edit).type("2024-0815-XG", SCANNER_MS)
    settle(qtbot)
    assert form.edit.text() == "2024-0815-XG"
    assert scans == []


def test_switched_off_every_key_passes(qtbot: QtBot, form: Form, detector: ScanDetector,
                                       scans: list[str]) -> None:
    detector.set_enabled(False)
    assert not detector.is_enabled()
    Keyboard(form.edit).type("LA1-0042", SCANNER_MS)
    assert form.edit.text() == "LA1-0042"
    settle(qtbot)
    assert scans == []


def test_an_injected_clock_and_other_settings(qtbot: QtBot, qapp: QApplication,
                                              form: Form) -> None:
    now = [0.0]
    scanner = ScanDetector(min_length=6, gap_ms=50, idle_ms=100, clock=lambda: now[0])
    seen: list[str] = []
    scanner.scanned.connect(seen.append)
    qapp.installEventFilter(scanner)
    try:
        keyboard = Keyboard(form.edit)
        for text in ("ABCDE\n", "ABCDEF\n"):
            for char in text:
                now[0] += 40  # slower than the default gap, within this one
                if char == "\n":
                    keyboard.tap(Qt.Key.Key_Return, "\r", stamp=False)
                else:
                    keyboard.tap(ord(char), char, stamp=False)
            now[0] += 1000
            settle(qtbot)
    finally:
        qapp.removeEventFilter(scanner)
    assert form.edit.text() == "ABCDE"  # five characters are too few for this scanner
    assert seen == ["ABCDEF"]
    with pytest.raises(ValueError, match="min_length"):
        ScanDetector(gap_ms=100, idle_ms=50)


# --- routing ------------------------------------------------------------------------------

LOT = Match("lot", 7, "LA1", "lots")
LABEL = Match("label", 3, "2", "packages", serial=2, lot="LA1", lot_id=7)


def test_each_kind_has_a_page() -> None:
    assert destination_for(LOT) == Destination("lots", "lots", 7, "LA1", LOT)
    assert destination_for(LABEL).page == "labels"
    assert destination_for(LABEL).match.lot_id == 7
    pages = {destination_for(Match(kind, 1, "X", "t")).page
             for kind in ("lot", "label", "animal", "input_lot", "seed_lot", "batch",
                          "member", "plot", "shipment")}
    assert pages == {"lots", "labels", "animals", "trace", "batches", "members", "plots",
                     "shipments"}


def test_router_signals(qtbot: QtBot) -> None:
    known = {"LA1": LOT}

    def lookup(text: str) -> Match | None:
        if text == "secret":
            raise PermissionDenied("permission.denied", user="x", role="none", action="read")
        return known.get(text)

    router = ScanRouter(lookup)
    with qtbot.waitSignal(router.open_record) as opened:
        router.route("LA1")
    assert opened.args == [destination_for(LOT)]
    with qtbot.waitSignal(router.unknown) as unknown:
        router.route("X-404")
    assert unknown.args == ["X-404"]
    with qtbot.waitSignal(router.failed) as failed:
        router.route("secret")
    assert failed.args and isinstance(failed.args[0], str)


def test_a_scan_opens_the_record_on_a_real_database(qtbot: QtBot, form: Form,
                                                    detector: ScanDetector,
                                                    coop: Database) -> None:
    _, lot_id = harvested_lot(coop, code="LA1")
    router = ScanRouter(functools.partial(identify, coop, actor_for(Role.PACKER)))
    detector.scanned.connect(router.route)
    with qtbot.waitSignal(router.open_record, timeout=1000) as opened:
        Keyboard(form.edit).type("https://trace.example-coop.cn/l/LA1\n", SCANNER_MS)
    destination = opened.args[0]
    assert (destination.page, destination.record_id, destination.code) == ("lots", lot_id, "LA1")
    assert form.edit.text() == ""
