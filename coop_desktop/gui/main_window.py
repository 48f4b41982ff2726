"""The main window. For now a summary of the cooperative's records; the desk's pages come
with the next issue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop import APP_NAME
from coop_desktop.services.listing import count_records, list_records
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database

_KINDS = ("members", "plots", "batches", "animals", "lots", "labels", "certifications")


class MainWindow(QMainWindow):
    def __init__(self, database: Database) -> None:
        super().__init__()
        self.database = database
        self.setWindowTitle(APP_NAME)
        self.resize(960, 640)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.summary = QLabel(central)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.lots = QTableWidget(central)
        layout.addWidget(self.lots)
        self.setCentralWidget(central)
        self.statusBar().showMessage(self.tr("Database: %1").replace("%1", database.describe()))
        self.refresh()

    def refresh(self) -> None:
        counts = {kind: count_records(self.database, SYSTEM, kind) for kind in _KINDS}
        self.summary.setText("   ".join(f"{kind}: {count}" for kind, count in counts.items()))
        rows = list_records(self.database, SYSTEM, "lots", limit=200)
        columns = ["code", "product", "quantity", "unit", "status", "harvest_date", "pack_date"]
        self.lots.setColumnCount(len(columns))
        self.lots.setHorizontalHeaderLabels(columns)
        self.lots.setRowCount(len(rows))
        for row_index, row in enumerate(rows):
            for column_index, column in enumerate(columns):
                value = row.get(column)
                self.lots.setItem(row_index, column_index,
                                  QTableWidgetItem("" if value is None else str(value)))
        self.lots.resizeColumnsToContents()
