"""Automatic backups while the program runs: one at start, then one whenever the newest
automatic backup is a day old (checked every hour, so a PC that slept catches up). Each runs in
a one-thread pool off the GUI thread; the outcome is logged and shown in the status bar, and a
failure is never silent."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QStatusBar

from coop_desktop.gui.tasks import Progress, Task
from coop_desktop.services.backups import AUTOMATIC, BackupFile, automatic_due, take_backup
from coop_desktop.storage.database import Database

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 60 * 60 * 1000
SUCCESS_SHOWN_MS = 10_000


class BackupTimer(QObject):
    """``done`` carries the new BackupFile (None for PostgreSQL, which pg_dump backs up);
    ``failed`` the sentence shown in the status bar."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, database: Database, folder: Path, status_bar: QStatusBar | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.folder = folder
        self.status_bar = status_bar
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._task: Task | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Back up now (the start of the program) and check every hour after."""
        if self.database.is_sqlite:
            self.run()
            self._timer.start()

    def stop(self) -> None:
        """Stop checking and wait for a backup in progress to end."""
        self._timer.stop()
        self._pool.waitForDone()

    @property
    def running(self) -> bool:
        return self._task is not None

    def check(self) -> None:
        if not self.running and automatic_due(self.folder):
            self.run()

    def run(self) -> Task | None:
        if self._task is not None:
            return None
        database, folder = self.database, self.folder

        def back_up(_progress: Progress) -> BackupFile | None:
            return take_backup(database, folder, AUTOMATIC)

        task = Task(back_up)
        task.signals.finished.connect(self._finished)
        task.signals.failed.connect(self._failed)
        self._task = task
        self._pool.start(task)
        return task

    def _finished(self, result: object) -> None:
        self._task = None
        if isinstance(result, BackupFile):
            log.info("automatic backup %s (%d bytes)", result.path, result.size)
            if self.status_bar is not None:
                self.status_bar.showMessage(self.tr("Backed up to %1").replace(
                    "%1", result.path.name), SUCCESS_SHOWN_MS)
        self.done.emit(result)

    def _failed(self, reason: str) -> None:
        self._task = None
        log.error("the automatic backup failed: %s", reason)
        sentence = self.tr("The automatic backup failed: %1").replace("%1", reason.strip())
        if self.status_bar is not None:
            self.status_bar.showMessage(sentence)  # stays until another message replaces it
        self.failed.emit(sentence)
