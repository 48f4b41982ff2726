"""The story of a shipment: its customer, its lines with amounts, and its cold chain — the
logger's temperatures in time order and the stretches outside 0–8 °C."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from coop_desktop.domain.errors import NotFoundError
from coop_desktop.domain.models import CustomerKind, Package, Role
from coop_desktop.services.cold_chain import BEIJING
from coop_desktop.services.details import ShipmentStory, shipment_story
from coop_desktop.services.labels import print_labels
from coop_desktop.services.lots import release_lot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.sales import (
    LineInput,
    add_temperatures,
    record_shipment,
    register_customer,
)
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import days_ago, harvested_lot, passing_test

START = dt.datetime(2026, 8, 15, 5, 30, tzinfo=BEIJING)
#: Every 10 minutes from 05:30: the door opened at 06:40 and 06:50, and one cold reading.
CELSIUS = [3.1, 2.8, 3.0, 3.4, 4.6, 6.9, 7.2, 9.1, 10.4, 5.2, 3.9, -0.5, 2.2]


def readings() -> list[tuple[dt.datetime, float]]:
    return [(START + dt.timedelta(minutes=10 * step), celsius)
            for step, celsius in enumerate(CELSIUS)]


def chilled_shipment(db: Database) -> int:
    """Two lines, one priced and one a scanned label without a price, and a logger's
    readings stored out of order."""
    _, lot_id = harvested_lot(db, "YK2608", "120")
    passing_test(db, lot_id, "Q-YK")
    release_lot(db, SYSTEM, lot_id)
    serial = print_labels(db, SYSTEM, lot_id=lot_id, count=1, net_weights=["4.85"])[0]
    customer = register_customer(db, SYSTEM, code="C-HL", name="兰州华联生鲜超市（西固店）",
                                 kind="supermarket", contact="王经理", phone="0931-7654321",
                                 address="兰州市西固区福利路 1 号")
    package_id = _package_id(db, serial)
    shipment = record_shipment(
        db, SYSTEM, code="FH-0815", customer_id=customer, shipped_on=days_ago(3),
        lines=[LineInput(lot_id, "85.24", "68"), LineInput(lot_id, "4.85",
                                                           package_id=package_id)],
        vehicle="甘H·C2345", driver="李师傅", notes="冷藏车 0–4 °C")
    shuffled = readings()
    add_temperatures(db, SYSTEM, shipment, shuffled[6:] + shuffled[:6])
    return shipment


def _package_id(db: Database, serial: int) -> int:
    with db.read() as session:
        return int(session.execute(select(Package.id).where(Package.serial == serial))
                   .scalar_one())


def test_lines_customer_and_amounts(coop: Database) -> None:
    story = shipment_story(coop, actor_for(Role.AUDITOR), chilled_shipment(coop))
    facts = story.shipment
    assert (facts.code, facts.shipped_on, facts.customer_code, facts.customer,
            facts.customer_kind, facts.contact, facts.vehicle, facts.driver) == (
        "FH-0815", days_ago(3), "C-HL", "兰州华联生鲜超市（西固店）", CustomerKind.SUPERMARKET,
        "王经理", "甘H·C2345", "李师傅")
    assert [(line.lot, line.product, line.quantity, line.unit, line.unit_price, line.amount,
             line.serial) for line in story.lines] == [
        ("YK2608", "白兰瓜", Decimal("85.24"), "kg", Decimal("68"), Decimal("5796.32"), None),
        ("YK2608", "白兰瓜", Decimal("4.85"), "kg", None, None, 1)]
    assert story.total_amount == Decimal("5796.32")
    assert story.unpriced_lines == 1


def test_temperatures_in_time_order_and_excursions(coop: Database) -> None:
    story = shipment_story(coop, SYSTEM, chilled_shipment(coop))
    assert [point.at for point in story.temperatures] == [at for at, _ in readings()]
    assert all(point.at.tzinfo is not None for point in story.temperatures)
    assert [point.celsius for point in story.temperatures] == CELSIUS
    assert (story.low, story.high) == (0.0, 8.0)
    warm, cold = story.excursions
    assert (warm.too_warm, warm.minutes, warm.extreme) == (True, 10, 10.4)
    assert warm.start == START + dt.timedelta(minutes=70)
    assert (cold.too_warm, cold.minutes, cold.extreme) == (False, 0, -0.5)


def test_a_shipment_without_a_logger_or_prices(coop: Database) -> None:
    _, lot_id = harvested_lot(coop, "HM1", "50")
    passing_test(coop, lot_id, "Q1")
    release_lot(coop, SYSTEM, lot_id)
    customer = register_customer(coop, SYSTEM, code="C1", name="鲜果网店", kind="online_shop")
    shipment = record_shipment(coop, SYSTEM, code="S1", customer_id=customer,
                               shipped_on=days_ago(1), lines=[LineInput(lot_id, "20")])
    story = shipment_story(coop, SYSTEM, shipment)
    assert isinstance(story, ShipmentStory)
    assert (story.temperatures, story.excursions) == ((), ())
    assert (story.total_amount, story.unpriced_lines) == (None, 1)


def test_an_unknown_shipment_is_refused(coop: Database) -> None:
    with pytest.raises(NotFoundError):
        shipment_story(coop, SYSTEM, 4711)
