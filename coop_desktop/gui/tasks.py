"""One way to run long work off the GUI thread: a function in the global thread pool, its
progress, result or error delivered back on the GUI thread by signal, and a way to cancel."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from coop_desktop.domain.errors import DomainError

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?


class TaskSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)  # a sentence for the user (domain error) or a short bug report


class Task(QRunnable):
    """Runs ``function(progress)``; the function calls ``progress(done, total)`` and stops
    when it returns False (the user pressed Cancel)."""

    def __init__(self, function: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.function = function
        self.signals = TaskSignals()
        self._cancelled = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self._cancelled.is_set()

    def run(self) -> None:
        try:
            result = self.function(self._progress)
        except DomainError as error:
            self.signals.failed.emit(str(error))
        except Exception:  # a bug: reported, never silently lost
            self.signals.failed.emit(traceback.format_exc(limit=5))
        else:
            self.signals.finished.emit(result)


def start(task: Task) -> Task:
    QThreadPool.globalInstance().start(task)
    return task
