"""Revision 0003 (certification records and payouts) upgrades a database of the previous
release that holds data, keeps every row, and downgrades cleanly back to 0002.

``tests/data/migrations/demo-0002.sqlite.gz`` is a demo cooperative (10 households, seed 7,
dated 2026-08-20) written by the program at revision 0002 (commit b602acd), with its sensor
readings cut to 300 to keep the file small.
"""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from coop_desktop.domain.models import Base
from coop_desktop.services.audit import verify_audit
from coop_desktop.services.payouts import payout_statement, record_payouts
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from coop_desktop.storage.migrations import alembic_config, prepare, schema_state, upgrade

FIXTURE = Path(__file__).parent.parent / "data" / "migrations" / "demo-0002.sqlite.gz"
NEW_TABLES = {"internal_inspections", "inspection_findings", "training_sessions",
              "training_attendees", "certified_quantities", "organic_codes", "charge_rules",
              "payouts", "payout_lines"}


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    file = tmp_path / "season-2026.sqlite"
    file.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    return file


def _tables(file: Path) -> dict[str, int]:
    with sqlite3.connect(file) as connection:
        names = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                for name in names}


def _schema(file: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(file) as connection:
        return {(row[0], row[1]) for row in connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")}


def _downgrade(database: Database, revision: str) -> None:
    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_a_0002_demo_database_upgrades_with_its_data(old_file: Path, tmp_path: Path) -> None:
    before = _tables(old_file)
    assert before["members"] == 10 and before["member_deliveries"] > 0
    assert not NEW_TABLES & set(before)

    database = Database.open(str(old_file))
    state = prepare(database, backup_dir=tmp_path / "backups")
    assert state.current == "0002" and schema_state(database).up_to_date
    assert any("before-upgrade-from-0002" in item.name
               for item in (tmp_path / "backups").iterdir())
    after = _tables(old_file)
    assert {name: after[name] for name in before} == before
    assert {name: after[name] for name in NEW_TABLES} == dict.fromkeys(NEW_TABLES, 0)
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(
            connection, opts={"compare_type": True}), Base.metadata)
    # Other revisions have their own test; these tables must match their models exactly.
    assert [item for item in differences
            if any(name in repr(item) for name in NEW_TABLES)] == []

    # The upgraded records serve the new services: the demo's deliveries become payouts.
    statement = payout_statement(database, SYSTEM, 2026)
    assert statement.members and statement.net > 0
    assert len(record_payouts(database, SYSTEM, 2026)) == len(statement.members)
    with database.read() as session:
        report = verify_audit(session)
    assert report.ok, [problem.description for problem in report.problems]
    database.dispose()


def test_downgrade_to_0002_removes_only_the_new_tables(old_file: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh-0002.sqlite"
    reference = Database.open(str(fresh))
    upgrade(reference, "0002")
    reference.dispose()
    before = _tables(old_file)

    database = Database.open(str(old_file))
    upgrade(database, "0003")
    paid = record_payouts(database, SYSTEM, 2026)  # the new tables hold rows when dropped
    _downgrade(database, "0002")
    assert schema_state(database).current == "0002"
    database.dispose()
    # The audit trail is append-only: it keeps the entries of the payouts, and only those.
    after = _tables(old_file)
    assert after.pop("audit_entries") == before.pop("audit_entries") + len(paid)
    assert after == before
    assert _schema(old_file) == _schema(fresh)

    # And up again.
    database = Database.open(str(old_file))
    upgrade(database, "0003")
    assert set(_tables(old_file)) >= NEW_TABLES
    database.dispose()
