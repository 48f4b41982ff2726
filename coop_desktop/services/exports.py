"""What the standard exports (EPCIS 2.0, the FSMA-204 sortable spreadsheet, the national
platform CSV) say, gathered as plain rows for a period or for one lot and everything traced
from it.

The events of a period are the lots commissioned in it (first-generation lots, on their pack
date or else their harvest date), the splits, merges and processing steps that happened in it,
the labels printed in it, the shipments sent in it and the cold-chain temperatures of those
shipments. With a lot, the same events of the lot and of every lot linked to it backward and
forward, within the period when one is given.

No member household appears in the rows: no name, ID number, phone or account. Origins are
plots (by code and field name) and villages; the cooperative is the harvester of record.
Every kind of record is read with one query per chunk of keys, never one per lot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from coop_desktop.domain.codes import normalize_lot_code
from coop_desktop.domain.errors import NotFoundError, ValidationError
from coop_desktop.domain.models import (
    Animal,
    Customer,
    Harvest,
    Lot,
    LotLink,
    LotSource,
    Member,
    MemberDelivery,
    Package,
    PackageStatus,
    PlantingBatch,
    Plot,
    Product,
    QualityKind,
    QualityRecord,
    QualityResult,
    Shipment,
    ShipmentLine,
    ShipmentTemperature,
    Transformation,
)
from coop_desktop.services.label_content import BASIS
from coop_desktop.services.lots import quality_passed
from coop_desktop.services.permissions import Actor
from coop_desktop.services.work import reading, the_cooperative, to_date
from coop_desktop.storage.database import Database

#: The cooperative's clock: China keeps one time zone, UTC+8, all year.
CHINA = dt.timezone(dt.timedelta(hours=8))
_CHUNK = 900  # below SQLite's bound-parameter limit


@dataclass(frozen=True)
class CooperativeFacts:
    name: str
    name_en: str
    phone: str
    address: str
    place: str  # province and county
    registration_code: str
    gs1_company_prefix: str
    base_url: str


@dataclass(frozen=True)
class LotRow:
    id: int
    code: str
    product_code: str
    product_zh: str
    product_en: str
    variety: str
    gtin: str
    quantity: Decimal
    unit: str
    grade: str
    harvest_date: dt.date | None
    pack_date: dt.date | None
    best_before: dt.date | None


@dataclass(frozen=True)
class SourceRow:
    """A harvest, member delivery or animal that went into a first-generation lot."""

    kind: str  # "harvest", "delivery" or "animal"
    day: dt.date
    quantity: Decimal
    reference: str  # planting batch code, delivery code, or "" for an animal
    plot_code: str
    field_name: str
    village: str


@dataclass(frozen=True)
class Commissioning:
    lot_id: int
    day: dt.date
    sources: tuple[SourceRow, ...]


@dataclass(frozen=True)
class TransformationRow:
    id: int
    kind: str
    day: dt.date
    inputs: tuple[tuple[int, Decimal], ...]  # (lot id, quantity taken)
    outputs: tuple[tuple[int, Decimal], ...]  # (lot id, quantity made)
    loss: Decimal


@dataclass(frozen=True)
class PackingRow:
    """The labels of one lot printed on one day."""

    lot_id: int
    day: dt.date
    last_printed_at: dt.datetime
    serials: tuple[int, ...]
    net_total: Decimal


@dataclass(frozen=True)
class ShipmentLineRow:
    line_id: int
    shipment_code: str
    shipped_on: dt.date
    customer_code: str
    customer_name: str
    customer_address: str
    lot_id: int
    quantity: Decimal
    serial: int | None


@dataclass(frozen=True)
class TemperatureLog:
    shipment_code: str
    lot_ids: tuple[int, ...]
    readings: tuple[tuple[dt.datetime, float], ...]


@dataclass(frozen=True)
class QualityFact:
    result: str  # "pass", "fail" or "" (not tested)
    record: str
    tested_on: dt.date | None
    basis: str  # 合格证 承诺依据


@dataclass
class ExportData:
    cooperative: CooperativeFacts
    start: dt.date | None
    end: dt.date | None
    lot: str | None
    lots: dict[int, LotRow] = field(default_factory=dict)
    commissionings: list[Commissioning] = field(default_factory=list)
    transformations: list[TransformationRow] = field(default_factory=list)
    packings: list[PackingRow] = field(default_factory=list)
    shipments: list[ShipmentLineRow] = field(default_factory=list)
    temperatures: list[TemperatureLog] = field(default_factory=list)
    #: Filled for the platform CSV only: origin villages and the quality behind each lot.
    origins: dict[int, tuple[str, ...]] = field(default_factory=dict)
    quality: dict[int, QualityFact] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.commissionings or self.transformations or self.packings
                    or self.shipments or self.temperatures)


# --- helpers -------------------------------------------------------------------------------

def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    items = sorted(set(ids))
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def _rows(session: Session, query: Select[Any], column: Any, ids: set[int] | None) -> list[Any]:
    """``query``'s rows, restricted to ``column IN ids`` chunk by chunk when ``ids`` is given.
    Plain column queries run on the session's connection: rows without the ORM's loading
    machinery, which a month of a large cooperative's labels would otherwise pay for."""
    connection = session.connection()
    if ids is None:
        return list(connection.execute(query).all())
    rows: list[Any] = []
    for chunk in _chunks(ids):
        rows.extend(connection.execute(query.where(column.in_(chunk))).all())
    return rows


