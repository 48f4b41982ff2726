"""Printing a lot's labels end to end: the rules that refuse a label, the QR and GS1 content
from the records, files and a real TCP printer, and that serials are consumed only for labels
that were sent (or recorded as voids when a printer stops part-way)."""

from __future__ import annotations

import os
import socket
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select

from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.models import Package, PackageStatus, Role, SerialCounter
from coop_desktop.labels.printers import PrinterError
from coop_desktop.services.label_printing import (
    Destination,
    LabelRequest,
    OutputFormat,
    issue_labels,
)
from coop_desktop.services.production import record_activity
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import (
    audit_ok,
    days_ago,
    harvested_lot,
    last_audit,
    load,
    make_product,
    passing_test,
    rows,
)

PACKER = actor_for(Role.PACKER)
MANAGER = actor_for(Role.MANAGER)
GTIN = "06901234567892"


def _tested_lot(db: Database, *, gtin: str | None = None, code: str = "24120401") -> int:
    product_id = make_product(db, gtin=gtin) if gtin else make_product(db)
    _, lot_id = harvested_lot(db, code, product_id=product_id)
    passing_test(db, lot_id, f"Q-{code}")
    return lot_id


def _serials(db: Database) -> list[tuple[int, PackageStatus]]:
    with db.read() as session:
        return [(row.serial, row.status) for row in session.execute(
            select(Package.serial, Package.status).order_by(Package.serial))]


def _next_serial(db: Database) -> int:
    with db.read() as session:
        return session.execute(select(SerialCounter.next_serial)).scalar_one()


def test_png_labels_carry_a_digital_link_and_gs1_128_from_the_records(
        coop: Database, tmp_path: Path) -> None:
    lot_id = _tested_lot(coop, gtin=GTIN)
    issued = issue_labels(coop, PACKER, LabelRequest(lot_id, 2, net_weights=["12.5", "12.48"]),
                          Destination(OutputFormat.PNG, out=tmp_path / "crate.png"))
    assert issued.serials == [1, 2]
    assert [path.name for path in issued.files] == ["crate-1.png", "crate-2.png"]
    image = Image.open(issued.files[1])
    assert image.size == (480, 320)
    found = {result.format: result.text for result in zxingcpp.read_barcodes(image)}
    assert found[zxingcpp.BarcodeFormat.QRCode] == (
        f"https://trace.example-coop.cn/01/{GTIN}/10/24120401/21/2")
    assert found[zxingcpp.BarcodeFormat.Code128] == f"(01){GTIN}(10)24120401"
    assert _serials(coop) == [(1, PackageStatus.PRINTED), (2, PackageStatus.PRINTED)]
    assert load(coop, Package, 2).net_weight == Decimal("12.48")
    assert last_audit(coop).action == "print_labels"
    assert audit_ok(coop)


def test_without_a_gtin_the_qr_is_the_short_address_and_the_pdf_has_a_page_each(
        coop: Database, tmp_path: Path) -> None:
    lot_id = _tested_lot(coop, code="MELO241204")
    out = tmp_path / "labels.pdf"
    issue_labels(coop, PACKER, LabelRequest(lot_id, 3), Destination(OutputFormat.PDF, out=out))
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 3
    text = reader.pages[2].extract_text()
    assert "MELO241204" in text and "No.3" in text
    assert "白兰瓜" in text


def test_a_certificate_of_commitment_names_the_cooperative_and_the_basis(
        coop: Database, tmp_path: Path) -> None:
    lot_id = _tested_lot(coop)
    out = tmp_path / "certificate.pdf"
    issue_labels(coop, PACKER, LabelRequest(lot_id, 1, template="certificate-70x60"),
                 Destination(OutputFormat.PDF, out=out))
    text = pypdf.PdfReader(out).pages[0].extract_text()
    for words in ("承诺达标合格证", "武威市凉州区瓜果种植专业合作社", "0935-1234567",
                  "自行检测", "凉州区"):
        assert words in text
    assert "户主" not in text  # the member household's name is personal


def test_a_lot_without_a_passing_test_gets_no_label_unless_a_manager_says_why(
        coop: Database, tmp_path: Path) -> None:
    product_id = make_product(coop)
    _, lot_id = harvested_lot(coop, "L001", product_id=product_id)
    out = Destination(OutputFormat.PNG, out=tmp_path / "x.png")
    with pytest.raises(RuleViolation) as caught:
        issue_labels(coop, PACKER, LabelRequest(lot_id, 1), out)
    assert caught.value.code == "label.needs_pass"
    with pytest.raises(RuleViolation):
        issue_labels(coop, PACKER, LabelRequest(lot_id, 1, override_reason="urgent"), out)
    assert rows(coop, Package) == 0 and _next_serial(coop) == 1
    reason = "急单，已电话确认检测"
    issued = issue_labels(coop, MANAGER, LabelRequest(lot_id, 1, override_reason=reason), out)
    assert issued.serials == [1]
    entry = last_audit(coop)
    assert entry.reason == "急单，已电话确认检测"


