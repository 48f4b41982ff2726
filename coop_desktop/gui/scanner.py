"""Barcode and QR scanners that type like a keyboard: telling a scan from typing by timing.

A USB scanner in keyboard mode sends its symbol's text as key presses a few milliseconds apart,
usually followed by Enter or Tab. ``ScanDetector``, installed once on the application
(``app.installEventFilter(detector)``), watches every key press bound for any widget and
emits ``scanned(text)`` for a burst of at least ``min_length`` characters, each within
``gap_ms`` of the one before, ended by Enter, Return or Tab, or by ``idle_ms`` of quiet. Focus
plays no part: a scan is seen whatever widget has it.

What happens to the keystrokes
------------------------------

The characters of a scan must not land in the line edit that has the focus, yet the first keys
of a burst cannot be told from typing when they arrive. So the detector holds them:

1. A character key (printable, or the GS a scanner sends for FNC1) is swallowed and kept —
   the event copied with its receiver — and a single-shot timer is started.
2. Further characters within ``gap_ms`` join the burst. Once it has ``min_length`` of them it
   is a scan: nothing of it is ever delivered, and the timer waits ``idle_ms`` for its end.
3. If the burst stays shorter — a person typing, since no one types four keys 30 ms apart —
   the held key presses (and any releases that came meanwhile) are sent again, in order, to
   the widgets they were meant for, as soon as the gap runs out (the timer) or a key arrives
   too late, or a key no scanner sends arrives (arrows, Backspace, shortcuts with Ctrl or
   Alt, auto-repeat). A person's keys thus arrive unchanged, each at most ``gap_ms`` (plus a
   few ms of timer slack) late, which no one notices.
4. Enter or Tab after a scan is swallowed too (no default button fires, focus does not move).
   A scan ends a gap later, so the lines of a multi-line QR (a seed label's) typed with Enter
   between them stay one scan, joined by newlines. Enter after a short burst is typing: the
   held keys are sent again, then the Enter passes.
5. The key releases of a scan's keys are swallowed as well; modifier keys (the Shift a scanner
   presses for capitals) pass and neither break nor join a burst.

Input-method composition (Chinese pinyin) arrives as ``QInputMethodEvent``, which the
detector never touches; a key event carrying several characters (committed text on some
platforms) breaks a burst and passes. A widget that wants scans typed into it — a field for a
seed lot to be filled by scanning the bag — sets the dynamic property ``SCAN_INPUT_PROPERTY``
(``widget.setProperty("coopScanInput", True)``): keys bound for it are never held.

Times come from the events (``QKeyEvent.timestamp()``, in ms, stamped by the window system when
the key was pressed, so a busy GUI thread does not make typing look like a burst), or from an
injected clock. The timer that ends a burst runs on real time. Shortcuts without modifiers are
matched by Qt before a key press reaches any filter; a scan should not meet one.

Codes shorter than ``min_length`` cannot be told from typing and reach the focused widget.

``ScanRouter`` turns the text into a record to open: ``route`` looks it up (the lead binds
``services.lookup.identify`` to the database and user) and emits ``open_record`` with a
``Destination`` (page key and record), or ``unknown`` / ``failed``. Wiring::

    detector = ScanDetector(app)
    app.installEventFilter(detector)
    router = ScanRouter(functools.partial(identify, context.database, context.actor), window)
    detector.scanned.connect(router.route)
    router.open_record.connect(window.open_destination)
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent

from coop_desktop.domain.errors import DomainError
from coop_desktop.services.lookup import Kind, Match

SCAN_INPUT_PROPERTY = "coopScanInput"
DEFAULT_MIN_LENGTH = 4
DEFAULT_GAP_MS = 30
DEFAULT_IDLE_MS = 80
TIMER_SLACK_MS = 10  # the timer may fire a little after a key that came in time

_KEY_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease})
_TERMINATORS = {Qt.Key.Key_Return: "\n", Qt.Key.Key_Enter: "\n", Qt.Key.Key_Tab: "\t"}
_MODIFIER_KEYS = frozenset({Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt,
                            Qt.Key.Key_Meta, Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock,
                            Qt.Key.Key_NumLock, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R})
_COMMAND = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier)
GS = "\x1d"


@dataclass(frozen=True)
class _Held:
    receiver: QObject
    event: QKeyEvent


class ScanDetector(QObject):
    """An application-wide event filter that tells scanner bursts from typing."""

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, min_length: int = DEFAULT_MIN_LENGTH,
                 gap_ms: int = DEFAULT_GAP_MS, idle_ms: int = DEFAULT_IDLE_MS,
                 clock: Callable[[], float] | None = None) -> None:
        super().__init__(parent)
        if min_length < 2 or gap_ms <= 0 or idle_ms < gap_ms:
            raise ValueError("a scan needs min_length >= 2 and 0 < gap_ms <= idle_ms")
        self.min_length = min_length
        self.gap_ms = gap_ms
        self.idle_ms = idle_ms
        self._clock = clock
        self._enabled = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._settle)
        self._held: list[_Held] = []  # presses (and releases) not delivered yet, in order
        self._chars: list[str] = []  # the burst's text so far
        self._count = 0  # characters in the burst, separators not counted
        self._last_ms = 0.0
        self._separated = False  # the burst's last key was Enter or Tab
        self._pending_release: Counter[int] = Counter()  # held presses not yet released
        self._eaten_release: Counter[int] = Counter()  # releases of a scan's keys, to swallow
        self._replaying = False

    # --- switching ------------------------------------------------------------------------
    def is_enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        """Off: every key passes untouched (keys held now are delivered first)."""
        if not enabled:
            self._settle()
        self._enabled = enabled

    # --- the filter -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() not in _KEY_EVENTS or self._replaying or not self._enabled
                or not watched.isWidgetType() or not isinstance(event, QKeyEvent)):
            return False
        if event.type() == QEvent.Type.KeyRelease:
            return self._release(watched, event)
        return self._press(watched, event)

    def _press(self, receiver: QObject, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False
        if _wants_scans(receiver):
            self._settle()
            return False
        now = self._now(event)
        commanded = bool(event.modifiers() & _COMMAND)
        text = event.text()
        if not event.isAutoRepeat():
            if key in _TERMINATORS and not commanded:
                return self._separator(event, _TERMINATORS[Qt.Key(key)], now)
            if text in ("\r", "\n"):  # a line break sent as Ctrl+M or Ctrl+J
                return self._separator(event, "\n", now)
        if event.isAutoRepeat() or len(text) != 1 or (
                text != GS and (commanded or not text.isprintable())):
            self._settle()  # a key no scanner sends: what was held is typing (or a scan)
            return False
        if self._held and not self._in_time(now):
            self._settle()
        if not self._held:
            self._eaten_release.clear()  # a new burst: the last scan's keys are all up
        self._hold(receiver, event, now)
        self._chars.append(text)
        self._count += 1
        self._separated = False
        self._timer.start((self.idle_ms if self._count >= self.min_length else self.gap_ms)
                          + TIMER_SLACK_MS)
        return True

    def _separator(self, event: QKeyEvent, separator: str, now: float) -> bool:
        """Enter or Tab: the end of a scan, or a line break inside one; after a short burst,
        typing."""
        if self._count >= self.min_length and self._in_time(now, self.idle_ms):
            if not self._separated:
                self._chars.append(separator)
            self._separated = True
            self._last_ms = now
            self._pending_release[event.key()] += 1
            self._timer.start(self.gap_ms + TIMER_SLACK_MS)
            event.accept()
            return True
        self._settle()
        return False

    def _release(self, receiver: QObject, event: QKeyEvent) -> bool:
        key = event.key()
        if self._pending_release[key] > 0:
            self._pending_release[key] -= 1
            if self._count < self.min_length:  # may still be typing: keep it for the replay
                self._held.append(_Held(receiver, QKeyEvent(event)))
            return True
        if self._eaten_release[key] > 0:
            self._eaten_release[key] -= 1
            return True
        return False

    # --- the burst ------------------------------------------------------------------------
    def _now(self, event: QKeyEvent) -> float:
        if self._clock is not None:
            return self._clock()
        stamp = event.timestamp()
        return float(stamp) if stamp else time.monotonic() * 1000

    def _in_time(self, now: float, limit: int | None = None) -> bool:
        return 0 <= now - self._last_ms <= (self.gap_ms if limit is None else limit)

    def _hold(self, receiver: QObject, event: QKeyEvent, now: float) -> None:
        self._held.append(_Held(receiver, QKeyEvent(event)))
        self._pending_release[event.key()] += 1
        self._last_ms = now
        event.accept()

    @Slot()
    def _settle(self) -> None:
        """The burst is over: a scan if it was long enough, else typing to deliver."""
        self._timer.stop()
        if self._count >= self.min_length:
            self._finish()
        elif self._held:
            self._replay()

    def _finish(self) -> None:
        text = "".join(self._chars).strip("\n\t")
        self._eaten_release.update(+self._pending_release)
        self._reset()
        if text:
            # Delivered from the event loop, never from inside another widget's key event.
            QTimer.singleShot(0, self, partial(self.scanned.emit, text))

    def _replay(self) -> None:
        held = self._held
        self._reset()
        self._replaying = True
        try:
            for item in held:
                if shiboken6.isValid(item.receiver):
                    QCoreApplication.sendEvent(item.receiver, item.event)
        finally:
            self._replaying = False

    def _reset(self) -> None:
        self._held = []
        self._chars = []
        self._count = 0
        self._separated = False
        self._pending_release.clear()


def _wants_scans(receiver: QObject) -> bool:
    """The key is bound for a widget that takes scans as typed text (it, or the focus widget
    it propagates from, has the property)."""
    if receiver.property(SCAN_INPUT_PROPERTY):
        return True
    focus = QGuiApplication.focusObject()
    return focus is not None and bool(focus.property(SCAN_INPUT_PROPERTY))


# --- where a scan leads ------------------------------------------------------------------

#: The main window page that shows each kind of record. Input and seed lots have no page of
#: their own: their trace (every batch, animal and lot that received them) is what one wants.
PAGE_FOR_KIND: dict[Kind, str] = {
    "lot": "lots", "label": "labels", "animal": "animals", "batch": "batches",
    "member": "members", "plot": "plots", "shipment": "shipments",
    "input_lot": "trace", "seed_lot": "trace",
}


@dataclass(frozen=True)
class Destination:
    """The page to show, the record to select on it (``entity`` row ``record_id``), and the
    code to put in its search or trace box. The match itself rides along (a label's lot)."""

    page: str
    entity: str
    record_id: int
    code: str
    match: Match


def destination_for(match: Match) -> Destination:
    return Destination(PAGE_FOR_KIND[match.kind], match.entity, match.record_id, match.code,
                       match)


class ScanRouter(QObject):
    """From a scanned text to the record to open; the main window connects ``open_record``."""

    open_record = Signal(object)  # Destination
    unknown = Signal(str)  # the scanned text names no record
    failed = Signal(str)  # a sentence for the user: the lookup was refused

    def __init__(self, identify: Callable[[str], Match | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._identify = identify

    @Slot(str)
    def route(self, text: str) -> None:
        try:
            match = self._identify(text)
        except DomainError as error:
            self.failed.emit(str(error))
            return
        if match is None:
            self.unknown.emit(text)
        else:
            self.open_record.emit(destination_for(match))
