"""Toledo continuous output (8530, SWA/SWB/SWC; Kern, Cardinal, Fairbanks…): devices.md §2.2.

``02 SWA SWB SWC w6 [t6] 0D [cks]``: the tare field and the checksum are profile options. Every
byte is masked to 7 bits first, so a 7E1 line read as 8N1 decodes the same (the raw frame is
kept as received)."""

from __future__ import annotations

import re
from decimal import Decimal

from coop_desktop.devices.codecs._base import (
    STX,
    BadChecksum,
    Drop,
    Options,
    StxFrameCodec,
    check_keys,
    opt_bool,
    opt_str,
)
from coop_desktop.devices.readings import Reading, WeightKind

CR = 0x0D


def checksum(data: bytes) -> int:
    """Two's complement of the sum of the low 7 bits of ``data`` (STX through CR), 7 bits."""
    return -sum(b & 0x7F for b in data) & 0x7F


def _scale_exponent(swa: int) -> int:
    code = swa & 0x07
    return {0: 2, 1: 1, 2: 0}.get(code, -(code - 2))


def _digits(field: bytes) -> int:
    text = field.replace(b" ", b"0")
    if not text.isdigit():
        raise Drop("bad_digits")
    return int(text)


def encode(value: Decimal, decimals: int, *, motion: bool = False, net: bool = False,
           overload: bool = False, kg: bool = True, tare: bool = True,
           with_checksum: bool = True) -> bytes:
    swa = 0x20 | 0x08 | (decimals + 2 if decimals else 2)
    swb = 0x20 | (0x01 if net else 0) | (0x02 if value < 0 else 0) | (0x04 if overload else 0)
    swb |= (0x08 if motion else 0) | (0x10 if kg else 0)
    body = bytes((STX, swa, swb, 0x20)) + b"%06d" % int(abs(value).scaleb(decimals))
    if tare:
        body += b"000000"
    body += bytes((CR,))
    return body + (bytes((checksum(body),)) if with_checksum else b"")


class ToledoCodec(StxFrameCodec):
    start = re.compile(rb"[\x02\x82]")  # STX, or STX with a parity bit on a 7E1 line

    def __init__(self, *, tare: bool = True, with_checksum: bool = True,
                 other_unit: str = "lb") -> None:
        super().__init__()
        self.tare = tare
        self.with_checksum = with_checksum
        self.other_unit = other_unit
        self.length = 4 + 6 + (6 if tare else 0) + 1 + (1 if with_checksum else 0)

    def parse_frame(self, frame: bytes) -> Reading:
        masked = bytes(b & 0x7F for b in frame)
        cr_at = 10 + (6 if self.tare else 0)
        if masked[cr_at] != CR:
            raise Drop("no_cr")
        swa, swb = masked[1], masked[2]
        if not swa & 0x20 or not swb & 0x20:
            raise Drop("bad_status")
        digits = _digits(masked[4:10])
        if self.tare:
            _digits(masked[10:16])
        if self.with_checksum and masked[cr_at + 1] != checksum(masked[: cr_at + 1]):
            raise BadChecksum
        kind = WeightKind.NET if swb & 0x01 else WeightKind.GROSS
        unit = "kg" if swb & 0x10 else self.other_unit
        stable = not swb & 0x08
        if swb & 0x04:
            return Reading(value=None, unit=unit, stable=stable, raw=frame, kind=kind,
                           overload=True)
        value = Decimal(digits).scaleb(_scale_exponent(swa))
        if swb & 0x02:
            value = -value
        return Reading(value=value, unit=unit, stable=stable, raw=frame, kind=kind)


def make_toledo(options: Options) -> ToledoCodec:
    check_keys(options, ("tare", "checksum", "other_unit"))
    return ToledoCodec(tare=opt_bool(options, "tare", True),
                       with_checksum=opt_bool(options, "checksum", True),
                       other_unit=opt_str(options, "other_unit", "lb"))
