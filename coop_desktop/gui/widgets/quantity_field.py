"""A quantity typed as text (exact, no float rounding) with its unit beside it: a fixed
suffix (kg, mu) or a choice of units."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget


class QuantityField(QWidget):
    """``text`` is what was typed (the form checks it with the service's validator);
    ``unit`` the suffix or the chosen unit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, unit: str = "",
                 units: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setObjectName("amount")
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.suffix = QLabel(unit, self)
        self.suffix.setObjectName("unit")
        self.units = QComboBox(self)
        self.units.setObjectName("units")
        self.units.setEditable(True)
        self.units.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.suffix)
        layout.addWidget(self.units)
        self.line.textChanged.connect(lambda _text: self.changed.emit())
        self.units.editTextChanged.connect(lambda _text: self.changed.emit())
        self.setFocusProxy(self.line)
        if units:
            self.set_units(units)

    def text(self) -> str:
        return self.line.text().strip()

    def setText(self, text: str) -> None:
        self.line.setText(text)

    def value(self) -> str | None:
        """The typed amount, or None when the field is empty."""
        return self.text() or None

    def unit(self) -> str:
        return self.units.currentText().strip() if self.units.isVisibleTo(self) else (
            self.suffix.text())

    def set_unit(self, unit: str) -> None:
        """A fixed unit shown after the number."""
        self.suffix.setText(unit)
        self.suffix.show()
        self.units.hide()

    def set_units(self, units: Sequence[str], current: str | None = None) -> None:
        """Units to choose from (one may also type another)."""
        self.units.clear()
        self.units.addItems(list(units))
        if current:
            self.units.setCurrentText(current)
        self.units.show()
        self.suffix.hide()
