"""Label printers of this PC on the Settings page: added, changed, removed (kept in the PC's
settings), and a test print that reaches the printer and uses no serial."""

from __future__ import annotations

import socket
import threading
from unittest.mock import patch

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from coop_desktop.gui.printing.printers_box import PrinterDialog, PrintersBox
from coop_desktop.gui.printing.profiles import PrinterKind, PrinterProfile, load_profiles


def _accepting(profile: PrinterProfile):  # type: ignore[no-untyped-def]
    def make(box: PrintersBox, _current: PrinterProfile | None) -> PrinterDialog:
        dialog = PrinterDialog(profile, box)
        dialog.exec = lambda: QDialog.DialogCode.Accepted  # type: ignore[method-assign]
        return dialog
    return make


def test_printers_are_added_changed_and_removed(qtbot: QtBot) -> None:
    settings = QSettings()
    box = PrintersBox(settings=settings)
    qtbot.addWidget(box)
    assert box.list.count() == 0 and not box.test_button.isEnabled()
    with patch.object(PrintersBox, "dialog_for",
                      _accepting(PrinterProfile("包装线", PrinterKind.ZPL, "tcp://10.0.0.9:9100",
                                                dpi=300, darkness=12))):
        box.edit(None)
    assert load_profiles(settings) == [PrinterProfile("包装线", PrinterKind.ZPL,
                                                      "tcp://10.0.0.9:9100", dpi=300,
                                                      darkness=12)]
    box.list.setCurrentRow(0)
    with patch.object(PrintersBox, "dialog_for",
                      _accepting(PrinterProfile("包装线 2", PrinterKind.TSPL, "serial:COM3"))):
        box.edit(box.current())
    assert [p.name for p in load_profiles(settings)] == ["包装线 2"]
    box.list.setCurrentRow(0)
    box.remove()
    assert load_profiles(settings) == []


def test_the_dialog_wants_a_name_and_an_address(qtbot: QtBot) -> None:
    dialog = PrinterDialog(None)
    qtbot.addWidget(dialog)
    dialog.accept_if_complete()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.text()
    dialog.name.setText("TSC")
    dialog.address.setEditText("tcp://127.0.0.1:9100")
    dialog.accept_if_complete()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_test_print_reaches_the_printer(qtbot: QtBot) -> None:
    server = socket.create_server(("127.0.0.1", 0))
    received = bytearray()

    def accept() -> None:
        connection, _ = server.accept()
        with connection:
            while chunk := connection.recv(65536):
                received.extend(chunk)

    thread = threading.Thread(target=accept)
    thread.start()
    from coop_desktop.gui.printing.profiles import save_profile

    settings = QSettings()
    save_profile(PrinterProfile("TSC", PrinterKind.TSPL,
                                f"tcp://127.0.0.1:{server.getsockname()[1]}"), settings)
    box = PrintersBox(settings=settings)
    qtbot.addWidget(box)
    box.list.setCurrentRow(0)
    box.test()
    thread.join(5)
    server.close()
    assert b"PRINT 1,1" in received and b"QRCODE" in received
    assert "TSC" in box.status.text()
    save_profile(PrinterProfile("TSC", PrinterKind.TSPL, "tcp://127.0.0.1:9"), settings)
    box.reload()
    box.list.setCurrentRow(0)
    box.test()
    assert "127.0.0.1:9" in box.status.text()  # offline: said in words