def _between(column: Any, start: dt.date | None, end: dt.date | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column <= end)
    return conditions


def _utc_bounds(start: dt.date | None, end: dt.date | None
                ) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The period's local (UTC+8) days as a half-open UTC range."""
    low = (dt.datetime.combine(start, dt.time(), CHINA).astimezone(dt.UTC)
           if start is not None else None)
    high = (dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), CHINA).astimezone(dt.UTC)
            if end is not None else None)
    return low, high


def local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(CHINA).date()


def check_period(start: dt.date | str | None, end: dt.date | str | None
                 ) -> tuple[dt.date | None, dt.date | None]:
    """The period's first and last day (both included); refuses a reversed one."""
    first = to_date(start, "from") if start not in (None, "") else None
    last = to_date(end, "to") if end not in (None, "") else None
    if first is not None and last is not None and last < first:
        raise ValidationError("export.reversed_period", field="to", start=first.isoformat(),
                              end=last.isoformat())
    return first, last


def _walk(session: Session, start: set[int], backward: bool) -> set[int]:
    """Every lot reachable from ``start`` through lot links, one recursive query a chunk."""
    found: set[int] = set()
    near, far = ((LotLink.child_lot_id, LotLink.parent_lot_id) if backward
                 else (LotLink.parent_lot_id, LotLink.child_lot_id))
    for chunk in _chunks(start):
        graph = select(far.label("lot_id")).where(near.in_(chunk)).cte("graph", recursive=True)
        graph = graph.union(select(far).join(graph, near == graph.c.lot_id))
        found |= set(session.execute(select(graph.c.lot_id)).scalars())
    return found - start


# --- gathering -----------------------------------------------------------------------------

def gather(db: Database, actor: Actor, *, start: dt.date | str | None = None,
           end: dt.date | str | None = None, lot: str | None = None,
           for_platform: bool = False) -> ExportData:
    """The export's rows for the period (both days included), for one lot and everything
    linked to it, or both. ``for_platform`` also gathers origins and quality per lot."""
    first, last = check_period(start, end)
    with reading(db, actor) as session:
        return gather_in(session, first, last, lot, for_platform=for_platform)


def gather_in(session: Session, start: dt.date | None, end: dt.date | None,
              lot: str | None = None, *, for_platform: bool = False) -> ExportData:
    cooperative = the_cooperative(session)
    facts = CooperativeFacts(
        name=cooperative.name, name_en=cooperative.name_en or "", phone=cooperative.phone,
        address=cooperative.address, place=f"{cooperative.province}{cooperative.county}",
        registration_code=cooperative.registration_code or "",
        gs1_company_prefix=cooperative.gs1_company_prefix or "",
        base_url=cooperative.trace_base_url.rstrip("/"))
    lot_ids: set[int] | None = None
    lot_code: str | None = None
    if lot is not None and lot.strip():
        lot_code = normalize_lot_code(lot, "lot")
        origin = session.execute(select(Lot.id).where(Lot.code == lot_code)).scalar_one_or_none()
        if origin is None:
            raise NotFoundError("export.unknown_lot", field="lot", value=lot.strip())
        lot_ids = ({origin} | _walk(session, {origin}, backward=True)
                   | _walk(session, {origin}, backward=False))
    data = ExportData(facts, start, end, lot_code)
    _commissionings(session, data, lot_ids)
    _transformations(session, data, lot_ids)
    _packings(session, data, lot_ids)
    _shipments(session, data, lot_ids)
    wanted = {item.lot_id for item in data.commissionings}
    wanted |= {lot_id for step in data.transformations
               for lot_id, _ in (*step.inputs, *step.outputs)}
    wanted |= {item.lot_id for item in data.packings}
    wanted |= {item.lot_id for item in data.shipments}
    wanted |= {lot_id for log in data.temperatures for lot_id in log.lot_ids}
    _lots(session, data, wanted)
    if for_platform:
        _origins(session, data)
        _quality(session, data)
    return data