def test_an_input_inside_its_pre_harvest_interval_blocks_the_label(
        coop: Database, tmp_path: Path) -> None:
    crop, lot_id = harvested_lot(coop, "L001", product_id=make_product(coop))
    passing_test(coop, lot_id, "Q-1")
    # Recorded after the harvest (a late entry from the field book): sprayed 25 days ago with a
    # 7-day interval, harvested 20 days ago.
    record_activity(coop, actor_for(Role.CLERK), batch_id=crop.batch_id,
                    kind="plant_protection", performed_on=days_ago(25), input_name="吡虫啉",
                    phi_days=7, amount="20", amount_unit="g")
    with pytest.raises(RuleViolation) as caught:
        issue_labels(coop, PACKER, LabelRequest(lot_id, 1),
                     Destination(OutputFormat.PNG, out=tmp_path / "x.png"))
    message = caught.value.message("en")
    assert caught.value.code == "label.phi_open"
    assert "吡虫啉" in message and days_ago(18).isoformat() in message
    assert _next_serial(coop) == 1


def _printer() -> tuple[socket.socket, bytearray, threading.Thread]:
    server = socket.create_server(("127.0.0.1", 0))
    received = bytearray()

    def accept() -> None:
        connection, _ = server.accept()
        with connection:
            while chunk := connection.recv(65536):
                received.extend(chunk)

    thread = threading.Thread(target=accept)
    thread.start()
    return server, received, thread


def test_a_tspl_job_goes_to_a_network_printer_and_its_rows_are_written(coop: Database) -> None:
    lot_id = _tested_lot(coop, gtin=GTIN)
    server, received, thread = _printer()
    port = server.getsockname()[1]
    issued = issue_labels(coop, PACKER, LabelRequest(lot_id, 3),
                          Destination(OutputFormat.TSPL, printer=f"tcp://127.0.0.1:{port}"))
    thread.join(5)
    server.close()
    assert issued.serials == [1, 2, 3]
    assert bytes(received).count(b"PRINT 1,1") == 3
    assert b"/21/3" in bytes(received)
    with coop.read() as session:
        assert session.execute(select(Package.printer)).scalars().first() == (
            f"tcp://127.0.0.1:{port}")


def test_an_offline_printer_consumes_no_serial(coop: Database) -> None:
    lot_id = _tested_lot(coop)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(PrinterError) as caught:
        issue_labels(coop, PACKER, LabelRequest(lot_id, 5),
                     Destination(OutputFormat.ZPL, printer=f"tcp://127.0.0.1:{port}"))
    assert caught.value.code == "printer.offline"
    assert rows(coop, Package) == 0 and _next_serial(coop) == 1


def test_a_file_that_cannot_be_written_consumes_no_serial(coop: Database,
                                                          tmp_path: Path) -> None:
    lot_id = _tested_lot(coop)
    with pytest.raises(ValidationError) as caught:
        issue_labels(coop, PACKER, LabelRequest(lot_id, 2),
                     Destination(OutputFormat.PDF, out=tmp_path / "missing" / "x.pdf"))
    assert caught.value.code == "label.file_failed"
    assert rows(coop, Package) == 0 and _next_serial(coop) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_printer_that_stops_part_way_leaves_its_labels_as_recorded_voids(
        coop: Database) -> None:
    """A serial label printer on a real pty that is unplugged after the first bytes of a
    400-label job (a pty's buffer is a few kilobytes, so the job is still being written; over
    TCP a job may vanish into the kernel's buffers without an error)."""
    lot_id = _tested_lot(coop)
    master, slave = os.openpty()

    def read_then_unplug() -> None:
        os.read(master, 4096)
        os.close(master)

    thread = threading.Thread(target=read_then_unplug)
    thread.start()
    try:
        with pytest.raises(PrinterError) as caught:
            issue_labels(coop, PACKER, LabelRequest(lot_id, 400),
                         Destination(OutputFormat.TSPL,
                                     printer=f"serial:{os.ttyname(slave)}?baud=115200"))
    finally:
        thread.join(5)
        os.close(slave)
    assert caught.value.code == "printer.failed"
    statuses = _serials(coop)
    assert len(statuses) == 400 and {status for _, status in statuses} == {PackageStatus.VOIDED}
    assert _next_serial(coop) == 401  # the serials stay used: a recorded gap, never reused
    assert last_audit(coop).action == "void_label"
    assert audit_ok(coop)


