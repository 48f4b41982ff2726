"""What members are paid for their deliveries: the agreed charges, and the payouts recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop_desktop.domain.models.base import MONEY, QUANTITY, Base, Timestamped, Versioned
from coop_desktop.domain.models.organisation import Member
from coop_desktop.domain.models.types import Fixed

RATE = Fixed(4)  # yuan per kg, to a hundredth of a fen
PERCENT = Fixed(2)  # percent of the gross amount, to a hundredth of a percent


class ChargeRule(Versioned, Timestamped, Base):
    """A charge the members agreed to (管理费, 包装费…): per kg delivered and/or a percent of
    the gross amount, for one product or (``product_id`` empty) for every product."""

    __tablename__ = "charge_rules"
    __audited__ = True

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    per_kg: Mapped[Decimal] = mapped_column(RATE, default=Decimal(0))
    percent: Mapped[Decimal] = mapped_column(PERCENT, default=Decimal(0))
    valid_from: Mapped[dt.date | None]
    valid_until: Mapped[dt.date | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class Payout(Versioned, Timestamped, Base):
    """What one member household is paid for a year's deliveries not paid before."""

    __tablename__ = "payouts"
    __audited__ = True

    code: Mapped[str] = mapped_column(String(40), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    gross: Mapped[Decimal] = mapped_column(MONEY)
    charges: Mapped[Decimal] = mapped_column(MONEY)
    net: Mapped[Decimal] = mapped_column(MONEY)
    paid_on: Mapped[dt.date | None]
    reference: Mapped[str] = mapped_column(String(80), default="")  # bank transfer number

    member: Mapped[Member] = relationship()
    lines: Mapped[list[PayoutLine]] = relationship(back_populates="payout",
                                                   order_by="PayoutLine.id")


class PayoutLine(Base):
    """One delivery in a payout; a delivery is paid once."""

    __tablename__ = "payout_lines"

    payout_id: Mapped[int] = mapped_column(ForeignKey("payouts.id"), index=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("member_deliveries.id"), unique=True)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    unit_price: Mapped[Decimal] = mapped_column(MONEY)
    gross: Mapped[Decimal] = mapped_column(MONEY)
    charges: Mapped[Decimal] = mapped_column(MONEY)
    net: Mapped[Decimal] = mapped_column(MONEY)

    payout: Mapped[Payout] = relationship(back_populates="lines")
