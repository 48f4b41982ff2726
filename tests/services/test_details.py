"""The stories the detail panes tell and the figures the home page charts, on a small
cooperative whose every number is worked out by hand below."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest

from coop_desktop.domain.errors import NotFoundError
from coop_desktop.domain.models import (
    ActivityKind,
    AnimalEventKind,
    BatchStatus,
    CertStatus,
    LandType,
    LotStatus,
    PackageStatus,
    Role,
    Scheme,
    TransformationKind,
)
from coop_desktop.services.certifications import record_certification
from coop_desktop.services.deliveries import record_delivery
from coop_desktop.services.details import (
    AnimalStory,
    WeightPoint,
    animal_story,
    batch_story,
    daily_gain,
    harvest_by_week,
    lot_story,
    member_story,
    money,
    plot_story,
    stock_by_product,
    week_of,
)
from coop_desktop.services.labels import print_labels, void_label
from coop_desktop.services.livestock import record_animal_event, register_animal
from coop_desktop.services.lots import (
    OutputInput,
    SourceInput,
    create_lot,
    hold_lot,
    merge_lots,
    release_lot,
    split_lot,
)
from coop_desktop.services.members import register_plot, set_plot_certification
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.production import record_activity
from coop_desktop.services.sales import LineInput, record_shipment, register_customer
from coop_desktop.services.sensors import ChannelInput, register_sensor
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


@dataclass(frozen=True)
class World:
    melon: int
    plot: int
    member: int
    other_member: int
    batch: int
    lots: dict[str, int]
    sheep: int
    ram: int


def build_world(db: Database) -> World:
    """One household (M001) with two plots, a melon batch, deliveries and two sheep:

    B001 on P001 (5.5 mu, organic in conversion, green food certificate LB-18-01 valid, GAP-2020
    expired, sensor SOIL-01): tillage 60 days ago; 吡虫啉 40 days ago
    (PHI 7, over); harvest 100 kg 20 days ago -> LA; delivery JS1 of 40 kg at 6.35 from B001
    18 days ago -> LD; 戊唑醇 10 days ago (PHI 21: harvest allowed in 11 days).
    JS2: 12.5 kg at 3.98, 3 days ago, no batch; JS0: 200 kg at 2.10, 400 days ago; JS3 no price.
    LA -> split -> LA1 60 + LA2 40; LA2 40 + LD 40 -> merge -> LM 80; LA1 and LM released.
    Labels 1-3 on LA1 at 5 kg, 2 voided. S001: 30 kg of LA1 at 6.5 to C001; S002: 50 kg of
    LM at 7.2 to C002. M002's batch B002: 25 kg 15 days ago -> LO (open) and 10 kg 16 days
    ago -> LH (held). Sheep 620602-00017: weighed 30.0, 38.5, 45.2 kg 100, 50, 10 days ago;
    treated 5 days ago (28 days' withdrawal). Ram 620602-00018 slaughtered into LS (23.5 kg).
    """
    melon = make_product(db, gtin="06901234567892")
    mutton = make_product(db, code="MUTTON", name_zh="滩羊肉", kind="animal")
    crop = grow(db, melon, id_number="11010519491231002X", phone="13800138000",
                poverty_status="registered", poverty_since_year=2016)
    register_plot(db, SYSTEM, member_id=crop.member_id, code="P002", area_mu="3.25",
                  land_type="sunlight_greenhouse", name="东棚")
    set_plot_certification(db, SYSTEM, crop.plot_id, "organic", "in_conversion",
                           since=days_ago(200))
    record_certification(db, SYSTEM, scheme="green_food", number="LB-18-01",
                         certifier="中国绿色食品发展中心", valid_from=days_ago(700),
                         valid_until=days_ago(-30), plot_ids=[crop.plot_id])
    record_certification(db, SYSTEM, scheme="gap", number="GAP-2020", certifier="某认证公司",
                         valid_from=days_ago(2000), valid_until=days_ago(900),
                         plot_ids=[crop.plot_id])
    register_sensor(db, SYSTEM, code="SOIL-01", name="东梁地墒情", profile="rs485-soil",
                    channels=[ChannelInput("soil_moisture", "%")], plot_id=crop.plot_id)
    record_activity(db, SYSTEM, batch_id=crop.batch_id, kind="tillage",
                    performed_on=days_ago(60), operator="王师傅")
    record_activity(db, SYSTEM, batch_id=crop.batch_id, kind="plant_protection",
                    performed_on=days_ago(40), input_name="吡虫啉", input_lot="PX-2301",
                    input_registration_no="PD20121234", amount="0.3", amount_unit="L",
                    phi_days=7)
    harvest = harvest_of(db, crop.batch_id, "100", on=20)
    delivery = record_delivery(db, SYSTEM, code="JS1", member_id=crop.member_id,
                               product_id=melon, batch_id=crop.batch_id,
                               delivered_on=days_ago(18), quantity="40", unit_price="6.35")
    record_activity(db, SYSTEM, batch_id=crop.batch_id, kind="plant_protection",
                    performed_on=days_ago(10), input_name="戊唑醇", input_lot="TB-77",
                    amount="20", amount_unit="mL", phi_days=21)
    record_delivery(db, SYSTEM, code="JS2", member_id=crop.member_id, product_id=melon,
                    delivered_on=days_ago(3), quantity="12.5", unit_price="3.98")
    record_delivery(db, SYSTEM, code="JS0", member_id=crop.member_id, product_id=melon,
                    delivered_on=days_ago(400), quantity="200", unit_price="2.10")
    record_delivery(db, SYSTEM, code="JS3", member_id=crop.member_id, product_id=melon,
                    delivered_on=days_ago(2), quantity="7")

    lot_a = lot_from(db, "LA", harvest, "100", melon)
    lot_d = create_lot(db, SYSTEM, code="LD", product_id=melon,
                       sources=[SourceInput("delivery", delivery, "40")],
                       pack_date=days_ago(17))
    passing_test(db, lot_a, "Q-LA")
    passing_test(db, lot_d, "Q-LD")
    la1, la2 = split_lot(db, SYSTEM, lot_a, [OutputInput("LA1", "60"), OutputInput("LA2", "40")])
    merged = merge_lots(db, SYSTEM, [(la2, "40"), (lot_d, "40")], "LM")
    release_lot(db, SYSTEM, la1)
    release_lot(db, SYSTEM, merged)
    assert print_labels(db, SYSTEM, lot_id=la1, count=3, net_weights=["5", "5", "5"]) == [1, 2, 3]
    void_label(db, SYSTEM, serial=2, reason="打印模糊")
    market = register_customer(db, SYSTEM, code="C001", name="兰州批发市场", kind="wholesale")
    shop = register_customer(db, SYSTEM, code="C002", name="鲜果网店", kind="online_shop")
    record_shipment(db, SYSTEM, code="S001", customer_id=market, shipped_on=days_ago(5),
                    lines=[LineInput(la1, "30", "6.5")])
    record_shipment(db, SYSTEM, code="S002", customer_id=shop, shipped_on=days_ago(4),
                    lines=[LineInput(merged, "50", "7.2")])

    other = grow(db, melon, member="M002", plot="P102", batch="B002")
    open_lot = lot_from(db, "LO", harvest_of(db, other.batch_id, "25", on=15), "25", melon)
    held = lot_from(db, "LH", harvest_of(db, other.batch_id, "10", on=16), "10", melon)
    hold_lot(db, SYSTEM, held, "待复检")

    sheep = register_animal(db, SYSTEM, ear_tag="620602-00017", species="sheep",
                            owner_member_id=crop.member_id, breed="滩羊", sex="female",
                            birth_date=days_ago(300), herd="一号圈")
    for on, kg in ((100, "30.0"), (50, "38.5"), (10, "45.2")):
        record_animal_event(db, SYSTEM, animal_id=sheep, kind="weighing",
                            occurred_on=days_ago(on), weight_kg=kg)
    record_animal_event(db, SYSTEM, animal_id=sheep, kind="vaccination",
                        occurred_on=days_ago(60), product_name="口蹄疫疫苗", dose="1 mL")
    record_animal_event(db, SYSTEM, animal_id=sheep, kind="treatment", occurred_on=days_ago(5),
                        product_name="伊维菌素注射液", product_lot="VET-88", dose="2 mL",
                        withdrawal_days=28)
    ram = register_animal(db, SYSTEM, ear_tag="620602-00018", species="sheep",
                          owner_member_id=crop.member_id, sex="male")
    slaughtered = create_lot(db, SYSTEM, code="LS", product_id=mutton,
                             sources=[SourceInput("animal", ram, "23.5")], pack_date=TODAY)
    return World(melon, crop.plot_id, crop.member_id, other.member_id, crop.batch_id,
                 {"LA": lot_a, "LD": lot_d, "LA1": la1, "LA2": la2, "LM": merged,
                  "LO": open_lot, "LH": held, "LS": slaughtered}, sheep, ram)


# --- lots -------------------------------------------------------------------------------------

def test_lot_story_of_a_first_lot(coop: Database) -> None:
    world = build_world(coop)
    story = lot_story(coop, AUDITOR, world.lots["LA"])
    lot = story.lot
    assert (lot.code, lot.product_code, lot.quantity, lot.available, lot.status) == (
        "LA", "MELON", Decimal(100), Decimal(0), LotStatus.CONSUMED)
    assert [(s.kind, s.reference, s.plot, s.member, s.quantity, s.on) for s in story.sources] == [
        ("harvest", "B001", "P001", "M001 户主M001", Decimal(100), days_ago(20))]
    assert story.parents == ()
    assert [(c.code, c.kind, c.quantity) for c in story.children] == [
        ("LA1", TransformationKind.SPLIT, Decimal(60)),
        ("LA2", TransformationKind.SPLIT, Decimal(40))]
    assert [q.code for q in story.quality] == ["Q-LA"]
    assert story.customers == 2  # through LA1 and, merged, through LM


def test_lot_story_of_a_split_lot_with_labels_and_a_shipment(coop: Database) -> None:
    world = build_world(coop)
    story = lot_story(coop, AUDITOR, world.lots["LA1"])
    assert (story.lot.quantity, story.lot.available, story.lot.status) == (
        Decimal(60), Decimal(30), LotStatus.RELEASED)
    assert story.sources == ()
    assert [(p.code, p.kind, p.quantity, p.occurred_on) for p in story.parents] == [
        ("LA", TransformationKind.SPLIT, Decimal(60), TODAY)]
    assert story.children == ()
    # The parent's passing test is what released the split lot: it is part of its story.
    assert [(q.code, q.lot) for q in story.quality] == [("Q-LA", "LA")]
    labels = story.labels
    assert (labels.printed, labels.voided, labels.net_total) == (3, 1, Decimal(10))
    assert [(label.serial, label.status) for label in labels.listed] == [
        (1, PackageStatus.PRINTED), (2, PackageStatus.VOIDED), (3, PackageStatus.PRINTED)]
    assert [(s.code, s.customer, s.quantity, s.unit_price, s.amount)
            for s in story.shipments] == [
        ("S001", "兰州批发市场", Decimal(30), Decimal("6.50"), Decimal("195.00"))]


def test_lot_graph_of_a_merged_lot(coop: Database) -> None:
    world = build_world(coop)
    story = lot_story(coop, AUDITOR, world.lots["LM"])
    assert [(p.code, p.kind, p.quantity) for p in story.parents] == [
        ("LA2", TransformationKind.MERGE, Decimal(40)), ("LD", TransformationKind.MERGE,
                                                          Decimal(40))]
    graph = story.graph
    assert sorted((node.key, node.direction) for node in graph.nodes) == sorted([
        ("lot:LA", "backward"), ("lot:LA2", "backward"), ("lot:LD", "backward"),
        ("lot:LM", "origin"), ("delivery:JS1", "source"),
        (next(n.key for n in graph.nodes if n.kind == "harvest"), "source"),
        ("customer:鲜果网店", "customer")])
    harvest = next(node for node in graph.nodes if node.kind == "harvest")
    assert (harvest.title, harvest.subtitle, harvest.quantity) == ("B001", "P001", Decimal(100))
    assert sorted((edge.source, edge.target, edge.quantity, edge.kind)
                  for edge in graph.edges) == sorted([
        (harvest.key, "lot:LA", Decimal(100), "source"),
        ("delivery:JS1", "lot:LD", Decimal(40), "source"),
        ("lot:LA", "lot:LA2", Decimal(40), "split"),
        ("lot:LA2", "lot:LM", Decimal(40), "merge"),
        ("lot:LD", "lot:LM", Decimal(40), "merge"),
        ("lot:LM", "customer:鲜果网店", Decimal(50), "shipment")])
    assert graph.node("customer:鲜果网店").quantity == Decimal(50)
    assert graph.node("lot:LM").status == LotStatus.RELEASED
    assert (story.members, story.customers) == (1, 1)


def test_lot_graph_of_a_lot_from_an_animal(coop: Database) -> None:
    world = build_world(coop)
    story = lot_story(coop, AUDITOR, world.lots["LS"])
    assert [(s.kind, s.reference, s.quantity) for s in story.sources] == [
        ("animal", "620602-00018", Decimal("23.5"))]
    assert [(edge.source, edge.target, edge.quantity) for edge in story.graph.edges] == [
        ("animal:620602-00018", "lot:LS", Decimal("23.5"))]
    assert story.graph.node("animal:620602-00018").subtitle == "M001"


@pytest.mark.parametrize("story", [lot_story, animal_story, batch_story, member_story,
                                   plot_story])
def test_an_unknown_record_is_named(coop: Database, story: Callable[..., object]) -> None:
    with pytest.raises(NotFoundError, match="9999"):
        story(coop, AUDITOR, 9999)


# --- animals ----------------------------------------------------------------------------------

def test_animal_story_with_daily_gain_and_withdrawal(coop: Database) -> None:
    world = build_world(coop)
    story: AnimalStory = animal_story(coop, AUDITOR, world.sheep)
    assert (story.animal.ear_tag, story.animal.owner, story.animal.herd) == (
        "620602-00017", "M001 户主M001", "一号圈")
    assert [(event.occurred_on, event.kind) for event in story.events] == [
        (days_ago(300), AnimalEventKind.BIRTH), (days_ago(100), AnimalEventKind.WEIGHING),
        (days_ago(60), AnimalEventKind.VACCINATION), (days_ago(50), AnimalEventKind.WEIGHING),
        (days_ago(10), AnimalEventKind.WEIGHING), (days_ago(5), AnimalEventKind.TREATMENT)]
    assert story.weights == (WeightPoint(days_ago(100), Decimal("30.0")),
                             WeightPoint(days_ago(50), Decimal("38.5")),
                             WeightPoint(days_ago(10), Decimal("45.2")))
    # Overall: (45.2 - 30.0) kg / 90 days = 0.16888… -> 0.169 kg a day.
    assert story.adg_overall == Decimal("0.169")
    # Since the weighing before: (45.2 - 38.5) kg / 40 days = 0.1675 -> 0.168 (half up).
    assert story.adg_recent == Decimal("0.168")
    treatment = story.events[-1]
    assert (treatment.withdrawal_days, treatment.withdrawal_ends, treatment.withdrawal_running
            ) == (28, days_ago(-23), True)
    assert not any(event.withdrawal_running for event in story.events[:-1])
    assert (story.withdrawal_until, story.withdrawal_drug) == (days_ago(-23), "伊维菌素注射液")
    # Four weeks later the period is over.
    later = animal_story(coop, AUDITOR, world.sheep, today=days_ago(-23))
    assert (later.withdrawal_until, later.withdrawal_drug) == (None, None)
    assert not any(event.withdrawal_running for event in later.events)


def test_animal_without_weighings_has_no_gain(coop: Database) -> None:
    world = build_world(coop)
    story = animal_story(coop, AUDITOR, world.ram)
    assert story.weights == ()
    assert (story.adg_overall, story.adg_recent, story.withdrawal_until) == (None, None, None)
    assert [event.kind for event in story.events] == [AnimalEventKind.SLAUGHTER]


def test_daily_gain_needs_two_days() -> None:
    day = dt.date(2026, 5, 1)
    assert daily_gain(WeightPoint(day, Decimal(40)), WeightPoint(day, Decimal(41))) is None
    assert daily_gain(WeightPoint(day, Decimal(40)),
                      WeightPoint(day + dt.timedelta(days=3), Decimal(39))) == Decimal("-0.333")


# --- planting batches -------------------------------------------------------------------------

def test_batch_story_with_phi_ends_harvests_and_lots(coop: Database) -> None:
    world = build_world(coop)
    story = batch_story(coop, AUDITOR, world.batch)
    assert (story.batch.code, story.batch.plot, story.batch.member, story.batch.area_mu) == (
        "B001", "P001", "M001 户主M001", Decimal("5.5"))
    assert [(a.performed_on, a.kind, a.input_name, a.phi_days, a.phi_ends, a.phi_running)
            for a in story.activities] == [
        (days_ago(60), ActivityKind.TILLAGE, None, None, None, False),
        (days_ago(40), ActivityKind.PLANT_PROTECTION, "吡虫啉", 7, days_ago(33), False),
        (days_ago(10), ActivityKind.PLANT_PROTECTION, "戊唑醇", 21, days_ago(-11), True)]
    sprayed = story.activities[1]
    assert (sprayed.input_lot, sprayed.registration_no, sprayed.amount, sprayed.amount_unit) == (
        "PX-2301", "PD20121234", Decimal("0.3"), "L")
    assert (story.harvest_allowed_from, story.phi_running) == (days_ago(-11), True)
    assert [(h.kind, h.code, h.on, h.quantity, h.into_lots) for h in story.harvests] == [
        ("harvest", "", days_ago(20), Decimal(100), Decimal(100)),
        ("delivery", "JS1", days_ago(18), Decimal(40), Decimal(40))]
    assert [(lot.code, lot.status, lot.taken) for lot in story.lots] == [
        ("LA", LotStatus.CONSUMED, Decimal(100)), ("LD", LotStatus.CONSUMED, Decimal(40))]
    # On the day the interval ends the batch may be harvested again.
    later = batch_story(coop, AUDITOR, world.batch, today=days_ago(-11))
    assert later.phi_running is False
    assert not any(activity.phi_running for activity in later.activities)


# --- members ----------------------------------------------------------------------------------

def test_member_story_with_plots_animals_deliveries_and_payouts(coop: Database) -> None:
    world = build_world(coop)
    story = member_story(coop, AUDITOR, world.member)
    assert (story.member.code, story.member.village) == ("M001", "黄羊镇新村")
    assert [(p.code, p.area_mu, p.land_type.value) for p in story.plots] == [
        ("P001", Decimal("5.5"), "irrigated"), ("P002", Decimal("3.25"), "sunlight_greenhouse")]
    assert story.area_mu == Decimal("8.75")
    assert [(s.scheme, s.status, s.since) for s in story.plots[0].standings] == [
        (Scheme.ORGANIC, CertStatus.IN_CONVERSION, days_ago(200))]
    assert story.plots[1].standings == ()
    assert [animal.ear_tag for animal in story.animals] == ["620602-00017", "620602-00018"]
    assert [(d.code, d.quantity, d.unit_price, d.amount, d.batch)
            for d in story.deliveries] == [
        ("JS3", Decimal(7), None, None, None),
        ("JS2", Decimal("12.5"), Decimal("3.98"), Decimal("49.75"), None),
        ("JS1", Decimal(40), Decimal("6.35"), Decimal("254.00"), "B001"),
        ("JS0", Decimal(200), Decimal("2.10"), Decimal("420.00"), None)]
    # Each year's payout adds up that year's deliveries (the dates are relative to today).
    expected: dict[int, tuple[int, Decimal, int]] = {}
    for on, amount in ((2, None), (3, Decimal("49.75")), (18, Decimal("254.00")),
                       (400, Decimal("420.00"))):
        count, total, unpriced = expected.get(days_ago(on).year, (0, Decimal(0), 0))
        expected[days_ago(on).year] = (count + 1, total + (amount or 0),
                                       unpriced + (amount is None))
    assert {p.year: (p.deliveries, p.amount, p.unpriced) for p in story.payouts} == expected
    assert [p.year for p in story.payouts] == sorted(expected)


def test_member_story_keeps_personal_data_out(coop: Database) -> None:
    world = build_world(coop)
    story = member_story(coop, AUDITOR, world.member)
    names = {field.name for field in dataclasses.fields(story.member)}
    assert not names & {"id_number", "phone", "poverty_status", "payout_account"}
    assert "11010519491231002X" not in repr(story)
    assert "13800138000" not in repr(story)
    assert "registered" not in repr(story)


# --- plots ------------------------------------------------------------------------------------

def test_plot_story(coop: Database) -> None:
    world = build_world(coop)
    story = plot_story(coop, AUDITOR, world.plot)
    assert (story.plot.code, story.plot.member, story.plot.area_mu, story.plot.land_type) == (
        "P001", "M001 户主M001", Decimal("5.5"), LandType.IRRIGATED)
    assert [(s.scheme, s.status) for s in story.standings] == [
        (Scheme.ORGANIC, CertStatus.IN_CONVERSION)]
    assert [(c.number, c.scheme, c.valid_today) for c in story.certificates] == [
        ("LB-18-01", Scheme.GREEN_FOOD, True), ("GAP-2020", Scheme.GAP, False)]
    # B001 yielded its harvest of 100 kg and the household's delivery of 40 kg from it.
    assert [(b.code, b.product, b.harvested, b.status) for b in story.batches] == [
        ("B001", "白兰瓜", Decimal(140), BatchStatus.HARVESTING)]
    assert story.sensors == ("SOIL-01 东梁地墒情",)


def test_money_rounds_half_up_to_the_fen() -> None:
    assert money(Decimal("1.005"), Decimal("1.00")) == Decimal("1.01")
    assert money(Decimal("12.345"), Decimal("2.50")) == Decimal("30.86")  # 30.8625
    assert money(Decimal(3), None) is None


# --- home page charts -------------------------------------------------------------------------

def test_harvest_by_week(coop: Database) -> None:
    build_world(coop)
    weeks = harvest_by_week(coop, AUDITOR, weeks=12)
    this_monday = TODAY - dt.timedelta(days=TODAY.weekday())
    assert len(weeks.weeks) == 12
    assert weeks.weeks[-1] == this_monday
    assert weeks.weeks[0] == this_monday - dt.timedelta(weeks=11)
    assert all(monday.weekday() == 0 for monday in weeks.weeks)
    # Harvests 100 (20 days ago), 25 (15), 10 (16); deliveries 40 (18), 12.5 (3), 7 (2);
    # the delivery of 400 days ago is outside the twelve weeks.
    expected = [Decimal(0)] * 12
    for on, quantity in ((20, "100"), (15, "25"), (16, "10"), (18, "40"), (3, "12.5"),
                         (2, "7")):
        monday = days_ago(on) - dt.timedelta(days=days_ago(on).weekday())
        expected[weeks.weeks.index(monday)] += Decimal(quantity)
    assert [(series.product, series.unit) for series in weeks.series] == [("白兰瓜", "kg")]
    assert list(weeks.series[0].quantities) == expected
    assert list(weeks.totals()) == expected
    assert sum(weeks.totals()) == Decimal("194.5")


def test_harvest_by_week_on_an_empty_database(coop: Database) -> None:
    weeks = harvest_by_week(coop, AUDITOR, weeks=4, today=dt.date(2026, 3, 5))  # a Thursday
    assert weeks.weeks == (dt.date(2026, 2, 9), dt.date(2026, 2, 16), dt.date(2026, 2, 23),
                           dt.date(2026, 3, 2))
    assert weeks.series == ()
    assert weeks.totals() == (Decimal(0),) * 4
    assert week_of(dt.date(2026, 3, 8)) == dt.date(2026, 3, 2)  # Sunday ends the week


def test_stock_by_product(coop: Database) -> None:
    build_world(coop)
    stock = stock_by_product(coop, AUDITOR)
    # Melon: LA1 60 - 30 shipped, LM 80 - 50 shipped, LO 25 open; LH is held; LA, LA2 and
    # LD were used up. Mutton: LS 23.5, open.
    assert [(line.product_code, line.quantity, line.lots, line.unit) for line in stock] == [
        ("MELON", Decimal(85), 3, "kg"), ("MUTTON", Decimal("23.5"), 1, "kg")]


def test_stock_matches_lot_available_per_lot(coop: Database) -> None:
    """The one query agrees with ``lot_available`` lot by lot."""
    from sqlalchemy import select

    from coop_desktop.domain.models import Lot
    from coop_desktop.services.lots import lot_available

    build_world(coop)
    with coop.read() as session:
        expected = sum((lot_available(session, lot) for lot in session.execute(
            select(Lot).where(Lot.status.in_([LotStatus.OPEN, LotStatus.RELEASED])))
            .scalars()), Decimal(0))
    assert sum(line.quantity for line in stock_by_product(coop, AUDITOR)) == expected
