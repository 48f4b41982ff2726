"""Charts: the pyqtgraph helpers (font, date axis, stacked and horizontal bars) and the home
page's charts on a real database. Qt warnings fail these tests, so drawing them proves
pyqtgraph draws without one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coop_desktop.gui import translation
from coop_desktop.gui.charts import (
    DayAxis,
    bar_chart,
    bar_values,
    legend_html,
    plot_widget,
    short_number,
    timestamp,
)
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.pages.home_charts import HomeCharts
from coop_desktop.services.deliveries import record_delivery
from coop_desktop.services.details import harvest_by_week
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.services.builders import TODAY
from tests.services.test_details import build_world


def shown(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(700, 360)
    widget.show()
    qtbot.waitExposed(widget)
    pixmap = widget.grab()
    assert not pixmap.isNull()
    del pixmap


def test_a_date_chart_uses_our_font_and_reads_dates(qtbot: QtBot) -> None:
    widget = plot_widget(dates=True)
    axis = widget.getPlotItem().getAxis("bottom")
    assert isinstance(axis, DayAxis)
    assert axis.style["tickFont"].family() == QApplication.font().family()
    days = [dt.date(2026, 8, 1), dt.date(2026, 9, 15)]
    widget.plot([timestamp(day) for day in days], [30.0, 38.5])
    shown(qtbot, widget)
    values = [timestamp(day) for day in days]
    assert axis.tickStrings(values, 1.0, 86_400) == ["08-01", "09-15"]
    assert axis.tickStrings(values, 1.0, 30 * 86_400) == ["2026-08", "2026-09"]
    assert axis.tickStrings(values, 1.0, 365 * 86_400) == ["2026", "2026"]
    x, y = widget.getPlotItem().listDataItems()[0].getData()
    assert list(y) == [30.0, 38.5]
    assert dt.datetime.fromtimestamp(x[0]).date() == days[0]


def test_stacked_bars(qtbot: QtBot) -> None:
    widget = plot_widget()
    bars = bar_chart(widget, ["W1", "W2", "W3"], [("蜜瓜", [10, 0, Decimal("2.5")]),
                                                   ("番茄", [1, 2, 3])])
    shown(qtbot, widget)
    assert [bar_values(bar) for bar in bars] == [[10.0, 0.0, 2.5], [1.0, 2.0, 3.0]]
    assert list(bars[1].opts["y0"]) == [10.0, 0.0, 2.5]  # stacked on the first
    ticks = widget.getPlotItem().getAxis("bottom")._tickLevels
    assert ticks == [[(0, "W1"), (1, "W2"), (2, "W3")]]
    # Drawn again, the chart holds only the new bars.
    again = bar_chart(widget, ["W1"], [("蜜瓜", [4])])
    assert [item for item in widget.getPlotItem().items if hasattr(item, "opts")] == again
    with pytest.raises(ValueError, match="2 values for 1 bars"):
        bar_chart(widget, ["W1"], [("蜜瓜", [1, 2])])


def test_horizontal_bars_name_every_category(qtbot: QtBot) -> None:
    widget = plot_widget()
    names = ["蜜瓜", "枸杞干果", "牦牛肉"]
    bars = bar_chart(widget, names, [("库存", [23419, 8795, 125.6])], horizontal=True)
    shown(qtbot, widget)
    assert bar_values(bars[0]) == [23419.0, 8795.0, 125.6]
    axis = widget.getPlotItem().getAxis("left")
    assert axis._tickLevels == [[(0, "蜜瓜"), (1, "枸杞干果"), (2, "牦牛肉")]]
    # Wide enough for the longest name: pyqtgraph leaves out a tick text that does not fit.
    assert axis.width() > QFontMetrics(axis.style["tickFont"]).horizontalAdvance("枸杞干果")


def test_small_text_helpers() -> None:
    assert short_number(Decimal("23419.000")) == "23,419"
    assert short_number(Decimal("24.500")) == "24.5"
    assert short_number(3) == "3"
    html = legend_html(["蜜瓜", "A<B"])
    assert "蜜瓜" in html and "A&lt;B" in html and "#0072b2" in html


@pytest.fixture
def english() -> Iterator[None]:
    """The English catalogue: its plural forms make "1 lot" and "3 lots"."""
    app = QApplication.instance()
    assert app is not None
    translation.install_translations(app, "en")
    yield
    translation.remove_translations(app)


@pytest.mark.usefixtures("english")
def test_home_charts_show_harvests_by_week_and_stock(qtbot: QtBot, coop: Database) -> None:
    world = build_world(coop)
    charts = HomeCharts(AppContext(coop, SYSTEM))
    shown(qtbot, charts)
    weeks = harvest_by_week(coop, SYSTEM)
    assert len(charts.harvest_bars) == 1  # one product
    assert bar_values(charts.harvest_bars[0]) == [float(value) for value in weeks.totals()]
    assert sum(bar_values(charts.harvest_bars[0])) == 194.5
    assert charts.harvest_note.text() == "194.5 kg in the last 12 weeks; this week is the last bar."
    assert "白兰瓜" in charts.harvest_legend.text()
    assert [bar_values(bar) for bar in charts.stock_bars] == [[85.0, 23.5]]
    assert charts.stock_chart.getPlotItem().getAxis("left")._tickLevels == [
        [(0, "白兰瓜"), (1, "滩羊肉")]]
    assert [label.toPlainText() for label in charts.stock_labels] == ["85 kg", "23.5 kg"]
    assert charts.stock_note.text() == "白兰瓜: 85 kg in 3 lots; 滩羊肉: 23.5 kg in 1 lot"

    # A delivery today shows in this week's bar after a refresh.
    record_delivery(coop, SYSTEM, code="JS9", member_id=world.member, product_id=world.melon,
                    delivered_on=TODAY, quantity="5.5")
    charts.refresh()
    assert bar_values(charts.harvest_bars[0])[-1] == float(weeks.totals()[-1]) + 5.5


def test_home_charts_on_an_empty_cooperative(qtbot: QtBot, coop: Database) -> None:
    charts = HomeCharts(AppContext(coop, SYSTEM))
    shown(qtbot, charts)
    assert bar_values(charts.harvest_bars[0]) == [0.0] * 12
    assert charts.stock_note.text() == "No open or released lot has anything left."
    assert charts.harvest_legend.text() == ""
