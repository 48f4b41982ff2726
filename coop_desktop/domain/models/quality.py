"""Quality records (质检记录) with measured parameters and attached files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop_desktop.domain.models.base import Base, Timestamped, Versioned, str_enum
from coop_desktop.domain.models.enums import QualityKind, QualityResult
from coop_desktop.domain.models.types import Fixed


class QualityRecord(Versioned, Timestamped, Base):
    """A test of a lot, or of a sample of a planting batch; pass only if every parameter passes."""

    __tablename__ = "quality_records"
    __audited__ = True

    code: Mapped[str] = mapped_column(String(40), unique=True)
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id"), index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("planting_batches.id"), index=True)
    animal_id: Mapped[int | None] = mapped_column(ForeignKey("animals.id"), index=True)
    kind: Mapped[QualityKind] = mapped_column(str_enum(QualityKind))
    tested_on: Mapped[dt.date]
    tested_by: Mapped[str] = mapped_column(String(100), default="")
    laboratory: Mapped[str] = mapped_column(String(200), default="")
    report_number: Mapped[str] = mapped_column(String(80), default="")
    result: Mapped[QualityResult] = mapped_column(str_enum(QualityResult))
    notes: Mapped[str] = mapped_column(Text, default="")

    parameters: Mapped[list[QualityParameter]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="QualityParameter.id")


class QualityParameter(Base):
    __tablename__ = "quality_parameters"

    record_id: Mapped[int] = mapped_column(ForeignKey("quality_records.id", ondelete="CASCADE"),
                                           index=True)
    name: Mapped[str] = mapped_column(String(120))
    value: Mapped[Decimal] = mapped_column(Fixed(4))
    limit: Mapped[Decimal | None] = mapped_column(Fixed(4))
    unit: Mapped[str] = mapped_column(String(24), default="")
    #: True when a value at or below the limit passes (residues); False when it must reach it.
    limit_is_maximum: Mapped[bool] = mapped_column(default=True)
    passed: Mapped[bool]

    record: Mapped[QualityRecord] = relationship(back_populates="parameters")


class Attachment(Timestamped, Base):
    """A file kept with a record (lab report scan, certificate PDF), identified by its SHA-256."""

    __tablename__ = "attachments"

    quality_record_id: Mapped[int | None] = mapped_column(ForeignKey("quality_records.id"),
                                                          index=True)
    certification_id: Mapped[int | None] = mapped_column(ForeignKey("certifications.id"),
                                                         index=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    description: Mapped[str] = mapped_column(Text, default="")
