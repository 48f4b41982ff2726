"""Trace: from a lot code, label serial, ear tag or input lot, everything backward (where it
came from) and forward (where it went), as one structured result.

Lot graphs are walked with recursive SQL (one query each way); the records hanging off the
lots are then fetched with one query per kind, never one per lot.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from coop_desktop.domain.errors import NotFoundError, ValidationError
from coop_desktop.domain.models import (
    Animal,
    AnimalEvent,
    Certification,
    Customer,
    FieldActivity,
    Harvest,
    Lot,
    LotLink,
    LotSource,
    Member,
    MemberDelivery,
    Package,
    PlantingBatch,
    Plot,
    Product,
    QualityRecord,
    Shipment,
    ShipmentLine,
    Transformation,
    certification_members,
    certification_plots,
    certification_products,
)
from coop_desktop.services.lookup import Kind, identify_in
from coop_desktop.services.permissions import Actor
from coop_desktop.services.work import reading
from coop_desktop.storage.database import Database

_CHUNK = 900  # stay below SQLite's bound-parameter limit


@dataclass(frozen=True)
class LotNode:
    code: str
    product: str
    quantity: Decimal
    unit: str
    status: str
    harvest_date: dt.date | None
    pack_date: dt.date | None
    direction: str  # "origin", "backward" or "forward"


@dataclass(frozen=True)
class LotEdge:
    parent: str
    child: str
    quantity: Decimal
    kind: str
    occurred_on: dt.date


@dataclass
class TraceResult:
    query: str
    matched: str  # "lot", "label", "ear_tag", "input_lot"
    origin: list[str]
    lots: list[LotNode] = field(default_factory=list)
    edges: list[LotEdge] = field(default_factory=list)
    harvests: list[dict[str, Any]] = field(default_factory=list)
    deliveries: list[dict[str, Any]] = field(default_factory=list)
    batches: list[dict[str, Any]] = field(default_factory=list)
    plots: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    inputs: list[dict[str, Any]] = field(default_factory=list)
    animals: list[dict[str, Any]] = field(default_factory=list)
    animal_events: list[dict[str, Any]] = field(default_factory=list)
    quality: list[dict[str, Any]] = field(default_factory=list)
    certifications: list[dict[str, Any]] = field(default_factory=list)
    packages: list[dict[str, Any]] = field(default_factory=list)
    shipments: list[dict[str, Any]] = field(default_factory=list)
    customers: list[dict[str, Any]] = field(default_factory=list)
    elapsed_ms: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        plain: dict[str, Any] = _jsonable(asdict(self))
        return plain


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(getattr(value, "value", None), str):
        return value.value
    return value


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    items = sorted(set(ids))
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def _in(session: Session, query_for: Any, ids: Iterable[int]) -> list[Any]:
    rows: list[Any] = []
    for chunk in _chunks(ids):
        rows.extend(session.execute(query_for(chunk)).all())
    return rows


# --- resolving the code -------------------------------------------------------------------

# What trace follows; batch, plot, member and shipment codes are left to the record pages.
TRACEABLE: frozenset[Kind] = frozenset({"lot", "label", "animal", "input_lot", "seed_lot"})


def _resolve(session: Session, code: str) -> tuple[str, set[int], dict[str, Any]]:
    """What the code names, by the one resolver every scan and search uses
    (``services.lookup``): a label's contents name the label, otherwise a lot code, an ear
    tag or electronic ID, an input's or a seed's lot, and last a label serial typed as digits
    (pesticide lot numbers are often all digits too, and a recall by input lot must not be
    mistaken)."""
    if not code.strip():
        raise ValidationError("value.required", field="code")
    match = identify_in(session, code, TRACEABLE)
    if match is None:
        raise NotFoundError("trace.not_found", value=code)
    if match.kind == "lot":
        return "lot", {match.record_id}, {}
    if match.kind == "label" and match.lot_id is not None:
        return "label", {match.lot_id}, {"serial": match.serial}
    if match.kind == "animal":
        lots = set(session.execute(select(LotSource.lot_id)
                                   .where(LotSource.animal_id == match.record_id)).scalars())
        return "ear_tag", lots, {"animal_id": match.record_id}
    # An input's lot or a seed lot: every batch and animal that received it.
    batch_ids = set(session.execute(select(FieldActivity.batch_id)
                                    .where(FieldActivity.input_lot == match.code)).scalars())
    batch_ids |= set(session.execute(select(PlantingBatch.id)
                                     .where(PlantingBatch.seed_lot == match.code)).scalars())
    treated = set(session.execute(select(AnimalEvent.animal_id)
                                  .where(AnimalEvent.product_lot == match.code)).scalars())
    lots = set(session.execute(
        select(LotSource.lot_id)
        .outerjoin(Harvest, Harvest.id == LotSource.harvest_id)
        .outerjoin(MemberDelivery, MemberDelivery.id == LotSource.delivery_id)
        .where(or_(Harvest.batch_id.in_(batch_ids or {-1}),
                   MemberDelivery.batch_id.in_(batch_ids or {-1}),
                   LotSource.animal_id.in_(treated or {-1})))).scalars())
    return "input_lot", lots, {"batch_ids": batch_ids, "animal_ids": treated}


# --- walking the lot graph ----------------------------------------------------------------

def _walk(session: Session, start: set[int], backward: bool) -> set[int]:
    """Every lot reachable from ``start`` through lot links, one recursive query."""
    if not start:
        return set()
    found: set[int] = set()
    near, far = ((LotLink.child_lot_id, LotLink.parent_lot_id) if backward
                 else (LotLink.parent_lot_id, LotLink.child_lot_id))
    for chunk in _chunks(start):
        seed = select(far.label("lot_id")).where(near.in_(chunk))
        graph = seed.cte("graph", recursive=True)
        step = select(far).join(graph, near == graph.c.lot_id)
        graph = graph.union(step)
        found |= set(session.execute(select(graph.c.lot_id)).scalars())
    return found - start


def trace(db: Database, actor: Actor, code: str) -> TraceResult:
    began = time.perf_counter()
    with reading(db, actor) as session:
        result = _trace(session, code)
    result.elapsed_ms = round((time.perf_counter() - began) * 1000, 2)
    return result


def trace_in(session: Session, code: str) -> TraceResult:
    """The trace of ``code`` inside the caller's session (labels, recall)."""
    return _trace(session, code)


