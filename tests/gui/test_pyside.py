"""The Qt binding itself: PySide6 6.12.0 took a reference to None away on every call of a
method that returns nothing, so a long working day ended in a crash. Keep it out."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_calls_returning_nothing_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel("称重")
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(10_000):
        label.setText("净重")
        label.update()
    assert sys.getrefcount(None) >= before - 100
