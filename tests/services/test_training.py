"""Training sessions: trainer, topic, date and attendees, recorded whole or refused."""

from __future__ import annotations

import pytest

from coop_desktop.domain.errors import PermissionDenied, ValidationError
from coop_desktop.domain.models import AuditEntry, Role, TrainingSession
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.training import members_trained, record_training, training_sessions
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import TODAY, audit_ok, counts, days_ago, last_audit, make_member


def test_a_session_with_its_attendees(coop: Database) -> None:
    members = [make_member(coop, code) for code in ("M001", "M002", "M003")]
    record_training(coop, actor_for(Role.QUALITY_OFFICER), code="PX-1", held_on=days_ago(20),
                    topic="GB/T 19630 有机生产要求与投入品管理", trainer="县农技中心 郭志强",
                    member_ids=[members[0], members[1], members[0]], location="合作社会议室",
                    hours="2.5")
    record_training(coop, SYSTEM, code="PX-2", held_on=days_ago(5), topic="安全间隔期",
                    trainer="内检员 陈玉梅", member_ids=[members[1]])
    assert last_audit(coop).reason == "1 attendees: M002"
    rows = training_sessions(coop, actor_for(Role.AUDITOR))
    assert [(row.code, row.attendees) for row in rows] == [("PX-1", ["M001", "M002"]),
                                                           ("PX-2", ["M002"])]
    assert str(rows[0].hours) == "2.50"
    year = days_ago(5).year
    if days_ago(20).year == year:
        assert members_trained(coop, SYSTEM, year) == {"M001": 1, "M002": 2}
    assert audit_ok(coop)


def test_refusals_write_nothing(coop: Database) -> None:
    member = make_member(coop, "M001")
    before = counts(coop, TrainingSession, AuditEntry)
    for fields, code in (({"member_ids": []}, "training.no_attendees"),
                         ({"member_ids": [member, 999]}, "not_found"),
                         ({"member_ids": [member], "topic": " "}, "value.required"),
                         ({"member_ids": [member], "held_on": TODAY.replace(
                             year=TODAY.year + 1)}, "date.future")):
        arguments = {"code": "PX-1", "held_on": days_ago(1), "topic": "培训",
                     "trainer": "郭志强", **fields}
        with pytest.raises(ValidationError) as caught:
            record_training(coop, SYSTEM, **arguments)  # type: ignore[arg-type]
        assert caught.value.code == code
    with pytest.raises(PermissionDenied):
        record_training(coop, actor_for(Role.PACKER), code="PX-1", held_on=days_ago(1),
                        topic="培训", trainer="郭志强", member_ids=[member])
    assert counts(coop, TrainingSession, AuditEntry) == before
