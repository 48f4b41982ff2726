"""Member payouts: totals to the cent from deliveries × prices less charges, recorded once per
delivery, the benefit report's totals for poor households, and who may do it."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import select

from coop_desktop.domain.errors import PermissionDenied, RuleViolation, ValidationError
from coop_desktop.domain.models import AuditEntry, Payout, PayoutLine, PovertyStatus, Role
from coop_desktop.domain.payout_rules import POVERTY_LINE_YUAN
from coop_desktop.services.deliveries import record_delivery
from coop_desktop.services.payouts import (
    add_charge_rule,
    benefit_report,
    mark_paid,
    payout_statement,
    record_payouts,
)
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import TODAY, audit_ok, counts, make_member, make_product

YEAR = TODAY.year - 1
CENT = Decimal("0.01")

# (member, product, day of the year, kg, grade, yuan per kg)
DELIVERIES = [
    ("M001", "HM", 3, "1234.567", "一级", "3.37"),
    ("M001", "HM", 40, "88.005", "特级", "4.15"),
    ("M001", "WB", 200, "12.345", "一级", "11.99"),
    ("M002", "HM", 41, "501.5", "二级", "2.63"),
    ("M002", "WB", 250, "0.333", "一级", "12.01"),
    ("M003", "WB", 251, "77.777", "一级", "9.87"),
    ("M004", "HM", 300, "1000", "一级", "3.10"),
]
# M001 registered poor since 2014 (left poverty 2018), M002 monitored since YEAR,
# M003 monitored only from the year after, M004 not poor.
MEMBERS = {
    "M001": {"poverty_status": "registered", "poverty_since_year": 2014,
             "poverty_exit_year": 2018, "household_size": 4},
    "M002": {"poverty_status": "monitored", "poverty_since_year": YEAR, "household_size": 3},
    "M003": {"poverty_status": "monitored", "poverty_since_year": YEAR + 1,
             "household_size": 2},
    "M004": {"household_size": 5},
}


def _day(number: int) -> dt.date:
    return dt.date(YEAR, 1, 1) + dt.timedelta(days=number - 1)


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _setup(db: Database) -> dict[str, int]:
    products = {"HM": make_product(db, "HM", "蜜瓜"), "WB": make_product(db, "WB", "鲜枸杞")}
    members = {code: make_member(db, code, payout_account="6228480012345678901",
                                 payout_bank="中国农业银行", **fields)
               for code, fields in MEMBERS.items()}
    for number, (member, product, day, kg, grade, price) in enumerate(DELIVERIES, start=1):
        record_delivery(db, SYSTEM, code=f"JS-{number:03d}", member_id=members[member],
                        product_id=products[product], delivered_on=_day(day), quantity=kg,
                        grade=grade, unit_price=price)
    # 2 % management fee on everything; 0.0500 yuan/kg packing on melons until day 100;
    # 0.35 yuan/kg plus 1.5 % for wolfberry drying.
    add_charge_rule(db, SYSTEM, name="管理费", percent="2")
    add_charge_rule(db, SYSTEM, name="包装费", product_id=products["HM"], per_kg="0.05",
                    valid_until=_day(100))
    add_charge_rule(db, SYSTEM, name="烘干费", product_id=products["WB"], per_kg="0.35",
                    percent="1.5")
    return members


def _expected() -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    """Gross, charges and net per member, worked out here by hand from the rules above."""
    totals: dict[str, tuple[Decimal, Decimal, Decimal]] = {}
    for member, product, day, kg, _, price in DELIVERIES:
        quantity, gross = Decimal(kg), _round(Decimal(kg) * Decimal(price))
        charges = _round(gross * Decimal("0.02"))
        if product == "HM" and day <= 100:
            charges += _round(quantity * Decimal("0.05"))
        if product == "WB":
            charges += _round(quantity * Decimal("0.35") + gross * Decimal("0.015"))
        old = totals.get(member, (Decimal(0), Decimal(0), Decimal(0)))
        totals[member] = (old[0] + gross, old[1] + charges, old[2] + gross - charges)
    return totals


def test_payout_totals_are_deliveries_times_prices_less_charges_to_the_cent(
        coop: Database) -> None:
    _setup(coop)
    expected = _expected()
    statement = payout_statement(coop, SYSTEM, YEAR)

    got = {member.code: (member.gross, member.charges, member.net)
           for member in statement.members}
    assert got == expected
    assert statement.net == sum(net for _, _, net in expected.values())
    assert statement.gross - statement.charges_total == statement.net
    assert all(isinstance(member.net, Decimal) for member in statement.members)
    # The first delivery, by hand: 1234.567 kg × 3.37 = 4160.49079 → 4160.49; 2 % = 83.21;
    # packing 1234.567 × 0.05 = 61.72835 → 61.73.
    first = statement.members[0].lines[0]
    assert (first.gross, first.charges, first.net) == (
        Decimal("4160.49"), Decimal("144.94"), Decimal("4015.55"))
    assert statement.members[0].account == "**** 8901"

    codes = record_payouts(coop, SYSTEM, YEAR)
    assert codes == [f"PO{YEAR}-M00{number}-01" for number in range(1, 5)]
    with coop.read() as session:
        payouts = {payout.member.code: payout for payout in session.execute(
            select(Payout)).scalars()}
        assert {code: (p.gross, p.charges, p.net) for code, p in payouts.items()} == expected
        for payout in payouts.values():
            assert payout.net == sum((line.net for line in payout.lines), Decimal(0))
        assert len(list(session.execute(select(PayoutLine)).scalars())) == len(DELIVERIES)
        members = {code: payout.member_id for code, payout in payouts.items()}
    assert audit_ok(coop)

    # Each delivery is paid once: recording again finds nothing, and a later delivery gets a
    # payout of its own while the statement keeps what was paid.
    with pytest.raises(RuleViolation) as nothing:
        record_payouts(coop, SYSTEM, YEAR)
    assert nothing.value.code == "payout.nothing"
    record_delivery(coop, SYSTEM, code="JS-LATE", member_id=members["M004"],
                    product_id=_product(coop, "HM"), delivered_on=_day(340), quantity="10",
                    grade="一级", unit_price="3.00")
    assert record_payouts(coop, SYSTEM, str(YEAR)) == [f"PO{YEAR}-M004-02"]
    again = payout_statement(coop, SYSTEM, YEAR)
    assert again.net == statement.net + Decimal("30.00") - Decimal("0.60")


def _product(db: Database, code: str) -> int:
    from coop_desktop.domain.models import Product

    with db.read() as session:
        return session.execute(select(Product.id).where(Product.code == code)).scalar_one()


def test_a_delivery_without_a_price_stops_the_payouts_before_anything_is_written(
        coop: Database) -> None:
    members = _setup(coop)
    record_delivery(coop, SYSTEM, code="JS-NOPRICE", member_id=members["M002"],
                    product_id=_product(coop, "HM"), delivered_on=_day(60), quantity="30")
    before = counts(coop, Payout, PayoutLine, AuditEntry)
    with pytest.raises(RuleViolation) as caught:
        record_payouts(coop, SYSTEM, YEAR)
    assert caught.value.code == "payout.unpriced"
    assert "JS-NOPRICE" in str(caught.value) and "M002" in str(caught.value)
    assert counts(coop, Payout, PayoutLine, AuditEntry) == before
    # The statement still shows it, set apart.
    assert payout_statement(coop, SYSTEM, YEAR).unpriced == [("JS-NOPRICE", "M002")]


def test_benefit_report_totals_for_poor_and_monitored_households(coop: Database) -> None:
    _setup(coop)
    expected = _expected()
    report = benefit_report(coop, SYSTEM, YEAR)

    # M003 became a monitored household only the year after: not counted for YEAR.
    assert [row.code for row in report.rows] == ["M001", "M002"]
    assert report.total(PovertyStatus.REGISTERED) == expected["M001"][2]
    assert report.total(PovertyStatus.MONITORED) == expected["M002"][2]
    assert report.total() == expected["M001"][2] + expected["M002"][2]
    assert report.members_net == sum(net for _, _, net in expected.values())
    assert report.members_count == 4
    assert report.share_of_members == _round(report.total() * 100 / report.members_net)
    first = report.rows[0]
    assert first.net_per_person == _round(expected["M001"][2] / 4)
    assert first.share_of_line == _round(first.net_per_person * 100 / POVERTY_LINE_YUAN)
    assert report.above_line == sum(1 for row in report.rows
                                    if row.net_per_person >= POVERTY_LINE_YUAN)


@pytest.mark.parametrize("role", [Role.PACKER, Role.CLERK, Role.AUDITOR, Role.QUALITY_OFFICER])
def test_only_managers_record_payouts_and_charges(coop: Database, role: Role) -> None:
    _setup(coop)
    actor = actor_for(role)
    before = counts(coop, Payout, AuditEntry)
    for attempt in (lambda: record_payouts(coop, actor, YEAR),
                    lambda: add_charge_rule(coop, actor, name="x", per_kg="1"),
                    lambda: payout_statement(coop, actor, YEAR)):
        with pytest.raises(PermissionDenied):
            attempt()
    assert counts(coop, Payout, AuditEntry) == before
    assert record_payouts(coop, actor_for(Role.MANAGER), YEAR)


def test_paid_once_and_bad_input(coop: Database) -> None:
    _setup(coop)
    record_payouts(coop, SYSTEM, YEAR)
    with coop.read() as session:
        payout_id = session.execute(select(Payout.id).order_by(Payout.id)).scalars().first()
    assert payout_id is not None
    mark_paid(coop, SYSTEM, payout_id, paid_on=TODAY, reference="TRF-0001")
    with pytest.raises(RuleViolation) as twice:
        mark_paid(coop, SYSTEM, payout_id, paid_on=TODAY)
    assert twice.value.code == "payout.paid"

    for fields, code in (({"per_kg": "0", "percent": "0"}, "charge.empty"),
                         ({"percent": "120"}, "value.too_large"),
                         ({"per_kg": "-1"}, "value.negative")):
        with pytest.raises(ValidationError) as caught:
            add_charge_rule(coop, SYSTEM, name="x", **fields)  # type: ignore[arg-type]
        assert caught.value.code == code
    for year in ("1999", "20x6", str(TODAY.year + 2)):
        with pytest.raises(ValidationError):
            payout_statement(coop, SYSTEM, year)
    assert audit_ok(coop)
