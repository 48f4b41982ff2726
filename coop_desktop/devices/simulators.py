"""Device simulators for tests, the demo and ``coop-desktop simulate``.

:class:`ModbusSlaveSimulator` answers Modbus RTU requests from a register map like a soil or air
sensor (FC03, FC04, FC06 and exception responses); :class:`ModbusBusSimulator` puts several on one
RS-485 bus. :class:`PtyDevice` runs any responder on the master side of a pseudo-terminal in a
thread, so pyserial can open the other side (``path``) as if it were a USB adapter (POSIX only).
"""

from __future__ import annotations

import contextlib
import os
import select
import struct
import threading
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from coop_desktop.devices.modbus import (
    MAX_READ_COUNT,
    READ_HOLDING,
    READ_INPUT,
    WRITE_SINGLE,
    RegisterSpec,
    crc_ok,
    encode_value,
    with_crc,
)

REQUEST_LENGTH = 8  # FC03, FC04 and FC06 requests are all 8 bytes


class Responder(Protocol):
    """Bytes from the master in, bytes to send back out (possibly none)."""

    def feed(self, data: bytes) -> bytes: ...


def registers_for(
    specs: Iterable[RegisterSpec], values: Mapping[str, Decimal | float | int]
) -> dict[int, int]:
    """The raw registers holding engineering ``values`` (by spec name) for a register map."""
    registers: dict[int, int] = {}
    for spec in specs:
        if spec.name in values:
            registers.update(encode_value(spec, values[spec.name]))
    return registers


class ModbusSlaveSimulator:
    """One Modbus RTU slave with holding and input registers.

    ``silent`` (a count of requests to ignore) and ``corrupt`` (a count of answers sent with a
    wrong CRC) script the faults a master must survive; ``requests`` records what it was asked.
    Registers that are not in the map answer with exception 02, like a real sensor.
    """

    def __init__(
        self,
        address: int = 1,
        holding: Mapping[int, int] | None = None,
        input_registers: Mapping[int, int] | None = None,
    ) -> None:
        self.address = address
        self.holding: dict[int, int] = dict(holding or {})
        self.input_registers: dict[int, int] = dict(input_registers or {})
        self.silent = 0
        self.corrupt = 0
        self.requests: list[bytes] = []
        self._buffer = bytearray()

    def set_values(
        self, specs: Iterable[RegisterSpec], values: Mapping[str, Decimal | float | int]
    ) -> None:
        """Put engineering values into the holding registers."""
        self.holding.update(registers_for(specs, values))

    def _exception(self, function: int, code: int) -> bytes:
        return with_crc(bytes([self.address, function | 0x80, code]))

    def handle(self, request: bytes) -> bytes | None:
        """The answer to one complete, CRC-checked request addressed to this slave."""
        self.requests.append(request)
        if self.silent > 0:
            self.silent -= 1
            return None
        function = request[1]
        first, second = struct.unpack(">HH", request[2:6])
        if function in (READ_HOLDING, READ_INPUT):
            table = self.holding if function == READ_HOLDING else self.input_registers
            if not 1 <= second <= MAX_READ_COUNT:
                answer = self._exception(function, 0x03)
            elif any(a not in table for a in range(first, first + second)):
                answer = self._exception(function, 0x02)
            else:
                data = b"".join(table[a].to_bytes(2, "big") for a in range(first, first + second))
                answer = with_crc(bytes([self.address, function, len(data)]) + data)
        elif function == WRITE_SINGLE:
            if first not in self.holding:
                answer = self._exception(function, 0x02)
            else:
                self.holding[first] = second
                answer = request
        else:
            answer = self._exception(function, 0x01)
        if self.corrupt > 0:
            self.corrupt -= 1
            answer = answer[:-1] + bytes([answer[-1] ^ 0xFF])
        return answer

    def feed(self, data: bytes) -> bytes:
        return _feed_requests(self._buffer, data, {self.address: self})


class ModbusBusSimulator:
    """Several slaves on one bus: each request goes to the slave it addresses; the others, and
    addresses nobody has, stay silent."""

    def __init__(self, slaves: Iterable[ModbusSlaveSimulator]) -> None:
        self.slaves = {s.address: s for s in slaves}
        self._buffer = bytearray()

    def feed(self, data: bytes) -> bytes:
        return _feed_requests(self._buffer, data, self.slaves)


def _feed_requests(
    buffer: bytearray, data: bytes, slaves: Mapping[int, ModbusSlaveSimulator]
) -> bytes:
    """Frame 8-byte requests out of ``buffer`` (resync by dropping a byte on a bad CRC) and
    collect the answers."""
    buffer += data
    out = bytearray()
    while len(buffer) >= REQUEST_LENGTH:
        frame = bytes(buffer[:REQUEST_LENGTH])
        if not crc_ok(frame):
            del buffer[0]
            continue
        del buffer[:REQUEST_LENGTH]
        slave = slaves.get(frame[0])
        if slave is not None:
            answer = slave.handle(frame)
            if answer:
                out += answer
    return bytes(out)


class PtyDevice:
    """A responder on the master side of ``os.openpty()``, served by a thread.

    Open ``path`` (the slave tty) with pyserial. With ``link`` a symlink to the tty is made (or
    repointed), so a test can close the device and start another one under the same name, as
    when a USB adapter is unplugged and plugged back in. Use as a context manager or call
    :meth:`start` and :meth:`stop`.
    """

    def __init__(self, responder: Responder, link: str | os.PathLike[str] | None = None) -> None:
        self.responder = responder
        self.link = Path(link) if link is not None else None
        self._master_fd = -1
        self._slave_fd = -1
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.tty = ""
        self.received = bytearray()

    @property
    def path(self) -> str:
        """What to open: the symlink when there is one, else the tty name."""
        return str(self.link) if self.link is not None else self.tty

    def start(self) -> PtyDevice:
        import tty

        self._master_fd, self._slave_fd = os.openpty()
        # Raw until pyserial opens it: no echo of our answers back to us, no CR/LF mangling.
        tty.setraw(self._slave_fd)
        self.tty = os.ttyname(self._slave_fd)
        if self.link is not None:
            temporary = self.link.with_name(self.link.name + ".new")
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
            temporary.symlink_to(self.tty)
            temporary.replace(self.link)
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name=f"pty {self.tty}", daemon=True)
        self._thread.start()
        return self

    def _serve(self) -> None:
        fd = self._master_fd
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([fd], [], [], 0.02)
                if not ready:
                    continue
                data = os.read(fd, 4096)
            except OSError:  # EIO while nobody has the tty open: wait for the next opener
                self._stop.wait(0.02)
                continue
            self.received += data
            answer = self.responder.feed(data)
            if answer:
                try:
                    os.write(fd, answer)
                except OSError:
                    continue

    def stop(self) -> None:
        """Stop serving and close both ends: the tty disappears, as an unplugged adapter."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
        for fd in (self._master_fd, self._slave_fd):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master_fd = self._slave_fd = -1

    def __enter__(self) -> PtyDevice:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
