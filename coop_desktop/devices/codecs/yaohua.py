"""Yaohua 耀华 XK3190 family (and Keli and other copies): devices.md §3.2–3.5.

- ``yaohua_tf0``: continuous 12-byte STX frames, XOR as two ASCII nibbles (``hex`` or ``plus30``);
- ``yaohua_tf1``: command-mode replies (14 bytes) to ``A``…``D`` requests;
- ``yaohua_eq``: the ``=`` big-display formats, reversed or forward, sign optional, no checksum;
- ``yaohua_w``: A12E/A27E ``WG004.139kg3D`` lines, checksum optional, ``OL``/``LO``.

None of them sends a stability flag: readings carry ``stable=None`` (``yaohua_w`` included).
"""

from __future__ import annotations

import re
from decimal import Decimal

from coop_desktop.devices.codecs._base import (
    ETX,
    STX,
    BadChecksum,
    Drop,
    LineCodec,
    Options,
    StxFrameCodec,
    _CodecBase,
    check_keys,
    hex_digit,
    opt_choice,
    opt_str,
    opt_str_list,
    to_decimal,
    xor_of,
)
from coop_desktop.devices.readings import Reading, WeightKind

XOR_STYLES = ("hex", "plus30")
_DIGITS = frozenset(b"0123456789")


def xor_chars(data: bytes, style: str = "hex") -> bytes:
    """The two ASCII characters a Yaohua indicator sends for the XOR of ``data``."""
    value = xor_of(data)
    return bytes((hex_digit(value >> 4, style), hex_digit(value & 0x0F, style)))


def _check_xor(covered: bytes, sent: bytes, styles: tuple[str, ...]) -> None:
    if not any(xor_chars(covered, style) == sent for style in styles):
        raise BadChecksum


def _xor_styles(options: Options) -> tuple[str, ...]:
    styles = opt_str_list(options, "xor_styles", XOR_STYLES)
    if not styles or any(style not in XOR_STYLES for style in styles):
        raise ValueError(f"codec option 'xor_styles' must list some of {', '.join(XOR_STYLES)}")
    return styles


def _signed_value(sign: int, digits: bytes, decimals: int) -> Decimal:
    if sign not in (0x2B, 0x2D) or not all(b in _DIGITS for b in digits):
        raise Drop("bad_digits")
    if not 0x30 <= decimals <= 0x34:
        raise Drop("bad_decimals")
    value = Decimal(int(digits)).scaleb(-(decimals - 0x30))
    return -value if sign == 0x2D else value


def encode_tf0(value: Decimal, decimals: int, style: str = "hex") -> bytes:
    """A tF=0 frame for ``value`` (for the simulator and round-trip tests)."""
    digits = int(abs(value).scaleb(decimals))
    body = (b"-" if value < 0 else b"+") + b"%06d" % digits + bytes((0x30 + decimals,))
    return bytes((STX,)) + body + xor_chars(body, style) + bytes((ETX,))


class YaohuaTf0Codec(StxFrameCodec):
    """``02 sign d6 decimals xorH xorL 03``: no stable, overload, unit or gross/net flag."""

    length = 12

    def __init__(self, *, unit: str = "kg", xor_styles: tuple[str, ...] = XOR_STYLES) -> None:
        super().__init__()
        self.unit = unit
        self.xor_styles = xor_styles

    def parse_frame(self, frame: bytes) -> Reading:
        if frame[11] != ETX:
            raise Drop("no_etx")
        value = _signed_value(frame[1], frame[2:8], frame[8])
        _check_xor(frame[1:9], frame[9:11], self.xor_styles)
        return Reading(value=value, unit=self.unit, stable=None, raw=frame)


_KINDS = {0x42: WeightKind.GROSS, 0x43: WeightKind.TARE, 0x44: WeightKind.NET}


def encode_request(command: str, address: int = 1, style: str = "hex") -> bytes:
    """A command-mode request: ``A`` handshake, ``B`` gross, ``C`` tare, ``D`` net."""
    body = bytes((0x40 + address,)) + command.encode("ascii")
    return bytes((STX,)) + body + xor_chars(body, style) + bytes((ETX,))


