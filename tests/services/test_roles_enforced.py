"""Roles enforced in the services, exhaustively: every service that changes records, called
directly as each of the six roles, either works (and is audited) or is refused with
PermissionDenied and writes nothing — exactly as ``GRANTS`` says.

The cases are generated: one row per service call in :data:`CALLS` (the permission the design
gives it and a call that succeeds for a role holding it), times every role. A scan of
``coop_desktop/services`` makes sure no service that checks a writing permission is missing
from the table, and that each checks the permission the table says.

The world every call runs in is the demo cooperative plus a few records of known state (a tested
lot waiting for release, a released lot with a label and a crate on it), built once and copied
to a fresh SQLite file for each case, so that no call sees another's writes.
"""

from __future__ import annotations

import ast
import datetime as dt
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from coop_desktop.domain.errors import PermissionDenied
from coop_desktop.domain.models import (
    Animal,
    Base,
    Certification,
    Customer,
    InspectionFinding,
    OrganicCode,
    Package,
    Payout,
    Role,
    Scheme,
    Sensor,
    SensorChannel,
    Shipment,
    User,
)
from coop_desktop.services import (
    certifications,
    cold_chain,
    deliveries,
    imports,
    inspections,
    label_printing,
    labels,
    livestock,
    livestock_weighing,
    lots,
    members,
    organic_codes,
    packing,
    payouts,
    production,
    products,
    quality,
    sales,
    sensors,
    setup,
    training,
    users,
)
from coop_desktop.services.demo import DEMO_USERS, load_demo
from coop_desktop.services.permissions import GRANTS, SYSTEM, Actor, Permission
from coop_desktop.services.quality import AttachmentInput
from coop_desktop.services.weighings import WeighingInput
from coop_desktop.storage.database import Database
from tests.services.builders import (
    harvest_of,
    lot_from,
    make_member,
    make_product,
    passing_test,
)

SERVICES = Path(lots.__file__).resolve().parent
TODAY = dt.date.today()
YESTERDAY = TODAY - dt.timedelta(days=1)

Ids = dict[str, Any]
Call = Callable[[Database, Actor, Ids, Path], object]


@dataclass(frozen=True)
class ServiceCall:
    """``service`` (module.function) needs ``permission``; ``call`` works for a role holding it.
    ``writes`` is False for the few that check a writing permission but only read."""

    service: str
    permission: Permission
    call: Call
    writes: bool = True


def _weighing(kg: str, tare: str = "0") -> WeighingInput:
    return WeighingInput(gross=Decimal(kg), tare=Decimal(tare), device="manual")


def _members_csv(folder: Path) -> Path:
    file = folder / "members.csv"
    file.write_text("社员编号,户主姓名,村,入社日期\nIMP-01,赵新民,王庄村,2024-03-01\n",
                    encoding="utf-8")
    return file


def _import_members(db: Database, actor: Actor, ids: Ids, folder: Path) -> object:
    table = imports.read_table(_members_csv(folder))
    checked = imports.preview(db, SYSTEM, "members", table,
                              imports.suggest_mapping("members", table.headers))
    assert checked.errors == [], checked.errors
    return imports.commit(db, actor, "members", checked)


def _logger_file(db: Database, actor: Actor, ids: Ids, folder: Path) -> object:
    file = folder / "logger.csv"
    file.write_text(f"Time,Temperature °C\n{YESTERDAY} 06:00,4.1\n{YESTERDAY} 06:10,4.3\n",
                    encoding="utf-8")
    return cold_chain.import_logger_file(db, actor, ids["shipment"], file)


def _pdf(folder: Path) -> label_printing.Destination:
    return label_printing.Destination(label_printing.OutputFormat.PDF, out=folder / "labels.pdf")


