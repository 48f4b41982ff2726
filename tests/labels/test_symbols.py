"""QR policy and GS1-128 encoding, decoded back with zxing-cpp."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image

from coop_desktop.domain.errors import ValidationError
from coop_desktop.labels.symbols import make_gs1_128, make_qr, order_ais
from tests.labels.values import DL_ADDRESS, GTIN, LOT, SHORT_ADDRESS


def _qr_image(text: str, module: int = 4) -> Image.Image:
    symbol = make_qr(text)
    size = (symbol.size + 8) * module
    image = Image.new("1", (size, size), 1)
    for row, cells in enumerate(symbol.matrix):
        for column, dark in enumerate(cells):
            if dark:
                for dy in range(module):
                    for dx in range(module):
                        image.putpixel(((column + 4) * module + dx, (row + 4) * module + dy), 0)
    return image


@pytest.mark.parametrize("text", [DL_ADDRESS, SHORT_ADDRESS])
def test_the_qr_is_a_normal_qr_at_level_m_within_version_4(text: str) -> None:
    symbol = make_qr(text)
    assert symbol.error_correction == "M"
    assert symbol.version <= 4
    assert symbol.size == 17 + 4 * symbol.version  # a full QR; Micro QR would be 11 + 2 × M
    (result,) = zxingcpp.read_barcodes(_qr_image(text))
    assert result.format == zxingcpp.BarcodeFormat.QRCode
    assert result.text == text
    assert result.symbology_identifier == "]Q1"


def test_a_qr_over_its_version_cap_fails_loudly_naming_the_cap() -> None:
    long_address = DL_ADDRESS + "?13=261204&3103=012500&422=156&7007=261201"
    with pytest.raises(ValidationError) as caught:
        make_qr(long_address, max_version=4)
    assert caught.value.code == "label.qr_too_long"
    assert "4" in caught.value.message("en")
    assert make_qr(long_address, max_version=10).version > 4


def test_an_empty_qr_says_to_set_the_traceability_address() -> None:
    with pytest.raises(ValidationError) as caught:
        make_qr("")
    assert "Settings" in caught.value.message("en")


def test_fixed_length_ais_come_first_and_the_lot_last() -> None:
    assert order_ais([("10", LOT), ("01", GTIN), ("3103", "012500")]) == (
        ("01", GTIN), ("3103", "012500"), ("10", LOT))


def test_gs1_128_of_a_numeric_lot_is_all_code_set_c_and_47_mm_at_a_quarter_millimetre() -> None:
    barcode = make_gs1_128([("01", GTIN), ("10", LOT)])
    assert barcode.values[:2] == (105, 102)  # start C, FNC1
    assert barcode.width_modules * 0.25 == pytest.approx(47.25)
    assert barcode.zpl_data() == f">;>801{GTIN}10{LOT}"
    assert barcode.hri == f"(01){GTIN}(10){LOT}"


def test_a_letter_lot_switches_code_set_and_costs_width() -> None:
    numeric = make_gs1_128([("01", GTIN), ("10", LOT)])
    letters = make_gs1_128([("01", GTIN), ("10", "MELO2412")])
    assert letters.width_modules > numeric.width_modules + 30
    assert ">6" in letters.zpl_data()


def test_two_variable_length_ais_are_separated() -> None:
    barcode = make_gs1_128([("01", GTIN), ("10", LOT), ("21", "42")])
    assert barcode.element_string == f"01{GTIN}10{LOT}\x1d2142"
    assert list(barcode.values).count(102) == 2


@pytest.mark.parametrize(("ai", "value"), [
    ("01", "09506000134353"),  # wrong check digit
    ("01", "123"),
    ("13", "2612"),
    ("10", "批次"),
    ("10", "A" * 21),
    ("99", "x"),
])
def test_bad_ai_values_are_refused_with_the_rule(ai: str, value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        make_gs1_128([(ai, value)])
    assert caught.value.code == "label.gs1_value"
    assert f"({ai})" in caught.value.message("en")
