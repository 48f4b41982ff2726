"""Device simulators for tests, the demo and ``coop-desktop simulate``.

:func:`simulator_for` gives the simulator of any profile: a weighing indicator
(:class:`~coop_desktop.devices.scale_simulators.ScaleSimulator`, streaming or polled), an EID
reader, or a Modbus sensor.
:class:`ModbusSlaveSimulator` answers Modbus RTU requests from a register map like a soil or air
sensor (FC03, FC04, FC06 and exception responses); :class:`ModbusBusSimulator` puts several on one
RS-485 bus. :class:`PtyDevice` runs any responder on the master side of a pseudo-terminal in a
thread, so pyserial can open the other side (``path``) as if it were a USB adapter (POSIX only).
"""

from __future__ import annotations

import contextlib
import os
import random
import select
import socket
import struct
import sys
import threading
import time
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from coop_desktop.devices.codecs import MODBUS_RTU, eid
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
from coop_desktop.devices.profiles import DeviceProfile
from coop_desktop.devices.scale_simulators import ScaleSimulator

__all__ = ["EidSimulator", "ModbusBusSimulator", "ModbusSlaveSimulator", "PtyDevice",
           "ScaleSimulator", "SensorSimulator", "SimulatedDevice", "SimulatorPty",
           "registers_for", "serve", "serve_tcp", "simulator_for"]

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


# --- scales, EID readers and sensors for ``coop-desktop simulate`` ------------------------------

#: Plausible field values for each sensor channel (a Gansu orchard in spring).
SENSOR_VALUES: dict[str, Decimal] = {
    "soil_moisture": Decimal("23.4"),
    "soil_temperature": Decimal("14.2"),
    "soil_ec": Decimal("412"),
    "soil_ph": Decimal("7.6"),
    "soil_n": Decimal("46"),
    "soil_p": Decimal("18"),
    "soil_k": Decimal("132"),
    "air_temperature": Decimal("18.6"),
    "air_humidity": Decimal("52.3"),
}


class SimulatedDevice(Protocol):
    """A device as seen from its port: answers to what the master sends (:meth:`feed`) and,
    for streaming devices, a frame every :attr:`interval` seconds (:meth:`next_frame`)."""

    interval: float

    def feed(self, data: bytes) -> bytes: ...

    def next_frame(self) -> bytes | None: ...


#: The ear tags the demo cooperative's first animals with electronic IDs carry, and the ones the
#: EID simulator reads by default: a weighing session on the demo finds them.
DEMO_TAGS: tuple[tuple[int, int], ...] = tuple((156, 1_088_420 + number) for number in range(5))


class EidSimulator:
    """An EID reader: one ear tag read every ``interval`` seconds, in turn from ``tags``
    (country, national id), by default :data:`DEMO_TAGS` (with ``seed`` > 0: made up from the
    seed); a WL-134 module's 30-byte frames, or with ``protocol="eid_ascii"`` Allflex-style
    ``LA 156 000123456789`` lines."""

    PROTOCOLS = ("eid_wl134", "eid_ascii")

    def __init__(self, *, seed: int = 0, interval: float = 2.0,
                 tags: Iterable[tuple[int, int]] | None = None,
                 protocol: str = "eid_wl134") -> None:
        if protocol not in self.PROTOCOLS:
            raise ValueError(f"no EID simulator for protocol {protocol!r}")
        rng = random.Random(seed)
        if tags is not None:
            self.tags = list(tags)
        elif seed:
            self.tags = [(156, rng.randrange(10**11, 10**12)) for _ in range(5)]
        else:
            self.tags = list(DEMO_TAGS)
        self.interval = interval
        self.protocol = protocol
        self._count = 0

    def next_frame(self) -> bytes:
        country, national = self.tags[self._count % len(self.tags)]
        self._count += 1
        if self.protocol == "eid_ascii":
            return f"LA {eid.iso_text(country, national)}\r\n".encode("ascii")
        return eid.encode_wl134(country, national)

    def feed(self, data: bytes) -> bytes:
        return b""


