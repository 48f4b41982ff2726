"""Lots: made from harvests, deliveries or animals; split, merged and processed with mass
balance enforced; released only with a passing quality record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coop_desktop.domain.codes import normalize_lot_code
from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.models import (
    Animal,
    AnimalEventKind,
    AnimalStatus,
    Harvest,
    Lot,
    LotLink,
    LotSource,
    LotStatus,
    MemberDelivery,
    PlantingBatch,
    Product,
    QualityRecord,
    QualityResult,
    ShipmentLine,
    Transformation,
    TransformationKind,
)
from coop_desktop.domain.rules import MassBalance
from coop_desktop.services.audit import snapshot
from coop_desktop.services.livestock import add_event, check_withdrawal
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.work import (
    Work,
    ensure_unique,
    get_for_edit,
    non_negative,
    past_date,
    positive_quantity,
    required_text,
    to_date,
    unit_of_work,
)
from coop_desktop.storage.database import Database

SourceKind = Literal["harvest", "delivery", "animal"]


@dataclass(frozen=True)
class SourceInput:
    kind: SourceKind
    record_id: int
    quantity: Decimal | str | float


@dataclass(frozen=True)
class OutputInput:
    code: str
    quantity: Decimal | str | float
    product_id: int | None = None  # processing makes another product; split and merge keep it
    grade: str = ""


# --- what is left ------------------------------------------------------------------------

def harvest_available(session: Session, harvest: Harvest) -> Decimal:
    used = session.execute(select(func.coalesce(func.sum(LotSource.quantity), 0))
                           .where(LotSource.harvest_id == harvest.id)).scalar_one()
    return harvest.quantity - Decimal(used)


def delivery_available(session: Session, delivery: MemberDelivery) -> Decimal:
    used = session.execute(select(func.coalesce(func.sum(LotSource.quantity), 0))
                           .where(LotSource.delivery_id == delivery.id)).scalar_one()
    return delivery.quantity - Decimal(used)


def lot_available(session: Session, lot: Lot) -> Decimal:
    """What is left of a lot after transformations and shipments took their part."""
    linked = session.execute(select(func.coalesce(func.sum(LotLink.quantity), 0))
                             .where(LotLink.parent_lot_id == lot.id)).scalar_one()
    shipped = session.execute(select(func.coalesce(func.sum(ShipmentLine.quantity), 0))
                              .where(ShipmentLine.lot_id == lot.id)).scalar_one()
    return lot.quantity - Decimal(linked) - Decimal(shipped)


def _exhausted(name: str, available: Decimal, requested: Decimal, unit: str) -> RuleViolation:
    return RuleViolation("mass_balance.source_exhausted", source=name, available=available,
                         requested=requested, unit=unit)


def _product(session: Session, product_id: int) -> Product:
    product = session.get(Product, product_id)
    if product is None:
        raise ValidationError("not_found", field="product_id", entity="product",
                              value=product_id)
    return product


def _new_lot(work: Work, code: str, product: Product, quantity: Decimal, **fields: object) -> Lot:
    lot_code = normalize_lot_code(code)
    ensure_unique(work.session, Lot, "code", lot_code, "lot")
    shelf = product.shelf_life_days
    pack_date = fields.get("pack_date")
    best_before = (pack_date + dt.timedelta(days=shelf)
                   if isinstance(pack_date, dt.date) and shelf else None)
    lot = Lot(cooperative_id=work.cooperative().id, code=lot_code, product_id=product.id,
              quantity=quantity, unit=product.unit, status=LotStatus.OPEN,
              best_before=best_before, **fields)
    work.session.add(lot)
    return lot


# --- first-generation lots ----------------------------------------------------------------

def create_lot(db: Database, actor: Actor, *, code: str, product_id: int,
               sources: list[SourceInput], grade: str = "",
               pack_date: dt.date | str | None = None, notes: str = "") -> int:
    """Make a lot from harvests, member deliveries or animals (slaughter: withdrawal checked).

    Each source gives at most what is left of it; the lot's quantity is the sum taken.
    """
    if not sources:
        raise ValidationError("lot.no_sources")
    with unit_of_work(db, actor, Permission.MANAGE_LOTS) as work:
        session = work.session
        product = _product(session, product_id)
        total = Decimal(0)
        rows: list[LotSource] = []
        harvest_dates: list[dt.date] = []
        slaughtered: list[Animal] = []
        # A source named twice in one call gives at most what is left of it in all.
        taken: dict[tuple[str, int], Decimal] = {}
        for source in sources:
            amount = positive_quantity(source.quantity, "quantity")
            if source.kind == "harvest":
                harvest = session.get(Harvest, source.record_id)
                if harvest is None:
                    raise ValidationError("not_found", field="harvest_id", entity="harvest",
                                          value=source.record_id)
                batch = session.get(PlantingBatch, harvest.batch_id)
                assert batch is not None
                if batch.product_id != product.id:
                    raise RuleViolation("lot.product_mismatch", source=f"harvest {harvest.id}",
                                        source_product=batch.product.name_zh,
                                        product=product.name_zh)
                key = ("harvest", harvest.id)
                available = harvest_available(session, harvest) - taken.get(key, Decimal(0))
                taken[key] = taken.get(key, Decimal(0)) + amount
                if amount > available:
                    raise _exhausted(f"harvest {batch.code} {harvest.harvested_on}", available,
                                     amount, product.unit)
                rows.append(LotSource(harvest_id=harvest.id, quantity=amount))
                harvest_dates.append(harvest.harvested_on)
            elif source.kind == "delivery":
                delivery = session.get(MemberDelivery, source.record_id)
                if delivery is None:
                    raise ValidationError("not_found", field="delivery_id", entity="delivery",
                                          value=source.record_id)
                if delivery.product_id != product.id:
                    raise RuleViolation("lot.product_mismatch", source=delivery.code,
                                        source_product=_product(session,
                                                                delivery.product_id).name_zh,
                                        product=product.name_zh)
                key = ("delivery", delivery.id)
                available = delivery_available(session, delivery) - taken.get(key, Decimal(0))
                taken[key] = taken.get(key, Decimal(0)) + amount
                if amount > available:
                    raise _exhausted(delivery.code, available, amount, product.unit)
                rows.append(LotSource(delivery_id=delivery.id, quantity=amount))
                harvest_dates.append(delivery.delivered_on)
            elif source.kind == "animal":
                animal = session.get(Animal, source.record_id, with_for_update=True)
                if animal is None:
                    raise ValidationError("not_found", field="animal_id", entity="animal",
                                          value=source.record_id)
                if animal.status != AnimalStatus.ALIVE or animal in slaughtered:
                    status = (AnimalStatus.SLAUGHTERED if animal in slaughtered
                              else animal.status)
                    raise RuleViolation("animal.not_alive", ear_tag=animal.ear_tag,
                                        status=status.value)
                day = past_date(pack_date or dt.date.today(), "pack_date")
                check_withdrawal(session, animal, day, "slaughter")
                rows.append(LotSource(animal_id=animal.id, quantity=amount))
                harvest_dates.append(day)
                slaughtered.append(animal)
            else:
                raise ValidationError("value.bad_choice", field="kind", value=source.kind,
                                      choices="harvest, delivery, animal")
            total += amount
        lot = _new_lot(work, code, product, total, grade=grade, notes=notes,
                       harvest_date=max(harvest_dates),
                       pack_date=to_date(pack_date, "pack_date") if pack_date else None)
        session.flush()
        for row in rows:
            row.lot_id = lot.id
            session.add(row)
        work.audit("create", lot)
        for animal in slaughtered:
            before = snapshot(animal)
            event = add_event(session, animal, AnimalEventKind.SLAUGHTER,
                               lot.harvest_date or dt.date.today(), actor.username,
                               notes=f"lot {lot.code}")
            work.audit("create", event)
            animal.status = AnimalStatus.SLAUGHTERED
            work.audit("status_slaughtered", animal, before)
        return lot.id


# --- split, merge, process ----------------------------------------------------------------

def transform(db: Database, actor: Actor, *, kind: TransformationKind | str,
              inputs: list[tuple[int, Decimal | str | float]], outputs: list[OutputInput],
              loss: Decimal | str | float = 0, loss_reason: str = "",
              occurred_on: dt.date | str | None = None,
              pack_date: dt.date | str | None = None) -> list[int]:
    """Split, merge or process lots. Outputs may not exceed the inputs less the declared loss;
    each input gives at most what is left of it. Returns the new lots' ids."""
    transformation_kind = TransformationKind(kind)
    if not inputs or not outputs:
        raise ValidationError("lot.no_sources")
    with unit_of_work(db, actor, Permission.MANAGE_LOTS) as work:
        session = work.session
        day = past_date(occurred_on or dt.date.today(), "occurred_on")
        declared_loss = non_negative(loss, "loss")
        # A lot named twice as an input counts once, with the two amounts added.
        wanted: dict[int, Decimal] = {}
        for lot_id, quantity in inputs:
            wanted[lot_id] = wanted.get(lot_id, Decimal(0)) + positive_quantity(quantity,
                                                                                "quantity")
        parents: list[tuple[Lot, Decimal]] = []
        for lot_id, amount in wanted.items():
            parent = session.get(Lot, lot_id, with_for_update=True)
            if parent is None:
                raise ValidationError("not_found", field="lot_id", entity="lot", value=lot_id)
            if parent.status in (LotStatus.RECALLED, LotStatus.CONSUMED, LotStatus.SHIPPED):
                raise RuleViolation("lot.not_usable", code=parent.code,
                                    status=parent.status.value)
            available = lot_available(session, parent)
            if amount > available:
                raise _exhausted(parent.code, available, amount, parent.unit)
            parents.append((parent, amount))
        input_total = sum((amount for _, amount in parents), Decimal(0))
        output_amounts = [positive_quantity(output.quantity, "quantity") for output in outputs]
        balance = MassBalance(inputs=input_total, outputs=sum(output_amounts, Decimal(0)),
                              loss=declared_loss)
        if not balance.holds:
            raise RuleViolation("mass_balance.outputs_exceed", outputs=balance.outputs,
                                loss=balance.loss, inputs=balance.inputs,
                                unit=parents[0][0].unit)
        first_product = parents[0][0].product
        if transformation_kind != TransformationKind.PROCESS:
            for parent, _ in parents:
                if parent.product_id != first_product.id:
                    raise RuleViolation("lot.product_mismatch", source=parent.code,
                                        source_product=parent.product.name_zh,
                                        product=first_product.name_zh)
        step = Transformation(kind=transformation_kind, occurred_on=day,
                              input_quantity=input_total, output_quantity=balance.outputs,
                              loss_quantity=declared_loss, loss_reason=loss_reason,
                              operator=actor.username)
        session.add(step)
        session.flush()
        harvest_date = min((parent.harvest_date for parent, _ in parents
                            if parent.harvest_date), default=None)
        children: list[Lot] = []
        for output, amount in zip(outputs, output_amounts, strict=True):
            if transformation_kind == TransformationKind.PROCESS and output.product_id:
                product = _product(session, output.product_id)
            else:
                product = first_product
            child = _new_lot(work, output.code, product, amount, grade=output.grade,
                             harvest_date=harvest_date,
                             pack_date=to_date(pack_date, "pack_date") if pack_date else None)
            children.append(child)
        session.flush()
        # Each parent's contribution is shared among the outputs in proportion to their size;
        # the last output takes the remainder so the shares add up to the amount exactly.
        for parent, amount in parents:
            given = Decimal(0)
            for index, (child, child_amount) in enumerate(zip(children, output_amounts,
                                                              strict=True)):
                if index == len(children) - 1:
                    share = amount - given
                else:
                    share = (amount * child_amount / balance.outputs).quantize(Decimal("0.001"))
                given += share
                session.add(LotLink(transformation_id=step.id, parent_lot_id=parent.id,
                                    child_lot_id=child.id, quantity=share))
        session.flush()
        for child in children:
            work.audit(f"create_by_{transformation_kind.value}", child,
                       reason=", ".join(parent.code for parent, _ in parents))
        for parent, amount in parents:
            before = snapshot(parent)
            left = lot_available(session, parent)
            if left <= 0:
                parent.status = LotStatus.CONSUMED
            work.audit(f"used_in_{transformation_kind.value}", parent, before,
                       reason=f"{amount} {parent.unit} -> "
                              + ", ".join(child.code for child in children))
        return [child.id for child in children]


