"""services/backups.py: the rotation policy, the automatic schedule, a verified restore that
refuses what it must, and the PostgreSQL dump check."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from coop_desktop.domain.errors import PermissionDenied, StorageError
from coop_desktop.domain.models import Member, Role
from coop_desktop.services import backups
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.backup import backup_name
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import audit_ok, make_member

NOW = dt.datetime(2026, 12, 4, 9, 0)


def _fake(folder: Path, moment: dt.datetime, reason: str = backups.AUTOMATIC) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / backup_name(moment, reason)
    path.write_bytes(b"SQLite format 3\x00")
    return path


def test_rotation_keeps_7_daily_4_weekly_12_monthly_and_every_other_kind(
        tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    # Two automatic backups a day (start and the daily one) for 500 days.
    for days in range(500):
        day = NOW - dt.timedelta(days=days)
        _fake(folder, day.replace(hour=8))
        _fake(folder, day.replace(hour=20) if days else day.replace(hour=8, minute=30))
    upgrade = _fake(folder, NOW - dt.timedelta(days=400), "before-upgrade-from-0002")
    manual = _fake(folder, NOW - dt.timedelta(days=300), "manual")
    safety = _fake(folder, NOW - dt.timedelta(days=200), "before-restore")
    foreign = folder / "notes.txt"
    foreign.write_text("the admin's own file")

    removed = backups.rotate(folder)

    left = backups.list_backups(folder)
    automatic = [item.taken_at for item in left if item.automatic]
    assert {upgrade, manual, safety} <= {item.path for item in left} and foreign.exists()
    # the newest of each of the last 7 days
    assert automatic[:7] == [NOW.replace(hour=8, minute=30)] + [
        (NOW - dt.timedelta(days=days)).replace(hour=20) for days in range(1, 7)]
    weeks = {(moment.isocalendar()[0], moment.isocalendar()[1]) for moment in automatic}
    months = {(moment.year, moment.month) for moment in automatic}
    assert len(weeks) >= 4 and len(months) == 12
    assert len(automatic) <= backups.KEEP_DAILY + backups.KEEP_WEEKLY + backups.KEEP_MONTHLY
    assert min(automatic) > NOW - dt.timedelta(days=366)
    assert len(removed) == 1000 - len(automatic)
    assert backups.rotate(folder) == []  # the policy is stable


def test_an_automatic_backup_is_due_once_a_day(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    assert backups.automatic_due(folder, NOW)
    _fake(folder, NOW - dt.timedelta(hours=3), "manual")  # a manual one does not count
    assert backups.automatic_due(folder, NOW)
    _fake(folder, NOW - dt.timedelta(hours=23))
    assert not backups.automatic_due(folder, NOW)
    assert backups.automatic_due(folder, NOW + dt.timedelta(hours=1))


def test_take_backup_copies_the_database_and_rotates(sqlite_coop: Database,
                                                     tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    old = _fake(folder, NOW - dt.timedelta(days=3, hours=1))
    same_day = _fake(folder, NOW - dt.timedelta(days=3))
    taken = backups.take_backup(sqlite_coop, folder, now=NOW)
    assert taken is not None and taken.automatic and taken.size > 0
    with closing(sqlite3.connect(taken.path)) as connection:
        assert connection.execute("SELECT count(*) FROM cooperatives").fetchone()[0] == 1
    assert not old.exists() and same_day.exists()  # the newest of that day stays


def test_back_up_now_is_for_admins_and_managers(sqlite_coop: Database, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        backups.back_up_now(sqlite_coop, actor_for(Role.CLERK), tmp_path)
    taken = backups.back_up_now(sqlite_coop, actor_for(Role.MANAGER), tmp_path)
    assert taken is not None and taken.reason == "manual"


def _members(file: Path) -> list[str]:
    with closing(sqlite3.connect(file)) as connection:
        return [row[0] for row in connection.execute("SELECT code FROM members ORDER BY code")]


def test_restore_replaces_the_database_after_keeping_it(sqlite_coop: Database,
                                                        tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    make_member(sqlite_coop, "M001")
    taken = backups.take_backup(sqlite_coop, folder)
    assert taken is not None
    make_member(sqlite_coop, "M002")
    live = Path(str(sqlite_coop.url.database))

    restored = backups.restore_backup(sqlite_coop, SYSTEM, taken.path, folder)

    assert _members(live) == ["M001"]
    assert restored.kept is not None and "before-restore" in restored.kept.name
    assert _members(restored.kept) == ["M001", "M002"]  # the database as it was
    reopened = Database.open(str(live))
    try:
        assert audit_ok(reopened)
        with reopened.read() as session:
            assert session.execute(select(Member.code)).scalars().all() == ["M001"]
    finally:
        reopened.dispose()


def _refused(db: Database, file: Path, folder: Path) -> StorageError:
    live = Path(str(db.url.database))
    before = _members(live)
    with pytest.raises(StorageError) as refused:
        backups.restore_backup(db, SYSTEM, file, folder)
    assert _members(live) == before  # nothing was replaced
    assert not any(item.reason == "before-restore" for item in backups.list_backups(folder))
    return refused.value


def test_a_backup_with_a_tampered_audit_trail_is_refused(sqlite_coop: Database,
                                                         tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    make_member(sqlite_coop, "M001", name="王小二")
    taken = backups.take_backup(sqlite_coop, folder)
    assert taken is not None
    with closing(sqlite3.connect(taken.path)) as connection, connection:
        connection.execute("UPDATE members SET name = '李四' WHERE code = 'M001'")
    error = _refused(sqlite_coop, taken.path, folder)
    assert error.code == "backup.audit_broken" and "audit trail" in str(error)


def test_a_backup_from_a_newer_program_is_refused(sqlite_coop: Database, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    taken = backups.take_backup(sqlite_coop, folder)
    assert taken is not None
    with closing(sqlite3.connect(taken.path)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    error = _refused(sqlite_coop, taken.path, folder)
    assert error.code == "storage.too_new" and "newer Coop Desktop" in str(error)


def test_files_that_are_not_backups_are_refused(sqlite_coop: Database, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    text = tmp_path / "members.csv"
    text.write_text("code,name\n")
    assert _refused(sqlite_coop, text, folder).code == "storage.not_sqlite"
    damaged = tmp_path / "damaged.sqlite"
    taken = backups.take_backup(sqlite_coop, folder)
    assert taken is not None
    data = bytearray(taken.path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page overwritten
    damaged.write_bytes(bytes(data))
    assert _refused(sqlite_coop, damaged, folder).code in ("storage.corrupt",
                                                           "storage.unreadable")
    live = Path(str(sqlite_coop.url.database))
    assert _refused(sqlite_coop, live, folder).code == "backup.is_live"
    with pytest.raises(PermissionDenied):
        backups.restore_backup(sqlite_coop, actor_for(Role.CLERK), taken.path, folder)


def test_the_pg_dump_check_finds_the_newest_dump(tmp_path: Path) -> None:
    folder = tmp_path / "dumps"
    assert not backups.pg_dump_status(folder).recent  # no folder
    folder.mkdir()
    assert backups.pg_dump_status(folder).newest is None
    old = folder / "coop-2026-11-01.dump"
    old.write_bytes(b"PGDMP")
    two_days_ago = (dt.datetime.now() - dt.timedelta(days=2)).timestamp()
    os.utime(old, (two_days_ago, two_days_ago))
    status = backups.pg_dump_status(folder)
    assert status.newest == old and not status.recent
    fresh = folder / "coop-2026-12-03.dump"
    fresh.write_bytes(b"PGDMP")
    (folder / "readme.txt").write_text("not a dump")
    status = backups.pg_dump_status(folder)
    assert status.newest == fresh and status.recent


def test_the_pg_dump_command_names_the_server_but_never_the_password(tmp_path: Path) -> None:
    url = make_url("postgresql+psycopg://coop:s3cret@db.coop.lan:5433/coop")
    command = backups.pg_dump_command(url, tmp_path / "pg dumps")
    assert command.startswith("pg_dump --format=custom --host=db.coop.lan --port=5433 "
                              "--username=coop ")
    assert command.endswith(" coop") and '"--file=' in command and "s3cret" not in command
