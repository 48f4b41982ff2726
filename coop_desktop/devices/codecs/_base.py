"""Shared machinery for the codecs: option checking, drop accounting, and two framers (CR LF
lines and fixed-length STX frames). Pure: no clock, no I/O."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from coop_desktop.devices.readings import CodecStats, Reading

Options = Mapping[str, object]

STX = 0x02
ETX = 0x03


class Drop(Exception):
    """A frame that yields no reading: malformed, or simply not a weight (an echo, an ack)."""

    def __init__(self, reason: str, *, malformed: bool = True, skip: int = 1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.malformed = malformed
        self.skip = skip  # for STX frames: how many bytes to drop before looking again


class BadChecksum(Exception):
    """A frame whose checksum does not match: never yields a reading."""


# --- options -------------------------------------------------------------------------------


def check_keys(options: Options, allowed: Sequence[str]) -> None:
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        raise ValueError(
            f"unknown codec option {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})")


def opt_str(options: Options, key: str, default: str) -> str:
    value = options.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"codec option {key!r} must be a text string, not {value!r}")
    return value


def opt_bool(options: Options, key: str, default: bool) -> bool:
    value = options.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"codec option {key!r} must be true or false, not {value!r}")
    return value


def opt_choice(options: Options, key: str, default: str, choices: Sequence[str]) -> str:
    value = opt_str(options, key, default)
    if value not in choices:
        raise ValueError(f"codec option {key!r} must be one of {', '.join(choices)}, not {value!r}")
    return value


def opt_str_list(options: Options, key: str, default: Sequence[str]) -> tuple[str, ...]:
    value = options.get(key, list(default))
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"codec option {key!r} must be a list of text strings, not {value!r}")
    return tuple(value)


# --- helpers -------------------------------------------------------------------------------


_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)$")


def to_decimal(text: str) -> Decimal:
    """A decimal from a device's digits, keeping its decimals; Drop if it is not a number."""
    text = text.strip()
    if not _NUMBER.match(text):
        raise Drop("bad_number")
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern already guards
        raise Drop("bad_number") from exc


def hex_digit(nibble: int, style: str) -> int:
    """One XOR nibble as the device writes it: ``hex`` (0-9, A-F) or ``plus30`` (0-9, :;<=>?)."""
    if style == "plus30" or nibble <= 9:
        return 0x30 + nibble
    return 0x37 + nibble


def xor_of(data: bytes) -> int:
    value = 0
    for byte in data:
        value ^= byte
    return value


# --- framers -------------------------------------------------------------------------------


class _CodecBase:
    def __init__(self) -> None:
        self.stats = CodecStats()
        self._buf = bytearray()

    def reset(self) -> None:
        """Forget any partial frame (after a reconnect); the counts in ``stats`` are kept."""
        self._buf.clear()

    def _discard(self, count: int, reason: str) -> None:
        if count <= 0:
            return
        del self._buf[:count]
        self.stats.dropped_bytes += count
        self.stats.drop(reason, count)

    def _reject(self, exc: Drop | BadChecksum) -> None:
        if isinstance(exc, BadChecksum):
            self.stats.bad_checksums += 1
            self.stats.drop("bad_checksum")
        else:
            if exc.malformed:
                self.stats.malformed += 1
            self.stats.drop(exc.reason)

    def feed(self, data: bytes) -> list[Reading]:
        out: list[Reading] = []
        self._buf += data
        try:
            self._run(out)
        except Exception:  # a codec bug must never kill a reader thread; the count shows it
            self.stats.drop("internal_error")
            self.stats.dropped_bytes += len(self._buf)
            self._buf.clear()
        return out

    def _run(self, out: list[Reading]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


_EOL = re.compile(rb"\r\n|\n|\r(?=[^\n])")


class LineCodec(_CodecBase):
    """CR LF (or CR, or LF) terminated ASCII lines; a lone CR at the end of the data waits for a
    possible LF. Empty lines are skipped; over-long runs without a line end are dropped."""

    max_line = 96

    def parse_line(self, line: bytes, raw: bytes) -> Reading:  # pragma: no cover - abstract
        raise NotImplementedError

    def _run(self, out: list[Reading]) -> None:
        while True:
            match = _EOL.search(self._buf)
            if match is None:
                if len(self._buf) > self.max_line:
                    self.stats.malformed += 1
                    self._discard(len(self._buf), "line_too_long")
                return
            raw = bytes(self._buf[: match.end()])
            line = raw[: match.start()]
            del self._buf[: match.end()]
            if not line.strip(b" \t\x00"):
                continue
            try:
                reading = self.parse_line(line, raw)
            except (Drop, BadChecksum) as exc:
                self._reject(exc)
                self.stats.dropped_bytes += len(raw)
                continue
            self.stats.frames += 1
            out.append(reading)


class StxFrameCodec(_CodecBase):
    """Fixed-length frames starting with STX. Bytes before an STX are dropped as garbage; a frame
    that does not check out drops only its STX, so a real frame starting inside it is found."""

    length = 12
    start = re.compile(rb"\x02")

    def parse_frame(self, frame: bytes) -> Reading:  # pragma: no cover - abstract
        raise NotImplementedError

    def _run(self, out: list[Reading]) -> None:
        while True:
            found = self.start.search(self._buf)
            if found is None:
                self._discard(len(self._buf), "garbage")
                return
            self._discard(found.start(), "garbage")
            if len(self._buf) < self.length:
                return
            frame = bytes(self._buf[: self.length])
            try:
                reading = self.parse_frame(frame)
            except Drop as exc:
                self._reject(exc)
                self._discard(exc.skip, "skipped_bytes")
                continue
            except BadChecksum as exc:
                self._reject(exc)
                self._discard(1, "skipped_bytes")
                continue
            del self._buf[: self.length]
            self.stats.frames += 1
            out.append(reading)