def split_lot(db: Database, actor: Actor, lot_id: int, outputs: list[OutputInput],
              loss: Decimal | str | float = 0, loss_reason: str = "",
              occurred_on: dt.date | str | None = None,
              pack_date: dt.date | str | None = None) -> list[int]:
    amounts = sum((Decimal(str(output.quantity)) for output in outputs), Decimal(0))
    return transform(db, actor, kind=TransformationKind.SPLIT,
                     inputs=[(lot_id, amounts + Decimal(str(loss)))], outputs=outputs,
                     loss=loss, loss_reason=loss_reason, occurred_on=occurred_on,
                     pack_date=pack_date)


def merge_lots(db: Database, actor: Actor, inputs: list[tuple[int, Decimal | str | float]],
               output_code: str, loss: Decimal | str | float = 0, loss_reason: str = "",
               occurred_on: dt.date | str | None = None,
               pack_date: dt.date | str | None = None) -> int:
    total = sum((Decimal(str(quantity)) for _, quantity in inputs), Decimal(0))
    output = OutputInput(code=output_code, quantity=total - Decimal(str(loss)))
    return transform(db, actor, kind=TransformationKind.MERGE, inputs=inputs, outputs=[output],
                     loss=loss, loss_reason=loss_reason, occurred_on=occurred_on,
                     pack_date=pack_date)[0]


