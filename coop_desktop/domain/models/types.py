"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect
from sqlalchemy.types import TypeDecorator


class Fixed(TypeDecorator[Decimal]):
    """An exact decimal with ``scale`` places, stored as a scaled integer.

    SQLite has no exact decimal type; a scaled integer is exact on both databases, sums and
    compares correctly in SQL, and comes back as ``Decimal``.
    """

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int = 3) -> None:
        super().__init__()
        self.scale = scale
        self._factor = Decimal(10) ** scale

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        scaled = Decimal(value) * self._factor
        return int(scaled.to_integral_value())

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-self.scale)  # exact: 12000 -> 12.000

    def stored(self, value: Any) -> Decimal | None:
        """``value`` as the database will hold it (5.555 mu is stored as 5.56)."""
        return self.process_result_value(self.process_bind_param(value, None), None)  # type: ignore[arg-type]

    @property
    def python_type(self) -> type[Decimal]:
        return Decimal


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A moment in time, stored as naive UTC and returned as an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError("UtcDateTime takes datetime values")
        if value.tzinfo is None:
            raise ValueError("UtcDateTime needs an aware datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
        return moment.replace(tzinfo=dt.UTC)

    @property
    def python_type(self) -> type[dt.datetime]:
        return dt.datetime


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
