"""Internal inspections: every member once a year, non-conformities with corrective actions
and deadlines, closure with evidence, and all-or-nothing recording."""

from __future__ import annotations

import datetime as dt

import pytest

from coop_desktop.domain.errors import PermissionDenied, RuleViolation, ValidationError
from coop_desktop.domain.models import AuditEntry, InspectionFinding, InternalInspection, Role
from coop_desktop.services.certifications import record_certification
from coop_desktop.services.inspections import (
    FindingInput,
    close_nonconformity,
    members_not_inspected,
    open_nonconformities,
    record_inspection,
)
from coop_desktop.services.members import edit_member
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import (
    TODAY,
    audit_ok,
    counts,
    days_ago,
    load,
    make_member,
    make_product,
)

YEAR = TODAY.year - 1


def _day(month: int, day: int) -> dt.date:
    return dt.date(YEAR, month, day)


def test_members_not_yet_inspected_this_year(coop: Database) -> None:
    members = {code: make_member(coop, code) for code in ("M001", "M002", "M003", "M004")}
    product = make_product(coop)
    certificate = record_certification(coop, SYSTEM, scheme="organic", number="ORG-1",
                                       certifier="CQC", valid_from=_day(1, 1),
                                       valid_until=_day(12, 31), product_ids=[product],
                                       member_ids=[members["M001"], members["M002"]])
    # M001 inspected the year before only; M002 this year; M004 left before the year began.
    record_inspection(coop, SYSTEM, code="NJ-0", member_id=members["M001"],
                      inspected_on=dt.date(YEAR - 1, 6, 1), inspector="内检员 陈玉梅")
    record_inspection(coop, SYSTEM, code="NJ-1", member_id=members["M002"],
                      inspected_on=_day(5, 20), inspector="内检员 陈玉梅",
                      certification_id=certificate)
    edit_member(coop, SYSTEM, members["M004"], None, left_on=dt.date(YEAR - 1, 12, 1))

    due = members_not_inspected(coop, actor_for(Role.AUDITOR), YEAR)
    assert [(row.code, row.last_inspected_on) for row in due] == [
        ("M001", dt.date(YEAR - 1, 6, 1)), ("M003", None)]
    assert [row.code for row in members_not_inspected(coop, SYSTEM, YEAR,
                                                      certification_id=certificate)] == ["M001"]
    record_inspection(coop, actor_for(Role.QUALITY_OFFICER), code="NJ-2",
                      member_id=members["M001"], inspected_on=_day(7, 2), inspector="内检员")
    record_inspection(coop, SYSTEM, code="NJ-3", member_id=members["M003"],
                      inspected_on=_day(7, 3), inspector="内检员")
    assert members_not_inspected(coop, SYSTEM, YEAR) == []
    assert audit_ok(coop)


def test_nonconformities_need_an_action_and_close_with_evidence(coop: Database) -> None:
    member = make_member(coop, "M001")
    inspection = record_inspection(
        coop, SYSTEM, code="NJ-1", member_id=member, inspected_on=days_ago(30),
        inspector="内检员 陈玉梅", risk="medium",
        findings=[FindingInput("投入品台账完整"),
                  FindingInput("农药库房未上锁，与化肥混放", "minor", "GB/T 19630 4.2.4",
                               "加锁并分区存放", days_ago(10)),
                  FindingInput("缓冲带不足 8 m", "major", "GB/T 19630 4.2.3", "补种隔离带",
                               TODAY + dt.timedelta(days=30), sanction="暂停销售资格至整改完成")])
    stored = load(coop, InternalInspection, inspection)
    assert stored.risk == "medium"
    assert counts(coop, InspectionFinding) == {InspectionFinding: 3}

    open_now = open_nonconformities(coop, SYSTEM, TODAY)
    assert [(item.severity, item.overdue) for item in open_now] == [("minor", True),
                                                                    ("major", False)]
    minor = open_now[0].finding_id
    with pytest.raises(ValidationError) as no_evidence:
        close_nonconformity(coop, SYSTEM, minor, closed_on=TODAY, evidence=" ")
    assert no_evidence.value.code == "finding.evidence"
    with pytest.raises(ValidationError) as early:
        close_nonconformity(coop, SYSTEM, minor, closed_on=days_ago(31), evidence="照片")
    assert early.value.code == "date.order"
    close_nonconformity(coop, SYSTEM, minor, closed_on=TODAY, evidence="复查：已加锁，照片存档")
    with pytest.raises(RuleViolation) as twice:
        close_nonconformity(coop, SYSTEM, minor, closed_on=TODAY, evidence="again")
    assert twice.value.code == "finding.closed"
    observation = minor - 1
    with pytest.raises(RuleViolation) as not_nc:
        close_nonconformity(coop, SYSTEM, observation, closed_on=TODAY, evidence="x")
    assert not_nc.value.code == "finding.not_nonconformity"
    assert [item.severity for item in open_nonconformities(coop, SYSTEM, TODAY)] == ["major"]
    assert audit_ok(coop)


def test_bad_findings_and_roles_write_nothing(coop: Database) -> None:
    member = make_member(coop, "M001")
    before = counts(coop, InternalInspection, InspectionFinding, AuditEntry)
    for finding, code in ((FindingInput("未记录", "minor"), "finding.needs_action"),
                          (FindingInput("未记录", "major", corrective_action="补记录",
                                        due_on=days_ago(40)), "finding.deadline_before"),
                          (FindingInput("x", "grave", corrective_action="a",
                                        due_on=TODAY), "value.bad_choice")):
        with pytest.raises(ValidationError) as caught:
            record_inspection(coop, SYSTEM, code="NJ-1", member_id=member,
                              inspected_on=days_ago(30), inspector="内检员",
                              findings=[FindingInput("ok"), finding])
        assert caught.value.code == code
    with pytest.raises(ValidationError) as future:
        record_inspection(coop, SYSTEM, code="NJ-1", member_id=member,
                          inspected_on=TODAY + dt.timedelta(days=1), inspector="内检员")
    assert future.value.code == "date.future"
    for role in (Role.PACKER, Role.CLERK, Role.AUDITOR):
        with pytest.raises(PermissionDenied):
            record_inspection(coop, actor_for(role), code="NJ-1", member_id=member,
                              inspected_on=days_ago(3), inspector="内检员")
    assert counts(coop, InternalInspection, InspectionFinding, AuditEntry) == before
