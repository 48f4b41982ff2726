"""Read-only look-ups that forms need: records to pick as the user types, a record to edit,
what is left of harvests, deliveries and lots, and the next free record number.

Every query is bounded: a picker never loads a whole table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, String, case, cast, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from coop_desktop.domain import i18n
from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.errors import NotFoundError, ValidationError
from coop_desktop.domain.models import (
    Animal,
    Base,
    Customer,
    Harvest,
    Lot,
    LotSource,
    LotStatus,
    Member,
    MemberDelivery,
    Package,
    PlantingBatch,
    Plot,
    Product,
)
from coop_desktop.domain.models.base import QUANTITY
from coop_desktop.domain.rules import Application
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.services.audit import snapshot
from coop_desktop.services.listing import LISTINGS
from coop_desktop.services.livestock import animal_applications
from coop_desktop.services.lookup import identify
from coop_desktop.services.lots import lot_available
from coop_desktop.services.permissions import Actor
from coop_desktop.services.production import batch_applications
from coop_desktop.services.work import reading
from coop_desktop.storage.database import Database

MAX_CHOICES = 50
MAX_SOURCES = 500
#: How a plot's area reads in a picker, by language (mu: 666.67 m²).
AREA_UNIT = {"zh": "亩", "en": "mu"}


@dataclass(frozen=True)
class Choice:
    """A record as a picker shows it: ``code — label``."""

    id: int
    code: str
    label: str

    @property
    def text(self) -> str:
        return f"{self.code} — {self.label}" if self.label else self.code


@dataclass(frozen=True)
class _Pickable:
    model: type[Base]
    code: str
    search: tuple[str, ...]
    label: Callable[[Any], str]
    filters: Mapping[str, Callable[[Select[Any], Any], Select[Any]]]


def _member_label(member: Member) -> str:
    return " ".join(part for part in (member.name, member.village) if part)


def plain_number(value: Decimal) -> str:
    """5.50 as 5.5 and 100.000 as 100: a quantity as people write it."""
    return format(value.normalize(), "f")


def _plot_label(plot: Plot) -> str:
    area = f"{plain_number(plot.area_mu)} {AREA_UNIT.get(i18n.language(), 'mu')}"
    return " ".join(part for part in (plot.name or plot.village, area) if part)


def _batch_label(batch: PlantingBatch) -> str:
    return f"{batch.season} {batch.product.name_zh} {batch.plot.code}"


def _animal_label(animal: Animal) -> str:
    return " ".join(part for part in (name_of(animal.species), animal.breed,
                                      name_of(animal.sex)) if part)


def _lot_label(lot: Lot) -> str:
    return f"{lot.product.name_zh} {plain_number(lot.quantity)} {lot.unit} {name_of(lot.status)}"


def _equals(column: Any) -> Callable[[Select[Any], Any], Select[Any]]:
    return lambda statement, value: statement.where(column == value)


def _batch_of_member(statement: Select[Any], member_id: Any) -> Select[Any]:
    return statement.where(PlantingBatch.plot_id.in_(
        select(Plot.id).where(Plot.member_id == member_id)))


PICKABLE: dict[str, _Pickable] = {
    "members": _Pickable(Member, "code", ("code", "name", "village"), _member_label, {}),
    "plots": _Pickable(Plot, "code", ("code", "name", "village"), _plot_label,
                       {"member_id": _equals(Plot.member_id)}),
    "products": _Pickable(Product, "code", ("code", "name_zh", "name_en", "variety"),
                          lambda product: product.name_zh, {"kind": _equals(Product.kind)}),
    "batches": _Pickable(PlantingBatch, "code", ("code", "season", "seed_lot"), _batch_label,
                         {"plot_id": _equals(PlantingBatch.plot_id),
                          "product_id": _equals(PlantingBatch.product_id),
                          "member_id": _batch_of_member}),
    "animals": _Pickable(Animal, "ear_tag", ("ear_tag", "eid", "breed", "herd"), _animal_label,
                         {"species": _equals(Animal.species), "sex": _equals(Animal.sex),
                          "status": _equals(Animal.status),
                          "owner_member_id": _equals(Animal.owner_member_id)}),
    "customers": _Pickable(Customer, "code", ("code", "name", "contact"),
                           lambda customer: customer.name, {"kind": _equals(Customer.kind)}),
    "lots": _Pickable(Lot, "code", ("code", "grade"), _lot_label,
                      {"status": _equals(Lot.status), "product_id": _equals(Lot.product_id)}),
}


def _pickable(kind: str) -> _Pickable:
    if kind not in PICKABLE:
        raise ValidationError("value.bad_choice", field="kind", value=kind,
                              choices=", ".join(PICKABLE))
    return PICKABLE[kind]


def _choice(pickable: _Pickable, record: Any) -> Choice:
    return Choice(record.id, str(getattr(record, pickable.code)), pickable.label(record))


def search_choices(db: Database, actor: Actor, kind: str, text: str = "", *,
                   filters: Mapping[str, Any] | None = None, exclude_ids: Collection[int] = (),
                   limit: int = 20) -> list[Choice]:
    """At most ``limit`` records of ``kind`` whose code or name contains ``text``; a record
    whose code is exactly ``text`` comes first, then the others by code."""
    pickable = _pickable(kind)
    model = pickable.model
    code = getattr(model, pickable.code)
    statement: Select[Any] = select(model)
    wanted = text.strip()
    if wanted:
        pattern = f"%{wanted}%"
        statement = statement.where(or_(*(cast(getattr(model, column), String).ilike(pattern)
                                          for column in pickable.search)))
    for name, value in (filters or {}).items():
        if name not in pickable.filters:
            raise ValidationError("value.bad_choice", field="filter", value=name,
                                  choices=", ".join(pickable.filters) or "-")
        if value is not None:
            statement = pickable.filters[name](statement, value)
    if exclude_ids:
        statement = statement.where(model.id.not_in(list(exclude_ids)))
    exact = case((func.lower(code) == wanted.lower(), 0), else_=1)
    statement = statement.order_by(exact, code, model.id).limit(max(1, min(limit,
                                                                           MAX_CHOICES)))
    with reading(db, actor) as session:
        return [_choice(pickable, record) for record in session.execute(statement).scalars()]


def choices_for(db: Database, actor: Actor, kind: str, record_ids: Sequence[int]
                ) -> list[Choice]:
    """The records with these ids as a picker shows them, in the order asked (unknown ids are
    left out)."""
    pickable = _pickable(kind)
    wanted = list(dict.fromkeys(record_ids))[:MAX_SOURCES]
    if not wanted:
        return []
    with reading(db, actor) as session:
        found = {record.id: _choice(pickable, record) for record in session.execute(
            select(pickable.model).where(pickable.model.id.in_(wanted))).scalars()}
    return [found[record_id] for record_id in wanted if record_id in found]


def choice_for(db: Database, actor: Actor, kind: str, record_id: int) -> Choice | None:
    found = choices_for(db, actor, kind, [record_id])
    return found[0] if found else None


def record_fields(db: Database, actor: Actor, kind: str, record_id: int) -> dict[str, Any]:
    """One record of a listing kind as plain values, with its ``version`` (an edit form sends
    it back so that a change made meanwhile by someone else is refused, not overwritten)."""
    if kind not in LISTINGS:
        raise ValidationError("value.bad_choice", field="kind", value=kind,
                              choices=", ".join(LISTINGS))
    model = LISTINGS[kind].model
    with reading(db, actor) as session:
        record = session.get(model, record_id)
        if record is None:
            raise NotFoundError("not_found", entity=model.__tablename__, field="id",
                                value=record_id)
        return snapshot(record)


# --- what is left to use -------------------------------------------------------------------

@dataclass(frozen=True)
class SourceChoice:
    """A harvest or member delivery of a product, with what is left of it for new lots."""

    kind: str  # "harvest" or "delivery", as services.lots.SourceInput takes it
    record_id: int
    code: str  # the delivery's code, or the harvest's planting batch
    day: dt.date
    member: str  # the household's code
    grade: str
    quantity: Decimal
    left: Decimal
    unit: str


def available_sources(db: Database, actor: Actor, product_id: int,
                      limit: int = 200) -> list[SourceChoice]:
    """Harvests and deliveries of a product that still have something left, newest first."""
    bound = max(1, min(limit, MAX_SOURCES))
    with reading(db, actor) as session:
        harvest_used = (select(func.coalesce(func.sum(LotSource.quantity), 0))
                        .where(LotSource.harvest_id == Harvest.id).scalar_subquery())
        harvests = session.execute(
            select(Harvest.id, PlantingBatch.code, Harvest.harvested_on, Member.code,
                   Harvest.grade, Harvest.quantity,
                   type_coerce(Harvest.quantity - harvest_used, QUANTITY), Harvest.unit)
            .join(PlantingBatch, PlantingBatch.id == Harvest.batch_id)
            .join(Plot, Plot.id == PlantingBatch.plot_id)
            .join(Member, Member.id == Plot.member_id)
            .where(PlantingBatch.product_id == product_id, Harvest.quantity > harvest_used)
            .order_by(Harvest.harvested_on.desc(), Harvest.id.desc()).limit(bound)).all()
        delivery_used = (select(func.coalesce(func.sum(LotSource.quantity), 0))
                         .where(LotSource.delivery_id == MemberDelivery.id).scalar_subquery())
        deliveries = session.execute(
            select(MemberDelivery.id, MemberDelivery.code, MemberDelivery.delivered_on,
                   Member.code, MemberDelivery.grade, MemberDelivery.quantity,
                   type_coerce(MemberDelivery.quantity - delivery_used, QUANTITY),
                   MemberDelivery.unit)
            .join(Member, Member.id == MemberDelivery.member_id)
            .where(MemberDelivery.product_id == product_id,
                   MemberDelivery.quantity > delivery_used)
            .order_by(MemberDelivery.delivered_on.desc(), MemberDelivery.id.desc())
            .limit(bound)).all()
    sources = [SourceChoice("harvest", *_source_values(row)) for row in harvests]
    sources += [SourceChoice("delivery", *_source_values(row)) for row in deliveries]
    sources.sort(key=lambda source: (source.day, source.record_id), reverse=True)
    return sources[:bound]


def _source_values(row: Any) -> tuple[Any, ...]:
    record_id, code, day, member, grade, quantity, left, unit = row
    return (record_id, code, day, member, grade or "", Decimal(quantity), Decimal(left), unit)


@dataclass(frozen=True)
class LotStock:
    id: int
    code: str
    product_id: int
    product: str  # the product's name
    product_code: str
    grade: str
    status: LotStatus
    quantity: Decimal
    left: Decimal  # after the splits, merges and shipments that took their part
    unit: str


def lot_stock(db: Database, actor: Actor, lot_id: int) -> LotStock:
    with reading(db, actor) as session:
        lot = session.get(Lot, lot_id)
        if lot is None:
            raise NotFoundError("not_found", entity="lot", field="id", value=lot_id)
        return _stock(session, lot)


def _stock(session: Session, lot: Lot) -> LotStock:
    return LotStock(lot.id, lot.code, lot.product_id, lot.product.name_zh, lot.product.code,
                    lot.grade, lot.status, lot.quantity, lot_available(session, lot), lot.unit)


@dataclass(frozen=True)
class ScannedLot:
    """What a scanned label or typed lot code adds to a shipment."""

    stock: LotStock
    package_id: int | None = None
    serial: int | None = None
    net_weight: Decimal | None = None


def scanned_lot(db: Database, actor: Actor, text: str) -> ScannedLot | None:
    """The lot (and label, if a label was scanned) a scan names, or None: a lot code, a
    label serial or any label address the lookup service understands."""
    wanted = text.strip()
    if not wanted:
        return None
    match = identify(db, actor, wanted, kinds={"lot", "label"})
    if match is None:
        return None
    lot_id = match.lot_id if match.kind == "label" else match.record_id
    package_id = match.record_id if match.kind == "label" else None
    with reading(db, actor) as session:
        lot = session.get(Lot, lot_id) if lot_id is not None else None
        if lot is None:
            return None
        package = session.get(Package, package_id) if package_id is not None else None
        return ScannedLot(_stock(session, lot), package.id if package else None,
                          package.serial if package else None,
                          package.net_weight if package else None)


# --- waiting periods ----------------------------------------------------------------------

def waiting_periods(db: Database, actor: Actor, *, batch_id: int | None = None,
                    animal_id: int | None = None) -> list[Application]:
    """The sprays of a planting batch that carry a pre-harvest interval, or the treatments of
    an animal that carry a withdrawal period: what ``domain.rules`` judges a date against."""
    with reading(db, actor) as session:
        if batch_id is not None:
            return batch_applications(session, batch_id)
        if animal_id is not None:
            return animal_applications(session, animal_id)
    return []


# --- record numbers -----------------------------------------------------------------------

#: The prefix of each kind's record numbers, as the demo cooperative writes them.
RECORD_PREFIXES = {"deliveries": "JS", "quality": "QC", "shipments": "FH"}


def suggest_record_code(db: Database, actor: Actor, kind: str, day: dt.date) -> str:
    """The next free number of a kind on a day: JS260815-01, QC260815-02, FH260816-01…"""
    if kind not in RECORD_PREFIXES:
        raise ValidationError("value.bad_choice", field="kind", value=kind,
                              choices=", ".join(RECORD_PREFIXES))
    model = LISTINGS[kind].model
    prefix = f"{RECORD_PREFIXES[kind]}{day:%y%m%d}-"
    code = model.code  # type: ignore[attr-defined]
    with reading(db, actor) as session:
        taken = set(session.execute(select(code).where(code.like(f"{prefix}%"))
                                    .limit(10_000)).scalars())
    number = 1
    while f"{prefix}{number:02d}" in taken:
        number += 1
    return normalize_code(f"{prefix}{number:02d}")

