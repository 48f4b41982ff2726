"""A line for a barcode scanner or a typed code: Enter hands the text over (``scanned``) and
empties the line, instead of pressing the dialog's default button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

try:
    from coop_desktop.gui.scanner import SCAN_INPUT_PROPERTY
except ImportError:  # pragma: no cover - a program without the global scan detector
    SCAN_INPUT_PROPERTY = "coopScanInput"


class ScanField(QLineEdit):
    scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The program-wide scan detector lets scans into this field instead of opening them.
        self.setProperty(SCAN_INPUT_PROPERTY, True)
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = self.text().strip()
            self.clear()
            if text:
                self.scanned.emit(text)
            event.accept()
            return
        super().keyPressEvent(event)
