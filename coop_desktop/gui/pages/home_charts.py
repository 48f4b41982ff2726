"""The home page's charts: what came in each week (harvests and deliveries, stacked by
product) and what is in stock (open and released lots, by product)."""

from __future__ import annotations

from decimal import Decimal

import pyqtgraph as pg
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coop_desktop.domain.errors import DomainError
from coop_desktop.gui.charts import (
    FOREGROUND,
    bar_chart,
    chart_font,
    legend_html,
    plot_widget,
    set_axis_label,
    short_number,
)
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details.common import quantity_text
from coop_desktop.services.details import (
    HarvestWeeks,
    StockLine,
    harvest_by_week,
    stock_by_product,
)

WEEKS = 12
MAX_SERIES = 6  # more products than this are added up as "other products"


class HomeCharts(QWidget):
    """Two charts side by side; ``refresh()`` reads them again."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.weeks: HarvestWeeks | None = None
        self.stock: tuple[StockLine, ...] = ()
        self.harvest_chart = plot_widget(self)
        self.harvest_chart.setObjectName("harvest_by_week")
        self.stock_chart = plot_widget(self, horizontal_grid=False)
        self.stock_chart.setObjectName("stock_by_product")
        self.harvest_legend = QLabel(self)
        self.harvest_legend.setObjectName("harvest_legend")
        self.harvest_legend.setWordWrap(True)
        self.harvest_note = QLabel(self)
        self.harvest_note.setWordWrap(True)
        self.stock_note = QLabel(self)
        self.stock_note.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for title, chart, note, stretch in (
                (self.tr("Harvested and delivered, by week"), self.harvest_chart,
                 self.harvest_note, 3),
                (self.tr("In stock: open and released lots"), self.stock_chart,
                 self.stock_note, 2)):
            box = QGroupBox(title, self)
            inner = QVBoxLayout(box)
            if chart is self.harvest_chart:
                inner.addWidget(self.harvest_legend)
            inner.addWidget(chart, 1)
            inner.addWidget(note)
            layout.addWidget(box, stretch)
        self.harvest_bars: list[object] = []
        self.stock_bars: list[object] = []
        self.refresh()

    def refresh(self) -> None:
        db, actor = self.context.database, self.context.actor
        try:
            self.weeks = harvest_by_week(db, actor, WEEKS)
            self.stock = stock_by_product(db, actor)
        except DomainError as error:
            self.harvest_note.setText(str(error))
            return
        self._draw_harvests(self.weeks)
        self._draw_stock(self.stock)

    def _draw_harvests(self, weeks: HarvestWeeks) -> None:
        # Only quantities in one unit stack: the unit of most of what came in (kg).
        units: dict[str, float] = {}
        for series in weeks.series:
            units[series.unit] = units.get(series.unit, 0.0) + float(sum(series.quantities))
        unit = max(units, key=lambda key: units[key], default="kg")
        shown = [series for series in weeks.series if series.unit == unit]
        parts = [(series.product, list(series.quantities)) for series in shown[:MAX_SERIES]]
        rest = shown[MAX_SERIES:]
        if rest:
            parts.append((self.tr("Other products"),
                          [sum(values) for values in zip(*(series.quantities
                                                           for series in rest),
                                                         strict=True)]))
        labels = [monday.strftime("%m-%d") for monday in weeks.weeks]
        self.harvest_bars = bar_chart(self.harvest_chart, labels, parts or [
            (self.tr("Nothing"), [0] * len(labels))])
        self.harvest_legend.setText(legend_html([name for name, _ in parts]))
        axis = self.harvest_chart.getPlotItem().getAxis("bottom")
        # Every other week's date first; the others show when the chart is wide enough.
        last = len(labels) - 1
        axis.setTicks([[(index, label) for index, label in enumerate(labels)
                        if (last - index) % 2 == 0],
                       [(index, label) for index, label in enumerate(labels)
                        if (last - index) % 2 == 1]])
        set_axis_label(self.harvest_chart, "left", unit)
        set_axis_label(self.harvest_chart, "bottom", self.tr("Week beginning"))
        total = sum((sum(series.quantities, Decimal(0)) for series in shown), Decimal(0))
        self.harvest_note.setText(self.tr("%1 in the last %2 weeks; this week is the last "
                                          "bar.").replace("%1", quantity_text(total, unit))
                                  .replace("%2", str(len(weeks.weeks))))

    def _draw_stock(self, stock: tuple[StockLine, ...]) -> None:
        self.stock_labels: list[pg.TextItem] = []
        names = [line.product for line in stock]
        self.stock_bars = bar_chart(
            self.stock_chart, names or [self.tr("Nothing in stock")],
            [(self.tr("In stock"), [line.quantity for line in stock] or [0])],
            horizontal=True, legend=False)
        top = float(max((line.quantity for line in stock), default=0))
        for index, line in enumerate(stock):
            # A long bar carries its figure inside, in white; a short one just after it.
            inside = float(line.quantity) > top * 0.6
            label = pg.TextItem(f"{short_number(line.quantity)} {line.unit}",
                                color="w" if inside else FOREGROUND,
                                anchor=(1.0 if inside else 0.0, 0.5))
            label.setFont(chart_font(-1))
            label.setPos(float(line.quantity), index)
            self.stock_chart.addItem(label)
            self.stock_labels.append(label)
        if stock:
            self.stock_chart.getPlotItem().setXRange(0, top * 1.25, padding=0)
        set_axis_label(self.stock_chart, "bottom", " / ".join(sorted(
            {line.unit for line in stock})) or "kg")
        self.stock_note.setText("; ".join(
            self.tr("%1: %2 in %n lot(s)", "", line.lots).replace("%1", line.product)
            .replace("%2", quantity_text(line.quantity, line.unit)) for line in stock)
            or self.tr("No open or released lot has anything left."))
