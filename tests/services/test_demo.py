"""The demo cooperative: complete, audited, telling its stories, deterministic, and loaded only
into an empty database."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from coop_desktop.domain.errors import RuleViolation, StorageError
from coop_desktop.domain.gs1 import is_valid_gtin
from coop_desktop.domain.id_numbers import normalize_id_number
from coop_desktop.domain.models import (
    ActivityKind,
    Animal,
    AnimalEvent,
    AnimalEventKind,
    AnimalStatus,
    AuditEntry,
    Base,
    Certification,
    FieldActivity,
    Harvest,
    Lot,
    LotStatus,
    Member,
    MemberDelivery,
    Package,
    PlantingBatch,
    Plot,
    PovertyStatus,
    Product,
    QualityRecord,
    QualityResult,
    Scheme,
    Sensor,
    SensorReading,
    Shipment,
    ShipmentTemperature,
    User,
)
from coop_desktop.services.audit import verify_audit
from coop_desktop.services.demo import DEMO_USERS, DemoSummary, load_demo
from coop_desktop.services.lots import SourceInput, create_lot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.production import record_harvest
from coop_desktop.services.trace import trace
from coop_desktop.services.users import authenticate
from coop_desktop.storage.database import Database

TODAY = dt.date(2026, 8, 20)
MEMBERS = 12

#: Each count of the summary and the table it counts.
COUNTED: dict[str, type[Base]] = {
    "members": Member, "plots": Plot, "batches": PlantingBatch, "activities": FieldActivity,
    "harvests": Harvest, "deliveries": MemberDelivery, "animals": Animal, "lots": Lot,
    "quality_records": QualityRecord, "labels": Package, "shipments": Shipment,
    "certifications": Certification, "sensors": Sensor, "readings": SensorReading,
    "users": User,
}


def row_counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        counts = {name: session.execute(select(func.count()).select_from(model)).scalar_one()
                  for name, model in COUNTED.items()}
        counts["audit_entries"] = session.execute(
            select(func.count()).select_from(AuditEntry)).scalar_one()
    return counts


def test_demo_fills_an_empty_database_with_an_audited_cooperative(db: Database) -> None:
    summary = load_demo(db, members=MEMBERS, seed=7, today=TODAY)

    counts = row_counts(db)
    assert {name: getattr(summary, name) for name in COUNTED} == {
        name: counts[name] for name in COUNTED}
    assert summary.members == MEMBERS
    assert summary.users == len(DEMO_USERS)
    assert summary.plots == round(MEMBERS * 1.5)
    assert summary.readings > 3 * 1000  # three weeks every 30 minutes, several channels
    assert all(getattr(summary, name) > 0 for name in COUNTED)
    with db.read() as session:
        report = verify_audit(session)
    assert report.ok, [problem.description for problem in report.problems]

    # Loading again is refused before anything is written.
    with pytest.raises(StorageError) as refused:
        load_demo(db, members=MEMBERS, seed=7, today=TODAY)
    assert refused.value.code == "storage.not_empty"
    assert row_counts(db) == counts


def test_demo_refuses_a_database_holding_a_cooperative(coop: Database) -> None:
    before = row_counts(coop)
    with pytest.raises(StorageError) as refused:
        load_demo(coop, members=MEMBERS, today=TODAY)
    assert refused.value.code == "storage.not_empty"
    assert row_counts(coop) == before


def test_demo_tells_its_stories(db: Database) -> None:
    summary = load_demo(db, members=MEMBERS, seed=3, today=TODAY)

    # The sample lot: harvests from sprayed batches, merged and split, tested, labelled, shipped.
    story = trace(db, SYSTEM, summary.sample_lot)
    for part in ("harvests", "plots", "members", "inputs", "quality", "packages", "shipments",
                 "customers"):
        assert getattr(story, part), f"the sample lot's trace has no {part}"
    assert {edge.kind for edge in story.edges} >= {"merge", "split"}
    assert any(item["phi_days"] for item in story.inputs)
    assert all(record["result"] == QualityResult.PASS for record in story.quality)
    assert any(record["kind"] == "lab_report" for record in story.quality)
    assert all(package["net_weight"] for package in story.packages)

    with db.read() as session:
        # Exactly one failed test, and its lot is held.
        failed = list(session.execute(select(QualityRecord).where(
            QualityRecord.result == QualityResult.FAIL)).scalars())
        assert len(failed) == 1
        assert failed[0].lot_id is not None
        held = session.get(Lot, failed[0].lot_id)
        assert held is not None and held.status == LotStatus.HELD

        # The green food certificate is close to expiry; the organic one is not.
        green = session.execute(select(Certification).where(
            Certification.scheme == Scheme.GREEN_FOOD)).scalar_one()
        assert 30 <= (green.valid_until - TODAY).days <= 45
        assert green.plots
        organic = session.execute(select(Certification).where(
            Certification.scheme == Scheme.ORGANIC)).scalar_one()
        assert (organic.valid_until - TODAY).days > 45

        # Processing: dried wolfberry made from fresh, with the water loss declared.
        assert session.execute(select(Lot).join(Product).where(Product.code == "DW")).first()

        # Cold chain: one short excursion above 8 °C.
        temperatures = list(session.execute(select(ShipmentTemperature.celsius)).scalars())
        warm = [celsius for celsius in temperatures if celsius > 8]
        assert 1 <= len(warm) <= 3 < len(temperatures)

        # Valid identifiers.
        members = list(session.execute(select(Member)).scalars())
        for member in members:
            assert member.id_number is not None
            assert normalize_id_number(member.id_number) == member.id_number
            assert member.phone is not None and len(member.phone) == 11
        assert sum(member.poverty_status != PovertyStatus.NONE for member in members) == round(
            MEMBERS * 0.15)
        gtins = [gtin for gtin in session.execute(select(Product.gtin)).scalars() if gtin]
        assert gtins and all(is_valid_gtin(gtin) for gtin in gtins)
        assert all(len(tag) == 15 for tag in session.execute(select(Animal.ear_tag)).scalars())

        # Nothing happened after today.
        for column in (Harvest.harvested_on, MemberDelivery.delivered_on,
                       FieldActivity.performed_on, AnimalEvent.occurred_on,
                       QualityRecord.tested_on, Shipment.shipped_on, Lot.pack_date,
                       PlantingBatch.planted_on, Member.joined_on, Animal.birth_date):
            latest = session.execute(select(func.max(column))).scalar_one()
            assert latest is not None and latest <= TODAY, column
        latest_reading = session.execute(select(func.max(SensorReading.recorded_at))
                                         ).scalar_one()
        assert latest_reading.date() <= TODAY

        # A tomato batch sprayed two days ago, and a lamb inside its withdrawal period.
        sprayed_batch = session.execute(select(FieldActivity.batch_id).where(
            FieldActivity.kind == ActivityKind.PLANT_PROTECTION,
            FieldActivity.performed_on == TODAY - dt.timedelta(days=2))).scalar_one()
        treated = session.execute(select(AnimalEvent.animal_id).join(Animal).where(
            AnimalEvent.kind == AnimalEventKind.TREATMENT,
            AnimalEvent.occurred_on == TODAY - dt.timedelta(days=10),
            Animal.status == AnimalStatus.ALIVE)).scalar_one()
    with pytest.raises(RuleViolation) as phi:
        record_harvest(db, SYSTEM, batch_id=sprayed_batch, harvested_on=TODAY, quantity=100)
    assert phi.value.code == "phi.harvest_blocked"
    meat = _product_id(db, "MT")
    with pytest.raises(RuleViolation) as withdrawal:
        create_lot(db, SYSTEM, code="MT-WITHDRAWAL", product_id=meat,
                   sources=[SourceInput("animal", treated, Decimal(18))], pack_date=TODAY)
    assert withdrawal.value.code == "withdrawal.blocked"

    # Every demo user can log in with the password README gives.
    for username, role, password in DEMO_USERS:
        assert authenticate(db, username, password).role == role


def _product_id(db: Database, code: str) -> int:
    with db.read() as session:
        return session.execute(select(Product.id).where(Product.code == code)).scalar_one()


def _fingerprint(db: Database) -> dict[str, list[Any]]:
    with db.read() as session:
        return {
            "members": [tuple(row) for row in session.execute(
                select(Member.code, Member.name, Member.id_number, Member.village)
                .order_by(Member.code))],
            "lots": [tuple(row) for row in session.execute(
                select(Lot.code, Lot.quantity, Lot.status).order_by(Lot.code))],
            "harvests": list(session.execute(select(Harvest.quantity).order_by(Harvest.id))
                             .scalars()),
            "deliveries": [tuple(row) for row in session.execute(
                select(MemberDelivery.code, MemberDelivery.quantity)
                .order_by(MemberDelivery.code))],
            "animals": list(session.execute(select(Animal.ear_tag).order_by(Animal.id))
                            .scalars()),
        }


@pytest.mark.slow
def test_demo_is_deterministic_for_a_seed_and_day(sqlite_template: Path,
                                                   tmp_path: Path) -> None:
    summaries: list[DemoSummary] = []
    prints: list[dict[str, list[Any]]] = []
    for name in ("first.sqlite", "second.sqlite"):
        file = tmp_path / name
        shutil.copyfile(sqlite_template, file)
        database = Database.open(str(file))
        try:
            summaries.append(load_demo(database, members=MEMBERS, seed=11, today=TODAY))
            prints.append(_fingerprint(database))
        finally:
            database.dispose()
    assert summaries[0] == summaries[1]
    assert prints[0] == prints[1]
    assert len(prints[0]["members"]) == MEMBERS
    assert len({member[1] for member in prints[0]["members"]}) == MEMBERS  # distinct names
