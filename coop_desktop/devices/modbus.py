"""Modbus RTU for soil and air sensors on an RS-485 bus: framing, an incremental response decoder
and a polling master.

Why our own codec and not minimalmodbus (or pymodbus): the part of Modbus RTU the sensors need is
FC03/FC04 reads (and FC06 for re-addressing), a CRC-16 and length-by-header framing — about a
hundred lines, golden-tested against the frames in ``devices.md`` §4.3. Written here it is pure
(bytes in, responses out, like the scale codecs), runs unchanged over a COM port, a ``socket://``
device server or a test fake through our :class:`~coop_desktop.devices.transports.Transport`,
resynchronises inside a wide read window (auto-direction dongles echo or clip requests) instead of
trusting 3.5-character silences that USB adapters do not keep, counts CRC errors in the same
:class:`CodecStats` as every other codec, and adds no dependency and no API churn (pymodbus renamed
``slave=`` in a minor release; minimalmodbus wants its own pyserial object and hides the bytes).

Frames (§4.1): request ``addr fc startHi startLo countHi countLo crcLo crcHi``; response
``addr fc n data… crc`` (5 + 2·count bytes); exception ``addr fc|80 code crc``. CRC-16/MODBUS:
reflected polynomial A001h, initial FFFFh, low byte first. Registers are big-endian.
"""

from __future__ import annotations

import enum
import math
import struct
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from coop_desktop.devices.readings import CodecStats, Reading
from coop_desktop.devices.transports import Transport, TransportError

READ_HOLDING = 0x03
READ_INPUT = 0x04
WRITE_SINGLE = 0x06
READ_FUNCTIONS = frozenset({READ_HOLDING, READ_INPUT})
SUPPORTED_FUNCTIONS = frozenset({READ_HOLDING, READ_INPUT, WRITE_SINGLE})
MAX_READ_COUNT = 125  # registers in one read: 250 data bytes

EXCEPTION_NAMES = {
    0x01: "illegal function",
    0x02: "illegal data address",
    0x03: "illegal data value",
    0x04: "slave device failure",
    0x05: "acknowledge",
    0x06: "slave device busy",
}


# --- CRC and request frames ----------------------------------------------------------------------


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_CRC_TABLE = _crc_table()


def crc16(data: bytes) -> int:
    """CRC-16/MODBUS of ``data`` (send it low byte first)."""
    crc = 0xFFFF
    for byte in data:
        crc = (crc >> 8) ^ _CRC_TABLE[(crc ^ byte) & 0xFF]
    return crc


def with_crc(body: bytes) -> bytes:
    """``body`` followed by its CRC, low byte first."""
    return body + crc16(body).to_bytes(2, "little")


def crc_ok(frame: bytes) -> bool:
    """True when the last two bytes of ``frame`` are the CRC of the rest."""
    return len(frame) >= 4 and crc16(frame[:-2]) == int.from_bytes(frame[-2:], "little")


def _check_slave(slave: int) -> None:
    if not 1 <= slave <= 247:
        raise ValueError(f"slave address {slave} is outside 1–247")


def build_read_request(slave: int, start: int, count: int, function: int = READ_HOLDING) -> bytes:
    """An FC03 (holding) or FC04 (input) read of ``count`` registers from ``start``."""
    _check_slave(slave)
    if function not in READ_FUNCTIONS:
        raise ValueError(f"function {function:#04x} is not a register read (03 or 04)")
    if not 1 <= count <= MAX_READ_COUNT:
        raise ValueError(f"register count {count} is outside 1–{MAX_READ_COUNT}")
    if not 0 <= start <= 0xFFFF or start + count > 0x10000:
        raise ValueError(f"registers {start}+{count} are outside 0000–FFFF")
    return with_crc(struct.pack(">BBHH", slave, function, start, count))


def build_write_single(slave: int, address: int, value: int) -> bytes:
    """An FC06 write of one holding register (re-addressing a sensor, setting its baud rate)."""
    _check_slave(slave)
    if not 0 <= address <= 0xFFFF or not 0 <= value <= 0xFFFF:
        raise ValueError("FC06 address and value are 16-bit")
    return with_crc(struct.pack(">BBHH", slave, WRITE_SINGLE, address, value))


# --- responses -----------------------------------------------------------------------------------


class ModbusError(Exception):
    """A Modbus exchange failed."""


class ModbusTimeout(ModbusError):
    """No valid answer within the timeout, after every retry."""


class ModbusFrameError(ModbusError):
    """A frame that is not a valid response (bad CRC, wrong length, another slave)."""


class ModbusExceptionResponse(ModbusError):
    """The slave answered with an exception code (it is there, but refused the request)."""

    def __init__(self, slave: int, function: int, code: int) -> None:
        self.slave = slave
        self.function = function
        self.code = code
        name = EXCEPTION_NAMES.get(code, "unknown exception")
        super().__init__(f"slave {slave} refused function {function:02X}: {code:02X} {name}")


