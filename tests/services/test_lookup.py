"""One resolver for scans and typed codes: every form a code takes names the right record, on
both databases, with indexed queries only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event

from coop_desktop.domain.models import Role
from coop_desktop.services.labels import print_labels
from coop_desktop.services.livestock import record_animal_event, register_animal
from coop_desktop.services.lookup import (
    GS,
    Match,
    gs1_date,
    identify,
    parse_bracketed,
    parse_element_string,
    read_gs1,
)
from coop_desktop.services.lots import SourceInput, create_lot, release_lot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.production import record_activity
from coop_desktop.services.sales import LineInput, record_shipment, register_customer
from coop_desktop.services.trace import trace
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import (
    TODAY,
    days_ago,
    grow,
    harvest_of,
    lot_from,
    make_member,
    make_product,
    passing_test,
)

CLERK = actor_for(Role.CLERK)
GTIN = "06901234567892"
FOREIGN_GTIN = "09506000134352"  # someone else's product: a pesticide bottle, a seed bag
BASE = "https://trace.example-coop.cn"
SEED_QR = "京研甜瓜1号\n北京京研益农种业有限公司\nA1101080000\n追溯码：2024-0815-XG"


@dataclass(frozen=True)
class World:
    lot_a: int
    lot_b: int
    batch_a: int
    batch_b: int
    sprayed: int
    fungicide: int
    sprayed_lb: int
    member_a: int
    member_3: int
    plot_a: int
    shipment: int
    animal: int
    treatment: int


def build(db: Database) -> World:
    """Melons with a GTIN from two households, labels 1-3 on LA, a sheep treated with VET-88.

    B001 (P001, M001): seed SEED-77, sprayed with PX-2301 and with pesticide lot 000002
    B002 (P002, M002): seed 2024-0815-XG, sprayed with a lot written "LB" (a lot code too)
    member "3" has the code of label serial 3
    """
    melon = make_product(db, gtin=GTIN)
    mutton = make_product(db, code="MUTTON", name_zh="滩羊肉", kind="animal")
    crop_a = grow(db, melon, seed_lot="SEED-77")
    crop_b = grow(db, melon, member="M002", plot="P002", batch="B002", seed_lot="2024-0815-XG")
    sprayed = record_activity(db, SYSTEM, batch_id=crop_a.batch_id, kind="plant_protection",
                              performed_on=days_ago(40), input_name="吡虫啉",
                              input_lot="PX-2301", amount="0.3", amount_unit="L", phi_days=7)
    fungicide = record_activity(db, SYSTEM, batch_id=crop_a.batch_id, kind="plant_protection",
                                performed_on=days_ago(39), input_name="多菌灵",
                                input_lot="000002", amount="0.2", amount_unit="kg", phi_days=7)
    sprayed_lb = record_activity(db, SYSTEM, batch_id=crop_b.batch_id, kind="plant_protection",
                                 performed_on=days_ago(38), input_name="多菌灵", input_lot="LB",
                                 amount="0.2", amount_unit="kg", phi_days=7)
    lot_a = lot_from(db, "LA", harvest_of(db, crop_a.batch_id, "100"), "100", melon)
    lot_b = lot_from(db, "LB", harvest_of(db, crop_b.batch_id, "50"), "50", melon)
    passing_test(db, lot_a, "Q-LA")
    release_lot(db, SYSTEM, lot_a)
    assert print_labels(db, SYSTEM, lot_id=lot_a, count=3) == [1, 2, 3]
    customer = register_customer(db, SYSTEM, code="C001", name="兰州批发市场", kind="wholesale")
    shipment = record_shipment(db, SYSTEM, code="S001", customer_id=customer,
                               shipped_on=days_ago(5), lines=[LineInput(lot_a, "30", "6.5")])
    member_3 = make_member(db, "3")
    animal = register_animal(db, SYSTEM, ear_tag="620602-00017", species="sheep",
                             owner_member_id=crop_a.member_id, eid="982000123456789")
    treatment = record_animal_event(db, SYSTEM, animal_id=animal, kind="treatment",
                                    occurred_on=days_ago(60), product_name="伊维菌素注射液",
                                    product_lot="VET-88", withdrawal_days=28)
    create_lot(db, SYSTEM, code="LS", product_id=mutton,
               sources=[SourceInput("animal", animal, "23.5")], pack_date=TODAY)
    return World(lot_a=lot_a, lot_b=lot_b, batch_a=crop_a.batch_id, batch_b=crop_b.batch_id,
                 sprayed=sprayed, fungicide=fungicide, sprayed_lb=sprayed_lb,
                 member_a=crop_a.member_id, member_3=member_3,
                 plot_a=crop_a.plot_id, shipment=shipment, animal=animal, treatment=treatment)


def label(serial: int, world: World) -> Match:
    return Match("label", serial, str(serial), "packages", serial=serial, lot="LA",
                 lot_id=world.lot_a)


def case_label(*parts: str) -> str:
    return "".join(parts)


def found(coop: Database, text: str) -> Match | None:
    return identify(coop, CLERK, text)


@pytest.mark.parametrize("text", [
    "LA", " la ", "la\r\n", "]C0LA",
    f"{BASE}/l/LA", "trace.example-coop.cn/l/LA/",
    f"{BASE}/01/{GTIN}/10/LA", f"{BASE}/01/{GTIN}/10/LA?13=250801&3103=005000",
    f"https://id.gs1.org/01/{GTIN}/10/LA/21/404",  # a serial we never printed: its lot
    f"{BASE}/01/{GTIN}/10/LA/21/ABC",  # a serial that is not ours
    # GS1-128 case label (01)(3103)(13)(10), variable-length lot last, no separator needed
    case_label("]C1", "01", GTIN, "3103", "012500", "13", "260815", "10", "LA"),
    case_label("(01)", GTIN, "(3103)", "012500", "(13)", "260815", "(10)", "LA"),
    case_label("(01) ", GTIN, " (10) ", "LA"),
    case_label("01", GTIN, "10", "LA"),  # a scanner sending neither prefix nor FNC1
])
def test_lot_codes_and_label_contents_naming_a_lot(coop: Database, text: str) -> None:
    world = build(coop)
    assert found(coop, text) == Match("lot", world.lot_a, "LA", "lots")


@pytest.mark.parametrize(("text", "serial"), [
    ("2", 2), (" 2 ", 2), ("0002", 2),
    (f"{BASE}/01/{GTIN}/10/LA/21/2", 2),
    (f"{BASE}/01/{GTIN}/10/LA/21/2?13=250801&3103=005000&422=156", 2),
    (f"https://x.example/shop/01/{GTIN}/10/LB/21/3", 3),  # the serial wins over the lot
    (f"{BASE}/01/{GTIN[1:]}/21/1", 1),  # GTIN-13 in the path
    (f"{BASE}/l/LA/3", 3), (f"{BASE}/l/LA/3/", 3), ("trace.example-coop.cn/l/LA/3", 3),
    (f"{BASE}/l/LB/3", 3),  # the serial wins
    (f"{BASE}/q/2", 2),  # any other address ending in a serial
    (case_label("]d2", "01", GTIN, "10", "LA", GS, "21", "2"), 2),
    (case_label("]Q3", "01", GTIN, "17", "271231", "21", "2", GS, "10", "LA"), 2),
    (case_label("]C1", "01", GTIN, "3103", "005000", "10", "LA", GS, "21", "1"), 1),
    (case_label(GS, "01", GTIN, "10", "LA", GS, "21", "3"), 3),
    (case_label("01", GTIN, "10", "LA", GS, "21", "3"), 3),
    (case_label("(01)", GTIN, "(10)", "LA", "(21)", "2"), 2),
    # FNC1 dropped by the scanner: the serial runs into the lot
    (case_label("]d2", "01", GTIN, "10", "LA", "21", "3"), 3),
])
def test_label_serials_and_label_contents_naming_a_label(coop: Database, text: str,
                                                         serial: int) -> None:
    world = build(coop)
    assert found(coop, text) == label(serial, world)


def test_ear_tags_and_electronic_ids(coop: Database) -> None:
    world = build(coop)
    expected = Match("animal", world.animal, "620602-00017", "animals")
    for text in ("620602-00017", "620602-00017 ", "620602-00017".lower(), "982000123456789",
                 "982 000123456789", " 982 000 123 456 789 ", "982_000123456789"):
        assert found(coop, text) == expected, text


def test_input_lots_of_field_activities_and_animal_treatments(coop: Database) -> None:
    world = build(coop)
    assert found(coop, "PX-2301") == Match("input_lot", world.sprayed, "PX-2301",
                                           "field_activities")
    assert found(coop, "px-2301") == Match("input_lot", world.sprayed, "PX-2301",
                                           "field_activities")
    assert found(coop, "VET-88") == Match("input_lot", world.treatment, "VET-88",
                                          "animal_events")
    # The GS1 DataMatrix on the pesticide bottle: another company's GTIN, its lot is the input's
    bottle = case_label("]d2", "01", FOREIGN_GTIN, "17", "270101", "10", "PX-2301")
    assert found(coop, bottle) == Match("input_lot", world.sprayed, "PX-2301",
                                        "field_activities")


@pytest.mark.parametrize("text", [
    "2024-0815-XG",
    SEED_QR,
    SEED_QR.replace("\n", "\r\n"),
    SEED_QR.replace("\n", "|"),
    "京研甜瓜1号|北京京研益农种业有限公司|A1101080000|2024-0815-XG",
    "京研甜瓜1号\n北京京研益农种业有限公司\nA1101080000\n"
    "http://www.seed.example.cn/trace?code=2024-0815-XG",
    "京研甜瓜1号\nhttp://www.seed.example.cn/t/2024-0815-XG",
    case_label("]Q3", "01", FOREIGN_GTIN, "10", "2024-0815-XG"),
])
def test_seed_lots_and_seed_label_qr_codes(coop: Database, text: str) -> None:
    world = build(coop)
    assert found(coop, text) == Match("seed_lot", world.batch_b, "2024-0815-XG",
                                      "planting_batches")


def test_batch_plot_member_and_shipment_codes(coop: Database) -> None:
    world = build(coop)
    assert found(coop, "B001") == Match("batch", world.batch_a, "B001", "planting_batches")
    assert found(coop, "b001") == Match("batch", world.batch_a, "B001", "planting_batches")
    assert found(coop, "P001") == Match("plot", world.plot_a, "P001", "plots")
    assert found(coop, "M001") == Match("member", world.member_a, "M001", "members")
    assert found(coop, "S001") == Match("shipment", world.shipment, "S001", "shipments")


@pytest.mark.parametrize("text", [
    "", "   ", "X-404", "999", "1234567890123",
    "https://example.com/about", f"{BASE}/l/NOPE", f"{BASE}/l/NOPE/999",
    f"https://id.gs1.org/01/{FOREIGN_GTIN}/10/LA/21/2",  # our lot and serial, not our GTIN
    case_label("]C1", "01", FOREIGN_GTIN, "10", "LA"),
    case_label("(01)", GTIN, "(10)", "NOPE"),
    "]C1", "]Q1", "一段中文", "京研甜瓜1号\n北京京研益农种业有限公司",
])
def test_unknown_codes_name_nothing(coop: Database, text: str) -> None:
    build(coop)
    assert found(coop, text) is None


def test_an_empty_database_names_nothing(coop: Database) -> None:
    for text in ("LA", "2", f"{BASE}/l/LA/2", "M001", "982000123456789"):
        assert found(coop, text) is None


def test_digits_are_an_input_lot_or_a_record_code_before_a_serial(coop: Database) -> None:
    world = build(coop)
    # "000002" is a fungicide's lot number as written; read as a number it is serial 2.
    assert found(coop, "000002") == Match("input_lot", world.fungicide, "000002",
                                          "field_activities")
    assert found(coop, "2") == label(2, world)
    # Member "3" shares its code with label serial 3: the code as written wins ...
    assert found(coop, "3") == Match("member", world.member_3, "3", "members")
    # ... while trace, which follows no members, still reads it as the label.
    assert trace(coop, CLERK, "3").matched == "label"
    assert trace(coop, CLERK, "000002").matched == "input_lot"
    # A label address is a label whatever else its serial could be.
    assert found(coop, f"{BASE}/l/LA/3") == label(3, world)


def test_a_lot_code_before_an_input_lot_written_the_same(coop: Database) -> None:
    world = build(coop)
    assert found(coop, "LB") == Match("lot", world.lot_b, "LB", "lots")
    assert trace(coop, CLERK, "LB").matched == "lot"


def test_only_the_kinds_asked_for(coop: Database) -> None:
    world = build(coop)
    assert identify(coop, CLERK, "LB", kinds={"input_lot"}) == Match(
        "input_lot", world.sprayed_lb, "LB", "field_activities")
    assert identify(coop, CLERK, "M001", kinds={"lot", "label"}) is None
    assert identify(coop, CLERK, "3", kinds={"label"}) == label(3, world)


# --- queries stay on indexes -------------------------------------------------------------

@contextmanager
def statements(db: Database) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
               _many: bool) -> None:
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def test_every_lookup_uses_an_index(sqlite_coop: Database) -> None:
    """SQLite's plan for each query: a search by index, never a scan of a table. PostgreSQL
    plans small tables by cost, so SQLite judges."""
    coop = sqlite_coop
    build(coop)
    texts = ["LA", "2", "000002", "620602-00017", "982 000123456789", "PX-2301", "VET-88",
             "2024-0815-XG", SEED_QR, "B001", "P001", "M001", "S001", "X-404",
             f"{BASE}/01/{GTIN}/10/LA/21/2", f"{BASE}/l/LA", f"{BASE}/l/LA/3",
             case_label("]d2", "01", FOREIGN_GTIN, "10", "PX-2301"),
             case_label("]d2", "01", GTIN, "10", "LA", "21", "3")]
    with statements(coop) as seen:
        for text in texts:
            identify(coop, CLERK, text)
    queries = [(sql, params) for sql, params in seen if sql.lstrip().upper().startswith("SELECT")]
    assert len(queries) > len(texts)
    with coop.engine.connect() as connection:
        for sql, params in queries:
            plan = [row[-1] for row in connection.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {sql}", params).all()]
            assert not [step for step in plan if step.startswith("SCAN")], (sql, plan)
            if "FROM packages" in sql:
                assert any("sqlite_autoindex_packages" in step and "cooperative_id=?" in step
                           for step in plan), plan


# --- reading GS1 data ---------------------------------------------------------------------

def test_element_string_with_fixed_and_variable_length_ais() -> None:
    data = (f"01{GTIN}3103012500" "13260815" "15260825" "17261231" "10HM260815A" f"{GS}"
            "21000123" f"{GS}" "7007260810260812")
    ais, complete = parse_element_string(data)
    assert complete
    assert ais == {"01": GTIN, "3103": "012500", "13": "260815", "15": "260825",
                   "17": "261231", "10": "HM260815A", "21": "000123", "7007": "260810260812"}


def test_element_string_reading_stops_at_what_it_cannot_read() -> None:
    assert parse_element_string(f"01{GTIN}10LA") == ({"01": GTIN, "10": "LA"}, True)
    assert parse_element_string(f"01{GTIN[:10]}") == ({}, False)
    assert parse_element_string(f"01{GTIN}99") == ({"01": GTIN}, False)  # AI without data
    assert parse_element_string(f"01{GTIN}2612") == ({"01": GTIN}, False)  # no such AI
    assert parse_element_string(f"01{GTIN}10{'X' * 21}") == ({"01": GTIN}, False)
    assert parse_element_string("hello") == ({}, False)


def test_bracketed_text() -> None:
    assert parse_bracketed(f"(01){GTIN}(3103)012500(13)260815(10)HM260815A") == {
        "01": GTIN, "3103": "012500", "13": "260815", "10": "HM260815A"}
    assert parse_bracketed(f"(01) {GTIN} (10) LA") == {"01": GTIN, "10": "LA"}
    assert parse_bracketed("(批号)123") is None
    assert parse_bracketed(f"x(01){GTIN}") is None


@pytest.mark.parametrize("text", [
    f"]C101{GTIN}3103012500132608151526082510HM260815A",
    f"]d201{GTIN}3103012500{GS}13260815{GS}15260825{GS}10HM260815A",
    f"(01){GTIN}(3103)012500(13)260815(15)260825(10)HM260815A",
    f"https://q.example.cn/01/{GTIN}/10/HM260815A?13=260815&15=260825&3103=012500",
    f"q.example.cn/01/{GTIN}/10/HM260815A?13=260815&15=260825&3103=012500",
])
def test_one_label_read_from_every_form(text: str) -> None:
    data = read_gs1(text)
    assert data is not None
    assert (data.gtin, data.lot, data.serial) == (GTIN, "HM260815A", None)
    assert data.date("13", today=dt.date(2026, 1, 1)) == dt.date(2026, 8, 15)
    assert data.date("15", today=dt.date(2026, 1, 1)) == dt.date(2026, 8, 25)
    assert data.net_weight_kg == Decimal("12.500")


def test_plain_text_carries_no_gs1_data() -> None:
    for text in ("LA", "2", f"01{GTIN}10LA", "https://example.com/about", SEED_QR):
        assert read_gs1(text) is None


def test_gs1_dates() -> None:
    today = dt.date(2026, 5, 1)
    assert gs1_date("260815", today) == dt.date(2026, 8, 15)
    assert gs1_date("260200", today) == dt.date(2026, 2, 28)  # day 00: the month's last day
    assert gs1_date("241200", today) == dt.date(2024, 12, 31)
    assert gs1_date("991231", today) == dt.date(1999, 12, 31)  # more than 49 years back: 1900s
    assert gs1_date("761231", today) == dt.date(2076, 12, 31)  # up to 50 years ahead
    assert gs1_date("770101", today) == dt.date(1977, 1, 1)
    for bad in ("261301", "260231", "2608", "26081A"):
        assert gs1_date(bad, today) is None
