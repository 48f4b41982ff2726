"""Shipments: only released lots, never more than is left; a lot is shipped when empty."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.models import (
    AuditEntry,
    Customer,
    Lot,
    LotStatus,
    Shipment,
    ShipmentLine,
    ShipmentTemperature,
)
from coop_desktop.services.labels import print_labels
from coop_desktop.services.lots import lot_available, release_lot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.sales import (
    LineInput,
    add_temperatures,
    record_shipment,
    register_customer,
)
from coop_desktop.storage.database import Database
from tests.services.builders import (
    TODAY,
    audit_count,
    audit_ok,
    counts,
    days_ago,
    harvested_lot,
    load,
    make_product,
    nothing_new,
    passing_test,
)

SALE_TABLES = (Shipment, ShipmentLine, AuditEntry)


def released_lot(db: Database, code: str = "L001", quantity: str = "100", **kwargs: object
                 ) -> int:
    _, lot_id = harvested_lot(db, code, quantity, **kwargs)  # type: ignore[arg-type]
    passing_test(db, lot_id, f"Q-{code}")
    release_lot(db, SYSTEM, lot_id)
    return lot_id


def customer(db: Database, code: str = "C001") -> int:
    return register_customer(db, SYSTEM, code=code, name="兰州东部批发市场 3 号摊",
                             kind="wholesale", phone="0931-8888888")


def test_partial_then_full_shipment(coop: Database) -> None:
    lot_id = released_lot(coop)
    buyer = customer(coop)
    [serial] = print_labels(coop, SYSTEM, lot_id=lot_id, count=1)
    first = record_shipment(coop, SYSTEM, code="S001", customer_id=buyer,
                            shipped_on=days_ago(2), vehicle="甘H12345",
                            lines=[LineInput(lot_id, "30.5", "6.80", package_id=serial)])
    lot = load(coop, Lot, lot_id)
    assert lot.status == LotStatus.RELEASED
    with coop.read() as session:
        assert lot_available(session, lot) == Decimal("69.5")
        line = session.execute(select(ShipmentLine.lot_id, ShipmentLine.quantity,
                                      ShipmentLine.unit_price, ShipmentLine.package_id)).one()
    assert tuple(line) == (lot_id, Decimal("30.5"), Decimal("6.80"), serial)
    assert load(coop, Shipment, first).shipped_on == days_ago(2)
    record_shipment(coop, SYSTEM, code="S002", customer_id=buyer, shipped_on=TODAY,
                    lines=[LineInput(lot_id, "69.5")])
    assert load(coop, Lot, lot_id).status == LotStatus.SHIPPED
    assert audit_ok(coop)


def test_cold_chain_temperatures_keep_the_audit_trail_verifiable(coop: Database) -> None:
    lot_id = released_lot(coop)
    shipment_id = record_shipment(coop, SYSTEM, code="S001", customer_id=customer(coop),
                                  shipped_on=TODAY, lines=[LineInput(lot_id, "10")])
    start = load(coop, Shipment, shipment_id).created_at
    readings = [(start + dt.timedelta(minutes=15 * step), 2.5 + step / 10) for step in range(4)]
    before = audit_count(coop)
    assert add_temperatures(coop, SYSTEM, shipment_id, readings) == 4
    with coop.read() as session:
        stored = session.execute(select(ShipmentTemperature.recorded_at,
                                        ShipmentTemperature.celsius)
                                 .order_by(ShipmentTemperature.recorded_at)).all()
    assert [tuple(row) for row in stored] == readings
    assert audit_count(coop) == before + 1
    assert audit_ok(coop)


def test_shipment_of_a_lot_not_released_is_refused(coop: Database) -> None:
    _, lot_id = harvested_lot(coop)
    passing_test(coop, lot_id, "Q-1")  # passed, but nobody released it
    buyer = customer(coop)
    before = counts(coop, *SALE_TABLES)
    with pytest.raises(RuleViolation) as caught:
        record_shipment(coop, SYSTEM, code="S001", customer_id=buyer, shipped_on=TODAY,
                        lines=[LineInput(lot_id, "10")])
    assert caught.value.code == "shipment.lot_not_released"
    assert str(caught.value) == "Lot L001 is open; only released lots can be shipped."
    nothing_new(coop, before)


def test_shipment_of_more_than_is_left_is_refused(coop: Database) -> None:
    lot_id = released_lot(coop)
    buyer = customer(coop)
    record_shipment(coop, SYSTEM, code="S001", customer_id=buyer, shipped_on=TODAY,
                    lines=[LineInput(lot_id, "60")])
    before = counts(coop, *SALE_TABLES)
    with pytest.raises(RuleViolation) as caught:
        record_shipment(coop, SYSTEM, code="S002", customer_id=buyer, shipped_on=TODAY,
                        lines=[LineInput(lot_id, "40.001")])
    error = caught.value
    assert error.code == "mass_balance.source_exhausted"
    assert (error.params["available"], error.params["requested"]) == (
        Decimal(40), Decimal("40.001"))
    nothing_new(coop, before)
    # Two lines of one lot count together.
    with pytest.raises(RuleViolation) as caught:
        record_shipment(coop, SYSTEM, code="S002", customer_id=buyer, shipped_on=TODAY,
                        lines=[LineInput(lot_id, "25"), LineInput(lot_id, "25")])
    assert caught.value.code == "mass_balance.source_exhausted"
    nothing_new(coop, before)
    assert load(coop, Lot, lot_id).status == LotStatus.RELEASED


def test_a_shipped_lot_cannot_be_shipped_again(coop: Database) -> None:
    lot_id = released_lot(coop, quantity="10")
    buyer = customer(coop)
    record_shipment(coop, SYSTEM, code="S001", customer_id=buyer, shipped_on=TODAY,
                    lines=[LineInput(lot_id, "10")])
    with pytest.raises(RuleViolation) as caught:
        record_shipment(coop, SYSTEM, code="S002", customer_id=buyer, shipped_on=TODAY,
                        lines=[LineInput(lot_id, "1")])
    assert caught.value.code == "shipment.lot_not_released"
    assert caught.value.params["status"] == "shipped"


def test_one_bad_line_refuses_the_whole_shipment(coop: Database) -> None:
    product_id = make_product(coop)
    good = released_lot(coop, "L001", product_id=product_id)
    _, unreleased = harvested_lot(coop, "L002", product_id=product_id, batch="B002",
                                  plot="P002", member="M002")
    buyer = customer(coop)
    before = counts(coop, *SALE_TABLES)
    with pytest.raises(RuleViolation):
        record_shipment(coop, SYSTEM, code="S001", customer_id=buyer, shipped_on=TODAY,
                        lines=[LineInput(good, "100"), LineInput(unreleased, "5")])
    nothing_new(coop, before)
    assert load(coop, Lot, good).status == LotStatus.RELEASED


def test_bad_shipment_values(coop: Database) -> None:
    lot_id = released_lot(coop)
    buyer = customer(coop)
    before = counts(coop, *SALE_TABLES)
    cases: list[tuple[dict[str, object], str, str | None]] = [
        ({"lines": []}, "value.required", "lines"),
        ({"shipped_on": days_ago(-1)}, "date.future", "shipped_on"),
        ({"lines": [LineInput(lot_id, "-1")]}, "value.not_positive", "quantity"),
        ({"lines": [LineInput(lot_id, "1", "-2")]}, "value.negative", "unit_price"),
        ({"customer_id": 999}, "not_found", "customer_id"),
    ]
    for change, code, field in cases:
        values: dict[str, object] = {"code": "S001", "customer_id": buyer,
                                     "shipped_on": TODAY, "lines": [LineInput(lot_id, "1")],
                                     **change}
        with pytest.raises(ValidationError) as caught:
            record_shipment(coop, SYSTEM, **values)  # type: ignore[arg-type]
        assert (caught.value.code, caught.value.field) == (code, field), change
    nothing_new(coop, before)
    with pytest.raises(ValidationError) as caught:
        customer(coop, "C001")
    assert caught.value.code == "duplicate"
    assert counts(coop, Customer)[Customer] == 1
