"""One reader per port: a worker object moved to its own QThread (devices.md §7.3).

The worker loops on the transport with a short timeout, feeds the bytes to the codec, lets a
:class:`StabilityDetector` decide stability when the device does not say, and emits what it got.
Only signals cross threads: :class:`DeviceReader` lives in the GUI thread and re-emits the
worker's signals there (queued), so slots connected to it may touch widgets. When the port
disappears the transport reopens it by itself; the worker keeps looping, reports the problem once
per outage and says when the device is back. :meth:`DeviceReader.stop` ends the thread within a
read timeout or so.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from coop_desktop.devices.profiles import DeviceProfile, StabilitySettings
from coop_desktop.devices.readings import Codec
from coop_desktop.devices.stability import StabilityDetector
from coop_desktop.devices.transports import SerialTransport, Transport, TransportError

READ_TIMEOUT = 0.05  # seconds per read: how long stop() may wait for the loop to notice
READ_SIZE = 4096


class _Worker(QObject):
    """The loop; runs in the reader's thread and touches nothing but its transport and codec."""

    reading = Signal(object)
    raw = Signal(bytes)
    status = Signal(str)
    problem = Signal(str)

    def __init__(self, transport: Transport, codec: Codec, detector: StabilityDetector | None,
                 port: str, read_timeout: float) -> None:
        super().__init__()
        self.transport = transport
        self.codec = codec
        self.detector = detector
        self.port = port
        self.read_timeout = read_timeout
        self.stopping = threading.Event()

    @Slot()
    def run(self) -> None:
        connected = False
        failed = False  # an outage has been reported and the device is not back yet
        while not self.stopping.is_set():
            try:
                data = self.transport.read(READ_SIZE, self.read_timeout)
            except TransportError as error:
                if not failed:
                    failed = True
                    self.problem.emit(self.tr("Lost the device on %1 (%2); trying again.")
                                      .replace("%1", self.port).replace("%2", str(error)))
                connected = False
                self.codec.reset()  # a half frame from before the outage is worthless
                if self.detector is not None:
                    self.detector.reset()
                continue
            if not connected:
                connected = True
                if failed:
                    failed = False
                    self.status.emit(self.tr("The device on %1 is back.").replace("%1", self.port))
                else:
                    self.status.emit(self.tr("Connected to %1.").replace("%1", self.port))
            if data:
                self._handle(data)
        self.transport.close()
        # Hand the worker back to the GUI thread, so it can be deleted there after the thread ends.
        application = QCoreApplication.instance()
        if application is not None:
            self.moveToThread(application.thread())

    def _handle(self, data: bytes) -> None:
        self.raw.emit(data)
        now = time.monotonic()
        for reading in self.codec.feed(data):
            judged = reading
            if self.detector is not None and reading.stable is None:
                judged = self.detector.judge(now, reading)
            self.reading.emit(judged)


class DeviceReader(QObject):
    """Reads one port in a thread of its own and signals, in the GUI thread, what it reads.

    ``reading(Reading)`` for each decoded value (stability already judged when the device does
    not say), ``raw(bytes)`` for every chunk as received (the Devices page's live view),
    ``status(str)`` when the port opens or comes back, ``problem(str)`` when it goes away.
    """

    reading = Signal(object)
    raw = Signal(bytes)
    status = Signal(str)
    problem = Signal(str)

    def __init__(self, transport: Transport, codec: Codec, *,
                 detector: StabilityDetector | None = None, port: str = "",
                 read_timeout: float = READ_TIMEOUT, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.port = port or str(getattr(transport, "url", "")) or self.tr("the device")
        self._worker = _Worker(transport, codec, detector, self.port, read_timeout)
        self._thread = QThread()
        self._thread.setObjectName(f"device reader {self.port}")
        self._worker.moveToThread(self._thread)
        queued = Qt.ConnectionType.QueuedConnection
        self._worker.reading.connect(self.reading, queued)
        self._worker.raw.connect(self.raw, queued)
        self._worker.status.connect(self.status, queued)
        self._worker.problem.connect(self.problem, queued)
        self._thread.started.connect(self._worker.run)

    @classmethod
    def for_profile(cls, profile: DeviceProfile, port: str, *, reconnect_interval: float = 1.0,
                    read_timeout: float = READ_TIMEOUT,
                    parent: QObject | None = None) -> DeviceReader:
        """A reader for a stream device (a scale, an EID reader) on a serial ``port``."""
        serial = profile.serial
        transport = SerialTransport(
            port, baudrate=serial.baudrate, bytesize=serial.bytesize, parity=serial.parity,
            stopbits=serial.stopbits, reconnect_interval=reconnect_interval)
        st = profile.stability or StabilitySettings()
        detector = StabilityDetector(window_s=st.window_s, min_frames=st.min_frames,
                                     tolerance=st.tolerance, min_load=st.min_load)
        return cls(transport, profile.make_codec(), detector=detector, port=port,
                   read_timeout=read_timeout, parent=parent)

    @property
    def reader_thread(self) -> QThread:
        """The reader's own thread (this object itself lives in the GUI thread)."""
        return self._thread

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def start(self) -> None:
        if not self._thread.isRunning():
            self._worker.stopping.clear()
            self._thread.start()

    def stop(self, timeout_ms: int = 2000) -> bool:
        """End the loop and the thread; True when the thread finished within ``timeout_ms``."""
        self._worker.stopping.set()
        self._thread.quit()
        return self._thread.wait(timeout_ms)
