"""The same layouts as PDF (parsed with pypdf, rasterised with pdfium and decoded), as TSPL and
ZPL jobs, and sent to printers over a real TCP socket and a file."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pypdf
import pypdfium2
import pytest
import zxingcpp
from PIL import Image

from coop_desktop.labels.layout import lay_out
from coop_desktop.labels.pdf import write_pdf
from coop_desktop.labels.printers import PrinterError, open_printer
from coop_desktop.labels.raster import render
from coop_desktop.labels.template import load_template
from coop_desktop.labels.thermal import ThermalSettings, tspl_job, zpl_job
from tests.labels.values import GS1_CRATE, VALUES


def _crates(count: int, dpi: int = 203) -> list:  # type: ignore[type-arg]
    template = load_template("crate-60x40")
    return [lay_out(template, dict(VALUES, serial=str(serial)), dpi=dpi, gs1=GS1_CRATE)
            for serial in range(1, count + 1)]


def test_a_pdf_of_crate_labels_has_a_page_each_with_its_text_and_symbols(tmp_path: Path) -> None:
    out = tmp_path / "crates.pdf"
    assert write_pdf(_crates(3), out, title="Lot 24010117") == 3
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 3
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    assert width_mm == pytest.approx(60, abs=0.2)
    assert "有机番茄" in reader.pages[0].extract_text()
    assert "No.3" in reader.pages[2].extract_text()
    fonts = reader.pages[0]["/Resources"]["/Font"]  # type: ignore[index]
    assert fonts
    for font in fonts.values():
        descriptor = font.get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # embedded TrueType, no viewer font substituted
    document = pypdfium2.PdfDocument(str(out))
    image = document[2].render(scale=203.2 / 72).to_pil()
    texts = {result.text for result in zxingcpp.read_barcodes(image)}
    assert texts == {VALUES["qr"], "(01)09506000134352(10)24010117"}
    document.close()


def test_an_a4_sheet_holds_24_labels_and_continues_on_a_partly_used_sheet(
        tmp_path: Path) -> None:
    sheet = load_template("sheet-a4-3x8").sheet
    assert sheet is not None
    label = load_template(sheet.label)
    layouts = [lay_out(label, dict(VALUES, serial=str(n)), dpi=600) for n in range(30)]
    out = tmp_path / "sheet.pdf"
    assert write_pdf(layouts, out, sheet=sheet) == 2
    assert write_pdf(layouts, tmp_path / "partly.pdf", sheet=sheet, start_position=20) == 3
    document = pypdfium2.PdfDocument(str(out))
    first = document[0].render(scale=300 / 72).to_pil()
    second = document[1].render(scale=300 / 72).to_pil()
    assert len(zxingcpp.read_barcodes(first)) == 24
    assert len(zxingcpp.read_barcodes(second)) == 6
    document.close()


def test_a_tspl_job_has_native_symbols_and_the_text_as_bitmaps() -> None:
    layout = _crates(1)[0]
    job = tspl_job([layout], ThermalSettings(darkness=10, offset_x_mm=1))
    head, _, _ = job.partition(b"BITMAP")
    lines = head.split(b"\r\n")
    assert lines[:7] == [b"SIZE 60 mm,40 mm", b"GAP 2 mm,0 mm", b"DIRECTION 1,0",
                         b"REFERENCE 8,0", b"DENSITY 10", b"SPEED 4", b"CLS"]
    qr = layout.qr[0]
    assert (f'QRCODE {qr.x},{qr.y},M,4,A,0,M2,S7,"{VALUES["qr"]}"'.encode()) in lines
    assert b'"128M"' in head and b'"!105!10201095060001343521024010117"' in head
    assert job.endswith(b"PRINT 1,1\r\n")
    # Each BITMAP carries exactly width_bytes × height bytes of picture.
    rest = job[len(head):]
    count = 0
    while rest.startswith(b"BITMAP"):
        header, _, body = rest.partition(b",1,")
        _, numbers = header.split(b" ", 1)
        x, y, width_bytes, height = (int(n) for n in numbers.split(b","))
        assert 0 <= x < layout.width and 0 <= y < layout.height
        rest = body[width_bytes * height:]
        assert rest.startswith(b"\r\n")
        rest = rest[2:]
        count += 1
    assert count == len(layout.texts)
    assert rest == b"PRINT 1,1\r\n"


def test_the_tspl_text_bitmap_is_the_preview_text() -> None:
    layout = _crates(1)[0]
    job = tspl_job([layout], ThermalSettings())
    canvas = Image.new("1", (layout.width, layout.height), 1)
    rest = job[job.index(b"BITMAP"):]
    while rest.startswith(b"BITMAP"):
        header, _, body = rest.partition(b",1,")
        x, y, width_bytes, height = (int(n) for n in header.split(b" ", 1)[1].split(b","))
        block = Image.frombytes("1", (width_bytes * 8, height), body[:width_bytes * height])
        canvas.paste(block.crop((0, 0, min(width_bytes * 8, layout.width - x), height)),
                     (x, y))
        rest = body[width_bytes * height + 2:]
    preview = render(layout, symbols=False)
    assert canvas.tobytes() == preview.tobytes()


def test_a_zpl_job_is_one_block_per_label_with_explicit_code_sets() -> None:
    layouts = _crates(2)
    job = zpl_job(layouts, ThermalSettings()).decode()
    assert job.count("^XA") == 2 and job.count("^XZ") == 2
    assert "^PW480" in job and "^LL320" in job and "^CI28" in job
    assert f"^BQN,2,4^FDMA,{VALUES['qr']}^FS" in job
    assert "^BCN,67,N,N,N,N^FD>;>801095060001343521024010117^FS" in job
    for field in job.split("^GFA,")[1:]:
        total, _, width_bytes, data = field.split("^FS")[0].split(",", 3)
        assert len(data) == 2 * int(total)
        assert int(total) % int(width_bytes) == 0


def test_300_dpi_jobs_use_300_dpi_dots() -> None:
    job = zpl_job(_crates(1, dpi=300), ThermalSettings(dpi=300)).decode()
    assert "^PW709" in job and "^BQN,2,6" in job


def test_a_job_reaches_a_printer_listening_on_port_9100() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    received = bytearray()

    def accept() -> None:
        connection, _ = server.accept()
        with connection:
            while chunk := connection.recv(65536):
                received.extend(chunk)

    thread = threading.Thread(target=accept)
    thread.start()
    job = tspl_job(_crates(2), ThermalSettings())
    printer = open_printer(f"tcp://127.0.0.1:{port}")
    printer.send(job)
    printer.close()
    thread.join(5)
    server.close()
    assert bytes(received) == job


def test_a_printer_that_is_off_is_found_out_before_anything_is_sent() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(PrinterError) as caught:
        open_printer(f"tcp://127.0.0.1:{port}", timeout=2)
    assert caught.value.code == "printer.offline"
    assert "No label serial was used" in caught.value.message("en")


@pytest.mark.parametrize("address", ["lpt1", "tcp://", "serial:", "http://printer"])
def test_an_address_that_is_not_a_printer_says_which_forms_work(address: str) -> None:
    with pytest.raises(PrinterError) as caught:
        open_printer(address)
    assert "tcp://HOST:9100" in caught.value.message("en")


def test_a_file_printer_appends_jobs(tmp_path: Path) -> None:
    target = tmp_path / "jobs.prn"
    printer = open_printer(f"file:{target}")
    printer.send(b"one")
    printer.send(b"two")
    assert target.read_bytes() == b"onetwo"
    with pytest.raises(PrinterError):
        open_printer(f"file:{tmp_path / 'missing' / 'x.prn'}")
