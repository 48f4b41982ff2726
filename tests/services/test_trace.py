"""Trace from every kind of code: backward to plots, members and inputs, forward to labels,
shipments and customers, with the quantities that moved."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

import pytest

from coop_desktop.domain.errors import NotFoundError, ValidationError
from coop_desktop.domain.models import Role
from coop_desktop.services.labels import print_labels
from coop_desktop.services.livestock import record_animal_event, register_animal
from coop_desktop.services.lots import (
    OutputInput,
    SourceInput,
    create_lot,
    merge_lots,
    release_lot,
    split_lot,
)
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.production import record_activity
from coop_desktop.services.sales import LineInput, record_shipment, register_customer
from coop_desktop.services.trace import TraceResult, trace
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import (
    TODAY,
    days_ago,
    grow,
    harvest_of,
    lot_from,
    make_product,
    passing_test,
)

AUDITOR = actor_for(Role.AUDITOR)
ID_NUMBER = "11010519491231002X"
PHONE = "13800138000"


@dataclass(frozen=True)
class World:
    harvest_a: int
    harvest_b: int


def build(db: Database) -> World:
    """Two households' melons and one sheep:

    H1 (B001, P001, M001, sprayed with PX-2301, seed SEED-77) 100 kg -> LA
    H2 (B002, P002, M002, seed SEED-88) 50 kg -> LB
    LA -> split -> LA1 60 + LA2 40;  LA2 40 + LB 50 -> merge -> LM 90
    labels 1-3 on LA1, 4-5 on LM; S001: 30 kg of LA1 to C001; S002: 90 kg of LM to C002
    sheep 620602-00017 (M001, treated with VET-88 long ago) -> LS 23.5 kg
    """
    melon = make_product(db, gtin="06901234567892")
    mutton = make_product(db, code="MUTTON", name_zh="滩羊肉", kind="animal")
    crop_a = grow(db, melon, seed_lot="SEED-77", id_number=ID_NUMBER, phone=PHONE,
                  poverty_status="registered", poverty_since_year=2016)
    crop_b = grow(db, melon, member="M002", plot="P002", batch="B002", seed_lot="SEED-88")
    record_activity(db, SYSTEM, batch_id=crop_a.batch_id, kind="plant_protection",
                    performed_on=days_ago(40), input_name="吡虫啉", input_lot="PX-2301",
                    input_registration_no="PD20121234", amount="0.3", amount_unit="L",
                    phi_days=7)
    harvest_a = harvest_of(db, crop_a.batch_id, "100", on=20)
    harvest_b = harvest_of(db, crop_b.batch_id, "50", on=18)
    lot_a = lot_from(db, "LA", harvest_a, "100", melon)
    lot_b = lot_from(db, "LB", harvest_b, "50", melon)
    passing_test(db, lot_a, "Q-LA")
    passing_test(db, lot_b, "Q-LB")
    la1, la2 = split_lot(db, SYSTEM, lot_a, [OutputInput("LA1", "60"), OutputInput("LA2", "40")])
    merged = merge_lots(db, SYSTEM, [(la2, "40"), (lot_b, "50")], "LM")
    release_lot(db, SYSTEM, la1)
    release_lot(db, SYSTEM, merged)
    assert print_labels(db, SYSTEM, lot_id=la1, count=3, net_weights=["5", "5", "5"]) == [1, 2, 3]
    assert print_labels(db, SYSTEM, lot_id=merged, count=2) == [4, 5]
    market = register_customer(db, SYSTEM, code="C001", name="兰州批发市场", kind="wholesale")
    shop = register_customer(db, SYSTEM, code="C002", name="鲜果网店", kind="online_shop")
    record_shipment(db, SYSTEM, code="S001", customer_id=market, shipped_on=days_ago(5),
                    lines=[LineInput(la1, "30", "6.5")])
    record_shipment(db, SYSTEM, code="S002", customer_id=shop, shipped_on=days_ago(4),
                    lines=[LineInput(merged, "90", "8")])
    animal = register_animal(db, SYSTEM, ear_tag="620602-00017", species="sheep",
                             owner_member_id=crop_a.member_id, eid="982000123456789")
    record_animal_event(db, SYSTEM, animal_id=animal, kind="treatment",
                        occurred_on=days_ago(60), product_name="伊维菌素注射液",
                        product_lot="VET-88", withdrawal_days=28)
    create_lot(db, SYSTEM, code="LS", product_id=mutton,
               sources=[SourceInput("animal", animal, "23.5")], pack_date=TODAY)
    return World(harvest_a, harvest_b)


def codes(items: list[dict[str, object]], key: str = "code") -> list[object]:
    return sorted(str(item[key]) for item in items)


def directions(result: TraceResult) -> dict[str, str]:
    return {node.code: node.direction for node in result.lots}


def test_trace_from_a_lot_code(coop: Database) -> None:
    build(coop)
    result = trace(coop, AUDITOR, " la ")
    assert (result.matched, result.origin) == ("lot", ["LA"])
    assert directions(result) == {"LA": "origin", "LA1": "forward", "LA2": "forward",
                                  "LM": "forward"}
    assert {(edge.parent, edge.child, edge.quantity, edge.kind) for edge in result.edges} == {
        ("LA", "LA1", Decimal(60), "split"), ("LA", "LA2", Decimal(40), "split"),
        ("LA2", "LM", Decimal(40), "merge")}
    assert codes(result.plots) == ["P001"]
    assert codes(result.members) == ["M001"]
    assert codes(result.batches) == ["B001"]
    assert [(h["batch"], h["quantity"], h["into_lot"], h["quantity_used"])
            for h in result.harvests] == [("B001", Decimal(100), "LA", Decimal(100))]
    assert [(i["input"], i["input_lot"], i["phi_days"], i["phi_ends"])
            for i in result.inputs] == [("吡虫啉", "PX-2301", 7, days_ago(33))]
    assert [(p["serial"], p["lot"]) for p in result.packages] == [
        (1, "LA1"), (2, "LA1"), (3, "LA1"), (4, "LM"), (5, "LM")]
    assert [(s["code"], s["lot"], s["quantity"], s["customer"]) for s in result.shipments] == [
        ("S001", "LA1", Decimal(30), "兰州批发市场"), ("S002", "LM", Decimal(90), "鲜果网店")]
    assert [(c["code"], c["quantity"]) for c in result.customers] == [
        ("C001", Decimal(30)), ("C002", Decimal(90))]
    assert codes(result.quality) == ["Q-LA"]


def test_trace_from_a_merged_lot_reaches_both_households(coop: Database) -> None:
    build(coop)
    result = trace(coop, AUDITOR, "LM")
    assert (result.matched, result.origin) == ("lot", ["LM"])
    assert directions(result) == {"LM": "origin", "LA2": "backward", "LA": "backward",
                                  "LB": "backward"}
    assert codes(result.plots) == ["P001", "P002"]
    assert codes(result.members) == ["M001", "M002"]
    assert sorted((h["batch"], h["into_lot"], h["quantity_used"]) for h in result.harvests) == [
        ("B001", "LA", Decimal(100)), ("B002", "LB", Decimal(50))]
    assert [i["input_lot"] for i in result.inputs] == ["PX-2301"]
    assert [p["serial"] for p in result.packages] == [4, 5]
    assert [(s["code"], s["quantity"]) for s in result.shipments] == [("S002", Decimal(90))]
    assert [(c["code"], c["quantity"]) for c in result.customers] == [("C002", Decimal(90))]
    assert codes(result.quality) == ["Q-LA", "Q-LB"]


@pytest.mark.parametrize("code", ["2", " 2 ", "https://x/01/06901234567892/10/LA1/21/2",
                                  "https://trace.example-coop.cn/01/06901234567892/10/LA1/21/2"
                                  "?13=250801&3103=005000", "https://q.example.cn/l/LA1/2/"])
def test_trace_from_a_label_serial(coop: Database, code: str) -> None:
    build(coop)
    result = trace(coop, AUDITOR, code)
    assert (result.matched, result.origin) == ("label", ["LA1"])
    assert directions(result) == {"LA1": "origin", "LA": "backward"}
    assert codes(result.members) == ["M001"]
    assert codes(result.plots) == ["P001"]
    assert [p["serial"] for p in result.packages] == [1, 2, 3]
    assert [p["net_weight"] for p in result.packages] == [Decimal(5)] * 3
    assert [(c["code"], c["quantity"]) for c in result.customers] == [("C001", Decimal(30))]


def test_trace_from_the_url_on_a_label_of_a_merged_lot(coop: Database) -> None:
    build(coop)
    result = trace(coop, AUDITOR, "https://x/01/06901234567892/10/LOT/21/5")
    assert (result.matched, result.origin) == ("label", ["LM"])
    assert codes(result.members) == ["M001", "M002"]


@pytest.mark.parametrize("code", ["620602-00017", "982000123456789", "VET-88"])
def test_trace_from_an_ear_tag_or_a_drug_lot(coop: Database, code: str) -> None:
    build(coop)
    result = trace(coop, AUDITOR, code)
    assert result.matched == ("input_lot" if code == "VET-88" else "ear_tag")
    assert result.origin == ["LS"]
    assert [(a["ear_tag"], a["owner"]) for a in result.animals] == [("620602-00017", "M001")]
    assert [(e["kind"], e["product_lot"]) for e in result.animal_events] == [
        ("treatment", "VET-88"), ("slaughter", None)]
    assert codes(result.members) == ["M001"]
    assert result.plots == []
    assert [node.quantity for node in result.lots] == [Decimal("23.5")]


def test_trace_from_a_sprayed_input_lot(coop: Database) -> None:
    build(coop)
    result = trace(coop, AUDITOR, "PX-2301")
    assert (result.matched, result.origin) == ("input_lot", ["LA"])
    assert directions(result) == {"LA": "origin", "LA1": "forward", "LA2": "forward",
                                  "LM": "forward"}
    assert codes(result.plots) == ["P001"]
    assert [(c["code"], c["quantity"]) for c in result.customers] == [
        ("C001", Decimal(30)), ("C002", Decimal(90))]


def test_trace_from_a_seed_lot(coop: Database) -> None:
    build(coop)
    result = trace(coop, AUDITOR, "SEED-88")
    assert (result.matched, result.origin) == ("input_lot", ["LB"])
    assert directions(result) == {"LB": "origin", "LM": "forward"}
    assert codes(result.plots) == ["P002"]
    assert codes(result.members) == ["M002"]
    assert [b["seed_lot"] for b in result.batches] == ["SEED-88"]
    assert [(s["code"], s["quantity"]) for s in result.shipments] == [("S002", Decimal(90))]


def test_harvest_split_over_two_lots_is_counted_whole(coop: Database) -> None:
    melon = make_product(coop)
    crop = grow(coop, melon)
    harvest = harvest_of(coop, crop.batch_id, "100")
    first = lot_from(coop, "L1", harvest, "60", melon)
    second = lot_from(coop, "L2", harvest, "40", melon)
    merge_lots(coop, SYSTEM, [(first, "60"), (second, "40")], "LM")
    result = trace(coop, AUDITOR, "LM")
    assert sum(h["quantity_used"] for h in result.harvests) == Decimal(100)  # type: ignore[misc]
    assert {h["into_lot"] for h in result.harvests} == {"L1", "L2"}


def test_members_in_a_trace_carry_no_personal_data(coop: Database) -> None:
    build(coop)
    for code in ("LA", "LM", "2", "620602-00017", "PX-2301"):
        result = trace(coop, AUDITOR, code)
        assert result.members
        for member in result.members:
            assert not {"id_number", "phone", "poverty_status", "poverty_since_year",
                        "payout_account"} & set(member)
        text = json.dumps(result.to_dict(), ensure_ascii=False)
        assert ID_NUMBER not in text
        assert PHONE not in text
        assert "registered" not in text


def test_unknown_code_is_not_found(coop: Database) -> None:
    build(coop)
    with pytest.raises(NotFoundError) as caught:
        trace(coop, AUDITOR, "X-404")
    assert caught.value.code == "trace.not_found"
    assert str(caught.value) == "No lot, label, ear tag or input lot with code X-404."
    assert "X-404" in caught.value.message("zh")
    with pytest.raises(NotFoundError):
        trace(coop, AUDITOR, "999")  # digits, but no such serial


@pytest.mark.parametrize("code", ["", "   "])
def test_a_blank_code_matches_nothing(coop: Database, code: str) -> None:
    melon = make_product(coop)
    crop = grow(coop, melon)  # a batch with no seed lot written down
    lot_from(coop, "LX", harvest_of(coop, crop.batch_id, "5"), "5", melon)
    with pytest.raises((NotFoundError, ValidationError)):
        trace(coop, AUDITOR, code)
