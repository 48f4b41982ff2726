"""Sensors with their channels and thresholds, and their readings: registering, storing what a
poll brought, the list the Sensors page shows, chart series thinned in SQL, and the home page's
sensor alerts.

Readings grow by a row per channel per poll (a season of 1-minute readings is ~260 000 rows a
channel), so nothing here loads a range of raw rows to draw it: :func:`chart_series` groups the
rows in SQL into as many time buckets as the chart has pixels and returns each bucket's minimum
and maximum, and the latest reading of a channel is found through the index
``ix_sensor_readings_channel_time`` (one index lookup per channel), never by scanning.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    DateTime,
    Float,
    Integer,
    column,
    func,
    insert,
    select,
    table,
)
from sqlalchemy.exc import CompileError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from coop_desktop.domain import i18n
from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.errors import NotFoundError, ValidationError
from coop_desktop.domain.messages import MESSAGES
from coop_desktop.domain.models import ChannelKind, Plot, Sensor, SensorChannel, SensorReading
from coop_desktop.domain.models.types import utc_now
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.services.audit import record_audit
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.work import choice, ensure_unique, reading, unit_of_work
from coop_desktop.storage.database import Database

#: A sensor that has sent nothing for this many poll intervals is reported as silent.
SILENT_AFTER_POLLS = 3
#: The crop season starts on 1 March (the "Season" range of the charts).
SEASON_START = (3, 1)
DEFAULT_MAX_POINTS = 2000
#: Readings are inserted through a plain view of their table: many rows in one executemany,
#: no ORM bookkeeping, and timestamps given as naive UTC (what ``UtcDateTime`` stores), so a
#: season of readings is not converted row by row in Python.
_READINGS_INSERT = table("sensor_readings", column("channel_id", Integer),
                         column("recorded_at", DateTime()), column("value", Float))


def _insert_readings(session: Session, rows: Sequence[tuple[int, dt.datetime, float]]) -> None:
    """Insert ``(channel id, aware moment, value)`` rows in one statement."""
    session.execute(insert(_READINGS_INSERT), [
        {"channel_id": channel, "recorded_at": at.astimezone(dt.UTC).replace(tzinfo=None),
         "value": value} for channel, at, value in rows])


@dataclass(frozen=True)
class ChannelInput:
    kind: ChannelKind | str
    unit: str
    low_threshold: float | None = None
    high_threshold: float | None = None


def register_sensor(db: Database, actor: Actor, *, code: str, name: str, profile: str,
                    channels: Sequence[ChannelInput], plot_id: int | None = None,
                    location: str = "", bus_address: int | None = None,
                    poll_seconds: int = 600) -> int:
    with unit_of_work(db, actor, Permission.MANAGE_SENSORS) as work:
        sensor = Sensor(cooperative_id=work.cooperative().id, code=normalize_code(code),
                        name=name, profile=profile, plot_id=plot_id, location=location,
                        bus_address=bus_address, poll_seconds=poll_seconds, active=True)
        ensure_unique(work.session, Sensor, "code", sensor.code, "sensor")
        for channel in channels:
            sensor.channels.append(SensorChannel(
                kind=choice(ChannelKind, "kind")(channel.kind), unit=channel.unit,
                low_threshold=channel.low_threshold, high_threshold=channel.high_threshold))
        work.session.add(sensor)
        work.audit("create", sensor)
        return sensor.id


def store_readings(db: Database, actor: Actor, channel_id: int,
                   readings: Sequence[tuple[dt.datetime, float]]) -> int:
    """Store many readings of one channel in one statement (readings are not audited one by
    one; the batch is)."""
    with unit_of_work(db, actor, Permission.MANAGE_SENSORS) as work:
        channel = work.session.get(SensorChannel, channel_id)
        if channel is None:
            raise ValidationError("not_found", field="channel_id", entity="sensor channel",
                                  value=channel_id)
        if readings:
            _insert_readings(work.session, [(channel_id, at, float(value))
                                            for at, value in readings])
        record_audit(work.session, actor, "store_readings", entity="sensor_channels",
                     entity_id=channel_id, after={"count": len(readings)})
        return len(readings)


def store_poll(db: Database, actor: Actor, sensor_id: int, recorded_at: dt.datetime,
               values: Mapping[int, float]) -> int:
    """Store what one poll of a sensor brought (channel id → value), all channels in one
    statement and one unit of work, audited as one batch."""
    with unit_of_work(db, actor, Permission.MANAGE_SENSORS) as work:
        own = set(work.session.execute(select(SensorChannel.id).where(
            SensorChannel.sensor_id == sensor_id)).scalars())
        strangers = sorted(set(values) - own)
        if strangers:
            raise ValidationError("not_found", field="channel_id", entity="sensor channel",
                                  value=strangers[0])
        finite = {channel: float(value) for channel, value in values.items()
                  if math.isfinite(float(value))}
        if finite:
            _insert_readings(work.session, [(channel, recorded_at, value)
                                            for channel, value in sorted(finite.items())])
        record_audit(work.session, actor, "store_readings", entity="sensors",
                     entity_id=sensor_id, after={"count": len(finite),
                                                 "at": recorded_at.isoformat()})
        return len(finite)


# --- sentences -----------------------------------------------------------------------------

def sentence(message: str, /, **params: Any) -> str:
    """A sensor sentence of :mod:`coop_desktop.domain.messages` in the user's language."""
    texts = MESSAGES[message]
    return (texts.get(i18n.language()) or texts["en"]).format(**params)


