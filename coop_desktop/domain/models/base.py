"""The declarative base: naming convention, shared column types and mixins."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import Enum, Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from coop_desktop.domain.models.types import Fixed, UtcDateTime, utc_now

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

QUANTITY = Fixed(3)  # kg or head, to the gram
AREA = Fixed(2)  # mu, to the hundredth
MONEY = Fixed(2)  # yuan, to the fen


def str_enum(enum_class: type[enum.Enum], length: int = 24) -> Enum:
    """A portable enum column: the member's value as VARCHAR, no native type, no CHECK."""
    return Enum(enum_class, native_enum=False, create_constraint=False, length=length,
                values_callable=lambda members: [member.value for member in members],
                validate_strings=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        Decimal: QUANTITY,
        dt.datetime: UtcDateTime(),
    }

    id: Mapped[int] = mapped_column(Integer, primary_key=True)

    #: Records that audit entries snapshot row by row, so `db verify-audit` can compare them.
    __audited__: ClassVar[bool] = False

    def __repr__(self) -> str:
        return f"<{type(self).__name__} id={self.id}>"


class Versioned:
    """Optimistic concurrency: an edit based on an old version is refused, never silently lost."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy's declared_attr
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Timestamped:
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