def test_a_letter_lot_code_on_a_gtin_product_is_refused_before_any_serial(
        coop: Database, tmp_path: Path) -> None:
    lot_id = _tested_lot(coop, gtin=GTIN, code="MELO24120401")
    with pytest.raises(ValidationError) as caught:
        issue_labels(coop, PACKER, LabelRequest(lot_id, 1),
                     Destination(OutputFormat.PNG, out=tmp_path / "x.png"))
    # the QR (68 characters, version 5) or the bars (63 mm) do not fit a 60 mm crate label
    assert caught.value.code in ("label.qr_too_long", "label.barcode_too_wide")
    assert "lot code" in caught.value.message("en")
    assert _next_serial(coop) == 1
    # the case label has room for it
    issued = issue_labels(coop, PACKER, LabelRequest(lot_id, 1, template="case-100x70"),
                          Destination(OutputFormat.PNG, out=tmp_path / "case.png"))
    assert issued.serials == [1]


def test_a_sheet_template_is_a_pdf_only(coop: Database, tmp_path: Path) -> None:
    lot_id = _tested_lot(coop)
    with pytest.raises(ValidationError) as caught:
        issue_labels(coop, PACKER, LabelRequest(lot_id, 1, template="sheet-a4-3x8"),
                     Destination(OutputFormat.ZPL, out=tmp_path / "x.zpl"))
    assert caught.value.code == "label.sheet_needs_pdf"
    out = tmp_path / "sheet.pdf"
    issue_labels(coop, PACKER, LabelRequest(lot_id, 30, template="sheet-a4-3x8"),
                 Destination(OutputFormat.PDF, out=out, dpi=600))
    assert len(pypdf.PdfReader(out).pages) == 2


def test_lot_codes_are_numeric_for_gtin_products_so_their_labels_fit(coop: Database) -> None:
    import datetime as dt

    from coop_desktop.services.lots import suggest_lot_code

    make_product(coop, code="MELON")
    make_product(coop, code="TOMATO", name_zh="番茄", gtin=GTIN)
    day = dt.date(2026, 12, 4)
    assert suggest_lot_code(coop, "MELON", day) == "MELO26120401"
    assert suggest_lot_code(coop, "TOMATO", day) == "26120401"


def test_a_reprint_keeps_its_serial_needs_a_reason_and_is_audited(coop: Database,
                                                                  tmp_path: Path) -> None:
    from coop_desktop.services.label_printing import reprint_label
    from coop_desktop.services.labels import void_label

    lot_id = _tested_lot(coop, gtin=GTIN)
    issue_labels(coop, PACKER, LabelRequest(lot_id, 2, net_weights=["10", "11"]),
                 Destination(OutputFormat.PNG, out=tmp_path / "a.png"))
    out = Destination(OutputFormat.PNG, out=tmp_path / "again.png")
    with pytest.raises(ValidationError):
        reprint_label(coop, PACKER, 2, "  ", out)
    issued = reprint_label(coop, PACKER, 2, "标签被水打湿", out)
    assert issued.serials == [2]
    texts = {r.text for r in zxingcpp.read_barcodes(Image.open(tmp_path / "again.png"))}
    assert f"https://trace.example-coop.cn/01/{GTIN}/10/24120401/21/2" in texts
    assert load(coop, Package, 2).reprint_count == 1
    assert _next_serial(coop) == 3
    entry = last_audit(coop)
    assert (entry.action, entry.reason) == ("reprint_label", "标签被水打湿")
    void_label(coop, PACKER, serial=1, reason="破损")
    with pytest.raises(RuleViolation):
        reprint_label(coop, PACKER, 1, "again", out)


def test_labels_from_the_scale_store_their_weighings_with_the_raw_frames(
        coop: Database, tmp_path: Path) -> None:
    from coop_desktop.domain.models import Weighing
    from coop_desktop.services.weighings import WeighingInput

    lot_id = _tested_lot(coop)
    crates = [WeighingInput(Decimal("13.70"), tare=Decimal("1.20"), device="yaohua-xk3190-a9",
                            raw_frame=b"\x02+001370018\x03"),
              WeighingInput(Decimal("13.66"), tare=Decimal("1.20"), device="yaohua-xk3190-a9",
                            raw_frame=b"\x02+001366018\x03")]
    issued = issue_labels(coop, PACKER, LabelRequest(lot_id, 2, weighings=crates),
                          Destination(OutputFormat.PNG, out=tmp_path / "c.png"))
    assert issued.serials == [1, 2]
    second = load(coop, Package, 2)
    assert second.net_weight == Decimal("12.46")
    weighing = load(coop, Weighing, second.weighing_id)
    assert (weighing.raw_frame, weighing.net) == (b"\x02+001366018\x03", Decimal("12.46"))
    moving = WeighingInput(Decimal("13.1"), stable=False, device="yaohua-xk3190-a9")
    with pytest.raises(RuleViolation):
        issue_labels(coop, PACKER, LabelRequest(lot_id, 1, weighings=[moving]),
                     Destination(OutputFormat.PNG, out=tmp_path / "m.png"))
    assert _next_serial(coop) == 3
