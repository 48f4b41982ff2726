"""A large live weight readout: digits, unit, a stable lamp, gross or net, overload.

Feed it a :class:`DeviceReader` (or call :meth:`WeightReadout.show_reading`); :meth:`capture`
hands over the last reading only when it is stable and usable, and otherwise says, in the widget,
that it is waiting for a stable weight. Nothing unstable or over range is ever captured.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coop_desktop.devices.readings import Reading, WeightKind
from coop_desktop.gui.devices.reader import DeviceReader

_LAMP_ON = "background-color: #2e7d32; border-radius: 9px;"
_LAMP_OFF = "background-color: #9e9e9e; border-radius: 9px;"


class WeightReadout(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last: Reading | None = None
        self._note_for: tuple[object, bool] | None = None  # the weight a note is about

        self.value_label = QLabel("—")
        font = QFont(self.value_label.font())
        font.setPointSize(48)
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.value_label.setFont(font)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.unit_label = QLabel("")
        unit_font = QFont(self.unit_label.font())
        unit_font.setPointSize(20)
        self.unit_label.setFont(unit_font)

        self.lamp = QLabel()
        self.lamp.setFixedSize(18, 18)
        self.lamp.setStyleSheet(_LAMP_OFF)
        self.stable_label = QLabel(self.tr("Stable"))
        self.kind_label = QLabel("")
        self.message = QLabel(self.tr("Waiting for a stable weight."))
        self.message.setWordWrap(True)

        digits = QHBoxLayout()
        digits.addWidget(self.value_label, 1)
        digits.addWidget(self.unit_label, 0, Qt.AlignmentFlag.AlignBottom)
        flags = QHBoxLayout()
        flags.addWidget(self.lamp)
        flags.addWidget(self.stable_label)
        flags.addSpacing(16)
        flags.addWidget(self.kind_label)
        flags.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(digits)
        layout.addLayout(flags)
        layout.addWidget(self.message)

    def follow(self, reader: DeviceReader) -> None:
        """Show every weight ``reader`` signals (delivered in the GUI thread)."""
        reader.reading.connect(self.show_reading)

    @property
    def lamp_on(self) -> bool:
        return self._capturable(self._last)

    @property
    def last_reading(self) -> Reading | None:
        return self._last

    def show_reading(self, reading: Reading) -> None:
        if reading.channel is not None or reading.text is not None:
            return  # a sensor channel or an ear tag, not a weight
        self._last = reading
        if reading.overload:
            self.value_label.setText(self.tr("Overload"))
        elif reading.value is None:
            self.value_label.setText("—")
        else:
            self.value_label.setText(str(reading.value))
        self.unit_label.setText(reading.unit)
        self.kind_label.setText(self._kind_text(reading.kind))
        stable = self._capturable(reading)
        self.lamp.setStyleSheet(_LAMP_ON if stable else _LAMP_OFF)
        if self._note_for is not None and self._note_for == (reading.value, stable):
            return  # the same weight as the note is about: the note stays
        self._note_for = None
        if reading.overload:
            self.message.setText(self.tr("Overload: the load is out of the scale's range."))
        else:
            self.message.setText(self.tr("Waiting for a stable weight."))
        self.message.setVisible(not stable)

    def show_message(self, text: str) -> None:
        """Say something under the digits (why a capture was refused, what to do next); it
        stays until the weight changes."""
        last = self._last
        self._note_for = (last.value, self._capturable(last)) if last is not None else None
        self.message.setText(text)
        self.message.setVisible(True)

    def capture(self) -> Reading | None:
        """The last reading if it is stable and usable; else None, and the readout says why."""
        if self._capturable(self._last):
            return self._last
        if self._last is None:
            self.message.setText(self.tr("Waiting for a stable weight."))
        self.message.setVisible(True)
        return None

    @staticmethod
    def _capturable(reading: Reading | None) -> bool:
        return (reading is not None and reading.stable is True and not reading.overload
                and reading.value is not None)

    def _kind_text(self, kind: WeightKind) -> str:
        if kind is WeightKind.GROSS:
            return self.tr("Gross")
        if kind is WeightKind.NET:
            return self.tr("Net")
        if kind is WeightKind.TARE:
            return self.tr("Tare")
        return ""
