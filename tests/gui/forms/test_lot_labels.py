"""The Print labels dialog: the preview is the label itself, a refused lot says why (and a
manager may print with a reason), files and a network printer receive the labels."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import zxingcpp
from PIL import Image
from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import Role
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms.lot_labels import PDF_FILE, PNG_FILES, PrintLabelsForm
from coop_desktop.gui.printing.profiles import PrinterKind, PrinterProfile
from coop_desktop.services.permissions import Actor
from coop_desktop.storage.database import Database
from tests.services.builders import harvested_lot, make_product, passing_test

GTIN = "06901234567892"


def _lot(db: Database, *, tested: bool = True) -> int:
    _, lot_id = harvested_lot(db, "26120401", product_id=make_product(db, gtin=GTIN))
    if tested:
        passing_test(db, lot_id, "Q-1")
    return lot_id


def _choose(form: PrintLabelsForm, data: str) -> None:
    form.destination.setCurrentIndex(form.destination.findData(data))


def test_the_preview_is_the_label_and_png_files_are_written(coop: Database, qtbot: QtBot,
                                                             tmp_path: Path) -> None:
    packer = AppContext(coop, Actor("packer", Role.PACKER))
    form = PrintLabelsForm(packer, _lot(coop), profiles=[])
    qtbot.addWidget(form)
    assert form.preview.pixmap() is not None and not form.preview.pixmap().isNull()
    assert form.preview_layout is not None and form.preview_layout.dpi == 600  # a PDF
    assert not form.refusal.isVisibleTo(form)
    _choose(form, PNG_FILES)
    assert form.preview_layout.width == 480  # 60 mm at 203 dpi, dot for dot
    assert not form.save_button.isEnabled()  # no file yet
    form.file.setText(str(tmp_path / "crate.png"))
    form.count.setValue(2)
    assert form.save() is True
    assert form.issued is not None and form.issued.serials == [1, 2]
    texts = {r.text for r in zxingcpp.read_barcodes(Image.open(tmp_path / "crate-2.png"))}
    assert f"https://trace.example-coop.cn/01/{GTIN}/10/26120401/21/2" in texts


def test_a_refused_lot_says_why_and_only_a_manager_may_print_with_a_reason(
        coop: Database, qtbot: QtBot, tmp_path: Path) -> None:
    lot_id = _lot(coop, tested=False)
    packer = PrintLabelsForm(AppContext(coop, Actor("packer", Role.PACKER)), lot_id,
                             profiles=[])
    qtbot.addWidget(packer)
    _choose(packer, PDF_FILE)
    packer.file.setText(str(tmp_path / "x.pdf"))
    assert packer.refusal.isVisibleTo(packer)
    assert "quality" in packer.refusal.text() or "质检" in packer.refusal.text()
    assert not packer.save_button.isEnabled()
    manager = PrintLabelsForm(AppContext(coop, Actor("manager", Role.MANAGER)), lot_id,
                              profiles=[])
    qtbot.addWidget(manager)
    _choose(manager, PDF_FILE)
    manager.file.setText(str(tmp_path / "x.pdf"))
    assert manager.reason.isVisibleTo(manager)
    assert not manager.save_button.isEnabled()
    manager.reason.setText("客户急需，检测报告明天补")
    assert manager.save_button.isEnabled()
    assert manager.save() is True
    assert (tmp_path / "x.pdf").is_file()


def test_a_raw_printer_profile_receives_a_tspl_job(coop: Database, qtbot: QtBot) -> None:
    server = socket.create_server(("127.0.0.1", 0))
    received = bytearray()

    def accept() -> None:
        connection, _ = server.accept()
        with connection:
            while chunk := connection.recv(65536):
                received.extend(chunk)

    thread = threading.Thread(target=accept)
    thread.start()
    profile = PrinterProfile("包装线 TSC", PrinterKind.TSPL,
                             f"tcp://127.0.0.1:{server.getsockname()[1]}", darkness=11)
    form = PrintLabelsForm(AppContext(coop, Actor("packer", Role.PACKER)), _lot(coop),
                           profiles=[profile])
    qtbot.addWidget(form)
    assert form.destination.currentData() == "包装线 TSC"
    assert not form.file.isVisibleTo(form)
    form.count.setValue(3)
    assert form.save() is True
    thread.join(5)
    server.close()
    assert received.count(b"PRINT 1,1") == 3 and b"DENSITY 11" in received
