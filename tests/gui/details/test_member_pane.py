"""The member pane: plots with certification standing, animals, deliveries with what they
came to, payouts per year; and none of the household's personal data."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QAbstractItemView, QLabel
from pytestqt.qtbot import QtBot

from coop_desktop.gui.charts import bar_values
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details import DETAIL_PANES
from coop_desktop.gui.details.common import RecordTable
from coop_desktop.gui.details.member_pane import MemberPane
from coop_desktop.storage.database import Database
from tests.gui.details.conftest import list_row
from tests.services.builders import days_ago
from tests.services.test_details import World


def member_pane(qtbot: QtBot, context: AppContext) -> MemberPane:
    pane = DETAIL_PANES["members"](context, None)  # type: ignore[arg-type]
    assert isinstance(pane, MemberPane)
    qtbot.addWidget(pane)
    pane.resize(640, 760)
    pane.show()
    return pane


def test_plots_animals_deliveries_and_payouts(qtbot: QtBot, coop: Database, world: World,
                                              context: AppContext) -> None:
    pane = member_pane(qtbot, context)
    pane.show_record(list_row(coop, "members", "code", "M001"))
    assert pane.heading.title.text() == "M001 · 户主M001"
    assert "8.75 mu in 2 plots" in pane.heading.subtitle.text()
    assert pane.plots.column_texts(0) == ["P001", "P002"]
    assert pane.plots.column_texts(3) == ["5.5", "3.25"]
    assert pane.plots.column_texts(4) == ["irrigated", "sunlight greenhouse"]
    assert pane.plots.cell_text(0, 5) == (
        f"organic: in conversion since {days_ago(200).isoformat()}")
    assert pane.animals.column_texts(0) == ["620602-00017", "620602-00018"]
    assert pane.deliveries.column_texts(0) == ["JS3", "JS2", "JS1", "JS0"]
    assert pane.deliveries.column_texts(5) == ["no price yet", "49.75", "254.00", "420.00"]
    assert pane.deliveries.column_texts(7) == ["", "", "B001", ""]

    story = pane.story
    assert story is not None
    years = [payout.year for payout in reversed(story.payouts)]
    assert pane.payouts.column_texts(0) == [str(year) for year in years]
    by_year: dict[int, Decimal] = {}
    for on, amount in ((3, "49.75"), (18, "254.00"), (400, "420.00")):
        year = days_ago(on).year
        by_year[year] = by_year.get(year, Decimal(0)) + Decimal(amount)
    assert pane.payouts.column_texts(2) == [f"{by_year.get(year, Decimal(0)):,.2f}"
                                            for year in years]
    bars = pane.payout_chart.getPlotItem().items
    values = [bar_values(item) for item in bars if hasattr(item, "opts")]
    assert values == [[float(by_year.get(year, 0)) for year in sorted(years)]]
    assert [pane.tabs.tabText(index) for index in range(4)] == [
        "Plots (2)", "Animals (2)", "Deliveries (4)", "Payouts"]


def test_no_personal_data_is_shown(qtbot: QtBot, coop: Database, world: World,
                                   context: AppContext) -> None:
    pane = member_pane(qtbot, context)
    pane.show_record(list_row(coop, "members", "code", "M001"))
    shown = [label.text() for label in pane.findChildren(QLabel)]
    for table in pane.findChildren(RecordTable):
        assert isinstance(table, QAbstractItemView)
        shown += [table.cell_text(row, column) for row in range(table.rowCount())
                  for column in range(table.columnCount())]
    text = "\n".join(shown)
    for private in ("11010519491231002X", "13800138000", "registered", "建档立卡"):
        assert private not in text
