"""Hypothesis on the GS1 code: the element-string, bracketed and Digital Link parsers never raise
on anything a scanner can send, and read back what we encode; ``make_gs1_128`` raises nothing
but ValidationError, and every barcode it makes decodes with zxing-cpp to its element string."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import zxingcpp
from hypothesis import example, given
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.gs1 import check_digit
from coop_desktop.labels.symbols import FIXED_LENGTH, VARIABLE_MAX, Gs1Barcode, make_gs1_128
from coop_desktop.services.lookup import (
    GS,
    parse_bracketed,
    parse_digital_link,
    parse_element_string,
    read_gs1,
)
from tests.fuzz.profile import fuzz

DIGITS = "0123456789"
#: What a GS1 variable-length field may hold on our labels (symbols.py's rule).
LOT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-./_"
#: Scanner output is mostly digits, GS, brackets and URL pieces; throw in everything else too,
#: except the Unicode "other numbers" (², ½, ①): see test_a_superscript_digit_... below.
ANY_CHARACTER = st.characters(blacklist_categories=("No", "Cs"))
SCAN_TEXT = st.text(alphabet=st.sampled_from([*DIGITS, GS, "(", ")", "/", "?", "=", "&", "%",
                                              "]", "C", "1", "Q", "3", "A", "x", " ", "批"]),
                    max_size=80) | st.text(alphabet=ANY_CHARACTER, max_size=60)


def _gtin(body: str) -> str:
    return body + str(check_digit(body))


GTINS = st.text(alphabet=DIGITS, min_size=13, max_size=13).map(_gtin)


@st.composite
def valid_pair(draw: st.DrawFn, ai: str) -> tuple[str, str]:
    if ai in ("00", "01", "02"):
        body = draw(st.text(alphabet=DIGITS, min_size=FIXED_LENGTH[ai] - 1,
                            max_size=FIXED_LENGTH[ai] - 1))
        return ai, _gtin(body)
    if ai in FIXED_LENGTH:
        return ai, draw(st.text(alphabet=DIGITS, min_size=FIXED_LENGTH[ai],
                                max_size=FIXED_LENGTH[ai]))
    return ai, draw(st.text(alphabet=LOT_ALPHABET, min_size=1, max_size=VARIABLE_MAX[ai]))


#: Fixed-length AIs (422 among them, which needs a separator) and up to two variable-length ones
#: (a lot and a serial, say), in any order: the encoder orders them and separates them.
FIXED_AIS = sorted(FIXED_LENGTH)
LABEL_AIS = st.tuples(
    st.lists(st.sampled_from(FIXED_AIS), max_size=4, unique=True),
    st.lists(st.sampled_from(sorted(VARIABLE_MAX)), max_size=2, unique=True),
).filter(lambda parts: parts[0] or parts[1]).flatmap(
    lambda parts: st.permutations([*parts[0], *parts[1]])).flatmap(
    lambda ais: st.tuples(*[valid_pair(ai) for ai in ais]))
ANY_AIS = st.lists(st.tuples(st.sampled_from([*FIXED_LENGTH, *VARIABLE_MAX, "99", "7", "4220"])
                             | st.text(max_size=5), st.text(max_size=25)), max_size=5)


def _render(barcode: Gs1Barcode, scale: int = 2, quiet: int = 10) -> Image.Image:
    """The bars as a picture, the way a label renderer paints them: bar first, alternating."""
    image = Image.new("L", ((barcode.width_modules + 2 * quiet) * scale, 50), 255)
    draw = ImageDraw.Draw(image)
    x, bar = quiet * scale, True
    for width in barcode.modules:
        if bar:
            draw.rectangle((x, 0, x + width * scale - 1, 49), fill=0)
        x += width * scale
        bar = not bar
    return image


def _decoded(barcode: Gs1Barcode) -> zxingcpp.Barcode:
    [found] = zxingcpp.read_barcodes(_render(barcode), formats=zxingcpp.BarcodeFormat.Code128,
                                     text_mode=zxingcpp.TextMode.Plain)
    return found


# --- parsers: nothing a scanner sends makes them raise --------------------------------------------

@fuzz("parser")
@given(SCAN_TEXT)
@example("01069012345678921" + GS * 3 + "10")
@example("]C1" + GS)
@example("(01)(10)")
@example("https://x.cn/01/%ZZ/10/")
@example("http://[::1")
def test_no_scan_makes_the_gs1_readers_raise(text: str) -> None:
    ais, _complete = parse_element_string(text)
    assert all(ai.isdigit() and 2 <= len(ai) <= 4 for ai in ais)
    assert all(value and GS not in value for value in ais.values())
    # what was read, written out again with a separator after every value, reads the same
    assert parse_element_string(GS.join(ai + value for ai, value in ais.items())) == (ais, True)
    parse_bracketed(text)
    data = read_gs1(text)
    if data is not None:
        data.gtin, data.lot, data.serial, data.net_weight_kg, data.date("13")


@fuzz("parser")
@given(st.text(max_size=120))
def test_no_address_makes_the_digital_link_reader_raise(text: str) -> None:
    try:
        address = urlsplit(text)
    except ValueError:
        return
    result = parse_digital_link(address)
    assert result is None or "01" in result


@fuzz("parser")
@given(GTINS, st.text(alphabet=LOT_ALPHABET, min_size=1, max_size=20),
       st.integers(min_value=1, max_value=10**12), st.sampled_from(["", "/trace", "/a/b"]))
def test_a_digital_link_we_write_reads_back(gtin: str, lot: str, serial: int, base: str) -> None:
    address = f"https://trace.example-coop.cn{base}/01/{gtin}/10/{quote(lot, safe='')}/21/{serial}"
    ais = parse_digital_link(urlsplit(address + "?13=261204&3103=012500"))
    assert ais == {"01": gtin, "10": lot, "21": str(serial), "13": "261204", "3103": "012500"}
    data = read_gs1(address)
    assert data is not None and (data.gtin, data.lot, data.serial) == (gtin, lot, str(serial))


# --- the GS1-128 encoder ------------------------------------------------------------------------

@fuzz("parser")
@given(ANY_AIS)
def test_the_encoder_raises_nothing_but_a_validation_error(pairs: list[tuple[str, str]]) -> None:
    refused: ValidationError | None = None
    try:
        make_gs1_128(pairs)
    except ValidationError as error:
        refused = error
    if refused is not None:
        assert refused.code == "label.gs1_value"
        assert refused.message("en") and refused.message("zh")


@fuzz("barcode")
@given(LABEL_AIS)
def test_every_barcode_decodes_to_its_element_string(pairs: tuple[tuple[str, str], ...]) -> None:
    barcode = make_gs1_128(pairs)
    found = _decoded(barcode)
    assert found.symbology_identifier == "]C1"  # FNC1 first: GS1-128
    assert found.text == barcode.element_string
    ais, complete = parse_element_string(found.text)  # and our scanner path reads it back
    assert complete
    assert ais == dict(pairs)


def test_the_rendering_is_what_zxing_reads_and_a_broken_one_is_not() -> None:
    """The oracle can fail: a barcode with a bar removed does not decode to the same data."""
    barcode = make_gs1_128([("01", "06901234567892"), ("10", "LA1")])
    assert _decoded(barcode).text == barcode.element_string
    broken = Gs1Barcode(barcode.ais, barcode.values, (barcode.modules[0] + 2,
                                                       *barcode.modules[1:]))
    assert zxingcpp.read_barcodes(_render(broken), text_mode=zxingcpp.TextMode.Plain) == []


def test_an_origin_ai_before_a_lot_reads_back() -> None:
    pairs = (("01", "06901234567892"), ("422", "156"), ("10", "AB12"))
    barcode = make_gs1_128(pairs)
    assert parse_element_string(_decoded(barcode).text) == (dict(pairs), True)


def test_a_lot_and_an_odd_length_serial_read_back() -> None:
    pairs = (("01", "06901234567892"), ("10", "LA1"), ("21", "12345"))
    barcode = make_gs1_128(pairs)
    assert _decoded(barcode).text == barcode.element_string


def test_a_superscript_digit_is_no_gs1_data() -> None:
    assert read_gs1("]C1" + "0²") is None
