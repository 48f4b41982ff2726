"""Plain rows of records for lists and exports: never ORM objects, always a bounded page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, func, or_, select

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import (
    Animal,
    AuditEntry,
    Base,
    Certification,
    Customer,
    Lot,
    Member,
    MemberDelivery,
    Package,
    PlantingBatch,
    Plot,
    Product,
    QualityRecord,
    Sensor,
    Shipment,
)
from coop_desktop.domain.models.types import UtcDateTime
from coop_desktop.services.audit import snapshot
from coop_desktop.services.permissions import Actor
from coop_desktop.services.work import reading
from coop_desktop.storage.database import Database

MAX_PAGE = 10_000


@dataclass(frozen=True)
class Listing:
    model: type[Base]
    search: tuple[str, ...]  # columns matched by the search text
    order: str
    filters: tuple[str, ...] = ()  # columns a list may be filtered on (equality)
    date_field: str | None = None  # the column a date range applies to
    hidden: tuple[str, ...] = ("version",)
    #: A search of its own where a plain LIKE over every row would be too slow.
    search_clause: Callable[[str], ColumnElement[bool]] | None = None


def _label_search(text: str) -> ColumnElement[bool]:
    """Labels are searched by serial or by the start of their lot's code, both through
    indexes: a LIKE over a million label rows would freeze the list."""
    prefix = text.upper()
    lots = select(Lot.id).where(Lot.code >= prefix, Lot.code < prefix + "\uffff")
    if text.isdigit():
        return or_(Package.serial == int(text), Package.lot_id.in_(lots))
    return Package.lot_id.in_(lots)


LISTINGS: dict[str, Listing] = {
    "lots": Listing(Lot, ("code", "grade", "status"), "code", ("status", "product_id"),
                    "pack_date"),
    "members": Listing(Member, ("code", "name", "village", "township", "phone"), "code",
                       ("village", "township"), "joined_on"),
    "plots": Listing(Plot, ("code", "name", "village"), "code", ("village", "land_type")),
    "batches": Listing(PlantingBatch, ("code", "season", "seed_lot"), "code",
                       ("status", "product_id"), "planted_on"),
    "animals": Listing(Animal, ("ear_tag", "eid", "breed", "herd"), "ear_tag",
                       ("species", "status", "herd"), "birth_date"),
    "labels": Listing(Package, ("template", "printer", "printed_by"), "serial",
                      ("status", "lot_id"), "printed_at", search_clause=_label_search),
    "certifications": Listing(Certification, ("number", "certifier"), "number", ("scheme",),
                              "valid_until"),
    "products": Listing(Product, ("code", "name_zh", "name_en", "variety"), "code", ("kind",)),
    "deliveries": Listing(MemberDelivery, ("code", "grade"), "delivered_on",
                          ("member_id", "product_id"), "delivered_on"),
    "quality": Listing(QualityRecord, ("code", "laboratory", "report_number", "tested_by"),
                       "tested_on", ("kind", "result", "lot_id"), "tested_on"),
    "shipments": Listing(Shipment, ("code", "vehicle", "driver"), "shipped_on",
                         ("customer_id",), "shipped_on"),
    "customers": Listing(Customer, ("code", "name", "contact"), "code", ("kind",)),
    "sensors": Listing(Sensor, ("code", "name", "location", "profile"), "code", ("plot_id",)),
    "audit": Listing(AuditEntry, ("username", "action", "entity", "entity_code"), "id",
                     ("entity", "action", "username"), "recorded_at"),
}


@dataclass(frozen=True)
class Query:
    """What a list shows: search text, filters, a date range and the sort."""

    search: str | None = None
    filters: dict[str, Any] = field(default_factory=dict)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str | None = None
    descending: bool = False


def _where(listing: Listing, query: Query) -> Select[Any]:
    model = listing.model
    statement = select(model)
    if query.search and query.search.strip() and listing.search_clause is not None:
        statement = statement.where(listing.search_clause(query.search.strip()))
    elif query.search and query.search.strip():
        pattern = f"%{query.search.strip()}%"
        # Enum columns are compared as their text, so "held" finds held lots.
        statement = statement.where(or_(*(cast(getattr(model, column), String).ilike(pattern)
                                          for column in listing.search)))
    for name, value in query.filters.items():
        if name not in listing.filters:
            raise ValidationError("value.bad_choice", field="filter", value=name,
                                  choices=", ".join(listing.filters) or "-")
        if value is not None and value != "":
            statement = statement.where(getattr(model, name) == value)
    if (query.date_from or query.date_to) and listing.date_field is None:
        raise ValidationError("value.bad_choice", field="date", value="range", choices="-")
    if listing.date_field is not None:
        column = getattr(model, listing.date_field)
        moment = isinstance(column.type, UtcDateTime)
        if query.date_from is not None:
            start: Any = query.date_from
            if moment:
                start = dt.datetime.combine(query.date_from, dt.time(), dt.UTC)
            statement = statement.where(column >= start)
        if query.date_to is not None:
            end: Any = query.date_to
            if moment:
                statement = statement.where(column < dt.datetime.combine(
                    query.date_to + dt.timedelta(days=1), dt.time(), dt.UTC))
            else:
                statement = statement.where(column <= end)
    return statement


def count_records(db: Database, actor: Actor, kind: str, search: str | None = None,
                  query: Query | None = None, cap: int | None = None) -> int:
    """How many records of ``kind`` match (the number a list shows above its table).

    With ``cap``, counting stops at ``cap + 1``: a list of a million labels says "more than
    10,000" at once instead of counting them all on every keystroke.
    """
    listing = _listing(kind)
    query = query or Query(search=search)
    with reading(db, actor) as session:
        matching = _where(listing, query).with_only_columns(listing.model.id)
        if cap is not None:
            matching = matching.limit(cap + 1)
        inner = matching.subquery()
        return int(session.execute(select(func.count()).select_from(inner)).scalar_one())


def list_records(db: Database, actor: Actor, kind: str, *, search: str | None = None,
                 limit: int = 100, offset: int = 0,
                 query: Query | None = None) -> list[dict[str, Any]]:
    """A page of records of ``kind`` as dicts keyed by the records' own field names."""
    listing = _listing(kind)
    query = query or Query(search=search)
    if limit < 1:
        raise ValidationError("value.not_positive", field="limit", value=limit)
    if limit > MAX_PAGE:
        raise ValidationError("value.too_large", field="limit", value=limit, maximum=MAX_PAGE)
    model = listing.model
    sort_name = query.sort or listing.order
    if sort_name not in model.__table__.columns:
        raise ValidationError("value.bad_choice", field="sort", value=sort_name,
                              choices=", ".join(model.__table__.columns.keys()))
    sort_column = getattr(model, sort_name)
    order = [sort_column.desc(), model.id.desc()] if query.descending else [sort_column,
                                                                             model.id]
    with reading(db, actor) as session:
        statement = _where(listing, query).order_by(*order).limit(limit).offset(offset)
        rows = [snapshot(record) for record in session.execute(statement).scalars()]
        _add_codes(session, rows)
    for row in rows:
        for name in listing.hidden:
            row.pop(name, None)
    return rows


