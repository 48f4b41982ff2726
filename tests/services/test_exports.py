"""The rows of the standard exports: every lot and event of a period or of a traced lot, the
quantities balanced, and no household's personal data in any export (on the demo cooperative).

``build_story`` makes a small cooperative with every kind of event; the report tests use it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from coop_desktop.domain.errors import NotFoundError, ValidationError
from coop_desktop.domain.id_numbers import id_check_char
from coop_desktop.domain.models import Lot, Member, Package, Role
from coop_desktop.reports.epcis import write_epcis
from coop_desktop.reports.fsma import write_fsma
from coop_desktop.reports.platform_csv import write_platform_csv
from coop_desktop.services.deliveries import record_delivery
from coop_desktop.services.demo import load_demo
from coop_desktop.services.exports import ExportData, gather, local_day
from coop_desktop.services.label_printing import (
    Destination,
    LabelRequest,
    OutputFormat,
    issue_labels,
)
from coop_desktop.services.livestock import register_animal
from coop_desktop.services.lots import (
    OutputInput,
    SourceInput,
    create_lot,
    merge_lots,
    process_lots,
    release_lot,
    split_lot,
)
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.sales import (
    LineInput,
    add_temperatures,
    record_shipment,
    register_customer,
)
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import (
    TODAY,
    days_ago,
    grow,
    harvest_of,
    make_member,
    make_product,
    passing_test,
)

#: The last day of a period "up to today" as the exports count days (China, UTC+8): a label
#: printed now is already tomorrow there when this machine's clock runs on UTC.
TODAY_CN = max(TODAY, local_day(dt.datetime.now(dt.UTC)))

ID_BODY = "62060219800101123"
ID_NUMBER = ID_BODY + id_check_char(ID_BODY)
PHONE = "13912345678"
HOUSEHOLD = "王建国"
ACCOUNT = "6228480000000000001"


@dataclass(frozen=True)
class Story:
    """The codes of the story's lots."""

    harvested: str = "L-A"
    delivered: str = "L-B"
    slaughtered: str = "L-C"
    merged: str = "L-M"
    labelled: str = "L-S1"
    split_rest: str = "L-S2"
    processed: str = "L-P"

    @property
    def codes(self) -> set[str]:
        return {self.harvested, self.delivered, self.slaughtered, self.merged, self.labelled,
                self.split_rest, self.processed}


def build_story(db: Database, tmp_path: Path) -> Story:
    """A harvest, a member delivery and a slaughtered sheep each made into a lot; the first
    two merged (5 kg lost), split, one part processed into dried fruit (35 kg of water lost),
    the other tested, released, labelled (three crates), shipped (the crates by serial and
    20 kg more) with a cold-chain log. The households have a name, phone, ID number and
    payout account that no export may show."""
    story = Story()
    melon = make_product(db, code="MELON", name_zh="白兰瓜", name_en="Honeydew melon",
                         variety="甘蜜宝", gtin="06901234567892", shelf_life_days=20)
    dried = make_product(db, code="DRIED", name_zh="瓜干", name_en="Dried melon",
                         kind="processed")
    mutton = make_product(db, code="MUTTON", name_zh="羊肉", name_en="Mutton", kind="animal")
    crop = grow(db, melon, member="M001", plot="P001", batch="B001", name=HOUSEHOLD,
                phone=PHONE, id_number=ID_NUMBER, payout_account=ACCOUNT)
    harvest = harvest_of(db, crop.batch_id, "100", on=20)
    create_lot(db, SYSTEM, code=story.harvested, product_id=melon,
               sources=[SourceInput("harvest", harvest, "100")], pack_date=days_ago(19))
    other = make_member(db, "M002", name="李秀英", phone="13800001111")
    delivery = record_delivery(db, SYSTEM, code="JS-001", member_id=other, product_id=melon,
                               delivered_on=days_ago(19), quantity="50")
    create_lot(db, SYSTEM, code=story.delivered, product_id=melon,
               sources=[SourceInput("delivery", delivery, "50")], pack_date=days_ago(19))
    sheep = register_animal(db, SYSTEM, ear_tag="620602000000001", species="sheep",
                            owner_member_id=crop.member_id)
    create_lot(db, SYSTEM, code=story.slaughtered, product_id=mutton,
               sources=[SourceInput("animal", sheep, "20")], pack_date=days_ago(10))
    with db.read() as session:
        ids = dict(session.execute(select(Lot.code, Lot.id)).all())
    merged = merge_lots(db, SYSTEM, [(ids[story.harvested], "100"),
                                     (ids[story.delivered], "50")], story.merged, loss="5",
                        loss_reason="trimming", occurred_on=days_ago(18))
    labelled, rest = split_lot(db, SYSTEM, merged, [OutputInput(story.labelled, "100"),
                                                    OutputInput(story.split_rest, "45")],
                               occurred_on=days_ago(17), pack_date=days_ago(17))
    process_lots(db, SYSTEM, [(rest, "45")], [OutputInput(story.processed, "10",
                                                          product_id=dried)],
                 loss="35", loss_reason="water", occurred_on=days_ago(16))
    passing_test(db, labelled, "Q-1", on=15)
    release_lot(db, SYSTEM, labelled)
    issue_labels(db, SYSTEM, LabelRequest(labelled, 3, net_weights=["10", "10", "10"]),
                 Destination(OutputFormat.TSPL, out=tmp_path / "labels.tspl"))
    with db.read() as session:
        packages = list(session.execute(select(Package.id).order_by(Package.serial)).scalars())
    customer = register_customer(db, SYSTEM, code="C-LZ", name="兰州大青山蔬菜批发市场",
                                 kind="wholesale", contact="张经理", phone="0931-8888888",
                                 address="兰州市七里河区")
    shipment = record_shipment(db, SYSTEM, code="FH-001", customer_id=customer,
                               shipped_on=days_ago(5), driver="赵师傅", vehicle="甘H12345",
                               lines=[*(LineInput(labelled, "10", package_id=package)
                                        for package in packages),
                                      LineInput(labelled, "20")])
    start = dt.datetime.combine(days_ago(5), dt.time(8), dt.UTC)
    add_temperatures(db, SYSTEM, shipment, [(start + dt.timedelta(minutes=10 * step),
                                             3.5 + step) for step in range(3)])
    return story


