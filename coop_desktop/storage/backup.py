"""Online backup and verified restore of an SQLite database file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from coop_desktop.domain.errors import StorageError


def backup_sqlite(source: Path, folder: Path, reason: str = "manual") -> Path:
    """Copy a live SQLite database into ``folder`` under a dated name; returns the new file."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return backup_sqlite_to(source, folder / f"coop-desktop-{stamp}-{reason}.sqlite")


def backup_sqlite_to(source: Path, target: Path) -> Path:
    """Copy a live SQLite database to ``target`` with SQLite's online backup API."""
    if target.exists():
        raise StorageError("backup.exists", path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
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
