"""The demo's certification records and payouts, added once the rest of the demo is written:
agreed charges, a year of payouts computed from the members' deliveries (some paid), internal
inspections of most households with one non-conformity still open, two training sessions, and
a small 有机码 pool for the organic certificate with codes on one lot of dried wolfberry.

Everything is found in the database the demo wrote and drawn from the ``rng`` given, so the
same seed and day give the same records; nothing is dated after ``today``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from sqlalchemy import select

from coop_desktop.domain.errors import RuleViolation
from coop_desktop.domain.models import (
    Certification,
    InspectionFinding,
    Lot,
    Member,
    MemberDelivery,
    Package,
    Payout,
    Product,
    Scheme,
    Severity,
    certification_members,
)
from coop_desktop.services.inspections import (
    FindingInput,
    close_nonconformity,
    record_inspection,
)
from coop_desktop.services.organic_codes import (
    allocate_organic_codes,
    import_organic_codes,
    set_certified_quantity,
)
from coop_desktop.services.payouts import add_charge_rule, mark_paid, record_payouts
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.training import record_training
from coop_desktop.storage.database import Database

_INSPECTOR = "内检员 陈玉梅"
_POOL_SIZE = 100
_OBSERVATIONS = ("生产记录、投入品台账完整，与现场一致", "地块边界、面积与地块图一致",
                 "农药存放于上锁的专柜，空包装已回收", "采收工具、周转筐清洁，无混放")


def load_compliance(db: Database, rng: random.Random, today: dt.date) -> Counter[str]:
    """Write the records; how many of each kind."""
    counts: Counter[str] = Counter()
    with db.read() as session:
        products = dict(session.execute(select(Product.code, Product.id)).tuples().all())
        certificates = {scheme: (number_id, number) for scheme, number_id, number in
                        session.execute(select(Certification.scheme, Certification.id,
                                               Certification.number)).tuples().all()}
        members = list(session.execute(select(Member.id, Member.code).order_by(Member.code))
                       .tuples().all())
        in_scope = dict(session.execute(select(certification_members.c.member_id,
                                               certification_members.c.certification_id))
                        .tuples().all())
        years = sorted({day.year for day in session.execute(
            select(MemberDelivery.delivered_on)).scalars()})
        dried = list(session.execute(
            select(Lot.id).join(Product).where(Product.code == "DW").order_by(Lot.code))
            .scalars())
    _charges(db, products)
    counts["payouts"] = _payouts(db, years, today)
    counts["inspections"] = _inspections(db, rng, today, members, in_scope)
    counts["trainings"] = _training(db, today, members, in_scope, certificates)
    organic = certificates.get(Scheme.ORGANIC)
    if organic is not None:
        counts["organic_codes"] = _organic_codes(db, rng, organic, products, dried)
    return counts


def _charges(db: Database, products: dict[str, int]) -> None:
    add_charge_rule(db, SYSTEM, name="管理费", percent="2",
                    notes="社员大会决议：按交售毛收入的 2% 提取管理费")
    for code in ("HM", "BL"):
        add_charge_rule(db, SYSTEM, name="包装费", product_id=products[code], per_kg="0.05",
                        notes="纸箱、网套按每公斤 0.05 元分摊")
    add_charge_rule(db, SYSTEM, name="烘干费", product_id=products["WB"], per_kg="0.30",
                    notes="鲜果制干按每公斤鲜果 0.30 元收取")


def _payouts(db: Database, years: list[int], today: dt.date) -> int:
    recorded = 0
    for year in years:
        recorded += len(record_payouts(db, SYSTEM, year))
    with db.read() as session:
        first = list(session.execute(select(Payout.id).order_by(Payout.id).limit(3)).scalars())
    for number, payout_id in enumerate(first, start=1):  # the first transfers went out
        mark_paid(db, SYSTEM, payout_id, paid_on=today - dt.timedelta(days=1),
                  reference=f"NYYH{today:%Y%m%d}{number:04d}")
    return recorded


def _inspections(db: Database, rng: random.Random, today: dt.date,
                 members: list[tuple[int, str]], in_scope: dict[int, int]) -> int:
    """Every household but the last three visited this year; one non-conformity closed, one
    still open."""
    start = max(dt.date(today.year, 1, 1), today - dt.timedelta(days=150))
    span = (today - start).days
    visited = members[:-3] if len(members) > 3 else members
    for index, (member_id, code) in enumerate(visited):
        day = start + dt.timedelta(days=rng.randint(0, span))
        findings = [FindingInput(rng.choice(_OBSERVATIONS))]
        risk = "low"
        if index == 0:
            findings.append(FindingInput(
                "农药库房未上锁，除草剂与有机肥混放", "minor", "GB/T 19630 4.2.4",
                "加锁，投入品分区存放并标识", day + dt.timedelta(days=7)))
            risk = "medium"
        elif index == 1:
            findings.append(FindingInput(
                "与常规地块之间缓冲带不足 8 米", "major", "GB/T 19630 4.2.3",
                "补种 8 米隔离带，隔离带内产品按常规销售", today + dt.timedelta(days=20),
                sanction="整改完成前，该地块产品不得按认证产品销售"))
            risk = "high"
        record_inspection(db, SYSTEM, code=f"NJ{day:%y%m%d}-{code}", member_id=member_id,
                          inspected_on=day, inspector=_INSPECTOR, risk=risk,
                          findings=findings, certification_id=in_scope.get(member_id),
                          summary="年度内部检查：查看地块、投入品库房、生产记录")
    if visited:
        _close_first_minor(db, today)
    return len(visited)


def _close_first_minor(db: Database, today: dt.date) -> None:
    with db.read() as session:
        finding = session.execute(select(InspectionFinding.id).where(
            InspectionFinding.severity == Severity.MINOR).order_by(InspectionFinding.id)
            .limit(1)).scalar_one_or_none()
    if finding is not None:
        close_nonconformity(db, SYSTEM, finding, closed_on=today,
                            evidence="复查：库房已加锁，投入品分区存放，照片存档")


def _training(db: Database, today: dt.date, members: list[tuple[int, str]],
              in_scope: dict[int, int],
              certificates: dict[Scheme, tuple[int, str]]) -> int:
    organic = certificates.get(Scheme.ORGANIC)
    organic_members = [member_id for member_id, _ in members
                       if organic is not None and in_scope.get(member_id) == organic[0]]
    record_training(db, SYSTEM, code=f"PX{today:%y}-01", held_on=today - dt.timedelta(days=60),
                    topic="农药安全使用与安全间隔期、投入品台账填写",
                    trainer="凉州区农业技术推广中心 郭志强", location="合作社会议室",
                    hours="3", member_ids=[member_id for member_id, _ in members][:40],
                    notes="签到表、照片存档")
    record_training(db, SYSTEM, code=f"PX{today:%y}-02", held_on=today - dt.timedelta(days=25),
                    topic="GB/T 19630 有机生产要求、缓冲带与有机码使用",
                    trainer="中绿华夏有机食品认证中心 检查员", location="清源镇枸杞基地",
                    hours="2.5",
                    member_ids=organic_members or [members[0][0]])
    return 2


def _organic_codes(db: Database, rng: random.Random, organic: tuple[int, str],
                   products: dict[str, int], dried: list[int]) -> int:
    """A pool of codes; codes on the first dried wolfberry lot in the certificate's scope."""
    certification_id, number = organic
    set_certified_quantity(db, SYSTEM, certification_id, products["WB"], "30000")
    set_certified_quantity(db, SYSTEM, certification_id, products["DW"], "3000")
    year = number[5:7] if number[5:7].isdigit() else "26"
    base = rng.randrange(10 ** 11, 9 * 10 ** 11)
    codes = [f"124{year}{base + step * 7:012d}" for step in range(_POOL_SIZE)]
    import_organic_codes(db, SYSTEM, certification_id, codes, source="中绿华夏有机码发放单")
    for lot_id in dried:
        with db.read() as session:
            labelled = session.execute(select(Package.id).where(Package.lot_id == lot_id)
                                       .limit(1)).first()
        if labelled is None:
            continue
        try:
            return len(allocate_organic_codes(db, SYSTEM, certification_id, lot_id))
        except RuleViolation:
            continue  # from a plot in conversion, or more labels than the pool holds
    return 0
