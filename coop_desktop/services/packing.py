"""Packing a lot crate by crate at the scale: each stable weight registers one crate.

``pack_crate`` stores the weighing (raw frame kept), subtracts the crate's tare, takes the next
serial from the label counter and writes the package row, all in one unit of work; it answers
with the serial, the lot's running count and packed total, and a warning when the packed total
exceeds the lot's quantity (mass balance). ``undo_last_crate`` voids the last weighed crate
(the serial is never reused; the void is audited).

The label rules of ``print_labels`` apply to every crate: no crate of a lot that is held,
recalled or used up, none without a passing quality record or inside a pre-harvest interval,
unless a manager overrides with a written reason.

Printing seam (issue 5): the crate's row is committed before anything is printed, exactly as
``label_printing.issue_labels`` does it; the caller prints the label for ``PackedCrate.serial``
afterwards (``reprint_label``-style by serial), so a printer failure never loses a weighing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coop_desktop.domain import i18n
from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.messages import MESSAGES
from coop_desktop.domain.models import Lot, LotStatus, Package, PackageStatus, Product
from coop_desktop.services.audit import record_audit
from coop_desktop.services.label_content import lot_label_facts
from coop_desktop.services.label_printing import check_labelable
from coop_desktop.services.labels import take_serials
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.weighings import WeighingInput, check_weighing, store_weighing
from coop_desktop.services.work import non_negative, reading, required_text, unit_of_work
from coop_desktop.storage.database import Database

MAX_CRATE_TARE = Decimal(50)
PACKING_TEMPLATE = "crate-60x40"


@dataclass(frozen=True)
class PackingTally:
    """A lot's weighed crates so far (voided ones left out)."""

    lot_id: int
    lot: str
    count: int
    packed: Decimal
    quantity: Decimal
    unit: str
    warning: str | None = None


@dataclass(frozen=True)
class PackedCrate:
    serial: int
    package_id: int
    net_weight: Decimal
    tally: PackingTally


def _sentence(message: str, /, **params: Any) -> str:
    texts = MESSAGES[message]
    return (texts.get(i18n.language()) or texts["en"]).format(**params)


def _plain(value: Decimal) -> str:
    """33.800 as 33.8: a weight as people write it."""
    return format(value.normalize(), "f")


def _lot(session: Session, lot_id: int) -> Lot:
    lot = session.get(Lot, lot_id)
    if lot is None:
        raise ValidationError("not_found", field="lot_id", entity="lot", value=lot_id)
    return lot


def _tally(session: Session, lot: Lot) -> PackingTally:
    count, packed = session.execute(
        select(func.count(Package.id), func.coalesce(func.sum(Package.net_weight), 0))
        .where(Package.lot_id == lot.id, Package.status == PackageStatus.PRINTED,
               Package.weighing_id.is_not(None))
    ).one()
    total = Decimal(str(packed))
    warning = None
    if total > lot.quantity:
        warning = _sentence("packing.over_lot", packed=_plain(total), unit=lot.unit,
                            code=lot.code, quantity=_plain(lot.quantity))
    return PackingTally(lot.id, lot.code, int(count), total, lot.quantity, lot.unit, warning)


def packing_tally(db: Database, actor: Actor, lot_id: int) -> PackingTally:
    """The count and total of a lot's weighed crates, for the packing screen to start from."""
    with reading(db, actor) as session:
        return _tally(session, _lot(session, lot_id))


