"""Customers, shipments, shipment lines and the cold-chain temperatures on the way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop_desktop.domain.models.base import MONEY, QUANTITY, Base, Timestamped, Versioned, str_enum
from coop_desktop.domain.models.enums import CustomerKind


class Customer(Versioned, Timestamped, Base):
    __tablename__ = "customers"
    __audited__ = True

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[CustomerKind] = mapped_column(str_enum(CustomerKind))
    contact: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(300), default="")


class Shipment(Versioned, Timestamped, Base):
    __tablename__ = "shipments"
    __audited__ = True

    code: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    shipped_on: Mapped[dt.date]
    vehicle: Mapped[str] = mapped_column(String(40), default="")
    driver: Mapped[str] = mapped_column(String(60), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    customer: Mapped[Customer] = relationship()
    lines: Mapped[list[ShipmentLine]] = relationship(back_populates="shipment",
                                                     order_by="ShipmentLine.id")


class ShipmentLine(Base):
    __tablename__ = "shipment_lines"

    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id"), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    package_id: Mapped[int | None] = mapped_column(ForeignKey("packages.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    unit_price: Mapped[Decimal | None] = mapped_column(MONEY)

    shipment: Mapped[Shipment] = relationship(back_populates="lines")


class ShipmentTemperature(Base):
    __tablename__ = "shipment_temperatures"
    __table_args__ = (Index("ix_shipment_temperatures_shipment_time", "shipment_id",
                            "recorded_at"),)

    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id"))
    recorded_at: Mapped[dt.datetime]
    celsius: Mapped[float] = mapped_column(Float)
