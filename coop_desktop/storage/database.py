"""The database handle a program run holds: the engine and its two kinds of session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from coop_desktop.storage.engine import SQLITE_BEGIN_OPTION, is_sqlite, make_engine, resolve_url


class Database:
    """Sessions for reading and for writing. Each user action opens one and closes it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        writer = engine
        if is_sqlite(engine):
            writer = engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        self._read_sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(writer, expire_on_commit=False)

    @classmethod
    def open(cls, url: URL | str | None = None) -> Database:
        resolved = url if isinstance(url, URL) else resolve_url(url)
        return cls(make_engine(resolved))

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine)

    def describe(self) -> str:
        """The URL as a person may see it: no password."""
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read_sessions() as session:
            yield session
            session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises."""
        with self._write_sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