def local_text(moment: dt.datetime) -> str:
    """A moment as the co-op reads it: local time to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def place_text(plot_code: str | None, plot_name: str | None, location: str) -> str:
    """Where a sensor is: its plot (code and name), else its location, else its code's dash."""
    if plot_code:
        return f"{plot_code} {plot_name}".strip() if plot_name else plot_code
    return location or "—"


def season_start(day: dt.date) -> dt.date:
    """The first day of the crop season ``day`` is in (1 March; before March, last year's)."""
    month, first = SEASON_START
    start = dt.date(day.year, month, first)
    return start if day >= start else dt.date(day.year - 1, month, first)


# --- latest readings (index lookups, never a scan) -------------------------------------------

def _latest_at(channel: Any) -> Any:
    return (select(func.max(SensorReading.recorded_at))
            .where(SensorReading.channel_id == channel.id).scalar_subquery())


def _latest_value(channel: Any) -> Any:
    return (select(SensorReading.value).where(SensorReading.channel_id == channel.id)
            .order_by(SensorReading.recorded_at.desc()).limit(1).scalar_subquery())


@dataclass(frozen=True)
class ChannelState:
    channel_id: int
    kind: ChannelKind
    unit: str
    low: float | None
    high: float | None
    last_at: dt.datetime | None
    last_value: float | None

    @property
    def crossed(self) -> str | None:
        """``"above"`` or ``"below"`` when the latest value is outside the thresholds."""
        if self.last_value is None:
            return None
        if self.high is not None and self.last_value > self.high:
            return "above"
        if self.low is not None and self.last_value < self.low:
            return "below"
        return None


@dataclass(frozen=True)
class SensorRow:
    """A sensor as the Sensors page lists it (plain values, no ORM object)."""

    sensor_id: int
    code: str
    name: str
    profile: str
    plot_id: int | None
    plot_code: str | None
    plot_name: str | None
    location: str
    bus_address: int | None
    poll_seconds: int
    active: bool
    created_at: dt.datetime
    channels: tuple[ChannelState, ...]

    @property
    def place(self) -> str:
        return place_text(self.plot_code, self.plot_name, self.location)

    @property
    def last_at(self) -> dt.datetime | None:
        moments = [c.last_at for c in self.channels if c.last_at is not None]
        return max(moments) if moments else None

    def is_silent(self, now: dt.datetime) -> bool:
        last = self.last_at or self.created_at
        return self.active and now - last > dt.timedelta(
            seconds=SILENT_AFTER_POLLS * max(self.poll_seconds, 1))

    def state(self, now: dt.datetime) -> str:
        """``inactive``, ``silent``, ``alert`` (a value past a threshold) or ``ok``."""
        if not self.active:
            return "inactive"
        if self.is_silent(now):
            return "silent"
        if any(channel.crossed for channel in self.channels):
            return "alert"
        return "ok"

    def last_text(self) -> str:
        """The latest value of each channel: ``23.4 % · 14.2 °C``."""
        return " · ".join(f"{c.last_value:g} {c.unit}".strip() for c in self.channels
                          if c.last_value is not None)


