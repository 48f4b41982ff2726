"""The layout as a 1-bit image at the printer's own resolution.

This image is the preview, the PNG output, what the Windows driver path paints unscaled onto the
page, and (its text only) the bitmap that TSPL and ZPL jobs carry for Chinese text. Text is drawn
without antialiasing, as a thermal head prints it; modules and bars are whole dots.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from coop_desktop.labels.layout import BarsOp, Layout, QrOp, RectOp, TextOp, font
from coop_desktop.labels.template import Align

WHITE = 1
BLACK = 0


def draw_text(draw: ImageDraw.ImageDraw, op: TextOp, dx: int = 0, dy: int = 0) -> None:
    face = font(op.size)
    for index, line in enumerate(op.lines):
        length = face.getlength(line)
        if op.align is Align.CENTER:
            left = op.x + (op.width - length) / 2
        elif op.align is Align.RIGHT:
            left = op.x + op.width - length
        else:
            left = op.x
        top = op.y + index * op.line_height
        draw.text((round(left) - dx, top - dy), line, font=face, fill=BLACK,
                  stroke_width=1 if op.bold else 0, stroke_fill=BLACK)


def _draw_qr(draw: ImageDraw.ImageDraw, op: QrOp) -> None:
    module = op.module
    for row, start, length in op.symbol.runs():
        draw.rectangle((op.x + start * module, op.y + row * module,
                        op.x + (start + length) * module - 1, op.y + (row + 1) * module - 1),
                       fill=BLACK)


def _draw_bars(draw: ImageDraw.ImageDraw, op: BarsOp) -> None:
    left = op.x
    for index, width in enumerate(op.barcode.modules):
        right = left + width * op.module
        if index % 2 == 0:
            draw.rectangle((left, op.y, right - 1, op.y + op.height - 1), fill=BLACK)
        left = right
    if op.hri is not None:
        draw_text(draw, op.hri)


def render(layout: Layout, *, texts: bool = True, symbols: bool = True) -> Image.Image:
    """The label as a mode "1" image of ``layout.width × layout.height`` dots (white = 1).

    ``texts=False`` or ``symbols=False`` leave those out (the thermal back ends draw symbols
    with native commands and send only the text as a bitmap)."""
    image = Image.new("1", (layout.width, layout.height), WHITE)
    draw = ImageDraw.Draw(image)
    draw.fontmode = "1"
    for op in layout.ops:
        if isinstance(op, TextOp):
            if texts:
                draw_text(draw, op)
        elif isinstance(op, QrOp):
            if symbols:
                _draw_qr(draw, op)
        elif isinstance(op, BarsOp):
            if symbols:
                _draw_bars(draw, op)
            elif texts and op.hri is not None:
                draw_text(draw, op.hri)
        elif isinstance(op, RectOp):
            if op.thickness:
                for inset in range(op.thickness):
                    draw.rectangle((op.x + inset, op.y + inset, op.x + op.width - 1 - inset,
                                    op.y + op.height - 1 - inset), outline=BLACK)
            else:
                draw.rectangle((op.x, op.y, op.x + op.width - 1, op.y + op.height - 1),
                               fill=BLACK)
    return image
