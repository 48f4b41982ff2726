"""The animal pane: the event timeline, the weight chart with its average daily gain, and the
running withdrawal period."""

from __future__ import annotations

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from coop_desktop.gui.charts import timestamp
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details import DETAIL_PANES
from coop_desktop.gui.details.animal_pane import AnimalPane
from coop_desktop.gui.details.common import WARNING_BACKGROUND
from coop_desktop.storage.database import Database
from tests.gui.details.conftest import list_row
from tests.services.builders import days_ago
from tests.services.test_details import World


def animal_pane(qtbot: QtBot, context: AppContext) -> AnimalPane:
    pane = DETAIL_PANES["animals"](context, None)  # type: ignore[arg-type]
    assert isinstance(pane, AnimalPane)
    qtbot.addWidget(pane)
    pane.resize(620, 820)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def test_weights_daily_gain_and_timeline(qtbot: QtBot, coop: Database, world: World,
                                         context: AppContext) -> None:
    pane = animal_pane(qtbot, context)
    pane.show_record(list_row(coop, "animals", "ear_tag", "620602-00017"))
    assert pane.heading.title.text() == "620602-00017 · sheep 滩羊 female"

    curves = pane.chart.getPlotItem().listDataItems()
    assert len(curves) == 1
    xs, ys = curves[0].getData()
    assert list(xs) == [timestamp(days_ago(days)) for days in (100, 50, 10)]
    assert list(ys) == [30.0, 38.5, 45.2]
    # (45.2 - 30.0) / 90 = 0.169 overall; (45.2 - 38.5) / 40 = 0.1675 -> 0.168 lately.
    assert pane.gain.text() == ("Average daily gain: 0.169 kg/day overall, 0.168 kg/day since "
                                "the previous weighing")

    timeline = pane.timeline
    assert timeline.column_texts(0) == [days_ago(days).isoformat()
                                        for days in (300, 100, 60, 50, 10, 5)]
    assert timeline.column_texts(1) == ["birth", "weighing", "vaccination", "weighing",
                                        "weighing", "treatment"]
    assert timeline.cell_text(1, 3) == "30 kg"
    assert timeline.cell_text(5, 3) == "伊维菌素注射液; 2 mL; lot VET-88"
    ends = timeline.item(5, 2)
    assert ends is not None
    assert ends.text() == f"{days_ago(-23).isoformat()} (28 days)"
    assert ends.background().color() == QColor(WARNING_BACKGROUND)
    assert pane.heading.alert.isVisible()
    assert days_ago(-23).isoformat() in pane.heading.alert.text()
    assert "伊维菌素注射液" in pane.heading.alert.text()


def test_an_animal_without_weighings(qtbot: QtBot, coop: Database, world: World,
                                     context: AppContext) -> None:
    pane = animal_pane(qtbot, context)
    pane.show_record(list_row(coop, "animals", "ear_tag", "620602-00017"))
    pane.show_record(list_row(coop, "animals", "ear_tag", "620602-00018"))
    assert pane.chart.getPlotItem().listDataItems() == []  # the last animal's curve is gone
    assert pane.gain.text() == "No weighings yet"
    assert pane.timeline.column_texts(1) == ["slaughter"]
    assert not pane.heading.alert.isVisible()
    pixmap = pane.grab()  # the empty chart draws without a warning
    assert not pixmap.isNull()
    del pixmap
