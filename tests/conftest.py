"""Fixtures shared by the whole suite: a temporary data folder for every test, and real
databases — an SQLite file, and in CI always a PostgreSQL server — migrated to head."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import text

from coop_desktop import paths
from coop_desktop.domain import i18n
from coop_desktop.domain.models import Base, Role
from coop_desktop.services.permissions import SYSTEM, Actor
from coop_desktop.services.setup import create_cooperative
from coop_desktop.storage.database import Database
from coop_desktop.storage.migrations import prepare
from tests.support import postgres


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data folder and English messages; nothing touches the user's."""
    folder = tmp_path / "data"
    # Qt settings (window geometry, last page, language) live in the test's folder too.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    monkeypatch.delenv(paths.DB_URL_ENV, raising=False)
    paths.set_data_dir(None)
    i18n.set_language("en")
    yield folder
    paths.set_data_dir(None)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated to head; each test gets a copy."""
    file = tmp_path_factory.mktemp("template") / "template.sqlite"
    database = Database.open(str(file))
    prepare(database, backup_dir=file.parent / "backups")
    database.dispose()
    return file


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[Database]:
    """A PostgreSQL database migrated to head once per test session."""
    server = postgres.server_url()
    if server is None:
        if postgres.require_in_ci():
            pytest.fail("CI must run the PostgreSQL tests, but no server could be started")
        pytest.skip("no PostgreSQL server here (set COOP_TEST_PG_URL or install postgresql)")
    url = postgres.create_database(server, "coop_suite")
    database = Database.open(url)
    prepare(database)
    yield database
    database.dispose()


def _empty_postgres(database: Database) -> None:
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty database at head: an SQLite file, then the same test on PostgreSQL."""
    if request.param == "sqlite":
        file = tmp_path / "coop.sqlite"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), file)
        database = Database.open(str(file))
        yield database
        database.dispose()
    else:
        database = request.getfixturevalue("postgres_database")
        _empty_postgres(database)
        yield database


def _add_cooperative(db: Database) -> Database:
    create_cooperative(db, SYSTEM, name="武威市凉州区瓜果种植专业合作社",
                       name_en="Liangzhou Melon Growers' Cooperative",
                       registration_code="93620602MA71234567", province="甘肃省",
                       county="凉州区", phone="0935-1234567",
                       trace_base_url="https://trace.example-coop.cn")
    return db


@pytest.fixture
def coop(db: Database) -> Database:
    """A database holding one cooperative, ready for records."""
    return _add_cooperative(db)


@pytest.fixture
def sqlite_coop(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    """The same on SQLite only, for what only SQLite can tell (its query plans)."""
    file = tmp_path / "coop.sqlite"
    shutil.copyfile(sqlite_template, file)
    database = Database.open(str(file))
    yield _add_cooperative(database)
    database.dispose()


@pytest.fixture
def admin() -> Actor:
    return SYSTEM


def actor_for(role: Role) -> Actor:
    return Actor(username=f"test-{role.value}", role=role)
