"""Sensors in fields and greenhouses, their channels, thresholds and readings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop_desktop.domain.models.base import Base, Timestamped, Versioned, str_enum
from coop_desktop.domain.models.enums import ChannelKind


class Sensor(Versioned, Timestamped, Base):
    __tablename__ = "sensors"
    __audited__ = True

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    profile: Mapped[str] = mapped_column(String(60), default="")  # a devices/ profile stem
    plot_id: Mapped[int | None] = mapped_column(ForeignKey("plots.id"), index=True)
    location: Mapped[str] = mapped_column(String(120), default="")
    bus_address: Mapped[int | None] = mapped_column(Integer)  # Modbus slave address
    poll_seconds: Mapped[int] = mapped_column(Integer, default=600)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    channels: Mapped[list[SensorChannel]] = relationship(back_populates="sensor",
                                                         order_by="SensorChannel.id")


class SensorChannel(Base):
    __tablename__ = "sensor_channels"

    sensor_id: Mapped[int] = mapped_column(ForeignKey("sensors.id"), index=True)
    kind: Mapped[ChannelKind] = mapped_column(str_enum(ChannelKind))
    unit: Mapped[str] = mapped_column(String(16))
    low_threshold: Mapped[float | None] = mapped_column(Float)
    high_threshold: Mapped[float | None] = mapped_column(Float)

    sensor: Mapped[Sensor] = relationship(back_populates="channels")


class SensorReading(Base):
    __tablename__ = "sensor_readings"
    __table_args__ = (Index("ix_sensor_readings_channel_time", "channel_id", "recorded_at"),)

    channel_id: Mapped[int] = mapped_column(ForeignKey("sensor_channels.id"))
    recorded_at: Mapped[dt.datetime]
    value: Mapped[float] = mapped_column(Float)
