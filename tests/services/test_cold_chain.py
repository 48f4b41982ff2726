"""Cold-chain logger files: real CSV files in UTF-8 and GBK, excursions, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import ShipmentTemperature
from coop_desktop.services.cold_chain import (
    BEIJING,
    find_excursions,
    import_logger_file,
    read_logger_file,
)
from coop_desktop.services.lots import release_lot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.sales import LineInput, record_shipment, register_customer
from coop_desktop.storage.database import Database
from tests.services.builders import audit_ok, harvested_lot, passing_test

ELITECH = ("序号,时间,温度(℃)\n"
           "1,2026-08-15 06:00:00,3.9\n"
           "2,2026-08-15 06:30:00,4.2\n"
           "3,2026-08-15 07:00:00,9.1\n"
           "4,2026-08-15 07:30:00,10.4\n"
           "5,2026-08-15 08:00:00,5.0\n"
           "6,2026-08-15 08:30:00,-1.5\n"
           "7,2026-08-15 09:00:00,4.0\n")


def test_readings_and_excursions_from_a_gbk_file(tmp_path: Path) -> None:
    file = tmp_path / "logger.csv"
    file.write_bytes(ELITECH.encode("gbk"))
    data = read_logger_file(file)
    assert data.errors == []
    assert len(data.readings) == 7
    assert data.readings[0] == (dt.datetime(2026, 8, 15, 6, 0, tzinfo=BEIJING), 3.9)
    warm, cold = data.excursions
    assert warm.too_warm and warm.extreme == 10.4 and warm.minutes == 30
    assert not cold.too_warm and cold.extreme == -1.5 and cold.minutes == 0


def test_excursions_on_both_sides_back_to_back() -> None:
    start = dt.datetime(2026, 8, 15, tzinfo=dt.UTC)
    readings = [(start + dt.timedelta(minutes=10 * index), value)
                for index, value in enumerate([5, 9, 9.5, -2, -3, 4, 12])]
    found = find_excursions(readings, 0, 8)
    assert [(item.too_warm, item.extreme) for item in found] == [(True, 9.5), (False, -3),
                                                                  (True, 12)]


def test_bad_rows_are_listed_and_nothing_stored_unless_accepted(coop: Database,
                                                                tmp_path: Path) -> None:
    _, lot = harvested_lot(coop, "HM1", "100")
    passing_test(coop, lot, "Q1")
    release_lot(coop, SYSTEM, lot)
    customer = register_customer(coop, SYSTEM, code="C1", name="兰州大青山批发市场",
                                 kind="wholesale")
    shipment = record_shipment(coop, SYSTEM, code="S1", customer_id=customer,
                               shipped_on=dt.date.today(), lines=[LineInput(lot, 50)])
    file = tmp_path / "logger.csv"
    file.write_text("Time,Temperature °C\n2026-08-15 06:00,4.1\nyesterday,4.0\n"
                    "2026-08-15 07:00,warm\n2026-08-15 08:00,5.5\n", encoding="utf-8-sig")
    data = import_logger_file(coop, SYSTEM, shipment, file)
    assert [row for row, _ in data.errors] == [3, 4]
    assert "'yesterday' is not a time" in data.errors[0][1]
    with coop.read() as session:
        assert session.execute(select(func.count(ShipmentTemperature.id))).scalar_one() == 0
    import_logger_file(coop, SYSTEM, shipment, file, accept_valid=True)
    with coop.read() as session:
        assert session.execute(select(func.count(ShipmentTemperature.id))).scalar_one() == 2
    assert audit_ok(coop)


def test_a_file_without_the_columns_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "members.csv"
    file.write_text("姓名,村\n王建国,王庄村\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_logger_file(file)
    assert caught.value.code == "cold_chain.columns" and "姓名, 村" in str(caught.value)


def test_the_same_file_twice_stores_each_reading_once(coop: Database, tmp_path: Path) -> None:
    _, lot = harvested_lot(coop, "HM2", "100")
    passing_test(coop, lot, "Q2")
    release_lot(coop, SYSTEM, lot)
    customer = register_customer(coop, SYSTEM, code="C2", name="网店", kind="online_shop")
    shipment = record_shipment(coop, SYSTEM, code="S2", customer_id=customer,
                               shipped_on=dt.date.today(), lines=[LineInput(lot, 10)])
    file = tmp_path / "logger.csv"
    file.write_bytes(ELITECH.encode("gbk"))
    import_logger_file(coop, SYSTEM, shipment, file)
    import_logger_file(coop, SYSTEM, shipment, file)
    with coop.read() as session:
        assert session.execute(select(func.count(ShipmentTemperature.id))).scalar_one() == 7
    assert audit_ok(coop)
