"""The planting batch pane: the field record with PHI ends highlighted while they run,
harvests and the lots made of them."""

from __future__ import annotations

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details import DETAIL_PANES
from coop_desktop.gui.details.batch_pane import PHI_ENDS_COLUMN, BatchPane
from coop_desktop.gui.details.common import WARNING_BACKGROUND
from coop_desktop.storage.database import Database
from tests.gui.details.conftest import list_row
from tests.services.builders import days_ago
from tests.services.test_details import World


def test_field_record_harvests_and_lots(qtbot: QtBot, coop: Database, world: World,
                                       context: AppContext) -> None:
    pane = DETAIL_PANES["batches"](context, None)  # type: ignore[arg-type]
    assert isinstance(pane, BatchPane)
    qtbot.addWidget(pane)
    pane.show()
    pane.show_record(list_row(coop, "batches", "code", "B001"))
    assert pane.heading.title.text() == "B001 · 白兰瓜"
    allowed = days_ago(-11).isoformat()
    assert pane.heading.alert.text() == (
        f"Inside a pre-harvest interval: no harvest before {allowed}.")
    assert pane.facts.value("Harvest allowed") == allowed
    assert pane.facts.value("Area") == "5.5 mu"

    table = pane.activities
    assert table.header_texts()[PHI_ENDS_COLUMN] == "PHI ends"
    assert table.column_texts(1) == ["tillage", "plant protection", "plant protection"]
    assert table.column_texts(2) == ["", "吡虫啉", "戊唑醇"]
    assert table.column_texts(5) == ["", "0.3 L", "20 mL"]
    assert table.column_texts(4) == ["", "7", "21"]
    assert table.column_texts(PHI_ENDS_COLUMN) == ["", days_ago(33).isoformat(), allowed]
    over, running = table.item(1, PHI_ENDS_COLUMN), table.item(2, PHI_ENDS_COLUMN)
    assert over is not None and running is not None
    assert running.background().color() == QColor(WARNING_BACKGROUND)
    assert over.background().color() != QColor(WARNING_BACKGROUND)
    assert running.font().bold() and not over.font().bold()
    assert table.column_texts(6) == ["", "PX-2301", "TB-77"]

    assert pane.harvests.column_texts(1) == ["harvest", "delivery JS1"]
    assert pane.harvests.column_texts(2) == ["100 kg", "40 kg"]
    assert pane.lots.column_texts(0) == ["LA", "LD"]
    assert pane.lots.column_texts(2) == ["100 kg", "40 kg"]
    assert [pane.tabs.tabText(index) for index in range(2)] == ["Field record (3)",
                                                                "Harvests (2)"]


def test_a_batch_with_no_phi_running(qtbot: QtBot, coop: Database, world: World,
                                     context: AppContext) -> None:
    pane = BatchPane(context)
    qtbot.addWidget(pane)
    pane.show()
    pane.show_record(list_row(coop, "batches", "code", "B002"))
    assert not pane.heading.alert.isVisible()
    assert pane.facts.value("Harvest allowed") == "any day (no input with a PHI)"
    assert pane.lots.column_texts(0) == ["LH", "LO"]
