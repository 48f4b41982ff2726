"""Driving record pickers in form tests."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coop_desktop.gui.widgets.record_picker import RecordPicker


def pick(qtbot: QtBot, picker: RecordPicker, code: str) -> None:
    """Type a code into a picker, as a clerk (or a scanner) would, and let it search."""
    qtbot.keyClicks(picker, code)
    picker.search_now()
    assert picker.choice() is not None, picker.results()
