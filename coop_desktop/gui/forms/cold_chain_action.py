"""The action "Import cold-chain temperatures…" of the Sales list: a data logger's CSV or
XLSX export is read (off the GUI thread), its readings, bad rows and excursions outside
0–8 °C are shown with a chart, and the readings are stored on the selected shipment only when
the user confirms — with bad rows, only when the user accepts the good ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain.errors import DomainError
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details.common import WARNING_TEXT, Cell, RecordTable
from coop_desktop.gui.details.shipment_pane import (
    TemperatureChart,
    degrees,
    excursion_text,
    sentences,
    span_text,
)
from coop_desktop.gui.forms import action
from coop_desktop.gui.i18n import QT_TRANSLATE_NOOP
from coop_desktop.gui.tasks import Task, start
from coop_desktop.services.cold_chain import LoggerData, import_logger_file, read_logger_file
from coop_desktop.services.details import shipment_story
from coop_desktop.services.permissions import Permission

Row = dict[str, Any] | None
#: The reading shows its progress dialog only when it takes longer than this.
PROGRESS_DELAY_MS = 400


class ColdChainDialog(QDialog):
    """Read a logger file (``load_file``), look at it, store it (``store``). Accepted once
    the readings are stored; ``stored`` then holds how many."""

    #: A file was read and is shown (``data`` holds it).
    file_read = Signal()
    #: A file could not be read: the sentence.
    failed = Signal(str)

    def __init__(self, context: AppContext, shipment_id: int, parent: QWidget | None = None,
                 *, choose_at_start: bool = False) -> None:
        super().__init__(parent)
        self.context = context
        self.shipment_id = shipment_id
        self.choose_at_start = choose_at_start
        self.path: Path | None = None
        self.data: LoggerData | None = None
        self.stored = 0
        self.task: Task | None = None
        self.progress: QProgressDialog | None = None
        story = shipment_story(context.database, context.actor, shipment_id)
        self.code = story.shipment.code
        self.already = len(story.temperatures)
        self.setWindowTitle(self.tr("Cold-chain temperatures of shipment %1")
                            .replace("%1", self.code))
        self.setMinimumSize(760, 640)

        subject = QLabel(self.tr("Shipment %1 to %2, shipped %3").replace("%1", self.code)
                         .replace("%2", story.shipment.customer)
                         .replace("%3", story.shipment.shipped_on.isoformat()), self)
        subject.setObjectName("subject")
        bold = QFont(subject.font())
        bold.setBold(True)
        subject.setFont(bold)
        intro = QLabel(self.tr("Choose the file the temperature logger exported (CSV or XLSX, "
                               "with a time and a temperature column). Nothing is stored "
                               "until you confirm."), self)
        intro.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose a file…"), self)
        self.choose_button.setObjectName("choose")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        self.file_label = QLabel(self)
        self.file_label.setObjectName("file")
        self.file_label.setWordWrap(True)
        choose_row = QHBoxLayout()
        choose_row.addWidget(self.choose_button)
        choose_row.addWidget(self.file_label, 1)

        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.chart = TemperatureChart(self)
        self.excursions_title = QLabel(self)
        self.excursions = RecordTable([self.tr("When"), self.tr("Excursion")], self)
        self.excursions.setObjectName("excursions")
        self.errors_title = QLabel(self)
        self.errors = RecordTable([self.tr("Row"), self.tr("What is wrong")], self)
        self.errors.setObjectName("bad_rows")
        lists = QHBoxLayout()
        for title, table in ((self.excursions_title, self.excursions),
                             (self.errors_title, self.errors)):
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(table)
            lists.addLayout(column, 1)
        self.note = QLabel(self)
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"QLabel {{ color: {WARNING_TEXT.name()}; }}")
        self.message.hide()

        self.buttons = QDialogButtonBox(self)
        self.store_button = QPushButton(self.tr("Store the readings"), self)
        self.store_button.setObjectName("store")
        self.store_button.setEnabled(False)
        self.buttons.addButton(self.store_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancel")
        self.store_button.clicked.connect(self.store)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(subject)
        layout.addWidget(intro)
        layout.addLayout(choose_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart, 1)
        layout.addLayout(lists)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._show(None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.choose_at_start:
            self.choose_at_start = False
            QTimer.singleShot(0, self.choose_file)

    # --- reading ----------------------------------------------------------------------------
    def choose_file(self) -> None:
        folder = str(self.path.parent) if self.path is not None else QDir.homePath()
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a temperature logger file"), folder,
            self.tr("Logger files (*.csv *.xlsx *.txt);;All files (*)"))
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> Task:
        """Read ``path`` off the GUI thread (``file_read`` when shown, ``failed`` when it
        cannot be read); nothing is stored."""
        self._show_message("")
        self.choose_button.setEnabled(False)
        self.store_button.setEnabled(False)
        task = Task(lambda _progress: read_logger_file(path))
        progress = QProgressDialog(self.tr("Reading %1…").replace("%1", path.name),
                                   self.tr("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_DELAY_MS)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(task.cancel)
        task.signals.finished.connect(self._read)
        task.signals.failed.connect(self._read_failed)
        self.task, self.progress, self.path = task, progress, path
        return start(task)

    def _done_reading(self) -> bool:
        """Close the progress dialog; False when the user cancelled (the result is dropped:
        a logger file is read in one go)."""
        task, self.task = self.task, None
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.canceled.disconnect()
            progress.reset()
            progress.hide()
            progress.deleteLater()
        self.choose_button.setEnabled(True)
        return not (task is not None and task.cancelled)

    def _read(self, data: object) -> None:
        if not self._done_reading():
            self._show(self.data)
            return
        assert isinstance(data, LoggerData)
        self._show(data)
        self.file_read.emit()

    def _read_failed(self, message: str) -> None:
        if not self._done_reading():
            self._show(self.data)
            return
        self._show(None)
        self._show_message(message)
        self.failed.emit(message)

    def _show(self, data: LoggerData | None) -> None:
        self.data = data
        shown = data is not None
        for widget in (self.summary, self.chart, self.excursions_title, self.excursions,
                       self.errors_title, self.errors, self.note):
            widget.setVisible(shown)
        if data is None:
            self.file_label.setText(self.tr("No file chosen."))
            self.store_button.setEnabled(False)
            return
        assert self.path is not None
        self.file_label.setText(self.path.name)
        band = f"{data.low:g}–{data.high:g} °C"
        readings = sorted(data.readings)
        if readings:
            values = [celsius for _, celsius in readings]
            summary = self.tr("%1 readings, %2, from %3 to %4.").replace(
                "%1", str(len(readings))).replace(
                "%2", span_text(readings[0][0], readings[-1][0])).replace(
                "%3", degrees(min(values))).replace("%4", degrees(max(values)))
        else:
            summary = self.tr("The file holds no usable reading.")
        if data.errors:
            summary = sentences(summary, self.tr("%n row(s) could not be read.", "",
                                                 len(data.errors)))
        self.summary.setText(summary)
        self.chart.show_readings(readings, data.low, data.high, data.excursions)
        self.excursions_title.setText(
            self.tr("Outside %1:").replace("%1", band) if data.excursions
            else self.tr("Every reading within %1.").replace("%1", band))
        self.excursions.set_rows(
            [span_text(excursion.start, excursion.end),
             Cell(excursion_text(excursion), warning=True)] for excursion in data.excursions)
        self.excursions.setVisible(bool(data.excursions))
        self.errors_title.setText(self.tr("Rows that could not be read:") if data.errors
                                  else self.tr("Every row could be read."))
        self.errors.set_rows([Cell(str(row), numeric=True), Cell(sentence, tooltip=sentence)]
                             for row, sentence in data.errors)
        self.errors.setVisible(bool(data.errors))
        notes = []
        if data.errors and readings:
            notes.append(self.tr("Storing keeps the %1 good readings and leaves out the rows "
                                 "that could not be read.").replace("%1", str(len(readings))))
        if self.already:
            notes.append(self.tr("This shipment already has %1 readings; these are added to "
                                 "them.").replace("%1", str(self.already)))
        self.note.setText(sentences(*notes))
        self.note.setVisible(bool(notes))
        if data.errors:
            self.store_button.setText(self.tr("Store the %1 good readings")
                                      .replace("%1", str(len(readings))))
        else:
            self.store_button.setText(self.tr("Store the %1 readings")
                                      .replace("%1", str(len(readings))))
        self.store_button.setEnabled(bool(readings))

    # --- storing ----------------------------------------------------------------------------
    def store(self) -> bool:
        """Store the readings on the shipment (the good ones, when some rows were bad: the
        button said so); the dialog is accepted. A refusal is shown and the dialog stays."""
        data, path = self.data, self.path
        if data is None or path is None or not data.readings or self.task is not None:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            stored = import_logger_file(self.context.database, self.context.actor,
                                        self.shipment_id, path,
                                        accept_valid=bool(data.errors))
        except DomainError as error:
            self._show_message(str(error))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        if stored.errors and not data.errors:  # the file changed since it was read
            self._show(stored)
            self._show_message(self.tr("The file has changed since it was read; look at it "
                                       "again before storing it."))
            return False
        self.stored = len(stored.readings)
        self.accept()
        return True

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
        super().reject()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


@action("shipments", QT_TRANSLATE_NOOP("Actions", "Import cold-chain temperatures…"),
        Permission.MANAGE_SALES)
def import_temperatures(context: AppContext, row: Row, parent: QWidget) -> QDialog:
    assert row is not None, "the list passes the selected shipment"
    return ColdChainDialog(context, int(row["id"]), parent, choose_at_start=True)