@dataclass(frozen=True)
class Response:
    """One valid (CRC-checked) response frame.

    ``registers`` holds the values of an FC03/FC04 reply, or ``(address, value)`` of an FC06 echo;
    ``exception`` is the code of an exception response (``function`` is then without the 80h bit).
    """

    slave: int
    function: int
    registers: tuple[int, ...]
    raw: bytes
    exception: int | None = None

    def raise_for_exception(self) -> None:
        if self.exception is not None:
            raise ModbusExceptionResponse(self.slave, self.function, self.exception)


def _expected_length(buffer: bytes | bytearray) -> int | None:
    """The length of the frame starting at buffer[0], 0 when no frame can start there, None when
    more bytes are needed to tell."""
    if len(buffer) < 2:
        return None
    slave, function = buffer[0], buffer[1]
    if not 1 <= slave <= 247:
        return 0
    if function & 0x80:
        return 5 if function & 0x7F in SUPPORTED_FUNCTIONS else 0
    if function == WRITE_SINGLE:
        return 8
    if function in READ_FUNCTIONS:
        if len(buffer) < 3:
            return None
        n = buffer[2]
        if n == 0 or n % 2 or n > 2 * MAX_READ_COUNT:
            return 0
        return 5 + n
    return 0


def _decode_frame(frame: bytes) -> Response:
    """A frame whose length fits its header and whose CRC is good, as a Response."""
    slave, function = frame[0], frame[1]
    if function & 0x80:
        return Response(slave, function & 0x7F, (), frame, exception=frame[2])
    if function == WRITE_SINGLE:
        return Response(slave, function, struct.unpack(">HH", frame[2:6]), frame)
    data = frame[3:-2]
    return Response(slave, function, struct.unpack(f">{len(data) // 2}H", data), frame)


def parse_response(frame: bytes) -> Response:
    """One complete response frame, checked; raises :class:`ModbusFrameError` if it is not one."""
    frame = bytes(frame)
    length = _expected_length(frame)
    if not length or len(frame) != length:
        raise ModbusFrameError(f"not a Modbus RTU response: {frame.hex(' ')}")
    if not crc_ok(frame):
        raise ModbusFrameError(f"CRC error: {frame.hex(' ')}")
    return _decode_frame(frame)


@dataclass(frozen=True)
class Expectation:
    """The answer a master waits for: only frames from this slave, of this function (or its
    exception), with this many registers are taken; everything else is skipped."""

    slave: int
    function: int
    count: int | None = None


class ResponseDecoder:
    """Incremental response decoder: bytes in (split or merged anywhere), responses out.

    Frames are found by header and expected length and accepted only with a good CRC; after
    garbage, an echoed request or a bad CRC it drops one byte and looks for the next plausible
    header (resync on ``addr fc``), counting what it dropped in ``stats``. It never raises.
    """

    def __init__(self, expect: Expectation | None = None) -> None:
        self.stats = CodecStats()
        self.expect = expect
        self._buffer = bytearray()

    def reset(self, expect: Expectation | None = None) -> None:
        """Forget buffered bytes (after a timeout) and wait for another answer."""
        self._buffer.clear()
        self.expect = expect

    def _fits_expectation(self, header: bytes | bytearray) -> bool:
        expect = self.expect
        if expect is None:
            return True
        if header[0] != expect.slave:
            return False
        if header[1] == expect.function | 0x80:
            return True
        if header[1] != expect.function:
            return False
        return (
            expect.count is None
            or expect.function not in READ_FUNCTIONS
            or len(header) < 3
            or header[2] == 2 * expect.count
        )

    def _drop(self, reason: str, count: int = 1) -> None:
        del self._buffer[:count]
        self.stats.dropped_bytes += count
        self.stats.drop(reason, count)

    def _complete_frame_after(self, start: int) -> int | None:
        """The offset of the first complete, fitting, CRC-valid frame at or after ``start``."""
        buffer = self._buffer
        for offset in range(start, len(buffer) - 4):
            candidate = buffer[offset:]
            length = _expected_length(candidate)
            if (
                length
                and length <= len(candidate)
                and self._fits_expectation(candidate[:3])
                and crc_ok(bytes(candidate[:length]))
            ):
                return offset
        return None

    def feed(self, data: bytes) -> list[Response]:
        self._buffer += data
        responses: list[Response] = []
        while self._buffer:
            length = _expected_length(self._buffer)
            if length is None:
                break
            if length == 0 or not self._fits_expectation(self._buffer[:3]):
                self._drop("garbage")
                continue
            if len(self._buffer) < length:
                # Garbage can look like the header of a long frame (DD 04 D2: 210 bytes to come);
                # a complete valid frame further on proves it wrong, so skip to that frame.
                later = self._complete_frame_after(1)
                if later is None:
                    break
                self._drop("garbage", later)
                continue
            frame = bytes(self._buffer[:length])
            if not crc_ok(frame):
                self.stats.bad_checksums += 1
                self._drop("bad CRC")
                continue
            del self._buffer[:length]
            self.stats.frames += 1
            responses.append(_decode_frame(frame))
        return responses


