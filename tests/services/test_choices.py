"""Look-ups for forms: bounded searches for pickers, a record to edit with its version, what
is left of sources and lots, the waiting period of a batch, and the next record number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coop_desktop.domain.errors import NotFoundError, ValidationError
from coop_desktop.domain.models import Role
from coop_desktop.services.choices import (
    MAX_CHOICES,
    available_sources,
    choice_for,
    choices_for,
    lot_stock,
    record_fields,
    scanned_lot,
    search_choices,
    suggest_record_code,
    waiting_periods,
)
from coop_desktop.services.deliveries import record_delivery
from coop_desktop.services.labels import print_labels
from coop_desktop.services.livestock import record_animal_event, register_animal
from coop_desktop.services.lots import SourceInput, create_lot, release_lot
from coop_desktop.services.members import edit_member
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.production import record_activity
from coop_desktop.services.quality import ParameterInput, record_quality
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import (
    TODAY,
    days_ago,
    grow,
    harvest_of,
    harvested_lot,
    make_member,
    make_product,
)


def test_search_finds_by_code_or_name_exact_code_first(coop: Database) -> None:
    for number in range(1, 13):
        make_member(coop, f"M{number:03d}", name=f"王{number}")
    make_member(coop, "X01", name="李秀英M001")
    found = search_choices(coop, SYSTEM, "members", "m001")
    assert [choice.code for choice in found] == ["M001", "X01"]
    assert found[0].text == "M001 — 王1 黄羊镇新村"
    assert [choice.code for choice in search_choices(coop, SYSTEM, "members", "秀英")] == [
        "X01"]
    assert len(search_choices(coop, SYSTEM, "members", "", limit=5)) == 5
    assert len(search_choices(coop, SYSTEM, "members", "", limit=10_000)) == 13
    assert MAX_CHOICES < 10_000


def test_search_filters_and_excludes(coop: Database) -> None:
    melon = make_product(coop)
    berry = make_product(coop, "BERRY", "枸杞")
    first = grow(coop, melon, member="M001", plot="P001", batch="B001")
    grow(coop, berry, member_id=first.member_id, plot="P002", batch="B002")
    grow(coop, melon, member="M002", plot="P003", batch="B003")
    codes = [choice.code for choice in search_choices(
        coop, SYSTEM, "batches", filters={"member_id": first.member_id, "product_id": melon})]
    assert codes == ["B001"]
    assert [choice.code for choice in search_choices(
        coop, SYSTEM, "plots", filters={"member_id": first.member_id})] == ["P001", "P002"]
    ewe = register_animal(coop, SYSTEM, ear_tag="T1", species="sheep", sex="female",
                          owner_member_id=first.member_id)
    register_animal(coop, SYSTEM, ear_tag="T2", species="sheep", sex="male",
                    owner_member_id=first.member_id)
    register_animal(coop, SYSTEM, ear_tag="T3", species="yak", sex="female",
                    owner_member_id=first.member_id)
    dams = search_choices(coop, SYSTEM, "animals", filters={"species": "sheep",
                                                            "sex": "female"})
    assert [choice.code for choice in dams] == ["T1"]
    assert [choice.code for choice in search_choices(
        coop, SYSTEM, "animals", filters={"species": "sheep"}, exclude_ids=[ewe])] == ["T2"]
    with pytest.raises(ValidationError):
        search_choices(coop, SYSTEM, "animals", filters={"owner": 1})
    with pytest.raises(ValidationError):
        search_choices(coop, SYSTEM, "audit")


def test_choices_by_id_keep_the_order_asked(coop: Database) -> None:
    first = make_member(coop, "M001")
    second = make_member(coop, "M002")
    assert [choice.code for choice in choices_for(coop, SYSTEM, "members",
                                                  [second, 999, first])] == ["M002", "M001"]
    assert choice_for(coop, SYSTEM, "members", 999) is None


def test_record_fields_carry_the_version(coop: Database) -> None:
    member_id = make_member(coop, "M001")
    assert record_fields(coop, SYSTEM, "members", member_id)["version"] == 1
    edit_member(coop, SYSTEM, member_id, 1, phone="13900000000")
    fields = record_fields(coop, SYSTEM, "members", member_id)
    assert (fields["version"], fields["phone"], fields["code"]) == (2, "13900000000", "M001")
    with pytest.raises(NotFoundError):
        record_fields(coop, SYSTEM, "members", 999)


def test_reading_needs_no_more_than_the_right_to_read(coop: Database) -> None:
    make_member(coop, "M001")
    auditor = actor_for(Role.AUDITOR)
    assert [choice.code for choice in search_choices(coop, auditor, "members")] == ["M001"]


def test_available_sources_leave_out_what_lots_used(coop: Database) -> None:
    melon = make_product(coop)
    crop = grow(coop, melon)
    used = harvest_of(coop, crop.batch_id, "100", on=20)
    fresh = harvest_of(coop, crop.batch_id, "40", on=10)
    create_lot(coop, SYSTEM, code="L1", product_id=melon,
               sources=[SourceInput("harvest", used, "70")])
    delivery = record_delivery(coop, SYSTEM, code="JS1", member_id=crop.member_id,
                               product_id=melon, delivered_on=days_ago(5), quantity="12.5")
    other = make_product(coop, "BERRY", "枸杞")
    record_delivery(coop, SYSTEM, code="JS2", member_id=crop.member_id, product_id=other,
                    delivered_on=days_ago(5), quantity="3")
    sources = available_sources(coop, SYSTEM, melon)
    assert [(source.kind, source.record_id, source.left) for source in sources] == [
        ("delivery", delivery, Decimal("12.5")), ("harvest", fresh, Decimal(40)),
        ("harvest", used, Decimal(30))]
    assert sources[1].code == "B001"
    assert sources[1].member == "M001"


def test_lot_stock_and_scanned_labels(coop: Database) -> None:
    _, lot_id = harvested_lot(coop, "LA1", "100")
    record_quality(coop, SYSTEM, code="QC1", kind="rapid_residue", tested_on=days_ago(1),
                   parameters=[ParameterInput("抑制率", "10", "50", "%")], lot_id=lot_id)
    release_lot(coop, SYSTEM, lot_id)
    stock = lot_stock(coop, SYSTEM, lot_id)
    assert (stock.code, stock.left, stock.unit, stock.product) == ("LA1", Decimal(100), "kg",
                                                                  "白兰瓜")
    by_code = scanned_lot(coop, SYSTEM, " la1 ")
    assert by_code is not None
    assert (by_code.stock.id, by_code.package_id) == (lot_id, None)
    serial = print_labels(coop, SYSTEM, lot_id=lot_id, count=1, net_weights=["9.5"])[0]
    by_label = scanned_lot(coop, SYSTEM, str(serial))
    assert by_label is not None
    assert (by_label.stock.id, by_label.serial, by_label.net_weight) == (
        lot_id, serial, Decimal("9.5"))
    assert scanned_lot(coop, SYSTEM, "NOTHING") is None
    assert scanned_lot(coop, SYSTEM, "  ") is None
    with pytest.raises(NotFoundError):
        lot_stock(coop, SYSTEM, 999)


def test_waiting_periods_of_a_batch_and_an_animal(coop: Database) -> None:
    crop = grow(coop, make_product(coop))
    assert waiting_periods(coop, SYSTEM, batch_id=crop.batch_id) == []
    record_activity(coop, SYSTEM, batch_id=crop.batch_id, kind="plant_protection",
                    performed_on=days_ago(3), input_name="吡虫啉", phi_days=7)
    record_activity(coop, SYSTEM, batch_id=crop.batch_id, kind="irrigation",
                    performed_on=days_ago(2))
    sprays = waiting_periods(coop, SYSTEM, batch_id=crop.batch_id)
    assert [(spray.name, spray.allowed_on) for spray in sprays] == [("吡虫啉", days_ago(-4))]
    animal = register_animal(coop, SYSTEM, ear_tag="T1", species="sheep",
                             owner_member_id=crop.member_id)
    record_animal_event(coop, SYSTEM, animal_id=animal, kind="treatment",
                        occurred_on=days_ago(1), product_name="伊维菌素", withdrawal_days=35)
    treatments = waiting_periods(coop, SYSTEM, animal_id=animal)
    assert [(item.name, item.waiting_days) for item in treatments] == [("伊维菌素", 35)]
    assert waiting_periods(coop, SYSTEM) == []


def test_suggested_record_codes_skip_taken_numbers(coop: Database) -> None:
    member = make_member(coop, "M001")
    product = make_product(coop)
    first = suggest_record_code(coop, SYSTEM, "deliveries", TODAY)
    assert first == f"JS{TODAY:%y%m%d}-01"
    record_delivery(coop, SYSTEM, code=first, member_id=member, product_id=product,
                    delivered_on=TODAY, quantity="1")
    assert suggest_record_code(coop, SYSTEM, "deliveries", TODAY) == f"JS{TODAY:%y%m%d}-02"
    assert suggest_record_code(coop, SYSTEM, "quality", TODAY).startswith("QC")
    with pytest.raises(ValidationError):
        suggest_record_code(coop, SYSTEM, "members", TODAY)
