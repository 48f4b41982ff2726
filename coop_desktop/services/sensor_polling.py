"""Polling the sensors on one RS-485 bus: which sensor is due, reading its registers through a
:class:`~coop_desktop.devices.modbus.ModbusMaster`, and storing the values as one batch.

No Qt and no threads here: the GUI's :class:`~coop_desktop.gui.devices.sensor_poller.SensorPoller`
runs :class:`PollSchedule` and :func:`poll_sensor` in its own thread, and a CLI or a test can
run them as they are.

A bus is one port (``COM3``, ``/dev/ttyUSB0``, ``tcp://host:port`` for a serial device server)
shared by every sensor; each sensor is asked in turn (one request at a time). The serial settings
come from each sensor's profile: when two models on one bus talk at different baud rates (Renke
soil sensors ship at 9600, the RS-WS air sensor at 4800) the port is reopened at the rate of the
sensor being asked, so a mixed bus still works. A sensor that does not answer is reported in a
sentence and the others are polled as usual.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from coop_desktop.devices.modbus import (
    ModbusError,
    ModbusExceptionResponse,
    ModbusMaster,
    ModbusTimeout,
)
from coop_desktop.devices.profiles import DeviceProfile, RegisterSpec, SerialSettings, load_profile
from coop_desktop.devices.transports import Transport, open_transport
from coop_desktop.domain.models import ChannelKind
from coop_desktop.domain.models.types import utc_now
from coop_desktop.services.permissions import Actor
from coop_desktop.services.sensors import PollTarget, sentence, store_poll
from coop_desktop.storage.database import Database

TransportFactory = Callable[[str, SerialSettings], Transport]


def _open(port: str, serial: SerialSettings) -> Transport:
    return open_transport(port, baudrate=serial.baudrate, bytesize=serial.bytesize,
                          parity=serial.parity, stopbits=serial.stopbits,
                          reconnect_interval=0.5)


class SensorBus:
    """One port and a Modbus master per serial setting its sensors need; only one of them has
    the port open at a time (a TCP device server has one setting of its own: one master)."""

    def __init__(self, port: str, *, timeout: float = 0.5, retries: int = 1,
                 transport_factory: TransportFactory = _open) -> None:
        self.port = port
        self.timeout = timeout
        self.retries = retries
        self._factory = transport_factory
        self._masters: dict[SerialSettings | None, ModbusMaster] = {}
        self._open: SerialSettings | None = None

    @property
    def is_tcp(self) -> bool:
        return self.port.startswith(("tcp://", "socket://"))

    def master_for(self, serial: SerialSettings) -> ModbusMaster:
        key = None if self.is_tcp else serial
        if key != self._open and self._open in self._masters:
            self._masters[self._open].transport.close()  # the port is reopened at this rate
        self._open = key
        if key not in self._masters:
            self._masters[key] = ModbusMaster(self._factory(self.port, serial),
                                              timeout=self.timeout, retries=self.retries)
        return self._masters[key]

    def close(self) -> None:
        for master in self._masters.values():
            master.transport.close()
        self._open = None


def register_runs(registers: Iterable[RegisterSpec]) -> list[list[RegisterSpec]]:
    """The registers in runs of adjacent addresses: one read each. A gap is never read across,
    because sensors answer "illegal data address" for registers they do not have."""
    runs: list[list[RegisterSpec]] = []
    for spec in sorted(registers, key=lambda r: r.address):
        if runs and spec.address <= runs[-1][-1].address + runs[-1][-1].count:
            runs[-1].append(spec)
        else:
            runs.append([spec])
    return runs


def read_sensor(master: ModbusMaster, profile: DeviceProfile, address: int,
                kinds: Iterable[ChannelKind]) -> dict[ChannelKind, Decimal]:
    """The values of channels ``kinds`` of the sensor at ``address`` (those its profile maps;
    a value that does not decode is left out). Raises :class:`ModbusError`."""
    if profile.modbus is None:
        raise ValueError(f"profile {profile.name!r} has no Modbus register map")
    wanted = set(kinds)
    specs = [spec for spec in profile.modbus.registers if spec.channel in wanted]
    values: dict[ChannelKind, Decimal] = {}
    for run in register_runs(specs):
        for found in master.poll(address, run, profile.modbus.function):
            if found.value is not None and found.channel is not None:
                values[ChannelKind(found.channel)] = found.value
    return values


@dataclass(frozen=True)
class PollResult:
    """What one poll of a sensor brought: the values stored (channel kind → value) or a
    sentence saying what went wrong."""

    code: str
    address: int
    at: dt.datetime
    values: dict[str, float] = field(default_factory=dict)
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def poll_sensor(db: Database, actor: Actor, bus: SensorBus, target: PollTarget, *,
                profiles: dict[str, DeviceProfile] | None = None,
                now: Callable[[], dt.datetime] = utc_now) -> PollResult:
    """Ask one sensor for its values and store them (one batch); never raises for what a bus
    or a sensor can do wrong, but says it in :attr:`PollResult.problem`."""
    cache = profiles if profiles is not None else {}
    try:
        profile = cache.get(target.profile) or load_profile(target.profile)
        cache[target.profile] = profile
    except ValueError as error:
        return PollResult(target.code, target.address, now(),
                          problem=sentence("sensor.bad_profile", code=target.code,
                                           reason=str(error)))
    try:
        master = bus.master_for(profile.serial)
    except ValueError as error:  # a port name that cannot be a port (tcp://nothing)
        return PollResult(target.code, target.address, now(), problem=sentence(
            "sensor.bus_failed", port=bus.port, reason=str(error)))
    try:
        values = read_sensor(master, profile, target.address, target.channels)
    except ModbusTimeout:
        return PollResult(target.code, target.address, now(), problem=sentence(
            "sensor.no_answer", code=target.code, address=target.address,
            baudrate=profile.serial.baudrate))
    except ModbusExceptionResponse as error:
        return PollResult(target.code, target.address, now(), problem=sentence(
            "sensor.refused", code=target.code, address=target.address, reason=str(error),
            profile=profile.name))
    except ModbusError as error:
        return PollResult(target.code, target.address, now(), problem=sentence(
            "sensor.bus_failed", port=bus.port, reason=str(error.__cause__ or error)))
    at = now()
    if not values:
        return PollResult(target.code, target.address, at,
                          problem=sentence("sensor.no_values", code=target.code))
    store_poll(db, actor, target.sensor_id, at,
               {target.channels[kind]: float(value) for kind, value in values.items()})
    return PollResult(target.code, target.address, at,
                      {kind.value: float(value) for kind, value in values.items()})


class PollSchedule:
    """When each sensor is due, on its own ``poll_seconds``: due times on a monotonic clock,
    not a fixed sleep. A poll that ran late does not make the next ones pile up: the next one is
    due a full interval after the one that was due, or now when that has passed too."""

    def __init__(self, targets: Sequence[PollTarget], start: float) -> None:
        self._order = itertools.count()
        self._heap: list[tuple[float, int, PollTarget]] = []
        for target in targets:
            heapq.heappush(self._heap, (start, next(self._order), target))

    def __len__(self) -> int:
        return len(self._heap)

    def next_due(self) -> float | None:
        return self._heap[0][0] if self._heap else None

    def due(self, now: float) -> list[PollTarget]:
        """The sensors due at ``now``, soonest first; each is scheduled again as it is taken."""
        taken: list[PollTarget] = []
        while self._heap and self._heap[0][0] <= now:
            due, _, target = heapq.heappop(self._heap)
            following = due + target.poll_seconds
            heapq.heappush(self._heap, (following if following > now else now
                                        + target.poll_seconds, next(self._order), target))
            taken.append(target)
        return taken

    def all_now(self, now: float) -> None:
        """"Poll now": every sensor is due at once."""
        self._heap = [(now, order, target) for _, order, target in self._heap]
        heapq.heapify(self._heap)
