"""Sensors with their channels and thresholds, and their readings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import insert

from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import ChannelKind, Sensor, SensorChannel, SensorReading
from coop_desktop.services.audit import record_audit
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.work import choice, ensure_unique, unit_of_work
from coop_desktop.storage.database import Database


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
            work.session.execute(insert(SensorReading), [
                {"channel_id": channel_id, "recorded_at": at, "value": float(value)}
                for at, value in readings])
        record_audit(work.session, actor, "store_readings", entity="sensor_channels",
                     entity_id=channel_id, after={"count": len(readings)})
        return len(readings)
