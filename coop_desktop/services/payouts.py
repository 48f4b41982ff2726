"""Member payouts: the charges the members agreed to, a year's statement per member from their
deliveries (weight × the unit price of the delivery's grade, less charges), the payouts
recorded from it, and the benefit report — the income that reached registered poor
(建档立卡户) and monitored (监测户) households against the poverty line.

Payouts and charges are money decisions of the board: they take ``MANAGE_COOPERATIVE``
(managers and administrators). Payout accounts leave this module masked to their last four
digits, and nothing here logs a member's personal data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.models import (
    ChargeRule,
    Member,
    MemberDelivery,
    Payout,
    PayoutLine,
    PovertyStatus,
    Product,
)
from coop_desktop.domain.payout_rules import (
    POVERTY_LINE_YEAR,
    POVERTY_LINE_YUAN,
    Charge,
    delivery_amounts,
    per_person,
    to_fen,
)
from coop_desktop.services.permissions import Actor, Permission, require
from coop_desktop.services.work import (
    get_for_edit,
    non_negative,
    past_date,
    required_text,
    to_date,
    to_int,
    unit_of_work,
)
from coop_desktop.storage.database import Database

ZERO = Decimal("0.00")


# --- charges ----------------------------------------------------------------------------------

def add_charge_rule(db: Database, actor: Actor, *, name: str, product_id: int | None = None,
                    per_kg: Decimal | str | float = 0, percent: Decimal | str | float = 0,
                    valid_from: dt.date | str | None = None,
                    valid_until: dt.date | str | None = None, notes: str = "") -> int:
    """An agreed charge per kg and/or percent, for one product or (no product) every one."""
    with unit_of_work(db, actor, Permission.MANAGE_COOPERATIVE) as work:
        rate = non_negative(per_kg, "per_kg", maximum=Decimal(1000))
        share = non_negative(percent, "percent", maximum=Decimal(100))
        if rate == 0 and share == 0:
            raise ValidationError("charge.empty", field="per_kg")
        start = to_date(valid_from, "valid_from") if valid_from else None
        end = to_date(valid_until, "valid_until") if valid_until else None
        if start and end and end < start:
            raise ValidationError("date.order", field="valid_until", value=end.isoformat(),
                                  other_field="valid_from", other=start.isoformat())
        if product_id is not None and work.session.get(Product, product_id) is None:
            raise ValidationError("not_found", field="product_id", entity="product",
                                  value=product_id)
        rule = ChargeRule(cooperative_id=work.cooperative().id, product_id=product_id,
                          name=required_text(name, "name"), per_kg=rate, percent=share,
                          valid_from=start, valid_until=end, notes=notes)
        work.session.add(rule)
        work.session.flush()
        work.audit("create", rule)
        return rule.id


def _charges(session: Session) -> list[Charge]:
    return [Charge(rule.name, rule.product_id, rule.per_kg, rule.percent, rule.valid_from,
                   rule.valid_until, product or "")
            for rule, product in session.execute(
                select(ChargeRule, Product.name_zh)
                .outerjoin(Product, Product.id == ChargeRule.product_id)
                .where(ChargeRule.active.is_(True)).order_by(ChargeRule.id))]


# --- the statement ----------------------------------------------------------------------------

@dataclass(frozen=True)
class StatementLine:
    delivery_id: int
    delivery: str
    delivered_on: dt.date
    product: str
    grade: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    gross: Decimal
    charges: Decimal
    net: Decimal
    payout: str | None  # the payout that paid it, if recorded


@dataclass
class MemberStatement:
    member_id: int
    code: str
    name: str
    village: str
    household_size: int
    poverty_status: PovertyStatus
    poverty_since_year: int | None
    poverty_exit_year: int | None
    bank: str
    account: str  # masked: the last four digits only
    lines: list[StatementLine] = field(default_factory=list)

    @property
    def quantity(self) -> Decimal:
        return sum((line.quantity for line in self.lines), Decimal(0))

    @property
    def gross(self) -> Decimal:
        return sum((line.gross for line in self.lines), ZERO)

    @property
    def charges(self) -> Decimal:
        return sum((line.charges for line in self.lines), ZERO)

    @property
    def net(self) -> Decimal:
        return sum((line.net for line in self.lines), ZERO)

    @property
    def net_per_person(self) -> Decimal:
        return per_person(self.net, self.household_size)

    def poor_in(self, year: int) -> bool:
        """Registered (建档立卡) or monitored (监测户) by ``year``."""
        return (self.poverty_status != PovertyStatus.NONE
                and (self.poverty_since_year is None or self.poverty_since_year <= year))


@dataclass
class PayoutStatement:
    year: int
    members: list[MemberStatement]
    unpriced: list[tuple[str, str]]  # (delivery code, member code) without a unit price
    charges: list[Charge]

    @property
    def quantity(self) -> Decimal:
        return sum((member.quantity for member in self.members), Decimal(0))

    @property
    def gross(self) -> Decimal:
        return sum((member.gross for member in self.members), ZERO)

    @property
    def charges_total(self) -> Decimal:
        return sum((member.charges for member in self.members), ZERO)

    @property
    def net(self) -> Decimal:
        return sum((member.net for member in self.members), ZERO)


def mask_account(account: str | None) -> str:
    digits = (account or "").strip()
    return f"**** {digits[-4:]}" if len(digits) >= 4 else ""


def check_year(value: Any, today: dt.date | None = None) -> int:
    maximum = (today or dt.date.today()).year + 1
    year = to_int(value, "year")
    if not 2000 <= year <= maximum:
        raise ValidationError("payout.year", field="year", value=value, maximum=maximum)
    return year


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def statement_in(session: Session, year: int) -> PayoutStatement:
    """The year's statement inside the caller's session: recorded payouts as recorded, other
    priced deliveries at the charges in force now."""
    first, last = _year_bounds(year)
    charges = _charges(session)
    paid = {row.delivery_id: row for row in session.execute(
        select(PayoutLine.delivery_id, PayoutLine.gross, PayoutLine.charges, PayoutLine.net,
               Payout.code)
        .join(Payout, Payout.id == PayoutLine.payout_id)
        .join(MemberDelivery, MemberDelivery.id == PayoutLine.delivery_id)
        .where(MemberDelivery.delivered_on.between(first, last)))}
    members: dict[int, MemberStatement] = {}
    unpriced: list[tuple[str, str]] = []
    rows = session.execute(
        select(MemberDelivery, Member, Product.name_zh)
        .join(Member, Member.id == MemberDelivery.member_id)
        .join(Product, Product.id == MemberDelivery.product_id)
        .where(MemberDelivery.delivered_on.between(first, last))
        .order_by(Member.code, MemberDelivery.delivered_on, MemberDelivery.code))
    for delivery, member, product in rows:
        if delivery.unit_price is None:
            unpriced.append((delivery.code, member.code))
            continue
        statement = members.get(member.id)
        if statement is None:
            statement = members[member.id] = MemberStatement(
                member.id, member.code, member.name, member.village, member.household_size,
                member.poverty_status, member.poverty_since_year, member.poverty_exit_year,
                member.payout_bank or "", mask_account(member.payout_account))
        recorded = paid.get(delivery.id)
        if recorded is not None:
            gross, charged, net, code = (recorded.gross, recorded.charges, recorded.net,
                                         recorded.code)
        else:
            amounts = delivery_amounts(delivery.product_id, delivery.delivered_on,
                                       delivery.quantity, delivery.unit_price, charges)
            gross, charged, net, code = amounts.gross, amounts.charges, amounts.net, None
        statement.lines.append(StatementLine(
            delivery.id, delivery.code, delivery.delivered_on, product, delivery.grade,
            delivery.quantity, delivery.unit, delivery.unit_price, gross, charged, net, code))
    return PayoutStatement(year, list(members.values()), unpriced, charges)


def payout_statement(db: Database, actor: Actor, year: int | str) -> PayoutStatement:
    """What each member earned in ``year``; reading it takes the right to manage payouts."""
    checked = check_year(year)
    require(actor, Permission.MANAGE_COOPERATIVE)  # amounts per household are personal
    with db.read() as session:
        return statement_in(session, checked)


# --- recording and paying ---------------------------------------------------------------------

def record_payouts(db: Database, actor: Actor, year: int | str) -> list[str]:
    """One payout per member for the year's priced deliveries not paid before; the codes.

    Refused, with nothing written, while any delivery of the year has no unit price (the
    payout would be short) or when there is nothing left to pay."""
    checked = check_year(year)
    with unit_of_work(db, actor, Permission.MANAGE_COOPERATIVE) as work:
        session = work.session
        statement = statement_in(session, checked)
        if statement.unpriced:
            code, member_code = statement.unpriced[0]
            raise RuleViolation("payout.unpriced", field="year", year=checked,
                                count=len(statement.unpriced), code=code, member=member_code)
        counts: dict[int, int] = defaultdict(int)
        for member_id, in session.execute(select(Payout.member_id).where(
                Payout.year == checked)):
            counts[member_id] += 1
        payouts: list[Payout] = []
        for member in statement.members:
            due = [line for line in member.lines if line.payout is None]
            if not due:
                continue
            counts[member.member_id] += 1
            payout = Payout(
                code=f"PO{checked}-{member.code}-{counts[member.member_id]:02d}",
                member_id=member.member_id, year=checked,
                quantity=sum((line.quantity for line in due), Decimal(0)),
                gross=sum((line.gross for line in due), ZERO),
                charges=sum((line.charges for line in due), ZERO),
                net=sum((line.net for line in due), ZERO))
            payout.lines = [PayoutLine(delivery_id=line.delivery_id, quantity=line.quantity,
                                       unit_price=line.unit_price, gross=line.gross,
                                       charges=line.charges, net=line.net) for line in due]
            session.add(payout)
            payouts.append(payout)
        if not payouts:
            raise RuleViolation("payout.nothing", field="year", year=checked)
        session.flush()
        work.audit_many("create", payouts,
                        [f"{len(payout.lines)} deliveries of {checked}" for payout in payouts])
        return [payout.code for payout in payouts]


def mark_paid(db: Database, actor: Actor, payout_id: int, *, paid_on: dt.date | str,
              reference: str = "", version: int | None = None) -> None:
    """The money left the co-op's account: the day and the transfer's reference."""
    with unit_of_work(db, actor, Permission.MANAGE_COOPERATIVE) as work:
        payout, before = get_for_edit(work.session, Payout, payout_id, version)
        if payout.paid_on is not None:
            raise RuleViolation("payout.paid", code=payout.code, day=payout.paid_on.isoformat())
        payout.paid_on = past_date(paid_on, "paid_on")
        payout.reference = reference.strip()[:80]
        work.audit("update", payout, before, reason="paid")


# --- the benefit report -----------------------------------------------------------------------

@dataclass(frozen=True)
class BenefitRow:
    code: str
    name: str
    village: str
    status: PovertyStatus
    since_year: int | None
    exit_year: int | None
    household_size: int
    quantity: Decimal
    net: Decimal
    net_per_person: Decimal

    @property
    def share_of_line(self) -> Decimal:
        """The co-op income per person as a percent of the poverty line."""
        return to_fen(self.net_per_person * 100 / POVERTY_LINE_YUAN)


@dataclass
class BenefitReport:
    year: int
    rows: list[BenefitRow]
    members_net: Decimal  # paid to every member household
    members_count: int
    poverty_line: Decimal = POVERTY_LINE_YUAN
    poverty_line_year: int = POVERTY_LINE_YEAR

    def total(self, status: PovertyStatus | None = None) -> Decimal:
        return sum((row.net for row in self.rows if status is None or row.status == status),
                   ZERO)

    def count(self, status: PovertyStatus | None = None) -> int:
        return sum(1 for row in self.rows if status is None or row.status == status)

    @property
    def above_line(self) -> int:
        return sum(1 for row in self.rows if row.net_per_person >= self.poverty_line)

    @property
    def share_of_members(self) -> Decimal:
        if not self.members_net:
            return ZERO
        return to_fen(self.total() * 100 / self.members_net)


def benefit_from(statement: PayoutStatement) -> BenefitReport:
    rows = [BenefitRow(member.code, member.name, member.village, member.poverty_status,
                       member.poverty_since_year, member.poverty_exit_year,
                       member.household_size, member.quantity, member.net,
                       member.net_per_person)
            for member in statement.members if member.poor_in(statement.year)]
    return BenefitReport(statement.year, rows, statement.net, len(statement.members))


def benefit_report(db: Database, actor: Actor, year: int | str) -> BenefitReport:
    return benefit_from(payout_statement(db, actor, year))
