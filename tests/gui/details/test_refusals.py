"""A pane whose story cannot be shown says why, and shows no stale content."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details.animal_pane import AnimalPane
from coop_desktop.gui.details.lot_pane import LotPane
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database


@pytest.mark.parametrize(("pane_class", "row"), [
    (LotPane, {"id": 99_999, "code": "GONE-1"}),
    (AnimalPane, {"id": 99_999, "ear_tag": "620000999"}),
])
def test_a_record_gone_meanwhile(qtbot: QtBot, coop: Database, pane_class: type,
                                 row: dict[str, object]) -> None:
    pane = pane_class(AppContext(coop, SYSTEM))
    qtbot.addWidget(pane)
    pane.show()
    pane.show_record(row)
    assert pane.story is None
    assert pane.placeholder.isVisible()
    code = str(row.get("code") or row.get("ear_tag"))
    assert pane.heading.title.text() == code
    assert "99999" in pane.heading.alert.text() or "99,999" in pane.heading.alert.text()
