"""A keyboard for tests: key presses stamped with a time of our choosing, as a USB scanner or
a person sends them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

NONE = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Keyboard:
    """Sends key presses and releases stamped with a time of our choosing."""

    def __init__(self, target: QObject, start_ms: int = 1_000_000) -> None:
        self.target = target
        self.now = start_ms

    def send(self, kind: QEvent.Type, key: int, text: str,
             modifiers: Qt.KeyboardModifier = NONE, repeat: bool = False,
             stamp: bool = True) -> None:
        event = QKeyEvent(kind, key, modifiers, text, repeat)
        if stamp:
            event.setTimestamp(self.now)
        QCoreApplication.sendEvent(self.target, event)

    def tap(self, key: int, text: str = "", modifiers: Qt.KeyboardModifier = NONE,
            repeat: bool = False, stamp: bool = True) -> None:
        self.send(QEvent.Type.KeyPress, key, text, modifiers, repeat, stamp)
        self.send(QEvent.Type.KeyRelease, key, text, modifiers, repeat, stamp)

    def type(self, text: str, every_ms: int) -> None:
        """Each character as a scanner or a person sends it: Shift for capitals, Enter for
        a line break, Tab for a tab."""
        for char in text:
            self.now += every_ms
            if char in "\r\n":
                self.tap(Qt.Key.Key_Return, "\r")
            elif char == "\t":
                self.tap(Qt.Key.Key_Tab, "\t")
            elif char.isupper():
                self.send(QEvent.Type.KeyPress, Qt.Key.Key_Shift, "", SHIFT)
                self.tap(ord(char), char, SHIFT)
                self.send(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, "")
            else:
                self.tap(ord(char.upper()) if char.isascii() else 0, char)
