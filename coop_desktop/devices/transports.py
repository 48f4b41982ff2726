"""Byte transports for devices: a serial port (pyserial) and TCP (serial device servers).

Both reconnect by themselves: when the port disappears (a USB adapter unplugged, a pty closed, a
device server rebooted) the failing call raises :class:`TransportError` and closes the port; the
next ``read``/``write`` tries to open it again (at most once per ``reconnect_interval``), so a
reader loop that logs the error and carries on recovers as soon as the device is back. No Qt here:
the GUI runs a transport in a worker thread and signals what it reads.
"""

from __future__ import annotations

import contextlib
import select
import socket
import time
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable


class TransportError(OSError):
    """The port is missing, busy or failed; the transport will try to reopen it."""


@runtime_checkable
class Transport(Protocol):
    """What codecs and the Modbus master need of a port."""

    @property
    def is_open(self) -> bool: ...

    def open(self) -> None: ...

    def close(self) -> None: ...

    def read(self, n: int, timeout: float) -> bytes:
        """Up to ``n`` bytes, returned as soon as some arrived; ``b""`` after ``timeout``
        seconds without any."""
        ...

    def write(self, data: bytes) -> None: ...


class _Reconnecting:
    """Reopen bookkeeping shared by the transports."""

    def __init__(self, reconnect_interval: float) -> None:
        self.reconnect_interval = reconnect_interval
        self.reconnects = 0  # successful reopenings after a failure
        self.last_error: str | None = None
        self._failed = False
        self._last_attempt = float("-inf")

    def _ensure_open(self, timeout: float = 0.0) -> None:
        if self.is_open:
            return
        wait = self._last_attempt + self.reconnect_interval - time.monotonic()
        if wait > 0:
            # Too soon to try again: wait (within the caller's timeout) rather than spin.
            time.sleep(min(wait, timeout))
            if self._last_attempt + self.reconnect_interval > time.monotonic():
                raise TransportError(self.last_error or "port closed")
        self.open()

    def _opened(self) -> None:
        if self._failed:
            self.reconnects += 1
        self._failed = False
        self.last_error = None

    def _failure(self, message: str) -> TransportError:
        self._failed = True
        self.last_error = message
        self.close()
        return TransportError(message)

    @property
    def is_open(self) -> bool:
        raise NotImplementedError

    def open(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class SerialTransport(_Reconnecting):
    """A serial port by name or pyserial URL (``COM3``, ``/dev/ttyUSB0``, a pty path or a symlink
    to one, ``rfc2217://…``, ``spy://…``, ``loop://``).

    Reads poll the port with a short fixed timeout and keep their own deadline (pyserial's own
    timeouts are unreliable on Windows: ``read(1)`` may return at once, ``readline`` overruns).
    """

    def __init__(
        self,
        url: str,
        *,
        baudrate: int = 9600,
        bytesize: int = 8,
        parity: str = "N",
        stopbits: float = 1,
        reconnect_interval: float = 1.0,
        poll_interval: float = 0.05,
    ) -> None:
        super().__init__(reconnect_interval)
        self.url = url
        self.settings: dict[str, Any] = {
            "baudrate": baudrate,
            "bytesize": bytesize,
            "parity": parity,
            "stopbits": stopbits,
        }
        self.poll_interval = poll_interval
        self._port: Any = None

    @property
    def is_open(self) -> bool:
        return self._port is not None and bool(self._port.is_open)

    def open(self) -> None:
        import serial

        if self.is_open:
            return
        self._last_attempt = time.monotonic()
        try:
            self._port = serial.serial_for_url(
                self.url, timeout=self.poll_interval, write_timeout=2.0, **self.settings
            )
        except (serial.SerialException, OSError, ValueError) as error:
            self._port = None
            raise self._failure(f"cannot open {self.url}: {error}") from error
        self._opened()

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            # A vanished port may fail to close; it is gone either way.
            with contextlib.suppress(Exception):
                port.close()

    def read(self, n: int, timeout: float) -> bytes:
        import serial

        deadline = time.monotonic() + timeout
        self._ensure_open(timeout)
        port = self._port
        while True:
            try:
                waiting = port.in_waiting
                data: bytes = port.read(max(1, min(n, waiting)))
            except (serial.SerialException, OSError) as error:
                raise self._failure(f"{self.url}: {error}") from error
            if data or time.monotonic() >= deadline:
                return data

    def write(self, data: bytes) -> None:
        import serial

        self._ensure_open()
        try:
            self._port.write(data)
            self._port.flush()
        except (serial.SerialException, OSError) as error:
            raise self._failure(f"{self.url}: {error}") from error


class TcpTransport(_Reconnecting):
    """Raw bytes over TCP, as serial device servers (USR-TCP232 class) carry RTU and scale
    streams."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        connect_timeout: float = 3.0,
        reconnect_interval: float = 1.0,
    ) -> None:
        super().__init__(reconnect_interval)
        self.host = host
        self.port = port
        self.connect_timeout = connect_timeout
        self._socket: socket.socket | None = None

    @classmethod
    def from_address(cls, address: str, **kwargs: Any) -> TcpTransport:
        """``host:port`` or ``socket://host:port``."""
        host, _, port = address.removeprefix("socket://").rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"not a host:port address: {address!r}")
        return cls(host.strip("[]"), int(port), **kwargs)

    @property
    def is_open(self) -> bool:
        return self._socket is not None

    def open(self) -> None:
        if self._socket is not None:
            return
        self._last_attempt = time.monotonic()
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        except OSError as error:
            raise self._failure(f"cannot connect to {self.host}:{self.port}: {error}") from error
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._socket = sock
        self._opened()

    def close(self) -> None:
        sock, self._socket = self._socket, None
        if sock is not None:
            sock.close()

    def read(self, n: int, timeout: float) -> bytes:
        self._ensure_open(timeout)
        sock = self._socket
        assert sock is not None
        try:
            ready, _, _ = select.select([sock], [], [], max(0.0, timeout))
            if not ready:
                return b""
            data = sock.recv(n)
        except OSError as error:
            raise self._failure(f"{self.host}:{self.port}: {error}") from error
        if not data:
            raise self._failure(f"{self.host}:{self.port}: connection closed by the device server")
        return data

    def write(self, data: bytes) -> None:
        self._ensure_open()
        sock = self._socket
        assert sock is not None
        try:
            sock.settimeout(2.0)
            sock.sendall(data)
        except OSError as error:
            raise self._failure(f"{self.host}:{self.port}: {error}") from error


