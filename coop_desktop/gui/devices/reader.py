"""One reader per port: a worker object moved to its own QThread (devices.md §7.3).

The worker loops on the transport with a short timeout, feeds the bytes to the codec, lets a
:class:`StabilityDetector` decide stability when the device does not say, and emits what it got.
Only signals cross threads: :class:`DeviceReader` lives in the GUI thread and re-emits the
worker's signals there (queued), so slots connected to it may touch widgets. When the port
disappears the transport reopens it by itself; the worker keeps looping, reports the problem once
per outage and says when the device is back. :meth:`DeviceReader.stop` ends the thread within a
read timeout or so.

A polled device (MT-SICS ``SI``, Sartorius ``ESC P``, Yaohua tF=1…) is asked for a value every
poll interval while the port is open; :meth:`DeviceReader.send_command` queues a zero or tare
command from the profile, which the worker writes between two reads. Nothing is written while the
port is away, and commands queued before an outage are dropped rather than sent late.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from coop_desktop.devices.profiles import DeviceProfile, StabilitySettings
from coop_desktop.devices.readings import Codec, WeightKind
from coop_desktop.devices.stability import StabilityDetector
from coop_desktop.devices.transports import Transport, TransportError, open_transport

READ_TIMEOUT = 0.05  # seconds per read: how long stop() may wait for the loop to notice
READ_SIZE = 4096


class _Worker(QObject):
    """The loop; runs in the reader's thread and touches nothing but its transport and codec."""

    reading = Signal(object)
    tare = Signal(object)
    raw = Signal(bytes)
    sent = Signal(bytes)
    status = Signal(str)
    problem = Signal(str)

    def __init__(self, transport: Transport, codec: Codec, detector: StabilityDetector | None,
                 port: str, read_timeout: float, poll: bytes | None = None,
                 poll_interval: float = 0.5) -> None:
        super().__init__()
        self.transport = transport
        self.codec = codec
        self.detector = detector
        self.port = port
        self.read_timeout = read_timeout
        self.poll = poll
        self.poll_interval = poll_interval
        self.commands: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        self.stopping = threading.Event()

    def _write(self, data: bytes) -> None:
        self.transport.write(data)
        self.sent.emit(data)

    def _drop_commands(self) -> None:
        while not self.commands.empty():
            self.commands.get_nowait()

    @Slot()
    def run(self) -> None:
        connected = False
        failed = False  # an outage has been reported and the device is not back yet
        next_poll = 0.0
        while not self.stopping.is_set():
            try:
                if connected:
                    while not self.commands.empty():
                        self._write(self.commands.get_nowait())
                    if self.poll is not None and time.monotonic() >= next_poll:
                        next_poll = time.monotonic() + self.poll_interval
                        self._write(self.poll)
                data = self.transport.read(READ_SIZE, self.read_timeout)
            except TransportError as error:
                if not failed:
                    failed = True
                    self.problem.emit(self.tr("Lost the device on %1 (%2); trying again.")
                                      .replace("%1", self.port).replace("%2", str(error)))
                connected = False
                self._drop_commands()  # a zero pressed during the outage must not land later
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
            if reading.kind is WeightKind.TARE:
                self.tare.emit(reading)  # the tare in use, not a load on the platform
                continue
            judged = reading
            if self.detector is not None and reading.stable is None:
                judged = self.detector.judge(now, reading)
            self.reading.emit(judged)


class DeviceReader(QObject):
    """Reads one port in a thread of its own and signals, in the GUI thread, what it reads.

    ``reading(Reading)`` for each decoded weight (stability already judged when the device
    does not say), ``tare(Reading)`` for a tare the device reports (MT-SICS ``T S``, a
    Sartorius ``T`` line: never a load on the platform, so never a ``reading``), ``raw(bytes)``
    for every chunk as received (the Devices page's live view), ``sent(bytes)`` for every poll
    and command written, ``status(str)`` when the port opens or comes back, ``problem(str)``
    when it goes away.

    ``poll`` is written every ``poll_interval`` seconds while the port is open; ``commands``
    (a profile's ``[commands]``: ``zero``, ``tare``, ``clear_tare``) are what
    :meth:`send_command` may send.
    """

    reading = Signal(object)
    tare = Signal(object)
    raw = Signal(bytes)
    sent = Signal(bytes)
    status = Signal(str)
    problem = Signal(str)

    def __init__(self, transport: Transport, codec: Codec, *,
                 detector: StabilityDetector | None = None, port: str = "",
                 read_timeout: float = READ_TIMEOUT, poll: bytes | None = None,
                 poll_interval: float = 0.5, commands: Mapping[str, bytes] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.port = port or str(getattr(transport, "url", "")) or self.tr("the device")
        self.commands: dict[str, bytes] = dict(commands or {})
        self._worker = _Worker(transport, codec, detector, self.port, read_timeout, poll,
                               poll_interval)
        self._thread = QThread()
        self._thread.setObjectName(f"device reader {self.port}")
        self._worker.moveToThread(self._thread)
        queued = Qt.ConnectionType.QueuedConnection
        self._worker.reading.connect(self.reading, queued)
        self._worker.tare.connect(self.tare, queued)
        self._worker.raw.connect(self.raw, queued)
        self._worker.sent.connect(self.sent, queued)
        self._worker.status.connect(self.status, queued)
        self._worker.problem.connect(self.problem, queued)
        self._thread.started.connect(self._worker.run)

    @classmethod
    def for_profile(cls, profile: DeviceProfile, port: str, *, reconnect_interval: float = 1.0,
                    read_timeout: float = READ_TIMEOUT, poll_interval: float | None = None,
                    parent: QObject | None = None) -> DeviceReader:
        """A reader for a scale or an EID reader, streaming or polled, on a serial ``port``
        or a serial device server (``tcp://host:port``). ValueError for a Modbus sensor
        profile: the sensor poller reads those. ``poll_interval`` overrides the profile's."""
        codec = profile.make_codec()
        serial = profile.serial
        transport = open_transport(
            port, reconnect_interval=reconnect_interval, connect_timeout=1.0,
            baudrate=serial.baudrate, bytesize=serial.bytesize, parity=serial.parity,
            stopbits=serial.stopbits)
        st = profile.stability or StabilitySettings()
        detector = StabilityDetector(window_s=st.window_s, min_frames=st.min_frames,
                                     tolerance=st.tolerance, min_load=st.min_load)
        interval = poll_interval or profile.poll_interval_s or 0.5
        return cls(transport, codec, detector=detector, port=port, read_timeout=read_timeout,
                   poll=profile.poll, poll_interval=interval, commands=profile.commands,
                   parent=parent)

    def has_command(self, name: str) -> bool:
        """Whether the device has the command ``name`` (``zero``, ``tare``, ``clear_tare``)."""
        return name in self.commands

    def send_command(self, name: str) -> bool:
        """Queue the device's command ``name`` for the reader's thread, which writes it between
        two reads; safe from any thread. False, and nothing written, when the device has no
        such command or the reader is not running."""
        command = self.commands.get(name)
        if command is None or not self._thread.isRunning():
            return False
        self._worker.commands.put(command)
        return True

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
