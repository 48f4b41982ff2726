"""What the dialog tests share: the office clerk's context on a cooperative database."""

from __future__ import annotations

import pytest

from coop_desktop.domain.models import Role
from coop_desktop.gui.context import AppContext
from coop_desktop.services.permissions import Actor
from coop_desktop.storage.database import Database


@pytest.fixture
def clerk(coop: Database) -> AppContext:
    return AppContext(coop, Actor("clerk", Role.CLERK))
