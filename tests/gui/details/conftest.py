"""A small cooperative whose stories the panes show (see ``tests/services/test_details.py``),
and the list rows the panes receive, as the record lists give them."""

from __future__ import annotations

from typing import Any

import pytest

from coop_desktop.gui import details
from coop_desktop.gui.context import AppContext
from coop_desktop.services.listing import list_records
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.services.test_details import World, build_world


@pytest.fixture
def world(coop: Database) -> World:
    details.load_all()
    return build_world(coop)


@pytest.fixture
def context(coop: Database) -> AppContext:
    return AppContext(coop, SYSTEM)


def list_row(db: Database, kind: str, field: str, value: str) -> dict[str, Any]:
    """The row a record list holds for the record whose ``field`` is ``value``."""
    rows = [row for row in list_records(db, SYSTEM, kind, search=value, limit=50)
            if row[field] == value]
    assert len(rows) == 1, rows
    return rows[0]