def process_lots(db: Database, actor: Actor, inputs: list[tuple[int, Decimal | str | float]],
                 outputs: list[OutputInput], loss: Decimal | str | float = 0,
                 loss_reason: str = "", occurred_on: dt.date | str | None = None,
                 pack_date: dt.date | str | None = None) -> list[int]:
    return transform(db, actor, kind=TransformationKind.PROCESS, inputs=inputs,
                     outputs=outputs, loss=loss, loss_reason=loss_reason,
                     occurred_on=occurred_on, pack_date=pack_date)


# --- release and hold ---------------------------------------------------------------------

def latest_quality(session: Session, lot_id: int) -> QualityRecord | None:
    return session.execute(select(QualityRecord).where(QualityRecord.lot_id == lot_id)
                           .order_by(QualityRecord.tested_on.desc(), QualityRecord.id.desc())
                           .limit(1)).scalar_one_or_none()


def quality_passed(session: Session, lot: Lot) -> tuple[bool, QualityRecord | None]:
    """Whether a lot has passed its test: its own latest record, or, for a lot split or merged
    from tested lots, every parent's. Processing makes a new product that needs its own test."""
    record = latest_quality(session, lot.id)
    if record is not None:
        return record.result == QualityResult.PASS, record
    links = session.execute(
        select(LotLink.parent_lot_id, Transformation.kind)
        .join(Transformation, Transformation.id == LotLink.transformation_id)
        .where(LotLink.child_lot_id == lot.id)).all()
    if not links or any(kind == TransformationKind.PROCESS for _, kind in links):
        return False, None
    for parent_id, _ in links:
        parent = session.get(Lot, parent_id)
        assert parent is not None
        passed, failing = quality_passed(session, parent)
        if not passed:
            return False, failing
    return True, None