def pack_crate(db: Database, actor: Actor, lot_id: int, weighing: WeighingInput, *,
               crate_tare: Decimal | str = Decimal(0),
               override_reason: str | None = None) -> PackedCrate:
    """Register one crate of ``lot_id`` weighed as ``weighing`` (less ``crate_tare``)."""
    check_weighing(weighing)
    tare = non_negative(crate_tare, "crate_tare", MAX_CRATE_TARE)
    with unit_of_work(db, actor, Permission.PRINT_LABELS) as work:
        session = work.session
        lot = _lot(session, lot_id)
        overridden = check_labelable(session, actor, lot, lot_label_facts(session, lot),
                                     override_reason)
        if weighing.unit.strip().lower() != lot.unit.strip().lower():
            raise RuleViolation("weighing.unit_mismatch", field="weighing",
                                unit=weighing.unit, expected=lot.unit)
        crate = dataclasses.replace(weighing, tare=weighing.tare + tare,
                                    operator=weighing.operator or actor.username)
        if crate.net <= 0:
            raise ValidationError("packing.below_tare", field="weighing", gross=crate.gross,
                                  tare=crate.tare, unit=crate.unit)
        stored = store_weighing(session, crate)
        serial = take_serials(session, lot.cooperative_id, 1).start
        package = Package(cooperative_id=lot.cooperative_id, serial=serial, lot_id=lot.id,
                          net_weight=crate.net, unit=lot.unit, template=PACKING_TEMPLATE,
                          printed_by=actor.username, weighing_id=stored.id)
        session.add(package)
        session.flush()
        record_audit(session, actor, "pack_crate", entity="packages", entity_id=package.id,
                     entity_code=str(serial),
                     after={"lot": lot.code, "serial": serial, "net_weight": str(crate.net),
                            "tare": str(crate.tare), "device": crate.device,
                            "override": overridden},
                     reason=override_reason if overridden else None)
        return PackedCrate(serial, package.id, crate.net, _tally(session, lot))


def undo_last_crate(db: Database, actor: Actor, lot_id: int, reason: str) -> PackedCrate:
    """Void the lot's last weighed crate (audited with ``reason``); returns it with the new
    tally. Its serial stays used: a label may already be on the crate."""
    why = required_text(reason, "reason")
    with unit_of_work(db, actor, Permission.PRINT_LABELS) as work:
        session = work.session
        lot = _lot(session, lot_id)
        package = session.execute(
            select(Package).where(Package.lot_id == lot.id,
                                  Package.status == PackageStatus.PRINTED,
                                  Package.weighing_id.is_not(None))
            .order_by(Package.serial.desc()).limit(1)
        ).scalar_one_or_none()
        if package is None:
            raise RuleViolation("packing.nothing_to_undo", code=lot.code)
        package.status = PackageStatus.VOIDED
        package.void_reason = why
        session.flush()
        record_audit(session, actor, "void_label", entity="packages", entity_id=package.id,
                     entity_code=str(package.serial),
                     after={"serial": package.serial, "status": "voided", "lot": lot.code},
                     reason=why)
        return PackedCrate(package.serial, package.id, package.net_weight or Decimal(0),
                           _tally(session, lot))


@dataclass(frozen=True)
class PackableLot:
    lot_id: int
    code: str
    product: str
    grade: str
    quantity: Decimal
    unit: str
    packed: Decimal
    crates: int


def packable_lots(db: Database, actor: Actor) -> list[PackableLot]:
    """Released lots, newest first, with what has been packed of them: the packing station's
    choice of lot."""
    with reading(db, actor) as session:
        packed = {lot_id: (int(count), Decimal(str(total))) for lot_id, count, total in
                  session.execute(select(Package.lot_id, func.count(Package.id),
                                         func.coalesce(func.sum(Package.net_weight), 0))
                                  .where(Package.status == PackageStatus.PRINTED,
                                         Package.weighing_id.is_not(None))
                                  .group_by(Package.lot_id))}
        rows = session.execute(
            select(Lot.id, Lot.code, Product.name_zh, Lot.grade, Lot.quantity, Lot.unit)
            .join(Product, Product.id == Lot.product_id)
            .where(Lot.status == LotStatus.RELEASED)
            .order_by(Lot.pack_date.desc(), Lot.code.desc())).all()
    return [PackableLot(row.id, row.code, row.name_zh, row.grade, row.quantity, row.unit,
                        packed.get(row.id, (0, Decimal(0)))[1],
                        packed.get(row.id, (0, Decimal(0)))[0]) for row in rows]
