"""What happens when the program meets a bug: a report on disk, a dialog, and faulthandler.

Errors a user can fix are domain errors with a sentence; anything else reaching
``sys.excepthook`` is a bug. The hook logs the traceback, writes a crash report to
``logs/crash-YYYYmmdd-HHMMSS.txt`` in the data folder (program version, platform, the traceback,
the last lines of the log) and shows a dialog saying where the report is, with a button that
copies it for an e-mail or a chat message. ``faulthandler`` writes the Python stacks of a hard
crash (a segfault in a driver, a deadlock killed by the watchdog) to ``logs/faulthandler.log``.

Crash reports are meant to be sent to whoever supports the cooperative, so they carry no
personal data: numbers that look like ID numbers, mobile or landline phones and bank accounts
are masked in everything the report quotes (exception messages and log lines alike).
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import logging
import platform
import re
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coop_desktop import __version__, paths

log = logging.getLogger(__name__)

LOG_FILE_NAME = "coop-desktop.log"
FAULT_FILE_NAME = "faulthandler.log"
LOG_LINES = 60

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]

#: Personal numbers, most specific first: a citizen ID number (18 characters, the last may be
#: X), a bank account or card (15 to 19 digits), a mobile phone, a landline.
_PERSONAL = (
    (re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])"), "[id number]"),
    (re.compile(r"(?<!\d)\d{15,19}(?!\d)"), "[account]"),
    (re.compile(r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)"), "[phone]"),
    (re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)"), "[phone]"),
)


def redact(text: str) -> str:
    """``text`` with ID numbers, bank accounts and phone numbers masked."""
    for pattern, mask in _PERSONAL:
        text = pattern.sub(mask, text)
    return text


def last_log_lines(count: int = LOG_LINES) -> list[str]:
    """The last ``count`` lines of the program's log file (none if it has no log yet)."""
    file = paths.logs_dir() / LOG_FILE_NAME
    try:
        with file.open("rb") as stream:
            stream.seek(0, 2)
            size = stream.tell()
            stream.seek(max(size - 256 * count, 0))
            tail = stream.read().decode("utf-8", errors="replace")
    except OSError:
        return []
    return tail.splitlines()[-count:]


def report_text(kind: type[BaseException], error: BaseException,
                trace: TracebackType | None, now: dt.datetime | None = None) -> str:
    """The crash report: version, platform, the traceback and the last log lines, redacted."""
    now = now or dt.datetime.now().astimezone()
    lines = [
        f"Coop Desktop {__version__} crash report",
        f"time: {now.isoformat(timespec='seconds')}",
        f"platform: {platform.platform()} ({platform.machine()})",
        f"python: {platform.python_version()} {sys.executable if not _frozen() else '(frozen)'}",
        f"qt: {qVersion()}, pyside6: {pyside_version}",
        f"thread: {threading.current_thread().name}",
        "",
        "traceback:",
        *"".join(traceback.format_exception(kind, error, trace)).rstrip().splitlines(),
        "",
        f"last log lines ({paths.logs_dir() / LOG_FILE_NAME}):",
        *last_log_lines(),
    ]
    return redact("\n".join(lines) + "\n")


