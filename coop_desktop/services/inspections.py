"""Internal inspections (内部检查): every member household at least once a year, the findings,
the non-conformities with their corrective actions and deadlines, and their closure.

The internal inspector is the quality officer's role: recording takes
``MANAGE_CERTIFICATIONS``; the lists are open to every reader (auditors included).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.models import (
    Certification,
    InspectionFinding,
    InternalInspection,
    Member,
    RiskLevel,
    Severity,
    certification_members,
)
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.work import (
    choice,
    ensure_unique,
    get_for_edit,
    past_date,
    reading,
    required_text,
    to_date,
    unit_of_work,
)
from coop_desktop.storage.database import Database


@dataclass(frozen=True)
class FindingInput:
    description: str
    severity: Severity | str = Severity.OBSERVATION
    clause: str = ""
    corrective_action: str = ""
    due_on: dt.date | str | None = None
    sanction: str = ""


def record_inspection(db: Database, actor: Actor, *, code: str, member_id: int,
                      inspected_on: dt.date | str, inspector: str,
                      risk: RiskLevel | str = RiskLevel.LOW,
                      findings: Sequence[FindingInput] = (),
                      certification_id: int | None = None, summary: str = "") -> int:
    """An inspection with its findings, all or nothing. A minor or major finding is a
    non-conformity and needs a corrective action and a deadline not before the visit."""
    with unit_of_work(db, actor, Permission.MANAGE_CERTIFICATIONS) as work:
        session = work.session
        member = session.get(Member, member_id)
        if member is None:
            raise ValidationError("not_found", field="member_id", entity="member",
                                  value=member_id)
        day = past_date(inspected_on, "inspected_on")
        if member.left_on is not None and member.left_on < day:
            raise ValidationError("inspection.member_left", field="member_id",
                                  code=member.code, left=member.left_on.isoformat(),
                                  day=day.isoformat())
        if certification_id is not None and session.get(Certification,
                                                        certification_id) is None:
            raise ValidationError("not_found", field="certification_id",
                                  entity="certificate", value=certification_id)
        inspection = InternalInspection(
            code=required_text(code, "code"), member_id=member.id,
            certification_id=certification_id, inspected_on=day,
            inspector=required_text(inspector, "inspector"),
            risk=choice(RiskLevel, "risk")(risk), summary=summary.strip())
        ensure_unique(session, InternalInspection, "code", inspection.code, "inspection")
        inspection.findings = [_finding(item, number, day)
                               for number, item in enumerate(findings, start=1)]
        session.add(inspection)
        session.flush()
        work.audit("create", inspection,
                   reason=f"{len(inspection.findings)} findings")
        if inspection.findings:
            work.audit_many("create", inspection.findings)
        return inspection.id


def _finding(item: FindingInput, number: int, day: dt.date) -> InspectionFinding:
    severity = choice(Severity, "severity")(item.severity)
    due = to_date(item.due_on, "due_on") if item.due_on else None
    action = item.corrective_action.strip()
    if severity != Severity.OBSERVATION:
        if not action or due is None:
            raise ValidationError("finding.needs_action", field="corrective_action",
                                  number=number)
        if due < day:
            raise ValidationError("finding.deadline_before", field="due_on", number=number,
                                  due=due.isoformat(), day=day.isoformat())
    return InspectionFinding(severity=severity, clause=item.clause.strip(),
                             description=required_text(item.description, "description"),
                             corrective_action=action, due_on=due,
                             sanction=item.sanction.strip())


def close_nonconformity(db: Database, actor: Actor, finding_id: int, *,
                        closed_on: dt.date | str, evidence: str,
                        version: int | None = None) -> None:
    """Close a non-conformity once its correction was verified, saying how."""
    with unit_of_work(db, actor, Permission.MANAGE_CERTIFICATIONS) as work:
        finding, before = get_for_edit(work.session, InspectionFinding, finding_id, version)
        if finding.severity == Severity.OBSERVATION:
            raise RuleViolation("finding.not_nonconformity", id=finding_id)
        if finding.closed_on is not None:
            raise RuleViolation("finding.closed", id=finding_id,
                                day=finding.closed_on.isoformat())
        day = past_date(closed_on, "closed_on")
        opened = finding.inspection.inspected_on
        if day < opened:
            raise ValidationError("date.order", field="closed_on", value=day.isoformat(),
                                  other_field="inspected_on", other=opened.isoformat())
        if not evidence.strip():
            raise ValidationError("finding.evidence", field="evidence")
        finding.closed_on = day
        finding.closure_evidence = evidence.strip()
        work.audit("update", finding, before, reason="closed")


@dataclass(frozen=True)
class OpenNonconformity:
    finding_id: int
    inspection: str
    member: str
    inspected_on: dt.date
    severity: Severity
    clause: str
    description: str
    corrective_action: str
    due_on: dt.date | None
    overdue: bool


def open_nonconformities(db: Database, actor: Actor,
                         today: dt.date | None = None) -> list[OpenNonconformity]:
    """Non-conformities not closed yet, the most urgent deadline first."""
    day = today or dt.date.today()
    with reading(db, actor) as session:
        rows = session.execute(
            select(InspectionFinding, InternalInspection.code, InternalInspection.inspected_on,
                   Member.code)
            .join(InternalInspection, InternalInspection.id == InspectionFinding.inspection_id)
            .join(Member, Member.id == InternalInspection.member_id)
            .where(InspectionFinding.severity != Severity.OBSERVATION,
                   InspectionFinding.closed_on.is_(None))
            .order_by(InspectionFinding.due_on, InspectionFinding.id))
        return [OpenNonconformity(
            finding.id, inspection, member, inspected_on, finding.severity, finding.clause,
            finding.description, finding.corrective_action, finding.due_on,
            finding.due_on is not None and finding.due_on < day)
            for finding, inspection, inspected_on, member in rows]


@dataclass(frozen=True)
class Uninspected:
    member_id: int
    code: str
    name: str
    village: str
    last_inspected_on: dt.date | None


def members_not_inspected(db: Database, actor: Actor, year: int,
                          certification_id: int | None = None) -> list[Uninspected]:
    """Members of the cooperative during ``year`` (or in a certificate's scope) with no
    internal inspection in that year: the inspector's list of visits still due."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    with reading(db, actor) as session:
        members = (select(Member.id, Member.code, Member.name, Member.village)
                   .where(Member.joined_on <= last)
                   .where((Member.left_on.is_(None)) | (Member.left_on >= first)))
        if certification_id is not None:
            members = members.where(Member.id.in_(
                select(certification_members.c.member_id)
                .where(certification_members.c.certification_id == certification_id)))
        inspected = set(session.execute(
            select(InternalInspection.member_id)
            .where(InternalInspection.inspected_on.between(first, last))).scalars())
        latest = dict(session.execute(
            select(InternalInspection.member_id, InternalInspection.inspected_on)
            .order_by(InternalInspection.inspected_on)).tuples().all())
        return [Uninspected(row.id, row.code, row.name, row.village, latest.get(row.id))
                for row in session.execute(members.order_by(Member.code))
                if row.id not in inspected]
