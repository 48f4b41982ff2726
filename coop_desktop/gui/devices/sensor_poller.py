"""The sensor poller: one thread per RS-485 bus polling every active sensor with a bus address
on its own schedule (devices.md §4.4, §7.3).

A worker object moved to its own QThread (like :class:`~coop_desktop.gui.devices.reader.
DeviceReader`) runs :class:`~coop_desktop.services.sensor_polling.PollSchedule`: it sleeps until
the next sensor is due (or until Stop or "Poll now" wakes it), asks each due sensor through
:func:`~coop_desktop.services.sensor_polling.poll_sensor`, which stores the values through the
services as the poller's actor (one batch per poll) and says in a sentence what went wrong. A
sensor that does not answer is reported and the others are polled as usual. Only signals cross
threads; the worker never touches a widget.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from coop_desktop.devices.profiles import DeviceProfile
from coop_desktop.domain.errors import DomainError
from coop_desktop.services.permissions import Actor
from coop_desktop.services.sensor_polling import PollSchedule, SensorBus, poll_sensor
from coop_desktop.services.sensors import poll_targets
from coop_desktop.storage.database import Database

IDLE_WAIT = 0.5  # seconds between checks when no sensor is due (Stop wakes it at once)


class _Worker(QObject):
    polled = Signal(str, object)
    problem = Signal(str)
    status = Signal(str)
    finished = Signal()

    def __init__(self, database: Database, actor: Actor, bus: SensorBus) -> None:
        super().__init__()
        self.database = database
        self.actor = actor
        self.bus = bus
        self.stopping = threading.Event()
        self.wake = threading.Event()
        self.poll_all = threading.Event()
        self.polls = 0

    def _schedule(self) -> PollSchedule:
        targets = poll_targets(self.database, self.actor)
        if not targets:
            self.status.emit(self.tr("No active sensor has a bus address: nothing to poll."))
        else:
            self.status.emit(self.tr("Polling %n sensor(s) on %1.", "", len(targets))
                             .replace("%1", self.bus.port))
        return PollSchedule(targets, time.monotonic())

    @Slot()
    def run(self) -> None:
        profiles: dict[str, DeviceProfile] = {}
        try:
            schedule = self._schedule()
            while not self.stopping.is_set():
                if self.poll_all.is_set():
                    self.poll_all.clear()
                    schedule = self._schedule()  # sensors registered meanwhile come in too
                now = time.monotonic()
                for target in schedule.due(now):
                    if self.stopping.is_set():
                        break
                    result = poll_sensor(self.database, self.actor, self.bus, target,
                                         profiles=profiles)
                    self.polls += 1
                    if result.problem is not None:
                        self.problem.emit(result.problem)
                    else:
                        self.polled.emit(result.code, result.values)
                due = schedule.next_due()
                wait = IDLE_WAIT if due is None else min(max(due - time.monotonic(), 0.0),
                                                         IDLE_WAIT)
                if self.wake.wait(wait):
                    self.wake.clear()
        except DomainError as error:  # the database refused (a role, a lost connection)
            self.problem.emit(str(error))
        finally:
            self.bus.close()
            self.finished.emit()
            application = QCoreApplication.instance()
            if application is not None:
                self.moveToThread(application.thread())


class SensorPoller(QObject):
    """Polls the sensors on one bus in a thread of its own and signals, in the GUI thread,
    ``polled(sensor code, {channel kind: value})`` after each stored poll, ``problem(sentence)``
    when a sensor or the bus failed, and ``status(sentence)`` when polling starts."""

    polled = Signal(str, object)
    problem = Signal(str)
    status = Signal(str)

    def __init__(self, database: Database, actor: Actor, port: str, *,
                 timeout: float = 0.5, retries: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.port = port
        self._worker = _Worker(database, actor,
                               SensorBus(port, timeout=timeout, retries=retries))
        self._thread = QThread()
        self._thread.setObjectName(f"sensor poller {port}")
        self._worker.moveToThread(self._thread)
        queued = Qt.ConnectionType.QueuedConnection
        self._worker.polled.connect(self.polled, queued)
        self._worker.problem.connect(self.problem, queued)
        self._worker.status.connect(self.status, queued)
        self._thread.started.connect(self._worker.run)
        self._worker.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)

    @property
    def poller_thread(self) -> QThread:
        return self._thread

    @property
    def polls(self) -> int:
        """Polls made so far (stored or failed)."""
        return self._worker.polls

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def start(self) -> None:
        if not self._thread.isRunning():
            self._worker.stopping.clear()
            self._thread.start()

    def poll_now(self) -> None:
        """Ask every sensor at once (and pick up sensors registered since the start)."""
        self._worker.poll_all.set()
        self._worker.wake.set()

    def stop(self, timeout_ms: int = 5000) -> bool:
        """End the loop (after the request in flight) and the thread; True when it ended."""
        self._worker.stopping.set()
        self._worker.wake.set()
        if not self._thread.isRunning():
            return True
        return self._thread.wait(timeout_ms)
