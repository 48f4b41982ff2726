"""Every role calling the services directly: what it may not do is refused and writes nothing;
what it may do works and is audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from coop_desktop.domain.errors import PermissionDenied
from coop_desktop.domain.i18n import set_language
from coop_desktop.domain.models import (
    AuditEntry,
    Customer,
    Lot,
    LotStatus,
    Member,
    Package,
    QualityRecord,
    Role,
    User,
)
from coop_desktop.services.certifications import record_certification
from coop_desktop.services.labels import print_labels
from coop_desktop.services.listing import list_records
from coop_desktop.services.lots import OutputInput, release_lot, split_lot
from coop_desktop.services.members import register_member
from coop_desktop.services.permissions import Actor
from coop_desktop.services.quality import ParameterInput, record_quality
from coop_desktop.services.sales import register_customer
from coop_desktop.services.trace import trace
from coop_desktop.services.users import add_user
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import (
    TODAY,
    audit_count,
    audit_ok,
    counts,
    days_ago,
    harvested_lot,
    load,
    passing_test,
)

Action = Callable[[Database, Actor, dict[str, int]], Any]

# Who may do what, as the design says: the auditor only reads; packers print; quality officers
# test and release; clerks keep the records; managers all but users; admins everything.
ACTIONS: dict[str, tuple[Action, set[Role], type[Any]]] = {
    "register member": (
        lambda db, actor, ids: register_member(db, actor, code=f"N-{actor.role.value}",
                                               name="新社员", joined_on=TODAY),
        {Role.ADMIN, Role.MANAGER, Role.CLERK}, Member),
    "print labels": (
        lambda db, actor, ids: print_labels(db, actor, lot_id=ids["passed"], count=2),
        {Role.ADMIN, Role.MANAGER, Role.PACKER}, Package),
    "record quality": (
        lambda db, actor, ids: record_quality(
            db, actor, code=f"Q-{actor.role.value}", kind="rapid_residue", tested_on=TODAY,
            lot_id=ids["untested"], parameters=[ParameterInput("抑制率", "10", "50", "%")]),
        {Role.ADMIN, Role.MANAGER, Role.QUALITY_OFFICER}, QualityRecord),
    "release lot": (
        lambda db, actor, ids: release_lot(db, actor, ids["passed"]),
        {Role.ADMIN, Role.MANAGER, Role.QUALITY_OFFICER}, AuditEntry),
    "split lot": (
        lambda db, actor, ids: split_lot(db, actor, ids["untested"],
                                         [OutputInput(f"S-{actor.role.value[:4].upper()}", "1")]),
        {Role.ADMIN, Role.MANAGER, Role.CLERK, Role.PACKER, Role.QUALITY_OFFICER}, Lot),
    "register customer": (
        lambda db, actor, ids: register_customer(db, actor, code=f"C-{actor.role.value}",
                                                 name="超市", kind="supermarket"),
        {Role.ADMIN, Role.MANAGER, Role.CLERK}, Customer),
    "record certificate": (
        lambda db, actor, ids: record_certification(
            db, actor, scheme="gap", number=f"GAP-{actor.role.value}", certifier="CQC",
            valid_from=days_ago(10), valid_until=days_ago(-300)),
        {Role.ADMIN, Role.MANAGER, Role.QUALITY_OFFICER}, AuditEntry),
    "add user": (
        lambda db, actor, ids: add_user(db, actor, username=f"u-{actor.role.value}",
                                        role="clerk", password="long-enough-1"),
        {Role.ADMIN}, User),
}


@pytest.mark.parametrize("role", list(Role))
def test_every_role_against_every_action(coop: Database, role: Role) -> None:
    _, untested = harvested_lot(coop, "L001")
    _, passed = harvested_lot(coop, "L002", product_id=1, batch="B002", plot="P002",
                              member="M002")
    passing_test(coop, passed, "Q-1")
    ids = {"untested": untested, "passed": passed}
    actor = actor_for(role)
    for name, (action, allowed, table) in ACTIONS.items():
        before = counts(coop, table, AuditEntry, Member, Package, Lot, QualityRecord, User)
        if role in allowed:
            action(coop, actor, ids)
            after = counts(coop, table, AuditEntry)
            assert after[AuditEntry] > before[AuditEntry], name
            if table is not AuditEntry:
                assert after[table] > before[table], name
        else:
            with pytest.raises(PermissionDenied) as caught:
                action(coop, actor, ids)
            error = caught.value
            assert error.code == "permission.denied", name
            assert f"test-{role.value} ({role.value}) may not" in str(error), name
            assert counts(coop, table, AuditEntry, Member, Package, Lot, QualityRecord,
                          User) == before, name
    # Everyone reads.
    assert [row["code"] for row in list_records(coop, actor, "lots")][:2] == ["L001", "L002"]
    assert trace(coop, actor, "L002").origin == ["L002"]
    assert load(coop, Lot, passed).status == (
        LotStatus.RELEASED if role in ACTIONS["release lot"][1] else LotStatus.OPEN)
    assert audit_ok(coop)


def test_the_roles_the_brief_names() -> None:
    """Spelled out, so a change to the grants table is a deliberate one."""
    may = {name: allowed for name, (_, allowed, _) in ACTIONS.items()}
    assert Role.AUDITOR not in may["register member"] | may["print labels"] | may["release lot"]
    assert Role.PACKER in may["print labels"]
    assert Role.PACKER not in may["release lot"]
    assert Role.QUALITY_OFFICER in may["release lot"]
    assert Role.QUALITY_OFFICER not in may["register member"]


def test_refusal_in_chinese_names_the_action(coop: Database) -> None:
    _, lot_id = harvested_lot(coop)
    passing_test(coop, lot_id, "Q-1")
    set_language("zh")
    with pytest.raises(PermissionDenied) as caught:
        release_lot(coop, actor_for(Role.PACKER), lot_id)
    assert str(caught.value) == ("test-packer（packer）无权放行或扣留批次，"
                                 "请由有相应权限的用户操作。")
    assert load(coop, Lot, lot_id).status == LotStatus.OPEN


def test_a_multi_step_day_is_audited_step_by_step(coop: Database) -> None:
    clerk, officer, packer = (actor_for(Role.CLERK), actor_for(Role.QUALITY_OFFICER),
                              actor_for(Role.PACKER))
    start = audit_count(coop)
    _, lot_id = harvested_lot(coop, "L001", "100")
    assert audit_count(coop) > start
    children: list[int] = []
    steps: list[Callable[[], Any]] = [
        lambda: register_member(coop, clerk, code="M009", name="新户", joined_on=TODAY),
        lambda: record_quality(coop, officer, code="Q-1", kind="rapid_residue",
                               tested_on=TODAY, lot_id=lot_id,
                               parameters=[ParameterInput("抑制率", "10", "50", "%")]),
        lambda: children.extend(split_lot(coop, packer, lot_id, [
            OutputInput("L001-A", "50"), OutputInput("L001-B", "49")], loss="1")),
        lambda: release_lot(coop, officer, children[0]),
        lambda: print_labels(coop, packer, lot_id=children[0], count=3),
        lambda: register_customer(coop, clerk, code="C001", name="超市", kind="supermarket"),
    ]
    for number, step in enumerate(steps):
        before = audit_count(coop)
        step()
        assert audit_count(coop) > before, number
        assert audit_ok(coop)
    released = load(coop, Lot, children[0])
    assert (released.code, released.status) == ("L001-A", LotStatus.RELEASED)
    assert load(coop, Lot, lot_id).status == LotStatus.CONSUMED
