"""What an auditor asks beside the certificate itself: internal inspections with their findings
and corrective actions, training sessions with their attendees, the certified quantities, and
the pool of 有机码 a certifier issued with its usage log (standards.md §8.4, §9)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop_desktop.domain.models.base import (
    AREA,
    QUANTITY,
    Base,
    Timestamped,
    Versioned,
    str_enum,
)
from coop_desktop.domain.models.organisation import Member
from coop_desktop.domain.models.types import utc_now


class RiskLevel(enum.StrEnum):
    """The risk an internal inspector rates a member household at."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Severity(enum.StrEnum):
    """An observation needs nothing; a minor or major finding is a non-conformity."""

    OBSERVATION = "observation"
    MINOR = "minor"
    MAJOR = "major"


class InternalInspection(Versioned, Timestamped, Base):
    """One visit of an internal inspector (内检员) to a member household."""

    __tablename__ = "internal_inspections"
    __audited__ = True

    code: Mapped[str] = mapped_column(String(40), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    certification_id: Mapped[int | None] = mapped_column(ForeignKey("certifications.id"),
                                                         index=True)
    inspected_on: Mapped[dt.date] = mapped_column(index=True)
    inspector: Mapped[str] = mapped_column(String(100))
    risk: Mapped[RiskLevel] = mapped_column(str_enum(RiskLevel), default=RiskLevel.LOW)
    summary: Mapped[str] = mapped_column(Text, default="")

    member: Mapped[Member] = relationship()
    findings: Mapped[list[InspectionFinding]] = relationship(
        back_populates="inspection", order_by="InspectionFinding.id")


class InspectionFinding(Versioned, Timestamped, Base):
    """A finding; a non-conformity carries its corrective action, deadline and closure."""

    __tablename__ = "inspection_findings"
    __audited__ = True

    inspection_id: Mapped[int] = mapped_column(ForeignKey("internal_inspections.id"),
                                               index=True)
    severity: Mapped[Severity] = mapped_column(str_enum(Severity))
    clause: Mapped[str] = mapped_column(String(60), default="")  # e.g. GB/T 19630 4.2.3
    description: Mapped[str] = mapped_column(Text)
    corrective_action: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[dt.date | None]
    sanction: Mapped[str] = mapped_column(String(200), default="")
    closed_on: Mapped[dt.date | None]
    closure_evidence: Mapped[str] = mapped_column(Text, default="")

    inspection: Mapped[InternalInspection] = relationship(back_populates="findings")


training_attendees = Table(
    "training_attendees", Base.metadata,
    Column("session_id", ForeignKey("training_sessions.id", ondelete="CASCADE"),
           primary_key=True),
    Column("member_id", ForeignKey("members.id"), primary_key=True),
)


class TrainingSession(Versioned, Timestamped, Base):
    """A training (培训) with its trainer, topic, date and the households that attended."""

    __tablename__ = "training_sessions"
    __audited__ = True

    code: Mapped[str] = mapped_column(String(40), unique=True)
    held_on: Mapped[dt.date] = mapped_column(index=True)
    topic: Mapped[str] = mapped_column(String(200))
    trainer: Mapped[str] = mapped_column(String(100))
    location: Mapped[str] = mapped_column(String(200), default="")
    hours: Mapped[Decimal] = mapped_column(AREA, default=Decimal(0))
    notes: Mapped[str] = mapped_column(Text, default="")

    attendees: Mapped[list[Member]] = relationship(secondary=training_attendees,
                                                   order_by=Member.id)


class CertifiedQuantity(Base):
    """How much of a product a certificate allows to be sold as certified (认证产量)."""

    __tablename__ = "certified_quantities"
    __table_args__ = (UniqueConstraint("certification_id", "product_id"),)

    certification_id: Mapped[int] = mapped_column(
        ForeignKey("certifications.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    unit: Mapped[str] = mapped_column(String(16), default="kg")


class OrganicCode(Base):
    """One 17-digit 有机码 of a certifier's pool; once on a package, never used again."""

    __tablename__ = "organic_codes"

    certification_id: Mapped[int] = mapped_column(ForeignKey("certifications.id"), index=True)
    code: Mapped[str] = mapped_column(String(17), unique=True)
    source: Mapped[str] = mapped_column(String(200), default="")  # the certifier's issue
    imported_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    package_id: Mapped[int | None] = mapped_column(ForeignKey("packages.id"), unique=True)
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id"), index=True)
    quantity: Mapped[Decimal | None] = mapped_column(QUANTITY)  # the package's net weight
    used_at: Mapped[dt.datetime | None]
    used_by: Mapped[str | None] = mapped_column(String(60))
