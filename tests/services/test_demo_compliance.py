"""The demo's certification records and payouts: charges, payouts that add up, most members
inspected with one non-conformity open, two training sessions, 有机码 on an organic lot."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from coop_desktop.domain.models import OrganicCode, Payout, TrainingSession
from coop_desktop.services.demo import load_demo
from coop_desktop.services.inspections import members_not_inspected, open_nonconformities
from coop_desktop.services.organic_codes import organic_code_usage
from coop_desktop.services.payouts import benefit_report, payout_statement
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database

TODAY = dt.date(2026, 8, 20)


def test_demo_certification_records_and_payouts(db: Database) -> None:
    summary = load_demo(db, members=12, seed=5, today=TODAY)
    assert summary.payouts > 0 and summary.inspections == 9 and summary.trainings == 2

    statement = payout_statement(db, SYSTEM, TODAY.year)
    assert not statement.unpriced
    assert all(line.payout for member in statement.members for line in member.lines)
    with db.read() as session:
        recorded = session.execute(select(func.sum(Payout.net))).scalar_one()
        paid = session.execute(select(func.count()).select_from(Payout).where(
            Payout.paid_on.is_not(None))).scalar_one()
        trainings = session.execute(select(func.count()).select_from(TrainingSession)
                                    ).scalar_one()
        certificate = session.execute(select(OrganicCode.certification_id).limit(1)
                                      ).scalar_one()
    assert recorded == statement.net and paid == 3 and trainings == 2
    assert statement.charges_total > 0
    benefit = benefit_report(db, SYSTEM, TODAY.year)
    assert benefit.total() <= benefit.members_net

    assert len(members_not_inspected(db, SYSTEM, TODAY.year)) == 3
    open_now = open_nonconformities(db, SYSTEM, TODAY)
    assert [item.severity for item in open_now] == ["major"]

    usage = organic_code_usage(db, SYSTEM, certificate)
    assert usage.pool == 100 and usage.used == summary.organic_codes
    assert all(balance.certified is None or balance.coded <= balance.certified
               for balance in usage.balances)
