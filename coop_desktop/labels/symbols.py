"""The symbols on a label as modules: a QR matrix and GS1-128 bars, before any renderer.

QR: always a normal QR (never Micro QR), error correction M unless the template says otherwise,
the smallest version that holds the text, and a version cap that fails loudly instead of drawing
a denser symbol than the printer can print (labels-and-printing.md §6). zxing-cpp's encoder makes
the matrix (about 0.2 ms a symbol, against 3–5 ms for the qrcode package, which was the cost of
a long label run); the qrcode package stays as the fallback where zxing-cpp cannot be loaded.

GS1-128: Code 128 with FNC1 first, the AIs of predefined length first and the others last, each
of those that is not last followed by FNC1 (standards.md §2). Our own encoder chooses the code
sets (C for digit pairs, B otherwise) and keeps the symbol values, so that the same bars go to the
raster, the PDF and, as invocation codes, to TSPL and ZPL (reportlab supplies only the table of
bar patterns).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import qrcode
import qrcode.constants
from reportlab.graphics.barcode.code128 import _patterns

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.gs1 import check_digit

_EC = {"L": qrcode.constants.ERROR_CORRECT_L, "M": qrcode.constants.ERROR_CORRECT_M,
       "Q": qrcode.constants.ERROR_CORRECT_Q, "H": qrcode.constants.ERROR_CORRECT_H}
_LARGEST_VERSION = 40


@dataclass(frozen=True)
class QrSymbol:
    text: str
    version: int
    error_correction: str
    rows: tuple[bytes, ...]  # one byte a module, 1 = dark; no quiet zone

    @property
    def size(self) -> int:
        return len(self.rows)

    @property
    def matrix(self) -> tuple[tuple[bool, ...], ...]:
        return tuple(tuple(bool(cell) for cell in row) for row in self.rows)

    def runs(self) -> list[tuple[int, int, int]]:
        """Dark runs as (row, first column, length): what renderers fill."""
        return [(index, found.start(), found.end() - found.start())
                for index, row in enumerate(self.rows) for found in _DARK_RUN.finditer(row)]


_DARK_RUN = re.compile(b"\x01+")


def make_qr(text: str, *, error_correction: str = "M", max_version: int = 4) -> QrSymbol:
    """The QR for ``text``; ValidationError when it needs a version above ``max_version``."""
    if not text:
        raise ValidationError("label.qr_empty", field="qr")
    rows = _zxing_rows(text, error_correction)
    if rows is None:
        return _qrcode_symbol(text, error_correction, max_version)
    version = (len(rows) - 17) // 4
    if version > max_version:
        raise ValidationError("label.qr_too_long", field="qr", text=text, length=len(text),
                              version=version, maximum=max_version, level=error_correction)
    return QrSymbol(text=text, version=version, error_correction=error_correction, rows=rows)


_DARK_BYTES = bytes.maketrans(b"\x00\xff", b"\x01\x00")


def _zxing_rows(text: str, error_correction: str) -> tuple[bytes, ...] | None:
    try:
        import zxingcpp
    except ImportError:  # pragma: no cover - the wheel exists for every platform we ship
        return None
    try:
        symbol = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode,
                                         ec_level=error_correction)
    except (ValueError, RuntimeError):
        return None  # let the fallback say how large it would be
    image = symbol.to_image(scale=1, add_quiet_zones=False)
    width = image.shape[1]
    # One byte a module, black 0 and white 255, turned into 1 for dark and 0 for light.
    data = bytes(memoryview(image)).translate(_DARK_BYTES)  # type: ignore[arg-type]
    return tuple(data[row * width:(row + 1) * width] for row in range(image.shape[0]))


def _qrcode_symbol(text: str, error_correction: str, max_version: int) -> QrSymbol:
    code = qrcode.QRCode(version=None, error_correction=_EC[error_correction], border=0)
    code.add_data(text, optimize=20)
    try:
        code.make(fit=True)
    except qrcode.exceptions.DataOverflowError:
        raise ValidationError("label.qr_too_long", field="qr", text=text,
                              length=len(text), version=_LARGEST_VERSION,
                              maximum=max_version, level=error_correction) from None
    version = int(code.version or 0)
    if version > max_version:
        raise ValidationError("label.qr_too_long", field="qr", text=text, length=len(text),
                              version=version, maximum=max_version, level=error_correction)
    rows = tuple(bytes(1 if cell else 0 for cell in row) for row in code.get_matrix())
    return QrSymbol(text=text, version=version, error_correction=error_correction, rows=rows)


# --- GS1-128 ---------------------------------------------------------------------------------

#: AIs with a predefined length (digits after the AI), from the GS1 General Specifications.
FIXED_LENGTH = {"00": 18, "01": 14, "02": 14, "11": 6, "12": 6, "13": 6, "15": 6, "16": 6,
                "17": 6, "20": 2, "422": 3, **{f"310{n}": 6 for n in range(6)}}
VARIABLE_MAX = {"10": 20, "21": 20, "7007": 12, "427": 3}
#: AIs whose length GS1 predefines by their first two digits: no FNC1 separator follows them.
#: (422 has a fixed length, N3, but is not among them: a separator follows it unless last.)
PREDEFINED_PREFIXES = frozenset({"00", "01", "02", "03", "04", "11", "12", "13", "14", "15",
                                 "16", "17", "18", "19", "20", "31", "32", "33", "34", "35",
                                 "36", "41"})


def needs_separator(ai: str) -> bool:
    return ai[:2] not in PREDEFINED_PREFIXES
FNC1 = "\xf1"
_START_B, _START_C, _CODE_B, _CODE_C, _FNC1_VALUE, _STOP = 104, 105, 100, 99, 102, 106


@dataclass(frozen=True)
class Gs1Barcode:
    ais: tuple[tuple[str, str], ...]  # in symbol order
    values: tuple[int, ...]  # Code 128 symbol values, start to stop, check included
    modules: tuple[int, ...]  # widths in modules, bar first, alternating; no quiet zone

    @property
    def hri(self) -> str:
        return "".join(f"({ai}){value}" for ai, value in self.ais)

    @property
    def element_string(self) -> str:
        """As a scanner reports it after ``]C1``: separators as GS (0x1D)."""
        parts: list[str] = []
        for index, (ai, value) in enumerate(self.ais):
            parts.append(ai + value)
            if needs_separator(ai) and index < len(self.ais) - 1:
                parts.append("\x1d")
        return "".join(parts)

    @property
    def width_modules(self) -> int:
        return sum(self.modules)

    def zpl_data(self) -> str:
        """The ``^BC`` field data with explicit invocation codes, so the printer draws the same
        code sets as this symbol: ``>;`` start C, ``>:`` start B, ``>8`` FNC1, ``>5``/``>6``
        switch to C/B (ZPL II guide, ^BC)."""
        out: list[str] = []
        code_set = ""
        for value in self.values[:-2]:  # without check character and stop
            if value == _START_C:
                out.append(">;")
                code_set = "C"
            elif value == _START_B:
                out.append(">:")
                code_set = "B"
            elif value == _FNC1_VALUE:
                out.append(">8")
            elif value == _CODE_B and code_set == "C":
                out.append(">6")
                code_set = "B"
            elif value == _CODE_C and code_set == "B":
                out.append(">5")
                code_set = "C"
            elif code_set == "C":
                out.append(f"{value:02d}")
            else:
                out.append(chr(value + 32))
        return "".join(out)


def order_ais(ais: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """AIs of predefined length first (in the given order), the others (which need a
    separator unless last) after them."""
    fixed = [pair for pair in ais if not needs_separator(pair[0])]
    variable = [pair for pair in ais if needs_separator(pair[0])]
    return tuple(fixed + variable)


def _check_ai(ai: str, value: str) -> None:
    if ai in FIXED_LENGTH:
        if len(value) != FIXED_LENGTH[ai] or not value.isdigit():
            raise ValidationError("label.gs1_value", field="gs1", ai=ai, value=value,
                                  rule=f"{FIXED_LENGTH[ai]} digits",
                                  rule_zh=f"{FIXED_LENGTH[ai]} 位数字")
        if ai in ("00", "01", "02") and int(value[-1]) != check_digit(value[:-1]):
            raise ValidationError("label.gs1_value", field="gs1", ai=ai, value=value,
                                  rule="a correct check digit", rule_zh="正确的校验位")
    elif ai in VARIABLE_MAX:
        allowed = all(ch.isascii() and (ch.isalnum() or ch in "-./_") for ch in value)
        if not value or len(value) > VARIABLE_MAX[ai] or not allowed:
            raise ValidationError("label.gs1_value", field="gs1", ai=ai, value=value,
                                  rule=f"1 to {VARIABLE_MAX[ai]} letters or digits",
                                  rule_zh=f"1 到 {VARIABLE_MAX[ai]} 个字母或数字")
    else:
        raise ValidationError("label.gs1_value", field="gs1", ai=ai, value=value,
                              rule="a supported AI", rule_zh="受支持的应用标识符")


def make_gs1_128(ais: Sequence[tuple[str, str]]) -> Gs1Barcode:
    ordered = order_ais(ais)
    if not ordered:
        raise ValidationError("label.gs1_value", field="gs1", ai="-", value="",
                              rule="at least one AI", rule_zh="至少一个应用标识符")
    for ai, value in ordered:
        _check_ai(ai, value)
    data: list[str] = []
    for index, (ai, value) in enumerate(ordered):
        data.extend(ai + value)
        if needs_separator(ai) and index < len(ordered) - 1:
            data.append(FNC1)
    values = _code128_values(data)
    modules: list[int] = []
    for code in values:
        modules.extend(ord(letter.upper()) - ord("A") + 1 for letter in _patterns[code])
    return Gs1Barcode(ais=ordered, values=values, modules=tuple(modules))


def _digit_run(data: Sequence[str], start: int) -> int:
    end = start
    while end < len(data) and data[end] in "0123456789":
        end += 1
    return end - start


def _code128_values(data: Sequence[str]) -> tuple[int, ...]:
    """Code 128 symbol values of FNC1 + ``data`` (printable ASCII and FNC1 markers): code set
    C for digit pairs, B for the rest, switching to C for a run of four digits or more (or an
    even run that ends the data), check character and stop included. Our own encoder: reportlab's
    loses a digit after an FNC1 in code set B before an odd run of digits."""
    values = [_START_C if _digit_run(data, 0) >= 2 else _START_B, _FNC1_VALUE]
    code_set = "C" if values[0] == _START_C else "B"
    index = 0
    while index < len(data):
        char = data[index]
        run = _digit_run(data, index)
        if code_set == "C":
            if char == FNC1:
                values.append(_FNC1_VALUE)
                index += 1
            elif run >= 2:
                values.append(int(data[index] + data[index + 1]))
                index += 2
            else:
                values.append(_CODE_B)
                code_set = "B"
            continue
        if char != FNC1 and (run >= 4 or (run >= 2 and run % 2 == 0
                                          and index + run == len(data))):
            if run % 2:  # an odd run: its first digit in B, the even rest in C
                values.append(ord(char) - 32)
                index += 1
            values.append(_CODE_C)
            code_set = "C"
            continue
        values.append(_FNC1_VALUE if char == FNC1 else ord(char) - 32)
        index += 1
    check = (values[0] + sum(position * value
                             for position, value in enumerate(values[1:], start=1))) % 103
    return (*values, check, _STOP)
