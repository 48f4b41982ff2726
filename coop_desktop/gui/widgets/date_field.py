"""Date inputs: a day with a calendar, written YYYY-MM-DD, and an optional one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

DATE_FORMAT = "yyyy-MM-dd"


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class DateField(QDateEdit):
    """A day, today unless set; ``value`` is a ``datetime.date``. It does not refuse future
    days itself: the form's check says why, in the service's words."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        self.setDate(QDate.currentDate())
        self.setMinimumDate(QDate(1900, 1, 1))
        self.dateChanged.connect(lambda _date: self.changed.emit())

    def value(self) -> dt.date:
        return from_qdate(self.date())

    def set_value(self, day: dt.date | str) -> None:
        self.setDate(to_qdate(day if isinstance(day, dt.date) else dt.date.fromisoformat(day)))


class OptionalDateField(QWidget):
    """A day that may be left out (left the co-op on, born on): a tick box before the date."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.given = QCheckBox(self)
        self.given.setObjectName("given")
        self.date = DateField(self)
        self.date.setObjectName("date")
        self.date.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.given)
        layout.addWidget(self.date, 1)
        self.given.toggled.connect(self.date.setEnabled)
        self.given.toggled.connect(lambda _on: self.changed.emit())
        self.date.changed.connect(self.changed)
        self.setFocusProxy(self.date)

    def value(self) -> dt.date | None:
        return self.date.value() if self.given.isChecked() else None

    def set_value(self, day: dt.date | str | None) -> None:
        if day:
            self.date.set_value(day)
        self.given.setChecked(bool(day))
