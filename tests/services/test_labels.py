"""Label serials: consecutive, never reused, only for lots that passed their test (or with a
manager's audited override)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.models import (
    AuditEntry,
    Package,
    PackageStatus,
    Role,
    SerialCounter,
)
from coop_desktop.services.labels import print_labels, void_label
from coop_desktop.services.lots import OutputInput, hold_lot, split_lot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import (
    audit_ok,
    counts,
    harvested_lot,
    last_audit,
    make_product,
    nothing_new,
    passing_test,
)

PACKER = actor_for(Role.PACKER)
MANAGER = actor_for(Role.MANAGER)


def packages(db: Database) -> list[tuple[int, int, Decimal | None, str]]:
    with db.read() as session:
        return [tuple(row) for row in session.execute(  # type: ignore[misc]
            select(Package.serial, Package.lot_id, Package.net_weight, Package.printed_by)
            .order_by(Package.serial))]


def test_serials_start_at_one_and_continue_across_calls_and_lots(coop: Database) -> None:
    product_id = make_product(coop)
    _, first = harvested_lot(coop, "L001", product_id=product_id)
    _, second = harvested_lot(coop, "L002", product_id=product_id, batch="B002", plot="P002",
                              member="M002")
    passing_test(coop, first, "Q-1")
    passing_test(coop, second, "Q-2")
    assert print_labels(coop, PACKER, lot_id=first, count=3,
                        net_weights=["5", "5.02", None]) == [1, 2, 3]
    assert print_labels(coop, PACKER, lot_id=second, count=2) == [4, 5]
    assert print_labels(coop, PACKER, lot_id=first, count=1) == [6]
    assert packages(coop) == [
        (1, first, Decimal(5), "test-packer"), (2, first, Decimal("5.02"), "test-packer"),
        (3, first, None, "test-packer"), (4, second, None, "test-packer"),
        (5, second, None, "test-packer"), (6, first, None, "test-packer")]
    entry = last_audit(coop)
    assert (entry.action, entry.entity_code, entry.reason) == ("print_labels", "L001", None)
    assert entry.after == {"lot": "L001", "first_serial": 6, "last_serial": 6, "count": 1,
                           "template": "", "printer": ""}
    assert audit_ok(coop)


def test_a_voided_serial_is_never_reused(coop: Database) -> None:
    _, lot_id = harvested_lot(coop)
    passing_test(coop, lot_id, "Q-1")
    print_labels(coop, PACKER, lot_id=lot_id, count=2)
    void_label(coop, PACKER, serial=2, reason="打印模糊")
    assert print_labels(coop, PACKER, lot_id=lot_id, count=1) == [3]
    with coop.read() as session:
        voided = session.execute(select(Package.status, Package.void_reason)
                                 .where(Package.serial == 2)).one()
        assert tuple(voided) == (PackageStatus.VOIDED, "打印模糊")
        reasons = session.execute(select(AuditEntry.reason)
                                  .where(AuditEntry.action == "void_label")).scalars().all()
    assert reasons == ["打印模糊"]


def test_labels_for_a_lot_without_a_passing_test_are_refused(coop: Database) -> None:
    _, lot_id = harvested_lot(coop)
    before = counts(coop, Package, AuditEntry)
    for actor, reason in ((PACKER, None), (PACKER, "客户急要"), (MANAGER, None),
                          (MANAGER, "")):
        with pytest.raises(RuleViolation) as caught:
            print_labels(coop, actor, lot_id=lot_id, count=2, override_reason=reason)
        assert caught.value.code == "lot.release_needs_pass"
        assert "L001" in str(caught.value)
    nothing_new(coop, before)
    with coop.read() as session:
        assert session.execute(select(SerialCounter.next_serial)).scalar_one() == 1


def test_a_blank_override_reason_is_no_reason(coop: Database) -> None:
    _, lot_id = harvested_lot(coop)
    before = counts(coop, Package, AuditEntry)
    with pytest.raises(RuleViolation) as caught:
        print_labels(coop, MANAGER, lot_id=lot_id, count=1, override_reason="   ")
    assert caught.value.code == "lot.release_needs_pass"
    nothing_new(coop, before)


def test_manager_override_is_audited_with_its_reason(coop: Database) -> None:
    _, lot_id = harvested_lot(coop)
    reason = "检测报告明天到，先贴标不发货"
    assert print_labels(coop, MANAGER, lot_id=lot_id, count=4, override_reason=reason) == [
        1, 2, 3, 4]
    entry = last_audit(coop)
    assert (entry.action, entry.username, entry.reason) == ("print_labels", "test-manager",
                                                            reason)
    assert entry.after is not None
    assert (entry.after["first_serial"], entry.after["last_serial"]) == (1, 4)
    assert audit_ok(coop)


def test_held_lot_gets_no_labels_and_split_children_of_a_passed_lot_do(coop: Database) -> None:
    _, lot_id = harvested_lot(coop)
    passing_test(coop, lot_id, "Q-1")
    children = split_lot(coop, SYSTEM, lot_id, [OutputInput("L001-A", "40"),
                                                OutputInput("L001-B", "60")])
    assert print_labels(coop, PACKER, lot_id=children[0], count=2) == [1, 2]
    hold_lot(coop, SYSTEM, children[1], reason="复检")
    with pytest.raises(RuleViolation) as caught:
        print_labels(coop, PACKER, lot_id=children[1], count=1)
    assert caught.value.code == "lot.not_usable"
    assert caught.value.params["status"] == "held"
    with pytest.raises(RuleViolation) as caught:
        print_labels(coop, PACKER, lot_id=lot_id, count=1)  # consumed by the split
    assert caught.value.params["status"] == "consumed"


@pytest.mark.parametrize(("count", "weights", "code"), [
    (0, None, "serial.count"),
    (100_001, None, "serial.count"),
    (2, ["5"], "serial.count"),
    (1, ["-5"], "value.not_positive"),
])
def test_bad_print_requests(coop: Database, count: int, weights: list[str] | None,
                            code: str) -> None:
    _, lot_id = harvested_lot(coop)
    passing_test(coop, lot_id, "Q-1")
    with pytest.raises(ValidationError) as caught:
        print_labels(coop, PACKER, lot_id=lot_id, count=count, net_weights=weights)
    assert caught.value.code == code
    assert counts(coop, Package)[Package] == 0
    assert print_labels(coop, PACKER, lot_id=lot_id, count=1) == [1]
