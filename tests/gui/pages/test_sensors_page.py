"""The Sensors page over a real database: sensors listed by plot, a chart per channel kind
with threshold lines, range buttons and zoom that reloads finer detail, CSV export, and — the
issue's "done when" — a greenhouse chart that fills from a simulated soil sensor on a pty once
the user types the bus port and starts polling."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from pytestqt.qtbot import QtBot

from coop_desktop.devices.simulators import ModbusBusSimulator, PtyDevice
from coop_desktop.domain.models import ChannelKind
from coop_desktop.domain.models.types import utc_now
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.devices.sensor_settings import load_bus_port
from coop_desktop.gui.main_window import MainWindow
from coop_desktop.gui.pages.sensors_page import SensorsPage
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.sensors import store_readings
from coop_desktop.storage.database import Database
from tests.services.test_sensors import channel_ids, greenhouse, soil_sensor
from tests.services.test_sensors_polling import soil_slave

MOISTURE = ChannelKind.SOIL_MOISTURE


@pytest.fixture(autouse=True)
def drained_pool() -> Iterator[None]:
    """Loads and exports run in the thread pool: none outlives its test."""
    yield
    assert QThreadPool.globalInstance().waitForDone(10_000)


def make_page(qtbot: QtBot, db: Database) -> SensorsPage:
    page = SensorsPage(AppContext(db, SYSTEM), reload_delay_ms=20, poll_timeout=0.2)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def x_steps(page: SensorsPage, kind: ChannelKind) -> list[float]:
    (curve,) = [c for (k, _), c in page.curves.items() if k == kind]
    x, _ = curve.getData()
    return [b - a for a, b in itertools.pairwise(x) if b > a]


@pytest.fixture
def month_of_minutes(coop: Database) -> dt.datetime:
    """A greenhouse with a soil sensor holding ten days of 1-minute readings up to now."""
    plot = greenhouse(coop)
    sensor = soil_sensor(coop, plot, "S-01", 1)
    now = utc_now().replace(second=0, microsecond=0)
    channels = channel_ids(coop, sensor)
    minutes = 10 * 24 * 60
    store_readings(coop, SYSTEM, channels["soil_moisture"], [
        (now - dt.timedelta(minutes=minutes - i), 20.0 + (i % 600) / 30) for i in range(minutes)])
    store_readings(coop, SYSTEM, channels["soil_temperature"], [(now, 33.5)])
    return now


def test_charts_per_channel_with_thresholds_and_zoom_that_reloads_detail(
        qtbot: QtBot, coop: Database, month_of_minutes: dt.datetime) -> None:
    page = make_page(qtbot, coop)
    qtbot.waitUntil(lambda: page.curve_points(MOISTURE) > 0, timeout=10_000)
    plot_item = page.tree.topLevelItem(0)
    assert plot_item is not None and plot_item.text(0) == "GH-01 3号日光温室"
    sensor_item = page.item_for("S-01")
    assert sensor_item is not None
    assert sensor_item.text(4) == "Past a threshold"  # 33.5 °C is above 32 °C
    assert "33.5 °C" in sensor_item.text(3)
    assert set(page.charts) == {MOISTURE, ChannelKind.SOIL_TEMPERATURE}
    assert sorted(line.value() for line in page._thresholds[MOISTURE]) == [18.0, 35.0]

    # A week of minutes (plus margins) is thinned to about two points a pixel.
    week_points = page.curve_points(MOISTURE)
    assert week_points <= 2 * 2 * page.charts[MOISTURE].width() * 2
    assert min(x_steps(page, MOISTURE)) >= 0  # ordered in time
    coarse = max(x_steps(page, MOISTURE))
    assert coarse > 5 * 60

    # Zooming to two hours reloads the series: every reading, a minute apart.
    end = utc_now().timestamp() - 3 * 86400
    with qtbot.waitSignal(page.charts_loaded, timeout=10_000):
        page.charts[MOISTURE].getPlotItem().setXRange(end - 7200, end, padding=0)
    assert not page.following and not page.range_buttons["week"].isChecked()
    steps = x_steps(page, MOISTURE)
    assert max(steps) == pytest.approx(60, abs=1) and min(steps) == pytest.approx(60, abs=1)

    with qtbot.waitSignal(page.charts_loaded, timeout=10_000):
        page.range_buttons["day"].click()
    assert page.following and page.range_key == "day"
    assert page.range_end - page.range_start == dt.timedelta(days=1)


def test_export_the_chosen_sensor_over_the_visible_range(
        qtbot: QtBot, coop: Database, month_of_minutes: dt.datetime, tmp_path: Path) -> None:
    page = make_page(qtbot, coop)
    sensor_item = page.item_for("S-01")
    assert sensor_item is not None
    page.tree.setCurrentItem(sensor_item)
    with qtbot.waitSignal(page.charts_loaded, timeout=10_000):
        page.range_buttons["day"].click()
    with qtbot.waitSignal(page.export_finished, timeout=10_000) as finished:
        page.export_to(tmp_path / "day.csv")
    path, written = finished.args
    now = month_of_minutes
    moments = [now - dt.timedelta(minutes=m) for m in range(1, 2 * 24 * 60)] + [now]
    assert written == sum(page.range_start <= at < page.range_end for at in moments)
    assert written >= 24 * 60 - 1  # a day of minutes (less one at an edge), the temperature
    with open(path, encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file))
    assert table[0][:3] == ["time (local)", "sensor", "plot"] and len(table) == written + 1


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_greenhouse_chart_fills_from_a_simulated_soil_sensor(
        qtbot: QtBot, coop: Database, tmp_path: Path) -> None:
    plot = greenhouse(coop)
    soil_sensor(coop, plot, "S-01", 1, poll_seconds=600)
    soil_sensor(coop, plot, "S-02", 2, poll_seconds=600)  # not on the bus
    with PtyDevice(ModbusBusSimulator([soil_slave(1)]), link=tmp_path / "ttyUSB-rs485") as bus:
        page = make_page(qtbot, coop)
        try:
            assert page.curve_points(MOISTURE) == 0
            page.port_combo.setEditText(bus.path)
            page.start_button.click()
            qtbot.waitUntil(lambda: page.curve_points(MOISTURE) > 0, timeout=15_000)
            qtbot.waitUntil(lambda: "S-02 at address 2 did not answer" in
                            page.status.text(), timeout=15_000)
            assert page.stop_button.isEnabled() and not page.start_button.isEnabled()
            sensor_item = page.item_for("S-01")
            assert sensor_item is not None and "23.4 %" in sensor_item.text(3)
        finally:
            assert page.stop_polling()
    assert load_bus_port(QSettings()) == str(tmp_path / "ttyUSB-rs485")
    assert page.start_button.isEnabled() and not page.poll_now_button.isEnabled()


def test_the_main_window_shows_the_sensors_page(qtbot: QtBot, coop: Database) -> None:
    window = MainWindow(AppContext(coop, SYSTEM))
    qtbot.addWidget(window)
    assert isinstance(window.show_page("sensors"), SensorsPage)
