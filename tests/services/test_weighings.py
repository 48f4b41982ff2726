"""Weighings attached to harvests, deliveries and animals: stored with the raw frame in the
same unit of work; an unstable or overloaded weight is refused and nothing is written."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coop_desktop.domain.errors import RuleViolation
from coop_desktop.domain.models import (
    AnimalEvent,
    Harvest,
    MemberDelivery,
    PlantingBatch,
    Weighing,
)
from coop_desktop.services.deliveries import record_delivery
from coop_desktop.services.livestock import record_animal_event, register_animal
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.production import record_harvest
from coop_desktop.services.weighings import MANUAL_DEVICE, WeighingInput, manual_weighing
from coop_desktop.storage.database import Database
from tests.services.builders import (
    counts,
    days_ago,
    grow,
    load,
    make_member,
    make_product,
    nothing_new,
)

FRAME = b"\x02+001250 21\x03"


def scale(gross: str, **fields: object) -> WeighingInput:
    values: dict[str, object] = {"device": "yaohua-xk3190-a9@/dev/ttyUSB0",
                                 "raw_frame": FRAME, "operator": "packer1"}
    values.update(fields)
    return WeighingInput(gross=Decimal(gross), **values)  # type: ignore[arg-type]


def test_harvest_records_the_net_weight_and_keeps_the_frame(coop: Database) -> None:
    crop = grow(coop, make_product(coop))
    harvest_id = record_harvest(coop, SYSTEM, batch_id=crop.batch_id,
                                harvested_on=days_ago(1), quantity="999",
                                weighing=scale("12.50", tare=Decimal("1.20")))
    harvest = load(coop, Harvest, harvest_id)
    assert harvest.quantity == Decimal("11.30")  # the captured net, not the typed quantity
    weighing = load(coop, Weighing, harvest.weighing_id)
    assert (weighing.gross, weighing.tare, weighing.net) == (
        Decimal("12.50"), Decimal("1.20"), Decimal("11.30"))
    assert weighing.raw_frame == FRAME and weighing.stable
    assert weighing.device.startswith("yaohua") and weighing.operator == "packer1"


@pytest.mark.parametrize(("weighing", "code"), [
    (scale("12.50", stable=False), "weighing.unstable"),
    (scale("0", overload=True), "weighing.overload"),
    (scale("12.50", unit="lb"), "weighing.unit_mismatch"),
])
def test_a_weight_that_may_not_be_stored_is_refused_everywhere(
        coop: Database, weighing: WeighingInput, code: str) -> None:
    product_id = make_product(coop)
    crop = grow(coop, product_id)
    animal_id = register_animal(coop, SYSTEM, ear_tag="620602-00017", species="sheep",
                                owner_member_id=crop.member_id)
    before = counts(coop, Weighing, Harvest, MemberDelivery, AnimalEvent)
    with pytest.raises(RuleViolation) as harvest_refusal:
        record_harvest(coop, SYSTEM, batch_id=crop.batch_id, harvested_on=days_ago(1),
                       weighing=weighing)
    with pytest.raises(RuleViolation) as delivery_refusal:
        record_delivery(coop, SYSTEM, code="D1", member_id=crop.member_id,
                        product_id=product_id, delivered_on=days_ago(1), weighing=weighing)
    with pytest.raises(RuleViolation) as animal_refusal:
        record_animal_event(coop, SYSTEM, animal_id=animal_id, kind="weighing",
                            occurred_on=days_ago(1), weighing=weighing)
    assert {harvest_refusal.value.code, delivery_refusal.value.code,
            animal_refusal.value.code} == {code}
    assert "Nothing was recorded" in str(harvest_refusal.value) or code.endswith("mismatch")
    nothing_new(coop, before)
    # The batch did not start harvesting either: the whole unit of work rolled back.
    assert load(coop, PlantingBatch, crop.batch_id).status.value == "growing"


def test_delivery_and_animal_link_their_weighing(coop: Database) -> None:
    product_id = make_product(coop)
    member_id = make_member(coop)
    delivery_id = record_delivery(coop, SYSTEM, code="D1", member_id=member_id,
                                  product_id=product_id, delivered_on=days_ago(1),
                                  weighing=scale("48.06", tare=Decimal("0.40")))
    delivery = load(coop, MemberDelivery, delivery_id)
    assert delivery.quantity == Decimal("47.66")
    assert load(coop, Weighing, delivery.weighing_id).raw_frame == FRAME
    animal_id = register_animal(coop, SYSTEM, ear_tag="620602-00017", species="sheep",
                                owner_member_id=member_id)
    event_id = record_animal_event(coop, SYSTEM, animal_id=animal_id, kind="weighing",
                                   occurred_on=days_ago(1), weighing=scale("41.5"))
    event = load(coop, AnimalEvent, event_id)
    assert event.weight_kg == Decimal("41.5")
    assert load(coop, Weighing, event.weighing_id).raw_frame == FRAME


def test_a_typed_weight_is_stored_as_manual_without_a_frame(coop: Database) -> None:
    crop = grow(coop, make_product(coop))
    typed = manual_weighing(Decimal("20.4"), operator="clerk")
    harvest = load(coop, Harvest, record_harvest(coop, SYSTEM, batch_id=crop.batch_id,
                                                 harvested_on=days_ago(1), weighing=typed))
    weighing = load(coop, Weighing, harvest.weighing_id)
    assert (weighing.device, weighing.raw_frame, weighing.stable) == (MANUAL_DEVICE, None, False)
    assert harvest.quantity == Decimal("20.4")