def codes(data: ExportData) -> set[str]:
    return {lot.code for lot in data.lots.values()}


def test_a_period_holds_every_lot_and_event(coop: Database, tmp_path: Path) -> None:
    story = build_story(coop, tmp_path)
    data = gather(coop, actor_for(Role.AUDITOR), start=days_ago(30), end=TODAY_CN)
    assert codes(data) == story.codes
    assert not data.is_empty
    assert {data.lots[item.lot_id].code for item in data.commissionings} == {
        story.harvested, story.delivered, story.slaughtered}
    assert [step.kind for step in data.transformations] == ["merge", "split", "process"]
    assert len(data.packings) == 1 and len(data.packings[0].serials) == 3
    assert data.packings[0].net_total == Decimal(30)
    assert [line.serial is not None for line in data.shipments] == [True] * 3 + [False]
    assert len(data.temperatures) == 1 and len(data.temperatures[0].readings) == 3
    by_kind = {source.kind: source for item in data.commissionings for source in item.sources}
    assert by_kind["harvest"].plot_code == "P001" and by_kind["harvest"].reference == "B001"
    assert by_kind["delivery"].reference == "JS-001"
    assert by_kind["animal"].quantity == Decimal(20)


def test_every_transformation_balances(coop: Database, tmp_path: Path) -> None:
    build_story(coop, tmp_path)
    data = gather(coop, SYSTEM, start=days_ago(30), end=TODAY_CN)
    for step in data.transformations:
        taken = sum((amount for _, amount in step.inputs), Decimal(0))
        made = sum((amount for _, amount in step.outputs), Decimal(0))
        assert taken == made + step.loss, step
    assert [step.loss for step in data.transformations] == [Decimal(5), Decimal(0),
                                                            Decimal(35)]


def test_the_period_bounds_the_events(coop: Database, tmp_path: Path) -> None:
    story = build_story(coop, tmp_path)
    data = gather(coop, SYSTEM, start=days_ago(18), end=days_ago(17))
    assert [step.kind for step in data.transformations] == ["merge", "split"]
    assert not data.commissionings and not data.shipments and not data.packings
    assert codes(data) == {story.harvested, story.delivered, story.merged, story.labelled,
                           story.split_rest}
    before = gather(coop, SYSTEM, start=days_ago(400), end=days_ago(300))
    assert before.is_empty and not before.lots


def test_a_lot_brings_everything_linked_to_it(coop: Database, tmp_path: Path) -> None:
    story = build_story(coop, tmp_path)
    data = gather(coop, SYSTEM, lot=story.labelled.lower())
    # Back to the merge's sources; the split is exported whole (its other output too), but
    # what happened to that other output afterwards is not the labelled lot's story.
    assert codes(data) == {story.harvested, story.delivered, story.merged, story.labelled,
                           story.split_rest}
    assert [step.kind for step in data.transformations] == ["merge", "split"]
    assert len(data.shipments) == 4
    animal = gather(coop, SYSTEM, lot=story.slaughtered)
    assert codes(animal) == {story.slaughtered}
    assert gather(coop, SYSTEM, lot=story.slaughtered, start=TODAY, end=TODAY).is_empty


