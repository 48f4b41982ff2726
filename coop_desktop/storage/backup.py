"""Online backup and verified restore of an SQLite database file.

A backup in the backups folder is named ``coop-desktop-YYYYMMDD-HHMMSS-ffffff-REASON.sqlite``:
the moment it was taken (local time) and why (``auto``, ``manual``, ``before-restore``,
``before-upgrade-from-REV``). :func:`parse_backup_name` reads both back; the rotation policy in
``services/backups.py`` relies on them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sqlite3
from contextlib import closing
from pathlib import Path

from coop_desktop.domain.errors import StorageError

PREFIX = "coop-desktop-"
SUFFIX = ".sqlite"
_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^coop-desktop-(\d{8}-\d{6}-\d{6})-([a-z0-9.-]+)\.sqlite$")


def backup_name(taken_at: dt.datetime, reason: str) -> str:
    return f"{PREFIX}{taken_at.strftime(_STAMP)}-{reason}{SUFFIX}"


def parse_backup_name(name: str) -> tuple[dt.datetime, str] | None:
    """When a backup file of ours was taken and why, from its name; None for other files."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        return dt.datetime.strptime(match.group(1), _STAMP), match.group(2)
    except ValueError:
        return None


def backup_sqlite(source: Path, folder: Path, reason: str = "manual",
                  taken_at: dt.datetime | None = None) -> Path:
    """Copy a live SQLite database into ``folder`` under a dated name; returns the new file."""
    return backup_sqlite_to(source, folder / backup_name(taken_at or dt.datetime.now(), reason))


def backup_sqlite_to(source: Path, target: Path) -> Path:
    """Copy a live SQLite database to ``target`` with SQLite's online backup API."""
    if target.exists():
        raise StorageError("backup.exists", path=str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
    except (sqlite3.Error, OSError) as error:  # a full disk, a folder without write access
        with contextlib.suppress(OSError):  # never leave half a backup that looks like one
            target.unlink(missing_ok=True)
        raise StorageError("backup.failed", path=str(target), detail=str(error)) from error
    return target


def verify_sqlite_backup(file: Path) -> str | None:
    """Refuse a file that is not a sound Coop Desktop database; returns its schema revision."""
    if not file.is_file():
        raise StorageError("backup.missing", path=str(file))
    with file.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise StorageError("storage.not_sqlite", path=str(file))
    uri = f"{file.resolve().as_uri()}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            status = connection.execute("PRAGMA integrity_check").fetchone()[0]
            if status != "ok":
                raise StorageError("storage.corrupt", path=str(file), detail=status)
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables or "lots" not in tables:
                raise StorageError("storage.foreign", target=str(file))
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise StorageError("storage.unreadable", target=str(file), detail=str(error)) from error
    return row[0] if row else None


def restore_sqlite(backup: Path, live: Path, safety_dir: Path) -> Path | None:
    """Replace ``live`` with ``backup`` after verifying it; the old file is backed up first."""
    verify_sqlite_backup(backup)
    safety: Path | None = None
    if live.exists() and live.stat().st_size > 0:
        safety = backup_sqlite(live, safety_dir, reason="before-restore")
    with closing(sqlite3.connect(backup)) as src, closing(sqlite3.connect(live)) as dst:
        src.backup(dst)
    return safety
