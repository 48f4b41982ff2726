"""Animals and what happens to them: births, weighings, treatments, movements, sale, slaughter."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coop_desktop.domain.models.base import QUANTITY, Base, Timestamped, Versioned, str_enum
from coop_desktop.domain.models.enums import AnimalEventKind, AnimalStatus, Sex, Species


class Animal(Versioned, Timestamped, Base):
    __tablename__ = "animals"
    __audited__ = True

    ear_tag: Mapped[str] = mapped_column(String(40), unique=True)  # 耳标号
    eid: Mapped[str | None] = mapped_column(String(20), unique=True)  # ISO 11784, 15 digits
    species: Mapped[Species] = mapped_column(str_enum(Species))
    breed: Mapped[str] = mapped_column(String(60), default="")
    sex: Mapped[Sex] = mapped_column(str_enum(Sex), default=Sex.UNKNOWN)
    birth_date: Mapped[dt.date | None]
    dam_id: Mapped[int | None] = mapped_column(ForeignKey("animals.id"))
    sire_id: Mapped[int | None] = mapped_column(ForeignKey("animals.id"))
    owner_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    herd: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[AnimalStatus] = mapped_column(str_enum(AnimalStatus),
                                                 default=AnimalStatus.ALIVE)


class AnimalEvent(Versioned, Timestamped, Base):
    __tablename__ = "animal_events"
    __audited__ = True

    animal_id: Mapped[int] = mapped_column(ForeignKey("animals.id"), index=True)
    kind: Mapped[AnimalEventKind] = mapped_column(str_enum(AnimalEventKind))
    occurred_on: Mapped[dt.date]
    operator: Mapped[str] = mapped_column(String(60), default="")
    weight_kg: Mapped[Decimal | None] = mapped_column(QUANTITY)
    weighing_id: Mapped[int | None] = mapped_column(ForeignKey("weighings.id"))
    product_name: Mapped[str | None] = mapped_column(String(120))  # drug or vaccine
    product_registration_no: Mapped[str | None] = mapped_column(String(40))
    product_lot: Mapped[str | None] = mapped_column(String(80), index=True)
    dose: Mapped[str | None] = mapped_column(String(60))
    withdrawal_days: Mapped[int | None] = mapped_column(Integer)  # 休药期
    from_place: Mapped[str | None] = mapped_column(String(120))
    to_place: Mapped[str | None] = mapped_column(String(120))
    counterparty: Mapped[str | None] = mapped_column(String(120))
    notes: Mapped[str] = mapped_column(Text, default="")
