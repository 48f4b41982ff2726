"""Animals: treatments with withdrawal periods; slaughter (a lot from an animal) and sale for
food refused while one runs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from coop_desktop.domain.errors import ConflictError, DomainError, RuleViolation, ValidationError
from coop_desktop.domain.models import (
    Animal,
    AnimalEvent,
    AnimalEventKind,
    AnimalStatus,
    AuditEntry,
    Lot,
    LotSource,
)
from coop_desktop.services.livestock import edit_animal, record_animal_event, register_animal
from coop_desktop.services.lots import SourceInput, create_lot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.services.builders import (
    TODAY,
    audit_ok,
    counts,
    days_ago,
    load,
    make_member,
    make_product,
    nothing_new,
    rows,
)


def sheep(db: Database, ear_tag: str = "620602-00017", **fields: object) -> int:
    owner = fields.pop("owner", None) or make_member(db)
    return register_animal(db, SYSTEM, ear_tag=ear_tag, species="sheep", owner_member_id=owner,
                           breed="滩羊", sex="male", birth_date=days_ago(300), **fields)


def treat(db: Database, animal_id: int, on: int, days: int, drug: str = "伊维菌素注射液",
          lot: str = "VET-88") -> int:
    return record_animal_event(db, SYSTEM, animal_id=animal_id, kind="treatment",
                               occurred_on=days_ago(on), product_name=drug, product_lot=lot,
                               dose="2 mL", withdrawal_days=days)


def slaughter(db: Database, animal_id: int, product_id: int, on: int,
              code: str = "MUT-1") -> int:
    return create_lot(db, SYSTEM, code=code, product_id=product_id,
                      sources=[SourceInput("animal", animal_id, "23.5")], pack_date=days_ago(on))


def test_register_animal_with_birth_event(coop: Database) -> None:
    animal_id = sheep(coop, ear_tag=" 620602-abc ")
    animal = load(coop, Animal, animal_id)
    assert (animal.ear_tag, animal.status, animal.birth_date) == (
        "620602-ABC", AnimalStatus.ALIVE, days_ago(300))
    with coop.read() as session:
        kinds = session.execute(select(AnimalEvent.kind)).scalars().all()
    assert kinds == [AnimalEventKind.BIRTH]
    assert audit_ok(coop)


def test_duplicate_ear_tag_and_bad_eid_are_refused(coop: Database) -> None:
    owner = make_member(coop)
    sheep(coop, ear_tag="E-001", owner=owner)
    with pytest.raises(ValidationError) as caught:
        sheep(coop, ear_tag="e-001", owner=owner)
    assert (caught.value.code, caught.value.field) == ("duplicate", "ear_tag")
    with pytest.raises(ValidationError) as caught:
        sheep(coop, ear_tag="E-002", owner=owner, eid="98200012345")
    assert (caught.value.code, caught.value.field) == ("value.bad_choice", "eid")
    assert rows(coop, Animal) == 1
    sheep(coop, ear_tag="E-002", owner=owner, eid="982 000123456789")
    assert rows(coop, Animal) == 2


def test_edits_keep_eids_unique_and_refuse_stale_versions(coop: Database) -> None:
    owner = make_member(coop)
    first = sheep(coop, ear_tag="E-001", owner=owner, eid="982000000000001")
    second = sheep(coop, ear_tag="E-002", owner=owner)
    version = load(coop, Animal, second).version
    with pytest.raises(ValidationError) as caught:
        edit_animal(coop, SYSTEM, second, version, eid="982000000000001")
    assert (caught.value.code, caught.value.field) == ("duplicate", "eid")
    assert load(coop, Animal, second).eid is None
    edit_animal(coop, SYSTEM, second, version, herd="北山群")
    with pytest.raises(ConflictError) as conflict:
        edit_animal(coop, SYSTEM, second, version, herd="南山群")
    assert "E-002" in str(conflict.value)
    assert load(coop, Animal, second).herd == "北山群"
    assert load(coop, Animal, first).eid == "982000000000001"
    assert audit_ok(coop)


def test_treatment_needs_drug_and_withdrawal(coop: Database) -> None:
    animal_id = sheep(coop)
    with pytest.raises(ValidationError) as caught:
        record_animal_event(coop, SYSTEM, animal_id=animal_id, kind="treatment",
                            occurred_on=TODAY, product_name="伊维菌素注射液")
    assert (caught.value.code, caught.value.field) == ("value.required", "withdrawal_days")
    with pytest.raises(ValidationError) as caught:
        record_animal_event(coop, SYSTEM, animal_id=animal_id, kind="treatment",
                            occurred_on=TODAY, withdrawal_days=14)
    assert (caught.value.code, caught.value.field) == ("value.required", "product_name")
    with pytest.raises(ValidationError) as caught:
        treat(coop, animal_id, on=0, days=501)
    assert (caught.value.code, caught.value.field) == ("value.too_large", "withdrawal_days")
    with pytest.raises(ValidationError) as caught:
        treat(coop, animal_id, on=-1, days=10)
    assert (caught.value.code, caught.value.field) == ("date.future", "occurred_on")
    assert rows(coop, AnimalEvent) == 1  # the birth only


def test_slaughter_inside_withdrawal_is_refused_naming_drug_and_dates(coop: Database) -> None:
    mutton = make_product(coop, code="MUTTON", name_zh="滩羊肉", kind="animal")
    animal_id = sheep(coop)
    treat(coop, animal_id, on=5, days=28)
    treated, allowed = days_ago(5).isoformat(), days_ago(-23).isoformat()
    before = counts(coop, Lot, LotSource, AnimalEvent, AuditEntry)
    with pytest.raises(RuleViolation) as caught:
        slaughter(coop, animal_id, mutton, on=0)
    error = caught.value
    assert error.code == "withdrawal.blocked"
    assert error.params["drug"] == "伊维菌素注射液"
    assert error.params["treated_on"] == treated
    assert error.params["allowed_on"] == allowed
    assert error.params["withdrawal_days"] == 28
    assert str(error) == (f"Refused for animal 620602-00017: 伊维菌素注射液 was given on {treated} "
                          f"with a withdrawal period of 28 days; the first allowed date is "
                          f"{allowed}.")
    chinese = error.message("zh")
    assert "屠宰" in chinese
    assert "休药期 28 天" in chinese
    assert allowed in chinese
    nothing_new(coop, before)
    assert load(coop, Animal, animal_id).status == AnimalStatus.ALIVE


def test_slaughter_on_the_first_allowed_day_makes_a_lot(coop: Database) -> None:
    mutton = make_product(coop, code="MUTTON", name_zh="滩羊肉", kind="animal")
    animal_id = sheep(coop)
    treat(coop, animal_id, on=40, days=30)  # first allowed day: 10 days ago
    with pytest.raises(RuleViolation):
        slaughter(coop, animal_id, mutton, on=11)
    lot_id = slaughter(coop, animal_id, mutton, on=10)
    lot = load(coop, Lot, lot_id)
    assert (lot.code, lot.quantity, lot.harvest_date, lot.pack_date) == (
        "MUT-1", Decimal("23.5"), days_ago(10), days_ago(10))
    assert load(coop, Animal, animal_id).status == AnimalStatus.SLAUGHTERED
    with coop.read() as session:
        events = session.execute(select(AnimalEvent.kind, AnimalEvent.occurred_on)
                                 .order_by(AnimalEvent.id)).all()
        source = session.execute(select(LotSource.animal_id, LotSource.quantity)).one()
    assert events[-1] == (AnimalEventKind.SLAUGHTER, days_ago(10))
    assert tuple(source) == (animal_id, Decimal("23.5"))
    assert audit_ok(coop)
    # A slaughtered animal cannot be slaughtered, sold or treated again.
    with pytest.raises(RuleViolation) as caught:
        slaughter(coop, animal_id, mutton, on=0, code="MUT-2")
    assert caught.value.code == "animal.not_alive"
    with pytest.raises(RuleViolation) as caught:
        treat(coop, animal_id, on=0, days=1)
    assert caught.value.code == "animal.not_alive"
    assert "slaughtered" in str(caught.value)


def test_one_animal_cannot_be_slaughtered_twice_in_one_lot(coop: Database) -> None:
    mutton = make_product(coop, code="MUTTON", name_zh="滩羊肉", kind="animal")
    animal_id = sheep(coop)
    before = counts(coop, Lot, LotSource, AnimalEvent, AuditEntry)
    with pytest.raises(DomainError):
        create_lot(coop, SYSTEM, code="MUT-1", product_id=mutton,
                   sources=[SourceInput("animal", animal_id, "20"),
                            SourceInput("animal", animal_id, "20")], pack_date=TODAY)
    nothing_new(coop, before)


def test_sale_for_food_inside_withdrawal_is_refused_but_not_as_breeding_stock(
        coop: Database) -> None:
    animal_id = sheep(coop)
    treat(coop, animal_id, on=2, days=14)
    with pytest.raises(RuleViolation) as caught:
        record_animal_event(coop, SYSTEM, animal_id=animal_id, kind="sale", occurred_on=TODAY,
                            counterparty="屠宰场")
    assert caught.value.code == "withdrawal.blocked"
    assert "出售" in caught.value.message("zh")
    assert load(coop, Animal, animal_id).status == AnimalStatus.ALIVE
    record_animal_event(coop, SYSTEM, animal_id=animal_id, kind="sale", occurred_on=TODAY,
                        for_food=False, counterparty="种羊场")
    assert load(coop, Animal, animal_id).status == AnimalStatus.SOLD
    assert audit_ok(coop)


def test_animal_weight_must_be_plausible(coop: Database) -> None:
    animal_id = sheep(coop)
    with pytest.raises(ValidationError) as caught:
        record_animal_event(coop, SYSTEM, animal_id=animal_id, kind="weighing",
                            occurred_on=TODAY, weight_kg="4500")
    assert (caught.value.code, caught.value.field) == ("value.too_large", "weight_kg")
    with pytest.raises(ValidationError) as caught:
        record_animal_event(coop, SYSTEM, animal_id=animal_id, kind="weighing",
                            occurred_on=TODAY, weight_kg="-3")
    assert caught.value.code == "value.not_positive"
    event_id = record_animal_event(coop, SYSTEM, animal_id=animal_id, kind="weighing",
                                   occurred_on=TODAY, weight_kg="41.2")
    assert load(coop, AnimalEvent, event_id).weight_kg == Decimal("41.2")
