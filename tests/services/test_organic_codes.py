"""有机码: a certifier's pool imported whole or not at all, each code used once on a label of a
lot in the certificate's scope, never beyond the pool or the certified quantity."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from coop_desktop.domain.errors import PermissionDenied, RuleViolation, ValidationError
from coop_desktop.domain.models import AuditEntry, OrganicCode, Package, Role
from coop_desktop.services.certifications import record_certification
from coop_desktop.services.labels import print_labels
from coop_desktop.services.lots import release_lot
from coop_desktop.services.organic_codes import (
    allocate_organic_codes,
    import_organic_codes,
    organic_code_usage,
    parse_codes,
    set_certified_quantity,
)
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.sales import LineInput, record_shipment, register_customer
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import (
    TODAY,
    audit_ok,
    counts,
    days_ago,
    harvested_lot,
    make_product,
    passing_test,
)

POOL = [f"12426{number:012d}" for number in (381920475561, 381920475562, 381920475563,
                                             381920475564, 381920475565)]


def _setup(db: Database) -> dict[str, int]:
    wolfberry = make_product(db, "WB", "鲜枸杞")
    crop, in_scope = harvested_lot(db, "WB-IN", "40", wolfberry, batch="B1", plot="P1",
                                   member="M1")
    _, outside = harvested_lot(db, "WB-OUT", "40", wolfberry, batch="B2", plot="P2",
                               member="M2")
    melon = make_product(db, "HM", "蜜瓜")
    _, melons = harvested_lot(db, "HM-1", "40", melon, batch="B3", plot="P3", member="M3")
    organic = record_certification(db, SYSTEM, scheme="organic", number="124OP2600001",
                                   certifier="中绿华夏", valid_from=days_ago(100),
                                   valid_until=TODAY + dt.timedelta(days=265),
                                   product_ids=[wolfberry], plot_ids=[crop.plot_id],
                                   member_ids=[crop.member_id])
    green = record_certification(db, SYSTEM, scheme="green_food", number="LB-1",
                                 certifier="中国绿色食品发展中心", valid_from=days_ago(100),
                                 valid_until=TODAY + dt.timedelta(days=265),
                                 product_ids=[melon])
    for number, lot in enumerate((in_scope, outside, melons), start=1):
        passing_test(db, lot, f"Q-{number}")
        print_labels(db, SYSTEM, lot_id=lot, count=3, net_weights=["5", "5", "5"])
    set_certified_quantity(db, SYSTEM, organic, wolfberry, "25")
    assert import_organic_codes(db, SYSTEM, organic, POOL, source="中绿华夏 2026-03") == 5
    return {"organic": organic, "green": green, "in": in_scope, "out": outside,
            "melons": melons, "wolfberry": wolfberry}


def _used(db: Database) -> dict[str, int | None]:
    with db.read() as session:
        return dict(session.execute(select(OrganicCode.code, OrganicCode.package_id))
                    .tuples().all())


def test_codes_go_once_each_to_labels_of_a_lot_in_scope(coop: Database) -> None:
    ids = _setup(coop)
    uses = allocate_organic_codes(coop, actor_for(Role.PACKER), ids["organic"], ids["in"])
    assert [use.code for use in uses] == POOL[:3]
    assert len({use.serial for use in uses}) == 3
    used = _used(coop)
    assert sum(package is not None for package in used.values()) == 3

    # Never twice: the lot has no label left without a code, and a coded label is refused.
    with pytest.raises(RuleViolation) as again:
        allocate_organic_codes(coop, SYSTEM, ids["organic"], ids["in"])
    assert again.value.code == "organic.no_packages"
    with coop.read() as session:
        first = session.execute(select(Package.id).where(Package.lot_id == ids["in"])
                                .order_by(Package.serial)).scalars().first()
    assert first is not None
    with pytest.raises(RuleViolation) as coded:
        allocate_organic_codes(coop, SYSTEM, ids["organic"], ids["in"], [first])
    assert coded.value.code == "organic.package_has_code" and POOL[0] in str(coded.value)
    assert _used(coop) == used

    usage = organic_code_usage(coop, SYSTEM, ids["organic"])
    assert (usage.pool, usage.used, usage.left) == (5, 3, 2)
    assert [row.code for row in usage.log] == POOL[:3]
    balance = usage.balances[0]
    assert (balance.certified, balance.coded, balance.sold) == (Decimal(25), Decimal(15),
                                                                Decimal(0))

    # Sold under the certificate: shipped from the coded lot.
    release_lot(coop, SYSTEM, ids["in"])
    customer = register_customer(coop, SYSTEM, code="C1", name="网店", kind="online_shop")
    record_shipment(coop, SYSTEM, code="FH-1", customer_id=customer, shipped_on=TODAY,
                    lines=[LineInput(ids["in"], "10", "30")])
    assert organic_code_usage(coop, SYSTEM, ids["organic"]).balances[0].sold == Decimal(10)
    assert audit_ok(coop)


def test_refused_beyond_the_certified_quantity_and_beyond_the_pool(coop: Database) -> None:
    ids = _setup(coop)
    allocate_organic_codes(coop, SYSTEM, ids["organic"], ids["in"])  # 15 of 25 kg
    print_labels(coop, SYSTEM, lot_id=ids["in"], count=3, net_weights=["5", "5", "5"])
    before = _used(coop), counts(coop, AuditEntry)
    with pytest.raises(RuleViolation) as over:
        allocate_organic_codes(coop, SYSTEM, ids["organic"], ids["in"])
    assert over.value.code == "organic.over_quantity"
    assert "30" in str(over.value) and "25" in str(over.value)
    assert (_used(coop), counts(coop, AuditEntry)) == before

    set_certified_quantity(coop, SYSTEM, ids["organic"], ids["wolfberry"], "100")
    with pytest.raises(RuleViolation) as short:
        allocate_organic_codes(coop, SYSTEM, ids["organic"], ids["in"])
    assert short.value.code == "organic.pool_short"
    assert (short.value.params["left"], short.value.params["needed"]) == (2, 3)
    assert _used(coop) == before[0]


def test_refused_for_a_lot_outside_the_certificate(coop: Database) -> None:
    ids = _setup(coop)
    with pytest.raises(RuleViolation) as plots:
        allocate_organic_codes(coop, SYSTEM, ids["organic"], ids["out"])
    assert plots.value.code == "organic.scope_plots" and "P2" in str(plots.value)
    with pytest.raises(RuleViolation) as product:
        allocate_organic_codes(coop, SYSTEM, ids["organic"], ids["melons"])
    assert product.value.code == "organic.scope_product"
    with pytest.raises(RuleViolation) as scheme:
        allocate_organic_codes(coop, SYSTEM, ids["green"], ids["melons"])
    assert scheme.value.code == "organic.not_organic"
    assert all(package is None for package in _used(coop).values())


def test_a_pool_is_imported_whole_or_not_at_all(coop: Database) -> None:
    ids = _setup(coop)
    before = counts(coop, OrganicCode, AuditEntry)
    fresh = "12426999999999999"
    for codes, code in (([fresh, "1242699999999999"], "organic.code_format"),
                        ([fresh, "12426ABC999999999"], "organic.code_format"),
                        ([fresh, fresh], "organic.code_twice"),
                        ([fresh, POOL[2]], "organic.code_taken"),
                        ([], "organic.no_codes")):
        with pytest.raises(ValidationError) as caught:
            import_organic_codes(coop, SYSTEM, ids["organic"], codes)
        assert caught.value.code == code
    assert counts(coop, OrganicCode, AuditEntry) == before
    with pytest.raises(RuleViolation):
        import_organic_codes(coop, SYSTEM, ids["green"], [fresh])
    with pytest.raises(PermissionDenied):
        import_organic_codes(coop, actor_for(Role.PACKER), ids["organic"], [fresh])
    assert counts(coop, OrganicCode, AuditEntry) == before
    # A certifier's CSV: code in the first column, a header comment, spaces inside.
    assert parse_codes("# 有机码,批次\n124 26 000000000001,A\n\n12426000000000002\n") == [
        "12426000000000001", "12426000000000002"]
