"""A raw TCP label printer for the tests: it accepts connections on 127.0.0.1, keeps what each
one sent, and reads the TSPL back into the labels that were complete (a ``PRINT`` command
received) with the serial in each label's QR text."""

from __future__ import annotations

import re
import select
import socket
import threading
import time
from dataclasses import dataclass, field

_CHUNK = 16_384
_BITMAP = re.compile(rb"BITMAP (\d+),(\d+),(\d+),(\d+),(\d+),")
_QR_TEXT = re.compile(rb'QRCODE [^"\r\n]*"([^"\r\n]*)"')
#: The serial is the last path segment of the label's address: .../l/LOT/SERIAL or
#: GS1 Digital Link .../21/SERIAL, possibly followed by query attributes.
_SERIAL = re.compile(r"/(\d+)(?:\?.*)?$")


def printed_serials(job: bytes) -> list[int]:
    """The serials of the labels a TSPL stream printed completely, in order. Bitmaps are
    skipped by their declared length, so their bytes are never read as commands; a label cut
    off before its ``PRINT`` line does not count."""
    serials: list[int] = []
    pending: int | None = None
    position = 0
    while True:
        end = job.find(b"\r\n", position)
        if end < 0:
            return serials
        bitmap = _BITMAP.match(job, position)
        if bitmap is not None:
            width_bytes, height = int(bitmap.group(3)), int(bitmap.group(4))
            data_end = bitmap.end() + width_bytes * height
            if job[data_end:data_end + 2] != b"\r\n":
                return serials  # the bitmap was cut off
            position = data_end + 2
            continue
        line = job[position:end]
        position = end + 2
        qr = _QR_TEXT.match(line)
        if qr is not None:
            found = _SERIAL.search(qr.group(1).decode("ascii"))
            pending = int(found.group(1)) if found else None
        elif line.startswith(b"PRINT ") and pending is not None:
            serials.append(pending)
            pending = None


@dataclass
class TsplSink:
    """Listens until ``close``; ``jobs`` holds the bytes of every connection. With
    ``bytes_per_second`` it takes data no faster, with a small receive buffer, as a thermal
    printer does, so that sending a job takes a while."""

    bytes_per_second: int | None = None
    jobs: list[bytearray] = field(default_factory=list)
    _open: int = 0
    _lock: threading.Condition = field(default_factory=threading.Condition)

    def __post_init__(self) -> None:
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if self.bytes_per_second is not None:
            self._server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, _CHUNK)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen()
        self.port: int = self._server.getsockname()[1]
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def address(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._server.accept()
            except OSError:
                return  # closed
            job = bytearray()
            with self._lock:
                self.jobs.append(job)
                self._open += 1
            threading.Thread(target=self._receive, args=(connection, job), daemon=True).start()

    def _receive(self, connection: socket.socket, job: bytearray) -> None:
        with connection:
            while True:
                try:
                    data = connection.recv(_CHUNK)
                except OSError:
                    data = b""  # reset by a killed sender
                if not data:
                    break
                with self._lock:
                    job.extend(data)
                if self.bytes_per_second is not None:
                    time.sleep(len(data) / self.bytes_per_second)
        with self._lock:
            self._open -= 1
            self._lock.notify_all()

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until every connection so far has ended (a killed sender's socket closes) and
        none waits to be accepted."""
        deadline = time.monotonic() + timeout
        idle_seen = 0  # twice in a row: a connection just accepted is counted by then
        while time.monotonic() < deadline:
            with self._lock:
                idle = self._open == 0 and not select.select([self._server], [], [], 0)[0]
                idle_seen = idle_seen + 1 if idle else 0
                if idle_seen == 2:
                    return True
                self._lock.wait(0.05)
        return False

    def received(self) -> int:
        """How many bytes have arrived so far, over all connections."""
        with self._lock:
            return sum(len(job) for job in self.jobs)

    def serials(self) -> list[int]:
        with self._lock:
            return [serial for job in self.jobs for serial in printed_serials(bytes(job))]

    def close(self) -> None:
        self._server.close()
        self._thread.join(timeout=10)