def _sensor_rows(session: Session, *, active_only: bool = False,
                 sensor_ids: Sequence[int] | None = None) -> list[SensorRow]:
    query = (select(Sensor.id, Sensor.code, Sensor.name, Sensor.profile, Sensor.plot_id,
                    Plot.code, Plot.name, Sensor.location, Sensor.bus_address,
                    Sensor.poll_seconds, Sensor.active, Sensor.created_at)
             .outerjoin(Plot, Plot.id == Sensor.plot_id).order_by(Sensor.code))
    if active_only:
        query = query.where(Sensor.active.is_(True))
    if sensor_ids is not None:
        query = query.where(Sensor.id.in_(list(sensor_ids)))
    sensors = list(session.execute(query))
    channels: dict[int, list[ChannelState]] = {row[0]: [] for row in sensors}
    if sensors:
        for row in session.execute(
                select(SensorChannel.sensor_id, SensorChannel.id, SensorChannel.kind,
                       SensorChannel.unit, SensorChannel.low_threshold,
                       SensorChannel.high_threshold, _latest_at(SensorChannel),
                       _latest_value(SensorChannel))
                .where(SensorChannel.sensor_id.in_(list(channels)))
                .order_by(SensorChannel.id)):
            last_at = row[6]
            if last_at is not None and not isinstance(last_at, dt.datetime):
                last_at = dt.datetime.fromisoformat(str(last_at))  # SQLite's max() is text
            if last_at is not None and last_at.tzinfo is None:
                last_at = last_at.replace(tzinfo=dt.UTC)
            channels[row[0]].append(ChannelState(row[1], row[2], row[3], row[4], row[5],
                                                 last_at, row[7]))
    return [SensorRow(sensor_id=r[0], code=r[1], name=r[2], profile=r[3], plot_id=r[4],
                      plot_code=r[5], plot_name=r[6], location=r[7], bus_address=r[8],
                      poll_seconds=r[9], active=r[10], created_at=r[11],
                      channels=tuple(channels[r[0]])) for r in sensors]


def sensor_list(db: Database, actor: Actor) -> list[SensorRow]:
    """Every sensor with its plot and the latest reading of each channel, by code."""
    with reading(db, actor) as session:
        return _sensor_rows(session)


def sensor_alerts(session: Session, now: dt.datetime | None = None) -> list[tuple[str, str]]:
    """``(sensor code, sentence)`` for each active sensor whose latest reading of a channel is
    past a threshold, and each that has sent nothing for :data:`SILENT_AFTER_POLLS` poll
    intervals (since its last reading, or since it was registered)."""
    moment = now or utc_now()
    alerts: list[tuple[str, str]] = []
    for sensor in _sensor_rows(session, active_only=True):
        name = sensor.name or sensor.code
        if sensor.is_silent(moment):
            alerts.append((sensor.code, sentence(
                "sensor.silent", name=name, place=sensor.place,
                since=local_text(sensor.last_at or sensor.created_at),
                minutes=f"{sensor.poll_seconds / 60:g}")))
        for channel in sensor.channels:
            crossed = channel.crossed
            if crossed is None or channel.last_value is None or channel.last_at is None:
                continue
            threshold = channel.high if crossed == "above" else channel.low
            alerts.append((sensor.code, sentence(
                f"sensor.{crossed}", name=name, place=sensor.place,
                channel=name_of(channel.kind), value=f"{channel.last_value:g}",
                unit=channel.unit, threshold=f"{threshold:g}", at=local_text(channel.last_at))))
    return alerts


# --- what the poller polls -----------------------------------------------------------------

@dataclass(frozen=True)
class PollTarget:
    """An active sensor on the bus: where it answers and which channel stores which value."""

    sensor_id: int
    code: str
    profile: str
    address: int
    poll_seconds: int
    channels: Mapping[ChannelKind, int]  # kind → channel id


