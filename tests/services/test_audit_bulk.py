"""Auditing many records at once (``audit_records`` / ``Work.audit_many``): the entries are the
ones ``audit_record`` writes one by one, chained in order with the entries before and after
them, in the same transaction and in others, and tampering with any of them is found."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, text

from coop_desktop.domain.models import AuditEntry, AuditHead, Cooperative, Member, Plot
from coop_desktop.services.audit import (
    GENESIS_HASH,
    audit_records,
    entry_hash,
    snapshot,
    verify_audit,
)
from coop_desktop.services.members import new_member, new_plot, register_member
from coop_desktop.services.permissions import SYSTEM, Permission
from coop_desktop.services.work import unit_of_work
from coop_desktop.storage.database import Database
from tests.services.builders import audit_ok, counts, days_ago, nothing_new

JOINED = days_ago(400)


def entries(db: Database) -> list[AuditEntry]:
    with db.read() as session:
        found = list(session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars())
        session.expunge_all()
    return found


def chain_problems(found: list[AuditEntry], head: tuple[int | None, str]) -> list[str]:
    """What is wrong with the chain as read: links, hashes, the head."""
    problems = []
    previous = GENESIS_HASH
    for entry in found:
        if entry.prev_hash != previous:
            problems.append(f"entry {entry.id} does not follow the one before it")
        if entry_hash(entry) != entry.hash:
            problems.append(f"entry {entry.id} hash differs")
        previous = entry.hash
    if head != (found[-1].id, found[-1].hash):
        problems.append(f"head {head} is not the last entry")
    return problems


def head_of(db: Database) -> tuple[int | None, str]:
    with db.read() as session:
        head = session.execute(select(AuditHead)).scalar_one()
        return head.last_entry_id, head.last_hash


def fields(number: int) -> dict[str, Any]:
    return {"name": f"社员{number}", "joined_on": JOINED, "village": "新村",
            "household_size": number % 7 + 1}


def test_bulk_entries_chain_with_entries_before_and_after(coop: Database) -> None:
    """One-by-one, bulk, one-by-one in one transaction; bulk alone in another; one-by-one in
    separate transactions around them: one chain, in id order, that verifies."""
    register_member(coop, SYSTEM, code="A001", **fields(1))
    with unit_of_work(coop, SYSTEM, Permission.MANAGE_MEMBERS) as work:
        first = new_member(work, "B001", fields(2))
        work.audit("create", first, reason="one by one")
        many = [new_member(work, f"B1{number:02d}", fields(number)) for number in range(5)]
        work.audit_many("create", many, [f"row {number}" for number in range(5)])  # flushes
        plot = new_plot(work, many[0], "P001", {"area_mu": "2.5", "land_type": "dryland"})
        work.audit("create", plot, reason="after the bulk")
        again = [new_member(work, f"B2{number:02d}", fields(number)) for number in range(3)]
        work.audit_many("create", again, "one reason for all")
    with unit_of_work(coop, SYSTEM, Permission.MANAGE_MEMBERS) as work:
        alone = [new_member(work, f"C{number:03d}", fields(number)) for number in range(4)]
        work.session.flush()  # the plots need their members' ids
        plots = [new_plot(work, alone[number], f"P1{number:02d}",
                          {"area_mu": number + 1, "land_type": "irrigated"})
                 for number in range(2)]
        work.audit_many("create", [*alone, *plots])
    register_member(coop, SYSTEM, code="D001", **fields(9))

    found = entries(coop)
    assert [(entry.entity, entry.entity_code, entry.reason) for entry in found[1:]] == [
        ("members", "A001", None),
        ("members", "B001", "one by one"),
        *[("members", f"B1{number:02d}", f"row {number}") for number in range(5)],
        ("plots", "P001", "after the bulk"),
        *[("members", f"B2{number:02d}", "one reason for all") for number in range(3)],
        *[("members", f"C{number:03d}", None) for number in range(4)],
        ("plots", "P100", None), ("plots", "P101", None),
        ("members", "D001", None)]
    assert chain_problems(found, head_of(coop)) == []
    assert [entry.id for entry in found] == sorted(entry.id for entry in found)
    assert audit_ok(coop)


def test_bulk_entries_have_the_form_of_one_by_one_entries(coop: Database) -> None:
    """Same columns, same kinds of values, same snapshot of the record as the database holds
    it (verify_audit compares them); ``before`` empty; the actor's name and id."""
    with unit_of_work(coop, SYSTEM, Permission.MANAGE_MEMBERS) as work:
        single = new_member(work, "S001", fields(1))
        work.audit("create", single, reason="r")
        bulk = new_member(work, "S002", fields(1))
        work.audit_many("create", [bulk], ["r"])
    one, other = entries(coop)[-2:]
    with coop.read() as session:
        stored = {member.code: snapshot(member)
                  for member in session.execute(select(Member)).scalars()}
        raw = session.execute(text(
            "SELECT entity_code, before IS NULL, user_id IS NULL, recorded_at IS NULL "
            "FROM audit_entries WHERE entity = 'members' ORDER BY id")).all()
    assert one.after == stored["S001"] and other.after == stored["S002"]
    assert set(one.after) == set(other.after)

    def form(entry: AuditEntry) -> tuple[Any, ...]:
        return (entry.username, entry.user_id, entry.action, entry.entity, entry.before,
                entry.reason, type(entry.recorded_at), entry.recorded_at.tzinfo is not None)

    assert form(one) == form(other)
    assert other.entity_id == other.after["id"]
    assert [tuple(row)[1:] for row in raw] == [tuple(raw[0])[1:]] * 2  # NULLs alike
    assert audit_ok(coop)


