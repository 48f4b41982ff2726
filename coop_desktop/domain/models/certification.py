"""Certificates (organic, green food, GI, GAP) and what they cover."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop_desktop.domain.models.base import Base, Timestamped, Versioned, str_enum
from coop_desktop.domain.models.enums import Scheme
from coop_desktop.domain.models.organisation import Member, Plot
from coop_desktop.domain.models.production import Product

certification_products = Table(
    "certification_products", Base.metadata,
    Column("certification_id", ForeignKey("certifications.id", ondelete="CASCADE"),
           primary_key=True),
    Column("product_id", ForeignKey("products.id"), primary_key=True),
)
certification_plots = Table(
    "certification_plots", Base.metadata,
    Column("certification_id", ForeignKey("certifications.id", ondelete="CASCADE"),
           primary_key=True),
    Column("plot_id", ForeignKey("plots.id"), primary_key=True),
)
certification_members = Table(
    "certification_members", Base.metadata,
    Column("certification_id", ForeignKey("certifications.id", ondelete="CASCADE"),
           primary_key=True),
    Column("member_id", ForeignKey("members.id"), primary_key=True),
)


class Certification(Versioned, Timestamped, Base):
    __tablename__ = "certifications"
    __audited__ = True

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    scheme: Mapped[Scheme] = mapped_column(str_enum(Scheme))
    number: Mapped[str] = mapped_column(String(80), unique=True)
    certifier: Mapped[str] = mapped_column(String(200))
    valid_from: Mapped[dt.date]
    valid_until: Mapped[dt.date]
    notes: Mapped[str] = mapped_column(Text, default="")

    products: Mapped[list[Product]] = relationship(secondary=certification_products,
                                                   order_by=Product.id)
    plots: Mapped[list[Plot]] = relationship(secondary=certification_plots, order_by=Plot.id)
    members: Mapped[list[Member]] = relationship(secondary=certification_members,
                                                 order_by=Member.id)
