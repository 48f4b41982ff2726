"""The automatic backup at start and daily: it runs off the GUI thread, says where it wrote,
and a failure shows in the status bar and the log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from coop_desktop.gui.backup_timer import BackupTimer
from coop_desktop.services.backups import BackupFile, list_backups
from coop_desktop.storage.database import Database


def test_a_backup_at_start_then_only_when_a_day_has_passed(sqlite_coop: Database,
                                                           qtbot: QtBot, tmp_path: Path) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    folder = tmp_path / "backups"
    timer = BackupTimer(sqlite_coop, folder, window.statusBar(), window)
    try:
        with qtbot.waitSignal(timer.done, timeout=30_000) as done:
            timer.start()
        assert isinstance(done.args[0], BackupFile)
        assert [item.reason for item in list_backups(folder)] == ["auto"]
        assert "Backed up to" in window.statusBar().currentMessage()
        timer.check()  # the next hourly check: not due yet
        assert not timer.running and len(list_backups(folder)) == 1
    finally:
        timer.stop()


def test_a_failed_backup_is_never_silent(sqlite_coop: Database, qtbot: QtBot, tmp_path: Path,
                                         caplog: pytest.LogCaptureFixture) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    blocked = tmp_path / "backups"
    blocked.write_text("a file where the backups folder should be")
    timer = BackupTimer(sqlite_coop, blocked, window.statusBar(), window)
    try:
        with caplog.at_level(logging.ERROR), qtbot.waitSignal(timer.failed,
                                                               timeout=30_000) as failed:
            timer.start()
    finally:
        timer.stop()
    assert "automatic backup failed" in failed.args[0]
    assert "could not be written" in window.statusBar().currentMessage()
    assert any("automatic backup failed" in record.getMessage() for record in caplog.records)
