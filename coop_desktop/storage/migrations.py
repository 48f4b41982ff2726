"""Bring a database to the schema this program expects, safely.

Order at start: check the file is an SQLite database (or reach the server), refuse a foreign
database and one written by a newer program, back up an SQLite file that needs upgrading, upgrade.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.exc import DatabaseError, OperationalError

from coop_desktop import paths
from coop_desktop.domain.errors import StorageError
from coop_desktop.domain.models import Base
from coop_desktop.storage.backup import backup_sqlite
from coop_desktop.storage.database import Database
from coop_desktop.storage.engine import sqlite_file

log = logging.getLogger(__name__)
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class SchemaState:
    current: str | None  # None: an empty database
    head: str
    known: bool  # the current revision is one this program knows

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("the program ships no migrations")
    return head


def check_sqlite_file(database: Database) -> None:
    """Look at an SQLite file read-only before our engine touches it (connecting switches a
    file to WAL): refuse a file that is not SQLite, a damaged one, and another program's."""
    file = sqlite_file(database.url)
    if file is None or not file.exists() or file.stat().st_size == 0:
        return
    with file.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StorageError("storage.not_sqlite", path=str(file))
    try:
        with closing(sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)) as raw:
            status = raw.execute("PRAGMA quick_check").fetchone()[0]
            tables = {row[0] for row in raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        raise StorageError("storage.corrupt", path=str(file), detail=str(error)) from error
    if status != "ok":
        raise StorageError("storage.corrupt", path=str(file), detail=str(status))
    if tables and "alembic_version" not in tables:
        key = "storage.unversioned" if tables & set(Base.metadata.tables) else "storage.foreign"
        raise StorageError(key, target=str(file))


def schema_state(database: Database) -> SchemaState:
    check_sqlite_file(database)
    script = ScriptDirectory.from_config(alembic_config())
    head = head_revision()
    try:
        with database.engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            current = MigrationContext.configure(connection).get_current_revision()
    except (DatabaseError, OperationalError) as error:
        raise StorageError("storage.unreadable", target=database.describe(),
                           detail=str(error.orig)) from error
    ours = set(Base.metadata.tables)
    if current is None and tables - {"alembic_version"}:
        if tables & ours:
            raise StorageError("storage.unversioned", target=database.describe())
        raise StorageError("storage.foreign", target=database.describe())
    try:
        known = current is None or script.get_revision(current) is not None
    except Exception:  # alembic raises several kinds for an unknown revision
        known = False
    return SchemaState(current=current, head=head, known=known)


def prepare(database: Database, backup_dir: Path | None = None) -> SchemaState:
    """Check, back up if needed and upgrade; returns the state before the upgrade."""
    state = schema_state(database)
    if not state.known:
        raise StorageError("storage.too_new", target=database.describe(),
                           revision=state.current, head=state.head)
    if state.up_to_date:
        return state
    file = sqlite_file(database.url)
    if file is not None and state.current is not None:
        target = backup_sqlite(file, backup_dir or paths.backups_dir(),
                               reason=f"before-upgrade-from-{state.current}")
        log.info("backed up %s to %s before upgrading", file, target)
    upgrade(database)
    return state


def upgrade(database: Database, revision: str = "head") -> None:
    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
