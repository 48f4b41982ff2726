"""Plain rows of records for lists and exports: never ORM objects, always a bounded page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, cast, func, or_, select

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import (
    Animal,
    Base,
    Certification,
    Lot,
    Member,
    Package,
    PlantingBatch,
    Plot,
    Product,
)
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
    hidden: tuple[str, ...] = ("version",)


LISTINGS: dict[str, Listing] = {
    "lots": Listing(Lot, ("code", "grade", "status"), "code"),
    "members": Listing(Member, ("code", "name", "village", "township", "phone"), "code"),
    "plots": Listing(Plot, ("code", "name", "village"), "code"),
    "batches": Listing(PlantingBatch, ("code", "season", "seed_lot"), "code"),
    "animals": Listing(Animal, ("ear_tag", "eid", "breed", "herd"), "ear_tag"),
    "labels": Listing(Package, ("template", "printer", "printed_by"), "serial"),
    "certifications": Listing(Certification, ("number", "certifier"), "number"),
    "products": Listing(Product, ("code", "name_zh", "name_en", "variety"), "code"),
}


def _query(listing: Listing, search: str | None) -> Select[Any]:
    model = listing.model
    query = select(model)
    if search:
        pattern = f"%{search.strip()}%"
        # Enum columns are compared as their text, so "held" finds held lots.
        query = query.where(or_(*(cast(getattr(model, column), String).ilike(pattern)
                                  for column in listing.search)))
    return query


def count_records(db: Database, actor: Actor, kind: str, search: str | None = None) -> int:
    listing = _listing(kind)
    with reading(db, actor) as session:
        inner = _query(listing, search).subquery()
        return int(session.execute(select(func.count()).select_from(inner)).scalar_one())


def list_records(db: Database, actor: Actor, kind: str, *, search: str | None = None,
                 limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """A page of records of ``kind`` as dicts keyed by the records' own field names."""
    listing = _listing(kind)
    if limit < 1:
        raise ValidationError("value.not_positive", field="limit", value=limit)
    if limit > MAX_PAGE:
        raise ValidationError("value.too_large", field="limit", value=limit, maximum=MAX_PAGE)
    model = listing.model
    with reading(db, actor) as session:
        query = (_query(listing, search).order_by(getattr(model, listing.order), model.id)
                 .limit(limit).offset(offset))
        rows = [snapshot(record) for record in session.execute(query).scalars()]
        if kind in ("lots", "labels", "batches"):
            _add_codes(session, kind, rows)
    for row in rows:
        for name in listing.hidden:
            row.pop(name, None)
    return rows


def _add_codes(session: Any, kind: str, rows: list[dict[str, Any]]) -> None:
    """Put the codes people know beside the keys: a label's lot, a lot's product."""
    if kind == "labels":
        ids = {row["lot_id"] for row in rows}
        codes = dict(session.execute(select(Lot.id, Lot.code).where(Lot.id.in_(ids))).all())
        for row in rows:
            row["lot"] = codes.get(row["lot_id"])
    else:
        ids = {row["product_id"] for row in rows}
        codes = dict(session.execute(select(Product.id, Product.code)
                                     .where(Product.id.in_(ids))).all())
        for row in rows:
            row["product"] = codes.get(row["product_id"])


def _listing(kind: str) -> Listing:
    if kind not in LISTINGS:
        raise ValidationError("value.bad_choice", field="kind", value=kind,
                              choices=", ".join(LISTINGS))
    return LISTINGS[kind]
