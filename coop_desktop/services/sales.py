"""Customers, shipments of released lots, and cold-chain temperatures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.models import (
    Customer,
    CustomerKind,
    Lot,
    LotStatus,
    Package,
    Shipment,
    ShipmentLine,
    ShipmentTemperature,
)
from coop_desktop.services.audit import record_audit, snapshot
from coop_desktop.services.lots import lot_available
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.work import (
    choice,
    ensure_unique,
    non_negative,
    past_date,
    positive_quantity,
    required_text,
    unit_of_work,
)
from coop_desktop.storage.database import Database


def register_customer(db: Database, actor: Actor, *, code: str, name: str,
                      kind: CustomerKind | str, contact: str = "", phone: str = "",
                      address: str = "") -> int:
    with unit_of_work(db, actor, Permission.MANAGE_SALES) as work:
        customer = Customer(cooperative_id=work.cooperative().id, code=normalize_code(code),
                            name=required_text(name, "name"),
                            kind=choice(CustomerKind, "kind")(kind), contact=contact,
                            phone=phone, address=address)
        ensure_unique(work.session, Customer, "code", customer.code, "customer")
        work.session.add(customer)
        work.audit("create", customer)
        return customer.id


@dataclass(frozen=True)
class LineInput:
    lot_id: int
    quantity: Decimal | str | float
    unit_price: Decimal | str | float | None = None
    package_id: int | None = None


def record_shipment(db: Database, actor: Actor, *, code: str, customer_id: int,
                    shipped_on: dt.date | str, lines: Sequence[LineInput], vehicle: str = "",
                    driver: str = "", notes: str = "") -> int:
    """Ship released lots; a lot gives at most what is left of it, and is marked shipped when
    nothing is left."""
    if not lines:
        raise ValidationError("value.required", field="lines")
    with unit_of_work(db, actor, Permission.MANAGE_SALES) as work:
        session = work.session
        if session.get(Customer, customer_id) is None:
            raise ValidationError("not_found", field="customer_id", entity="customer",
                                  value=customer_id)
        shipment = Shipment(code=normalize_code(code), customer_id=customer_id,
                            shipped_on=past_date(shipped_on, "shipped_on"), vehicle=vehicle,
                            driver=driver, notes=notes)
        ensure_unique(session, Shipment, "code", shipment.code, "shipment")
        session.add(shipment)
        session.flush()
        touched: dict[int, tuple[Lot, dict[str, object]]] = {}
        for line in lines:
            lot = session.get(Lot, line.lot_id, with_for_update=True)
            if lot is None:
                raise ValidationError("not_found", field="lot_id", entity="lot",
                                      value=line.lot_id)
            if lot.status != LotStatus.RELEASED:
                raise RuleViolation("shipment.lot_not_released", code=lot.code,
                                    status=lot.status.value)
            amount = positive_quantity(line.quantity, "quantity")
            available = lot_available(session, lot)
            if amount > available:
                raise RuleViolation("mass_balance.source_exhausted", source=lot.code,
                                    available=available, requested=amount, unit=lot.unit)
            if line.package_id is not None and session.get(Package, line.package_id) is None:
                raise ValidationError("not_found", field="package_id", entity="label",
                                      value=line.package_id)
            session.add(ShipmentLine(
                shipment_id=shipment.id, lot_id=lot.id, package_id=line.package_id,
                quantity=amount,
                unit_price=(non_negative(line.unit_price, "unit_price")
                            if line.unit_price is not None else None)))
            session.flush()
            touched.setdefault(lot.id, (lot, snapshot(lot)))
        work.audit("create", shipment)
        for lot, before in touched.values():
            if lot_available(session, lot) <= 0:
                lot.status = LotStatus.SHIPPED
                work.audit("shipped", lot, before, reason=shipment.code)
        return shipment.id


def add_temperatures(db: Database, actor: Actor, shipment_id: int,
                     readings: Sequence[tuple[dt.datetime, float]]) -> int:
    """Store cold-chain readings; a reading already stored for the same moment is skipped,
    so loading the same logger file twice stores nothing twice. Returns how many were new."""
    with unit_of_work(db, actor, Permission.MANAGE_SALES) as work:
        shipment = work.session.get(Shipment, shipment_id)
        if shipment is None:
            raise ValidationError("not_found", field="shipment_id", entity="shipment",
                                  value=shipment_id)
        known = set(work.session.execute(
            select(ShipmentTemperature.recorded_at)
            .where(ShipmentTemperature.shipment_id == shipment.id)).scalars())
        fresh: dict[dt.datetime, float] = {}
        for at, celsius in readings:
            if at not in known:
                fresh.setdefault(at, float(celsius))
        work.session.add_all([ShipmentTemperature(shipment_id=shipment.id, recorded_at=at,
                                                  celsius=celsius)
                              for at, celsius in fresh.items()])
        record_audit(work.session, actor, "add_temperatures", entity="shipment_temperatures",
                     entity_id=shipment.id, entity_code=shipment.code,
                     after={"count": len(fresh), "skipped": len(readings) - len(fresh)})
        return len(fresh)