def _field_name(name: str | None, household: str) -> str:
    """A plot's field name as the grower says it, unless it names the household."""
    if not name or (household and household in name):
        return ""
    return name


def _commissionings(session: Session, data: ExportData, lot_ids: set[int] | None) -> None:
    day = func.coalesce(Lot.pack_date, Lot.harvest_date)
    query = (select(Lot.id, day.label("day"))
             .where(Lot.id.in_(select(LotSource.lot_id)), *_between(day, data.start, data.end)))
    days = {row.id: row.day for row in _rows(session, query, Lot.id, lot_ids)}
    if not days:
        return
    sources: dict[int, list[SourceRow]] = {}
    owner = Member.name.label("owner")
    harvests = (select(LotSource.lot_id, LotSource.quantity, Harvest.harvested_on,
                       PlantingBatch.code, Plot.code.label("plot"), Plot.name, Plot.village,
                       owner)
                .join(Harvest, Harvest.id == LotSource.harvest_id)
                .join(PlantingBatch, PlantingBatch.id == Harvest.batch_id)
                .join(Plot, Plot.id == PlantingBatch.plot_id)
                .join(Member, Member.id == Plot.member_id))
    for row in _rows(session, harvests, LotSource.lot_id, set(days)):
        sources.setdefault(row.lot_id, []).append(SourceRow(
            "harvest", row.harvested_on, row.quantity, row.code, row.plot,
            _field_name(row.name, row.owner), row.village))
    deliveries = (select(LotSource.lot_id, LotSource.quantity, MemberDelivery.code,
                         MemberDelivery.delivered_on, Plot.code.label("plot"), Plot.name,
                         Plot.village, Member.village.label("member_village"), owner)
                  .join(MemberDelivery, MemberDelivery.id == LotSource.delivery_id)
                  .join(Member, Member.id == MemberDelivery.member_id)
                  .outerjoin(PlantingBatch, PlantingBatch.id == MemberDelivery.batch_id)
                  .outerjoin(Plot, Plot.id == PlantingBatch.plot_id))
    for row in _rows(session, deliveries, LotSource.lot_id, set(days)):
        sources.setdefault(row.lot_id, []).append(SourceRow(
            "delivery", row.delivered_on, row.quantity, row.code, row.plot or "",
            _field_name(row.name, row.owner), row.village or row.member_village))
    # An animal's herd is free text and often names the household ("…家羊舍"): left out.
    animals = (select(LotSource.lot_id, LotSource.quantity,
                      Member.village.label("member_village"))
               .join(Animal, Animal.id == LotSource.animal_id)
               .join(Member, Member.id == Animal.owner_member_id))
    for row in _rows(session, animals, LotSource.lot_id, set(days)):
        sources.setdefault(row.lot_id, []).append(SourceRow(
            "animal", days[row.lot_id], row.quantity, "", "", "", row.member_village))
    data.commissionings = [
        Commissioning(lot_id, day_of, tuple(sorted(sources.get(lot_id, []),
                                                   key=lambda item: (item.day, item.reference))))
        for lot_id, day_of in sorted(days.items(), key=lambda item: (item[1], item[0]))]


