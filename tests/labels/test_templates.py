"""Every shipped template, laid out and rendered at 203 and 300 dpi, decoded with zxing-cpp;
the layout rules; templates that do not check out."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from coop_desktop.domain.errors import ValidationError
from coop_desktop.labels.layout import (
    BAR_QUIET_MODULES,
    QR_QUIET_MODULES,
    BarsOp,
    Layout,
    QrOp,
    TextOp,
    dots,
    lay_out,
)
from coop_desktop.labels.raster import render
from coop_desktop.labels.template import available_templates, load_template, load_template_file
from tests.labels.values import GS1_CASE, GS1_CRATE, VALUES, WITHOUT_GTIN

LABELS = [name for name in available_templates() if load_template(name).sheet is None]


def _gs1_for(name: str) -> tuple[tuple[str, str], ...]:
    return GS1_CASE if name.startswith("case") else GS1_CRATE


def test_the_four_kinds_of_label_ship() -> None:
    assert {"crate-60x40", "case-100x70", "sheet-a4-3x8", "certificate-70x60"} <= set(
        available_templates())
    sheet = load_template("sheet-a4-3x8")
    assert sheet.sheet is not None and sheet.per_page == 24
    assert load_template(sheet.sheet.label).sheet is None


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("name", LABELS)
def test_every_template_decodes_at_printer_resolution(name: str, dpi: int) -> None:
    layout = lay_out(load_template(name), VALUES, dpi=dpi, gs1=_gs1_for(name))
    image = render(layout)
    assert image.size == (layout.width, layout.height)
    assert layout.width == dots(load_template(name).width_mm, dpi)
    found = {result.format: result for result in zxingcpp.read_barcodes(image)}
    qr = found.pop(zxingcpp.BarcodeFormat.QRCode)
    assert qr.text == VALUES["qr"]
    assert qr.symbology_identifier == "]Q1"
    if layout.bars:
        code128 = found.pop(zxingcpp.BarcodeFormat.Code128)
        assert code128.symbology_identifier == "]C1"
        assert code128.content_type == zxingcpp.ContentType.GS1
        assert code128.text == "".join(f"({ai}){value}" for ai, value in _gs1_for(name))
    assert not found
    assert layout.warnings == ()  # nothing of the demo values had to be cut


@pytest.mark.parametrize("name", ["crate-60x40", "sheet-label-70x37"])
def test_without_a_gtin_there_is_no_linear_barcode_and_a_larger_qr(name: str) -> None:
    template = load_template(name)
    with_gtin = lay_out(template, VALUES, dpi=203, gs1=GS1_CRATE)
    without = lay_out(template, WITHOUT_GTIN, dpi=203)
    assert not without.bars
    assert without.qr[0].module >= with_gtin.qr[0].module
    results = zxingcpp.read_barcodes(render(without))
    assert [result.text for result in results] == [WITHOUT_GTIN["qr"]]


def _ink(image: Image.Image, box: tuple[int, int, int, int]) -> bool:
    left, top, right, bottom = (max(0, box[0]), max(0, box[1]), min(image.width, box[2]),
                                min(image.height, box[3]))
    if right <= left or bottom <= top:
        return False
    return image.crop((left, top, right, bottom)).getextrema()[0] == 0


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("name", LABELS)
def test_layout_invariants(name: str, dpi: int) -> None:
    template = load_template(name)
    layout = lay_out(template, VALUES, dpi=dpi, gs1=_gs1_for(name))
    margin = dots(template.margin_mm, dpi)
    for op in layout.ops:
        if isinstance(op, TextOp):
            assert op.size >= dots(2.6, dpi) - 1  # Chinese text ≥ 21 dots at 203 dpi (§4)
            assert op.x >= margin and op.x + op.width <= layout.width - margin
        if isinstance(op, QrOp):
            quiet = QR_QUIET_MODULES * op.module
            zone = (op.x - quiet, op.y - quiet, op.x + op.size + quiet, op.y + op.size + quiet)
            assert zone[0] >= 0 and zone[1] >= 0
            assert zone[2] <= layout.width and zone[3] <= layout.height
            others = Layout(layout.template, dpi, layout.width, layout.height,
                            tuple(other for other in layout.ops if other is not op))
            image = render(others)
            ring = [(zone[0], zone[1], zone[2], op.y), (zone[0], op.y + op.size, zone[2], zone[3]),
                    (zone[0], op.y, op.x, op.y + op.size),
                    (op.x + op.size, op.y, zone[2], op.y + op.size)]
            assert not any(_ink(image, part) for part in ring), "ink in the QR quiet zone"
        if isinstance(op, BarsOp):
            quiet = BAR_QUIET_MODULES * op.module
            assert op.x - quiet >= 0 and op.x + op.width + quiet <= layout.width


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "broken.toml"
    path.write_text('title = "x"\nwidth_mm = 60\nheight_mm = 40\n' + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(("body", "words"), [
    ('[[element]]\nkind = "text"\nx_mm = 50\ny_mm = 2\nwidth_mm = 20\nheight_mm = 4\n'
     'text = "{lot}"\n', "outside the label"),
    ('[[element]]\nkind = "text"\nx_mm = 2\ny_mm = 2\nwidth_mm = 20\nheight_mm = 4\n'
     'text = "{member_phone}"\n', "unknown fields member_phone"),
    ('[[element]]\nkind = "sticker"\nx_mm = 2\ny_mm = 2\n', "kind must be one of"),
    ('[[element]]\nkind = "qr"\nx_mm = 2\ny_mm = 2\nerror_correction = "X"\n',
     "error_correction"),
    ('colour = "red"\n', "unknown keys colour"),
    ("", "at least one element"),
])
def test_a_broken_template_is_refused_with_file_and_element(tmp_path: Path, body: str,
                                                            words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        load_template_file(_write(tmp_path, body))
    message = caught.value.message("en")
    assert "broken.toml" in message
    assert words in message


def test_an_unknown_template_names_the_known_ones() -> None:
    with pytest.raises(ValidationError) as caught:
        load_template("no-such-label")
    assert "crate-60x40" in caught.value.message("en")


def test_a_barcode_that_does_not_fit_says_to_use_a_numeric_lot() -> None:
    letters = (("01", "09506000134352"), ("10", "MELO24120401"))
    with pytest.raises(ValidationError) as caught:
        lay_out(load_template("crate-60x40"), VALUES, dpi=203, gs1=letters)
    assert caught.value.code == "label.barcode_too_wide"
    assert "numeric lot" in caught.value.message("en")


def test_text_that_cannot_fit_is_cut_visibly_and_reported() -> None:
    long_origin = dict(VALUES, origin="甘肃省武威市凉州区清源镇王庄村第三村民小组东头大棚区")
    layout = lay_out(load_template("crate-60x40"), long_origin, dpi=203, gs1=GS1_CRATE)
    (cut,) = [op for op in layout.texts if op.cut]
    assert cut.lines[-1].endswith("…")
    assert layout.warnings and "cut" in layout.warnings[0]
