"""EID readers: Allflex-style ASCII lines and the 30-byte WL-134 134.2 kHz module frame
(devices.md §5). Readings carry ``channel="eid"`` and the tag as ``text``: ``"CCC NNNNNNNNNNNN"``
for ISO 11784 numbers (country or maker code, space, 12-digit national id); HDX industrial
``LR`` reads keep their two fields as sent."""

from __future__ import annotations

import re

from coop_desktop.devices.codecs._base import (
    ETX,
    STX,
    BadChecksum,
    Drop,
    LineCodec,
    Options,
    StxFrameCodec,
    check_keys,
    xor_of,
)
from coop_desktop.devices.readings import Reading

_ISO_LINE = re.compile(r"^L[AR]\s+(?:\d{5}\s+\d\s+)?(\d{3})\s*(\d{12})$")
_HDX_LINE = re.compile(r"^LR\s+(\d{4})\s+(\d{16})$")
_BARE_15 = re.compile(r"^(\d{3})\s?(\d{12})$")
_DOT_HEX = re.compile(r"^([0-9A-Fa-f]{3})\.([0-9A-Fa-f]{10})$")


def iso_text(country: int, national: int) -> str:
    return f"{country:03d} {national:012d}"


def _eid(text: str, raw: bytes) -> Reading:
    return Reading(value=None, unit="", stable=None, raw=raw, channel="eid", text=text)


class EidAsciiCodec(LineCodec):
    """``LA 982 000001088420``, TIRIS ``LA 00000 0 982 000001088420``, HDX ``LR 0006 00…43``,
    a bare 15-digit number, or dot-hex ``3E7.1CBE991A14``. The power-up ``STX CR LF`` and
    echoed command characters are counted and skipped."""

    def parse_line(self, line: bytes, raw: bytes) -> Reading:
        text = line.decode("latin-1").strip(" \x02\x03")
        if not text:
            raise Drop("power_up", malformed=False)
        for pattern in (_ISO_LINE, _BARE_15):
            match = pattern.match(text)
            if match:
                return _eid(f"{match[1]} {match[2]}", raw)
        match = _HDX_LINE.match(text)
        if match:
            return _eid(f"{match[1]} {match[2]}", raw)
        match = _DOT_HEX.match(text)
        if match:
            country, national = int(match[1], 16), int(match[2], 16)
            if country <= 999 and national <= 999_999_999_999:
                return _eid(iso_text(country, national), raw)
        raise Drop("bad_line")


def _lsn_first_hex(chars: bytes) -> int:
    try:
        return int(chars[::-1].decode("ascii"), 16)
    except (UnicodeDecodeError, ValueError) as exc:
        raise Drop("bad_hex") from exc


def encode_wl134(country: int, national: int, animal: bool = True) -> bytes:
    body = (f"{national:010X}"[::-1] + f"{country:04X}"[::-1] + "0" + ("1" if animal else "0")
            + "0" * 10).encode("ascii")
    check = xor_of(body)
    return bytes((STX,)) + body + bytes((check, check ^ 0xFF, ETX))


class Wl134Codec(StxFrameCodec):
    """``02``, 10 id hex characters and 4 country characters (least significant nibble first),
    data-block flag, animal flag, 10 reserved, XOR of bytes 1–26, NOT of that XOR, ``03``."""

    length = 30

    def parse_frame(self, frame: bytes) -> Reading:
        if frame[29] != ETX:
            raise Drop("no_etx")
        national = _lsn_first_hex(frame[1:11])
        country = _lsn_first_hex(frame[11:15])
        if not all(0x30 <= b <= 0x46 for b in frame[1:27]):
            raise Drop("bad_hex")
        check = xor_of(frame[1:27])
        if frame[27] != check or frame[28] != check ^ 0xFF:
            raise BadChecksum
        if country > 999 or national > 999_999_999_999:
            raise Drop("bad_number")
        return _eid(iso_text(country, national), frame)


def make_eid_ascii(options: Options) -> EidAsciiCodec:
    check_keys(options, ())
    return EidAsciiCodec()


def make_wl134(options: Options) -> Wl134Codec:
    check_keys(options, ())
    return Wl134Codec()
