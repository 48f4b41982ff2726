"""Trace: type or scan a lot code, label, ear tag or an input's lot and read its whole story, as
a list and as a graph; one click on Recall writes the recall report (PDF and CSV, with the time
the search took) into the data folder's reports and says what it found."""

from __future__ import annotations

import datetime as dt
import html
import re

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coop_desktop import paths
from coop_desktop.domain.errors import DomainError
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details.trace_graph import TraceGraphView
from coop_desktop.reports.recall_report import summary_line, write_csv, write_pdf
from coop_desktop.reports.trace_text import render_trace
from coop_desktop.services.details import trace_graph
from coop_desktop.services.recall import RecallResult, recall
from coop_desktop.services.trace import TraceResult, trace
from coop_desktop.services.work import reading, the_cooperative


class TracePage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result: TraceResult | None = None
        self.recalled: RecallResult | None = None
        self.report_files: list[str] = []
        self.code = QLineEdit(self)
        self.code.setObjectName("code")
        self.code.setPlaceholderText(self.tr("Lot code, label serial, ear tag or input lot"))
        self.code.setProperty("coopScanInput", True)  # a scan here is typed into the box
        self.button = QPushButton(self.tr("Trace"), self)
        self.recall_button = QPushButton(self.tr("Recall report"), self)
        self.recall_button.setObjectName("recall")
        self.recall_button.setToolTip(self.tr(
            "Everything made from this lot or input lot, who received it and what should be in "
            "stock: a PDF and a CSV in the reports folder"))
        self.recall_button.setEnabled(False)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.linkActivated.connect(self._open)
        self.story = QPlainTextEdit(self)
        self.story.setObjectName("story")
        self.story.setReadOnly(True)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setFamilies([*fixed.families(), self.font().family()])  # Chinese falls back
        self.story.setFont(fixed)
        self.graph = TraceGraphView(self)
        self.graph.setObjectName("graph")
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.graph, self.tr("Graph"))
        self.tabs.addTab(self.story, self.tr("Story"))
        bar = QHBoxLayout()
        bar.addWidget(self.code, 1)
        bar.addWidget(self.button)
        bar.addWidget(self.recall_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.button.clicked.connect(lambda: self.trace_code(self.code.text()))
        self.code.returnPressed.connect(lambda: self.trace_code(self.code.text()))
        self.recall_button.clicked.connect(self.recall_current)

    def trace_code(self, code: str) -> TraceResult | None:
        self.code.setText(code)
        try:
            self.result = trace(self.context.database, self.context.actor, code)
        except DomainError as error:
            self.result = None
            self.message.setText(html.escape(str(error)))
            self.story.clear()
            self.graph.scene().clear()
            self.recall_button.setEnabled(False)
            return None
        self.message.setText(self.tr("%n lot(s) in this story.", "", len(self.result.lots)))
        self.story.setPlainText(render_trace(self.result))
        self.graph.show_graph(trace_graph(self.result))
        self.recall_button.setEnabled(True)
        return self.result

    def recall_current(self) -> RecallResult | None:
        """Recall what the box names: the report goes to the reports folder."""
        code = self.code.text().strip()
        try:
            result = recall(self.context.database, self.context.actor, code)
            with reading(self.context.database, self.context.actor) as session:
                cooperative = the_cooperative(session).name
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            safe = re.sub(r"[^A-Za-z0-9-]+", "_", code)[:40] or "code"
            pdf = paths.reports_dir() / f"recall-{safe}-{stamp}.pdf"
            table = pdf.with_suffix(".csv")
            write_pdf(result, pdf, cooperative=cooperative)
            write_csv(result, table)
        except DomainError as error:
            self.message.setText(html.escape(str(error)))
            return None
        except OSError as error:
            self.message.setText(html.escape(self.tr("The report could not be written: %1")
                                             .replace("%1", str(error))))
            return None
        self.recalled = result
        self.report_files = [str(pdf), str(table)]
        links = " · ".join(f'<a href="{QUrl.fromLocalFile(name).toString()}">'
                           f"{html.escape(name)}</a>" for name in self.report_files)
        self.message.setText(html.escape(
            self.tr("Recall of %1: %2 Found in %3 ms.").replace("%1", code)
            .replace("%2", summary_line(result)).replace("%3", str(result.elapsed_ms)))
            + f"<br>{links}")
        return result

    def _open(self, link: str) -> None:
        QDesktopServices.openUrl(QUrl(link))