def _transformations(session: Session, data: ExportData, lot_ids: set[int] | None) -> None:
    # A step touching one of the lots is exported whole: all its inputs and outputs.
    in_period = _between(Transformation.occurred_on, data.start, data.end)
    query = (select(Transformation.id, Transformation.kind, Transformation.occurred_on,
                    Transformation.loss_quantity, LotLink.parent_lot_id, LotLink.child_lot_id,
                    LotLink.quantity)
             .join(LotLink, LotLink.transformation_id == Transformation.id))
    if lot_ids is None:
        rows = _rows(session, query.where(*in_period), Transformation.id, None)
    else:
        chosen = (select(LotLink.transformation_id)
                  .join(Transformation, Transformation.id == LotLink.transformation_id)
                  .where(*in_period))
        step_ids = {row[0] for column in (LotLink.child_lot_id, LotLink.parent_lot_id)
                    for row in _rows(session, chosen, column, lot_ids)}
        rows = _rows(session, query, Transformation.id, step_ids)
    steps: dict[int, Any] = {}
    inputs: dict[int, dict[int, Decimal]] = {}
    children: dict[int, set[int]] = {}
    for row in rows:
        steps[row.id] = row
        taken = inputs.setdefault(row.id, {})
        taken[row.parent_lot_id] = taken.get(row.parent_lot_id, Decimal(0)) + row.quantity
        children.setdefault(row.id, set()).add(row.child_lot_id)
    made = {row.id: row.quantity for row in _rows(
        session, select(Lot.id, Lot.quantity),
        Lot.id, {child for ids in children.values() for child in ids})}
    data.transformations = [
        TransformationRow(step_id, steps[step_id].kind.value, steps[step_id].occurred_on,
                          tuple(sorted(inputs[step_id].items())),
                          tuple((child, made[child]) for child in sorted(children[step_id])),
                          steps[step_id].loss_quantity)
        for step_id in sorted(steps, key=lambda key: (steps[key].occurred_on, key))]


def _packings(session: Session, data: ExportData, lot_ids: set[int] | None) -> None:
    low, high = _utc_bounds(data.start, data.end)
    query = (select(Package.lot_id, Package.serial, Package.net_weight, Package.printed_at)
             .where(Package.status == PackageStatus.PRINTED))
    if low is not None:
        query = query.where(Package.printed_at >= low)
    if high is not None:
        query = query.where(Package.printed_at < high)
    groups: dict[tuple[int, dt.date], list[Any]] = {}
    for row in _rows(session, query, Package.lot_id, lot_ids):
        groups.setdefault((row.lot_id, local_day(row.printed_at)), []).append(row)
    data.packings = [
        PackingRow(lot_id, day, max(row.printed_at for row in rows),
                   tuple(sorted(row.serial for row in rows)),
                   sum((row.net_weight or Decimal(0) for row in rows), Decimal(0)))
        for (lot_id, day), rows in sorted(groups.items(), key=lambda item: (item[0][1],
                                                                            item[0][0]))]


def _shipments(session: Session, data: ExportData, lot_ids: set[int] | None) -> None:
    query = (select(ShipmentLine.id, ShipmentLine.lot_id, ShipmentLine.quantity,
                    ShipmentLine.shipment_id, Shipment.code, Shipment.shipped_on,
                    Customer.code.label("customer_code"), Customer.name, Customer.address,
                    Package.serial)
             .join(Shipment, Shipment.id == ShipmentLine.shipment_id)
             .join(Customer, Customer.id == Shipment.customer_id)
             .outerjoin(Package, Package.id == ShipmentLine.package_id)
             .where(*_between(Shipment.shipped_on, data.start, data.end)))
    rows = _rows(session, query, ShipmentLine.lot_id, lot_ids)
    rows.sort(key=lambda row: (row.shipped_on, row.code, row.id))
    data.shipments = [
        ShipmentLineRow(row.id, row.code, row.shipped_on, row.customer_code, row.name,
                        row.address, row.lot_id, row.quantity, row.serial) for row in rows]
    lots_of: dict[int, set[int]] = {}
    codes: dict[int, str] = {}
    for row in rows:
        lots_of.setdefault(row.shipment_id, set()).add(row.lot_id)
        codes[row.shipment_id] = row.code
    readings: dict[int, list[tuple[dt.datetime, float]]] = {}
    for row in _rows(session, select(ShipmentTemperature.shipment_id,
                                     ShipmentTemperature.recorded_at,
                                     ShipmentTemperature.celsius),
                     ShipmentTemperature.shipment_id, set(lots_of)):
        readings.setdefault(row.shipment_id, []).append((row.recorded_at, row.celsius))
    data.temperatures = [
        TemperatureLog(codes[shipment_id], tuple(sorted(lots_of[shipment_id])),
                       tuple(sorted(readings[shipment_id])))
        for shipment_id in sorted(readings, key=lambda key: codes[key])]


