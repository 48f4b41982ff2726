"""TSPL and ZPL jobs for thermal label printers, built as bytes from the layouts.

QR codes and GS1-128 are native printer commands (whole-dot modules, the printer's own bars);
text, Chinese included, is one bitmap per text block rendered by :mod:`raster`, so that every
printer prints the same glyphs whatever fonts it has (labels-and-printing.md §2–§4). GS1-128 is
sent with explicit code sets (TSPL ``128M``, ZPL ``^BC`` invocation codes), so the printer draws
exactly the symbol the preview shows.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from PIL import Image, ImageChops

from coop_desktop.labels.layout import MM_PER_INCH, BarsOp, Layout, QrOp, RectOp, TextOp
from coop_desktop.labels.raster import render
from coop_desktop.labels.symbols import Gs1Barcode

_START_B, _START_C, _CODE_B, _CODE_C, _FNC1 = 104, 105, 100, 99, 102


class Language(enum.StrEnum):
    TSPL = "tspl"
    ZPL = "zpl"


@dataclass(frozen=True)
class ThermalSettings:
    """What a printer profile says about the job (labels-and-printing.md §9, last bullet)."""

    dpi: int = 203
    darkness: int = 8  # TSPL DENSITY 0–15; ZPL ~SD is darkness × 2
    speed: int = 4  # inches per second
    gap_mm: float = 2.0  # 0 for continuous media
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0
    direction: int = 1  # TSPL DIRECTION
    invert_bitmap: bool = False  # TSPL: some clones print 1 bits as dots
    copies: int = 1


def _tspl_128m(barcode: Gs1Barcode) -> str:
    out: list[str] = []
    code_set = ""
    for value in barcode.values[:-2]:  # the printer adds the check character and stop
        if value in (_START_B, _START_C):
            code_set = "C" if value == _START_C else "B"
            out.append(f"!{value:03d}")
        elif value == _FNC1:
            out.append("!102")
        elif value == _CODE_B and code_set == "C":
            code_set = "B"
            out.append("!100")
        elif value == _CODE_C and code_set == "B":
            code_set = "C"
            out.append("!099")
        elif code_set == "C":
            out.append(f"{value:02d}")
        else:
            out.append(chr(value + 32))
    return "".join(out)


def _text_blocks(layout: Layout) -> list[tuple[int, int, Image.Image]]:
    """The text of the label as bitmaps: one per text op (and per HRI line), cropped to ink."""
    blocks: list[tuple[int, int, Image.Image]] = []
    text_ops = [op for op in layout.ops if isinstance(op, TextOp)]
    text_ops += [op.hri for op in layout.ops if isinstance(op, BarsOp) and op.hri is not None]
    for op in text_ops:
        single = Layout(template=layout.template, dpi=layout.dpi, width=layout.width,
                        height=layout.height, ops=(op,))
        image = render(single)
        ink = ImageChops.invert(image.convert("L")).getbbox()
        if ink is None:
            continue
        left, top, right, bottom = ink
        left -= left % 8  # whole bytes from the op's own x: keeps the glyphs where they were
        blocks.append((left, top, image.crop((left, top, right, bottom))))
    return blocks


def _bits(image: Image.Image, black_is_one: bool) -> tuple[int, int, bytes]:
    """Width in bytes, height and the packed rows (Pillow's "1" mode: 1 = white)."""
    width_bytes = (image.width + 7) // 8
    padded = Image.new("1", (width_bytes * 8, image.height), 1)
    padded.paste(image, (0, 0))
    data = padded.tobytes()
    if black_is_one:
        data = bytes(byte ^ 0xFF for byte in data)
    return width_bytes, image.height, data


def tspl_job(layouts: Iterable[Layout], settings: ThermalSettings) -> bytes:
    """One TSPL job printing every layout (all of the same size)."""
    out = bytearray()
    for layout in layouts:
        width_mm = layout.width_mm or layout.width * MM_PER_INCH / layout.dpi
        height_mm = layout.height_mm or layout.height * MM_PER_INCH / layout.dpi
        dpmm = layout.dpi / MM_PER_INCH
        header = [
            f"SIZE {width_mm:g} mm,{height_mm:g} mm",
            f"GAP {settings.gap_mm:g} mm,0 mm",
            f"DIRECTION {settings.direction},0",
            f"REFERENCE {round(settings.offset_x_mm * dpmm)},"
            f"{round(settings.offset_y_mm * dpmm)}",
            f"DENSITY {settings.darkness}",
            f"SPEED {settings.speed}",
            "CLS",
        ]
        out += ("\r\n".join(header) + "\r\n").encode("ascii")
        for op in layout.ops:
            if isinstance(op, QrOp):
                content = op.symbol.text.replace('"', '\\["]')
                out += (f'QRCODE {op.x},{op.y},{op.symbol.error_correction},{op.module},A,0,'
                        f'M2,S7,"{content}"\r\n').encode("ascii")
            elif isinstance(op, BarsOp):
                out += (f'BARCODE {op.x},{op.y},"128M",{op.height},0,0,{op.module},'
                        f'{op.module},"{_tspl_128m(op.barcode)}"\r\n').encode("ascii")
            elif isinstance(op, RectOp):
                if op.thickness:
                    out += (f"BOX {op.x},{op.y},{op.x + op.width - 1},{op.y + op.height - 1},"
                            f"{op.thickness}\r\n").encode("ascii")
                else:
                    out += f"BAR {op.x},{op.y},{op.width},{op.height}\r\n".encode("ascii")
        for x, y, image in _text_blocks(layout):
            width_bytes, height, data = _bits(image, black_is_one=settings.invert_bitmap)
            out += f"BITMAP {x},{y},{width_bytes},{height},1,".encode("ascii") + data + b"\r\n"
        out += f"PRINT 1,{settings.copies}\r\n".encode("ascii")
    return bytes(out)


def zpl_job(layouts: Iterable[Layout], settings: ThermalSettings) -> bytes:
    """One ZPL II job printing every layout, a ``^XA…^XZ`` block each."""
    out: list[str] = []
    for layout in layouts:
        dpmm = layout.dpi / MM_PER_INCH
        out += ["^XA", "^CI28", f"^PW{layout.width}", f"^LL{layout.height}",
                f"^LH{round(settings.offset_x_mm * dpmm)},{round(settings.offset_y_mm * dpmm)}",
                f"~SD{min(30, settings.darkness * 2):02d}", f"^PR{settings.speed}"]
        for op in layout.ops:
            if isinstance(op, QrOp):
                out.append(f"^FO{op.x},{op.y}^BQN,2,{op.module}"
                           f"^FD{op.symbol.error_correction}A,{op.symbol.text}^FS")
            elif isinstance(op, BarsOp):
                out.append(f"^BY{op.module}^FO{op.x},{op.y}^BCN,{op.height},N,N,N,N"
                           f"^FD{op.barcode.zpl_data()}^FS")
            elif isinstance(op, RectOp):
                thickness = op.thickness or min(op.width, op.height)
                out.append(f"^FO{op.x},{op.y}^GB{op.width},{op.height},{thickness}^FS")
        for x, y, image in _text_blocks(layout):
            width_bytes, _, data = _bits(image, black_is_one=True)
            out.append(f"^FO{x},{y}^GFA,{len(data)},{len(data)},{width_bytes},"
                       f"{data.hex().upper()}^FS")
        out += [f"^PQ{settings.copies}", "^XZ"]
    return ("\n".join(out) + "\n").encode("utf-8")
