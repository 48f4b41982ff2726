"""Labels as a PDF: one page per label, or sheets of labels on A4, drawn from the same layouts.

Symbols stay vector: a QR is one path of horizontal runs of whole modules, GS1-128 one path of
bars (labels-and-printing.md §8.2); text uses the bundled CJK TrueType font, subset-embedded so
that the PDF prints the same everywhere and its text can be extracted. Lay labels out at the
dpi of the printer that will print the PDF (203/300 for a thermal printer's driver, 600 for a
laser sheet) so that modules are whole device dots.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from coop_desktop.labels.layout import (
    MM_PER_INCH,
    BarsOp,
    Layout,
    QrOp,
    RectOp,
    TextOp,
    font,
    font_path,
)
from coop_desktop.labels.template import Align, Sheet

FONT_NAME = "CoopCJK"
POINTS_PER_INCH = 72.0


@functools.cache
def register_font() -> str:
    """Register the bundled CJK font with reportlab once; its name."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path()), subfontIndex=0))
    return FONT_NAME


class _Page:
    """Draws one layout on the canvas with its top-left corner at (left, top) points."""

    def __init__(self, canvas: Canvas, layout: Layout, left: float, top: float) -> None:
        self.canvas = canvas
        self.layout = layout
        self.left = left
        self.top = top
        self.scale = POINTS_PER_INCH / layout.dpi

    def x(self, value: float) -> float:
        return self.left + value * self.scale

    def y(self, value: float) -> float:
        """From dots down the label to points up the page."""
        return self.top - value * self.scale

    def draw(self) -> None:
        for op in self.layout.ops:
            if isinstance(op, TextOp):
                self.text(op)
            elif isinstance(op, QrOp):
                self.qr(op)
            elif isinstance(op, BarsOp):
                self.bars(op)
            elif isinstance(op, RectOp):
                self.box(op)

    def text(self, op: TextOp) -> None:
        canvas = self.canvas
        size_points = op.size * self.scale
        ascent = font(op.size).getmetrics()[0]
        for index, line in enumerate(op.lines):
            width = pdfmetrics.stringWidth(line, FONT_NAME, size_points)
            left = self.x(op.x)
            if op.align is Align.CENTER:
                left += (op.width * self.scale - width) / 2
            elif op.align is Align.RIGHT:
                left += op.width * self.scale - width
            text = canvas.beginText(left, self.y(op.y + index * op.line_height + ascent))
            text.setFont(FONT_NAME, size_points)
            if op.bold:
                text.setTextRenderMode(2)  # fill and stroke: a bold the font itself lacks
                canvas.setLineWidth(size_points / 30)
            text.textLine(line)
            canvas.drawText(text)

    def fill_rects(self, rects: list[tuple[int, int, int, int]]) -> None:
        """Fill rectangles given in whole dots as one path, written as PDF operators directly
        in a coordinate system of dots (y down): a QR is some 300 runs, and reportlab's path
        object costs ~15 µs a rectangle."""
        scale = self.scale
        parts = [f"{x} {y} {w} {h} re" for x, y, w, h in rects]
        self.canvas.addLiteral(f"q 0 g {scale:.6f} 0 0 {-scale:.6f} {self.left:.3f} "
                               f"{self.top:.3f} cm\n" + "\n".join(parts) + "\nf Q")

    def qr(self, op: QrOp) -> None:
        module = op.module
        self.fill_rects([(op.x + start * module, op.y + row * module, length * module, module)
                         for row, start, length in op.symbol.runs()])

    def bars(self, op: BarsOp) -> None:
        rects: list[tuple[int, int, int, int]] = []
        left = op.x
        for index, width in enumerate(op.barcode.modules):
            if index % 2 == 0:
                rects.append((left, op.y, width * op.module, op.height))
            left += width * op.module
        self.fill_rects(rects)
        if op.hri is not None:
            self.text(op.hri)

    def box(self, op: RectOp) -> None:
        if op.thickness:
            self.canvas.setLineWidth(op.thickness * self.scale)
            half = op.thickness / 2
            self.canvas.rect(self.x(op.x + half), self.y(op.y + op.height - half),
                             (op.width - op.thickness) * self.scale,
                             (op.height - op.thickness) * self.scale, fill=0, stroke=1)
        else:
            self.canvas.rect(self.x(op.x), self.y(op.y + op.height), op.width * self.scale,
                             op.height * self.scale, fill=1, stroke=0)


def _points(mm: float) -> float:
    return mm / MM_PER_INCH * POINTS_PER_INCH


def write_pdf(layouts: Iterable[Layout], out: str | Path | BinaryIO, *,
              sheet: Sheet | None = None, title: str = "Labels",
              offset_mm: tuple[float, float] = (0.0, 0.0), start_position: int = 0) -> int:
    """Write the labels to ``out``; the number of pages.

    Without ``sheet`` each label is a page of its own size. With a sheet, labels fill its grid
    row by row, beginning at ``start_position`` on the first page (a partly used sheet), moved
    by the printer's calibration ``offset_mm`` (right, down).
    """
    register_font()
    target = str(out) if isinstance(out, Path) else out
    # The CJK font from the start: no unused, unembedded Helvetica resource on any page.
    canvas = Canvas(target, pageCompression=1, initialFontName=FONT_NAME, initialFontSize=10)
    canvas.setTitle(title)
    canvas.setCreator("Coop Desktop")
    pages = 0
    position = start_position
    open_page = False
    for layout in layouts:
        if sheet is None:
            width = layout.width * POINTS_PER_INCH / layout.dpi
            height = layout.height * POINTS_PER_INCH / layout.dpi
            canvas.setPageSize((width, height))
            _Page(canvas, layout, 0.0, height).draw()
            canvas.showPage()
            pages += 1
            continue
        per_page = sheet.columns * sheet.rows
        if position >= per_page:
            canvas.showPage()
            open_page = False
            position = 0
        if not open_page:
            canvas.setPageSize((_points(sheet.page_width_mm), _points(sheet.page_height_mm)))
            pages += 1
            open_page = True
        row, column = divmod(position, sheet.columns)
        left = _points(sheet.left_mm + column * sheet.column_pitch_mm + offset_mm[0])
        top = _points(sheet.page_height_mm - sheet.top_mm - row * sheet.row_pitch_mm
                      - offset_mm[1])
        _Page(canvas, layout, left, top).draw()
        position += 1
    if open_page:
        canvas.showPage()
    canvas.save()
    return pages
