"""Small helpers for pyqtgraph charts that look like the rest of the program: the
application's font (the bundled CJK font, so Chinese axis labels read), a white background,
dates on a date axis, and bar charts with named categories.

Every chart in the program is made here, so pyqtgraph's global configuration is never
touched: each widget gets its colours and fonts itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

BACKGROUND = "w"
FOREGROUND = QColor(40, 40, 40)
GRID_ALPHA = 0.25
#: Colours told apart also in print and by most colour-blind readers (Okabe–Ito, then more).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#999999", "#7A5195", "#2F4B7C")
BAR_WIDTH = 0.7

Number = float | int | Decimal


def colour(index: int) -> QColor:
    return QColor(PALETTE[index % len(PALETTE)])


def chart_font(delta: int = 0) -> QFont:
    """The application's font (the bundled CJK font once ``gui.app`` set it up)."""
    font = QFont(QApplication.font())
    if delta:
        font.setPointSize(max(font.pointSize() + delta, 6))
    return font


class DayAxis(pg.DateAxisItem):  # type: ignore[misc]  # pyqtgraph has no types
    """A date axis whose ticks read the same in every language: 2026-08, 08-15, 2026."""

    DAY = 86_400

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if spacing >= 360 * self.DAY:
            pattern = "%Y"
        elif spacing >= 27 * self.DAY:
            pattern = "%Y-%m"
        elif spacing >= self.DAY:
            pattern = "%m-%d"
        else:
            pattern = "%m-%d %H:%M"
        texts = []
        for value in values:
            try:
                texts.append(dt.datetime.fromtimestamp(value).strftime(pattern))
            except (OverflowError, OSError, ValueError):
                texts.append("")
        return texts


def plot_widget(parent: QWidget | None = None, *, dates: bool = False,
                horizontal_grid: bool = True) -> pg.PlotWidget:
    """A plot with our font and colours; ``dates`` puts a date axis at the bottom (give x
    values as ``timestamp(day)``). The mouse does not pan or zoom it: office charts are read,
    not explored, and a stray wheel over a pane should scroll the pane."""
    axes = {"bottom": DayAxis(orientation="bottom")} if dates else None
    widget = pg.PlotWidget(parent, background=BACKGROUND, axisItems=axes)
    plot = widget.getPlotItem()
    font = chart_font(-1)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(FOREGROUND))
        axis.setTextPen(pg.mkPen(FOREGROUND))
        axis.setStyle(tickFont=font)
        axis.label.setFont(font)
    plot.showGrid(x=False, y=horizontal_grid, alpha=GRID_ALPHA)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(x=False, y=False)
    widget.setMinimumHeight(160)
    return widget


def set_title(widget: pg.PlotWidget, text: str) -> None:
    """A title in our font; pyqtgraph draws it as rich text, so it is escaped."""
    item = widget.getPlotItem()
    font = chart_font(1)
    item.setTitle(_escape(text), color=FOREGROUND, size=f"{font.pointSize()}pt",
                  family=font.family())


def set_axis_label(widget: pg.PlotWidget, axis: str, text: str) -> None:
    font = chart_font(-1)
    widget.getPlotItem().setLabel(axis, _escape(text), color=FOREGROUND.name(),
                                  **{"font-size": f"{font.pointSize()}pt",
                                     "font-family": font.family()})


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def timestamp(day: dt.date) -> float:
    """Seconds since the epoch at local midnight of ``day``, as ``DateAxisItem`` shows it."""
    return dt.datetime.combine(day, dt.time()).timestamp()


def bar_chart(widget: pg.PlotWidget, categories: Sequence[str],
              series: Sequence[tuple[str, Sequence[Number]]], *,
              horizontal: bool = False, legend: bool = False) -> list[pg.BarGraphItem]:
    """Stacked bars: one bar per category, one stacked part per series (name, values).

    Vertical bars name their categories along the bottom; ``horizontal`` bars along the left,
    first category on top (long Chinese product names read best that way). ``legend`` puts
    pyqtgraph's legend over the plot; ``legend_html`` makes one to show beside it, which never
    hides a bar. Returns the bar items,
    one per series, in order: ``item.opts["height"]`` (or ``"width"`` when horizontal) holds
    the values drawn.
    """
    plot = widget.getPlotItem()
    clear_chart(widget)
    count = len(categories)
    positions = list(range(count))
    base = [0.0] * count
    items: list[pg.BarGraphItem] = []
    if legend:
        plot.addLegend(offset=(-8, 8), labelTextColor=FOREGROUND,
                       labelTextSize=f"{chart_font(-1).pointSize()}pt",
                       brush=pg.mkBrush(255, 255, 255, 220), pen=pg.mkPen(FOREGROUND))
    if plot.legend is not None:
        plot.legend.setVisible(legend)
    for index, (name, values) in enumerate(series):
        heights = [float(value) for value in values]
        if len(heights) != count:
            raise ValueError(f"series {name!r} has {len(heights)} values for {count} bars")
        brush = pg.mkBrush(colour(index))
        pen = pg.mkPen(colour(index).darker(130), width=1)
        if horizontal:
            item = pg.BarGraphItem(x0=list(base), width=heights, y=positions,
                                   height=BAR_WIDTH, brush=brush, pen=pen, name=name)
        else:
            item = pg.BarGraphItem(x=positions, height=heights, y0=list(base), width=BAR_WIDTH,
                                   brush=brush, pen=pen, name=name)
        plot.addItem(item)
        items.append(item)
        base = [low + high for low, high in zip(base, heights, strict=True)]
    category_axis = plot.getAxis("left" if horizontal else "bottom")
    category_axis.setTicks([[(position, label) for position, label
                             in zip(positions, categories, strict=True)]])
    if horizontal:  # the axis must be as wide as the longest name, or names are left out
        metrics = QFontMetrics(category_axis.style["tickFont"] or chart_font(-1))
        widest = max((metrics.horizontalAdvance(label) for label in categories), default=0)
        category_axis.setWidth(widest + 14)
    top = max(base, default=0.0) or 1.0
    if horizontal:
        plot.invertY(True)
        plot.setYRange(-0.6, count - 0.4, padding=0)
        plot.setXRange(0, top * 1.08, padding=0)
        plot.showGrid(x=True, y=False, alpha=GRID_ALPHA)
    else:
        plot.setXRange(-0.6, count - 0.4, padding=0)
        plot.setYRange(0, top * 1.08, padding=0)
    return items


def legend_html(names: Sequence[str]) -> str:
    """A one-line legend in rich text: a square of each series' colour and its name."""
    return "&nbsp;&nbsp; ".join(
        f'<span style="color:{colour(index).name()}">&#9632;</span>&nbsp;{_escape(name)}'
        for index, name in enumerate(names))


def short_number(value: Number) -> str:
    """A chart's number: whole above 100, to one decimal below, with thousands separators."""
    number = float(value)
    return f"{number:,.0f}" if abs(number) >= 100 else f"{number:,.1f}".rstrip("0").rstrip(".")


def clear_chart(widget: pg.PlotWidget) -> None:
    """Remove the data (and so the legend's entries); keep axes, title and labels."""
    widget.getPlotItem().clear()


def bar_values(item: pg.BarGraphItem) -> list[float]:
    """The lengths of the bars an item draws (its heights, or widths when horizontal)."""
    values = item.opts["height"] if item.opts.get("x0") is None else item.opts["width"]
    return [float(value) for value in values]
