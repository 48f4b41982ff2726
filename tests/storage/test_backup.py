"""storage/backup.py: dated names read back, an online copy of a live database, and a backup
that cannot be written says so and leaves no half file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from coop_desktop.domain.errors import StorageError
from coop_desktop.storage.backup import (
    backup_name,
    backup_sqlite,
    parse_backup_name,
    verify_sqlite_backup,
)
from coop_desktop.storage.database import Database


def test_a_backup_name_tells_when_and_why() -> None:
    moment = dt.datetime(2026, 12, 4, 6, 30, 1, 250)
    name = backup_name(moment, "before-upgrade-from-0002")
    assert name == "coop-desktop-20261204-063001-000250-before-upgrade-from-0002.sqlite"
    assert parse_backup_name(name) == (moment, "before-upgrade-from-0002")
    for other in ("coop-desktop.sqlite", "notes.txt", "coop-desktop-20261304-063001-000250-"
                  "auto.sqlite", "coop-desktop-20261204-063001-000250-auto.sqlite-wal"):
        assert parse_backup_name(other) is None


def test_an_online_backup_copies_a_database_in_use(sqlite_coop: Database,
                                                   tmp_path: Path) -> None:
    file = Path(str(sqlite_coop.url.database))
    with sqlite_coop.read() as session:  # the program holds the file open, in WAL mode
        session.connection()
        copy = backup_sqlite(file, tmp_path / "backups", reason="auto")
    assert parse_backup_name(copy.name) is not None
    assert verify_sqlite_backup(copy) is not None
    with closing(sqlite3.connect(copy)) as connection:
        assert connection.execute("SELECT count(*) FROM cooperatives").fetchone()[0] == 1


def test_a_backup_that_cannot_be_written_says_so_and_leaves_nothing(
        sqlite_coop: Database, tmp_path: Path) -> None:
    file = Path(str(sqlite_coop.url.database))
    not_a_folder = tmp_path / "backups"
    not_a_folder.write_text("a file where the folder should be")
    with pytest.raises(StorageError) as refused:
        backup_sqlite(file, not_a_folder)
    assert refused.value.code == "backup.failed"
    assert "could not be written" in str(refused.value)
    assert not_a_folder.read_text() == "a file where the folder should be"