def poll_targets(db: Database, actor: Actor) -> list[PollTarget]:
    """Every active sensor with a bus address, by code."""
    with reading(db, actor) as session:
        sensors = list(session.execute(
            select(Sensor.id, Sensor.code, Sensor.profile, Sensor.bus_address,
                   Sensor.poll_seconds)
            .where(Sensor.active.is_(True), Sensor.bus_address.is_not(None))
            .order_by(Sensor.code)))
        kinds: dict[int, dict[ChannelKind, int]] = {row[0]: {} for row in sensors}
        if sensors:
            for sensor_id, channel_id, kind in session.execute(
                    select(SensorChannel.sensor_id, SensorChannel.id, SensorChannel.kind)
                    .where(SensorChannel.sensor_id.in_(list(kinds)))
                    .order_by(SensorChannel.id)):
                kinds[sensor_id].setdefault(kind, channel_id)
    return [PollTarget(sensor_id, code, profile, address, max(int(seconds), 1),
                       kinds[sensor_id])
            for sensor_id, code, profile, address, seconds in sensors]


# --- chart series, thinned in SQL ------------------------------------------------------------

class epoch_seconds(FunctionElement[int]):  # noqa: N801 - an SQL function's name
    """Whole seconds since 1970-01-01 of a naive-UTC timestamp column, in SQL."""

    type = BigInteger()
    name = "epoch_seconds"
    inherit_cache = True