# --- register values -----------------------------------------------------------------------------


class RegisterType(enum.StrEnum):
    U16 = "u16"
    S16 = "s16"
    U32 = "u32"
    S32 = "s32"
    F32 = "f32"

    @property
    def width(self) -> int:
        """Registers this type occupies."""
        return 1 if self in (RegisterType.U16, RegisterType.S16) else 2


class RegisterSpec(Protocol):
    """What decoding needs to know of one register; the profile loader's register-map entries
    satisfy it, and so does :class:`RegisterField`.

    ``word_order`` is ``"big"`` (high word first, ABCD) or ``"little"`` (CDAB) for 32-bit types.
    """

    @property
    def name(self) -> str: ...

    @property
    def address(self) -> int: ...

    @property
    def type(self) -> str: ...

    @property
    def scale(self) -> Decimal | float | int: ...

    @property
    def unit(self) -> str: ...

    @property
    def word_order(self) -> str: ...


@dataclass(frozen=True)
class RegisterField:
    """A register of a sensor's map, e.g. ``RegisterField("soil_temperature", 1, "s16",
    Decimal("0.1"), "°C")``."""

    name: str
    address: int
    type: str = "u16"
    scale: Decimal | float | int = 1
    unit: str = ""
    word_order: str = "big"


def _as_decimal(number: Decimal | float | int) -> Decimal:
    return number if isinstance(number, Decimal) else Decimal(str(number))


def register_width(spec: RegisterSpec) -> int:
    return RegisterType(spec.type).width


def _words(spec: RegisterSpec, registers: Mapping[int, int]) -> tuple[int, ...]:
    words = tuple(registers[spec.address + i] for i in range(register_width(spec)))
    if len(words) == 2 and spec.word_order == "little":
        words = (words[1], words[0])
    return words


def decode_value(spec: RegisterSpec, registers: Mapping[int, int]) -> Decimal:
    """The engineering value of ``spec`` from ``registers`` (address → raw 16-bit value).

    Raises KeyError when a register it needs is missing, ValueError for an unknown type or a
    float that is not a number.
    """
    kind = RegisterType(spec.type)
    words = _words(spec, registers)
    raw = b"".join(w.to_bytes(2, "big") for w in words)
    number: Decimal
    if kind is RegisterType.F32:
        as_float = struct.unpack(">f", raw)[0]
        if not math.isfinite(as_float):
            raise ValueError(f"{spec.name}: not a number ({raw.hex()})")
        number = Decimal(repr(as_float))
    else:
        signed = kind in (RegisterType.S16, RegisterType.S32)
        number = Decimal(int.from_bytes(raw, "big", signed=signed))
    return number * _as_decimal(spec.scale)


def encode_value(spec: RegisterSpec, value: Decimal | float | int) -> dict[int, int]:
    """The registers that hold ``value`` for ``spec`` (the inverse of :func:`decode_value`;
    simulators use it)."""
    kind = RegisterType(spec.type)
    scaled = _as_decimal(value) / _as_decimal(spec.scale)
    if kind is RegisterType.F32:
        raw = struct.pack(">f", float(scaled))
    else:
        signed = kind in (RegisterType.S16, RegisterType.S32)
        raw = int(scaled.to_integral_value()).to_bytes(2 * kind.width, "big", signed=signed)
    words = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
    if len(words) == 2 and spec.word_order == "little":
        words.reverse()
    return {spec.address + i: w for i, w in enumerate(words)}


def register_span(specs: Iterable[RegisterSpec]) -> tuple[int, int]:
    """``(start, count)`` of one read covering every register of ``specs``."""
    specs = list(specs)
    if not specs:
        raise ValueError("no registers to read")
    start = min(s.address for s in specs)
    end = max(s.address + register_width(s) for s in specs)
    return start, end - start


def readings_from_registers(
    specs: Iterable[RegisterSpec], registers: Mapping[int, int], raw: bytes
) -> list[Reading]:
    """One :class:`Reading` per spec (``channel`` = its name, ``raw`` = the response frame).

    A sensor says nothing about stability, so ``stable`` is None; a value that cannot be decoded
    (a missing register, a NaN float) comes as a Reading with ``value`` None and ``overload``.
    """
    readings = []
    for spec in specs:
        try:
            value: Decimal | None = decode_value(spec, registers)
        except (KeyError, ValueError):
            value = None
        readings.append(
            Reading(
                value=value,
                unit=spec.unit,
                stable=None,
                raw=raw,
                overload=value is None,
                channel=spec.name,
            )
        )
    return readings