def _trace(session: Session, code: str) -> TraceResult:
    matched, origin_ids, extra = _resolve(session, code)
    backward_ids = _walk(session, origin_ids, backward=True)
    forward_ids = _walk(session, origin_ids, backward=False)
    all_ids = origin_ids | backward_ids | forward_ids
    upstream = origin_ids | backward_ids

    lots = {row.id: row for row in _in(session, lambda ids: (
        select(Lot.id, Lot.code, Product.name_zh, Lot.product_id, Lot.quantity, Lot.unit,
               Lot.status, Lot.harvest_date, Lot.pack_date)
        .join(Product, Product.id == Lot.product_id).where(Lot.id.in_(ids))), all_ids)}
    result = TraceResult(query=code, matched=matched,
                         origin=sorted(lots[lot_id].code for lot_id in origin_ids))
    for lot_id, row in sorted(lots.items(), key=lambda item: item[1].code):
        direction = ("origin" if lot_id in origin_ids else
                     "backward" if lot_id in backward_ids else "forward")
        result.lots.append(LotNode(row.code, row.name_zh, row.quantity, row.unit,
                                   row.status.value, row.harvest_date, row.pack_date,
                                   direction))
    for row in _in(session, lambda ids: (
            select(LotLink.parent_lot_id, LotLink.child_lot_id, LotLink.quantity,
                   Transformation.kind, Transformation.occurred_on)
            .join(Transformation, Transformation.id == LotLink.transformation_id)
            .where(LotLink.child_lot_id.in_(ids))), all_ids):
        if row.parent_lot_id in lots and row.child_lot_id in lots:
            result.edges.append(LotEdge(lots[row.parent_lot_id].code,
                                        lots[row.child_lot_id].code, row.quantity,
                                        row.kind.value, row.occurred_on))

    _backward(session, result, upstream, lots, extra)
    _forward(session, result, origin_ids | forward_ids, lots)
    _quality(session, result, all_ids, lots)
    _certifications(session, result, origin_ids, lots)
    return result