@compiles(epoch_seconds, "sqlite")
def _epoch_sqlite(element: epoch_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    argument = compiler.process(element.clauses, **kw)
    dbapi = getattr(compiler.dialect, "dbapi", None)
    if getattr(dbapi, "sqlite_version_info", (0,)) >= (3, 38):
        return f"unixepoch({argument})"  # a quarter faster than formatting and parsing text
    return f"CAST(strftime('%s', {argument}) AS INTEGER)"


@compiles(epoch_seconds, "postgresql")
def _epoch_postgresql(element: epoch_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    # A timestamp without time zone: EXTRACT gives its nominal seconds, i.e. as UTC.
    return f"CAST(FLOOR(EXTRACT(EPOCH FROM {compiler.process(element.clauses, **kw)})) AS BIGINT)"


@compiles(epoch_seconds)
def _epoch_other(element: epoch_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    raise CompileError(f"epoch_seconds is not written for {compiler.dialect.name}")


@dataclass(frozen=True)
class ChannelSeries:
    """One channel's points for a chart: ``times`` in seconds since the epoch (what
    pyqtgraph's date axis takes), ``values`` beside them; at most two points (the minimum and
    the maximum) per ``bucket_seconds``, or every reading when the range holds few."""

    sensor_id: int
    sensor_code: str
    channel_id: int
    kind: ChannelKind
    unit: str
    low: float | None
    high: float | None
    times: tuple[float, ...]
    values: tuple[float, ...]
    bucket_seconds: int
    readings: int  # raw readings in the range


def _utc_seconds(moment: dt.datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("chart ranges need aware datetimes")
    return math.floor(moment.timestamp())


def bucket_seconds_for(start: dt.datetime, end: dt.datetime, max_points: int) -> int:
    """The width of a bucket so that two points a bucket stay within ``max_points``."""
    span = _utc_seconds(end) - _utc_seconds(start)
    return max(1, math.ceil(span / max(1, max_points // 2)))


def _bucketed(session: Session, channel_id: int, start: dt.datetime, end: dt.datetime,
              width: int) -> tuple[list[float], list[float], int]:
    origin = _utc_seconds(start)
    epoch: ColumnElement[int] = epoch_seconds(SensorReading.recorded_at)
    bucket = ((epoch - origin) // width).label("bucket")
    rows = session.execute(
        select(bucket, func.min(SensorReading.value), func.max(SensorReading.value),
               func.count(), func.min(epoch))
        .where(SensorReading.channel_id == channel_id, SensorReading.recorded_at >= start,
               SensorReading.recorded_at < end)
        .group_by(bucket).order_by(bucket))
    times: list[float] = []
    values: list[float] = []
    total = 0
    for index, low, high, count, first in rows:
        total += count
        if count == 1:  # one reading: where it really was
            times.append(float(first))
            values.append(float(low))
            continue
        middle = origin + (int(index) + 0.5) * width
        times += [middle, middle]
        values += [float(low), float(high)]
    return times, values, total


def chart_series(db: Database, actor: Actor, *, kind: ChannelKind | str,
                 start: dt.datetime, end: dt.datetime, plot_id: int | None = None,
                 sensor_id: int | None = None,
                 max_points: int = DEFAULT_MAX_POINTS) -> list[ChannelSeries]:
    """The readings of channel ``kind`` of one sensor, or of every sensor on a plot, from
    ``start`` (included) to ``end`` (excluded), with the thresholds.

    Each series has at most ``max_points`` points: the range is cut into ``max_points / 2``
    buckets and each bucket gives its minimum and maximum, computed in SQL (GROUP BY on the
    integer bucket of the timestamp), so a season of 1-minute readings comes back as a few
    thousand points and a peak is never smoothed away.
    """
    if (plot_id is None) == (sensor_id is None):
        raise ValidationError("sensor.choose")
    if end <= start:
        raise ValidationError("sensor.range", start=local_text(start), end=local_text(end))
    channel_kind = choice(ChannelKind, "kind")(kind)
    width = bucket_seconds_for(start, end, max_points)
    with reading(db, actor) as session:
        query = (select(Sensor.id, Sensor.code, SensorChannel.id, SensorChannel.unit,
                        SensorChannel.low_threshold, SensorChannel.high_threshold)
                 .join(SensorChannel, SensorChannel.sensor_id == Sensor.id)
                 .where(SensorChannel.kind == channel_kind).order_by(Sensor.code,
                                                                     SensorChannel.id))
        query = (query.where(Sensor.plot_id == plot_id) if plot_id is not None
                 else query.where(Sensor.id == sensor_id))
        series = []
        for s_id, code, channel_id, unit, low, high in session.execute(query):
            times, values, total = _bucketed(session, channel_id, start, end, width)
            series.append(ChannelSeries(s_id, code, channel_id, channel_kind, unit, low, high,
                                        tuple(times), tuple(values), width, total))
        return series


def reading_span(db: Database, actor: Actor, *, plot_id: int | None = None,
                 sensor_id: int | None = None) -> tuple[dt.datetime, dt.datetime] | None:
    """The first and the latest reading of a sensor or of a plot's sensors (None if none)."""
    with reading(db, actor) as session:
        channels = select(SensorChannel.id).join(Sensor)
        channels = (channels.where(Sensor.plot_id == plot_id) if plot_id is not None
                    else channels.where(Sensor.id == sensor_id))
        firsts: list[dt.datetime] = []
        lasts: list[dt.datetime] = []
        for channel_id in session.execute(channels).scalars():
            first, last = session.execute(
                select(func.min(SensorReading.recorded_at), func.max(SensorReading.recorded_at))
                .where(SensorReading.channel_id == channel_id)).one()
            if first is not None:
                firsts.append(_aware(first))
                lasts.append(_aware(last))
        if not firsts:
            return None
        return min(firsts), max(lasts)


def _aware(value: Any) -> dt.datetime:
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def channel_kinds(db: Database, actor: Actor, *, plot_id: int | None = None,
                  sensor_id: int | None = None) -> list[ChannelKind]:
    """The channel kinds of a sensor or of a plot's sensors, in the order of the enum."""
    with reading(db, actor) as session:
        query = select(SensorChannel.kind).join(Sensor).distinct()
        query = (query.where(Sensor.plot_id == plot_id) if plot_id is not None
                 else query.where(Sensor.id == sensor_id))
        found = set(session.execute(query).scalars())
    return [kind for kind in ChannelKind if kind in found]


def get_sensor(db: Database, actor: Actor, sensor_id: int) -> SensorRow:
    with reading(db, actor) as session:
        rows = _sensor_rows(session, sensor_ids=[sensor_id])
    if not rows:
        raise NotFoundError("not_found", entity="sensors", field="id", value=sensor_id)
    return rows[0]
