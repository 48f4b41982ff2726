"""Small builders the service tests share: plain functions over the real services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from coop_desktop.domain.models import AuditEntry, Base
from coop_desktop.services.audit import verify_audit
from coop_desktop.services.lots import SourceInput, create_lot
from coop_desktop.services.members import register_member, register_plot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.production import record_harvest, register_batch
from coop_desktop.services.products import register_product
from coop_desktop.services.quality import ParameterInput, record_quality
from coop_desktop.storage.database import Database

TODAY = dt.date.today()


# --- builders shared by the service tests ---------------------------------------------------

def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def rows(db: Database, model: type[Base]) -> int:
    """How many rows a table holds now."""
    with db.read() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def audit_count(db: Database) -> int:
    return rows(db, AuditEntry)


def audit_ok(db: Database) -> bool:
    with db.read() as session:
        report = verify_audit(session)
    assert report.ok, [problem.description for problem in report.problems]
    return report.ok


def last_audit(db: Database) -> AuditEntry:
    with db.read() as session:
        entry = session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)
                                ).scalar_one()
        session.expunge(entry)
        return entry


def load(db: Database, model: type[Any], record_id: int) -> Any:
    with db.read() as session:
        record = session.get(model, record_id)
        assert record is not None
        session.expunge(record)
        return record


@dataclass(frozen=True)
class Crop:
    member_id: int
    plot_id: int
    product_id: int
    batch_id: int


def make_product(db: Database, code: str = "MELON", name_zh: str = "白兰瓜",
                 **fields: Any) -> int:
    return register_product(db, SYSTEM, code=code, name_zh=name_zh,
                            kind=fields.pop("kind", "crop"), **fields)


def make_member(db: Database, code: str = "M001", **fields: Any) -> int:
    fields.setdefault("name", f"户主{code}")
    fields.setdefault("village", "黄羊镇新村")
    return register_member(db, SYSTEM, code=code, joined_on=days_ago(1000), **fields)


def grow(db: Database, product_id: int, *, member: str = "M001", plot: str = "P001",
         batch: str = "B001", seed_lot: str = "", member_id: int | None = None,
         **member_fields: Any) -> Crop:
    """A member (new unless ``member_id``), a plot and a planting batch planted 120 days ago."""
    if member_id is None:
        member_id = make_member(db, member, **member_fields)
    plot_id = register_plot(db, SYSTEM, member_id=member_id, code=plot, area_mu="5.5",
                            land_type="irrigated")
    batch_id = register_batch(db, SYSTEM, code=batch, plot_id=plot_id, product_id=product_id,
                              season="2025", planted_on=days_ago(120), seed_lot=seed_lot)
    return Crop(member_id, plot_id, product_id, batch_id)


def harvest_of(db: Database, batch_id: int, quantity: str = "100", on: int = 20) -> int:
    return record_harvest(db, SYSTEM, batch_id=batch_id, harvested_on=days_ago(on),
                          quantity=quantity)


def lot_from(db: Database, code: str, harvest_id: int, quantity: str, product_id: int) -> int:
    return create_lot(db, SYSTEM, code=code, product_id=product_id,
                      sources=[SourceInput("harvest", harvest_id, quantity)],
                      pack_date=days_ago(19))


def passing_test(db: Database, lot_id: int, code: str, on: int = 15) -> int:
    return record_quality(db, SYSTEM, code=code, kind="rapid_residue", tested_on=days_ago(on),
                          parameters=[ParameterInput("有机磷和氨基甲酸酯类抑制率", "12.5", "50",
                                                     "%")], lot_id=lot_id)


def failing_test(db: Database, lot_id: int, code: str, on: int = 15) -> int:
    return record_quality(db, SYSTEM, code=code, kind="rapid_residue", tested_on=days_ago(on),
                          parameters=[ParameterInput("有机磷和氨基甲酸酯类抑制率", "72", "50",
                                                     "%")], lot_id=lot_id)


def harvested_lot(db: Database, code: str = "L001", quantity: str = "100",
                  product_id: int | None = None, batch: str = "B001",
                  plot: str = "P001", member: str = "M001") -> tuple[Crop, int]:
    """A product (unless given), a crop, a harvest of ``quantity`` and a lot of all of it."""
    if product_id is None:
        product_id = make_product(db)
    crop = grow(db, product_id, member=member, plot=plot, batch=batch)
    harvest_id = harvest_of(db, crop.batch_id, quantity)
    return crop, lot_from(db, code, harvest_id, quantity, product_id)


def nothing_new(db: Database, before: dict[type[Base], int]) -> None:
    assert {model: rows(db, model) for model in before} == before


def counts(db: Database, *models: type[Base]) -> dict[type[Base], int]:
    return {model: rows(db, model) for model in models}
