"""The Backups group of the Settings page: the list, Back up now, a verified Restore… that
closes the program afterwards, and for PostgreSQL the check of the newest pg_dump file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import Role
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.pages import backup_box
from coop_desktop.gui.pages.backup_box import BackupBox
from coop_desktop.gui.pages.settings import SettingsPage
from coop_desktop.services import backups
from coop_desktop.services.permissions import Actor
from coop_desktop.storage.database import Database
from tests.services.builders import make_member

MANAGER = Actor("manager", Role.MANAGER)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _box(qtbot: QtBot, db: Database, folder: Path, settings: QSettings,
         host: QWidget | None = None) -> BackupBox:
    box = BackupBox(AppContext(db, MANAGER), host, folder=folder, settings=settings)
    if host is None:
        qtbot.addWidget(box)
    else:
        QVBoxLayout(host).addWidget(box)
    return box


def _cell(box: BackupBox, row: int, column: int) -> str:
    item = box.table.item(row, column)
    assert item is not None
    return item.text()


def _members(db: Database) -> list[str]:
    with closing(sqlite3.connect(str(db.url.database))) as connection:
        return [row[0] for row in connection.execute("SELECT code FROM members ORDER BY code")]


def test_the_list_shows_each_backup_with_its_date_kind_and_size(
        sqlite_coop: Database, qtbot: QtBot, tmp_path: Path, settings: QSettings) -> None:
    folder = tmp_path / "backups"
    backups.take_backup(sqlite_coop, folder, now=dt.datetime(2026, 12, 1, 8, 0))
    backups.take_backup(sqlite_coop, folder, "before-upgrade-from-0002",
                        now=dt.datetime(2026, 12, 2, 8, 0))
    box = _box(qtbot, sqlite_coop, folder, settings)
    rows = [[_cell(box, row, column) for column in range(3)]
            for row in range(box.table.rowCount())]
    assert [row[:2] for row in rows] == [["2026-12-02 08:00", "Before an upgrade (schema 0002)"],
                                         ["2026-12-01 08:00", "Automatic"]]
    assert all(row[2].endswith("KiB") or row[2].endswith("MiB") for row in rows)
    box.show()
    picture = box.grab()
    assert not picture.isNull()
    picture.save(str(tmp_path / "backup_box.png"))
    del picture


def test_back_up_now_adds_a_backup_off_the_gui_thread(
        sqlite_coop: Database, qtbot: QtBot, tmp_path: Path, settings: QSettings) -> None:
    folder = tmp_path / "backups"
    box = _box(qtbot, sqlite_coop, folder, settings)
    assert box.table.rowCount() == 0
    task = box.back_up()
    assert task is not None
    with qtbot.waitSignal(task.signals.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: box.table.rowCount() == 1, timeout=10_000)
    assert _cell(box, 0, 1) == "By hand"
    assert "Backed up to" in box.status.text() and box.back_up_button.isEnabled()


def test_restore_verifies_keeps_the_records_and_closes_the_program(
        sqlite_coop: Database, qtbot: QtBot, tmp_path: Path, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "backups"
    make_member(sqlite_coop, "M001")
    backups.take_backup(sqlite_coop, folder)
    make_member(sqlite_coop, "M002")
    window = QWidget()
    qtbot.addWidget(window)
    box = _box(qtbot, sqlite_coop, folder, settings, host=window)
    window.show()
    box.table.selectRow(0)
    offered: list[str] = []
    told: list[str] = []

    def choose(_parent: Any, _title: str, start_at: str, _filter: str) -> tuple[str, str]:
        offered.append(start_at)
        return start_at, ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text: told.append(text))
    with qtbot.waitSignal(box.restored, timeout=30_000):
        assert box.restore()
    assert Path(offered[0]).name.endswith("-auto.sqlite")  # the selected backup is offered
    assert _members(sqlite_coop) == ["M001"]
    assert "close now" in told[0] and "before-restore" in told[0]
    assert not window.isVisible()  # the program closes, to start again on the records
    kept = [item for item in backups.list_backups(folder) if item.reason == "before-restore"]
    assert len(kept) == 1


def test_a_backup_that_fails_its_checks_replaces_nothing(
        sqlite_coop: Database, qtbot: QtBot, tmp_path: Path, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "backups"
    make_member(sqlite_coop, "M001")
    taken = backups.take_backup(sqlite_coop, folder)
    assert taken is not None
    with closing(sqlite3.connect(taken.path)) as connection, connection:
        connection.execute("UPDATE members SET name = '改过的' WHERE code = 'M001'")
    make_member(sqlite_coop, "M002")
    box = _box(qtbot, sqlite_coop, folder, settings)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args: (str(taken.path), ""))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text: told.append(text))
    assert not box.restore()
    assert "Nothing was restored" in box.status.text() and "audit trail" in box.status.text()
    assert told == [] and _members(sqlite_coop) == ["M001", "M002"]
    assert box.restore_button.isEnabled()


def test_the_backups_group_is_for_admins_and_managers(
        sqlite_coop: Database, qtbot: QtBot, settings: QSettings) -> None:
    for role, shown in ((Role.ADMIN, True), (Role.MANAGER, True), (Role.CLERK, False),
                        (Role.PACKER, False), (Role.AUDITOR, False)):
        page = SettingsPage(AppContext(sqlite_coop, Actor("someone", role)), settings=settings)
        qtbot.addWidget(page)
        assert (page.backups is not None) is shown, role


def test_on_postgresql_it_checks_the_newest_dump_and_gives_the_command(
        qtbot: QtBot, tmp_path: Path, settings: QSettings) -> None:
    server = Database.open("postgresql+psycopg://coop:s3cret@db.coop.lan:5432/coop")
    try:
        box = _box(qtbot, server, tmp_path / "backups", settings)
        assert not hasattr(box, "table")
        assert "--host=db.coop.lan" in box.command.text()
        assert "s3cret" not in box.command.text()
        assert not box.check_dumps() and "Name the folder" in box.status.text()
        dumps = tmp_path / "dumps"
        dumps.mkdir()
        box.dump_folder.setText(str(dumps))
        assert not box.check_dumps() and "no dump" in box.status.text()
        (dumps / "coop-2026-12-04.dump").write_bytes(b"PGDMP")
        assert box.check_dumps() and "coop-2026-12-04.dump" in box.status.text()
        assert settings.value(backup_box.DUMP_FOLDER_KEY) == str(dumps)
        assert str(dumps) in box.command.text()
    finally:
        server.dispose()
