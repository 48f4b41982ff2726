"""有机码: the pool of 17-digit codes a certifier issues for an organic certificate, their use
one per package of a lot in the certificate's scope, and the usage log (有机标识的使用管理记录)
compared with the certified and the sold quantity (standards.md §8.4).

A code is used at most once (a unique package per code, a code per package); a lot outside the
certificate (product, origin plots, validity on the pack date) gets none; the quantity under
codes never exceeds the certified quantity of the product. Importing a pool and stating the
certified quantity take ``MANAGE_CERTIFICATIONS``; using codes is part of labelling
(``PRINT_LABELS``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.models import (
    Certification,
    CertifiedQuantity,
    Lot,
    OrganicCode,
    Package,
    PackageStatus,
    Product,
    Scheme,
    ShipmentLine,
)
from coop_desktop.domain.models.types import utc_now
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.services.audit import record_audit
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.trace import trace_in
from coop_desktop.services.work import positive_quantity, reading, unit_of_work
from coop_desktop.storage.database import Database

CODE_PATTERN = re.compile(r"^\d{17}$")


def parse_codes(text: str) -> list[str]:
    """The codes of a certifier's file: one a line (the first column of a CSV line), blank
    lines and ``#`` comments skipped; spaces inside a code are allowed. Refuses a malformed
    code or one given twice, naming its line."""
    codes: list[str] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        first = line.split(",")[0].strip().replace(" ", "")
        if not first or first.startswith("#"):
            continue
        if not CODE_PATTERN.match(first):
            raise ValidationError("organic.code_format", field="codes", value=first,
                                  line=number)
        if first in seen:
            raise ValidationError("organic.code_twice", field="codes", value=first,
                                  first=seen[first], line=number)
        seen[first] = number
        codes.append(first)
    return codes


def _organic(session: Session, certification_id: int) -> Certification:
    certification = session.get(Certification, certification_id)
    if certification is None:
        raise ValidationError("not_found", field="certification_id", entity="certificate",
                              value=certification_id)
    if certification.scheme != Scheme.ORGANIC:
        raise RuleViolation("organic.not_organic", number=certification.number,
                            scheme=name_of(certification.scheme))
    return certification


def set_certified_quantity(db: Database, actor: Actor, certification_id: int, product_id: int,
                           quantity: Decimal | str | float) -> None:
    """The quantity of a product the certificate allows to be sold as organic."""
    with unit_of_work(db, actor, Permission.MANAGE_CERTIFICATIONS) as work:
        session = work.session
        certification = session.get(Certification, certification_id)
        if certification is None:
            raise ValidationError("not_found", field="certification_id", entity="certificate",
                                  value=certification_id)
        if product_id not in {product.id for product in certification.products}:
            raise ValidationError("not_found", field="product_id", entity="product in scope",
                                  value=product_id)
        amount = positive_quantity(quantity, "quantity")
        row = session.execute(select(CertifiedQuantity).where(
            CertifiedQuantity.certification_id == certification_id,
            CertifiedQuantity.product_id == product_id)).scalar_one_or_none()
        before = None if row is None else {"quantity": format(row.quantity.normalize(), "f")}
        if row is None:
            row = CertifiedQuantity(certification_id=certification_id, product_id=product_id,
                                    quantity=amount)
            session.add(row)
        else:
            row.quantity = amount
        record_audit(session, work.actor, "certified_quantity", entity="certifications",
                     entity_id=None, entity_code=certification.number, before=before,
                     after={"product_id": product_id, "quantity": format(amount.normalize(),
                                                                         "f")})


def import_organic_codes(db: Database, actor: Actor, certification_id: int,
                         codes: Iterable[str], source: str = "") -> int:
    """Add a certifier's codes to an organic certificate's pool, all or none; how many."""
    wanted = parse_codes("\n".join(codes))
    if not wanted:
        raise ValidationError("organic.no_codes", field="codes")
    with unit_of_work(db, actor, Permission.MANAGE_CERTIFICATIONS) as work:
        session = work.session
        certification = _organic(session, certification_id)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            taken = session.execute(
                select(OrganicCode.code, Certification.number)
                .join(Certification, Certification.id == OrganicCode.certification_id)
                .where(OrganicCode.code.in_(chunk)).limit(1)).first()
            if taken is not None:
                raise ValidationError("organic.code_taken", field="codes", value=taken[0],
                                      number=taken[1])
        now = utc_now()
        session.add_all([OrganicCode(certification_id=certification.id, code=code,
                                     source=source.strip()[:200], imported_at=now)
                         for code in wanted])
        record_audit(session, work.actor, "import_organic_codes", entity="organic_codes",
                     entity_code=certification.number,
                     after={"count": len(wanted), "first": wanted[0], "last": wanted[-1],
                            "source": source.strip()[:200]})
        return len(wanted)


def _check_scope(session: Session, certification: Certification, lot: Lot) -> None:
    products = {product.id for product in certification.products}
    if lot.product_id not in products:
        raise RuleViolation("organic.scope_product", lot=lot.code, number=certification.number,
                            product=lot.product.name_zh)
    day = lot.pack_date or lot.harvest_date or dt.date.today()
    if not certification.valid_from <= day <= certification.valid_until:
        raise RuleViolation("organic.scope_date", lot=lot.code, number=certification.number,
                            day=day.isoformat(), since=certification.valid_from.isoformat(),
                            until=certification.valid_until.isoformat())
    story = trace_in(session, lot.code)
    origin = {plot["id"]: str(plot["code"]) for plot in story.plots}
    covered = {plot.id for plot in certification.plots}
    outside = sorted(code for plot_id, code in origin.items() if plot_id not in covered)
    if not origin or outside:
        raise RuleViolation("organic.scope_plots", lot=lot.code, number=certification.number,
                            plots=", ".join(outside) or "—")


def _certified(session: Session, certification: Certification, product: Product) -> Decimal:
    quantity = session.execute(select(CertifiedQuantity.quantity).where(
        CertifiedQuantity.certification_id == certification.id,
        CertifiedQuantity.product_id == product.id)).scalar_one_or_none()
    if quantity is None:
        raise RuleViolation("organic.no_certified_quantity", number=certification.number,
                            product=product.name_zh)
    return quantity


def _coded_quantity(session: Session, certification_id: int, product_id: int) -> Decimal:
    total = session.execute(
        select(func.sum(OrganicCode.quantity))
        .join(Lot, Lot.id == OrganicCode.lot_id)
        .where(OrganicCode.certification_id == certification_id,
               Lot.product_id == product_id)).scalar_one_or_none()
    return Decimal(total) if total is not None else Decimal(0)


@dataclass(frozen=True)
class CodeUse:
    serial: int
    code: str


def allocate_organic_codes(db: Database, actor: Actor, certification_id: int, lot_id: int,
                           package_ids: Sequence[int] | None = None) -> list[CodeUse]:
    """Give each printed label of a lot (all that have none, or those named) the next unused
    code of the certificate's pool; refused whole when the lot is outside the certificate, a
    label already has a code, the pool is short or the certified quantity would be passed."""
    with unit_of_work(db, actor, Permission.PRINT_LABELS) as work:
        session = work.session
        certification = _organic(session, certification_id)
        lot = session.get(Lot, lot_id)
        if lot is None:
            raise ValidationError("not_found", field="lot_id", entity="lot", value=lot_id)
        _check_scope(session, certification, lot)
        coded = dict(session.execute(
            select(OrganicCode.package_id, OrganicCode.code)
            .join(Package, Package.id == OrganicCode.package_id)
            .where(Package.lot_id == lot.id)).tuples().all())
        printed = {package.id: package for package in session.execute(
            select(Package).where(Package.lot_id == lot.id,
                                  Package.status == PackageStatus.PRINTED)
            .order_by(Package.serial)).scalars()}
        if package_ids is None:
            packages = [package for package_id, package in printed.items()
                        if package_id not in coded]
            if not packages:
                raise RuleViolation("organic.no_packages", lot=lot.code)
        else:
            packages = []
            for package_id in package_ids:
                package = printed.get(package_id)
                if package is None:
                    found = session.get(Package, package_id)
                    raise ValidationError("organic.package_not_of_lot", field="package_ids",
                                          serial=found.serial if found else package_id,
                                          lot=lot.code)
                if package_id in coded:
                    raise RuleViolation("organic.package_has_code", serial=package.serial,
                                        code=coded[package_id])
                packages.append(package)
        weights: list[Decimal] = []
        for package in packages:
            if package.net_weight is None:
                raise RuleViolation("organic.no_weight", serial=package.serial)
            weights.append(package.net_weight)
        adding = sum(weights, Decimal(0))
        certified = _certified(session, certification, lot.product)
        total = _coded_quantity(session, certification.id, lot.product_id) + adding
        if total > certified:
            raise RuleViolation("organic.over_quantity", number=certification.number,
                                product=lot.product.name_zh, adding=_num(adding),
                                total=_num(total), certified=_num(certified))
        pool = list(session.execute(
            select(OrganicCode).where(OrganicCode.certification_id == certification.id,
                                      OrganicCode.package_id.is_(None))
            .order_by(OrganicCode.id).limit(len(packages))
            .with_for_update()).scalars())
        if len(pool) < len(packages):
            raise RuleViolation("organic.pool_short", number=certification.number,
                                left=len(pool), needed=len(packages))
        now = utc_now()
        uses: list[CodeUse] = []
        for code, package in zip(pool, packages, strict=True):
            code.package_id = package.id
            code.lot_id = lot.id
            code.quantity = package.net_weight
            code.used_at = now
            code.used_by = work.actor.username
            uses.append(CodeUse(package.serial, code.code))
        session.flush()
        record_audit(session, work.actor, "use_organic_codes", entity="organic_codes",
                     entity_code=lot.code,
                     after={"certificate": certification.number, "lot": lot.code,
                            "quantity": _num(adding),
                            "codes": [f"{use.serial}:{use.code}" for use in uses]})
        return uses


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class ProductBalance:
    product: str
    certified: Decimal | None
    coded: Decimal  # net weight of the packages carrying a code
    sold: Decimal  # shipped from the lots carrying codes

    @property
    def left(self) -> Decimal | None:
        return None if self.certified is None else self.certified - self.coded


@dataclass(frozen=True)
class UsageRow:
    code: str
    lot: str
    serial: int
    quantity: Decimal | None
    used_at: dt.datetime
    used_by: str


@dataclass
class CodeUsage:
    number: str
    pool: int
    used: int
    balances: list[ProductBalance] = field(default_factory=list)
    log: list[UsageRow] = field(default_factory=list)

    @property
    def left(self) -> int:
        return self.pool - self.used


def organic_code_usage(db: Database, actor: Actor, certification_id: int) -> CodeUsage:
    """The usage log and, per product in scope, the certified, coded and sold quantities."""
    with reading(db, actor) as session:
        certification = _organic(session, certification_id)
        pool = session.execute(select(func.count()).select_from(OrganicCode).where(
            OrganicCode.certification_id == certification.id)).scalar_one()
        rows = list(session.execute(
            select(OrganicCode.code, Lot.code, Package.serial, OrganicCode.quantity,
                   OrganicCode.used_at, OrganicCode.used_by, Lot.product_id, Lot.id)
            .join(Package, Package.id == OrganicCode.package_id)
            .join(Lot, Lot.id == OrganicCode.lot_id)
            .where(OrganicCode.certification_id == certification.id)
            .order_by(OrganicCode.used_at, Package.serial)))
        usage = CodeUsage(certification.number, int(pool), len(rows))
        usage.log = [UsageRow(row[0], row[1], row[2], row[3], row[4], row[5] or "")
                     for row in rows]
        certified = dict(session.execute(
            select(CertifiedQuantity.product_id, CertifiedQuantity.quantity).where(
                CertifiedQuantity.certification_id == certification.id)).tuples().all())
        for product in certification.products:
            lot_ids = {row[7] for row in rows if row[6] == product.id}
            coded = sum((row[3] or Decimal(0) for row in rows if row[6] == product.id),
                        Decimal(0))
            sold = Decimal(0)
            if lot_ids:
                total = session.execute(select(func.sum(ShipmentLine.quantity)).where(
                    ShipmentLine.lot_id.in_(lot_ids))).scalar_one_or_none()
                sold = Decimal(total) if total is not None else Decimal(0)
            usage.balances.append(ProductBalance(product.name_zh, certified.get(product.id),
                                                 coded, sold))
        return usage