def _lots(session: Session, data: ExportData, wanted: set[int]) -> None:
    query = (select(Lot.id, Lot.code, Product.code.label("product_code"), Product.name_zh,
                    Product.name_en, Product.variety, Product.gtin, Lot.quantity, Lot.unit,
                    Lot.grade, Lot.harvest_date, Lot.pack_date, Lot.best_before)
             .join(Product, Product.id == Lot.product_id))
    for row in _rows(session, query, Lot.id, wanted):
        data.lots[row.id] = LotRow(row.id, row.code, row.product_code, row.name_zh,
                                   row.name_en, row.variety, row.gtin or "", row.quantity,
                                   row.unit, row.grade, row.harvest_date, row.pack_date,
                                   row.best_before)


def _origins(session: Session, data: ExportData) -> None:
    """Each lot's origin villages, from its first-generation ancestors' sources."""
    ancestors: dict[int, set[int]] = {}
    for lot_id in data.lots:
        ancestors[lot_id] = {lot_id} | _walk(session, {lot_id}, backward=True)
    every = {ancestor for found in ancestors.values() for ancestor in found}
    villages: dict[int, set[str]] = {}
    queries: Sequence[Select[Any]] = (
        select(LotSource.lot_id, Plot.village)
        .join(Harvest, Harvest.id == LotSource.harvest_id)
        .join(PlantingBatch, PlantingBatch.id == Harvest.batch_id)
        .join(Plot, Plot.id == PlantingBatch.plot_id),
        select(LotSource.lot_id, Member.village)
        .join(MemberDelivery, MemberDelivery.id == LotSource.delivery_id)
        .join(Member, Member.id == MemberDelivery.member_id),
        select(LotSource.lot_id, Member.village)
        .join(Animal, Animal.id == LotSource.animal_id)
        .join(Member, Member.id == Animal.owner_member_id),
    )
    for query in queries:
        for row in _rows(session, query, LotSource.lot_id, every):
            if row[1]:
                villages.setdefault(row.lot_id, set()).add(row[1])
    for lot_id, found in ancestors.items():
        data.origins[lot_id] = tuple(sorted({village for ancestor in found
                                             for village in villages.get(ancestor, ())}))


def _basis(kind: QualityKind | None, laboratory: str) -> str:
    if kind is None:
        return BASIS["control"]
    if kind == QualityKind.LAB_REPORT or laboratory:
        return BASIS["commissioned"]
    return BASIS["self_test"]


def _quality(session: Session, data: ExportData) -> None:
    """The latest quality record of each lot; a lot split or merged from tested lots stands on
    its parents' records (as when it was released)."""
    latest: dict[int, Any] = {}
    query = select(QualityRecord.lot_id, QualityRecord.code, QualityRecord.kind,
                   QualityRecord.tested_on, QualityRecord.result, QualityRecord.laboratory,
                   QualityRecord.id)
    for row in _rows(session, query, QualityRecord.lot_id, set(data.lots)):
        known = latest.get(row.lot_id)
        if known is None or (row.tested_on, row.id) > (known.tested_on, known.id):
            latest[row.lot_id] = row
    for lot_id in data.lots:
        row = latest.get(lot_id)
        if row is not None:
            passed = row.result == QualityResult.PASS
            data.quality[lot_id] = QualityFact(
                row.result.value, row.code, row.tested_on,
                _basis(row.kind, row.laboratory) if passed else "")
            continue
        lot = session.get(Lot, lot_id)
        assert lot is not None
        passed, failing = quality_passed(session, lot)
        if passed:  # on its parents' passing records: the basis is theirs
            ancestors = _walk(session, {lot_id}, backward=True)
            tests = session.connection().execute(
                select(QualityRecord.kind, QualityRecord.laboratory).where(
                    QualityRecord.lot_id.in_(ancestors or {-1}),
                    QualityRecord.result == QualityResult.PASS)).all()
            commissioned = any(_basis(kind, laboratory) == BASIS["commissioned"]
                               for kind, laboratory in tests)
            data.quality[lot_id] = QualityFact(
                QualityResult.PASS.value, "", None,
                BASIS["commissioned"] if commissioned else BASIS["self_test"])
        elif failing is not None:
            data.quality[lot_id] = QualityFact(QualityResult.FAIL.value, failing.code,
                                               failing.tested_on, "")
        else:
            data.quality[lot_id] = QualityFact("", "", None, BASIS["control"])
