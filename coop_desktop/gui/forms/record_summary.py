"""A record that is not changed once recorded (a delivery, a certificate, a shipment), shown
read-only when the list's Edit is used, with what to do instead."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from coop_desktop.gui.context import AppContext
from coop_desktop.gui.pages.specs import LIST_SPECS


class RecordSummary(QDialog):
    def __init__(self, context: AppContext, kind: str, row: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        spec = LIST_SPECS[kind]
        columns = spec.columns
        self.setWindowTitle(f"{columns[0].title()} {columns[0].text(row)}")
        form = QFormLayout()
        for column in columns:
            value = QLabel(column.text(row), self)
            value.setObjectName(column.key)
            form.addRow(column.title(), value)
        note = QLabel(self.tr("A recorded entry is not changed afterwards, so that the "
                              "records stay trustworthy; record a correcting entry instead."),
                      self)
        note.setObjectName("note")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