#: Every service that changes records (and the two that guard personal amounts), with the
#: permission the design gives it.
CALLS: tuple[ServiceCall, ...] = (
    ServiceCall("setup.create_cooperative", Permission.MANAGE_COOPERATIVE,
                lambda db, a, ids, f: setup.create_cooperative(db, a, name="第二合作社")),
    ServiceCall("setup.edit_cooperative", Permission.MANAGE_COOPERATIVE,
                lambda db, a, ids, f: setup.edit_cooperative(db, a, ids["cooperative"], None,
                                                             phone="0935-7654321")),
    ServiceCall("users.add_user", Permission.MANAGE_USERS,
                lambda db, a, ids, f: users.add_user(db, a, username="new-clerk", role="clerk",
                                                     password="a-long-password")),
    ServiceCall("members.register_member", Permission.MANAGE_MEMBERS,
                lambda db, a, ids, f: members.register_member(
                    db, a, code="RN-01", name="新社员", joined_on=TODAY)),
    ServiceCall("members.edit_member", Permission.MANAGE_MEMBERS,
                lambda db, a, ids, f: members.edit_member(db, a, ids["member"], None,
                                                          household_size=5)),
    ServiceCall("members.register_plot", Permission.MANAGE_PRODUCTION,
                lambda db, a, ids, f: members.register_plot(
                    db, a, member_id=ids["member"], code="RP-02", area_mu="2",
                    land_type="dryland")),
    ServiceCall("members.edit_plot", Permission.MANAGE_PRODUCTION,
                lambda db, a, ids, f: members.edit_plot(db, a, ids["plot"], None,
                                                        area_mu="6")),
    ServiceCall("members.set_plot_certification", Permission.MANAGE_CERTIFICATIONS,
                lambda db, a, ids, f: members.set_plot_certification(
                    db, a, ids["plot"], "organic", "in_conversion", since=YESTERDAY)),
    ServiceCall("products.register_product", Permission.MANAGE_PRODUCTS,
                lambda db, a, ids, f: products.register_product(
                    db, a, code="RPROD2", name_zh="黄河蜜瓜", kind="crop")),
    ServiceCall("products.edit_product", Permission.MANAGE_PRODUCTS,
                lambda db, a, ids, f: products.edit_product(db, a, ids["product"], None,
                                                            name_en="Honeydew")),
    ServiceCall("production.register_batch", Permission.MANAGE_PRODUCTION,
                lambda db, a, ids, f: production.register_batch(
                    db, a, code="RB-02", plot_id=ids["plot"], product_id=ids["product"],
                    season=str(TODAY.year), planted_on=YESTERDAY)),
    ServiceCall("production.edit_batch", Permission.MANAGE_PRODUCTION,
                lambda db, a, ids, f: production.edit_batch(db, a, ids["batch"], None,
                                                            area_mu="5")),
    ServiceCall("production.record_activity", Permission.MANAGE_PRODUCTION,
                lambda db, a, ids, f: production.record_activity(
                    db, a, batch_id=ids["batch"], kind="irrigation", performed_on=YESTERDAY)),
    ServiceCall("production.record_harvest", Permission.MANAGE_PRODUCTION,
                lambda db, a, ids, f: production.record_harvest(
                    db, a, batch_id=ids["batch"], harvested_on=YESTERDAY, quantity="50")),
    ServiceCall("deliveries.record_delivery", Permission.RECORD_DELIVERIES,
                lambda db, a, ids, f: deliveries.record_delivery(
                    db, a, code="RD-01", member_id=ids["member"], product_id=ids["product"],
                    delivered_on=YESTERDAY, quantity="30")),
    ServiceCall("lots.create_lot", Permission.MANAGE_LOTS,
                lambda db, a, ids, f: lots.create_lot(
                    db, a, code="RL-NEW", product_id=ids["product"],
                    sources=[lots.SourceInput("harvest", ids["harvest"], "10")])),
    ServiceCall("lots.transform", Permission.MANAGE_LOTS,
                lambda db, a, ids, f: lots.transform(
                    db, a, kind="split", inputs=[(ids["lot_tested"], "10")],
                    outputs=[lots.OutputInput("RL-SPLIT", "10")])),
    ServiceCall("lots.release_lot", Permission.RELEASE_LOTS,
                lambda db, a, ids, f: lots.release_lot(db, a, ids["lot_tested"])),
    ServiceCall("lots.hold_lot", Permission.RELEASE_LOTS,
                lambda db, a, ids, f: lots.hold_lot(db, a, ids["lot_tested"], "复检")),
    ServiceCall("quality.record_quality", Permission.RECORD_QUALITY,
                lambda db, a, ids, f: quality.record_quality(
                    db, a, code="RQ-02", kind="rapid_residue", tested_on=YESTERDAY,
                    lot_id=ids["lot_tested"],
                    parameters=[quality.ParameterInput("抑制率", "10", "50", "%")])),
    ServiceCall("labels.print_labels", Permission.PRINT_LABELS,
                lambda db, a, ids, f: labels.print_labels(db, a, lot_id=ids["lot_released"],
                                                          count=2)),
    ServiceCall("labels.void_label", Permission.PRINT_LABELS,
                lambda db, a, ids, f: labels.void_label(db, a, serial=ids["serial"],
                                                        reason="撕坏")),
    ServiceCall("label_printing.issue_labels", Permission.PRINT_LABELS,
                lambda db, a, ids, f: label_printing.issue_labels(
                    db, a, label_printing.LabelRequest(ids["lot_released"], 1), _pdf(f))),
    ServiceCall("label_printing.reprint_label", Permission.PRINT_LABELS,
                lambda db, a, ids, f: label_printing.reprint_label(
                    db, a, ids["serial"], "标签污损", _pdf(f))),
    ServiceCall("packing.pack_crate", Permission.PRINT_LABELS,
                lambda db, a, ids, f: packing.pack_crate(
                    db, a, ids["lot_released"], _weighing("11.2"), crate_tare="1.2")),
    ServiceCall("packing.undo_last_crate", Permission.PRINT_LABELS,
                lambda db, a, ids, f: packing.undo_last_crate(db, a, ids["lot_released"],
                                                              "称了两次")),
    ServiceCall("organic_codes.set_certified_quantity", Permission.MANAGE_CERTIFICATIONS,
                lambda db, a, ids, f: organic_codes.set_certified_quantity(
                    db, a, ids["organic"], ids["organic_product"], "40000")),
    ServiceCall("organic_codes.import_organic_codes", Permission.MANAGE_CERTIFICATIONS,
                lambda db, a, ids, f: organic_codes.import_organic_codes(
                    db, a, ids["organic"], ["12426999990000001"], source="发放单")),
    ServiceCall("organic_codes.allocate_organic_codes", Permission.PRINT_LABELS,
                lambda db, a, ids, f: organic_codes.allocate_organic_codes(
                    db, a, ids["organic"], ids["organic_lot"], [ids["organic_package"]])),
    ServiceCall("certifications.record_certification", Permission.MANAGE_CERTIFICATIONS,
                lambda db, a, ids, f: certifications.record_certification(
                    db, a, scheme="gap", number="GAP-ROLES", certifier="CQC",
                    valid_from=YESTERDAY, valid_until=TODAY + dt.timedelta(days=300))),
    ServiceCall("certifications.attach_document", Permission.MANAGE_CERTIFICATIONS,
                lambda db, a, ids, f: certifications.attach_document(
                    db, a, ids["organic"], AttachmentInput("证书.pdf", b"%PDF-1.4 scan",
                                                           "application/pdf"))),
    ServiceCall("inspections.record_inspection", Permission.MANAGE_CERTIFICATIONS,
                lambda db, a, ids, f: inspections.record_inspection(
                    db, a, code="RNJ-01", member_id=ids["member"], inspected_on=YESTERDAY,
                    inspector="内检员")),
    ServiceCall("inspections.close_nonconformity", Permission.MANAGE_CERTIFICATIONS,
                lambda db, a, ids, f: inspections.close_nonconformity(
                    db, a, ids["finding"], closed_on=TODAY, evidence="已整改，见照片")),
    ServiceCall("training.record_training", Permission.MANAGE_CERTIFICATIONS,
                lambda db, a, ids, f: training.record_training(
                    db, a, code="RTR-01", held_on=YESTERDAY, topic="安全用药",
                    trainer="农技站", member_ids=[ids["member"]])),
    ServiceCall("livestock.register_animal", Permission.MANAGE_LIVESTOCK,
                lambda db, a, ids, f: livestock.register_animal(
                    db, a, ear_tag="162062299990001", species="sheep",
                    owner_member_id=ids["member"])),
    ServiceCall("livestock.edit_animal", Permission.MANAGE_LIVESTOCK,
                lambda db, a, ids, f: livestock.edit_animal(db, a, ids["animal"], None,
                                                            herd="二号圈")),
    ServiceCall("livestock.record_animal_event", Permission.MANAGE_LIVESTOCK,
                lambda db, a, ids, f: livestock.record_animal_event(
                    db, a, animal_id=ids["animal"], kind="weighing", occurred_on=TODAY,
                    weighing=_weighing("41.5"))),
    ServiceCall("livestock_weighing.weigh_animal", Permission.MANAGE_LIVESTOCK,
                lambda db, a, ids, f: livestock_weighing.weigh_animal(
                    db, a, ids["animal"], _weighing("42.5"))),
    ServiceCall("sales.register_customer", Permission.MANAGE_SALES,
                lambda db, a, ids, f: sales.register_customer(
                    db, a, code="RC-01", name="兰州批发市场", kind="wholesale")),
    ServiceCall("sales.record_shipment", Permission.MANAGE_SALES,
                lambda db, a, ids, f: sales.record_shipment(
                    db, a, code="RS-01", customer_id=ids["customer"], shipped_on=TODAY,
                    lines=[sales.LineInput(ids["lot_released"], "5")])),
    ServiceCall("sales.add_temperatures", Permission.MANAGE_SALES,
                lambda db, a, ids, f: sales.add_temperatures(
                    db, a, ids["shipment"],
                    [(dt.datetime.combine(YESTERDAY, dt.time(7), dt.UTC), 4.2)])),
    ServiceCall("cold_chain.import_logger_file", Permission.MANAGE_SALES, _logger_file),
    ServiceCall("sensors.register_sensor", Permission.MANAGE_SENSORS,
                lambda db, a, ids, f: sensors.register_sensor(
                    db, a, code="RSN-01", name="棚内温湿度", profile=ids["sensor_profile"],
                    channels=[sensors.ChannelInput("air_temperature", "°C")])),
    ServiceCall("sensors.store_readings", Permission.MANAGE_SENSORS,
                lambda db, a, ids, f: sensors.store_readings(
                    db, a, ids["channel"], [(dt.datetime.now(dt.UTC), 21.5)])),
    ServiceCall("sensors.store_poll", Permission.MANAGE_SENSORS,
                lambda db, a, ids, f: sensors.store_poll(
                    db, a, ids["sensor"], dt.datetime.now(dt.UTC), {ids["channel"]: 21.5})),
    ServiceCall("payouts.add_charge_rule", Permission.MANAGE_COOPERATIVE,
                lambda db, a, ids, f: payouts.add_charge_rule(db, a, name="运费",
                                                              per_kg="0.02")),
    ServiceCall("payouts.payout_statement", Permission.MANAGE_COOPERATIVE,
                lambda db, a, ids, f: payouts.payout_statement(db, a, ids["payout_year"]),
                writes=False),
    ServiceCall("payouts.record_payouts", Permission.MANAGE_COOPERATIVE,
                lambda db, a, ids, f: payouts.record_payouts(db, a, ids["payout_year"])),
    ServiceCall("payouts.mark_paid", Permission.MANAGE_COOPERATIVE,
                lambda db, a, ids, f: payouts.mark_paid(db, a, ids["unpaid"],
                                                        paid_on=TODAY, reference="NYYH-1")),
    ServiceCall("imports.commit", Permission.MANAGE_MEMBERS, _import_members),
)

