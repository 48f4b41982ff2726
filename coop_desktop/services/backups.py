"""Backups of an SQLite database: when to take one, which to keep, and a verified restore.

Policy (also in README):

- an **automatic** backup (reason ``auto``) is taken when the program starts and then whenever
  the newest automatic backup is a day old, while the program runs;
- rotation keeps, of the automatic backups, the newest of each of the last 7 days that have
  one, the newest of each of the last 4 ISO weeks that have one and the newest of each of the
  last 12 months that have one; every other automatic backup is deleted;
- backups taken for another reason — before a schema upgrade (``before-upgrade-from-REV``),
  before a restore (``before-restore``), or by hand (``manual``) — are never rotated away;
  neither is any file in the folder that is not named like one of our backups.

A restore is verified before anything is replaced: the file is an SQLite database that passes
``PRAGMA integrity_check``, has our tables and a schema revision this program knows (never a
newer one), and, brought to this program's schema in a scratch copy, its audit chain verifies.
Then the database in use is backed up (``before-restore``) and replaced by that copy.

PostgreSQL is backed up with ``pg_dump`` by the server's administrator; the program checks that
the newest dump in the folder the administrator names is recent (:func:`pg_dump_status`).
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import URL

from coop_desktop.domain.errors import StorageError
from coop_desktop.domain.models import Cooperative
from coop_desktop.services.audit import verify_audit
from coop_desktop.services.permissions import Actor, Permission, require
from coop_desktop.storage import backup, migrations
from coop_desktop.storage.database import Database
from coop_desktop.storage.engine import sqlite_file

log = logging.getLogger(__name__)

AUTOMATIC = "auto"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
#: How many automatic backups rotation keeps: the newest of each of the last N days, ISO
#: weeks and months that have one.
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
#: An automatic backup is due when the newest one is this old.
INTERVAL = dt.timedelta(days=1)
#: A PostgreSQL dump older than this is reported as not recent (a daily dump, with slack).
DUMP_MAX_AGE = dt.timedelta(hours=26)
DUMP_SUFFIXES = (".dump", ".backup", ".sql", ".sql.gz", ".tar")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int

    @property
    def automatic(self) -> bool:
        return self.reason == AUTOMATIC


def list_backups(folder: Path) -> list[BackupFile]:
    """Our backups in ``folder``, newest first (other files are ignored)."""
    found: list[BackupFile] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        parsed = backup.parse_backup_name(path.name)
        if parsed is None or not path.is_file():
            continue
        found.append(BackupFile(path, parsed[0], parsed[1], path.stat().st_size))
    return sorted(found, key=lambda item: item.taken_at, reverse=True)


def kept_by_policy(backups: Iterable[BackupFile]) -> set[Path]:
    """The automatic backups the policy keeps (see the module's docstring)."""
    automatic = sorted((item for item in backups if item.automatic),
                       key=lambda item: item.taken_at, reverse=True)
    kept: set[Path] = set()
    for period, limit in ((_day, KEEP_DAILY), (_week, KEEP_WEEKLY), (_month, KEEP_MONTHLY)):
        seen: set[tuple[int, ...]] = set()
        for item in automatic:  # newest first: the first of each period is its newest
            key = period(item.taken_at)
            if key in seen:
                continue
            if len(seen) == limit:
                break
            seen.add(key)
            kept.add(item.path)
    return kept


def _day(moment: dt.datetime) -> tuple[int, ...]:
    return (moment.year, moment.month, moment.day)


def _week(moment: dt.datetime) -> tuple[int, ...]:
    year, week, _ = moment.isocalendar()
    return (year, week)


def _month(moment: dt.datetime) -> tuple[int, ...]:
    return (moment.year, moment.month)


def rotate(folder: Path) -> list[Path]:
    """Delete the automatic backups the policy does not keep; returns the deleted files."""
    backups = list_backups(folder)
    kept = kept_by_policy(backups)
    removed = [item.path for item in backups if item.automatic and item.path not in kept]
    for path in removed:
        path.unlink(missing_ok=True)
        log.info("rotation removed the backup %s", path.name)
    return removed


def automatic_due(folder: Path, now: dt.datetime | None = None) -> bool:
    """True when no automatic backup is younger than :data:`INTERVAL`."""
    newest = next((item for item in list_backups(folder) if item.automatic), None)
    return newest is None or (now or dt.datetime.now()) - newest.taken_at >= INTERVAL


def _live_file(db: Database) -> Path | None:
    file = sqlite_file(db.url)
    return file if file is not None and file.exists() and file.stat().st_size > 0 else None


def take_backup(db: Database, folder: Path, reason: str = AUTOMATIC,
                now: dt.datetime | None = None) -> BackupFile | None:
    """Back up the SQLite database in use into ``folder`` and rotate; None for PostgreSQL
    (its backups are pg_dump's). A failure raises StorageError with a sentence."""
    file = _live_file(db)
    if file is None:
        return None
    taken_at = now or dt.datetime.now()
    path = backup.backup_sqlite(file, folder, reason=reason, taken_at=taken_at)
    log.info("backed up %s to %s", file, path)
    taken = BackupFile(path, taken_at, reason, path.stat().st_size)
    rotate(folder)
    return taken


def back_up_now(db: Database, actor: Actor, folder: Path) -> BackupFile | None:
    """A backup the user asked for (kept: rotation never removes it)."""
    require(actor, Permission.MANAGE_COOPERATIVE)
    return take_backup(db, folder, MANUAL)


@dataclass(frozen=True)
class VerifiedBackup:
    revision: str | None
    audit_entries: int
    cooperative: str


def verify_backup(file: Path, scratch: Path) -> VerifiedBackup:
    """Check ``file`` as a restore would, into ``scratch`` (a file that must not exist): a
    copy there is brought to this program's schema and its audit chain verified. Raises
    StorageError with a sentence for a file that must not be restored."""
    revision = backup.verify_sqlite_backup(file)
    backup.backup_sqlite_to(file, scratch)
    copy = Database.open(str(scratch))
    try:
        state = migrations.schema_state(copy)
        if not state.known:
            raise StorageError("storage.too_new", target=str(file), revision=state.current,
                               head=state.head)
        migrations.prepare(copy, backup_dir=scratch.parent / "upgrade-backups")
        with copy.read() as session:
            cooperative = session.execute(select(Cooperative.name).order_by(Cooperative.id)
                                          .limit(1)).scalar_one_or_none()
            report = verify_audit(session)
    finally:
        copy.dispose()
    if cooperative is None:
        raise StorageError("backup.no_cooperative", path=str(file))
    if not report.ok:
        raise StorageError("backup.audit_broken", path=str(file),
                           problems=len(report.problems),
                           first=report.problems[0].description)
    return VerifiedBackup(revision, report.entries_checked, cooperative)


@dataclass(frozen=True)
class Restored:
    file: Path
    revision: str | None
    kept: Path | None  # the database as it was before the restore


def restore_backup(db: Database, actor: Actor, file: Path, folder: Path) -> Restored:
    """Replace the SQLite database in use by the backup ``file``, verified first; the database
    as it was is kept in ``folder`` first. ``db``'s connections are closed: the program must
    start again (the GUI asks for it) before it uses the database."""
    require(actor, Permission.MANAGE_COOPERATIVE)
    live = sqlite_file(db.url)
    if live is None:
        raise StorageError("storage.needs_sqlite", action="restore")
    if live.exists() and file.resolve() == live.resolve():
        raise StorageError("backup.is_live", path=str(file))
    with tempfile.TemporaryDirectory(prefix="coop-restore-", dir=live.parent) as scratch_dir:
        scratch = Path(scratch_dir) / "restore.sqlite"
        verified = verify_backup(file, scratch)
        db.dispose()
        kept = backup.restore_sqlite(scratch, live, folder)
    log.info("restored %s into %s (the old database is kept in %s)", file, live, kept)
    return Restored(file, verified.revision, kept)


@dataclass(frozen=True)
class DumpStatus:
    folder: Path
    newest: Path | None
    taken_at: dt.datetime | None
    recent: bool


def pg_dump_status(folder: Path, now: dt.datetime | None = None,
                   max_age: dt.timedelta = DUMP_MAX_AGE) -> DumpStatus:
    """The newest PostgreSQL dump in ``folder`` (by the time it was written) and whether it is
    recent enough."""
    dumps = [path for path in folder.iterdir()
             if path.is_file() and path.name.lower().endswith(DUMP_SUFFIXES)
             ] if folder.is_dir() else []
    if not dumps:
        return DumpStatus(folder, None, None, False)
    newest = max(dumps, key=lambda path: path.stat().st_mtime)
    taken_at = dt.datetime.fromtimestamp(newest.stat().st_mtime)
    return DumpStatus(folder, newest, taken_at, (now or dt.datetime.now()) - taken_at <= max_age)


def pg_dump_command(url: URL, folder: Path) -> str:
    """The pg_dump command that writes a dump of the database at ``url`` into ``folder`` (no
    password in it: pg_dump asks, or reads it from the pgpass file). Arguments with spaces are
    double-quoted, which both Windows' cmd and a POSIX shell understand."""
    arguments = ["pg_dump", "--format=custom"]
    if url.host:
        arguments.append(f"--host={url.host}")
    if url.port:
        arguments.append(f"--port={url.port}")
    if url.username:
        arguments.append(f"--username={url.username}")
    arguments.append(f"--file={folder / 'coop-desktop.dump'}")
    arguments.append(url.database or "coop")
    return " ".join(f'"{argument}"' if " " in argument else argument for argument in arguments)