TCP_PREFIXES = ("tcp://", "socket://")


def is_tcp_address(address: str) -> bool:
    """Whether ``address`` names a serial device server (``tcp://host:port``)."""
    return address.startswith(TCP_PREFIXES)


def open_transport(address: str, *, reconnect_interval: float = 1.0,
                   connect_timeout: float = 3.0, **serial_settings: Any) -> Transport:
    """A transport for what a user typed: ``tcp://host:port`` or ``socket://host:port`` over TCP
    (the serial settings are the device server's business then), anything else (``COM3``,
    ``/dev/ttyUSB0``, pyserial URLs) as a serial port."""
    if is_tcp_address(address):
        return TcpTransport.from_address(address.removeprefix("tcp://"),
                                         reconnect_interval=reconnect_interval,
                                         connect_timeout=connect_timeout)
    return SerialTransport(address, reconnect_interval=reconnect_interval, **serial_settings)


@dataclass(frozen=True)
class PortInfo:
    """A serial port as the system lists it (USB bridges: CH340 1A86:7523, CP210x 10C4:EA60…)."""

    device: str
    description: str
    hwid: str
    vid: int | None = None
    pid: int | None = None
    serial_number: str | None = None
    location: str | None = None

    @property
    def label(self) -> str:
        """``/dev/ttyUSB0 — USB-SERIAL CH340 (1A86:7523)`` for a port picker."""
        text = self.device
        if self.description and self.description != "n/a":
            text += f" — {self.description}"
        if self.vid is not None and self.pid is not None:
            text += f" ({self.vid:04X}:{self.pid:04X})"
        return text


def list_ports() -> list[PortInfo]:
    """The serial ports present, sorted by name, with their USB descriptions."""
    from serial.tools import list_ports as serial_list_ports

    ports = [
        PortInfo(
            device=str(p.device),
            description=str(p.description or ""),
            hwid=str(p.hwid or ""),
            vid=p.vid,
            pid=p.pid,
            serial_number=p.serial_number,
            location=p.location,
        )
        for p in serial_list_ports.comports()
    ]
    return sorted(ports, key=lambda p: p.device)
