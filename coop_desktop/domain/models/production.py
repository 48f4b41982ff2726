"""Products, planting batches, field activities and inputs, harvests, deliveries, weighings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop_desktop.domain.models.base import (
    AREA,
    MONEY,
    QUANTITY,
    Base,
    Timestamped,
    Versioned,
    str_enum,
)
from coop_desktop.domain.models.enums import ActivityKind, BatchStatus, ProductKind
from coop_desktop.domain.models.organisation import Member, Plot
from coop_desktop.domain.models.types import utc_now


class Product(Versioned, Timestamped, Base):
    __tablename__ = "products"
    __audited__ = True

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    variety: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[ProductKind] = mapped_column(str_enum(ProductKind))
    unit: Mapped[str] = mapped_column(String(16), default="kg")
    gtin: Mapped[str | None] = mapped_column(String(14), unique=True)
    shelf_life_days: Mapped[int | None] = mapped_column(Integer)
    grades: Mapped[list[str]] = mapped_column(JSON, default=list)


class Weighing(Base):
    """A weight as the scale reported it, with the raw frame kept as proof."""

    __tablename__ = "weighings"

    gross: Mapped[Decimal] = mapped_column(QUANTITY)
    tare: Mapped[Decimal] = mapped_column(QUANTITY, default=Decimal(0))
    net: Mapped[Decimal] = mapped_column(QUANTITY)
    unit: Mapped[str] = mapped_column(String(8), default="kg")
    stable: Mapped[bool] = mapped_column(Boolean)
    device: Mapped[str] = mapped_column(String(100), default="")
    raw_frame: Mapped[bytes | None] = mapped_column(LargeBinary)
    weighed_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    operator: Mapped[str] = mapped_column(String(60), default="")


class PlantingBatch(Versioned, Timestamped, Base):
    """A product grown on one plot in one season (种植批次)."""

    __tablename__ = "planting_batches"
    __audited__ = True

    code: Mapped[str] = mapped_column(String(40), unique=True)
    plot_id: Mapped[int] = mapped_column(ForeignKey("plots.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    season: Mapped[str] = mapped_column(String(20))
    planted_on: Mapped[dt.date]
    seed_source: Mapped[str] = mapped_column(String(200), default="")
    seed_lot: Mapped[str] = mapped_column(String(80), default="", index=True)
    area_mu: Mapped[Decimal] = mapped_column(AREA)
    status: Mapped[BatchStatus] = mapped_column(str_enum(BatchStatus), default=BatchStatus.GROWING)

    plot: Mapped[Plot] = relationship()
    product: Mapped[Product] = relationship()


class FieldActivity(Versioned, Timestamped, Base):
    """A dated entry in a batch's field record (农事记录), with the input used if any."""

    __tablename__ = "field_activities"
    __audited__ = True

    batch_id: Mapped[int] = mapped_column(ForeignKey("planting_batches.id"), index=True)
    kind: Mapped[ActivityKind] = mapped_column(str_enum(ActivityKind))
    performed_on: Mapped[dt.date]
    operator: Mapped[str] = mapped_column(String(60), default="")
    input_name: Mapped[str | None] = mapped_column(String(120))
    input_registration_no: Mapped[str | None] = mapped_column(String(40))  # 农药登记证号
    active_ingredient: Mapped[str | None] = mapped_column(String(120))
    input_lot: Mapped[str | None] = mapped_column(String(80), index=True)
    amount: Mapped[Decimal | None] = mapped_column(QUANTITY)
    amount_unit: Mapped[str | None] = mapped_column(String(16))
    area_mu: Mapped[Decimal | None] = mapped_column(AREA)
    phi_days: Mapped[int | None] = mapped_column(Integer)  # 安全间隔期
    notes: Mapped[str] = mapped_column(Text, default="")


class Harvest(Versioned, Timestamped, Base):
    __tablename__ = "harvests"
    __audited__ = True

    batch_id: Mapped[int] = mapped_column(ForeignKey("planting_batches.id"), index=True)
    harvested_on: Mapped[dt.date]
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    unit: Mapped[str] = mapped_column(String(16), default="kg")
    grade: Mapped[str] = mapped_column(String(20), default="")
    weighing_id: Mapped[int | None] = mapped_column(ForeignKey("weighings.id"))
    operator: Mapped[str] = mapped_column(String(60), default="")

    batch: Mapped[PlantingBatch] = relationship()


class MemberDelivery(Versioned, Timestamped, Base):
    """What a household brought to the co-op, weighed (交售记录)."""

    __tablename__ = "member_deliveries"
    __audited__ = True

    code: Mapped[str] = mapped_column(String(40), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("planting_batches.id"), index=True)
    delivered_on: Mapped[dt.date]
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    unit: Mapped[str] = mapped_column(String(16), default="kg")
    grade: Mapped[str] = mapped_column(String(20), default="")
    unit_price: Mapped[Decimal | None] = mapped_column(MONEY)
    weighing_id: Mapped[int | None] = mapped_column(ForeignKey("weighings.id"))

    member: Mapped[Member] = relationship()
