"""The story of a shipment: to whom it went, its lines (lot, quantity, price, amount) and its
cold chain — the logger's temperatures over time with the allowed band (0–8 °C) shown, and
every stretch outside it shaded, its readings in red and listed ("too warm for 30 min, peak
10.4 °C").

``TemperatureChart`` and ``excursion_text`` are also what the cold-chain import dialog shows
before anything is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from coop_desktop.domain.vocabulary import name_of
from coop_desktop.gui.charts import (
    FOREGROUND,
    DayAxis,
    chart_font,
    clear_chart,
    colour,
    plot_widget,
    set_axis_label,
)
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details import register
from coop_desktop.gui.details.common import (
    PANE_MIN_WIDTH,
    WARNING_TEXT,
    Cell,
    FactsBox,
    PaneHeading,
    RecordTable,
    date_text,
    empty_hint,
    lay_out_pane,
    money_text,
    quantity_text,
    story_or_refusal,
)
from coop_desktop.services.cold_chain import Excursion
from coop_desktop.services.details import ShipmentStory, shipment_story

BAND = QColor(0, 158, 115, 38)  # the allowed range, a pale green
BAND_EDGE = QColor(0, 158, 115, 150)
EXCURSION = QColor(213, 94, 0, 60)  # a stretch outside it, a pale red
OUTSIDE = QColor("#C62828")  # readings outside the range
HOUR = 3600.0
EXCURSIONS_SHOWN = 4  # rows of the excursion list before it scrolls


def degrees(value: float) -> str:
    return f"{value:.1f} °C"


def duration_text(minutes: float) -> str:
    translate = QCoreApplication.translate
    whole = round(minutes)
    if whole < 60:
        return translate("ColdChain", "%1 min").replace("%1", str(whole))
    hours, rest = divmod(whole, 60)
    if rest == 0:
        return translate("ColdChain", "%1 h").replace("%1", str(hours))
    return translate("ColdChain", "%1 h %2 min").replace("%1", str(hours)).replace(
        "%2", str(rest))


def excursion_text(excursion: Excursion) -> str:
    """What an excursion was, in a few words: "too warm for 30 min, peak 10.4 °C"."""
    translate = QCoreApplication.translate
    peak = degrees(excursion.extreme)
    if excursion.minutes <= 0:
        text = (translate("ColdChain", "too warm at one reading, %1") if excursion.too_warm
                else translate("ColdChain", "too cold at one reading, %1"))
        return text.replace("%1", peak)
    text = (translate("ColdChain", "too warm for %1, peak %2") if excursion.too_warm
            else translate("ColdChain", "too cold for %1, lowest %2"))
    return text.replace("%1", duration_text(excursion.minutes)).replace("%2", peak)


def sentences(*parts: str) -> str:
    """Sentences one after the other: a space after a full stop, none after "。"."""
    text = ""
    for part in parts:
        text += part if not text or text.endswith("。") else " " + part
    return text


def time_text(moment: dt.datetime) -> str:
    """A moment in the PC's local time, as the rest of the program shows it."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def span_text(start: dt.datetime, end: dt.datetime) -> str:
    """From-to, the second day left out when it is the same: 2026-08-15 06:40–06:50."""
    first, last = start.astimezone(), end.astimezone()
    if first == last:
        return first.strftime("%Y-%m-%d %H:%M")
    if first.date() == last.date():
        return f"{first:%Y-%m-%d %H:%M}–{last:%H:%M}"
    return f"{first:%Y-%m-%d %H:%M} – {last:%Y-%m-%d %H:%M}"