def write_report(text: str, now: dt.datetime | None = None) -> Path:
    """Save ``text`` as a new crash report in the logs folder; its path."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = paths.logs_dir()
    file = folder / f"crash-{stamp}.txt"
    number = 2
    while file.exists():
        file = folder / f"crash-{stamp}-{number}.txt"
        number += 1
    file.write_text(text, encoding="utf-8")
    return file


def _frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


class CrashDialog(QMessageBox):
    """Tells the user the program met a bug, where its report is, and copies the report."""

    def __init__(self, report: Path, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.report_text = text
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("Coop Desktop met an unexpected error"))
        self.setText(self.tr(
            "Something went wrong inside Coop Desktop. What you saved before is kept; the "
            "last action may not have finished. Check it, and send the report below to "
            "whoever supports your cooperative."))
        self.setInformativeText(self.tr("The report was saved as:\n%1").replace(
            "%1", str(report)))
        self.setDetailedText(text)
        self.copy_button = self.addButton(self.tr("Copy the report"),
                                          QMessageBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("copy_report")
        self.copy_button.clicked.disconnect()  # copying must not close the dialog
        self.copy_button.clicked.connect(self.copy_report)
        self.close_button = self.addButton(QMessageBox.StandardButton.Close)
        self.setDefaultButton(self.close_button)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text)


@dataclass
class CrashHandler:
    """The installed hooks; :meth:`uninstall` puts back what was there before."""

    fault_file: IO[str] | None
    previous_hook: ExceptHook
    previous_thread_hook: Callable[[threading.ExceptHookArgs], object]
    fault_was_enabled: bool
    reports: list[Path] = field(default_factory=list)
    _showing: bool = False

    def excepthook(self, kind: type[BaseException], error: BaseException,
                   trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self.previous_hook(kind, error, trace)
            return
        try:
            report = self.save(kind, error, trace)
            if threading.current_thread() is threading.main_thread():
                self.show_dialog(report)
        except Exception:  # the hook must never raise: fall back to stderr
            self.previous_hook(kind, error, trace)

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        """An uncaught error in a worker thread: logged and reported, no dialog (widgets
        belong to the GUI thread)."""
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        try:
            self.save(args.exc_type, args.exc_value, args.exc_traceback)
        except Exception:  # likewise
            self.previous_thread_hook(args)

    def save(self, kind: type[BaseException], error: BaseException,
             trace: TracebackType | None) -> Path:
        log.critical("unexpected error\n%s", redact(
            "".join(traceback.format_exception(kind, error, trace)).rstrip()))
        report = write_report(report_text(kind, error, trace))
        self.reports.append(report)
        log.critical("crash report saved in %s", report)
        return report

    def show_dialog(self, report: Path) -> None:
        if self._showing or not isinstance(QApplication.instance(), QApplication):
            return  # a second error while the dialog is up is in the same report folder
        self._showing = True
        try:
            dialog = CrashDialog(report, report.read_text(encoding="utf-8"),
                                 QApplication.activeWindow())
            dialog.exec()
        finally:
            self._showing = False

    def uninstall(self) -> None:
        if sys.excepthook == self.excepthook:
            sys.excepthook = self.previous_hook
        if threading.excepthook == self.thread_hook:
            threading.excepthook = self.previous_thread_hook
        if self.fault_file is not None:
            faulthandler.disable()
            self.fault_file.close()
            self.fault_file = None
            if self.fault_was_enabled and sys.__stderr__ is not None:
                faulthandler.enable(sys.__stderr__, all_threads=True)


def enable_faulthandler() -> IO[str] | None:
    """Have faulthandler write the stacks of a hard crash to ``logs/faulthandler.log``."""
    try:
        stream = (paths.logs_dir() / FAULT_FILE_NAME).open("a", encoding="utf-8")
    except OSError as error:
        log.warning("no faulthandler file: %s", error)
        return None
    stream.write(f"--- started {dt.datetime.now().astimezone().isoformat(timespec='seconds')}"
                 f" (Coop Desktop {__version__})\n")
    stream.flush()
    faulthandler.enable(stream, all_threads=True)
    return stream


def install() -> CrashHandler:
    """Install the crash hooks and faulthandler for the rest of the process (at start-up,
    once the data folder and logging are set up)."""
    was_enabled = faulthandler.is_enabled()
    handler = CrashHandler(fault_file=enable_faulthandler(), previous_hook=sys.excepthook,
                           previous_thread_hook=threading.excepthook,
                           fault_was_enabled=was_enabled)
    sys.excepthook = handler.excepthook
    threading.excepthook = handler.thread_hook
    return handler