#: Services that check a writing permission but are not in the table, and why.
NOT_IN_TABLE = {
    "label_printing._void_unsent": "private: voids the serials of a job whose send failed",
    "sensor_polling.poll_sensor": "talks to a sensor bus; it stores through sensors.store_poll",
    "imports.preview": "checks the rows and writes nothing; commit is in the table",
    "backups.back_up_now": "copies the database file (no record changes); its roles are "
                           "tested in tests/services/test_backups.py",
    "backups.restore_backup": "replaces the database file after checking it; its roles are "
                              "tested in tests/services/test_backups.py",
}


# --- the world ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory,
          sqlite_template: Path) -> tuple[Path, Ids, dict[Role, Actor]]:
    """The demo cooperative plus records of known state, as one SQLite file, and the ids."""
    folder = tmp_path_factory.mktemp("roles_world")
    file = folder / "world.sqlite"
    shutil.copyfile(sqlite_template, file)
    db = Database.open(str(file))
    try:
        load_demo(db, members=10, seed=7, today=TODAY)
        ids = _known_records(db, folder)
        actors = _demo_actors(db)
    finally:
        db.dispose()
    plain = sqlite3.connect(file, isolation_level=None)  # a smaller file to copy
    try:
        plain.execute("DELETE FROM sensor_readings")
        plain.execute("VACUUM")
    finally:
        plain.close()
    return file, ids, actors


