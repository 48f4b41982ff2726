"""The GUI start-up: a new database is migrated and the first start offers the demo or one's
own cooperative; modal dialogs are driven by patching their exec()."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from coop_desktop.gui import app as gui_app
from coop_desktop.gui.login import FirstStartDialog
from coop_desktop.gui.main_window import MainWindow
from coop_desktop.services.listing import count_records
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database


def _close_main_window_soon(shown: list[str]) -> None:
    """Closing the last window ends run_gui's event loop, as when a user closes it."""
    def close() -> None:
        for window in QApplication.topLevelWidgets():
            if isinstance(window, MainWindow) and window.isVisible():
                shown.append(window.user_label.text())
                window.close()
    QTimer.singleShot(0, close)


def test_first_start_with_the_demo(qtbot: QtBot, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def choose_demo(dialog: FirstStartDialog) -> int:
        dialog.demo.setChecked(True)
        dialog.finish()
        return int(dialog.result())

    monkeypatch.setattr(FirstStartDialog, "exec", choose_demo)
    shown: list[str] = []
    _close_main_window_soon(shown)
    file = tmp_path / "first.sqlite"
    assert gui_app.run_gui(str(file), actor=SYSTEM) == 0
    assert shown and "system" in shown[0]
    database = Database.open(str(file))
    assert count_records(database, SYSTEM, "members") == 60
    assert count_records(database, SYSTEM, "lots") > 0
    database.dispose()


def test_first_start_of_ones_own_cooperative(qtbot: QtBot, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []

    def set_up_own(dialog: FirstStartDialog) -> int:
        dialog.own.setChecked(True)
        dialog.cooperative.setText("民勤县沙漠人参果专业合作社")
        dialog.password.setText("short")
        dialog.repeat.setText("short")
        dialog.finish()
        errors.append(dialog.error.text())
        dialog.password.setText("a-long-secret")
        dialog.repeat.setText("a-long-secret")
        dialog.finish()
        return int(dialog.result())

    monkeypatch.setattr(FirstStartDialog, "exec", set_up_own)
    shown: list[str] = []
    _close_main_window_soon(shown)
    file = tmp_path / "own.sqlite"
    assert gui_app.run_gui(str(file), actor=SYSTEM) == 0
    assert errors == ["The password needs at least 8 characters."]
    database = Database.open(str(file))
    assert count_records(database, SYSTEM, "members") == 0
    from coop_desktop.services.users import authenticate

    assert authenticate(database, "admin", "a-long-secret").role.value == "admin"
    database.dispose()


def test_cancelling_the_first_start_leaves_quietly(qtbot: QtBot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FirstStartDialog, "exec",
                        lambda dialog: int(QDialog.DialogCode.Rejected))
    assert gui_app.run_gui(str(tmp_path / "x.sqlite"), actor=SYSTEM) == 0


def test_a_foreign_file_is_refused_with_a_sentence(qtbot: QtBot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(gui_app.QMessageBox, "critical",
                        lambda parent, title, text: said.append(text))
    file = tmp_path / "notes.sqlite"
    file.write_text("not a database")
    assert gui_app.run_gui(str(file)) == 2
    assert said and "not an SQLite database" in said[0]
