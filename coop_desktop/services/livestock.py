"""Animals and their events; sale for food and slaughter refused inside a withdrawal period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.models import (
    Animal,
    AnimalEvent,
    AnimalEventKind,
    AnimalStatus,
    Member,
    Sex,
    Species,
)
from coop_desktop.domain.rules import Application, blocking_application
from coop_desktop.services.audit import snapshot
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.weighings import WeighingInput, store_weighing, weighed_quantity
from coop_desktop.services.work import (
    Work,
    apply_changes,
    choice,
    ensure_unique,
    get_for_edit,
    past_date,
    positive_quantity,
    required_text,
    to_int,
    unit_of_work,
)
from coop_desktop.storage.database import Database

MAX_WITHDRAWAL_DAYS = 500
MAX_ANIMAL_KG = Decimal(2000)


def _eid(value: Any) -> str | None:
    if not value:
        return None
    text = str(value).strip().replace(" ", "")
    if not text.isdigit() or len(text) != 15:
        raise ValidationError("value.bad_choice", field="eid", value=value,
                              choices="15 digits (ISO 11784)")
    return text


ANIMAL_FIELDS: dict[str, Any] = {
    "eid": _eid,
    "species": choice(Species, "species"),
    "breed": lambda value: value or "",
    "sex": choice(Sex, "sex"),
    "birth_date": lambda value: past_date(value, "birth_date") if value else None,
    "dam_id": lambda value: value,
    "sire_id": lambda value: value,
    "owner_member_id": int,
    "herd": lambda value: value or "",
}


def new_animal(work: Work, ear_tag: str, fields: Mapping[str, Any], *,
               known_unique: bool = False) -> tuple[Animal, AnimalEvent | None]:
    """A new live animal from its ear tag and fields (``species`` and ``owner_member_id``
    among them), each checked by ``ANIMAL_FIELDS``, added to the session, with its birth
    event when its birth date is known (the animal is flushed for its id). Neither is audited:
    the caller audits both, animal first.

    An ear tag or electronic ID already recorded is refused (a query each) unless the caller
    has checked them itself (``known_unique``: an import checks its whole file at once); the
    check comes before the flush, so a duplicate gets a sentence, not a database error."""
    animal = Animal(ear_tag=required_text(ear_tag, "ear_tag").upper(),
                    status=AnimalStatus.ALIVE, sex=Sex.UNKNOWN)
    apply_changes(animal, dict(fields), ANIMAL_FIELDS)
    if not known_unique:
        ensure_unique(work.session, Animal, "ear_tag", animal.ear_tag, "animal")
        ensure_unique(work.session, Animal, "eid", animal.eid, "animal")
    work.session.add(animal)
    birth = None
    if animal.birth_date is not None:
        work.session.flush()
        birth = add_event(work.session, animal, AnimalEventKind.BIRTH, animal.birth_date,
                          work.actor.username)
    return animal, birth


def register_animal(db: Database, actor: Actor, *, ear_tag: str, species: Species | str,
                    owner_member_id: int, **fields: Any) -> int:
    with unit_of_work(db, actor, Permission.MANAGE_LIVESTOCK) as work:
        if work.session.get(Member, owner_member_id) is None:
            raise ValidationError("not_found", field="owner_member_id", entity="member",
                                  value=owner_member_id)
        animal, birth = new_animal(work, ear_tag, {"species": species,
                                                   "owner_member_id": owner_member_id,
                                                   **fields})
        work.audit_many("create", [animal] if birth is None else [animal, birth])
        return animal.id


def edit_animal(db: Database, actor: Actor, animal_id: int, version: int | None,
                **changes: Any) -> None:
    with unit_of_work(db, actor, Permission.MANAGE_LIVESTOCK) as work:
        animal, before = get_for_edit(work.session, Animal, animal_id, version)
        apply_changes(animal, changes, ANIMAL_FIELDS)
        ensure_unique(work.session, Animal, "eid", animal.eid, "animal", exclude_id=animal.id)
        work.audit("edit", animal, before)


def add_event(session: Session, animal: Animal, kind: AnimalEventKind, day: dt.date,
              operator: str, **fields: Any) -> AnimalEvent:
    """Add an event of an animal that has its id (not audited: the caller audits it)."""
    event = AnimalEvent(animal_id=animal.id, kind=kind, occurred_on=day, operator=operator,
                        **fields)
    session.add(event)
    return event


def animal_applications(session: Session, animal_id: int) -> list[Application]:
    rows = session.execute(
        select(AnimalEvent.product_name, AnimalEvent.occurred_on, AnimalEvent.withdrawal_days,
               AnimalEvent.product_lot)
        .where(AnimalEvent.animal_id == animal_id, AnimalEvent.withdrawal_days.is_not(None))
    ).all()
    return [Application(name or "?", day, days or 0, lot) for name, day, days, lot in rows]


def check_withdrawal(session: Session, animal: Animal, on: dt.date, action: str) -> None:
    """Refuse slaughter or sale for food while a treatment's withdrawal period runs."""
    blocking = blocking_application(animal_applications(session, animal.id), on)
    if blocking is not None:
        raise RuleViolation("withdrawal.blocked", field="occurred_on", ear_tag=animal.ear_tag,
                            drug=blocking.name, treated_on=blocking.applied_on.isoformat(),
                            withdrawal_days=blocking.waiting_days,
                            allowed_on=blocking.allowed_on.isoformat(),
                            action_zh={"slaughter": "屠宰", "sale": "出售"}.get(action, action))


