"""Migrations: empty to head, models and migrations agree, refusals that leave files alone."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from coop_desktop.domain.errors import StorageError
from coop_desktop.domain.models import Base
from coop_desktop.storage.database import Database
from coop_desktop.storage.migrations import head_revision, prepare, schema_state, upgrade


def _digest(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def test_empty_sqlite_file_migrates_to_head(tmp_path: Path) -> None:
    database = Database.open(str(tmp_path / "new.sqlite"))
    before = prepare(database, backup_dir=tmp_path / "backups")
    assert before.current is None
    state = schema_state(database)
    assert state.current == head_revision() and state.up_to_date
    with database.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert set(Base.metadata.tables) <= tables
    # An empty database needs no backup.
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())
    database.dispose()


def test_models_and_migrations_agree(db: Database) -> None:
    """The migrated schema equals the models' metadata on SQLite and PostgreSQL."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_foreign_keys_enforced(db: Database) -> None:
    with pytest.raises(Exception, match=r"(?i)foreign key"), db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO plots (member_id, code, name, village, area_mu, land_type, in_gi_area,"
            " version, created_at) VALUES (999, 'X', '', '', 100, 'dryland', false, 1,"
            " '2026-01-01 00:00:00')"))


def test_database_newer_than_program_is_refused_untouched(tmp_path: Path) -> None:
    file = tmp_path / "newer.sqlite"
    database = Database.open(str(file))
    prepare(database, backup_dir=tmp_path / "backups")
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    database.dispose()
    digest = _digest(file)
    with pytest.raises(StorageError) as caught:
        prepare(Database.open(str(file)), backup_dir=tmp_path / "backups")
    assert caught.value.code == "storage.too_new"
    assert "newer Coop Desktop" in str(caught.value) and "9999_future" in str(caught.value)
    assert _digest(file) == digest


def test_unknown_older_revision_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "old.sqlite"
    database = Database.open(str(file))
    prepare(database, backup_dir=tmp_path / "backups")
    # Pretend the file is at an older revision: drop a table the head creates, mark it as base.
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM alembic_version"))
        connection.execute(text("INSERT INTO alembic_version VALUES ('0000_base')"))
    database.dispose()
    # An unknown older revision is refused like a newer one: the program never guesses.
    with pytest.raises(StorageError):
        prepare(Database.open(str(file)), backup_dir=tmp_path / "backups")


def test_database_of_the_first_release_is_backed_up_and_upgraded(tmp_path: Path) -> None:
    """A file at revision 0001 with records in it: prepare() copies it, then upgrades it, and
    the records are still there."""
    file = tmp_path / "season-2026.sqlite"
    database = Database.open(str(file))
    upgrade(database, "0001")
    with database.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO cooperatives (name, province, county, address, phone, trace_base_url,"
            " commitment_text, version, created_at) VALUES ('凉州区合作社', '', '', '', '', '',"
            " '', 1, '2026-01-01 00:00:00')"))
    before = prepare(database, backup_dir=tmp_path / "backups")
    assert before.current == "0001" and schema_state(database).current == head_revision()
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT name FROM cooperatives")).scalar_one() == (
            "凉州区合作社")
        indexes = {row[1] for row in connection.exec_driver_sql("PRAGMA index_list(packages)")}
    assert "ix_packages_printed_at" in indexes
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1 and "before-upgrade-from-0001" in backups[0].name
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert copy.execute("SELECT count(*) FROM cooperatives").fetchone() == (1,)
    database.dispose()


@pytest.mark.parametrize("content", [b"", b"hello, this is a spreadsheet" * 10,
                                     b"PK\x03\x04" + b"\x00" * 200])
def test_non_sqlite_file_is_refused_and_never_overwritten(tmp_path: Path, content: bytes) -> None:
    file = tmp_path / "notes.sqlite"
    file.write_bytes(content)
    if not content:
        # An empty file is a new database: that is allowed.
        prepare(Database.open(str(file)), backup_dir=tmp_path / "b")
        return
    with pytest.raises(StorageError) as caught:
        prepare(Database.open(str(file)), backup_dir=tmp_path / "b")
    assert caught.value.code == "storage.not_sqlite"
    assert "not an SQLite database" in str(caught.value)
    assert file.read_bytes() == content


def test_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    file = tmp_path / "other.sqlite"
    with sqlite3.connect(file) as other:
        other.execute("CREATE TABLE songs (title TEXT)")
        other.execute("INSERT INTO songs VALUES ('凉州词')")
    digest = _digest(file)
    with pytest.raises(StorageError) as caught:
        prepare(Database.open(str(file)), backup_dir=tmp_path / "b")
    assert caught.value.code == "storage.foreign"
    assert _digest(file) == digest
    assert not Path(str(file) + "-wal").exists()


def test_corrupt_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    file = tmp_path / "broken.sqlite"
    database = Database.open(str(file))
    prepare(database, backup_dir=tmp_path / "b")
    database.dispose()
    with sqlite3.connect(file) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
    data = bytearray(file.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 6)):
        data[offset] = 0xA5
    file.write_bytes(bytes(data))
    digest = _digest(file)
    with pytest.raises(StorageError) as caught:
        prepare(Database.open(str(file)), backup_dir=tmp_path / "b")
    assert caught.value.code in ("storage.corrupt", "storage.foreign")
    assert _digest(file) == digest
