"""The Sensors page: the sensors by plot on the left, a chart per channel kind of the chosen
plot or sensor on the right, CSV export, and the sensor bus of this PC with its poller.

Charts zoom and pan with the mouse along time (the value axis fits what is visible); Day, Week,
Season (since 1 March) and All set the range. Each chart draws what
:func:`~coop_desktop.services.sensors.chart_series` returns for the visible range with half a
range either side, at two points per pixel: a zoom reloads (debounced, off the GUI thread) so
the detail grows as the range shrinks. The poller stores readings through the services; when a
sensor on screen was polled, its charts follow to the present.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from coop_desktop.devices.transports import list_ports
from coop_desktop.domain.errors import DomainError
from coop_desktop.domain.models import ChannelKind
from coop_desktop.domain.models.types import utc_now
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.gui import tasks
from coop_desktop.gui.charts import colour, plot_widget, set_title
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.devices.sensor_poller import SensorPoller
from coop_desktop.gui.devices.sensor_settings import load_bus_port, save_bus_port
from coop_desktop.gui.tasks import Progress, Task
from coop_desktop.services.permissions import Permission
from coop_desktop.services.sensor_export import export_readings
from coop_desktop.services.sensors import (
    ChannelSeries,
    SensorRow,
    channel_kinds,
    chart_series,
    reading_span,
    season_start,
    sensor_list,
)

RANGES = ("day", "week", "season", "all")
THRESHOLD_COLOUR = "#D55E00"
MARGIN = 0.5  # share of the visible span loaded on each side, so a pan shows data at once
SPARSE_POINTS = 300


@dataclass(frozen=True)
class Selection:
    """What the charts show: a plot's sensors or one sensor."""

    plot_id: int | None = None
    sensor_id: int | None = None

    def query(self) -> dict[str, int | None]:
        return {"plot_id": self.plot_id, "sensor_id": self.sensor_id}


