"""One layout step: a template and a label's values become drawing operations in printer dots.

Every renderer (the raster image, the PDF, TSPL, ZPL) draws the same operations, so what the
preview shows is what the printer prints. Sizes are rounded to whole dots here: QR modules and
bar widths are integer dots at the printer's resolution (labels-and-printing.md §5.5, §6.3).
Text is fitted: it shrinks from the template's size down to its minimum, wraps to its lines, and
only then is cut with "…" (the values a label carries are short; a cut is reported).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import ImageFont

from coop_desktop import paths
from coop_desktop.domain.errors import ValidationError
from coop_desktop.labels.symbols import Gs1Barcode, QrSymbol, make_gs1_128, make_qr
from coop_desktop.labels.template import Align, ElementKind, Template

MM_PER_INCH = 25.4
QR_QUIET_MODULES = 4
BAR_QUIET_MODULES = 10
ELLIPSIS = "…"


def font_path() -> Path:
    return paths.resources_dir() / "fonts" / "wqy-microhei.ttc"


@functools.lru_cache(maxsize=64)
def font(size_dots: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path()), size=size_dots, index=0)


def dots(mm: float, dpi: int) -> int:
    return round(mm * dpi / MM_PER_INCH)


@dataclass(frozen=True)
class TextOp:
    x: int
    y: int
    width: int
    height: int
    lines: tuple[str, ...]
    size: int  # font em size in dots
    bold: bool
    align: Align
    cut: bool = False  # the text did not fit and was shortened

    @property
    def line_height(self) -> int:
        return round(self.size * 1.15)


@dataclass(frozen=True)
class QrOp:
    x: int  # the symbol's corner, the quiet zone lies around it
    y: int
    module: int
    symbol: QrSymbol

    @property
    def size(self) -> int:
        return self.symbol.size * self.module


@dataclass(frozen=True)
class BarsOp:
    x: int  # the first bar; the quiet zone lies left and right of it
    y: int
    module: int
    height: int
    barcode: Gs1Barcode
    hri: TextOp | None = None

    @property
    def width(self) -> int:
        return self.barcode.width_modules * self.module


@dataclass(frozen=True)
class RectOp:
    x: int
    y: int
    width: int
    height: int
    thickness: int = 0  # 0: filled; else an outline this thick


Op = TextOp | QrOp | BarsOp | RectOp


@dataclass(frozen=True)
class Layout:
    template: str
    dpi: int
    width: int
    height: int
    ops: tuple[Op, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    width_mm: float = 0.0
    height_mm: float = 0.0

    @property
    def qr(self) -> list[QrOp]:
        return [op for op in self.ops if isinstance(op, QrOp)]

    @property
    def bars(self) -> list[BarsOp]:
        return [op for op in self.ops if isinstance(op, BarsOp)]

    @property
    def texts(self) -> list[TextOp]:
        all_texts = [op for op in self.ops if isinstance(op, TextOp)]
        all_texts += [op.hri for op in self.bars if op.hri is not None]
        return all_texts


def _text_width(text: str, size: int) -> float:
    return float(font(size).getlength(text))


def _wrap(text: str, size: int, width: int, max_lines: int) -> list[str] | None:
    """``text`` in at most ``max_lines`` lines of ``width`` dots, or None. Breaks at spaces
    where it can, else between characters (Chinese has no spaces)."""
    if len(text) * size <= width:  # no glyph of the font is wider than its em: it fits
        return [text]
    lines: list[str] = []
    rest = text
    while rest:
        if len(lines) == max_lines:
            return None
        if _text_width(rest, size) <= width:
            lines.append(rest)
            break
        cut = len(rest)
        while cut > 1 and _text_width(rest[:cut], size) > width:
            cut -= 1
        space = rest.rfind(" ", 0, cut)
        if space > 0 and rest[cut:cut + 1] != " ":
            cut = space
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return lines


def fit_text(text: str, width: int, height: int, size: int, min_size: int,
             max_lines: int) -> tuple[tuple[str, ...], int, bool]:
    """Lines, font size and whether the text had to be cut to fit the box."""
    for trial in range(size, min_size - 1, -1):
        fits_lines = max(1, min(max_lines, height // max(1, round(trial * 1.15))))
        lines = _wrap(text, trial, width, fits_lines)
        if lines is not None:
            return tuple(lines), trial, False
    fits_lines = max(1, min(max_lines, height // max(1, round(min_size * 1.15))))
    head = (_wrap(text, min_size, width, len(text)) or [text])[:fits_lines]
    last = head[-1]
    while last and _text_width(last + ELLIPSIS, min_size) > width:
        last = last[:-1]
    head[-1] = last + ELLIPSIS
    return tuple(head), min_size, True


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def lay_out(template: Template, values: Mapping[str, str], *, dpi: int = 203,
            gs1: Sequence[tuple[str, str]] = ()) -> Layout:
    """The drawing operations of one label at ``dpi``.

    ValidationError when a symbol cannot be drawn as the template asks: a QR over its version
    cap, a QR or barcode (with its quiet zone) that does not fit its place or the label.
    """
    if template.sheet is not None:
        raise ValidationError("label.template_is_sheet", field="template", name=template.name)
    width, height = dots(template.width_mm, dpi), dots(template.height_mm, dpi)
    bound = _Values(values)
    ops: list[Op] = []
    warnings: list[str] = []
    for element in template.elements:
        if not element.applies(values):
            continue
        x, y = dots(element.x_mm, dpi), dots(element.y_mm, dpi)
        w, h = dots(element.width_mm, dpi), dots(element.height_mm, dpi)
        if element.kind is ElementKind.TEXT:
            text = element.text.format_map(bound).strip()
            if not text:
                continue
            lines, size, cut = fit_text(text, w, h, dots(element.size_mm, dpi),
                                        dots(element.min_size_mm, dpi), element.lines)
            if cut:
                warnings.append(f"{template.name}: text cut to fit: {text!r}")
            ops.append(TextOp(x, y, w, h, lines, size, element.bold, element.align, cut))
        elif element.kind is ElementKind.QR:
            symbol = make_qr(values.get("qr", ""), error_correction=element.error_correction,
                             max_version=element.max_version)
            module = max(1, dots(element.module_mm, dpi))
            op = QrOp(x, y, module, symbol)
            quiet = QR_QUIET_MODULES * module
            room = (w or op.size, h or op.size)
            if (op.size > room[0] or op.size > room[1] or x - quiet < 0 or y - quiet < 0
                    or x + op.size + quiet > width or y + op.size + quiet > height):
                raise ValidationError(
                    "label.symbol_outside", field="template", template=template.name,
                    symbol=f"QR v{symbol.version}",
                    size=f"{op.size * MM_PER_INCH / dpi:.1f}")
            ops.append(op)
        elif element.kind is ElementKind.GS1_128:
            chosen = [pair for pair in gs1 if not element.ais or pair[0] in element.ais]
            barcode = make_gs1_128(chosen)
            module = max(1, dots(element.module_mm, dpi))
            bar_width = barcode.width_modules * module
            quiet = BAR_QUIET_MODULES * module
            if bar_width + 2 * quiet > w:
                raise ValidationError(
                    "label.barcode_too_wide", field="template", template=template.name,
                    hri=barcode.hri, width=f"{(bar_width + 2 * quiet) * MM_PER_INCH / dpi:.1f}",
                    room=f"{element.width_mm:g}")
            hri = None
            bars_height = h
            if element.hri:
                size = max(dots(2.2, dpi), 16)
                line = round(size * 1.15)
                bars_height = h - line
                hri = TextOp(x, y + bars_height + 1, w, line, (barcode.hri,), size, False,
                             Align.CENTER)
            left = x + (w - bar_width) // 2
            ops.append(BarsOp(left, y, module, bars_height, barcode, hri))
        elif element.kind is ElementKind.BOX:
            ops.append(RectOp(x, y, w, h, max(1, dots(element.thickness_mm, dpi))))
        else:
            ops.append(RectOp(x, y, w, h))
    return Layout(template=template.name, dpi=dpi, width=width, height=height, ops=tuple(ops),
                  warnings=tuple(warnings), width_mm=template.width_mm,
                  height_mm=template.height_mm)