def test_tampering_with_one_bulk_entry_is_found(coop: Database) -> None:
    with unit_of_work(coop, SYSTEM, Permission.MANAGE_MEMBERS) as work:
        many = [new_member(work, f"T{number:03d}", fields(number)) for number in range(6)]
        work.audit_many("create", many, "import")
    register_member(coop, SYSTEM, code="T999", **fields(1))
    assert audit_ok(coop)
    target = next(entry for entry in entries(coop) if entry.entity_code == "T003")
    with coop.engine.begin() as connection:
        connection.execute(text("UPDATE audit_entries SET reason = 'import (edited)' "
                                "WHERE id = :id"), {"id": target.id})
    with coop.read() as session:
        report = verify_audit(session)
    assert [(problem.entry_id, "altered" in problem.description)
            for problem in report.problems] == [(target.id, True)]


def test_removing_the_last_bulk_entries_is_found(coop: Database) -> None:
    with unit_of_work(coop, SYSTEM, Permission.MANAGE_MEMBERS) as work:
        many = [new_member(work, f"T{number:03d}", fields(number)) for number in range(3)]
        work.audit_many("create", many)
    last = entries(coop)[-1]
    with coop.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_entries WHERE id = :id"), {"id": last.id})
    with coop.read() as session:
        descriptions = [problem.description for problem in verify_audit(session).problems]
    assert any("chain head differs" in description for description in descriptions)
    assert any("T002" in description and "no audit entry" in description
               for description in descriptions)


def test_a_record_changed_after_its_bulk_entry_is_found(coop: Database) -> None:
    with unit_of_work(coop, SYSTEM, Permission.MANAGE_PRODUCTION) as work:
        holder = new_member(work, "H001", fields(1))
        work.session.flush()
        plots = [new_plot(work, holder, f"P{number:03d}",
                          {"area_mu": "1.5", "land_type": "dryland"}) for number in range(3)]
        work.audit_many("create", [holder, *plots])
    with coop.engine.begin() as connection:
        connection.execute(text("UPDATE plots SET area_mu = area_mu + 100 WHERE code = 'P001'"))
    with coop.read() as session:
        problems = verify_audit(session).problems
    assert len(problems) == 1
    assert "P001" in problems[0].description and "area_mu" in problems[0].description


def test_nothing_to_audit_writes_nothing_and_reasons_must_match(coop: Database) -> None:
    before = counts(coop, AuditEntry, Member)
    with unit_of_work(coop, SYSTEM, Permission.MANAGE_MEMBERS) as work:
        assert audit_records(work.session, SYSTEM, "create", []) == 0
    nothing_new(coop, before)

    def two_reasons_for_one_record() -> None:
        with unit_of_work(coop, SYSTEM, Permission.MANAGE_MEMBERS) as work:
            member = new_member(work, "X001", fields(1))
            audit_records(work.session, SYSTEM, "create", [member], ["a", "b"])

    with pytest.raises(ValueError, match="2 reasons for 1 records"):
        two_reasons_for_one_record()
    nothing_new(coop, before)


def test_a_bulk_audit_rolled_back_leaves_the_chain_as_it_was(coop: Database) -> None:
    register_member(coop, SYSTEM, code="K001", **fields(1))
    head = head_of(coop)
    before = counts(coop, AuditEntry, Member, Plot)

    def audited_then_failed() -> None:
        with unit_of_work(coop, SYSTEM, Permission.MANAGE_MEMBERS) as work:
            many = [new_member(work, f"K1{number:02d}", fields(number)) for number in range(4)]
            work.audit_many("create", many)
            raise RuntimeError("the user's PC lost power")

    with pytest.raises(RuntimeError):
        audited_then_failed()
    nothing_new(coop, before)
    assert head_of(coop) == head
    register_member(coop, SYSTEM, code="K002", **fields(2))
    assert chain_problems(entries(coop), head_of(coop)) == []
    assert audit_ok(coop)


def test_the_first_entry_ever_may_be_a_bulk_one(db: Database) -> None:
    """No head row yet (no cooperative, nothing audited): the bulk audit starts the chain."""
    with unit_of_work(db, SYSTEM, Permission.MANAGE_COOPERATIVE) as work:
        assert work.session.execute(select(AuditHead)).scalar_one_or_none() is None
        assert audit_records(work.session, SYSTEM, "create", []) == 0
    with unit_of_work(db, SYSTEM, Permission.MANAGE_COOPERATIVE) as work:
        cooperatives = [Cooperative(name=f"合作社{number}") for number in range(2)]
        work.session.add_all(cooperatives)
        work.audit_many("create", cooperatives)
    found = entries(db)
    assert found[0].prev_hash == GENESIS_HASH
    assert chain_problems(found, head_of(db)) == []
    assert audit_ok(db)
