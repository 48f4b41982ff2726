"""The shipment pane: the customer, the lines with their amounts, and the cold chain — the
logger's temperatures on a time axis with the 0–8 °C band, excursions shaded and listed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from coop_desktop.gui import details
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details import DETAIL_PANES
from coop_desktop.gui.details.common import WARNING_BACKGROUND
from coop_desktop.gui.details.shipment_pane import (
    ShipmentPane,
    duration_text,
    excursion_text,
    span_text,
)
from coop_desktop.services.cold_chain import Excursion
from coop_desktop.services.listing import list_records
from coop_desktop.services.lots import release_lot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.sales import LineInput, record_shipment, register_customer
from coop_desktop.storage.database import Database
from tests.gui.details.conftest import list_row
from tests.services.builders import days_ago, harvested_lot, passing_test
from tests.services.test_shipment_story import CELSIUS, START, chilled_shipment, readings


def shipment_pane(qtbot: QtBot, context: AppContext) -> ShipmentPane:
    details.load_all()
    pane = DETAIL_PANES["shipments"](context, None)  # type: ignore[arg-type]
    assert isinstance(pane, ShipmentPane)
    qtbot.addWidget(pane)
    pane.resize(640, 900)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def local(moment: dt.datetime, pattern: str = "%Y-%m-%d %H:%M") -> str:
    return moment.astimezone().strftime(pattern)


def test_lines_customer_and_the_temperature_chart(qtbot: QtBot, coop: Database,
                                                  context: AppContext) -> None:
    chilled_shipment(coop)
    pane = shipment_pane(qtbot, context)
    pane.show_record(list_row(coop, "shipments", "code", "FH-0815"))

    assert pane.heading.title.text() == "FH-0815 · 兰州华联生鲜超市（西固店）"
    assert pane.heading.subtitle.text() == f"{days_ago(3).isoformat()} · 甘H·C2345 · 李师傅"
    assert pane.heading.alert.text() == (
        f"Cold chain broken: {pane.tr('%n time(s)', '', 2)} outside 0–8 °C, the first too "
        "warm for 10 min, peak 10.4 °C.")
    assert pane.facts.value("Customer") == "兰州华联生鲜超市（西固店） (supermarket)"
    assert pane.facts.value("Contact") == "王经理 0931-7654321"
    assert pane.facts.value("Amount") == "5,796.32 " + pane.tr(
        "(%n line(s) without a price)", "", 1)

    lines = pane.lines
    assert lines.column_texts(0) == ["YK2608", "YK2608"]
    assert lines.column_texts(2) == ["85.24 kg", "4.85 kg"]
    assert lines.column_texts(3) == ["68.00", ""]
    assert lines.column_texts(4) == ["5,796.32", ""]
    assert lines.column_texts(5) == ["", "1"]
    assert not lines.isColumnHidden(5)

    chart = pane.temperatures
    assert chart.curve is not None and chart.outside is not None
    xs, ys = chart.curve.getData()
    assert list(xs) == [moment.timestamp() for moment, _ in readings()]
    assert list(ys) == CELSIUS
    out_x, out_y = chart.outside.getData()
    assert list(out_y) == [9.1, 10.4, -0.5]
    assert list(out_x) == [(START + dt.timedelta(minutes=minutes)).timestamp()
                           for minutes in (70, 80, 110)]
    assert chart.band is not None and chart.band.getRegion() == (0.0, 8.0)
    assert [region.getRegion() for region in chart.regions] == [
        ((START + dt.timedelta(minutes=70)).timestamp(),
         (START + dt.timedelta(minutes=80)).timestamp()),
        ((START + dt.timedelta(minutes=110)).timestamp(),) * 2]

    first, last = START, START + dt.timedelta(minutes=120)
    assert pane.cold_title.text() == (
        f"Cold chain: 13 readings, {local(first)}–{local(last, '%H:%M')}, from -0.5 °C to "
        "10.4 °C. Outside 0–8 °C:")
    excursions = pane.excursions
    assert excursions.column_texts(0) == [
        f"{local(START + dt.timedelta(minutes=70))}–"
        f"{local(START + dt.timedelta(minutes=80), '%H:%M')}",
        local(START + dt.timedelta(minutes=110))]
    assert excursions.column_texts(1) == ["too warm for 10 min, peak 10.4 °C",
                                          "too cold at one reading, -0.5 °C"]
    cell = excursions.item(0, 1)
    assert cell is not None and cell.background().color() == QColor(WARNING_BACKGROUND)
    assert pane.no_readings.isHidden()
    pixmap = pane.grab()  # the chart draws without a Qt warning
    assert not pixmap.isNull()
    del pixmap


def test_a_shipment_without_a_logger(qtbot: QtBot, coop: Database,
                                     context: AppContext) -> None:
    chilled_shipment(coop)
    melon = list_records(coop, SYSTEM, "products")[0]["id"]
    _, lot_id = harvested_lot(coop, "HM9", "30", product_id=melon, batch="B9", plot="P9",
                              member="M9")
    passing_test(coop, lot_id, "Q-HM9")
    release_lot(coop, SYSTEM, lot_id)
    shop = register_customer(coop, SYSTEM, code="C-NET", name="鲜果网店", kind="online_shop")
    record_shipment(coop, SYSTEM, code="FH-NET", customer_id=shop, shipped_on=days_ago(1),
                    lines=[LineInput(lot_id, "12", "9.9")])
    pane = shipment_pane(qtbot, context)
    pane.show_record(list_row(coop, "shipments", "code", "FH-0815"))
    pane.show_record(list_row(coop, "shipments", "code", "FH-NET"))
    assert not pane.heading.alert.isVisible()
    assert pane.facts.value("Amount") == "118.80"
    assert pane.lines.isColumnHidden(5)  # no label on any line
    assert pane.temperatures.isHidden() and not pane.no_readings.isHidden()
    assert pane.excursions.isHidden()
    assert pane.temperatures.curve is None  # the last shipment's readings are gone
    assert pane.temperatures.chart.getPlotItem().listDataItems() == []


def test_an_unknown_shipment_says_so(qtbot: QtBot, coop: Database,
                                     context: AppContext) -> None:
    pane = shipment_pane(qtbot, context)
    pane.show_record({"id": 4711, "code": "FH-GONE"})
    assert pane.heading.title.text() == "FH-GONE"
    assert pane.heading.alert.isVisible()
    assert pane.split.isHidden()


def test_excursions_in_words() -> None:
    start = dt.datetime(2026, 8, 15, 6, 0, tzinfo=dt.UTC)
    for minutes, warm, extreme, text in (
            (30, True, 10.4, "too warm for 30 min, peak 10.4 °C"),
            (95, False, -2.25, "too cold for 1 h 35 min, lowest -2.2 °C"),
            (120, True, 12, "too warm for 2 h, peak 12.0 °C"),
            (0, True, 8.1, "too warm at one reading, 8.1 °C")):
        excursion = Excursion(start, start + dt.timedelta(minutes=minutes), extreme, warm)
        assert excursion_text(excursion) == text
    assert duration_text(59.6) == "1 h"
    later = start + dt.timedelta(days=1, hours=2)
    assert span_text(start, later) == f"{local(start)} – {local(later)}"