def test_bad_requests_are_refused_with_a_sentence(coop: Database, tmp_path: Path) -> None:
    build_story(coop, tmp_path)
    with pytest.raises(ValidationError, match="before it starts") as reversed_period:
        gather(coop, SYSTEM, start=TODAY, end=days_ago(1))
    assert reversed_period.value.message("zh").startswith("期间的结束日期")
    with pytest.raises(ValidationError, match="not a date"):
        gather(coop, SYSTEM, start="2026-02-30", end=TODAY)
    with pytest.raises(NotFoundError, match="no lot 'NOPE-1'"):
        gather(coop, SYSTEM, lot="NOPE-1")


def test_the_platform_rows_know_origin_and_quality(coop: Database, tmp_path: Path) -> None:
    story = build_story(coop, tmp_path)
    data = gather(coop, SYSTEM, start=days_ago(30), end=TODAY_CN, for_platform=True)
    by_code = {lot.code: lot.id for lot in data.lots.values()}
    assert data.origins[by_code[story.labelled]] == ("黄羊镇新村",)
    assert data.quality[by_code[story.labelled]].result == "pass"
    assert data.quality[by_code[story.labelled]].basis == "自行检测"
    assert data.quality[by_code[story.processed]].result == ""  # processing needs a new test
    assert data.quality[by_code[story.processed]].basis == "质量安全控制"


# --- the demo cooperative: no personal data in any export ---------------------------------

@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
         ) -> Iterator[tuple[Database, Path]]:
    folder = tmp_path_factory.mktemp("exports")
    file = folder / "demo.sqlite"
    shutil.copyfile(sqlite_template, file)
    database = Database.open(str(file))
    load_demo(database, members=20)  # every kind of record; fewer households, faster
    data = gather(database, SYSTEM, start=TODAY - dt.timedelta(days=730), end=TODAY_CN,
                  for_platform=True)
    write_epcis(data, folder / "demo.jsonld")
    write_fsma(data, folder / "demo.xlsx")
    write_fsma(data, folder / "demo.csv")
    write_platform_csv(data, folder / "platform.csv")
    yield database, folder
    database.dispose()


def _values(value: object) -> list[str]:
    if isinstance(value, dict):
        return [*value.keys(), *(text for item in value.values() for text in _values(item))]
    if isinstance(value, list):
        return [text for item in value for text in _values(item)]
    return [str(value)]


def _csv_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def test_no_export_carries_personal_data(demo: tuple[Database, Path]) -> None:
    database, folder = demo
    with database.read() as session:
        members = session.execute(select(Member.name, Member.id_number, Member.phone,
                                         Member.payout_account)).all()
    personal = {value for row in members for value in row if value and len(value) >= 2}
    assert len(personal) > 50
    book = load_workbook(folder / "demo.xlsx", read_only=True)
    exports = {
        "epcis": _values(json.loads((folder / "demo.jsonld").read_text(encoding="utf-8"))),
        "xlsx": [str(cell) for row in book.active.iter_rows(values_only=True)
                 for cell in row if cell is not None],
        "fsma.csv": _csv_cells(folder / "demo.csv"),
        "platform.csv": _csv_cells(folder / "platform.csv"),
    }
    book.close()
    for name, values in exports.items():
        assert len(values) > 100, name
        found = {secret for value in values for secret in personal if secret in value}
        assert not found, f"{name}: {sorted(found)[:3]}"
        for word in ("贫困", "监测户", "poverty", "身份证"):
            assert not any(word in value for value in values), name


def test_the_demo_period_exports_every_lot(demo: tuple[Database, Path]) -> None:
    database, folder = demo
    with database.read() as session:
        lots = set(session.execute(select(Lot.code)).scalars())
    document = (folder / "demo.jsonld").read_text(encoding="utf-8")
    assert all(f"/10/{code}" in document or f"/l/{code}" in document for code in lots)
    with (folder / "platform.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert {row[2] for row in rows[2:]} == lots


def test_the_demo_epcis_document_validates(demo: tuple[Database, Path]) -> None:
    _, folder = demo
    schema_file = Path(__file__).resolve().parents[1] / "data" / "epcis" / "EPCIS-JSON-Schema.json"
    validator = jsonschema.Draft7Validator(
        json.loads(schema_file.read_text(encoding="utf-8")),
        format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    document = json.loads((folder / "demo.jsonld").read_text(encoding="utf-8"))
    assert len(document["epcisBody"]["eventList"]) > 50
    errors = list(validator.iter_errors(document))
    assert not errors, [error.message[:200] for error in errors[:3]]
    steps = {event.get("bizStep") for event in document["epcisBody"]["eventList"]}
    assert steps >= {"commissioning", "repackaging", "packing", "shipping", "sensor_reporting"}
