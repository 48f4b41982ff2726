"""Transports: pyserial over real pseudo-terminals and loop://, TCP against an in-test device
server, reconnecting after the port disappears, and listing ports."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from coop_desktop.devices import transports
from coop_desktop.devices.modbus import ModbusMaster
from coop_desktop.devices.simulators import ModbusSlaveSimulator, PtyDevice, Responder
from coop_desktop.devices.transports import (
    PortInfo,
    SerialTransport,
    TcpTransport,
    Transport,
    TransportError,
    list_ports,
    open_transport,
)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


class Echo:
    """A responder that sends back what it gets, upper-cased."""

    def feed(self, data: bytes) -> bytes:
        return data.upper()


def test_transports_satisfy_the_protocol() -> None:
    assert isinstance(SerialTransport("loop://"), Transport)
    assert isinstance(TcpTransport("127.0.0.1", 1), Transport)


def test_loop_url_round_trip_and_read_timeout() -> None:
    transport = SerialTransport("loop://")
    transport.open()
    try:
        transport.write(b"ST,GS,+0012.34kg\r\n")
        received = b""
        while len(received) < 18:
            received += transport.read(64, 0.5)
        assert received == b"ST,GS,+0012.34kg\r\n"
        started = time.monotonic()
        assert transport.read(64, 0.15) == b""
        assert 0.1 <= time.monotonic() - started < 0.5
    finally:
        transport.close()
    assert not transport.is_open


@posix_only
def test_serial_transport_over_a_pty() -> None:
    with PtyDevice(Echo()) as device:
        transport = SerialTransport(device.path, baudrate=4800, parity="E")
        try:
            transport.write(b"abc")
            received = b""
            deadline = time.monotonic() + 1
            while len(received) < 3 and time.monotonic() < deadline:
                received += transport.read(2, 0.2)  # at most n bytes per read
        finally:
            transport.close()
    assert received == b"ABC"


@posix_only
def test_read_raises_when_the_pty_goes_away_then_reconnects(tmp_path: Path) -> None:
    link = tmp_path / "ttyUSB-scale"
    transport = SerialTransport(str(link), reconnect_interval=0.05)
    first = PtyDevice(Echo(), link=link).start()
    transport.open()
    first.stop()  # unplugged
    with pytest.raises(TransportError):
        transport.read(16, 0.3)
    assert not transport.is_open
    with pytest.raises(TransportError, match="cannot open"):
        transport.read(16, 0.1)  # still gone
    assert transport.last_error is not None
    with PtyDevice(Echo(), link=link):  # back, perhaps under another /dev/pts number
        time.sleep(0.06)
        transport.write(b"ok")
        received = b""
        deadline = time.monotonic() + 1
        while len(received) < 2 and time.monotonic() < deadline:
            received += transport.read(16, 0.2)
        transport.close()
    assert received == b"OK"
    assert transport.reconnects == 1
    assert transport.last_error is None


def test_reopening_is_rate_limited(tmp_path: Path) -> None:
    transport = SerialTransport(str(tmp_path / "missing"), reconnect_interval=10.0)
    with pytest.raises(TransportError, match="cannot open"):
        transport.open()
    started = time.monotonic()
    with pytest.raises(TransportError):
        transport.read(1, 0.1)  # too soon to try again: waits out the timeout, then says why
    assert time.monotonic() - started < 0.5


# --- TCP: serial device servers ------------------------------------------------------------------


class DeviceServer:
    """A one-connection-at-a-time TCP server running a responder (a serial device server)."""

    def __init__(self, responder: Responder) -> None:
        self.responder = responder
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.drop = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.settimeout(0.05)
            with conn:
                while not self._stop.is_set() and not self.drop.is_set():
                    try:
                        data = conn.recv(1024)
                    except TimeoutError:
                        continue
                    if not data:
                        break
                    answer = self.responder.feed(data)
                    if answer:
                        conn.sendall(answer)
            self.drop.clear()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.listener.close()


@pytest.fixture
def server() -> Iterator[DeviceServer]:
    device_server = DeviceServer(Echo())
    yield device_server
    device_server.close()


def test_tcp_round_trip_and_timeout(server: DeviceServer) -> None:
    transport = TcpTransport.from_address(f"socket://127.0.0.1:{server.port}")
    try:
        transport.write(b"si\r\n")
        received = b""
        while len(received) < 4:
            received += transport.read(64, 0.5)
        assert received == b"SI\r\n"
        assert transport.read(64, 0.05) == b""
    finally:
        transport.close()


def test_tcp_reconnects_after_the_server_drops_the_connection(server: DeviceServer) -> None:
    transport = TcpTransport("127.0.0.1", server.port, reconnect_interval=0.0)
    transport.open()
    server.drop.set()
    with pytest.raises(TransportError, match="closed"):
        transport.read(16, 1.0)
    assert not transport.is_open
    transport.write(b"x")
    assert transport.read(16, 1.0) == b"X"
    transport.close()
    assert (transport.reconnects, server.connections) == (1, 2)


def test_tcp_connection_refused_is_a_transport_error() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    transport = TcpTransport("127.0.0.1", port, connect_timeout=0.5)
    with pytest.raises(TransportError, match="cannot connect"):
        transport.open()


def test_modbus_master_over_tcp() -> None:
    sensor = ModbusSlaveSimulator(1, holding={0: 356, 1: 0xFFDD, 2: 1234})
    device_server = DeviceServer(sensor)
    try:
        transport = open_transport(f"tcp://127.0.0.1:{device_server.port}")
        master = ModbusMaster(transport, timeout=0.5, retries=0, gap=0)
        assert master.read_registers(1, 0, 3) == [356, 0xFFDD, 1234]
        transport.close()
    finally:
        device_server.close()


def test_open_transport_chooses_by_address() -> None:
    assert isinstance(open_transport("socket://10.0.0.7:8234"), TcpTransport)
    serial_transport = open_transport("COM3", baudrate=4800)
    assert isinstance(serial_transport, SerialTransport)
    assert serial_transport.settings["baudrate"] == 4800
    with pytest.raises(ValueError, match="host:port"):
        TcpTransport.from_address("tcp-box")


# --- listing ports -------------------------------------------------------------------------------


def test_list_ports_with_usb_descriptions(monkeypatch: pytest.MonkeyPatch) -> None:
    from serial.tools import list_ports as serial_list_ports

    fake = [
        SimpleNamespace(
            device="/dev/ttyUSB1",
            description="CP2102 USB to UART",
            hwid="USB VID:PID=10C4:EA60",
            vid=0x10C4,
            pid=0xEA60,
            serial_number="0001",
            location="1-1.2",
        ),
        SimpleNamespace(
            device="/dev/ttyS0",
            description="n/a",
            hwid="n/a",
            vid=None,
            pid=None,
            serial_number=None,
            location=None,
        ),
        SimpleNamespace(
            device="/dev/ttyUSB0",
            description="USB-SERIAL CH340",
            hwid="USB VID:PID=1A86:7523",
            vid=0x1A86,
            pid=0x7523,
            serial_number=None,
            location="1-1.3",
        ),
    ]
    monkeypatch.setattr(serial_list_ports, "comports", lambda: fake)
    ports = list_ports()
    assert [p.device for p in ports] == ["/dev/ttyS0", "/dev/ttyUSB0", "/dev/ttyUSB1"]
    assert ports[1].label == "/dev/ttyUSB0 — USB-SERIAL CH340 (1A86:7523)"
    assert ports[1].location == "1-1.3"
    assert ports[0].label == "/dev/ttyS0"


def test_list_ports_on_this_machine_does_not_fail() -> None:
    assert all(isinstance(p, PortInfo) for p in transports.list_ports())


@posix_only
def test_pty_device_names_its_tty() -> None:
    with PtyDevice(Echo()) as device:
        assert device.path.startswith("/dev/")
        assert os.path.exists(device.path)
