"""The cooperative, its member households, their plots, and the users of the program."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop_desktop.domain.models.base import AREA, Base, Timestamped, Versioned, str_enum
from coop_desktop.domain.models.enums import CertStatus, LandType, PovertyStatus, Role, Scheme


class Cooperative(Versioned, Timestamped, Base):
    __tablename__ = "cooperatives"
    __audited__ = True

    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    # 统一社会信用代码
    registration_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    province: Mapped[str] = mapped_column(String(40), default="")
    county: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    gs1_company_prefix: Mapped[str | None] = mapped_column(String(12))
    trace_base_url: Mapped[str] = mapped_column(String(200), default="")
    commitment_text: Mapped[str] = mapped_column(Text, default="")


class Member(Versioned, Timestamped, Base):
    """A member household (社员/农户). ID number, phone, account and poverty status are personal."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("cooperative_id", "code"),)
    __audited__ = True

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(100), index=True)
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True)
    township: Mapped[str] = mapped_column(String(60), default="")
    village: Mapped[str] = mapped_column(String(60), default="", index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    household_size: Mapped[int] = mapped_column(Integer, default=1)
    poverty_status: Mapped[PovertyStatus] = mapped_column(str_enum(PovertyStatus),
                                                          default=PovertyStatus.NONE)
    poverty_since_year: Mapped[int | None] = mapped_column(Integer)
    poverty_exit_year: Mapped[int | None] = mapped_column(Integer)
    joined_on: Mapped[dt.date]
    left_on: Mapped[dt.date | None]
    payout_bank: Mapped[str | None] = mapped_column(String(100))
    payout_account: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str] = mapped_column(Text, default="")

    plots: Mapped[list[Plot]] = relationship(back_populates="member")


class Plot(Versioned, Timestamped, Base):
    __tablename__ = "plots"
    __audited__ = True

    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    village: Mapped[str] = mapped_column(String(60), default="")
    area_mu: Mapped[Decimal] = mapped_column(AREA)
    land_type: Mapped[LandType] = mapped_column(str_enum(LandType))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    in_gi_area: Mapped[bool] = mapped_column(Boolean, default=False)

    member: Mapped[Member] = relationship(back_populates="plots")
    certification_statuses: Mapped[list[PlotCertificationStatus]] = relationship(
        back_populates="plot", cascade="all, delete-orphan")


class PlotCertificationStatus(Base):
    """A plot's standing in one certification scheme, with the dates that prove it."""

    __tablename__ = "plot_certification_statuses"
    __table_args__ = (UniqueConstraint("plot_id", "scheme"),)

    plot_id: Mapped[int] = mapped_column(ForeignKey("plots.id", ondelete="CASCADE"))
    scheme: Mapped[Scheme] = mapped_column(str_enum(Scheme))
    status: Mapped[CertStatus] = mapped_column(str_enum(CertStatus))
    since: Mapped[dt.date | None]  # conversion start, or the date of the current status
    certified_on: Mapped[dt.date | None]

    plot: Mapped[Plot] = relationship(back_populates="certification_statuses")


class User(Versioned, Timestamped, Base):
    __tablename__ = "users"
    __audited__ = True

    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[Role] = mapped_column(str_enum(Role))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None]


class AuditEntry(Base):
    """One change, append-only; ``hash`` covers the entry and the previous entry's hash."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_entity", "entity", "entity_id"),)

    recorded_at: Mapped[dt.datetime]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    entity_code: Mapped[str | None] = mapped_column(String(80))
    before: Mapped[dict[str, object] | None] = mapped_column(JSON)
    after: Mapped[dict[str, object] | None] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHead(Base):
    """The chain's last link. Writers lock this one row so entries chain in one order."""

    __tablename__ = "audit_head"

    last_entry_id: Mapped[int | None] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
