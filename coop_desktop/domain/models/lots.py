"""Lots, where they came from, how they were split, merged and processed, and their labels."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop_desktop.domain.models.base import QUANTITY, Base, Timestamped, Versioned, str_enum
from coop_desktop.domain.models.enums import LotStatus, PackageStatus, TransformationKind
from coop_desktop.domain.models.production import Product
from coop_desktop.domain.models.types import utc_now


class Lot(Versioned, Timestamped, Base):
    """The traceable unit (批次)."""

    __tablename__ = "lots"
    __audited__ = True

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    unit: Mapped[str] = mapped_column(String(16), default="kg")
    grade: Mapped[str] = mapped_column(String(20), default="")
    harvest_date: Mapped[dt.date | None]
    pack_date: Mapped[dt.date | None] = mapped_column(index=True)
    best_before: Mapped[dt.date | None]
    status: Mapped[LotStatus] = mapped_column(str_enum(LotStatus), default=LotStatus.OPEN,
                                              index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    product: Mapped[Product] = relationship()
    sources: Mapped[list[LotSource]] = relationship(back_populates="lot")


class LotSource(Base):
    """Where a first-generation lot came from: a harvest, a member delivery or an animal."""

    __tablename__ = "lot_sources"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN harvest_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN delivery_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN animal_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_source"),
    )

    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    harvest_id: Mapped[int | None] = mapped_column(ForeignKey("harvests.id"), index=True)
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("member_deliveries.id"), index=True)
    animal_id: Mapped[int | None] = mapped_column(ForeignKey("animals.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)

    lot: Mapped[Lot] = relationship(back_populates="sources")


class Transformation(Timestamped, Base):
    """One split, merge or processing step; its links say what went in and came out."""

    __tablename__ = "transformations"

    kind: Mapped[TransformationKind] = mapped_column(str_enum(TransformationKind))
    occurred_on: Mapped[dt.date]
    input_quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    output_quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    loss_quantity: Mapped[Decimal] = mapped_column(QUANTITY, default=Decimal(0))
    loss_reason: Mapped[str] = mapped_column(Text, default="")
    operator: Mapped[str] = mapped_column(String(60), default="")


class LotLink(Base):
    """``quantity`` of the parent lot went into the child lot in one transformation."""

    __tablename__ = "lot_links"
    __table_args__ = (UniqueConstraint("transformation_id", "parent_lot_id", "child_lot_id"),)

    transformation_id: Mapped[int] = mapped_column(ForeignKey("transformations.id"), index=True)
    parent_lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    child_lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)


class SerialCounter(Base):
    """The next label serial of a cooperative; writers lock this row to take serials."""

    __tablename__ = "serial_counters"

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), unique=True)
    next_serial: Mapped[int] = mapped_column(Integer, default=1)


class Package(Base):
    """A printed label on a crate or case. Serials are never reused; voids keep their row."""

    __tablename__ = "packages"
    # Serial first: the unique index then also serves a lookup by serial (a scanned label).
    __table_args__ = (UniqueConstraint("serial", "cooperative_id"),)

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"))
    serial: Mapped[int] = mapped_column(Integer)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    net_weight: Mapped[Decimal | None] = mapped_column(QUANTITY)
    unit: Mapped[str] = mapped_column(String(16), default="kg")
    template: Mapped[str] = mapped_column(String(60), default="")
    printer: Mapped[str] = mapped_column(String(100), default="")
    printed_at: Mapped[dt.datetime] = mapped_column(default=utc_now, index=True)
    printed_by: Mapped[str] = mapped_column(String(60), default="")
    weighing_id: Mapped[int | None] = mapped_column(ForeignKey("weighings.id"))
    status: Mapped[PackageStatus] = mapped_column(str_enum(PackageStatus),
                                                  default=PackageStatus.PRINTED, index=True)
    void_reason: Mapped[str | None] = mapped_column(Text)
    reprint_count: Mapped[int] = mapped_column(Integer, default=0)