class SensorSimulator:
    """A Modbus sensor from a profile's register map, with values near :data:`SENSOR_VALUES`
    (jittered by ``seed``). Answers requests; sends nothing by itself."""

    interval = 0.0

    def __init__(self, profile: DeviceProfile, *, seed: int = 0) -> None:
        if profile.modbus is None:
            raise ValueError(f"profile {profile.name!r} has no Modbus register map")
        rng = random.Random(seed)
        values: dict[str, Decimal] = {}
        for spec in profile.modbus.registers:
            base = SENSOR_VALUES.get(spec.name, Decimal(1))
            values[spec.name] = base + spec.scale * rng.randint(-5, 5)
        self.values = values
        registers = registers_for(profile.modbus.registers, values)
        if profile.modbus.function == READ_INPUT:
            self.slave = ModbusSlaveSimulator(profile.modbus.address, input_registers=registers)
        else:
            self.slave = ModbusSlaveSimulator(profile.modbus.address, holding=registers)

    def next_frame(self) -> bytes | None:
        return None

    def feed(self, data: bytes) -> bytes:
        return self.slave.feed(data)


def simulator_for(profile: DeviceProfile, *, seed: int = 0,
                  corrupt_rate: float = 0.0) -> SimulatedDevice:
    """The simulator for a profile; ValueError for a protocol with none."""
    if profile.protocol == MODBUS_RTU:
        return SensorSimulator(profile, seed=seed)
    if profile.protocol in EidSimulator.PROTOCOLS:
        return EidSimulator(seed=seed, protocol=profile.protocol)
    return ScaleSimulator(profile, seed=seed, corrupt_rate=corrupt_rate)


class SimulatorPty(PtyDevice):
    """A :class:`SimulatedDevice` on a pty: answers requests and streams its frames. While
    nobody reads the tty, frames beyond a small backlog are discarded, as a device's output is
    lost on an unplugged cable."""

    BACKLOG = 512

    def __init__(self, device: SimulatedDevice,
                 link: str | os.PathLike[str] | None = None) -> None:
        super().__init__(device, link)
        self.device = device

    def _serve(self) -> None:
        import fcntl
        import termios

        fd = self._master_fd
        due = time.monotonic()
        while not self._stop.is_set():
            wait = max(0.0, due - time.monotonic()) if self.device.interval else 0.05
            try:
                ready, _, _ = select.select([fd], [], [], min(wait, 0.05))
                out = b""
                if ready:
                    data = os.read(fd, 4096)
                    self.received += data
                    out += self.device.feed(data)
                if self.device.interval and time.monotonic() >= due:
                    due += self.device.interval
                    frame = self.device.next_frame()
                    if frame:
                        out += frame
                if out:
                    pending = bytearray(4)
                    fcntl.ioctl(self._slave_fd, termios.FIONREAD, pending)
                    if int.from_bytes(pending, sys.byteorder) > self.BACKLOG:
                        termios.tcflush(self._slave_fd, termios.TCIFLUSH)
                    os.write(fd, out)
            except OSError:
                self._stop.wait(0.02)


def serve(device: SimulatedDevice, link: _Link, stop: threading.Event) -> None:
    """Run ``device`` over an open link (a transport, a socket) until ``stop`` is set."""
    due = time.monotonic()
    while not stop.is_set():
        wait = max(0.0, due - time.monotonic()) if device.interval else 0.1
        data = link.read(4096, min(wait, 0.1))
        out = device.feed(data) if data else b""
        if device.interval and time.monotonic() >= due:
            due = max(due + device.interval, time.monotonic() - device.interval)
            out += device.next_frame() or b""
        if out:
            link.write(out)


class _Link(Protocol):
    def read(self, n: int, timeout: float) -> bytes: ...

    def write(self, data: bytes) -> None: ...


class _SocketLink:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def read(self, n: int, timeout: float) -> bytes:
        ready, _, _ = select.select([self.sock], [], [], timeout)
        if not ready:
            return b""
        data = self.sock.recv(n)
        if not data:
            raise ConnectionError("the client closed the connection")
        return data

    def write(self, data: bytes) -> None:
        self.sock.sendall(data)


def serve_tcp(device: SimulatedDevice, server: socket.socket, stop: threading.Event) -> None:
    """Act as a serial device server: serve each client that connects to the listening
    ``server`` socket in turn, until ``stop`` is set."""
    while not stop.is_set():
        ready, _, _ = select.select([server], [], [], 0.1)
        if not ready:
            continue
        sock, _ = server.accept()
        with sock, contextlib.suppress(OSError):
            serve(device, _SocketLink(sock), stop)
