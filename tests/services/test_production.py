"""Planting batches, field activities and harvests: PHI, dates and quantities enforced."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coop_desktop.domain.errors import ConflictError, RuleViolation, ValidationError
from coop_desktop.domain.models import (
    AuditEntry,
    BatchStatus,
    FieldActivity,
    Harvest,
    MemberDelivery,
    PlantingBatch,
)
from coop_desktop.services.deliveries import record_delivery
from coop_desktop.services.members import register_plot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.production import (
    edit_batch,
    record_activity,
    record_harvest,
    register_batch,
)
from coop_desktop.storage.database import Database
from tests.services.builders import (
    TODAY,
    audit_count,
    audit_ok,
    counts,
    days_ago,
    grow,
    last_audit,
    load,
    make_member,
    make_product,
    nothing_new,
    rows,
)


def spray(db: Database, batch_id: int, on: int, phi_days: int, name: str = "吡虫啉",
          lot: str = "PX-2301") -> int:
    return record_activity(db, SYSTEM, batch_id=batch_id, kind="plant_protection",
                           performed_on=days_ago(on), input_name=name,
                           input_registration_no="PD20121234", active_ingredient="imidacloprid",
                           input_lot=lot, amount="0.3", amount_unit="L", area_mu="5",
                           phi_days=phi_days, operator="李四")


def test_harvest_is_recorded_and_starts_the_batch(coop: Database) -> None:
    crop = grow(coop, make_product(coop))
    before = audit_count(coop)
    harvest_id = record_harvest(coop, SYSTEM, batch_id=crop.batch_id, harvested_on=days_ago(2),
                                quantity="1234.567", grade="一级", operator="王五")
    harvest = load(coop, Harvest, harvest_id)
    assert (harvest.quantity, harvest.unit, harvest.grade, harvest.operator) == (
        Decimal("1234.567"), "kg", "一级", "王五")
    assert harvest.harvested_on == days_ago(2)
    assert load(coop, PlantingBatch, crop.batch_id).status == BatchStatus.HARVESTING
    assert audit_count(coop) == before + 2  # the batch's status and the harvest
    entry = last_audit(coop)
    assert (entry.action, entry.entity, entry.entity_id) == ("create", "harvests", harvest_id)
    assert audit_ok(coop)


def test_harvest_inside_pre_harvest_interval_is_refused(coop: Database) -> None:
    crop = grow(coop, make_product(coop))
    spray(coop, crop.batch_id, on=3, phi_days=7)
    applied, allowed = days_ago(3).isoformat(), days_ago(-4).isoformat()
    before = counts(coop, Harvest, AuditEntry)
    with pytest.raises(RuleViolation) as caught:
        record_harvest(coop, SYSTEM, batch_id=crop.batch_id, harvested_on=TODAY, quantity="50")
    error = caught.value
    assert error.code == "phi.harvest_blocked"
    assert error.field == "harvested_on"
    assert error.params == {"input": "吡虫啉", "applied_on": applied, "phi_days": 7,
                            "allowed_on": allowed}
    assert str(error) == (f"Harvest refused: 吡虫啉 was applied on {applied} with a pre-harvest "
                          f"interval of 7 days; the first allowed harvest date is {allowed}.")
    chinese = error.message("zh")
    assert "吡虫啉" in chinese
    assert applied in chinese
    assert allowed in chinese
    assert "安全间隔期 7 天" in chinese
    nothing_new(coop, before)
    assert load(coop, PlantingBatch, crop.batch_id).status == BatchStatus.GROWING


def test_harvest_on_the_first_allowed_day_is_allowed_and_the_day_before_is_not(
        coop: Database) -> None:
    crop = grow(coop, make_product(coop))
    spray(coop, crop.batch_id, on=10, phi_days=7)  # first allowed harvest: 3 days ago
    with pytest.raises(RuleViolation) as caught:
        record_harvest(coop, SYSTEM, batch_id=crop.batch_id, harvested_on=days_ago(4),
                       quantity="50")
    assert caught.value.params["allowed_on"] == days_ago(3).isoformat()
    harvest_id = record_harvest(coop, SYSTEM, batch_id=crop.batch_id,
                                harvested_on=days_ago(3).isoformat(), quantity="50")
    assert load(coop, Harvest, harvest_id).harvested_on == days_ago(3)


def test_the_refusal_names_the_input_whose_interval_ends_last(coop: Database) -> None:
    crop = grow(coop, make_product(coop))
    spray(coop, crop.batch_id, on=5, phi_days=7, name="吡虫啉")     # until 2 days ahead
    spray(coop, crop.batch_id, on=2, phi_days=14, name="阿维菌素")  # until 12 days ahead
    spray(coop, crop.batch_id, on=40, phi_days=21, name="多菌灵")   # long over
    with pytest.raises(RuleViolation) as caught:
        record_harvest(coop, SYSTEM, batch_id=crop.batch_id, harvested_on=TODAY,
                       quantity="1")
    assert caught.value.params["input"] == "阿维菌素"
    assert caught.value.params["allowed_on"] == days_ago(-12).isoformat()


def test_sprays_on_another_batch_do_not_block(coop: Database) -> None:
    product_id = make_product(coop)
    crop = grow(coop, product_id)
    other = grow(coop, product_id, member_id=crop.member_id, plot="P002", batch="B002")
    spray(coop, other.batch_id, on=1, phi_days=30)
    record_harvest(coop, SYSTEM, batch_id=crop.batch_id, harvested_on=TODAY, quantity="5")
    assert rows(coop, Harvest) == 1


def test_harvest_in_the_future_is_refused(coop: Database) -> None:
    crop = grow(coop, make_product(coop))
    with pytest.raises(ValidationError) as caught:
        record_harvest(coop, SYSTEM, batch_id=crop.batch_id, harvested_on=days_ago(-1),
                       quantity="5")
    assert caught.value.code == "date.future"
    assert caught.value.field == "harvested_on"
    assert days_ago(-1).isoformat() in str(caught.value)
    assert rows(coop, Harvest) == 0


def test_harvest_before_planting_or_with_a_bad_date_is_refused(coop: Database) -> None:
    crop = grow(coop, make_product(coop))  # planted 120 days ago
    with pytest.raises(ValidationError) as caught:
        record_harvest(coop, SYSTEM, batch_id=crop.batch_id, harvested_on=days_ago(121),
                       quantity="5")
    assert caught.value.code == "date.order"
    assert caught.value.params["other"] == days_ago(120).isoformat()
    with pytest.raises(ValidationError) as caught:
        record_harvest(coop, SYSTEM, batch_id=crop.batch_id, harvested_on="2025/08/01",
                       quantity="5")
    assert caught.value.code == "date.bad_format"
    assert rows(coop, Harvest) == 0


@pytest.mark.parametrize(("quantity", "code"), [
    ("-12.5", "value.not_positive"),
    (0, "value.not_positive"),
    ("10000000.001", "value.too_large"),
    (5e9, "value.too_large"),
    ("abc", "value.not_number"),
    ("NaN", "value.not_number"),
    ("Infinity", "value.not_number"),
])
def test_harvest_quantity_must_be_plausible(coop: Database, quantity: object,
                                           code: str) -> None:
    crop = grow(coop, make_product(coop))
    before = counts(coop, Harvest, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        record_harvest(coop, SYSTEM, batch_id=crop.batch_id, harvested_on=TODAY,
                       quantity=quantity)  # type: ignore[arg-type]
    assert caught.value.code == code
    assert caught.value.field == "quantity"
    if code == "value.too_large":
        assert caught.value.params["maximum"] == Decimal(10_000_000)
        assert "10000000" in str(caught.value)
    nothing_new(coop, before)


def test_largest_plausible_harvest_is_accepted(coop: Database) -> None:
    crop = grow(coop, make_product(coop))
    harvest_id = record_harvest(coop, SYSTEM, batch_id=crop.batch_id, harvested_on=TODAY,
                                quantity="10000000")
    assert load(coop, Harvest, harvest_id).quantity == Decimal(10_000_000)


def test_plant_protection_needs_its_input_and_interval(coop: Database) -> None:
    crop = grow(coop, make_product(coop))
    with pytest.raises(ValidationError) as caught:
        record_activity(coop, SYSTEM, batch_id=crop.batch_id, kind="plant_protection",
                        performed_on=TODAY, input_name="吡虫啉")
    assert (caught.value.code, caught.value.field) == ("value.required", "phi_days")
    with pytest.raises(ValidationError) as caught:
        record_activity(coop, SYSTEM, batch_id=crop.batch_id, kind="plant_protection",
                        performed_on=TODAY, phi_days=7)
    assert (caught.value.code, caught.value.field) == ("value.required", "input_name")
    with pytest.raises(ValidationError) as caught:
        spray(coop, crop.batch_id, on=0, phi_days=400)
    assert (caught.value.code, caught.value.field) == ("value.too_large", "phi_days")
    with pytest.raises(ValidationError) as caught:
        spray(coop, crop.batch_id, on=0, phi_days=-1)
    assert (caught.value.code, caught.value.field) == ("value.negative", "phi_days")
    with pytest.raises(ValidationError) as caught:
        spray(coop, crop.batch_id, on=-2, phi_days=7)
    assert (caught.value.code, caught.value.field) == ("date.future", "performed_on")
    assert rows(coop, FieldActivity) == 0
    activity_id = spray(coop, crop.batch_id, on=0, phi_days=0)
    activity = load(coop, FieldActivity, activity_id)
    assert (activity.input_lot, activity.phi_days, activity.amount) == (
        "PX-2301", 0, Decimal("0.3"))


def test_other_activities_need_no_input(coop: Database) -> None:
    crop = grow(coop, make_product(coop))
    activity_id = record_activity(coop, SYSTEM, batch_id=crop.batch_id, kind="irrigation",
                                  performed_on=days_ago(1), notes="滴灌 2 小时")
    assert load(coop, FieldActivity, activity_id).phi_days is None
    with pytest.raises(ValidationError) as caught:
        record_activity(coop, SYSTEM, batch_id=crop.batch_id, kind="dancing",
                        performed_on=TODAY)
    assert caught.value.code == "value.bad_choice"
    assert "plant_protection" in str(caught.value)


def test_batch_area_cannot_exceed_its_plot(coop: Database) -> None:
    product_id = make_product(coop)
    member_id = make_member(coop)
    plot_id = register_plot(coop, SYSTEM, member_id=member_id, code="P001", area_mu="3",
                            land_type="sunlight_greenhouse")
    with pytest.raises(ValidationError) as caught:
        register_batch(coop, SYSTEM, code="B001", plot_id=plot_id, product_id=product_id,
                       season="2025", planted_on=days_ago(30), area_mu="3.01")
    assert (caught.value.code, caught.value.field) == ("value.too_large", "area_mu")
    batch_id = register_batch(coop, SYSTEM, code="B001", plot_id=plot_id,
                              product_id=product_id, season="2025", planted_on=days_ago(30))
    assert load(coop, PlantingBatch, batch_id).area_mu == Decimal(3)
    with pytest.raises(ValidationError) as caught:
        register_batch(coop, SYSTEM, code="B001", plot_id=plot_id, product_id=product_id,
                       season="2026", planted_on=days_ago(3))
    assert (caught.value.code, caught.value.field) == ("duplicate", "code")
    assert rows(coop, PlantingBatch) == 1


def test_batch_edit_with_a_stale_version_is_refused(coop: Database) -> None:
    crop = grow(coop, make_product(coop))
    version = load(coop, PlantingBatch, crop.batch_id).version
    edit_batch(coop, SYSTEM, crop.batch_id, version, seed_source="甘肃农科院")
    with pytest.raises(ConflictError) as caught:
        edit_batch(coop, SYSTEM, crop.batch_id, version, seed_source="别处")
    assert caught.value.code == "conflict.version"
    assert "B001" in str(caught.value)
    assert load(coop, PlantingBatch, crop.batch_id).seed_source == "甘肃农科院"


def test_delivery_from_a_batch_inside_its_interval_is_refused(coop: Database) -> None:
    product_id = make_product(coop)
    crop = grow(coop, product_id)
    spray(coop, crop.batch_id, on=1, phi_days=10)
    with pytest.raises(RuleViolation) as caught:
        record_delivery(coop, SYSTEM, code="D001", member_id=crop.member_id,
                        product_id=product_id, delivered_on=TODAY, quantity="80",
                        batch_id=crop.batch_id)
    assert caught.value.code == "phi.harvest_blocked"
    assert caught.value.params["allowed_on"] == days_ago(-9).isoformat()
    assert rows(coop, MemberDelivery) == 0
    delivery_id = record_delivery(coop, SYSTEM, code="D001", member_id=crop.member_id,
                                  product_id=product_id, delivered_on=TODAY, quantity="80")
    assert load(coop, MemberDelivery, delivery_id).quantity == Decimal(80)
