"""The GUI start-up: a new database is migrated and gets the demo cooperative on first start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coop_desktop.gui.app import run_gui
from coop_desktop.gui.main_window import MainWindow
from coop_desktop.services.listing import count_records
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database


def test_first_start_migrates_and_loads_the_demo(qtbot: QtBot, tmp_path: Path) -> None:
    file = tmp_path / "first.sqlite"
    shown: list[str] = []

    def close_when_shown() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        shown.extend(window.summary.text() for window in windows)
        for window in windows:
            window.close()
        QApplication.quit()

    QTimer.singleShot(0, close_when_shown)
    assert run_gui(str(file)) == 0
    assert shown and "members: 60" in shown[0]
    database = Database.open(str(file))
    assert count_records(database, SYSTEM, "lots") > 0
    database.dispose()
