"""The home page: today's work and warnings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QListWidget, QVBoxLayout, QWidget

from coop_desktop.gui.context import AppContext
from coop_desktop.gui.i18n import QT_TRANSLATE_NOOP
from coop_desktop.gui.pages.home_charts import HomeCharts
from coop_desktop.services.home import todays_work

SECTIONS = (
    ("quality", QT_TRANSLATE_NOOP("Home", "Lots waiting for a quality result")),
    ("phi", QT_TRANSLATE_NOOP("Home", "Planting batches inside a pre-harvest interval")),
    ("withdrawal", QT_TRANSLATE_NOOP("Home", "Animals inside a withdrawal period")),
    ("certificate", QT_TRANSLATE_NOOP("Home", "Certificates expiring within 60 days")),
    ("sensor", QT_TRANSLATE_NOOP("Home", "Sensor alerts")),
)


class HomePage(QWidget):
    open_code = Signal(str, str)  # kind of warning, code of the record

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lists: dict[str, QListWidget] = {}
        grid = QGridLayout()
        for index, (kind, title) in enumerate(SECTIONS):
            box = QGroupBox(QCoreApplication.translate("Home", title), self)
            box.setObjectName(f"home_{kind}")
            items = QListWidget(box)
            items.itemActivated.connect(
                lambda item, k=kind: self.open_code.emit(k, item.text().split(":")[0]))
            inner = QVBoxLayout(box)
            inner.addWidget(items)
            self.lists[kind] = items
            grid.addWidget(box, index // 2, index % 2)
        self.charts = HomeCharts(context, self)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.charts, 1)
        self.refresh()

    def refresh(self) -> None:
        work = todays_work(self.context.database, self.context.actor)
        for kind, items in self.lists.items():
            items.clear()
            warnings = work.of_kind(kind)
            for warning in warnings:
                items.addItem(warning.text)
            if not warnings:
                items.addItem(self.tr("Nothing to do"))
        self.charts.refresh()
