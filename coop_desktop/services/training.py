"""Training sessions (培训记录): trainer, topic, date and the member households that attended.

Recording takes ``MANAGE_CERTIFICATIONS`` (the internal control system keeps these records);
every reader may list them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import Member, TrainingSession, training_attendees
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.work import (
    ensure_unique,
    non_negative,
    past_date,
    reading,
    required_text,
    unit_of_work,
)
from coop_desktop.storage.database import Database


def record_training(db: Database, actor: Actor, *, code: str, held_on: dt.date | str,
                    topic: str, trainer: str, member_ids: Sequence[int],
                    location: str = "", hours: Decimal | str | float = 0,
                    notes: str = "") -> int:
    """A session with at least one attending household; every attendee must exist."""
    with unit_of_work(db, actor, Permission.MANAGE_CERTIFICATIONS) as work:
        session = work.session
        wanted = sorted(set(member_ids))
        if not wanted:
            raise ValidationError("training.no_attendees", field="member_ids")
        members = list(session.execute(select(Member).where(Member.id.in_(wanted))
                                       .order_by(Member.id)).scalars())
        missing = set(wanted) - {member.id for member in members}
        if missing:
            raise ValidationError("not_found", field="member_ids", entity="member",
                                  value=min(missing))
        training = TrainingSession(
            code=required_text(code, "code"), held_on=past_date(held_on, "held_on"),
            topic=required_text(topic, "topic"), trainer=required_text(trainer, "trainer"),
            location=location.strip(), hours=non_negative(hours, "hours", Decimal(100)),
            notes=notes.strip())
        ensure_unique(session, TrainingSession, "code", training.code, "training session")
        training.attendees = members
        session.add(training)
        session.flush()
        work.audit("create", training, reason=f"{len(members)} attendees: " + ", ".join(
            member.code for member in members))
        return training.id


@dataclass(frozen=True)
class TrainingRow:
    code: str
    held_on: dt.date
    topic: str
    trainer: str
    location: str
    hours: Decimal
    attendees: list[str]  # member codes


def training_sessions(db: Database, actor: Actor, year: int | None = None) -> list[TrainingRow]:
    with reading(db, actor) as session:
        query = select(TrainingSession).order_by(TrainingSession.held_on, TrainingSession.code)
        if year is not None:
            query = query.where(TrainingSession.held_on.between(dt.date(year, 1, 1),
                                                                dt.date(year, 12, 31)))
        return [TrainingRow(item.code, item.held_on, item.topic, item.trainer, item.location,
                            item.hours, [member.code for member in item.attendees])
                for item in session.execute(query).scalars()]


def members_trained(db: Database, actor: Actor, year: int) -> dict[str, int]:
    """Member code → sessions attended in ``year`` (members with none are left out)."""
    with reading(db, actor) as session:
        counts: dict[str, int] = {}
        for code in session.execute(
                select(Member.code)
                .join(training_attendees, training_attendees.c.member_id == Member.id)
                .join(TrainingSession,
                      TrainingSession.id == training_attendees.c.session_id)
                .where(TrainingSession.held_on.between(dt.date(year, 1, 1),
                                                       dt.date(year, 12, 31)))).scalars():
            counts[code] = counts.get(code, 0) + 1
        return counts