def release_lot(db: Database, actor: Actor, lot_id: int) -> None:
    with unit_of_work(db, actor, Permission.RELEASE_LOTS) as work:
        lot, before = get_for_edit(work.session, Lot, lot_id, None)
        if lot.status not in (LotStatus.OPEN, LotStatus.HELD):
            raise RuleViolation("lot.status_change", code=lot.code, status=lot.status.value,
                                target=LotStatus.RELEASED.value)
        passed, record = quality_passed(work.session, lot)
        if not passed:
            if record is not None:
                raise RuleViolation("lot.release_failed_test", code=lot.code, record=record.code)
            raise RuleViolation("lot.release_needs_pass", code=lot.code)
        lot.status = LotStatus.RELEASED
        work.audit("release", lot, before)


def hold_lot(db: Database, actor: Actor, lot_id: int, reason: str) -> None:
    reason = required_text(reason, "reason")
    with unit_of_work(db, actor, Permission.RELEASE_LOTS) as work:
        lot, before = get_for_edit(work.session, Lot, lot_id, None)
        if lot.status not in (LotStatus.OPEN, LotStatus.RELEASED):
            raise RuleViolation("lot.status_change", code=lot.code, status=lot.status.value,
                                target=LotStatus.HELD.value)
        lot.status = LotStatus.HELD
        work.audit("hold", lot, before, reason=reason)


def suggest_lot_code(db: Database, product_code: str, day: dt.date) -> str:
    """A short code people can say aloud: PRODUCT + YYMMDD + NN (``MELO24120401``).

    For a product with a GTIN the code is all digits, YYMMDD + NN (``24120401``): eight digits
    keep GS1-128 (01)(10) in code set C, 52 mm with its quiet zones, so it fits a 60 mm crate
    label, and keep the Digital Link QR at version 4 (labels-and-printing.md §7)."""
    with db.read() as session:
        gtin = session.execute(select(Product.gtin).where(Product.code == product_code)
                               ).scalar_one_or_none()
        letters = "" if gtin else "".join(ch for ch in product_code.upper() if ch.isalnum())[:4]
        prefix = letters + day.strftime("%y%m%d")
        taken = set(session.execute(select(Lot.code).where(Lot.code.like(f"{prefix}%"))
                                    ).scalars())
    number = 1
    while f"{prefix}{number:02d}" in taken:
        number += 1
    return f"{prefix}{number:02d}"