def encode_tf1_reply(command: str, value: Decimal, decimals: int, address: int = 1,
                     style: str = "hex") -> bytes:
    digits = int(abs(value).scaleb(decimals))
    body = (bytes((0x40 + address,)) + command.encode("ascii")
            + (b"-" if value < 0 else b"+") + b"%06d" % digits + bytes((0x30 + decimals,)))
    return bytes((STX,)) + body + xor_chars(body, style) + bytes((ETX,))


class YaohuaTf1Codec(StxFrameCodec):
    """Replies ``02 addr cmd sign d6 decimals xorH xorL 03`` (14 B); the XOR covers address,
    command and data. Echoed 6-byte requests (auto-direction RS-485 dongles) are skipped."""

    length = 14

    def __init__(self, *, unit: str = "kg", xor_styles: tuple[str, ...] = XOR_STYLES,
                 address: int | None = None) -> None:
        super().__init__()
        self.unit = unit
        self.xor_styles = xor_styles
        self.address = address

    def parse_frame(self, frame: bytes) -> Reading:
        if frame[5] == ETX and frame[2] in b"ABCDEFGHIJ" and frame[13] != ETX:
            raise Drop("request_echo", malformed=False, skip=6)
        if frame[13] != ETX:
            raise Drop("no_etx")
        if not 0x41 <= frame[1] <= 0x5A:
            raise Drop("bad_address")
        kind = _KINDS.get(frame[2])
        if kind is None:
            raise Drop("not_a_weight")
        value = _signed_value(frame[3], frame[4:10], frame[10])
        _check_xor(frame[1:11], frame[11:13], self.xor_styles)
        if self.address is not None and frame[1] - 0x40 != self.address:
            raise Drop("other_address", malformed=False, skip=self.length)
        return Reading(value=value, unit=self.unit, stable=None, raw=frame, kind=kind)


class YaohuaEqCodec(_CodecBase):
    """The ``=`` formats. A value is the text between two ``=`` (the text before the first ``=``
    may be a half frame and is dropped), so a reading leaves when the next frame begins.

    ``order = "reversed"``: least significant character first, an optional trailing sign
    (``0``/``+`` positive, ``-`` negative) after 7 characters: ``=000.3000`` is 3.000 and
    ``543.210=`` is 12.345. ``order = "forward"``: optional leading sign then the digits, high
    first: ``=0003.000``. Keli's decimal comma is accepted.
    """

    max_token = 16

    def __init__(self, *, unit: str = "kg", order: str = "reversed") -> None:
        super().__init__()
        self.unit = unit
        self.order = order
        self._synced = False

    def reset(self) -> None:
        super().reset()
        self._synced = False

    def _run(self, out: list[Reading]) -> None:
        while True:
            end = self._buf.find(b"=")
            if end < 0:
                if len(self._buf) > self.max_token:
                    self.stats.malformed += 1
                    self._discard(len(self._buf), "garbage")
                    self._synced = False
                return
            token = bytes(self._buf[:end])
            if not self._synced:
                self._synced = True
                self._discard(end + 1, "unsynced")
                continue
            del self._buf[: end + 1]
            raw = b"=" + token if self.order == "forward" else token + b"="
            try:
                value = self._parse(token)
            except Drop as exc:
                self._reject(exc)
                self.stats.dropped_bytes += len(raw)
                continue
            self.stats.frames += 1
            out.append(Reading(value=value, unit=self.unit, stable=None, raw=raw))

    def _parse(self, token: bytes) -> Decimal:
        text = token.strip(b" \r\n").decode("latin-1").replace(",", ".")
        if not text or len(text) > self.max_token:
            raise Drop("bad_length")
        negative = False
        if self.order == "reversed":
            if text.endswith("-"):
                negative, text = True, text[:-1]
            elif len(text) == 8 and text[-1] in "0+":
                text = text[:-1]
            text = text[::-1]
        elif text[0] in "+-" or (len(text) == 8 and text[0] == "0"):
            negative, text = text[0] == "-", text[1:]
        if not text or text[0] in "+-":
            raise Drop("bad_number")
        value = to_decimal(text)
        return -value if negative else value