def _backward(session: Session, result: TraceResult, upstream: set[int],
              lots: dict[int, Any], extra: dict[str, Any]) -> None:
    sources = _in(session, lambda ids: select(
        LotSource.lot_id, LotSource.harvest_id, LotSource.delivery_id, LotSource.animal_id,
        LotSource.quantity).where(LotSource.lot_id.in_(ids)), upstream)
    harvest_ids = {row.harvest_id for row in sources if row.harvest_id}
    delivery_ids = {row.delivery_id for row in sources if row.delivery_id}
    animal_ids = {row.animal_id for row in sources if row.animal_id}
    # One source may feed several lots: report each (source, lot) pair.
    taken: dict[tuple[int | None, int | None, int | None], list[tuple[int, Decimal]]] = {}
    for row in sources:
        taken.setdefault((row.harvest_id, row.delivery_id, row.animal_id), []).append(
            (row.lot_id, row.quantity))

    batch_ids: set[int] = set(extra.get("batch_ids", set()))
    member_ids: set[int] = set()
    for row in _in(session, lambda ids: select(
            Harvest.id, Harvest.batch_id, Harvest.harvested_on, Harvest.quantity, Harvest.unit,
            Harvest.grade).where(Harvest.id.in_(ids)), harvest_ids):
        batch_ids.add(row.batch_id)
        for lot_id, quantity in taken[(row.id, None, None)]:
            result.harvests.append({"id": row.id, "batch_id": row.batch_id,
                                    "harvested_on": row.harvested_on, "quantity": row.quantity,
                                    "unit": row.unit, "grade": row.grade,
                                    "into_lot": lots[lot_id].code, "quantity_used": quantity})
    for row in _in(session, lambda ids: select(
            MemberDelivery.id, MemberDelivery.code, MemberDelivery.member_id,
            MemberDelivery.batch_id, MemberDelivery.delivered_on, MemberDelivery.quantity,
            MemberDelivery.unit, MemberDelivery.grade).where(MemberDelivery.id.in_(ids)),
            delivery_ids):
        member_ids.add(row.member_id)
        if row.batch_id:
            batch_ids.add(row.batch_id)
        for lot_id, quantity in taken[(None, row.id, None)]:
            result.deliveries.append({"code": row.code, "member_id": row.member_id,
                                      "batch_id": row.batch_id,
                                      "delivered_on": row.delivered_on,
                                      "quantity": row.quantity, "unit": row.unit,
                                      "grade": row.grade, "into_lot": lots[lot_id].code,
                                      "quantity_used": quantity})
    plot_ids: set[int] = set()
    for row in _in(session, lambda ids: select(
            PlantingBatch.id, PlantingBatch.code, PlantingBatch.plot_id, PlantingBatch.season,
            PlantingBatch.planted_on, PlantingBatch.seed_source, PlantingBatch.seed_lot,
            Product.name_zh).join(Product, Product.id == PlantingBatch.product_id)
            .where(PlantingBatch.id.in_(ids)), batch_ids):
        plot_ids.add(row.plot_id)
        result.batches.append({"id": row.id, "code": row.code, "plot_id": row.plot_id,
                               "product": row.name_zh, "season": row.season,
                               "planted_on": row.planted_on, "seed_source": row.seed_source,
                               "seed_lot": row.seed_lot})
    batch_codes = {batch["id"]: batch["code"] for batch in result.batches}
    for harvest in result.harvests:
        harvest["batch"] = batch_codes.get(harvest.pop("batch_id"))
    for row in _in(session, lambda ids: select(
            FieldActivity.batch_id, FieldActivity.kind, FieldActivity.performed_on,
            FieldActivity.input_name, FieldActivity.input_registration_no,
            FieldActivity.active_ingredient, FieldActivity.input_lot, FieldActivity.amount,
            FieldActivity.amount_unit, FieldActivity.phi_days, FieldActivity.operator)
            .where(FieldActivity.batch_id.in_(ids)), batch_ids):
        allowed = (row.performed_on + dt.timedelta(days=row.phi_days)
                   if row.phi_days is not None else None)
        result.inputs.append({"batch": batch_codes.get(row.batch_id), "kind": row.kind,
                              "performed_on": row.performed_on, "input": row.input_name,
                              "registration_no": row.input_registration_no,
                              "active_ingredient": row.active_ingredient,
                              "input_lot": row.input_lot, "amount": row.amount,
                              "amount_unit": row.amount_unit, "phi_days": row.phi_days,
                              "phi_ends": allowed, "operator": row.operator})
    result.inputs.sort(key=lambda item: (item["batch"] or "", item["performed_on"]))

    animal_ids |= set(extra.get("animal_ids", set()))
    if "animal_id" in extra:
        animal_ids.add(extra["animal_id"])
    for row in _in(session, lambda ids: select(
            Animal.id, Animal.ear_tag, Animal.eid, Animal.species, Animal.breed, Animal.sex,
            Animal.birth_date, Animal.owner_member_id, Animal.herd, Animal.status)
            .where(Animal.id.in_(ids)), animal_ids):
        member_ids.add(row.owner_member_id)
        result.animals.append({"id": row.id, "ear_tag": row.ear_tag, "eid": row.eid,
                               "species": row.species, "breed": row.breed, "sex": row.sex,
                               "birth_date": row.birth_date, "owner_id": row.owner_member_id,
                               "herd": row.herd, "status": row.status})
    tags = {animal["id"]: animal["ear_tag"] for animal in result.animals}
    for row in _in(session, lambda ids: select(
            AnimalEvent.animal_id, AnimalEvent.kind, AnimalEvent.occurred_on,
            AnimalEvent.product_name, AnimalEvent.product_lot, AnimalEvent.dose,
            AnimalEvent.withdrawal_days, AnimalEvent.weight_kg)
            .where(AnimalEvent.animal_id.in_(ids)).order_by(AnimalEvent.occurred_on), animal_ids):
        result.animal_events.append({"ear_tag": tags.get(row.animal_id), "kind": row.kind,
                                     "occurred_on": row.occurred_on,
                                     "product": row.product_name, "product_lot": row.product_lot,
                                     "dose": row.dose, "withdrawal_days": row.withdrawal_days,
                                     "weight_kg": row.weight_kg})

    for row in _in(session, lambda ids: select(
            Plot.id, Plot.code, Plot.member_id, Plot.village, Plot.area_mu, Plot.land_type,
            Plot.in_gi_area).where(Plot.id.in_(ids)), plot_ids):
        member_ids.add(row.member_id)
        result.plots.append({"id": row.id, "code": row.code, "member_id": row.member_id,
                             "village": row.village, "area_mu": row.area_mu,
                             "land_type": row.land_type, "in_gi_area": row.in_gi_area})
    for batch in result.batches:
        batch["plot"] = next((plot["code"] for plot in result.plots
                              if plot["id"] == batch["plot_id"]), None)
    # Members appear by code, name and village only: no ID number, phone or poverty status.
    for row in _in(session, lambda ids: select(
            Member.id, Member.code, Member.name, Member.township, Member.village)
            .where(Member.id.in_(ids)), member_ids):
        result.members.append({"id": row.id, "code": row.code, "name": row.name,
                               "township": row.township, "village": row.village})
    codes = {member["id"]: member["code"] for member in result.members}
    for item in result.plots:
        item["member"] = codes.get(item["member_id"])
    for item in result.deliveries:
        item["member"] = codes.get(item["member_id"])
    for item in result.animals:
        item["owner"] = codes.get(item["owner_id"])
    for collection in (result.harvests, result.deliveries, result.batches, result.plots,
                       result.members, result.animals):
        collection.sort(key=lambda item: str(item.get("code") or item.get("ear_tag")
                                             or item.get("id")))