_FINAL_STATUS = {
    AnimalEventKind.DEATH: AnimalStatus.DEAD,
    AnimalEventKind.SALE: AnimalStatus.SOLD,
    AnimalEventKind.SLAUGHTER: AnimalStatus.SLAUGHTERED,
}


def record_animal_event(db: Database, actor: Actor, *, animal_id: int,
                        kind: AnimalEventKind | str, occurred_on: dt.date | str,
                        weighing: WeighingInput | None = None, for_food: bool = True,
                        operator: str = "", **fields: Any) -> int:
    """Record what happened to an animal. Treatments need a drug and a withdrawal period;
    slaughter and sale for food are refused while one runs."""
    with unit_of_work(db, actor, Permission.MANAGE_LIVESTOCK) as work:
        animal = work.session.get(Animal, animal_id)
        if animal is None:
            raise ValidationError("not_found", field="animal_id", entity="animal",
                                  value=animal_id)
        event_kind = choice(AnimalEventKind, "kind")(kind)
        day = past_date(occurred_on, "occurred_on")
        if animal.status != AnimalStatus.ALIVE:
            raise RuleViolation("animal.not_alive", ear_tag=animal.ear_tag,
                                status=animal.status.value)
        withdrawal = fields.get("withdrawal_days")
        if withdrawal is not None:
            withdrawal = fields["withdrawal_days"] = to_int(withdrawal, "withdrawal_days")
        if event_kind == AnimalEventKind.TREATMENT:
            required_text(fields.get("product_name"), "product_name")
            if withdrawal is None:
                raise ValidationError("value.required", field="withdrawal_days")
        if withdrawal is not None and not 0 <= withdrawal <= MAX_WITHDRAWAL_DAYS:
            raise ValidationError("value.too_large", field="withdrawal_days", value=withdrawal,
                                  maximum=MAX_WITHDRAWAL_DAYS)
        if event_kind == AnimalEventKind.SLAUGHTER or (
                event_kind == AnimalEventKind.SALE and for_food):
            check_withdrawal(work.session, animal, day, event_kind.value)
        if weighing is not None:
            fields["weight_kg"] = weighed_quantity(weighing, "kg", "weight_kg", MAX_ANIMAL_KG)
            fields["weighing_id"] = store_weighing(work.session, weighing).id
        elif fields.get("weight_kg") is not None:
            fields["weight_kg"] = positive_quantity(fields["weight_kg"], "weight_kg",
                                                    MAX_ANIMAL_KG)
        event = add_event(work.session, animal, event_kind, day, operator or actor.username,
                          **fields)
        work.audit("create", event)
        final = _FINAL_STATUS.get(event_kind)
        if final is not None:
            before = snapshot(animal)
            animal.status = final
            work.audit(f"status_{final.value}", animal, before)
        return event.id
