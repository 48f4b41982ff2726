"""Planting batches, their field activities and inputs, and harvests (PHI enforced)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.models import (
    ActivityKind,
    BatchStatus,
    FieldActivity,
    Harvest,
    PlantingBatch,
    Plot,
    Product,
    Weighing,
)
from coop_desktop.domain.rules import Application, blocking_application
from coop_desktop.services.audit import snapshot
from coop_desktop.services.members import MAX_PLOT_MU
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.weighings import WeighingInput, store_weighing, weighed_quantity
from coop_desktop.services.work import (
    apply_changes,
    choice,
    ensure_unique,
    get_for_edit,
    past_date,
    positive_quantity,
    required_text,
    to_date,
    to_int,
    unit_of_work,
)
from coop_desktop.storage.database import Database

MAX_PHI_DAYS = 365

BATCH_FIELDS: dict[str, Any] = {
    "season": lambda value: required_text(value, "season"),
    "planted_on": lambda value: to_date(value, "planted_on"),
    "seed_source": lambda value: value or "",
    "seed_lot": lambda value: value or "",
    "area_mu": lambda value: positive_quantity(value, "area_mu", MAX_PLOT_MU),
    "status": choice(BatchStatus, "status"),
}


def register_batch(db: Database, actor: Actor, *, code: str, plot_id: int, product_id: int,
                   season: str, planted_on: dt.date | str,
                   area_mu: Decimal | str | float | None = None, **fields: Any) -> int:
    with unit_of_work(db, actor, Permission.MANAGE_PRODUCTION) as work:
        plot = work.session.get(Plot, plot_id)
        if plot is None:
            raise ValidationError("not_found", field="plot_id", entity="plot", value=plot_id)
        if work.session.get(Product, product_id) is None:
            raise ValidationError("not_found", field="product_id", entity="product",
                                  value=product_id)
        batch = PlantingBatch(code=normalize_code(code), plot_id=plot.id, product_id=product_id,
                              status=BatchStatus.GROWING)
        apply_changes(batch, {"season": season, "planted_on": planted_on,
                              "area_mu": area_mu if area_mu is not None else plot.area_mu,
                              **fields}, BATCH_FIELDS)
        if batch.area_mu > plot.area_mu:
            raise ValidationError("value.too_large", field="area_mu", value=batch.area_mu,
                                  maximum=plot.area_mu)
        ensure_unique(work.session, PlantingBatch, "code", batch.code, "planting batch")
        work.session.add(batch)
        work.audit("create", batch)
        return batch.id


def edit_batch(db: Database, actor: Actor, batch_id: int, version: int | None,
               **changes: Any) -> None:
    with unit_of_work(db, actor, Permission.MANAGE_PRODUCTION) as work:
        batch, before = get_for_edit(work.session, PlantingBatch, batch_id, version)
        apply_changes(batch, changes, BATCH_FIELDS)
        work.audit("edit", batch, before)


def _phi_days(value: Any) -> int | None:
    if value in (None, ""):
        return None
    days = to_int(value, "phi_days")
    if days < 0 or days > MAX_PHI_DAYS:
        raise ValidationError("value.too_large" if days > 0 else "value.negative",
                              field="phi_days", value=value, maximum=MAX_PHI_DAYS)
    return days


ACTIVITY_FIELDS: dict[str, Any] = {
    "kind": choice(ActivityKind, "kind"),
    "performed_on": lambda value: past_date(value, "performed_on"),
    "operator": lambda value: value or "",
    "input_name": lambda value: value or None,
    "input_registration_no": lambda value: value or None,
    "active_ingredient": lambda value: value or None,
    "input_lot": lambda value: value.strip() if value else None,
    "amount": lambda value: positive_quantity(value, "amount") if value is not None else None,
    "amount_unit": lambda value: value or None,
    "area_mu": lambda value: (positive_quantity(value, "area_mu", MAX_PLOT_MU)
                              if value is not None else None),
    "phi_days": _phi_days,
    "notes": lambda value: value or "",
}


def record_activity(db: Database, actor: Actor, *, batch_id: int, kind: ActivityKind | str,
                    performed_on: dt.date | str, **fields: Any) -> int:
    """Add a field-record entry; a plant-protection entry needs its input and its PHI."""
    with unit_of_work(db, actor, Permission.MANAGE_PRODUCTION) as work:
        if work.session.get(PlantingBatch, batch_id) is None:
            raise ValidationError("not_found", field="batch_id", entity="planting batch",
                                  value=batch_id)
        activity = FieldActivity(batch_id=batch_id)
        apply_changes(activity, {"kind": kind, "performed_on": performed_on, **fields},
                      ACTIVITY_FIELDS)
        if activity.kind == ActivityKind.PLANT_PROTECTION:
            required_text(activity.input_name, "input_name")
            if activity.phi_days is None:
                raise ValidationError("value.required", field="phi_days")
        work.session.add(activity)
        work.audit("create", activity)
        return activity.id


def batch_applications(session: Session, batch_id: int) -> list[Application]:
    """The batch's inputs that carry a pre-harvest interval."""
    rows = session.execute(
        select(FieldActivity.input_name, FieldActivity.performed_on, FieldActivity.phi_days,
               FieldActivity.input_lot)
        .where(FieldActivity.batch_id == batch_id, FieldActivity.phi_days.is_not(None))
    ).all()
    return [Application(name or "?", applied_on, phi or 0, lot)
            for name, applied_on, phi, lot in rows]


def check_harvest_allowed(session: Session, batch_id: int, on: dt.date) -> None:
    blocking = blocking_application(batch_applications(session, batch_id), on)
    if blocking is not None:
        raise RuleViolation("phi.harvest_blocked", field="harvested_on", input=blocking.name,
                            applied_on=blocking.applied_on.isoformat(),
                            phi_days=blocking.waiting_days,
                            allowed_on=blocking.allowed_on.isoformat())


def record_harvest(db: Database, actor: Actor, *, batch_id: int, harvested_on: dt.date | str,
                   quantity: Decimal | str | float | None = None, grade: str = "",
                   weighing: WeighingInput | None = None, operator: str = "") -> int:
    """Record a harvest; refused inside a pre-harvest interval, naming the input and dates.
    With a weighing (stored with its raw frame) the quantity is its net weight."""
    with unit_of_work(db, actor, Permission.MANAGE_PRODUCTION) as work:
        batch = work.session.get(PlantingBatch, batch_id)
        if batch is None:
            raise ValidationError("not_found", field="batch_id", entity="planting batch",
                                  value=batch_id)
        day = past_date(harvested_on, "harvested_on")
        if day < batch.planted_on:
            raise ValidationError("date.order", field="harvested_on", value=day.isoformat(),
                                  other_field="planted_on", other=batch.planted_on.isoformat())
        if weighing is not None:
            amount = weighed_quantity(weighing, batch.product.unit, "quantity")
        elif quantity is not None:
            amount = positive_quantity(quantity, "quantity")
        else:
            raise ValidationError("value.required", field="quantity")
        check_harvest_allowed(work.session, batch.id, day)
        stored: Weighing | None = store_weighing(work.session, weighing) if weighing else None
        harvest = Harvest(batch_id=batch.id, harvested_on=day, quantity=amount,
                          unit=batch.product.unit, grade=grade, operator=operator or actor.username,
                          weighing_id=stored.id if stored else None)
        work.session.add(harvest)
        if batch.status == BatchStatus.GROWING:
            batch_before = snapshot(batch)
            batch.status = BatchStatus.HARVESTING
            work.session.flush()
            work.audit("harvest_started", batch, batch_before)
        work.audit("create", harvest)
        return harvest.id
