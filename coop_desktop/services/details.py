"""The story of one record, for the detail panes, and the figures the home page charts.

Every function reads in one session and returns plain frozen dataclasses: no ORM object
leaves the session. Values from closed lists stay enum members; the GUI names them.
Personal data a pane does not need (ID number, phone, account, poverty status) is never read.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, case, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

from coop_desktop.domain.errors import NotFoundError
from coop_desktop.domain.models import (
    ActivityKind,
    Animal,
    AnimalEvent,
    AnimalEventKind,
    AnimalStatus,
    BatchStatus,
    Certification,
    CertStatus,
    CustomerKind,
    FieldActivity,
    Harvest,
    LandType,
    Lot,
    LotLink,
    LotSource,
    LotStatus,
    Member,
    MemberDelivery,
    Package,
    PackageStatus,
    PlantingBatch,
    Plot,
    PlotCertificationStatus,
    Product,
    QualityKind,
    QualityResult,
    Scheme,
    Sensor,
    Sex,
    Shipment,
    ShipmentLine,
    ShipmentTemperature,
    Species,
    TransformationKind,
    certification_plots,
)
from coop_desktop.domain.models.base import QUANTITY
from coop_desktop.domain.rules import blocking_application, waiting_ends
from coop_desktop.services.cold_chain import CHILLED, Excursion, find_excursions
from coop_desktop.services.livestock import animal_applications
from coop_desktop.services.lots import lot_available
from coop_desktop.services.permissions import Actor
from coop_desktop.services.production import batch_applications
from coop_desktop.services.trace import TraceResult, trace
from coop_desktop.services.work import reading
from coop_desktop.storage.database import Database

_CHUNK = 900  # stay below SQLite's bound-parameter limit
GRAMS = Decimal("0.001")  # average daily gain, kg per day to the gram
FEN = Decimal("0.01")  # money, to the fen
#: The labels a lot story lists one by one; the rest are counted.
LABELS_LISTED = 200


def _get(session: Session, model: type[Any], record_id: int, entity: str) -> Any:
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError("not_found", entity=entity, field="id", value=record_id)
    return record


def _chunks(items: Iterable[Any]) -> Iterable[list[Any]]:
    values = sorted(set(items))
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def money(quantity: Decimal, unit_price: Decimal | None) -> Decimal | None:
    """What a quantity at a unit price comes to, to the fen (half up)."""
    if unit_price is None:
        return None
    return (quantity * unit_price).quantize(FEN, rounding=ROUND_HALF_UP)


def raw(column: Any) -> Any:
    """A scaled-integer column as its integers: sums stay exact on both databases, and the
    result is read back through ``type_coerce(…, QUANTITY)``."""
    return type_coerce(column, BigInteger)


# --- lots -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class LotFacts:
    id: int
    code: str
    product_code: str
    product_name: str
    quantity: Decimal
    available: Decimal  # what is left after splits, merges, processing and shipments
    unit: str
    grade: str
    harvest_date: dt.date | None
    pack_date: dt.date | None
    best_before: dt.date | None
    status: LotStatus
    notes: str


@dataclass(frozen=True)
class SourceLine:
    """Where a first-generation lot came from."""

    kind: str  # "harvest", "delivery" or "animal"
    reference: str  # the planting batch, the delivery code or the ear tag
    on: dt.date | None
    quantity: Decimal  # what of it went into the lot
    unit: str
    member: str  # the household's code and name
    plot: str  # the plot code of a harvest or a delivery from a batch, else ""


@dataclass(frozen=True)
class LinkLine:
    """A parent or a child of the lot, and how much moved between them."""

    code: str
    kind: TransformationKind
    occurred_on: dt.date
    quantity: Decimal


@dataclass(frozen=True)
class QualityLine:
    code: str
    kind: QualityKind
    tested_on: dt.date
    result: QualityResult
    laboratory: str
    report_number: str
    lot: str | None  # the lot tested, or None for a sample of a planting batch
    batch: str | None


@dataclass(frozen=True)
class LabelLine:
    serial: int
    net_weight: Decimal | None
    unit: str
    status: PackageStatus
    printed_at: dt.datetime


@dataclass(frozen=True)
class LabelSummary:
    printed: int  # every label of the lot, voided ones included
    voided: int
    net_total: Decimal  # net weight on the labels that stand
    listed: tuple[LabelLine, ...]  # the first ``LABELS_LISTED`` by serial


@dataclass(frozen=True)
class ShipmentInfo:
    code: str
    shipped_on: dt.date
    customer: str
    customer_kind: CustomerKind
    quantity: Decimal
    unit_price: Decimal | None
    amount: Decimal | None


@dataclass(frozen=True)
class GraphNode:
    """A box in the trace graph: a lot, a source of lots or a customer."""

    key: str  # unique in the graph: "lot:CODE", "harvest:ID", "delivery:CODE", …
    kind: str  # "lot", "harvest", "delivery", "animal" or "customer"
    title: str  # lot code, planting batch, delivery code, ear tag, customer name
    subtitle: str  # product, household or kind of customer
    quantity: Decimal | None
    unit: str
    status: LotStatus | None  # lots only
    on: dt.date | None
    direction: str  # "origin", "backward", "forward", "source" or "customer"


@dataclass(frozen=True)
class GraphEdge:
    source: str  # node keys
    target: str
    quantity: Decimal
    kind: str  # "split", "merge", "process", "source" or "shipment"


@dataclass(frozen=True)
class TraceGraph:
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]

    def node(self, key: str) -> GraphNode:
        return next(node for node in self.nodes if node.key == key)


@dataclass(frozen=True)
class LotStory:
    lot: LotFacts
    sources: tuple[SourceLine, ...]
    parents: tuple[LinkLine, ...]
    children: tuple[LinkLine, ...]
    quality: tuple[QualityLine, ...]  # of this lot, the lots and the batches it came from
    labels: LabelSummary
    shipments: tuple[ShipmentInfo, ...]
    graph: TraceGraph
    members: int  # households behind the lot, all generations back
    customers: int  # customers it reached, all generations forward


def lot_story(db: Database, actor: Actor, lot_id: int) -> LotStory:
    """A lot, where it came from and where it went: its own fields, its direct sources,
    parents and children, quality records, labels and shipments, and the whole trace as a
    graph (``services.trace`` walks it)."""
    with reading(db, actor) as session:
        lot = _get(session, Lot, lot_id, "lot")
        facts = LotFacts(lot.id, lot.code, lot.product.code, lot.product.name_zh, lot.quantity,
                         lot_available(session, lot), lot.unit, lot.grade, lot.harvest_date,
                         lot.pack_date, lot.best_before, lot.status, lot.notes)
        sources = _direct_sources(session, lot.id, lot.unit)
        labels = _labels(session, lot.id)
    traced = trace(db, actor, facts.code)
    with reading(db, actor) as session:
        animal_edges = _animal_sources(session, [node.code for node in traced.lots
                                                 if node.direction != "forward"])
    code = facts.code
    upstream = {node.code for node in traced.lots if node.direction != "forward"}
    edges = sorted(traced.edges, key=lambda edge: (edge.occurred_on, edge.parent, edge.child))
    parents = tuple(LinkLine(edge.parent, TransformationKind(edge.kind), edge.occurred_on,
                             edge.quantity) for edge in edges if edge.child == code)
    children = tuple(LinkLine(edge.child, TransformationKind(edge.kind), edge.occurred_on,
                              edge.quantity) for edge in edges if edge.parent == code)
    quality = tuple(
        QualityLine(item["code"], QualityKind(item["kind"]), item["tested_on"],
                    QualityResult(item["result"]), item["laboratory"] or "",
                    item["report_number"] or "", item["lot"], item["batch"])
        for item in sorted(traced.quality, key=lambda item: (item["tested_on"], item["code"]))
        if item["lot"] in upstream or item["lot"] is None)
    shipments = tuple(
        ShipmentInfo(item["code"], item["shipped_on"], item["customer"],
                     CustomerKind(item["customer_kind"]), item["quantity"], item["unit_price"],
                     money(item["quantity"], item["unit_price"]))
        for item in traced.shipments if item["lot"] == code)
    return LotStory(facts, sources, parents, children, quality, labels, shipments,
                    trace_graph(traced, animal_edges), len(traced.members),
                    len(traced.customers))


def _direct_sources(session: Session, lot_id: int, unit: str) -> tuple[SourceLine, ...]:
    lines: list[SourceLine] = []
    for batch, plot, on, member, name, quantity in session.execute(
            select(PlantingBatch.code, Plot.code, Harvest.harvested_on, Member.code, Member.name,
                   LotSource.quantity)
            .join(Harvest, Harvest.id == LotSource.harvest_id)
            .join(PlantingBatch, PlantingBatch.id == Harvest.batch_id)
            .join(Plot, Plot.id == PlantingBatch.plot_id)
            .join(Member, Member.id == Plot.member_id)
            .where(LotSource.lot_id == lot_id)
            .order_by(Harvest.harvested_on, PlantingBatch.code)):
        lines.append(SourceLine("harvest", batch, on, quantity, unit, f"{member} {name}", plot))
    for code, on, member, name, plot, quantity in session.execute(
            select(MemberDelivery.code, MemberDelivery.delivered_on, Member.code, Member.name,
                   Plot.code, LotSource.quantity)
            .join(MemberDelivery, MemberDelivery.id == LotSource.delivery_id)
            .join(Member, Member.id == MemberDelivery.member_id)
            .outerjoin(PlantingBatch, PlantingBatch.id == MemberDelivery.batch_id)
            .outerjoin(Plot, Plot.id == PlantingBatch.plot_id)
            .where(LotSource.lot_id == lot_id)
            .order_by(MemberDelivery.delivered_on, MemberDelivery.code)):
        lines.append(SourceLine("delivery", code, on, quantity, unit, f"{member} {name}",
                                plot or ""))
    for tag, member, name, quantity in session.execute(
            select(Animal.ear_tag, Member.code, Member.name, LotSource.quantity)
            .join(Animal, Animal.id == LotSource.animal_id)
            .join(Member, Member.id == Animal.owner_member_id)
            .where(LotSource.lot_id == lot_id).order_by(Animal.ear_tag)):
        lines.append(SourceLine("animal", tag, None, quantity, unit, f"{member} {name}", ""))
    return tuple(lines)


def _labels(session: Session, lot_id: int) -> LabelSummary:
    voided = Package.status == PackageStatus.VOIDED
    printed, voids, net = session.execute(
        select(func.count(Package.id), func.count(case((voided, 1))),
               type_coerce(func.coalesce(func.sum(case(
                   (voided, 0), else_=raw(Package.net_weight))), 0),
                   QUANTITY))
        .where(Package.lot_id == lot_id)).one()
    listed = tuple(LabelLine(serial, weight, unit, status, printed_at)
                   for serial, weight, unit, status, printed_at in session.execute(
                       select(Package.serial, Package.net_weight, Package.unit,
                              Package.status, Package.printed_at)
                       .where(Package.lot_id == lot_id).order_by(Package.serial)
                       .limit(LABELS_LISTED)))
    return LabelSummary(int(printed), int(voids), Decimal(net), listed)


def _animal_sources(session: Session, lot_codes: list[str]) -> list[tuple[str, str, str,
                                                                          Decimal]]:
    """(ear tag, owner, lot code, quantity) for every animal behind the given lots: the
    trace lists the animals but not which lot each went into."""
    found: list[tuple[str, str, str, Decimal]] = []
    for chunk in _chunks(lot_codes):
        for tag, owner, code, quantity in session.execute(
                select(Animal.ear_tag, Member.code, Lot.code, LotSource.quantity)
                .join(Animal, Animal.id == LotSource.animal_id)
                .join(Member, Member.id == Animal.owner_member_id)
                .join(Lot, Lot.id == LotSource.lot_id)
                .where(Lot.code.in_(chunk))):
            found.append((tag, owner, code, quantity))
    return sorted(found)


def trace_graph(traced: TraceResult,
                animal_sources: Iterable[tuple[str, str, str, Decimal]] = ()) -> TraceGraph:
    """The trace as boxes and arrows: lots linked by splits, merges and processing; harvests,
    deliveries and animals into the first lots; lots to the customers they were shipped to."""
    nodes: dict[str, GraphNode] = {}
    edges: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    units: dict[str, str] = {}
    for lot in traced.lots:
        units[lot.code] = lot.unit
        nodes[f"lot:{lot.code}"] = GraphNode(
            f"lot:{lot.code}", "lot", lot.code, lot.product, lot.quantity, lot.unit,
            LotStatus(lot.status), lot.pack_date or lot.harvest_date, lot.direction)
    for edge in traced.edges:
        edges[(f"lot:{edge.parent}", f"lot:{edge.child}", edge.kind)] += edge.quantity
    plots_of_batch = {batch["code"]: batch.get("plot") or "" for batch in traced.batches}
    for harvest in traced.harvests:
        key = f"harvest:{harvest['id']}"
        batch = str(harvest.get("batch") or "")
        nodes.setdefault(key, GraphNode(key, "harvest", batch, plots_of_batch.get(batch, ""),
                                        harvest["quantity"], harvest["unit"], None,
                                        harvest["harvested_on"], "source"))
        edges[(key, f"lot:{harvest['into_lot']}", "source")] += harvest["quantity_used"]
    for delivery in traced.deliveries:
        key = f"delivery:{delivery['code']}"
        nodes.setdefault(key, GraphNode(key, "delivery", delivery["code"],
                                        str(delivery.get("member") or ""),
                                        delivery["quantity"], delivery["unit"], None,
                                        delivery["delivered_on"], "source"))
        edges[(key, f"lot:{delivery['into_lot']}", "source")] += delivery["quantity_used"]
    for tag, owner, lot_code, quantity in animal_sources:
        key = f"animal:{tag}"
        if f"lot:{lot_code}" not in nodes:
            continue
        nodes.setdefault(key, GraphNode(key, "animal", tag, owner, None, "", None, None,
                                        "source"))
        edges[(key, f"lot:{lot_code}", "source")] += quantity
    kinds = {customer["name"]: customer["kind"] for customer in traced.customers}
    for shipment in traced.shipments:
        key = f"customer:{shipment['customer']}"
        nodes.setdefault(key, GraphNode(
            key, "customer", shipment["customer"],
            str(getattr(kinds.get(shipment["customer"]), "value", "")), None,
            units.get(shipment["lot"], ""), None, None, "customer"))
        edges[(f"lot:{shipment['lot']}", key, "shipment")] += shipment["quantity"]
    for key, node in list(nodes.items()):
        if node.kind == "customer":
            total = sum((quantity for (_, target, _), quantity in edges.items()
                         if target == key), Decimal(0))
            nodes[key] = GraphNode(node.key, node.kind, node.title, node.subtitle, total,
                                   node.unit, None, None, node.direction)
    return TraceGraph(tuple(nodes.values()),
                      tuple(GraphEdge(source, target, quantity, kind)
                            for (source, target, kind), quantity in sorted(edges.items())))


# --- animals --------------------------------------------------------------------------------

@dataclass(frozen=True)
class AnimalFacts:
    id: int
    ear_tag: str
    eid: str | None
    species: Species
    breed: str
    sex: Sex
    birth_date: dt.date | None
    owner: str  # the household's code and name
    herd: str
    status: AnimalStatus
    dam: str | None  # ear tags
    sire: str | None


@dataclass(frozen=True)
class EventLine:
    occurred_on: dt.date
    kind: AnimalEventKind
    weight_kg: Decimal | None
    product_name: str | None  # drug or vaccine
    product_lot: str | None
    dose: str | None
    withdrawal_days: int | None
    withdrawal_ends: dt.date | None  # the first day slaughter is allowed again
    withdrawal_running: bool  # the period runs today
    from_place: str | None
    to_place: str | None
    counterparty: str | None
    operator: str
    notes: str


@dataclass(frozen=True)
class WeightPoint:
    on: dt.date
    kg: Decimal


@dataclass(frozen=True)
class AnimalStory:
    animal: AnimalFacts
    events: tuple[EventLine, ...]  # in date order
    weights: tuple[WeightPoint, ...]  # one a day, in date order
    adg_overall: Decimal | None  # kg a day from the first weighing to the last
    adg_recent: Decimal | None  # kg a day since the weighing before the last
    withdrawal_until: dt.date | None  # while a withdrawal period runs: when it ends
    withdrawal_drug: str | None


def daily_gain(first: WeightPoint, last: WeightPoint) -> Decimal | None:
    """Average daily gain between two weighings, kg a day to the gram (half up)."""
    days = (last.on - first.on).days
    if days <= 0:
        return None
    return ((last.kg - first.kg) / days).quantize(GRAMS, rounding=ROUND_HALF_UP)


def animal_story(db: Database, actor: Actor, animal_id: int,
                 today: dt.date | None = None) -> AnimalStory:
    """An animal's events in date order, its weighings and average daily gain, and the end
    of a withdrawal period that runs ``today``."""
    day = today or dt.date.today()
    with reading(db, actor) as session:
        animal = _get(session, Animal, animal_id, "animal")
        owner = session.execute(select(Member.code, Member.name)
                                .where(Member.id == animal.owner_member_id)).one()
        parents: dict[int | None, str] = {}
        for key, tag in session.execute(select(Animal.id, Animal.ear_tag).where(
                Animal.id.in_({animal.dam_id or -1, animal.sire_id or -1}))):
            parents[key] = tag
        facts = AnimalFacts(animal.id, animal.ear_tag, animal.eid, animal.species, animal.breed,
                            animal.sex, animal.birth_date, f"{owner.code} {owner.name}",
                            animal.herd, animal.status, parents.get(animal.dam_id),
                            parents.get(animal.sire_id))
        lines = []
        for event in session.execute(
                select(AnimalEvent).where(AnimalEvent.animal_id == animal.id)
                .order_by(AnimalEvent.occurred_on, AnimalEvent.id)).scalars():
            ends = (event.occurred_on + dt.timedelta(days=event.withdrawal_days)
                    if event.withdrawal_days is not None else None)
            lines.append(EventLine(
                event.occurred_on, event.kind, event.weight_kg, event.product_name,
                event.product_lot, event.dose, event.withdrawal_days, ends,
                ends is not None and event.occurred_on <= day < ends, event.from_place,
                event.to_place, event.counterparty, event.operator, event.notes))
        events = tuple(lines)
        blocking = blocking_application(animal_applications(session, animal.id), day)
    # Any event with a weight is a weighing (a purchase or a sale may carry one); the day's
    # last weight stands for the day.
    by_day = {event.occurred_on: event.weight_kg for event in events
              if event.weight_kg is not None}
    weights = tuple(WeightPoint(on, kg) for on, kg in sorted(by_day.items()))
    overall = daily_gain(weights[0], weights[-1]) if len(weights) >= 2 else None
    recent = daily_gain(weights[-2], weights[-1]) if len(weights) >= 2 else None
    return AnimalStory(facts, events, weights, overall, recent,
                       blocking.allowed_on if blocking else None,
                       blocking.name if blocking else None)


# --- planting batches -----------------------------------------------------------------------

@dataclass(frozen=True)
class BatchFacts:
    id: int
    code: str
    product_code: str
    product_name: str
    plot: str
    member: str  # the household's code and name
    season: str
    planted_on: dt.date
    area_mu: Decimal
    seed_source: str
    seed_lot: str
    status: BatchStatus


@dataclass(frozen=True)
class ActivityLine:
    performed_on: dt.date
    kind: ActivityKind
    operator: str
    input_name: str | None
    registration_no: str | None
    active_ingredient: str | None
    input_lot: str | None
    amount: Decimal | None
    amount_unit: str | None
    area_mu: Decimal | None
    phi_days: int | None
    phi_ends: dt.date | None  # the first day harvest is allowed after this input
    phi_running: bool  # the interval runs today
    notes: str


@dataclass(frozen=True)
class HarvestLine:
    kind: str  # "harvest" or "delivery" (a household's harvest brought to the co-op)
    code: str  # the delivery code; "" for a harvest
    on: dt.date
    quantity: Decimal
    unit: str
    grade: str
    into_lots: Decimal  # what of it went into lots


@dataclass(frozen=True)
class MadeLot:
    code: str
    status: LotStatus
    quantity: Decimal  # the lot's own quantity
    taken: Decimal  # what came from this batch
    unit: str
    pack_date: dt.date | None


@dataclass(frozen=True)
class BatchStory:
    batch: BatchFacts
    activities: tuple[ActivityLine, ...]  # in date order
    harvests: tuple[HarvestLine, ...]  # harvests and deliveries from the batch, in date order
    lots: tuple[MadeLot, ...]
    harvest_allowed_from: dt.date | None  # the last pre-harvest interval's end, if any
    phi_running: bool  # harvest is not allowed today


def batch_story(db: Database, actor: Actor, batch_id: int,
                today: dt.date | None = None) -> BatchStory:
    """A planting batch's field record with the day each input's PHI ends, its harvests (and
    deliveries from it), the lots made of them, and the first day harvest is allowed."""
    day = today or dt.date.today()
    with reading(db, actor) as session:
        batch = _get(session, PlantingBatch, batch_id, "planting batch")
        member = session.execute(select(Member.code, Member.name)
                                 .where(Member.id == batch.plot.member_id)).one()
        facts = BatchFacts(batch.id, batch.code, batch.product.code, batch.product.name_zh,
                           batch.plot.code, f"{member.code} {member.name}", batch.season,
                           batch.planted_on, batch.area_mu, batch.seed_source, batch.seed_lot,
                           batch.status)
        activities = []
        for activity in session.execute(
                select(FieldActivity).where(FieldActivity.batch_id == batch.id)
                .order_by(FieldActivity.performed_on, FieldActivity.id)).scalars():
            ends = (activity.performed_on + dt.timedelta(days=activity.phi_days)
                    if activity.phi_days is not None else None)
            activities.append(ActivityLine(
                activity.performed_on, activity.kind, activity.operator, activity.input_name,
                activity.input_registration_no, activity.active_ingredient,
                activity.input_lot, activity.amount, activity.amount_unit, activity.area_mu,
                activity.phi_days, ends,
                ends is not None and activity.performed_on <= day < ends, activity.notes))
        used_harvest = (select(LotSource.harvest_id, func.sum(LotSource.quantity).label("used"))
                        .group_by(LotSource.harvest_id).subquery())
        used_delivery = (select(LotSource.delivery_id,
                                func.sum(LotSource.quantity).label("used"))
                         .group_by(LotSource.delivery_id).subquery())
        harvests = [
            HarvestLine("harvest", "", on, quantity, unit, grade, used or Decimal(0))
            for on, quantity, unit, grade, used in session.execute(
                select(Harvest.harvested_on, Harvest.quantity, Harvest.unit, Harvest.grade,
                       type_coerce(used_harvest.c.used, QUANTITY))
                .outerjoin(used_harvest, used_harvest.c.harvest_id == Harvest.id)
                .where(Harvest.batch_id == batch.id).order_by(Harvest.harvested_on,
                                                              Harvest.id))]
        harvests += [
            HarvestLine("delivery", code, on, quantity, unit, grade, used or Decimal(0))
            for code, on, quantity, unit, grade, used in session.execute(
                select(MemberDelivery.code, MemberDelivery.delivered_on,
                       MemberDelivery.quantity, MemberDelivery.unit, MemberDelivery.grade,
                       type_coerce(used_delivery.c.used, QUANTITY))
                .outerjoin(used_delivery, used_delivery.c.delivery_id == MemberDelivery.id)
                .where(MemberDelivery.batch_id == batch.id))]
        harvests.sort(key=lambda line: (line.on, line.kind, line.code))
        taken: dict[int, Decimal] = defaultdict(Decimal)
        for lot_id, quantity in session.execute(
                select(LotSource.lot_id, LotSource.quantity)
                .outerjoin(Harvest, Harvest.id == LotSource.harvest_id)
                .outerjoin(MemberDelivery, MemberDelivery.id == LotSource.delivery_id)
                .where((Harvest.batch_id == batch.id)
                       | (MemberDelivery.batch_id == batch.id))):
            taken[lot_id] += quantity
        lots = tuple(
            MadeLot(code, status, quantity, taken[lot_id], unit, pack_date)
            for lot_id, code, status, quantity, unit, pack_date in session.execute(
                select(Lot.id, Lot.code, Lot.status, Lot.quantity, Lot.unit, Lot.pack_date)
                .where(Lot.id.in_(set(taken) or {-1})).order_by(Lot.code)))
        allowed = waiting_ends(batch_applications(session, batch.id))
    return BatchStory(facts, tuple(activities), tuple(harvests), lots, allowed,
                      allowed is not None and day < allowed)


# --- members --------------------------------------------------------------------------------

@dataclass(frozen=True)
class MemberFacts:
    """A household as the office sees it in a pane; no ID number, phone, account or poverty
    status."""

    id: int
    code: str
    name: str
    township: str
    village: str
    household_size: int
    joined_on: dt.date
    left_on: dt.date | None


@dataclass(frozen=True)
class PlotStanding:
    scheme: Scheme
    status: CertStatus
    since: dt.date | None
    certified_on: dt.date | None


@dataclass(frozen=True)
class PlotLine:
    code: str
    name: str
    village: str
    area_mu: Decimal
    land_type: LandType
    in_gi_area: bool
    standings: tuple[PlotStanding, ...]


@dataclass(frozen=True)
class AnimalLine:
    ear_tag: str
    species: Species
    breed: str
    sex: Sex
    birth_date: dt.date | None
    herd: str
    status: AnimalStatus


@dataclass(frozen=True)
class DeliveryLine:
    code: str
    delivered_on: dt.date
    product: str
    batch: str | None
    quantity: Decimal
    unit: str
    grade: str
    unit_price: Decimal | None
    amount: Decimal | None  # quantity × unit price, to the fen; None without a price


@dataclass(frozen=True)
class PayoutYear:
    year: int
    deliveries: int
    amount: Decimal  # the priced deliveries' amounts
    unpriced: int  # deliveries still without a price


@dataclass(frozen=True)
class MemberStory:
    member: MemberFacts
    plots: tuple[PlotLine, ...]
    area_mu: Decimal
    animals: tuple[AnimalLine, ...]
    deliveries: tuple[DeliveryLine, ...]  # newest first
    payouts: tuple[PayoutYear, ...]  # by year, oldest first


def member_story(db: Database, actor: Actor, member_id: int) -> MemberStory:
    """A household's plots (with areas and certification standing), animals, deliveries
    with what they came to, and the payout of each year."""
    with reading(db, actor) as session:
        member = _get(session, Member, member_id, "member")
        facts = MemberFacts(member.id, member.code, member.name, member.township,
                            member.village, member.household_size, member.joined_on,
                            member.left_on)
        standings: dict[int, list[PlotStanding]] = defaultdict(list)
        for plot_id, scheme, status, since, certified_on in session.execute(
                select(PlotCertificationStatus.plot_id, PlotCertificationStatus.scheme,
                       PlotCertificationStatus.status, PlotCertificationStatus.since,
                       PlotCertificationStatus.certified_on)
                .join(Plot, Plot.id == PlotCertificationStatus.plot_id)
                .where(Plot.member_id == member.id)
                .order_by(PlotCertificationStatus.scheme)):
            standings[plot_id].append(PlotStanding(scheme, status, since, certified_on))
        plots = tuple(
            PlotLine(code, name, village, area, land_type, in_gi, tuple(standings[plot_id]))
            for plot_id, code, name, village, area, land_type, in_gi in session.execute(
                select(Plot.id, Plot.code, Plot.name, Plot.village, Plot.area_mu,
                       Plot.land_type, Plot.in_gi_area)
                .where(Plot.member_id == member.id).order_by(Plot.code)))
        animals = tuple(
            AnimalLine(*row) for row in session.execute(
                select(Animal.ear_tag, Animal.species, Animal.breed, Animal.sex,
                       Animal.birth_date, Animal.herd, Animal.status)
                .where(Animal.owner_member_id == member.id).order_by(Animal.ear_tag)))
        batch = aliased(PlantingBatch)
        deliveries = tuple(
            DeliveryLine(code, on, product, batch_code, quantity, unit, grade, price,
                         money(quantity, price))
            for code, on, product, batch_code, quantity, unit, grade, price in session.execute(
                select(MemberDelivery.code, MemberDelivery.delivered_on, Product.name_zh,
                       batch.code, MemberDelivery.quantity, MemberDelivery.unit,
                       MemberDelivery.grade, MemberDelivery.unit_price)
                .join(Product, Product.id == MemberDelivery.product_id)
                .outerjoin(batch, batch.id == MemberDelivery.batch_id)
                .where(MemberDelivery.member_id == member.id)
                .order_by(MemberDelivery.delivered_on.desc(), MemberDelivery.code.desc())))
    years: dict[int, list[DeliveryLine]] = defaultdict(list)
    for delivery in deliveries:
        years[delivery.delivered_on.year].append(delivery)
    payouts = tuple(
        PayoutYear(year, len(items),
                   sum((item.amount for item in items if item.amount is not None), Decimal(0)),
                   sum(1 for item in items if item.amount is None))
        for year, items in sorted(years.items()))
    return MemberStory(facts, plots, sum((plot.area_mu for plot in plots), Decimal(0)),
                       animals, deliveries, payouts)


# --- plots ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlotFacts:
    id: int
    code: str
    name: str
    member: str  # the household's code and name
    village: str
    area_mu: Decimal
    land_type: LandType
    in_gi_area: bool
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class PlotBatch:
    code: str
    product: str
    season: str
    planted_on: dt.date
    area_mu: Decimal
    status: BatchStatus
    harvested: Decimal  # harvests and deliveries from the batch
    unit: str


@dataclass(frozen=True)
class CertificateLine:
    number: str
    scheme: Scheme
    certifier: str
    valid_from: dt.date
    valid_until: dt.date
    valid_today: bool


@dataclass(frozen=True)
class PlotStory:
    plot: PlotFacts
    standings: tuple[PlotStanding, ...]
    batches: tuple[PlotBatch, ...]  # newest planting first
    certificates: tuple[CertificateLine, ...]  # certificates naming the plot
    sensors: tuple[str, ...]  # code and name of the sensors on it


def plot_story(db: Database, actor: Actor, plot_id: int,
               today: dt.date | None = None) -> PlotStory:
    """A plot, its standing in each certification scheme, the certificates that name it, the
    planting batches grown on it with what they yielded, and its sensors."""
    day = today or dt.date.today()
    with reading(db, actor) as session:
        plot = _get(session, Plot, plot_id, "plot")
        member = session.execute(select(Member.code, Member.name)
                                 .where(Member.id == plot.member_id)).one()
        facts = PlotFacts(plot.id, plot.code, plot.name, f"{member.code} {member.name}",
                          plot.village, plot.area_mu, plot.land_type, plot.in_gi_area,
                          plot.latitude, plot.longitude)
        standings = tuple(
            PlotStanding(scheme, status, since, certified_on)
            for scheme, status, since, certified_on in session.execute(
                select(PlotCertificationStatus.scheme, PlotCertificationStatus.status,
                       PlotCertificationStatus.since, PlotCertificationStatus.certified_on)
                .where(PlotCertificationStatus.plot_id == plot.id)
                .order_by(PlotCertificationStatus.scheme)))
        harvested: dict[int, Decimal] = defaultdict(Decimal)
        for statement in (
                select(Harvest.batch_id, type_coerce(func.sum(raw(Harvest.quantity)), QUANTITY))
                .join(PlantingBatch, PlantingBatch.id == Harvest.batch_id)
                .where(PlantingBatch.plot_id == plot.id).group_by(Harvest.batch_id),
                select(MemberDelivery.batch_id,
                       type_coerce(func.sum(raw(MemberDelivery.quantity)), QUANTITY))
                .join(PlantingBatch, PlantingBatch.id == MemberDelivery.batch_id)
                .where(PlantingBatch.plot_id == plot.id).group_by(MemberDelivery.batch_id)):
            for batch_id, quantity in session.execute(statement):
                harvested[batch_id] += quantity
        batches = tuple(
            PlotBatch(code, product, season, planted, area, status, harvested[batch_id], unit)
            for batch_id, code, product, season, planted, area, status, unit in session.execute(
                select(PlantingBatch.id, PlantingBatch.code, Product.name_zh,
                       PlantingBatch.season, PlantingBatch.planted_on, PlantingBatch.area_mu,
                       PlantingBatch.status, Product.unit)
                .join(Product, Product.id == PlantingBatch.product_id)
                .where(PlantingBatch.plot_id == plot.id)
                .order_by(PlantingBatch.planted_on.desc(), PlantingBatch.code)))
        certificates = tuple(
            CertificateLine(number, scheme, certifier, valid_from, valid_until,
                            valid_from <= day <= valid_until)
            for number, scheme, certifier, valid_from, valid_until in session.execute(
                select(Certification.number, Certification.scheme, Certification.certifier,
                       Certification.valid_from, Certification.valid_until)
                .join(certification_plots,
                      certification_plots.c.certification_id == Certification.id)
                .where(certification_plots.c.plot_id == plot.id)
                .order_by(Certification.valid_until.desc(), Certification.number)))
        sensors = tuple(
            " ".join(part for part in (code, name) if part)
            for code, name in session.execute(select(Sensor.code, Sensor.name)
                                              .where(Sensor.plot_id == plot.id)
                                              .order_by(Sensor.code)))
    return PlotStory(facts, standings, batches, certificates, sensors)


# --- home page charts -----------------------------------------------------------------------

@dataclass(frozen=True)
class ProductSeries:
    product: str
    unit: str
    quantities: tuple[Decimal, ...]  # one a week, as ``HarvestWeeks.weeks``


@dataclass(frozen=True)
class HarvestWeeks:
    weeks: tuple[dt.date, ...]  # the Mondays, oldest first; the last is this week's
    series: tuple[ProductSeries, ...]  # largest total first

    def totals(self) -> tuple[Decimal, ...]:
        return tuple(sum((series.quantities[index] for series in self.series), Decimal(0))
                     for index in range(len(self.weeks)))


def week_of(day: dt.date) -> dt.date:
    """The Monday of the week ``day`` is in."""
    return day - dt.timedelta(days=day.weekday())


def harvest_by_week(db: Database, actor: Actor, weeks: int = 12,
                    today: dt.date | None = None) -> HarvestWeeks:
    """What came in each of the last ``weeks`` weeks (Monday to Sunday, this week last),
    per product: harvests of planting batches and deliveries of member households."""
    if weeks < 1:
        raise ValueError("weeks must be positive")
    this_week = week_of(today or dt.date.today())
    mondays = tuple(this_week - dt.timedelta(weeks=back) for back in range(weeks - 1, -1, -1))
    start, end = mondays[0], this_week + dt.timedelta(days=7)
    totals: dict[tuple[str, str], list[Decimal]] = {}
    with reading(db, actor) as session:
        # Summed per day and product in SQL (a few hundred rows at most), bucketed here:
        # grouping by week is written differently on every database.
        harvested = (select(Harvest.harvested_on.label("on"), Product.name_zh, Product.unit,
                            func.sum(Harvest.quantity))
                     .join(PlantingBatch, PlantingBatch.id == Harvest.batch_id)
                     .join(Product, Product.id == PlantingBatch.product_id)
                     .where(Harvest.harvested_on >= start, Harvest.harvested_on < end)
                     .group_by(Harvest.harvested_on, Product.name_zh, Product.unit))
        delivered = (select(MemberDelivery.delivered_on.label("on"), Product.name_zh,
                            Product.unit, func.sum(MemberDelivery.quantity))
                     .join(Product, Product.id == MemberDelivery.product_id)
                     .where(MemberDelivery.delivered_on >= start,
                            MemberDelivery.delivered_on < end)
                     .group_by(MemberDelivery.delivered_on, Product.name_zh, Product.unit))
        for statement in (harvested, delivered):
            for on, product, unit, quantity in session.execute(statement):
                row = totals.setdefault((product, unit), [Decimal(0)] * weeks)
                row[mondays.index(week_of(on))] += quantity
    series = sorted((ProductSeries(product, unit, tuple(values))
                     for (product, unit), values in totals.items()),
                    key=lambda item: (-sum(item.quantities), item.product))
    return HarvestWeeks(mondays, tuple(series))


@dataclass(frozen=True)
class StockLine:
    product_code: str
    product: str
    unit: str
    quantity: Decimal  # left in open and released lots
    lots: int  # lots with something left


IN_STOCK = (LotStatus.OPEN, LotStatus.RELEASED)


def stock_by_product(db: Database, actor: Actor) -> tuple[StockLine, ...]:
    """What is left in open and released lots, per product, largest first: each lot's
    quantity less what splits, merges, processing and shipments took (as
    ``services.lots.lot_available``), all in one query."""
    linked = (select(LotLink.parent_lot_id.label("lot_id"),
                     func.sum(raw(LotLink.quantity)).label("taken"))
              .group_by(LotLink.parent_lot_id).subquery())
    shipped = (select(ShipmentLine.lot_id.label("lot_id"),
                      func.sum(raw(ShipmentLine.quantity)).label("taken"))
               .group_by(ShipmentLine.lot_id).subquery())
    left = (raw(Lot.quantity) - func.coalesce(linked.c.taken, 0)
            - func.coalesce(shipped.c.taken, 0))
    per_lot = (select(Lot.product_id.label("product_id"), left.label("left"))
               .outerjoin(linked, linked.c.lot_id == Lot.id)
               .outerjoin(shipped, shipped.c.lot_id == Lot.id)
               .where(Lot.status.in_(IN_STOCK)).subquery())
    with reading(db, actor) as session:
        rows = session.execute(
            select(Product.code, Product.name_zh, Product.unit,
                   type_coerce(func.sum(per_lot.c.left), QUANTITY), func.count())
            .join(per_lot, per_lot.c.product_id == Product.id)
            .where(per_lot.c.left > 0)
            .group_by(Product.id, Product.code, Product.name_zh, Product.unit)).all()
    return tuple(sorted((StockLine(code, name, unit, Decimal(quantity), int(count))
                         for code, name, unit, quantity, count in rows),
                        key=lambda line: (-line.quantity, line.product_code)))


# --- shipments ------------------------------------------------------------------------------

# (Kept with the shipment story they serve; they may join the imports at the top.)


@dataclass(frozen=True)
class ShipmentFacts:
    id: int
    code: str
    shipped_on: dt.date
    customer_code: str
    customer: str
    customer_kind: CustomerKind
    contact: str
    phone: str  # the buyer's business phone, not a member's personal one
    address: str
    vehicle: str
    driver: str
    notes: str


@dataclass(frozen=True)
class ShipmentLineInfo:
    lot: str
    product: str
    quantity: Decimal
    unit: str
    unit_price: Decimal | None
    amount: Decimal | None  # quantity x unit price, to the fen; None without a price
    serial: int | None  # the label scanned onto the line, if any


@dataclass(frozen=True)
class TemperaturePoint:
    at: dt.datetime  # aware, UTC as stored
    celsius: float


@dataclass(frozen=True)
class ShipmentStory:
    shipment: ShipmentFacts
    lines: tuple[ShipmentLineInfo, ...]
    total_amount: Decimal | None  # of the priced lines; None when no line has a price
    unpriced_lines: int
    temperatures: tuple[TemperaturePoint, ...]  # in time order
    low: float  # the allowed range the excursions are judged by, °C
    high: float
    excursions: tuple[Excursion, ...]


def shipment_story(db: Database, actor: Actor, shipment_id: int) -> ShipmentStory:
    """A shipment: to whom, its lines (lot, quantity, price, amount), and its cold chain —
    the logger's temperatures in time order and the stretches outside the chilled range
    (0–8 °C, ``services.cold_chain.CHILLED``)."""
    with reading(db, actor) as session:
        shipment = _get(session, Shipment, shipment_id, "shipment")
        customer = shipment.customer
        facts = ShipmentFacts(shipment.id, shipment.code, shipment.shipped_on, customer.code,
                              customer.name, customer.kind, customer.contact, customer.phone,
                              customer.address, shipment.vehicle, shipment.driver,
                              shipment.notes)
        lines = tuple(
            ShipmentLineInfo(code, product, quantity, unit, unit_price,
                             money(quantity, unit_price), serial)
            for code, product, quantity, unit, unit_price, serial in session.execute(
                select(Lot.code, Product.name_zh, ShipmentLine.quantity, Lot.unit,
                       ShipmentLine.unit_price, Package.serial)
                .join(Lot, Lot.id == ShipmentLine.lot_id)
                .join(Product, Product.id == Lot.product_id)
                .outerjoin(Package, Package.id == ShipmentLine.package_id)
                .where(ShipmentLine.shipment_id == shipment.id)
                .order_by(ShipmentLine.id)))
        temperatures = tuple(
            TemperaturePoint(at, float(celsius)) for at, celsius in session.execute(
                select(ShipmentTemperature.recorded_at, ShipmentTemperature.celsius)
                .where(ShipmentTemperature.shipment_id == shipment.id)
                .order_by(ShipmentTemperature.recorded_at, ShipmentTemperature.id)))
    amounts = [line.amount for line in lines if line.amount is not None]
    low, high = CHILLED
    excursions = find_excursions([(point.at, point.celsius) for point in temperatures],
                                 low, high)
    return ShipmentStory(facts, lines, sum(amounts, Decimal(0)) if amounts else None,
                         len(lines) - len(amounts), temperatures, low, high,
                         tuple(excursions))
