"""Trace: type or scan a lot code, label, ear tag or an input's lot and read its whole story."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain.errors import DomainError
from coop_desktop.gui.context import AppContext
from coop_desktop.reports.trace_text import render_trace
from coop_desktop.services.trace import TraceResult, trace


class TracePage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result: TraceResult | None = None
        self.code = QLineEdit(self)
        self.code.setObjectName("code")
        self.code.setPlaceholderText(self.tr("Lot code, label serial, ear tag or input lot"))
        self.code.setProperty("coopScanInput", True)  # a scan here is typed into the box
        self.button = QPushButton(self.tr("Trace"), self)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.story = QPlainTextEdit(self)
        self.story.setObjectName("story")
        self.story.setReadOnly(True)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setFamilies([*fixed.families(), self.font().family()])  # Chinese falls back
        self.story.setFont(fixed)
        bar = QHBoxLayout()
        bar.addWidget(self.code, 1)
        bar.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.story, 1)
        self.button.clicked.connect(lambda: self.trace_code(self.code.text()))
        self.code.returnPressed.connect(lambda: self.trace_code(self.code.text()))

    def trace_code(self, code: str) -> TraceResult | None:
        self.code.setText(code)
        try:
            self.result = trace(self.context.database, self.context.actor, code)
        except DomainError as error:
            self.result = None
            self.message.setText(str(error))
            self.story.clear()
            return None
        self.message.setText(self.tr("%n lot(s) in this story.", "", len(self.result.lots)))
        self.story.setPlainText(render_trace(self.result))
        return self.result
