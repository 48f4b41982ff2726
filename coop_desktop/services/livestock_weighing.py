"""Weighing animals one after another: find each by its EID or ear tag, record the weight,
tell the gain since its last weighing.

An EID reaches us as the codec gives it — ``"156 000001088420"`` (country, space, 12-digit
national id) — or typed or scanned as 15 digits, with or without the space, sometimes with the
national id's leading zeros dropped (``156 1088420``) or with extra leading zeros in front
(a 16-digit ``0156000001088420``). :func:`eid_forms` turns each into the 15 digits we store.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import Animal, AnimalEvent, AnimalEventKind
from coop_desktop.services.livestock import record_animal_event
from coop_desktop.services.permissions import Actor
from coop_desktop.services.weighings import WeighingInput
from coop_desktop.services.work import reading
from coop_desktop.storage.database import Database

_TWO_PARTS = re.compile(r"^(\d{1,4})[\s.\-_]+(\d{1,12})$")


def eid_digits(code: str) -> str | None:
    """The 15-digit ISO 11784 number in ``code``, or None when it is not one."""
    text = code.strip()
    match = _TWO_PARTS.match(text)
    if match:
        country = match[1].lstrip("0").zfill(3)
        if len(country) > 3:
            return None
        return country + match[2].zfill(12)
    digits = text.replace(" ", "")
    if not digits.isdigit():
        return None
    if len(digits) > 15 and set(digits[:-15]) == {"0"}:
        digits = digits[-15:]
    return digits if len(digits) == 15 else None


def find_animal(session: Session, code: str) -> Animal | None:
    """The animal whose ear tag is ``code`` (any case), else whose EID it is."""
    text = code.strip()
    if not text:
        return None
    animal = session.execute(select(Animal).where(Animal.ear_tag == text.upper())
                             ).scalar_one_or_none()
    if animal is not None:
        return animal
    eid = eid_digits(text)
    if eid is None:
        return None
    return session.execute(select(Animal).where(Animal.eid == eid)).scalar_one_or_none()


@dataclass(frozen=True)
class AnimalCard:
    """What the weighing screen shows of an animal."""

    id: int
    ear_tag: str
    eid: str | None
    species: str
    breed: str
    status: str
    last_weight: Decimal | None
    last_weighed_on: dt.date | None


def _last_weight(session: Session, animal_id: int, excluding: int | None = None,
                 on_or_before: dt.date | None = None) -> AnimalEvent | None:
    query = (select(AnimalEvent)
             .where(AnimalEvent.animal_id == animal_id, AnimalEvent.weight_kg.is_not(None))
             .order_by(AnimalEvent.occurred_on.desc(), AnimalEvent.id.desc()).limit(1))
    if excluding is not None:
        query = query.where(AnimalEvent.id != excluding)
    if on_or_before is not None:
        query = query.where(AnimalEvent.occurred_on <= on_or_before)
    return session.execute(query).scalar_one_or_none()


def _card(session: Session, animal: Animal) -> AnimalCard:
    last = _last_weight(session, animal.id)
    return AnimalCard(animal.id, animal.ear_tag, animal.eid, animal.species.value, animal.breed,
                      animal.status.value, last.weight_kg if last else None,
                      last.occurred_on if last else None)


def look_up_animal(db: Database, actor: Actor, code: str) -> AnimalCard:
    """The animal read or typed, with its last weight; a sentence when no animal has it."""
    with reading(db, actor) as session:
        animal = find_animal(session, code)
        if animal is None:
            raise ValidationError("livestock.unknown_tag", field="ear_tag", value=code.strip())
        return _card(session, animal)


@dataclass(frozen=True)
class Gain:
    """The gain since the weighing before this one; ``previous_*`` None for a first weighing,
    ``daily`` None when both were on the same day."""

    event_id: int
    weight: Decimal
    weighed_on: dt.date
    previous_weight: Decimal | None
    previous_on: dt.date | None

    @property
    def kg(self) -> Decimal | None:
        return None if self.previous_weight is None else self.weight - self.previous_weight

    @property
    def days(self) -> int | None:
        return None if self.previous_on is None else (self.weighed_on - self.previous_on).days

    @property
    def daily(self) -> Decimal | None:
        """Average daily gain in kg per day, to 3 places."""
        if self.kg is None or not self.days:
            return None
        return (self.kg / self.days).quantize(Decimal("0.001"))


def weigh_animal(db: Database, actor: Actor, animal_id: int, weighing: WeighingInput, *,
                 occurred_on: dt.date | None = None) -> Gain:
    """Record a weighing event of a live animal (the weighing stored with its raw frame) and
    return the gain since its previous weight. A dead, sold or slaughtered animal, an unstable
    or overloaded weight are refused with a sentence and nothing is stored."""
    day = occurred_on or dt.date.today()
    event_id = record_animal_event(db, actor, animal_id=animal_id, kind=AnimalEventKind.WEIGHING,
                                   occurred_on=day, weighing=weighing,
                                   operator=weighing.operator)
    with reading(db, actor) as session:
        event = session.get(AnimalEvent, event_id)
        assert event is not None
        assert event.weight_kg is not None
        previous = _last_weight(session, animal_id, excluding=event_id,
                                on_or_before=event.occurred_on)
        return Gain(event_id, event.weight_kg, event.occurred_on,
                    previous.weight_kg if previous else None,
                    previous.occurred_on if previous else None)
