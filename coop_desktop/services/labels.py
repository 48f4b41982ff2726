"""Label serials and the package register.

Serials come from one counter row per cooperative. Taking serials and writing the package rows
happen in one transaction: either both land or neither, so serials are unique and gap-free,
also when several PCs print against one PostgreSQL server (the counter row is locked by the
``UPDATE … RETURNING`` until the transaction ends).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.models import (
    Lot,
    LotStatus,
    Package,
    PackageStatus,
    Role,
    SerialCounter,
)
from coop_desktop.services.audit import record_audit
from coop_desktop.services.lots import quality_passed
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.work import positive_quantity, unit_of_work
from coop_desktop.storage.database import Database

MAX_LABELS_PER_RUN = 100_000


def take_serials(session: Session, cooperative_id: int, count: int) -> range:
    """Reserve ``count`` consecutive serials inside the caller's transaction."""
    if not 1 <= count <= MAX_LABELS_PER_RUN:
        raise ValidationError("serial.count", value=count, maximum=MAX_LABELS_PER_RUN)
    next_serial = session.execute(
        update(SerialCounter)
        .where(SerialCounter.cooperative_id == cooperative_id)
        .values(next_serial=SerialCounter.next_serial + count)
        .returning(SerialCounter.next_serial)
    ).scalar_one()
    return range(next_serial - count, next_serial)


def print_labels(db: Database, actor: Actor, *, lot_id: int, count: int,
                 net_weights: Sequence[Decimal | str | float | None] | None = None,
                 template: str = "", printer: str = "",
                 override_reason: str | None = None) -> list[int]:
    """Register ``count`` labels of a lot and return their serials.

    A lot without a passing quality record gets no label unless a manager overrides with a
    written reason (audited).
    """
    weights = list(net_weights) if net_weights is not None else [None] * count
    if len(weights) != count:
        raise ValidationError("serial.count", value=len(weights), maximum=count)
    with unit_of_work(db, actor, Permission.PRINT_LABELS) as work:
        session = work.session
        lot = session.get(Lot, lot_id)
        if lot is None:
            raise ValidationError("not_found", field="lot_id", entity="lot", value=lot_id)
        if lot.status in (LotStatus.RECALLED, LotStatus.HELD, LotStatus.CONSUMED):
            raise RuleViolation("lot.not_usable", code=lot.code, status=lot.status.value)
        passed, _ = quality_passed(session, lot)
        may_override = (actor.role in (Role.ADMIN, Role.MANAGER)
                        and bool(override_reason and override_reason.strip()))
        if not passed and not may_override:
            raise RuleViolation("lot.release_needs_pass", code=lot.code)
        serials = take_serials(session, lot.cooperative_id, count)
        session.add_all([
            Package(cooperative_id=lot.cooperative_id, serial=serial, lot_id=lot.id,
                    net_weight=positive_quantity(weight, "net_weight") if weight else None,
                    unit=lot.unit, template=template, printer=printer,
                    printed_by=actor.username)
            for serial, weight in zip(serials, weights, strict=True)])
        record_audit(session, actor, "print_labels", entity="packages", entity_id=None,
                     entity_code=lot.code,
                     after={"lot": lot.code, "first_serial": serials.start,
                            "last_serial": serials.stop - 1, "count": count,
                            "template": template, "printer": printer},
                     reason=override_reason)
        return list(serials)


def void_label(db: Database, actor: Actor, *, serial: int, reason: str) -> None:
    with unit_of_work(db, actor, Permission.PRINT_LABELS) as work:
        package = work.session.execute(
            select(Package).where(Package.serial == serial,
                                  Package.cooperative_id == work.cooperative().id)
        ).scalar_one_or_none()
        if package is None:
            raise ValidationError("not_found", field="serial", entity="label", value=serial)
        package.status = PackageStatus.VOIDED
        package.void_reason = reason
        record_audit(work.session, actor, "void_label", entity="packages",
                     entity_id=package.id, entity_code=str(serial),
                     after={"serial": serial, "status": "voided"}, reason=reason)