def _known_records(db: Database, folder: Path) -> Ids:
    ids: Ids = {"product": make_product(db, code="RPROD", name_zh="白兰瓜")}
    ids["member"] = make_member(db, "RM-01")
    ids["plot"] = members.register_plot(db, SYSTEM, member_id=ids["member"], code="RP-01",
                                        area_mu="5.5", land_type="irrigated")
    ids["batch"] = production.register_batch(
        db, SYSTEM, code="RB-01", plot_id=ids["plot"], product_id=ids["product"],
        season=str(TODAY.year), planted_on=TODAY - dt.timedelta(days=120))
    ids["harvest"] = harvest_of(db, ids["batch"], "400", on=5)
    ids["lot_tested"] = lot_from(db, "RL-TESTED", ids["harvest"], "100", ids["product"])
    passing_test(db, ids["lot_tested"], "RQ-T", on=2)
    ids["lot_released"] = lot_from(db, "RL-RELEASED", ids["harvest"], "200", ids["product"])
    passing_test(db, ids["lot_released"], "RQ-R", on=2)
    lots.release_lot(db, SYSTEM, ids["lot_released"])
    [ids["serial"]] = labels.print_labels(db, SYSTEM, lot_id=ids["lot_released"], count=1)
    packing.pack_crate(db, SYSTEM, ids["lot_released"], _weighing("11.0"), crate_tare="1.2")
    with db.read() as session:
        ids["cooperative"] = session.execute(text("SELECT min(id) FROM cooperatives")
                                             ).scalar_one()
        ids["animal"] = session.execute(select(func.min(Animal.id))).scalar_one()
        ids["customer"] = session.execute(select(func.min(Customer.id))).scalar_one()
        ids["shipment"] = session.execute(select(func.min(Shipment.id))).scalar_one()
        sensor = session.execute(select(Sensor).order_by(Sensor.id).limit(1)).scalar_one()
        ids["sensor"], ids["sensor_profile"] = sensor.id, sensor.profile
        ids["channel"] = session.execute(select(func.min(SensorChannel.id)).where(
            SensorChannel.sensor_id == sensor.id)).scalar_one()
        ids["finding"] = session.execute(select(func.min(InspectionFinding.id)).where(
            InspectionFinding.closed_on.is_(None),
            InspectionFinding.severity != "observation")).scalar_one()
        unpaid = session.execute(select(Payout).where(Payout.paid_on.is_(None))
                                 .order_by(Payout.id).limit(1)).scalar_one()
        ids["unpaid"] = unpaid.id
        organic = session.execute(select(Certification).where(
            Certification.scheme == Scheme.ORGANIC).order_by(Certification.id).limit(1)
        ).scalar_one()
        ids["organic"] = organic.id
        ids["organic_product"] = organic.products[0].id
        ids["organic_lot"] = session.execute(select(OrganicCode.lot_id).where(
            OrganicCode.certification_id == organic.id, OrganicCode.lot_id.is_not(None))
            .limit(1)).scalar_one()
    [organic_serial] = labels.print_labels(db, SYSTEM, lot_id=ids["organic_lot"], count=1,
                                           net_weights=["0.5"])
    with db.read() as session:
        ids["organic_package"] = session.execute(select(Package.id).where(
            Package.serial == organic_serial)).scalar_one()
    # a priced delivery of this year not yet paid out, for record_payouts
    ids["payout_year"] = YESTERDAY.year
    deliveries.record_delivery(db, SYSTEM, code="RD-PAY", member_id=ids["member"],
                               product_id=ids["product"], delivered_on=YESTERDAY,
                               quantity="20", unit_price="3.5")
    return ids


