"""Weighing animals by EID or ear tag: the forms an EID arrives in, the gain since the last
weighing, and refusals for animals that are gone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.models import AnimalEvent, Weighing
from coop_desktop.services.livestock import record_animal_event, register_animal
from coop_desktop.services.livestock_weighing import (
    eid_digits,
    find_animal,
    look_up_animal,
    weigh_animal,
)
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.weighings import WeighingInput
from coop_desktop.storage.database import Database
from tests.services.builders import counts, days_ago, load, make_member, nothing_new


def weight(kg: str, stable: bool = True) -> WeighingInput:
    return WeighingInput(gross=Decimal(kg), stable=stable, device="yaohua@pty",
                         raw_frame=b"\x02frame\x03")


@pytest.mark.parametrize(("code", "digits"), [
    ("156 000001088420", "156000001088420"),
    ("156000001088420", "156000001088420"),
    ("156 1088420", "156000001088420"),
    ("0156000001088420", "156000001088420"),
    ("0156 000001088420", "156000001088420"),
    ("982.000001088420", "982000001088420"),
    ("15600000108842", None),
    ("1560000010884201", None),
    ("620602-00017", None),
    ("", None),
])
def test_eid_forms(code: str, digits: str | None) -> None:
    assert eid_digits(code) == digits


@pytest.fixture
def sheep(coop: Database) -> int:
    return register_animal(coop, SYSTEM, ear_tag="620602-00017", species="sheep",
                           eid="156000001088420", breed="滩羊",
                           owner_member_id=make_member(coop))


def test_find_by_ear_tag_or_eid(coop: Database, sheep: int) -> None:
    with coop.read() as session:
        for code in ("620602-00017", " 620602-00017 ", "156 000001088420", "156 1088420"):
            found = find_animal(session, code)
            assert found is not None and found.id == sheep, code
        assert find_animal(session, "156 000001088421") is None
        assert find_animal(session, "") is None
    with pytest.raises(ValidationError, match="No animal has the ear tag"):
        look_up_animal(coop, SYSTEM, "156 999")


def test_gain_since_the_last_weighing(coop: Database, sheep: int) -> None:
    first = weigh_animal(coop, SYSTEM, sheep, weight("30.0"), occurred_on=days_ago(30))
    assert (first.previous_weight, first.kg, first.days, first.daily) == (None, None, None, None)
    card = look_up_animal(coop, SYSTEM, "156 000001088420")
    assert (card.ear_tag, card.breed, card.last_weight, card.last_weighed_on) == (
        "620602-00017", "滩羊", Decimal("30.0"), days_ago(30))
    gain = weigh_animal(coop, SYSTEM, sheep, weight("37.5"))
    assert (gain.previous_weight, gain.kg, gain.days, gain.daily) == (
        Decimal("30.0"), Decimal("7.5"), 30, Decimal("0.250"))
    again = weigh_animal(coop, SYSTEM, sheep, weight("37.7"))
    assert (again.kg, again.days, again.daily) == (Decimal("0.2"), 0, None)
    event = load(coop, AnimalEvent, gain.event_id)
    assert load(coop, Weighing, event.weighing_id).raw_frame == b"\x02frame\x03"


def test_gone_animals_and_unstable_weights_are_refused(coop: Database, sheep: int) -> None:
    before = counts(coop, AnimalEvent, Weighing)
    with pytest.raises(RuleViolation, match="still moving"):
        weigh_animal(coop, SYSTEM, sheep, weight("30.0", stable=False))
    nothing_new(coop, before)
    record_animal_event(coop, SYSTEM, animal_id=sheep, kind="sale", occurred_on=days_ago(1),
                        for_food=False)
    before = counts(coop, AnimalEvent, Weighing)
    with pytest.raises(RuleViolation) as refusal:
        weigh_animal(coop, SYSTEM, sheep, weight("30.0"))
    assert refusal.value.code == "animal.not_alive" and "620602-00017" in str(refusal.value)
    nothing_new(coop, before)