def _forward(session: Session, result: TraceResult, downstream: set[int],
             lots: dict[int, Any]) -> None:
    for row in _in(session, lambda ids: select(
            Package.lot_id, Package.serial, Package.net_weight, Package.unit, Package.status,
            Package.printed_at).where(Package.lot_id.in_(ids)).order_by(Package.serial),
            downstream):
        result.packages.append({"serial": row.serial, "lot": lots[row.lot_id].code,
                                "net_weight": row.net_weight, "unit": row.unit,
                                "status": row.status, "printed_at": row.printed_at})
    customer_ids: set[int] = set()
    for row in _in(session, lambda ids: select(
            Shipment.code, Shipment.shipped_on, Shipment.vehicle, Shipment.customer_id,
            ShipmentLine.lot_id, ShipmentLine.quantity, ShipmentLine.unit_price,
            Customer.name, Customer.kind)
            .join(Shipment, Shipment.id == ShipmentLine.shipment_id)
            .join(Customer, Customer.id == Shipment.customer_id)
            .where(ShipmentLine.lot_id.in_(ids)), downstream):
        customer_ids.add(row.customer_id)
        result.shipments.append({"code": row.code, "shipped_on": row.shipped_on,
                                 "vehicle": row.vehicle, "lot": lots[row.lot_id].code,
                                 "quantity": row.quantity, "unit": lots[row.lot_id].unit,
                                 "unit_price": row.unit_price, "customer": row.name,
                                 "customer_kind": row.kind})
    result.shipments.sort(key=lambda item: (item["shipped_on"], item["code"], item["lot"]))
    totals: dict[int, Decimal] = {}
    for row in _in(session, lambda ids: select(
            Shipment.customer_id, func.sum(ShipmentLine.quantity))
            .join(Shipment, Shipment.id == ShipmentLine.shipment_id)
            .where(ShipmentLine.lot_id.in_(ids)).group_by(Shipment.customer_id), downstream):
        totals[row[0]] = totals.get(row[0], Decimal(0)) + Decimal(row[1])
    for row in _in(session, lambda ids: select(
            Customer.id, Customer.code, Customer.name, Customer.kind, Customer.contact,
            Customer.phone, Customer.address).where(Customer.id.in_(ids)), customer_ids):
        result.customers.append({"code": row.code, "name": row.name, "kind": row.kind,
                                 "contact": row.contact, "phone": row.phone,
                                 "address": row.address, "quantity": totals.get(row.id)})
    result.customers.sort(key=lambda item: item["code"])


