"""A bug reaching the top: a redacted crash report in the data folder, a dialog that says where it
is and copies it; a worker thread's bug reported too; a hard crash leaves a faulthandler stack."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from coop_desktop import __version__, paths
from coop_desktop.gui import crash

ID_NUMBER = "62062219800101123X"
MOBILE = "13912345678"
ACCOUNT = "6228480012345678912"


class Boom(RuntimeError):
    pass


@pytest.fixture
def handler(monkeypatch: pytest.MonkeyPatch) -> Iterator[crash.CrashHandler]:
    """Installed hooks whose dialog is recorded, not run modally."""
    shown: list[crash.CrashDialog] = []

    def record(dialog: crash.CrashDialog) -> int:
        shown.append(dialog)
        return 0

    monkeypatch.setattr(crash.CrashDialog, "exec", record)
    installed = crash.install()
    installed.shown = shown  # type: ignore[attr-defined]
    yield installed
    installed.uninstall()
    for dialog in shown:
        dialog.deleteLater()


def _log_a_line_with_a_phone() -> None:
    folder = paths.logs_dir()
    (folder / crash.LOG_FILE_NAME).write_text(
        "2026-12-04 10:00:00 INFO coop_desktop: started\n"
        f"2026-12-04 10:00:01 INFO coop_desktop.services: member phone {MOBILE} saved\n",
        encoding="utf-8")


def _raise_with_personal_data() -> None:
    raise Boom(f"member {ID_NUMBER} pays to {ACCOUNT}, call {MOBILE} or 0935-1234567")


def test_redact_masks_id_numbers_accounts_and_phones_but_keeps_gtins_and_dates() -> None:
    text = (f"id {ID_NUMBER} id {ID_NUMBER.lower()} account {ACCOUNT} mobile {MOBILE} "
            "+86 139 1234 5678 landline 0935-1234567 gtin 06901234567892 date 2026-12-04 "
            "serial 1000234 at 10:00:01")
    masked = crash.redact(text)
    for personal in (ID_NUMBER, ID_NUMBER.lower(), ACCOUNT, MOBILE, "139 1234 5678",
                     "0935-1234567"):
        assert personal not in masked
    for kept in ("06901234567892", "2026-12-04", "1000234", "10:00:01"):
        assert kept in masked


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_a_slot_saves_a_report_and_shows_where_it_is(
        qtbot: QtBot, handler: crash.CrashHandler, data_dir: Path) -> None:
    _log_a_line_with_a_phone()
    button = QPushButton("go")
    qtbot.addWidget(button)
    button.clicked.connect(_raise_with_personal_data)
    button.click()  # the exception leaves the slot and reaches sys.excepthook

    [report] = handler.reports
    assert report.parent == data_dir / "logs"
    assert re.fullmatch(r"crash-\d{8}-\d{6}\.txt", report.name)
    text = report.read_text(encoding="utf-8")
    assert f"Coop Desktop {__version__}" in text
    assert "platform: " in text and "qt: " in text
    assert "_raise_with_personal_data" in text and "Boom" in text
    assert "member phone [phone] saved" in text  # the last log lines, redacted
    for personal in (ID_NUMBER, ACCOUNT, MOBILE, "0935-1234567"):
        assert personal not in text

    [dialog] = handler.shown  # type: ignore[attr-defined]
    assert str(report) in dialog.informativeText()
    assert dialog.detailedText() == text
    dialog.show()
    qtbot.waitExposed(dialog)
    picture = dialog.grab()
    assert not picture.isNull()
    del picture
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == text
    assert dialog.isVisible(), "copying must not close the dialog"
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_a_second_bug_gets_a_report_of_its_own(handler: crash.CrashHandler) -> None:
    for _ in range(2):
        try:
            _raise_with_personal_data()
        except Boom as error:
            handler.excepthook(Boom, error, error.__traceback__)
    assert len(handler.reports) == 2
    assert len(set(handler.reports)) == 2
    assert all(report.is_file() for report in handler.reports)


def test_a_bug_in_a_worker_thread_is_reported_without_a_dialog(
        handler: crash.CrashHandler) -> None:
    worker = threading.Thread(target=_raise_with_personal_data, name="label-batch")
    worker.start()
    worker.join(timeout=30)
    [report] = handler.reports
    assert "thread: label-batch" in report.read_text(encoding="utf-8")
    assert handler.shown == []  # type: ignore[attr-defined]


def test_the_traceback_is_logged_too(handler: crash.CrashHandler,
                                     caplog: pytest.LogCaptureFixture) -> None:
    try:
        _raise_with_personal_data()
    except Boom as error:
        with caplog.at_level(logging.CRITICAL, logger=crash.__name__):
            handler.excepthook(Boom, error, error.__traceback__)
    [logged] = [record.getMessage() for record in caplog.records
                if "Traceback" in record.getMessage()]
    assert "_raise_with_personal_data" in logged
    assert ID_NUMBER not in logged and MOBILE not in logged  # the log file is no leak either


def test_uninstall_puts_back_the_hooks_it_replaced() -> None:
    before = (sys.excepthook, threading.excepthook)
    installed = crash.install()
    assert sys.excepthook == installed.excepthook
    assert threading.excepthook == installed.thread_hook
    installed.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_a_hard_crash_leaves_the_stacks_in_the_faulthandler_file(tmp_path: Path) -> None:
    folder = tmp_path / "crashing"
    environment = {**os.environ, paths.DATA_DIR_ENV: str(folder), "QT_QPA_PLATFORM": "offscreen"}
    environment.pop("PYTHONFAULTHANDLER", None)
    done = subprocess.run(
        [sys.executable, "-c",
         "import faulthandler\n"
         "from coop_desktop.gui import crash\n"
         "crash.install()\n"
         "def in_the_scale_driver():\n"
         "    faulthandler._sigsegv()\n"
         "in_the_scale_driver()\n"],
        env=environment, capture_output=True, timeout=120, check=False)
    assert done.returncode != 0
    dump = (folder / "logs" / crash.FAULT_FILE_NAME).read_text(encoding="utf-8")
    assert f"(Coop Desktop {__version__})" in dump
    assert "Fatal Python error: Segmentation fault" in dump
    assert "in_the_scale_driver" in dump
