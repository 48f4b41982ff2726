"""The plot pane: certification standing and certificates, batches with their yield, sensors."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details import DETAIL_PANES
from coop_desktop.gui.details.common import NOTE_BACKGROUND
from coop_desktop.gui.details.plot_pane import PlotPane
from coop_desktop.storage.database import Database
from tests.gui.details.conftest import list_row
from tests.services.builders import days_ago
from tests.services.test_details import World


def test_certification_batches_and_sensors(qtbot: QtBot, coop: Database, world: World,
                                          context: AppContext) -> None:
    pane = DETAIL_PANES["plots"](context, None)  # type: ignore[arg-type]
    assert isinstance(pane, PlotPane)
    qtbot.addWidget(pane)
    pane.show()
    pane.show_record(list_row(coop, "plots", "code", "P001"))
    assert pane.heading.title.text() == "P001"
    assert pane.heading.subtitle.text() == "M001 户主M001 · 黄羊镇新村 · 5.5 mu · irrigated"
    assert pane.facts.value("Sensors") == "SOIL-01 东梁地墒情"
    assert pane.facts.value("In the GI area") == "no"
    assert pane.batches.column_texts(0) == ["B001"]
    assert pane.batches.cell_text(0, 5) == "140 kg"
    assert [pane.standings.cell_text(0, column) for column in range(3)] == [
        "organic", "in conversion", days_ago(200).isoformat()]
    assert pane.certificates.column_texts(0) == ["LB-18-01", "GAP-2020"]
    expired = pane.certificates.item(1, 4)
    assert expired is not None
    assert expired.background().color() == NOTE_BACKGROUND
    assert expired.toolTip() == "Not valid today"
    assert [pane.tabs.tabText(index) for index in range(2)] == ["Planting (1)",
                                                                "Certification (2)"]