def _demo_actors(db: Database) -> dict[Role, Actor]:
    with db.read() as session:
        found = dict(session.execute(select(User.username, User.id)).tuples().all())
    return {role: Actor(username=name, role=role, user_id=found[name])
            for name, role, _ in DEMO_USERS}


def _row_counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {table.name: int(session.execute(select(func.count()).select_from(table))
                                .scalar_one())
                for table in Base.metadata.sorted_tables}


@pytest.fixture
def copy_of(world: tuple[Path, Ids, dict[Role, Actor]],
            tmp_path: Path) -> Iterator[tuple[Database, Ids, dict[Role, Actor]]]:
    file, ids, actors = world
    mine = tmp_path / "case.sqlite"
    shutil.copyfile(file, mine)
    db = Database.open(str(mine))
    yield db, ids, actors
    db.dispose()


# --- the matrix -----------------------------------------------------------------------------------

CASES = [pytest.param(call, role, id=f"{call.service}-{role.value}")
         for call in CALLS for role in Role]


@pytest.mark.parametrize(("call", "role"), CASES)
def test_each_role_may_do_exactly_what_grants_says(
        copy_of: tuple[Database, Ids, dict[Role, Actor]], tmp_path: Path,
        call: ServiceCall, role: Role) -> None:
    db, ids, actors = copy_of
    actor = actors[role]
    before = _row_counts(db)
    if call.permission in GRANTS[role]:
        call.call(db, actor, ids, tmp_path)
        after = _row_counts(db)
        if call.writes:
            assert after["audit_entries"] > before["audit_entries"], "a change not audited"
        else:
            assert after == before
    else:
        with pytest.raises(PermissionDenied) as refused:
            call.call(db, actor, ids, tmp_path)
        assert refused.value.code == "permission.denied"
        assert role.value in str(refused.value)
        assert _row_counts(db) == before, "a refused call wrote something"


