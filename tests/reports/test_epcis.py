"""EPCIS 2.0 JSON-LD: documents that validate against GS1's own schema (tests/data/epcis, with
its URI and date-time formats checked), every event kind of a lot, balanced transformations,
Digital Link and GLN identifiers, local times."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from coop_desktop.reports.epcis import epcis_document, write_epcis
from coop_desktop.services.exports import gather
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.setup import edit_cooperative
from coop_desktop.storage.database import Database
from tests.services.builders import days_ago
from tests.services.test_exports import TODAY_CN, Story, build_story

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "data" / "epcis"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads((SCHEMA_DIR / "EPCIS-JSON-Schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema,
                                      format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def assert_valid(validator: jsonschema.Draft7Validator, document: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(document), key=lambda error: list(error.path))
    assert not errors, [f"{list(error.path)}: {error.message[:200]}" for error in errors[:5]]


def events(document: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = document["epcisBody"]["eventList"]
    return found


def test_the_validator_knows_good_from_bad(validator: jsonschema.Draft7Validator) -> None:
    for example in sorted((SCHEMA_DIR / "examples").glob("*.jsonld")):
        assert_valid(validator, json.loads(example.read_text(encoding="utf-8")))
    broken = json.loads((SCHEMA_DIR / "examples" / "Example_9.6.1-ObjectEvent.jsonld")
                        .read_text(encoding="utf-8"))
    broken["epcisBody"]["eventList"][0]["eventTimeZoneOffset"] = "+8"
    assert list(validator.iter_errors(broken))
    bad_uri = copy.deepcopy(broken)
    bad_uri["epcisBody"]["eventList"][0]["eventTimeZoneOffset"] = "+08:00"
    bad_uri["epcisBody"]["eventList"][0]["readPoint"] = {"id": "not a uri"}
    assert list(validator.iter_errors(bad_uri))  # formats are checked too


def test_a_lot_with_every_event_kind_validates(coop: Database, tmp_path: Path,
                                               validator: jsonschema.Draft7Validator) -> None:
    story = build_story(coop, tmp_path)
    data = gather(coop, SYSTEM, start=days_ago(30), end=TODAY_CN)
    out = tmp_path / "period.jsonld"
    count = write_epcis(data, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert_valid(validator, document)
    assert document["type"] == "EPCISDocument" and document["schemaVersion"] == "2.0"
    assert count == len(events(document))
    kinds = Counter((event["type"], event.get("bizStep")) for event in events(document))
    assert kinds == {("ObjectEvent", "commissioning"): 3,
                     ("TransformationEvent", "repackaging"): 2,
                     ("TransformationEvent", "commissioning"): 1,
                     ("ObjectEvent", "packing"): 1,
                     ("ObjectEvent", "shipping"): 4,
                     ("ObjectEvent", "sensor_reporting"): 1}
    assert {event["eventTimeZoneOffset"] for event in events(document)} == {"+08:00"}
    assert all(event["eventTime"].endswith("+08:00") for event in events(document))
    assert len({event["eventID"] for event in events(document)}) == count
    times = [dt.datetime.fromisoformat(event["eventTime"]) for event in events(document)]
    assert times == sorted(times)
    text = out.read_text(encoding="utf-8")
    for code in story.codes:
        assert f"/{code}\"" in text or f"/{code}/" in text, code


def _by_step(document: dict[str, Any], step: str) -> list[dict[str, Any]]:
    return [event for event in events(document) if event.get("bizStep") == step]


def test_identifiers_quantities_and_master_data(coop: Database, tmp_path: Path) -> None:
    story = build_story(coop, tmp_path)
    document = epcis_document(gather(coop, SYSTEM, start=days_ago(30), end=TODAY_CN))
    melon = "https://id.gs1.org/01/06901234567892/10/"
    commissioned = {event["quantityList"][0]["epcClass"]: event
                    for event in _by_step(document, "commissioning")
                    if event["type"] == "ObjectEvent"}
    harvested = commissioned[melon + story.harvested]
    assert harvested["action"] == "ADD"
    assert harvested["quantityList"][0] == {"epcClass": melon + story.harvested,
                                            "quantity": 100, "uom": "KGM"}
    assert harvested["ilmd"]["cbvmda:harvestStartDate"] == days_ago(20).isoformat()
    assert harvested["ilmd"]["cbvmda:bestBeforeDate"] == (days_ago(19)
                                                          + dt.timedelta(days=20)).isoformat()
    assert harvested["ilmd"]["coop:variety"] == "甘蜜宝"
    # No GS1 company prefix: places are addresses under the cooperative's own.
    assert harvested["readPoint"]["id"] == "https://trace.example-coop.cn/site/P001"
    # Mutton has no GTIN: its lot class is the cooperative's address of the lot.
    assert "https://trace.example-coop.cn/l/L-C" in commissioned
    for event in events(document):
        if event["type"] == "TransformationEvent":
            taken = sum(item["quantity"] for item in event["inputQuantityList"])
            made = sum(item["quantity"] for item in event["outputQuantityList"])
            assert taken == pytest.approx(made + event["coop:lossQuantity"]), event
    packing = _by_step(document, "packing")[0]
    assert packing["epcList"] == [f"{melon}{story.labelled}/21/{serial}" for serial in (1, 2, 3)]
    assert packing["quantityList"][0]["quantity"] == 30
    shipped = _by_step(document, "shipping")
    assert [event["epcList"] for event in shipped[:3]] == [[serial] for serial in
                                                            packing["epcList"]]
    assert shipped[0]["bizTransactionList"] == [
        {"type": "desadv", "bizTransaction": "https://trace.example-coop.cn/shipment/FH-001"}]
    assert shipped[0]["destinationList"][0]["destination"].endswith("/customer/C-LZ")
    reports = _by_step(document, "sensor_reporting")[0]["sensorElementList"][0]["sensorReport"]
    assert [report["value"] for report in reports] == [3.5, 4.5, 5.5]
    assert {report["uom"] for report in reports} == {"CEL"}
    assert reports[0]["time"].endswith("+08:00")


def test_with_a_company_prefix_places_are_glns(coop: Database, tmp_path: Path,
                                               validator: jsonschema.Draft7Validator) -> None:
    build_story(coop, tmp_path)
    edit_cooperative(coop, SYSTEM, 1, None, gs1_company_prefix="690123400")
    document = epcis_document(gather(coop, SYSTEM, start=days_ago(30), end=TODAY_CN))
    assert_valid(validator, document)
    event = _by_step(document, "commissioning")[0]
    # GLN 690123400000 + check digit; the plot as the GLN extension (AI 254).
    assert event["bizLocation"]["id"] == "https://id.gs1.org/414/6901234000009"
    assert event["readPoint"]["id"] == "https://id.gs1.org/414/6901234000009/254/P001"
    assert (_by_step(document, "shipping")[0]["sourceList"][0]["source"]
            == "https://id.gs1.org/417/6901234000009")


def test_without_any_address_identifiers_are_urns(coop: Database, tmp_path: Path,
                                                  validator: jsonschema.Draft7Validator
                                                  ) -> None:
    build_story(coop, tmp_path)
    edit_cooperative(coop, SYSTEM, 1, None, trace_base_url="")
    document = epcis_document(gather(coop, SYSTEM, lot=Story().slaughtered))
    assert_valid(validator, document)
    (event,) = events(document)
    assert event["quantityList"][0]["epcClass"] == (
        "urn:coop-desktop:93620602MA71234567:l:L-C")


def test_an_empty_period_is_a_valid_empty_document(coop: Database, tmp_path: Path,
                                                   validator: jsonschema.Draft7Validator
                                                   ) -> None:
    build_story(coop, tmp_path)
    out = tmp_path / "empty.jsonld"
    assert write_epcis(gather(coop, SYSTEM, start=days_ago(500), end=days_ago(400)), out) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert_valid(validator, document)
    assert events(document) == []
    assert not list(tmp_path.glob("*.part"))
