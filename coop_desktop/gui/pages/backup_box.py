"""The Backups group of the Settings page (admins and managers).

On an SQLite database: the backups in the data folder with their dates, kinds and sizes, a
"Back up now" button, and "Restore…", which verifies the chosen file before anything is
replaced, keeps the database in use as a backup, and then closes the program so that it starts
again on the restored records. On PostgreSQL: the pg_dump command to schedule on the server,
and a check that the newest dump in the folder the administrator names is recent.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop import paths
from coop_desktop.domain.errors import DomainError
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.tasks import Progress, Task, start
from coop_desktop.services.backups import (
    AUTOMATIC,
    BEFORE_RESTORE,
    MANUAL,
    BackupFile,
    back_up_now,
    list_backups,
    pg_dump_command,
    pg_dump_status,
    restore_backup,
)

log = logging.getLogger(__name__)
DUMP_FOLDER_KEY = "backups/pg_dump_folder"


class BackupBox(QGroupBox):
    """``restored`` is emitted after a restore, once the user was told the program closes."""

    restored = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 folder: Path | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.folder = folder or paths.backups_dir()
        self._settings = settings
        self._task: Task | None = None
        self.setTitle(self.tr("Backups"))
        self.setObjectName("backups")
        self.status = QLabel(self)
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        if context.database.is_sqlite:
            self._build_sqlite(layout)
        else:
            self._build_postgres(layout)
        layout.addWidget(self.status)

    def settings(self) -> QSettings:
        return self._settings if self._settings is not None else QSettings()

    # --- SQLite ---------------------------------------------------------------------------
    def _build_sqlite(self, layout: QVBoxLayout) -> None:
        explain = QLabel(self.tr(
            "Coop Desktop backs up the database when it starts and once a day while it runs, "
            "into %1. It keeps the newest backup of each of the last 7 days, 4 weeks and 12 "
            "months; backups made by hand, before an upgrade or before a restore are always "
            "kept. Copy the folder to a USB stick now and then.").replace(
                "%1", str(self.folder)), self)
        explain.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("backup_list")
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Kind"),
                                              self.tr("Size")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(160)
        self.back_up_button = QPushButton(self.tr("Back up now"), self)
        self.back_up_button.setObjectName("back_up_now")
        self.restore_button = QPushButton(self.tr("Restore…"), self)
        self.restore_button.setObjectName("restore")
        self.restore_button.setToolTip(self.tr(
            "Replace the records with a backup: the file is checked first, and the records "
            "as they are now are kept as a backup."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_up_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout.addWidget(explain)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.back_up_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self.restore)
        self.refresh()

    def backups(self) -> list[BackupFile]:
        return list_backups(self.folder)

    def refresh(self) -> None:
        backups = self.backups()
        locale = QLocale()
        self.table.setRowCount(len(backups))
        for row, item in enumerate(backups):
            taken = QTableWidgetItem(item.taken_at.strftime("%Y-%m-%d %H:%M"))
            taken.setData(Qt.ItemDataRole.UserRole, str(item.path))
            taken.setToolTip(item.path.name)
            size = QTableWidgetItem(locale.formattedDataSize(item.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, taken)
            self.table.setItem(row, 1, QTableWidgetItem(self.kind_name(item.reason)))
            self.table.setItem(row, 2, size)
        self.table.resizeColumnToContents(0)

    def kind_name(self, reason: str) -> str:
        if reason == AUTOMATIC:
            return self.tr("Automatic")
        if reason == MANUAL:
            return self.tr("By hand")
        if reason == BEFORE_RESTORE:
            return self.tr("Before a restore")
        if reason.startswith("before-upgrade-from-"):
            return self.tr("Before an upgrade (schema %1)").replace(
                "%1", reason.removeprefix("before-upgrade-from-"))
        return reason

    def selected_backup(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return Path(str(item.data(Qt.ItemDataRole.UserRole))) if item is not None else None

    def back_up(self) -> Task | None:
        """Back up now, off the GUI thread; the list and the status line show the result."""
        if self._task is not None:
            return None
        context, folder = self.context, self.folder

        def work(_progress: Progress) -> BackupFile | None:
            return back_up_now(context.database, context.actor, folder)

        self.back_up_button.setEnabled(False)
        self.status.setText(self.tr("Backing up…"))
        task = Task(work)
        task.signals.finished.connect(self._backed_up)
        task.signals.failed.connect(self._back_up_failed)
        self._task = task
        return start(task)

    def _backed_up(self, result: object) -> None:
        self._task = None
        self.back_up_button.setEnabled(True)
        self.refresh()
        if isinstance(result, BackupFile):
            self.status.setText(self.tr("Backed up to %1").replace("%1", str(result.path)))

    def _back_up_failed(self, reason: str) -> None:
        self._task = None
        self.back_up_button.setEnabled(True)
        log.error("a backup by hand failed: %s", reason)
        self.status.setText(self.tr("The backup failed: %1").replace("%1", reason.strip()))

    def choose_backup(self) -> Path | None:
        """The file to restore: the selected backup, else one chosen in a file dialog."""
        selected = self.selected_backup()
        start_at = str(selected or self.folder)
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Restore a backup"), start_at,
            self.tr("Coop Desktop backups (*.sqlite *.db *.bak);;All files (*)"))
        return Path(name) if name else None

    def restore(self) -> bool:
        """Verify the chosen backup, keep the records in use, replace them, and close the
        program so that it starts again on the restored records."""
        file = self.choose_backup()
        if file is None:
            return False
        answer = QMessageBox.question(
            self, self.tr("Restore a backup"),
            self.tr("Replace all records with the backup %1?\n\nThe file is checked first; "
                    "the records as they are now are kept as a backup. Coop Desktop closes "
                    "afterwards: start it again.").replace("%1", file.name))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = restore_backup(self.context.database, self.context.actor, file,
                                    self.folder)
        except DomainError as error:
            self.status.setText(self.tr("Nothing was restored: %1").replace("%1", str(error)))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        sentence = self.tr(
            "The backup %1 was restored. Coop Desktop will close now; start it again to "
            "work on the restored records.").replace("%1", file.name)
        if result.kept is not None:
            sentence += "\n" + self.tr("The records as they were are kept in %1.").replace(
                "%1", str(result.kept))
        self.status.setText(sentence)
        self.restore_button.setEnabled(False)
        self.back_up_button.setEnabled(False)
        QMessageBox.information(self, self.tr("Restore a backup"), sentence)
        self.restored.emit(str(file))
        window = self.window()
        if window is not self:
            window.close()  # the main window: closing it ends the program
        return True

    # --- PostgreSQL ------------------------------------------------------------------------
    def _build_postgres(self, layout: QVBoxLayout) -> None:
        explain = QLabel(self.tr(
            "The records are on a PostgreSQL server: back it up on the server with pg_dump, "
            "once a day (Task Scheduler or cron), into a folder this PC can see. Name that "
            "folder here and Coop Desktop checks that the newest dump is recent."), self)
        explain.setWordWrap(True)
        self.dump_folder = QLineEdit(self)
        self.dump_folder.setObjectName("dump_folder")
        self.dump_folder.setText(str(self.settings().value(DUMP_FOLDER_KEY, "") or ""))
        self.dump_folder.setPlaceholderText(self.tr("The folder pg_dump writes into"))
        choose = QPushButton(self.tr("Choose…"), self)
        choose.setObjectName("choose_dump_folder")
        row = QHBoxLayout()
        row.addWidget(self.dump_folder, 1)
        row.addWidget(choose)
        self.command = QLineEdit(self)
        self.command.setObjectName("pg_dump_command")
        self.command.setReadOnly(True)
        layout.addWidget(explain)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("The command to schedule on the server:"), self))
        layout.addWidget(self.command)
        choose.clicked.connect(self._choose_dump_folder)
        self.dump_folder.editingFinished.connect(self.check_dumps)
        self.check_dumps()

    def _choose_dump_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("The folder of the dumps"),
                                                  self.dump_folder.text())
        if folder:
            self.dump_folder.setText(folder)
            self.check_dumps()

    def check_dumps(self) -> bool:
        """Show the newest dump's age; True when it is recent."""
        text = self.dump_folder.text().strip()
        self.settings().setValue(DUMP_FOLDER_KEY, text)
        folder = Path(text) if text else paths.data_dir() / "pg-dumps"
        self.command.setText(pg_dump_command(self.context.database.url, folder))
        self.command.setCursorPosition(0)
        if not text:
            self.status.setText(self.tr("Name the folder of the dumps to check them."))
            return False
        dump = pg_dump_status(folder)
        if dump.newest is None or dump.taken_at is None:
            self.status.setText(self.tr("There is no dump in %1: the records are not backed "
                                        "up. Run the command below on the server.")
                                .replace("%1", text))
            return False
        when = dump.taken_at.strftime("%Y-%m-%d %H:%M")
        if not dump.recent:
            self.status.setText(self.tr("The newest dump, %1, was written on %2: more than a "
                                        "day ago. Check the scheduled pg_dump on the server.")
                                .replace("%1", dump.newest.name).replace("%2", when))
            return False
        self.status.setText(self.tr("The newest dump, %1, was written on %2.")
                            .replace("%1", dump.newest.name).replace("%2", when))
        return True
