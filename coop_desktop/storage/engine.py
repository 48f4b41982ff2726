"""The engine factory. Every dialect quirk lives here and nowhere else.

SQLite: foreign keys on for every connection, WAL, a busy timeout, and transactions we begin
ourselves so that a writing unit of work takes the write lock at its start (``BEGIN IMMEDIATE``)
instead of failing half-way when another process writes. PostgreSQL: plain URLs get psycopg 3.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from coop_desktop import paths

SQLITE_BUSY_TIMEOUT_MS = 30_000
#: Execution option naming how a SQLite transaction begins: "DEFERRED" or "IMMEDIATE".
SQLITE_BEGIN_OPTION = "coop_sqlite_begin"


def resolve_url(explicit: str | None = None) -> URL:
    """The database to use: ``--db``, else ``COOP_DESKTOP_DB``, else the default SQLite file.

    A bare file path is taken as an SQLite file.
    """
    raw = explicit or os.environ.get(paths.DB_URL_ENV) or str(paths.default_database_file())
    if "://" not in raw:
        return URL.create("sqlite+pysqlite", database=str(Path(raw).expanduser().resolve()))
    url = make_url(raw)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    elif url.drivername == "sqlite":
        url = url.set(drivername="sqlite+pysqlite")
    return url


def is_sqlite(url: URL | Engine) -> bool:
    dialect = url.dialect.name if isinstance(url, Engine) else url.get_backend_name()
    return dialect == "sqlite"


def sqlite_file(url: URL) -> Path | None:
    """The file behind an SQLite URL, or None for an in-memory database."""
    if not is_sqlite(url) or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def make_engine(url: URL | str, **kwargs: Any) -> Engine:
    url = resolve_url(url) if isinstance(url, str) else url
    if is_sqlite(url):
        return _make_sqlite_engine(url, **kwargs)
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _make_sqlite_engine(url: URL, **kwargs: Any) -> Engine:
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
    # The driver must not open transactions on its own; the "begin" hook below does.
    connect_args["isolation_level"] = None
    if sqlite_file(url) is None:
        kwargs.setdefault("poolclass", NullPool)  # in-memory: nothing to share between uses
    # A file database keeps its pooled connections open: opening one per unit of work would
    # make every close checkpoint the WAL (about 4 ms an action).
    engine = create_engine(url, connect_args=connect_args, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if sqlite_file(url) is not None:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine
