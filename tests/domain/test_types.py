"""Portable column types: exact decimals and UTC moments round-trip through a real database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select

from coop_desktop.domain.models.types import Fixed, UtcDateTime


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=3))
def test_fixed_round_trips_exactly(value: Decimal) -> None:
    column = Fixed(3)
    stored = column.process_bind_param(value, None)  # type: ignore[arg-type]
    assert isinstance(stored, int)
    back = column.process_result_value(stored, None)  # type: ignore[arg-type]
    assert back == value
    assert back is not None and back.as_tuple().exponent == -3


def test_fixed_and_utc_in_a_real_sqlite_file(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 't.sqlite'}")
    table = Table("t", MetaData(), Column("id", Integer, primary_key=True),
                  Column("kg", Fixed(3)), Column("at", UtcDateTime()))
    table.metadata.create_all(engine)
    beijing = dt.timezone(dt.timedelta(hours=8))
    moment = dt.datetime(2026, 8, 15, 9, 30, 15, 123456, tzinfo=beijing)
    with engine.begin() as connection:
        connection.execute(insert(table), [{"kg": Decimal("12.5"), "at": moment},
                                           {"kg": Decimal("0.001"), "at": moment}])
        total = connection.execute(select(table.c.kg)).scalars().all()
        at = connection.execute(select(table.c.at)).scalars().first()
    assert total == [Decimal("12.500"), Decimal("0.001")]
    assert at == moment and at is not None and at.tzinfo == dt.UTC
    engine.dispose()


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        UtcDateTime().process_bind_param(dt.datetime(2026, 1, 1), None)  # type: ignore[arg-type]
