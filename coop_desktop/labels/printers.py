"""Sending a finished job to a printer: TCP port 9100, a serial port, a CUPS queue, the Windows
spooler (RAW), or a file.

A connection is opened *before* any serial is taken (:func:`open_printer`), so a printer that is
off, unplugged or refuses raw data is found out while nothing has been written; only then does
the caller reserve serials and :meth:`RawPrinter.send` the job. Addresses:

``tcp://HOST[:PORT]`` (default 9100) · ``serial:PORT[?baud=9600]`` (``COM3``, ``/dev/ttyUSB0``)
· ``cups:QUEUE`` · ``windows:PRINTER NAME`` · ``file:PATH`` (appends; for tests and for sending
the file later).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
from pathlib import Path
from types import TracebackType
from typing import Protocol
from urllib.parse import parse_qs, urlsplit

from coop_desktop.domain.errors import ValidationError

DEFAULT_PORT = 9100
TIMEOUT_S = 10.0


class PrinterError(ValidationError):
    """The printer cannot take the job; the sentence says why and what to check."""


class RawPrinter(Protocol):
    address: str

    def send(self, data: bytes) -> None: ...

    def close(self) -> None: ...


class _Closing:
    address: str

    def close(self) -> None:  # pragma: no cover - overridden where there is something to close
        pass

    def __enter__(self) -> _Closing:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


class TcpPrinter(_Closing):
    def __init__(self, address: str, host: str, port: int, timeout: float) -> None:
        self.address = address
        try:
            self._socket = socket.create_connection((host, port), timeout=timeout)
        except OSError as error:
            raise PrinterError("printer.offline", field="printer", printer=address,
                               reason=error.strerror or str(error)) from error

    def send(self, data: bytes) -> None:
        try:
            self._socket.sendall(data)
        except OSError as error:
            raise PrinterError("printer.failed", field="printer", printer=self.address,
                               reason=error.strerror or str(error)) from error

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._socket.shutdown(socket.SHUT_WR)
        self._socket.close()


class SerialPrinter(_Closing):
    def __init__(self, address: str, port: str, baudrate: int, timeout: float) -> None:
        import serial

        self.address = address
        try:
            self._port = serial.Serial(port, baudrate=baudrate, write_timeout=timeout)
        except (OSError, serial.SerialException) as error:
            raise PrinterError("printer.offline", field="printer", printer=address,
                               reason=str(error)) from error

    def send(self, data: bytes) -> None:
        import serial

        try:
            self._port.write(data)
            self._port.flush()
        except (OSError, serial.SerialException) as error:
            raise PrinterError("printer.failed", field="printer", printer=self.address,
                               reason=str(error)) from error

    def close(self) -> None:
        self._port.close()


class CupsPrinter(_Closing):
    def __init__(self, address: str, queue: str, timeout: float) -> None:
        self.address = address
        self.queue = queue
        self.timeout = timeout
        lpstat = shutil.which("lpstat")
        if shutil.which("lp") is None or lpstat is None:
            raise PrinterError("printer.offline", field="printer", printer=address,
                               reason="CUPS (lp) is not installed")
        check = subprocess.run([lpstat, "-p", queue], capture_output=True, text=True,
                               timeout=timeout, check=False)
        if check.returncode != 0 or "disabled" in check.stdout:
            raise PrinterError("printer.offline", field="printer", printer=address,
                               reason=(check.stderr or check.stdout).strip() or "disabled")

    def send(self, data: bytes) -> None:
        done = subprocess.run(["lp", "-d", self.queue, "-o", "raw", "-t", "Coop Desktop labels"],
                              input=data, capture_output=True, timeout=self.timeout, check=False)
        if done.returncode != 0:
            raise PrinterError("printer.failed", field="printer", printer=self.address,
                               reason=done.stderr.decode(errors="replace").strip())


class WindowsPrinter(_Closing):
    """The Windows spooler with the RAW data type (labels-and-printing.md §5.1), via winspool
    through ctypes, so no extra package is needed."""

    def __init__(self, address: str, name: str) -> None:
        if os.name != "nt":
            raise PrinterError("printer.offline", field="printer", printer=address,
                               reason="the Windows spooler exists only on Windows")
        import ctypes
        from ctypes import wintypes

        self.address = address
        self._winspool = ctypes.WinDLL("winspool.drv")  # type: ignore[attr-defined]
        self._handle = wintypes.HANDLE()
        if not self._winspool.OpenPrinterW(name, ctypes.byref(self._handle), None):
            raise PrinterError("printer.offline", field="printer", printer=address,
                               reason=f"Windows error {ctypes.GetLastError()}")  # type: ignore[attr-defined]

    def send(self, data: bytes) -> None:
        import ctypes
        from ctypes import wintypes

        class DocInfo1(ctypes.Structure):
            _fields_ = [("pDocName", wintypes.LPWSTR), ("pOutputFile", wintypes.LPWSTR),
                        ("pDatatype", wintypes.LPWSTR)]

        spool = self._winspool
        info = DocInfo1("Coop Desktop labels", None, "RAW")
        if not spool.StartDocPrinterW(self._handle, 1, ctypes.byref(info)):
            raise PrinterError("printer.failed", field="printer", printer=self.address,
                               reason=f"Windows error {ctypes.GetLastError()}")  # type: ignore[attr-defined]
        try:
            spool.StartPagePrinter(self._handle)
            written = wintypes.DWORD()
            ok = spool.WritePrinter(self._handle, data, len(data), ctypes.byref(written))
            spool.EndPagePrinter(self._handle)
        finally:
            spool.EndDocPrinter(self._handle)
        if not ok or written.value != len(data):
            raise PrinterError("printer.failed", field="printer", printer=self.address,
                               reason="the spooler took only part of the job")

    def close(self) -> None:
        self._winspool.ClosePrinter(self._handle)


class FilePrinter(_Closing):
    def __init__(self, address: str, path: Path) -> None:
        self.address = address
        self.path = path
        if not path.parent.is_dir():
            raise PrinterError("printer.offline", field="printer", printer=address,
                               reason=f"no folder {path.parent}")

    def send(self, data: bytes) -> None:
        try:
            with self.path.open("ab") as out:
                out.write(data)
        except OSError as error:
            raise PrinterError("printer.failed", field="printer", printer=self.address,
                               reason=error.strerror or str(error)) from error


def open_printer(address: str, *, timeout: float = TIMEOUT_S) -> RawPrinter:
    """A connection to the printer at ``address`` (see the module's docstring); PrinterError
    when it cannot be reached or the address is not understood."""
    address = address.strip()
    scheme, _, rest = address.partition(":")
    scheme = scheme.lower()
    if scheme == "tcp":
        parts = urlsplit(address)
        if not parts.hostname:
            raise PrinterError("printer.address", field="printer", printer=address)
        return TcpPrinter(address, parts.hostname, parts.port or DEFAULT_PORT, timeout)
    if scheme == "serial" and rest:
        port, _, query = rest.partition("?")
        baud = parse_qs(query).get("baud", ["9600"])[0]
        if not baud.isdigit():
            raise PrinterError("printer.address", field="printer", printer=address)
        return SerialPrinter(address, port, int(baud), timeout)
    if scheme == "cups" and rest:
        return CupsPrinter(address, rest, timeout)
    if scheme == "windows" and rest:
        return WindowsPrinter(address, rest)
    if scheme == "file" and rest:
        return FilePrinter(address, Path(rest))
    raise PrinterError("printer.address", field="printer", printer=address)