def _quality(session: Session, result: TraceResult, lot_ids: set[int],
             lots: dict[int, Any]) -> None:
    batch_ids = {batch["id"] for batch in result.batches}
    records = _in(session, lambda ids: select(
        QualityRecord.code, QualityRecord.lot_id, QualityRecord.batch_id, QualityRecord.kind,
        QualityRecord.tested_on, QualityRecord.result, QualityRecord.laboratory,
        QualityRecord.report_number).where(QualityRecord.lot_id.in_(ids)), lot_ids)
    records += _in(session, lambda ids: select(
        QualityRecord.code, QualityRecord.lot_id, QualityRecord.batch_id, QualityRecord.kind,
        QualityRecord.tested_on, QualityRecord.result, QualityRecord.laboratory,
        QualityRecord.report_number).where(QualityRecord.batch_id.in_(ids)), batch_ids)
    batch_codes = {batch["id"]: batch["code"] for batch in result.batches}
    for row in sorted({row.code: row for row in records}.values(), key=lambda row: row.code):
        result.quality.append({"code": row.code,
                               "lot": lots[row.lot_id].code if row.lot_id in lots else None,
                               "batch": batch_codes.get(row.batch_id), "kind": row.kind,
                               "tested_on": row.tested_on, "result": row.result,
                               "laboratory": row.laboratory,
                               "report_number": row.report_number})


def _certifications(session: Session, result: TraceResult, origin_ids: set[int],
                    lots: dict[int, Any]) -> None:
    """Certificates valid when the origin lots were packed (or harvested) that cover their
    product, one of their plots or one of their members."""
    days = [lots[lot_id].pack_date or lots[lot_id].harvest_date for lot_id in origin_ids]
    days = [day for day in days if day is not None]
    if not days:
        return
    product_ids = {lots[lot_id].product_id for lot_id in origin_ids}
    plot_ids = {plot["id"] for plot in result.plots}
    member_ids = {member["id"] for member in result.members}
    in_scope = or_(
        Certification.id.in_(select(certification_products.c.certification_id).where(
            certification_products.c.product_id.in_(product_ids or {-1}))),
        Certification.id.in_(select(certification_plots.c.certification_id).where(
            certification_plots.c.plot_id.in_(plot_ids or {-1}))),
        Certification.id.in_(select(certification_members.c.certification_id).where(
            certification_members.c.member_id.in_(member_ids or {-1}))),
    )
    rows = session.execute(select(Certification).where(
        in_scope, Certification.valid_from <= max(days),
        Certification.valid_until >= min(days)).order_by(Certification.number)).scalars()
    for certification in rows:
        covered_plots = {plot.id for plot in certification.plots}
        result.certifications.append({
            "number": certification.number, "scheme": certification.scheme,
            "certifier": certification.certifier, "valid_from": certification.valid_from,
            "valid_until": certification.valid_until,
            "covers_product": bool(product_ids & {p.id for p in certification.products}),
            "covers_all_plots": bool(plot_ids) and plot_ids <= covered_plots,
        })
