"""A combo box over a closed list (species, land type, scheme…), each value shown by its name
in the user's language; ``value`` is the value the services take."""

from __future__ import annotations

import enum

from PySide6.QtWidgets import QComboBox, QWidget

from coop_desktop.domain.vocabulary import name_of


class EnumCombo(QComboBox):
    def __init__(self, parent: QWidget | None = None,
                 enum_class: type[enum.Enum] | None = None, blank: str | None = None) -> None:
        super().__init__(parent)
        if enum_class is not None:
            self.set_enum(enum_class, blank)

    def set_enum(self, enum_class: type[enum.Enum], blank: str | None = None,
                 only: list[enum.Enum] | None = None) -> None:
        """Offer the members of ``enum_class`` (or ``only`` these), after a ``blank`` choice
        meaning none when given."""
        self.clear()
        if blank is not None:
            self.addItem(blank, None)
        for member in only if only is not None else list(enum_class):
            self.addItem(name_of(member), member.value)

    def value(self) -> str | None:
        data = self.currentData()
        return None if data is None else str(data)

    def set_value(self, value: str | enum.Enum | None) -> None:
        wanted = value.value if isinstance(value, enum.Enum) else value
        index = self.findData(wanted)
        if index >= 0:
            self.setCurrentIndex(index)