def distinct_values(db: Database, actor: Actor, kind: str, field_name: str,
                    limit: int = 500) -> list[Any]:
    """The values a filter column takes (villages, herds…), for a filter's choices."""
    listing = _listing(kind)
    if field_name not in listing.filters:
        raise ValidationError("value.bad_choice", field="filter", value=field_name,
                              choices=", ".join(listing.filters) or "-")
    column = getattr(listing.model, field_name)
    with reading(db, actor) as session:
        values = session.execute(select(column).where(column.is_not(None)).distinct()
                                 .order_by(column).limit(limit)).scalars()
        return [getattr(value, "value", value) for value in values]


_REFERENCES: dict[str, tuple[str, type[Base], str]] = {
    # key column -> (name of the added column, referred model, its code column)
    "lot_id": ("lot", Lot, "code"),
    "product_id": ("product", Product, "code"),
    "member_id": ("member", Member, "code"),
    "owner_member_id": ("owner", Member, "code"),
    "plot_id": ("plot", Plot, "code"),
    "batch_id": ("batch", PlantingBatch, "code"),
    "customer_id": ("customer", Customer, "name"),
}


def _add_codes(session: Any, rows: list[dict[str, Any]]) -> None:
    """Put the codes people know beside the keys: a label's lot, a lot's product…"""
    if not rows:
        return
    for key, (name, model, code) in _REFERENCES.items():
        if key not in rows[0]:
            continue
        ids = {row[key] for row in rows if row[key] is not None}
        codes = dict(session.execute(select(model.id, getattr(model, code))
                                     .where(model.id.in_(ids))).all()) if ids else {}
        for row in rows:
            row[name] = codes.get(row[key])


def _listing(kind: str) -> Listing:
    if kind not in LISTINGS:
        raise ValidationError("value.bad_choice", field="kind", value=kind,
                              choices=", ".join(LISTINGS))
    return LISTINGS[kind]