def test_the_matrix_has_every_role_and_a_refusal_for_every_call() -> None:
    assert len(CASES) == len(CALLS) * len(Role)
    for call in CALLS:
        allowed = {role for role in Role if call.permission in GRANTS[role]}
        assert Role.ADMIN in allowed, call.service
        assert Role.AUDITOR not in allowed, call.service  # the auditor never changes a record
    assert len({call.service for call in CALLS}) == len(CALLS)


def _guarded_services() -> dict[str, set[str]]:
    """Each public service function (``module.function``) taking (db, actor) and checking a
    permission other than READ itself, with the permissions it checks."""
    found: dict[str, set[str]] = {}
    for file in sorted(SERVICES.glob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name == "unit_of_work":
                continue
            checked = {
                argument.attr
                for call in ast.walk(node) if isinstance(call, ast.Call)
                and getattr(call.func, "id", None) in {"unit_of_work", "require"}
                for argument in call.args
                if isinstance(argument, ast.Attribute)
                and getattr(argument.value, "id", None) == "Permission"}
            if node.name == "commit" and file.stem == "imports":
                checked.add("BY_KIND")  # require(actor, permission) chosen by the import kind
            if checked - {"READ"}:
                found[f"{file.stem}.{node.name}"] = checked
    return found


def test_every_service_that_checks_a_writing_permission_is_in_the_table() -> None:
    guarded = _guarded_services()
    assert len(guarded) >= 45
    in_table = {call.service for call in CALLS}
    missing = set(guarded) - in_table - set(NOT_IN_TABLE)
    assert not missing, f"add these to CALLS: {sorted(missing)}"
    for call in CALLS:
        if call.service in guarded and "BY_KIND" not in guarded[call.service]:
            assert guarded[call.service] == {call.permission.name}, call.service


def test_role_names_in_refusals_are_sentences(
        copy_of: tuple[Database, Ids, dict[Role, Actor]]) -> None:
    db, ids, actors = copy_of
    with pytest.raises(PermissionDenied) as refused:
        lots.release_lot(db, actors[Role.PACKER], ids["lot_tested"])
    assert str(refused.value).endswith(".")
    assert "packer" in str(refused.value)