class SensorsPage(QWidget):
    charts_loaded = Signal()  # the charts show the series of the latest load
    export_finished = Signal(str, int)  # path, readings written

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 settings: QSettings | None = None, poll_timeout: float = 0.5,
                 reload_delay_ms: int = 300) -> None:
        super().__init__(parent)
        self.context = context
        self._settings = settings
        self._poll_timeout = poll_timeout
        self.poller: SensorPoller | None = None
        self.rows: list[SensorRow] = []
        self.selection: Selection | None = None
        self.range_key = "week"
        self.following = True  # the range ends now and moves on with each poll
        self.range_start = utc_now() - dt.timedelta(days=7)
        self.range_end = utc_now()
        self.charts: dict[ChannelKind, pg.PlotWidget] = {}
        self.curves: dict[tuple[ChannelKind, int], pg.PlotDataItem] = {}
        self._thresholds: dict[ChannelKind, list[pg.InfiniteLine]] = {}
        self._load_generation = 0
        self._setting_range = False
        self._tasks: set[Task] = set()

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("sensor_tree")
        self.tree.setHeaderLabels([self.tr("Sensor"), self.tr("Name"), self.tr("Plot"),
                                   self.tr("Last reading"), self.tr("State")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._item_chosen)

        self.range_buttons: dict[str, QPushButton] = {}
        group = self.range_group = QButtonGroup(self)
        group.setExclusive(True)
        range_bar = QHBoxLayout()
        for key, text in (("day", self.tr("Day")), ("week", self.tr("Week")),
                          ("season", self.tr("Season")), ("all", self.tr("All"))):
            button = QPushButton(text, self)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, k=key: self.set_range(k))
            group.addButton(button)
            range_bar.addWidget(button)
            self.range_buttons[key] = button
        self.range_buttons["week"].setChecked(True)
        range_bar.addStretch(1)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.clicked.connect(self.export)
        range_bar.addWidget(self.export_button)

        self.heading = QLabel(self)
        self.heading.setObjectName("sensor_heading")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.chart_area = QWidget(self)
        self.chart_layout = QVBoxLayout(self.chart_area)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart_area)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(range_bar)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(self.note)
        splitter = QSplitter(self)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 680])

        bus_box = QGroupBox(self.tr("Sensor bus on this PC"), self)
        self.port_combo = QComboBox(bus_box)
        self.port_combo.setObjectName("bus_port")
        self.port_combo.setEditable(True)
        self.port_combo.setMinimumWidth(220)
        self.port_combo.setToolTip(self.tr(
            "The RS-485 adapter's port, or type one: COM3, /dev/ttyUSB0, tcp://host:port"))
        for port in list_ports():
            self.port_combo.addItem(port.device)
            self.port_combo.setItemData(self.port_combo.count() - 1, port.label,
                                        Qt.ItemDataRole.ToolTipRole)
        self.port_combo.setEditText(load_bus_port(self._settings))
        self.start_button = QPushButton(self.tr("Start polling"), bus_box)
        self.stop_button = QPushButton(self.tr("Stop"), bus_box)
        self.poll_now_button = QPushButton(self.tr("Poll now"), bus_box)
        self.start_button.clicked.connect(self.start_polling)
        self.stop_button.clicked.connect(self.stop_polling)
        self.poll_now_button.clicked.connect(self.poll_now)
        self.status = QLabel(bus_box)
        self.status.setObjectName("poller_status")
        self.status.setWordWrap(True)
        bus_layout = QVBoxLayout(bus_box)
        bus_row = QHBoxLayout()
        bus_row.addWidget(QLabel(self.tr("Port:"), bus_box))
        bus_row.addWidget(self.port_combo, 1)
        for button in (self.start_button, self.stop_button, self.poll_now_button):
            bus_row.addWidget(button)
        bus_layout.addLayout(bus_row)
        bus_layout.addWidget(self.status)
        if not context.may(Permission.MANAGE_SENSORS):
            self.start_button.setEnabled(False)
            self.start_button.setToolTip(self.tr("Your role may not store sensor readings."))
        self._polling_buttons(running=False)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(bus_box)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(reload_delay_ms)
        self._reload_timer.timeout.connect(self._zoomed)
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.stop_polling)
        self.refresh()

    # --- the list --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the sensors again; keep the chosen item."""
        try:
            self.rows = sensor_list(self.context.database, self.context.actor)
        except DomainError as error:
            self.note.setText(str(error))
            return
        chosen = self.selection
        now = utc_now()
        self.tree.blockSignals(True)
        self.tree.clear()
        plots: dict[int | None, QTreeWidgetItem] = {}
        current: QTreeWidgetItem | None = None
        for row in self.rows:
            parent = plots.get(row.plot_id)
            if parent is None:
                title = row.place if row.plot_id is not None else self.tr("Not on a plot")
                parent = QTreeWidgetItem(self.tree, [title])
                parent.setFirstColumnSpanned(True)
                parent.setData(0, Qt.ItemDataRole.UserRole, Selection(plot_id=row.plot_id)
                               if row.plot_id is not None else None)
                parent.setExpanded(True)
                plots[row.plot_id] = parent
                if (chosen is not None and row.plot_id is not None
                        and chosen.plot_id == row.plot_id):
                    current = parent
            last = row.last_at
            item = QTreeWidgetItem(parent, [
                row.code, row.name, row.place,
                f"{last.astimezone():%m-%d %H:%M} · {row.last_text()}" if last else "—",
                self._state_text(row.state(now))])
            item.setData(0, Qt.ItemDataRole.UserRole, Selection(sensor_id=row.sensor_id))
            if chosen is not None and chosen.sensor_id == row.sensor_id:
                current = item
        self.tree.blockSignals(False)
        if current is not None:
            self.tree.setCurrentItem(current)
        elif self.selection is None and (first := self.tree.topLevelItem(0)) is not None:
            plot_or_sensor = first if first.data(0, Qt.ItemDataRole.UserRole) else first.child(0)
            if plot_or_sensor is not None:
                self.tree.setCurrentItem(plot_or_sensor)
        if not self.rows:
            self.note.setText(self.tr("No sensor is registered yet."))

    def _state_text(self, state: str) -> str:
        return {"ok": self.tr("OK"), "alert": self.tr("Past a threshold"),
                "silent": self.tr("Silent"), "inactive": self.tr("Inactive")}.get(state, state)

    def item_for(self, code: str) -> QTreeWidgetItem | None:
        """The list's item of the sensor ``code``."""
        for top in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(top)
            for index in range(parent.childCount() if parent is not None else 0):
                child = parent.child(index) if parent is not None else None
                if child is not None and child.text(0) == code:
                    return child
        return None

    def _item_chosen(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        selection = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if not isinstance(selection, Selection) or selection == self.selection:
            return
        self.selection = selection
        if item is not None:  # a sensor: "S-01 温室土壤传感器 · GH-01 3号日光温室"; a plot: itself
            named = " ".join(text for text in (item.text(0), item.text(1)) if text)
            self.heading.setText(f"{named} · {item.text(2)}" if item.text(2) else named)
        self._build_charts()
        self.set_range(self.range_key)

    # --- charts ----------------------------------------------------------------------------
    def _build_charts(self) -> None:
        for chart in self.charts.values():
            self.chart_layout.removeWidget(chart)
            chart.hide()  # at once: deleteLater waits for the event loop
            chart.deleteLater()
        self.charts.clear()
        self.curves.clear()
        self._thresholds.clear()
        if self.selection is None:
            return
        kinds = channel_kinds(self.context.database, self.context.actor,
                              **self.selection.query())
        first: pg.PlotWidget | None = None
        for kind in kinds:
            chart = plot_widget(self.chart_area, dates=True)
            chart.setObjectName(f"chart_{kind.value}")
            chart.setMinimumHeight(200)
            item = chart.getPlotItem()
            item.setMouseEnabled(x=True, y=False)  # zoom and pan along time
            item.getViewBox().setAutoVisible(y=True)
            item.getViewBox().setDefaultPadding(0.08)  # room for the threshold labels
            item.showGrid(x=True, y=True, alpha=0.25)
            set_title(chart, name_of(kind))
            if first is None:
                first = chart
                item.getViewBox().sigXRangeChanged.connect(self._range_moved)
            else:
                chart.setXLink(first)
            self.chart_layout.addWidget(chart)
            self.charts[kind] = chart
        self.note.setText("" if kinds else self.tr("This sensor has no channels."))

    def set_range(self, key: str) -> None:
        """Day, week, season (since 1 March) or all, ending now."""
        self.range_key = key
        self.range_buttons[key].setChecked(True)
        self.following = True
        now = utc_now() + dt.timedelta(minutes=1)
        if key == "day":
            start = now - dt.timedelta(days=1)
        elif key == "week":
            start = now - dt.timedelta(days=7)
        elif key == "season":
            first_day = season_start(now.astimezone().date())
            start = dt.datetime.combine(first_day, dt.time()).astimezone()
        else:
            span = (reading_span(self.context.database, self.context.actor,
                                 **self.selection.query()) if self.selection else None)
            start = span[0] if span else now - dt.timedelta(days=7)
        self.show_range(start, now)

    def show_range(self, start: dt.datetime, end: dt.datetime) -> None:
        """Show ``start`` to ``end`` on every chart and load its series."""
        self.range_start, self.range_end = start, end
        first = next(iter(self.charts.values()), None)
        if first is not None:
            self._setting_range = True
            try:
                first.getPlotItem().setXRange(start.timestamp(), end.timestamp(), padding=0)
            finally:
                self._setting_range = False
        self.load()

    def _range_moved(self, *_args: object) -> None:
        if not self._setting_range:
            self._reload_timer.start()

    def _zoomed(self) -> None:
        first = next(iter(self.charts.values()), None)
        if first is None:
            return
        left, right = first.getPlotItem().getViewBox().viewRange()[0]
        self.following = False
        self.range_group.setExclusive(False)  # a zoomed range is none of the buttons
        for button in self.range_buttons.values():
            button.setChecked(False)
        self.range_group.setExclusive(True)
        self.range_start = dt.datetime.fromtimestamp(left, dt.UTC)
        self.range_end = dt.datetime.fromtimestamp(max(right, left + 1), dt.UTC)
        self.load()

    def load(self) -> None:
        """Load the series of every chart for the visible range (plus a margin), off the GUI
        thread; the latest load wins."""
        if self.selection is None or not self.charts:
            self.charts_loaded.emit()
            return
        self._load_generation += 1
        generation = self._load_generation
        span = self.range_end - self.range_start
        start = self.range_start - span * MARGIN
        end = self.range_end + span * MARGIN
        pixels = max([400, *(chart.width() for chart in self.charts.values())])
        points = int(2 * pixels * (1 + 2 * MARGIN))
        db, actor, selection = self.context.database, self.context.actor, self.selection
        kinds = list(self.charts)

        def work(_progress: Progress) -> dict[ChannelKind, list[ChannelSeries]]:
            return {kind: chart_series(db, actor, kind=kind, start=start, end=end,
                                       max_points=points, **selection.query())
                    for kind in kinds}

        task = Task(work)
        task.signals.finished.connect(partial(self._loaded, task, generation))
        task.signals.failed.connect(partial(self._load_failed, task))
        self._tasks.add(task)
        tasks.start(task)

    def _load_failed(self, task: Task, message: str) -> None:
        self._tasks.discard(task)
        if isValid(self):
            self.note.setText(message)

    def _loaded(self, task: Task, generation: int, result: object) -> None:
        self._tasks.discard(task)
        if not isValid(self) or generation != self._load_generation or not isinstance(
                result, dict):
            return  # the page is gone, or a later load is on its way
        for kind, series_list in result.items():
            chart = self.charts.get(kind)
            if chart is None:
                continue
            self._draw(kind, chart, series_list)
        self.charts_loaded.emit()

    def _draw(self, kind: ChannelKind, chart: pg.PlotWidget,
              series_list: list[ChannelSeries]) -> None:
        item = chart.getPlotItem()
        if item.legend is None and len(series_list) > 1:
            item.addLegend(offset=(-8, 8))
        seen: set[float] = set()
        for line in self._thresholds.pop(kind, []):
            item.removeItem(line)
        lines: list[pg.InfiniteLine] = []
        units = {series.unit for series in series_list}
        for index, series in enumerate(series_list):
            curve = self.curves.get((kind, series.channel_id))
            if curve is None:
                curve = item.plot([], [], pen=pg.mkPen(colour(index), width=1.5),
                                  name=series.sensor_code)
                self.curves[(kind, series.channel_id)] = curve
            # A few readings are drawn as dots too: one reading alone makes no line.
            sparse = len(series.times) <= SPARSE_POINTS
            curve.setData(list(series.times), list(series.values),
                          symbol="o" if sparse else None, symbolSize=5,
                          symbolBrush=colour(index), symbolPen=None)
            # The label of the upper limit hangs below its line, the lower one's sits above.
            for value, label, anchor in ((series.low, self.tr("low"), (0, 1)),
                                         (series.high, self.tr("high"), (0, 0))):
                if value is None or value in seen:
                    continue
                seen.add(value)
                line = pg.InfiniteLine(
                    pos=value, angle=0, movable=False,
                    pen=pg.mkPen(THRESHOLD_COLOUR, width=1, style=Qt.PenStyle.DashLine),
                    label=f"{label} {value:g} {series.unit}",
                    labelOpts={"position": 0.0, "color": THRESHOLD_COLOUR,
                               "anchors": [anchor, anchor]})
                item.addItem(line)  # in the value range: the lines show where the limits are
                lines.append(line)
        self._thresholds[kind] = lines
        set_title(chart, f"{name_of(kind)} ({', '.join(sorted(units))})" if units
                  else name_of(kind))

    def curve_points(self, kind: ChannelKind | str) -> int:
        """Points drawn on the chart of ``kind`` (all its curves)."""
        total = 0
        for (curve_kind, _), curve in self.curves.items():
            if curve_kind == kind:
                x, _ = curve.getData()
                total += 0 if x is None else len(x)
        return total

    # --- export ----------------------------------------------------------------------------
    def chosen_sensor_ids(self) -> list[int]:
        if self.selection is None:
            return []
        if self.selection.sensor_id is not None:
            return [self.selection.sensor_id]
        return [row.sensor_id for row in self.rows if row.plot_id == self.selection.plot_id]

    def export(self) -> None:
        if not self.chosen_sensor_ids():
            self.note.setText(self.tr("Choose a sensor or a plot first."))
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export readings"), "sensor-readings.csv",
            self.tr("CSV for Excel (*.csv)"))
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> Task:
        """Export the chosen sensor (or the plot's sensors) over the visible range."""
        db, actor = self.context.database, self.context.actor
        ids, start, end = self.chosen_sensor_ids(), self.range_start, self.range_end
        task = Task(lambda progress: export_readings(db, actor, path, sensor_ids=ids,
                                                     start=start, end=end, progress=progress))
        task.signals.finished.connect(partial(self._exported, task, path))
        task.signals.failed.connect(partial(self._export_failed, task))
        self._tasks.add(task)
        self.note.setText(self.tr("Exporting to %1…").replace("%1", str(path)))
        return tasks.start(task)

    def _exported(self, task: Task, path: Path, written: object) -> None:
        self._tasks.discard(task)
        if not isValid(self):
            return
        count = int(written) if isinstance(written, int) else 0
        self.note.setText(self.tr("Exported %n reading(s) to %1.", "", count)
                          .replace("%1", str(path)))
        self.export_finished.emit(str(path), count)

    def _export_failed(self, task: Task, message: str) -> None:
        self._tasks.discard(task)
        if not isValid(self):
            return
        self.note.setText(message)
        self.export_finished.emit("", 0)

    # --- polling ---------------------------------------------------------------------------
    def _polling_buttons(self, *, running: bool) -> None:
        may = self.context.may(Permission.MANAGE_SENSORS)
        self.start_button.setEnabled(may and not running)
        self.stop_button.setEnabled(running)
        self.poll_now_button.setEnabled(running)
        self.port_combo.setEnabled(not running)

    def start_polling(self) -> None:
        port = self.port_combo.currentText().strip()
        if not port:
            self.status.setText(self.tr("Choose or type the port of the sensor bus first."))
            return
        self.stop_polling()
        save_bus_port(port, self._settings)
        poller = SensorPoller(self.context.database, self.context.actor, port,
                              timeout=self._poll_timeout, parent=self)
        poller.polled.connect(self._polled)
        poller.problem.connect(self._say)
        poller.status.connect(self._say)
        self.poller = poller
        self.status.setText(self.tr("Opening %1…").replace("%1", port))
        poller.start()
        self._polling_buttons(running=True)

    def stop_polling(self) -> bool:
        """Stop the poller; True when no poller thread is left running."""
        stopped = True
        if self.poller is not None:
            stopped = self.poller.stop()
            self.poller.deleteLater()
            self.poller = None
            self.status.setText(self.tr("Polling stopped."))
        self._polling_buttons(running=False)
        return stopped

    def poll_now(self) -> None:
        if self.poller is not None:
            self.poller.poll_now()

    def _say(self, text: str) -> None:
        self.status.setText(f"{dt.datetime.now():%H:%M:%S}  {text}")

    def _polled(self, code: str, values: object) -> None:
        shown = ", ".join(f"{name_of(ChannelKind(kind))} {value:g}"
                          for kind, value in dict(values).items()) if isinstance(
                              values, dict) else ""
        self._say(self.tr("%1 read: %2").replace("%1", code).replace("%2", shown))
        self.refresh()
        row = next((r for r in self.rows if r.code == code), None)
        on_screen = row is not None and self.selection is not None and (
            self.selection.sensor_id == row.sensor_id
            or (self.selection.plot_id is not None and self.selection.plot_id == row.plot_id))
        if on_screen:
            if self.following:
                self.set_range(self.range_key)
            else:
                self.load()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_polling()
        super().closeEvent(event)