# --- the master ----------------------------------------------------------------------------------


@dataclass
class MasterStats:
    requests: int = 0
    responses: int = 0
    timeouts: int = 0
    retries: int = 0
    exceptions: int = 0
    transport_errors: int = 0
    last_error: str | None = None
    decoder: CodecStats = field(default_factory=CodecStats)


class ModbusMaster:
    """Polls slaves over one transport, one request at a time (one master per RS-485 bus).

    Each request waits ``timeout`` seconds for a valid answer and is sent again up to ``retries``
    times after a timeout or a transport error (a reconnecting transport reopens the port on the
    next attempt). An exception response is final: the slave is there and said no. ``gap`` is
    the pause before each request (≥ 3.5 characters of silence; 20–50 ms in practice).
    """

    def __init__(
        self,
        transport: Transport,
        *,
        timeout: float = 0.5,
        retries: int = 2,
        gap: float = 0.02,
    ) -> None:
        self.transport = transport
        self.timeout = timeout
        self.retries = retries
        self.gap = gap
        self.stats = MasterStats()
        self._decoder = ResponseDecoder()
        self.stats.decoder = self._decoder.stats
        self._last_exchange = 0.0

    def _wait_gap(self) -> None:
        pause = self._last_exchange + self.gap - time.monotonic()
        if pause > 0:
            time.sleep(pause)

    def _exchange_once(self, request: bytes, expect: Expectation) -> Response | None:
        """One attempt: send, then read until a matching response or the timeout."""
        self._wait_gap()
        self._decoder.reset(expect)
        try:
            if not self.transport.is_open:
                self.transport.open()
            self.transport.write(request)
            self.stats.requests += 1
            deadline = time.monotonic() + self.timeout
            while (remaining := deadline - time.monotonic()) > 0:
                chunk = self.transport.read(256, remaining)
                # An echoed read request never decodes as a response (its byte count does not
                # fit), so auto-direction dongles that echo are handled by the resync.
                for response in self._decoder.feed(chunk):
                    return response
            self.stats.timeouts += 1
            self.stats.last_error = f"no answer from slave {expect.slave}"
            return None
        finally:
            self._last_exchange = time.monotonic()

    def exchange(self, request: bytes, expect: Expectation) -> Response:
        """Send ``request`` and return the matching response, retrying; raises
        :class:`ModbusTimeout` (or :class:`ModbusError` after transport errors) when every attempt
        failed and :class:`ModbusExceptionResponse` when the slave refused."""
        transport_error: TransportError | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                self.stats.retries += 1
            try:
                response = self._exchange_once(request, expect)
            except TransportError as error:
                self.stats.transport_errors += 1
                self.stats.last_error = str(error)
                transport_error = error
                continue
            transport_error = None
            if response is not None:
                self.stats.responses += 1
                if response.exception is not None:
                    self.stats.exceptions += 1
                response.raise_for_exception()
                return response
        if transport_error is not None:  # the last attempt failed on the port itself
            raise ModbusError(f"slave {expect.slave}: {transport_error}") from transport_error
        raise ModbusTimeout(
            f"no answer from slave {expect.slave} after {self.retries + 1} attempts"
        )

    def read_registers_raw(
        self, slave: int, start: int, count: int, function: int = READ_HOLDING
    ) -> Response:
        request = build_read_request(slave, start, count, function)
        return self.exchange(request, Expectation(slave, function, count))

    def read_registers(
        self, slave: int, start: int, count: int, function: int = READ_HOLDING
    ) -> list[int]:
        """The raw 16-bit values of ``count`` registers from ``start``."""
        return list(self.read_registers_raw(slave, start, count, function).registers)

    def write_register(self, slave: int, address: int, value: int) -> None:
        """FC06; the slave echoes the request."""
        request = build_write_single(slave, address, value)
        response = self.exchange(request, Expectation(slave, WRITE_SINGLE))
        if response.registers != (address, value):
            raise ModbusFrameError(f"FC06 echo does not match: {response.raw.hex(' ')}")

    def poll(
        self, slave: int, specs: Sequence[RegisterSpec], function: int = READ_HOLDING
    ) -> list[Reading]:
        """Read every register of ``specs`` in one request and decode them to readings."""
        start, count = register_span(specs)
        response = self.read_registers_raw(slave, start, count, function)
        registers = {start + i: v for i, v in enumerate(response.registers)}
        return readings_from_registers(specs, registers, response.raw)