def encode_eq(value: Decimal, decimals: int, order: str = "reversed") -> bytes:
    text = f"{abs(value):0{8 if decimals else 7}.{decimals}f}"[-7:]
    sign = "-" if value < 0 else "0"
    if order == "reversed":
        return ("=" + text[::-1] + sign).encode("ascii")
    return ("=" + sign + text).encode("ascii")


_W_LINE = re.compile(
    r"^[Ww]([WwGgNnTt])(?P<body>.*?)(?P<unit>kg|KG|Kg|lb|LB|g|t|OL|LO|ol|lo)"
    r"(?P<cks>[0-9A-Fa-f]{2})?$")
_W_KINDS = {"g": WeightKind.GROSS, "n": WeightKind.NET, "t": WeightKind.TARE,
            "w": WeightKind.UNKNOWN}


def encode_w(value: Decimal, kind: str = "G", unit: str = "kg", checksum: bool = True) -> bytes:
    body = f"W{kind}{value:07.3f}{unit}".encode("ascii")
    if checksum:
        body += b"%02X" % xor_of(body)
    return body + b"\r\n"


class YaohuaWCodec(LineCodec):
    """A12E/A27E lines: ``W`` + ``G``/``N`` + 7 characters + unit, then the XOR of everything
    before it as two hex characters (A12E), or no checksum (``ww000.000lb`` forms). Overload
    ``OL`` and underload ``LO`` replace the weight. ``checksum = "required"`` refuses lines
    without one; ``"optional"`` (the default) accepts both."""

    def __init__(self, *, checksum: str = "optional") -> None:
        super().__init__()
        self.checksum = checksum

    def parse_line(self, line: bytes, raw: bytes) -> Reading:
        text = line.decode("latin-1").strip(" \x00\x02")
        match = _W_LINE.match(text)
        if match is None:
            raise Drop("bad_line")
        cks = match["cks"]
        if cks is None and self.checksum == "required":
            raise Drop("no_checksum")
        if cks is not None:
            covered = text[: match.start("cks")].encode("latin-1")
            if xor_of(covered) != int(cks, 16):
                raise BadChecksum
        kind = _W_KINDS[match[1].lower()]
        unit = match["unit"]
        if unit.upper() in ("OL", "LO"):
            if match["body"].strip():
                raise Drop("bad_line")
            return Reading(value=None, unit="", stable=None, raw=raw, kind=kind, overload=True)
        body = match["body"].replace(" ", "")
        if len(match["body"]) != 7 and not (len(match["body"]) == 8 and body[:1] in "+-"):
            raise Drop("bad_length")
        return Reading(value=to_decimal(body), unit=unit.lower(), stable=None, raw=raw, kind=kind)


def make_tf0(options: Options) -> YaohuaTf0Codec:
    check_keys(options, ("unit", "xor_styles", "division"))
    return YaohuaTf0Codec(unit=opt_str(options, "unit", "kg"), xor_styles=_xor_styles(options))


def make_tf1(options: Options) -> YaohuaTf1Codec:
    check_keys(options, ("unit", "xor_styles", "address", "division"))
    address = options.get("address")
    if address is not None and (not isinstance(address, int) or not 1 <= address <= 26):
        raise ValueError(f"codec option 'address' must be a whole number 1-26, not {address!r}")
    return YaohuaTf1Codec(unit=opt_str(options, "unit", "kg"), xor_styles=_xor_styles(options),
                          address=address)


def make_eq(options: Options) -> YaohuaEqCodec:
    check_keys(options, ("unit", "order", "division"))
    return YaohuaEqCodec(unit=opt_str(options, "unit", "kg"),
                         order=opt_choice(options, "order", "reversed", ("reversed", "forward")))


def make_w(options: Options) -> YaohuaWCodec:
    check_keys(options, ("checksum", "division"))
    return YaohuaWCodec(checksum=opt_choice(options, "checksum", "optional",
                                            ("optional", "required")))