class ClockAxis(DayAxis):
    """A time axis for hours of a journey: 06:30, 07:00…; a tick at midnight shows the day."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if spacing >= self.DAY:
            return list(super().tickStrings(values, scale, spacing))
        texts = []
        for value in values:
            try:
                moment = dt.datetime.fromtimestamp(value)
            except (OverflowError, OSError, ValueError):
                texts.append("")
                continue
            texts.append(moment.strftime("%m-%d" if moment.time() == dt.time() else "%H:%M"))
        return texts


class TemperatureChart(QWidget):
    """Temperatures over time with the allowed band, excursions shaded and their readings
    in red, and a line of legend under it. ``curve`` holds every reading, ``outside`` the
    readings outside the band (``getData()`` of each gives the timestamps and °C drawn)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = plot_widget(self)
        self.chart.setObjectName("temperature_chart")
        plot = self.chart.getPlotItem()
        axis = ClockAxis(orientation="bottom")
        axis.setPen(pg.mkPen(FOREGROUND))
        axis.setTextPen(pg.mkPen(FOREGROUND))
        axis.setStyle(tickFont=chart_font(-1))
        axis.label.setFont(chart_font(-1))
        plot.setAxisItems({"bottom": axis})
        set_axis_label(self.chart, "left", self.tr("Temperature (°C)"))
        self.chart.setMinimumHeight(200)
        self.curve: pg.PlotDataItem | None = None
        self.outside: pg.PlotDataItem | None = None
        self.band: pg.LinearRegionItem | None = None
        self.regions: list[pg.LinearRegionItem] = []
        self.legend = QLabel(self)
        self.legend.setObjectName("chart_legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.legend)

    def show_readings(self, readings: Sequence[tuple[dt.datetime, float]], low: float,
                      high: float, excursions: Sequence[Excursion]) -> None:
        clear_chart(self.chart)
        self.curve = self.outside = self.band = None
        self.regions = []
        plot = self.chart.getPlotItem()
        self.band = pg.LinearRegionItem(values=(low, high), orientation="horizontal",
                                        movable=False, brush=pg.mkBrush(BAND),
                                        hoverBrush=pg.mkBrush(BAND),
                                        pen=pg.mkPen(BAND_EDGE, style=Qt.PenStyle.DashLine),
                                        hoverPen=pg.mkPen(BAND_EDGE,
                                                          style=Qt.PenStyle.DashLine))
        self.band.setZValue(-20)
        plot.addItem(self.band)
        band_range = f"{low:g}–{high:g} °C"
        self.legend.setText(
            f'<span style="color:{BAND_EDGE.name()}">&#9632;</span>&nbsp;'
            + self.tr("allowed %1").replace("%1", band_range)
            + "&nbsp;&nbsp; "
            f'<span style="color:{colour(0).name()}">&#9644;</span>&nbsp;'
            + self.tr("logger readings")
            + "&nbsp;&nbsp; "
            f'<span style="color:{OUTSIDE.name()}">&#9679;</span>&nbsp;'
            + self.tr("outside the allowed range"))
        if not readings:
            plot.setYRange(min(low, 0.0) - 2, high + 4, padding=0)
            return
        xs = [moment.timestamp() for moment, _ in readings]
        ys = [float(celsius) for _, celsius in readings]
        for excursion in excursions:
            region = pg.LinearRegionItem(
                values=(excursion.start.timestamp(), excursion.end.timestamp()),
                orientation="vertical", movable=False, brush=pg.mkBrush(EXCURSION),
                hoverBrush=pg.mkBrush(EXCURSION), pen=pg.mkPen(EXCURSION),
                hoverPen=pg.mkPen(EXCURSION))
            region.setZValue(-10)
            plot.addItem(region)
            self.regions.append(region)
        dense = len(readings) > 300  # a symbol per reading only where they can be told apart
        self.curve = self.chart.plot(
            xs, ys, pen=pg.mkPen(colour(0), width=2), symbol=None if dense else "o",
            symbolSize=5, symbolBrush=colour(0), symbolPen=pg.mkPen(colour(0)))
        out_x = [x for x, y in zip(xs, ys, strict=True) if y > high or y < low]
        out_y = [y for y in ys if y > high or y < low]
        self.outside = self.chart.plot(out_x, out_y, pen=None, symbol="o", symbolSize=8,
                                       symbolBrush=pg.mkBrush(OUTSIDE),
                                       symbolPen=pg.mkPen(OUTSIDE.darker(130)))
        first, last = min(xs), max(xs)
        span = max(last - first, HOUR)
        plot.setXRange(first - span * 0.03, first + span * 1.03, padding=0)
        bottom, top = min([*ys, low]), max([*ys, high])
        margin = max((top - bottom) * 0.12, 1.0)
        plot.setYRange(bottom - margin, top + margin, padding=0)
        days = sorted({dt.datetime.fromtimestamp(x).date() for x in (first, last)})
        set_axis_label(self.chart, "bottom", " – ".join(day.isoformat() for day in days))


class ShipmentPane(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setMinimumWidth(PANE_MIN_WIDTH)
        self.story: ShipmentStory | None = None
        self.heading = PaneHeading(self)
        self.heading.set_heading(self.tr("Shipment"),
                                 self.tr("Select a shipment to see its lines and cold chain."))
        self.facts = FactsBox(self.tr("Shipment"), self, columns=2)
        lines_part = QWidget(self)
        self.lines_title = QLabel(lines_part)
        self.lines = RecordTable([self.tr("Lot"), self.tr("Product"), self.tr("Quantity"),
                                  self.tr("Unit price"), self.tr("Amount"), self.tr("Label")],
                                 lines_part)
        self.lines.setObjectName("lines")
        lines_layout = QVBoxLayout(lines_part)
        lines_layout.setContentsMargins(0, 0, 0, 0)
        lines_layout.setSpacing(2)
        lines_layout.addWidget(self.lines_title)
        lines_layout.addWidget(self.lines, 1)

        cold = QWidget(self)
        self.cold_title = QLabel(cold)
        self.cold_title.setObjectName("cold_chain_summary")
        self.cold_title.setWordWrap(True)
        self.temperatures = TemperatureChart(cold)
        self.no_readings = empty_hint(cold, self.tr(
            "No temperatures recorded for this shipment. A data logger's file is imported "
            "with Actions → Import cold-chain temperatures…"))
        self.excursions = RecordTable([self.tr("When"), self.tr("Excursion")], cold)
        self.excursions.setObjectName("excursions")
        cold_layout = QVBoxLayout(cold)
        cold_layout.setContentsMargins(0, 0, 0, 0)
        cold_layout.setSpacing(2)
        cold_layout.addWidget(self.cold_title)
        cold_layout.addWidget(self.temperatures, 1)
        cold_layout.addWidget(self.no_readings, 1)
        cold_layout.addWidget(self.excursions)

        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.addWidget(self.facts)
        self.split.addWidget(lines_part)
        self.split.addWidget(cold)
        self.split.setStretchFactor(0, 0)
        self.split.setStretchFactor(1, 1)
        self.split.setStretchFactor(2, 3)
        self.split.setChildrenCollapsible(False)
        self.placeholder = lay_out_pane(self, self.heading, self.split,
                                        self.tr("No shipment selected."))

    def show_record(self, row: dict[str, Any]) -> None:
        context = self.context
        story = story_or_refusal(
            self, lambda: shipment_story(context.database, context.actor, int(row["id"])),
            str(row.get("code") or ""), self.split)
        if story is not None:
            self.show_story(story)

    def show_story(self, story: ShipmentStory) -> None:
        self.story = story
        shipment = story.shipment
        band = f"{story.low:g}–{story.high:g} °C"
        alert = ""
        if story.excursions:
            alert = self.tr("Cold chain broken: %1 outside %2, the first %3.").replace(
                "%1", self.tr("%n time(s)", "", len(story.excursions))).replace(
                "%2", band).replace("%3", excursion_text(story.excursions[0]))
        self.heading.set_heading(
            f"{shipment.code} · {shipment.customer}",
            " · ".join(part for part in (date_text(shipment.shipped_on), shipment.vehicle,
                                         shipment.driver) if part), alert)
        total = money_text(story.total_amount) if story.total_amount is not None else ""
        if story.unpriced_lines and story.lines:
            unpriced = self.tr("(%n line(s) without a price)", "", story.unpriced_lines)
            total = " ".join(part for part in (total, unpriced) if part)
        contact = " ".join(part for part in (shipment.contact, shipment.phone) if part)
        self.facts.set_facts([
            (self.tr("Customer"), f"{shipment.customer} ({name_of(shipment.customer_kind)})"),
            (self.tr("Customer code"), shipment.customer_code),
            (self.tr("Contact"), contact),
            (self.tr("Address"), shipment.address),
            (self.tr("Shipped"), date_text(shipment.shipped_on)),
            (self.tr("Vehicle"), shipment.vehicle),
            (self.tr("Driver"), shipment.driver),
            (self.tr("Amount"), total),
            (self.tr("Notes"), shipment.notes),
        ])
        self.lines_title.setText(self.tr("Lines (%1)").replace("%1", str(len(story.lines))))
        self.lines.set_rows(
            [line.lot, line.product, Cell(quantity_text(line.quantity, line.unit), True),
             Cell(money_text(line.unit_price), True, note=line.unit_price is None),
             Cell(money_text(line.amount), True),
             str(line.serial) if line.serial is not None else ""]
            for line in story.lines)
        self.lines.setColumnHidden(5, all(line.serial is None for line in story.lines))
        self._show_cold_chain(story, band)
        self.placeholder.setVisible(False)
        self.split.setVisible(True)

    def _show_cold_chain(self, story: ShipmentStory, band: str) -> None:
        readings = [(point.at, point.celsius) for point in story.temperatures]
        has_readings = bool(readings)
        self.temperatures.setVisible(has_readings)
        self.no_readings.setVisible(not has_readings)
        self.excursions.setVisible(bool(story.excursions))
        self.temperatures.show_readings(readings, story.low, story.high, story.excursions)
        if not has_readings:
            self.cold_title.setText(self.tr("Cold chain"))
            self.excursions.set_rows([])
            return
        values = [celsius for _, celsius in readings]
        summary = self.tr("Cold chain: %1 readings, %2, from %3 to %4.").replace(
            "%1", str(len(readings))).replace(
            "%2", span_text(readings[0][0], readings[-1][0])).replace(
            "%3", degrees(min(values))).replace("%4", degrees(max(values)))
        if story.excursions:
            self.cold_title.setStyleSheet(f"QLabel {{ color: {WARNING_TEXT.name()}; }}")
            summary = sentences(summary, self.tr("Outside %1:").replace("%1", band))
        else:
            self.cold_title.setStyleSheet("")
            summary = sentences(summary, self.tr("Every reading within %1.").replace("%1", band))
        self.cold_title.setText(summary)
        self.excursions.set_rows(
            [span_text(excursion.start, excursion.end),
             Cell(excursion_text(excursion), warning=True)]
            for excursion in story.excursions)
        fit_height(self.excursions, EXCURSIONS_SHOWN)


def fit_height(table: RecordTable, most: int) -> None:
    """As tall as its rows, up to ``most`` rows (then it scrolls)."""
    rows = min(max(table.rowCount(), 1), most)
    height = (table.horizontalHeader().sizeHint().height()
              + rows * table.verticalHeader().defaultSectionSize() + 2 * table.frameWidth() + 2)
    table.setFixedHeight(height)


@register("shipments")
def shipment_pane(context: AppContext, parent: QWidget) -> QWidget:
    return ShipmentPane(context, parent)
