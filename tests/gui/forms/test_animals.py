"""Animals and their events through the forms: dam and sire of the same species, the
electronic ID's 15 digits, kind-dependent event fields, and a sale for food refused inside a
withdrawal period with the service's sentence."""

from __future__ import annotations

from decimal import Decimal

from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import AnimalEvent, Weighing
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms.animal_event import AnimalEventForm
from coop_desktop.gui.forms.animals import AnimalForm
from coop_desktop.services.choices import record_fields
from coop_desktop.services.livestock import record_animal_event, register_animal
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.weighings import WeighingInput
from tests.gui.forms.pickers import pick
from tests.services.builders import days_ago, load, make_member, rows


def herd(context: AppContext) -> dict[str, int]:
    owner = make_member(context.database, "M0001")
    animals = {}
    for tag, species, sex in (("E1", "sheep", "female"), ("R1", "sheep", "male"),
                              ("Y1", "yak", "female")):
        animals[tag] = register_animal(context.database, SYSTEM, ear_tag=tag, species=species,
                                       sex=sex, owner_member_id=owner)
    animals["owner"] = owner
    return animals


def test_new_lamb_with_dam_and_sire(qtbot: QtBot, clerk: AppContext) -> None:
    known = herd(clerk)
    dialog = AnimalForm(clerk, None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.ear_tag, "62062100000123")
    qtbot.keyClicks(dialog.eid, "98200012345")
    assert dialog.checker.error_of("eid") == (
        "Electronic ID must be one of 15 digits (ISO 11784) (got '98200012345').")
    qtbot.keyClicks(dialog.eid, "6789")
    assert dialog.checker.error_of("eid") is None
    dialog.species.set_value("sheep")
    dialog.sex.set_value("female")
    qtbot.keyClicks(dialog.dam, "Y1")  # a yak is no ewe's lamb's mother
    assert dialog.dam.search_now() == []
    assert dialog.checker.error_of("dam_id") == (
        "Choose one of the records the list offers, or clear the field.")
    dialog.dam.clear()
    pick(qtbot, dialog.dam, "E1")
    assert [choice.code for choice in dialog.sire.search_now()] == ["R1"]
    pick(qtbot, dialog.sire, "R1")
    pick(qtbot, dialog.owner, "M0001")
    dialog.birth_date.set_value(days_ago(30))
    dialog.herd.setText("一号圈")
    assert dialog.save()
    lamb = record_fields(clerk.database, clerk.actor, "animals", dialog.saved_id or 0)
    assert (lamb["ear_tag"], lamb["eid"], lamb["dam_id"], lamb["sire_id"], lamb["herd"]) == (
        "62062100000123", "982000123456789", known["E1"], known["R1"], "一号圈")


def test_edit_animal_moves_it_to_another_herd(qtbot: QtBot, clerk: AppContext) -> None:
    known = herd(clerk)
    dialog = AnimalForm(clerk, known["E1"])
    qtbot.addWidget(dialog)
    assert dialog.ear_tag.isReadOnly()
    assert dialog.owner.record_id() == known["owner"]
    assert dialog.dam.search_now() == []  # the ewe herself is no choice for her dam
    dialog.herd.setText("二号圈")
    assert dialog.save()
    assert record_fields(clerk.database, clerk.actor, "animals", known["E1"])["herd"] == "二号圈"


def test_weighing(qtbot: QtBot, clerk: AppContext) -> None:
    known = herd(clerk)
    dialog = AnimalEventForm(clerk, known["E1"])
    qtbot.addWidget(dialog)
    assert dialog.weight.isVisibleTo(dialog)
    assert not dialog.product_name.isVisibleTo(dialog)
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.weight.line, "2500")
    assert dialog.checker.error_of("weight_kg") == (
        "Weight of 2500 is more than the largest plausible value 2000; check the unit.")
    dialog.weight.setText("41.6")
    assert dialog.save()
    event = load(clerk.database, AnimalEvent, dialog.saved_id or 0)
    assert (event.kind.value, event.weight_kg, event.operator) == ("weighing", Decimal("41.6"),
                                                                   "clerk")


def test_treatment_needs_drug_and_withdrawal(qtbot: QtBot, clerk: AppContext) -> None:
    known = herd(clerk)
    dialog = AnimalEventForm(clerk, known["R1"])
    qtbot.addWidget(dialog)
    dialog.kind.set_value("treatment")
    assert not dialog.weight.isVisibleTo(dialog)
    dialog.product_name.setText("伊维菌素注射液")
    qtbot.keyClicks(dialog.product_lot, "IV-2403")
    qtbot.keyClicks(dialog.dose, "2 mL")
    assert dialog.checker.errors() == {
        "withdrawal_days": "Withdrawal period (days) is required."}
    qtbot.keyClicks(dialog.withdrawal, "35")
    assert dialog.save()
    event = load(clerk.database, AnimalEvent, dialog.saved_id or 0)
    assert (event.product_name, event.product_lot, event.withdrawal_days) == (
        "伊维菌素注射液", "IV-2403", 35)


def test_sale_for_food_inside_withdrawal_is_refused(qtbot: QtBot, clerk: AppContext) -> None:
    known = herd(clerk)
    record_animal_event(clerk.database, SYSTEM, animal_id=known["R1"], kind="treatment",
                        occurred_on=days_ago(5), product_name="伊维菌素", withdrawal_days=35)
    dialog = AnimalEventForm(clerk, known["R1"])
    qtbot.addWidget(dialog)
    dialog.kind.set_value("sale")
    assert dialog.for_food.isChecked()
    dialog.counterparty.setText("武威肉羊收购站")
    before = rows(clerk.database, AnimalEvent)
    assert not dialog.save()
    assert dialog.checker.error_of("occurred_on") == (
        f"Refused for animal R1: 伊维菌素 was given on {days_ago(5)} with a withdrawal period "
        f"of 35 days; the first allowed date is {days_ago(-30)}.")
    assert rows(clerk.database, AnimalEvent) == before
    dialog.for_food.setChecked(False)  # sold as breeding stock: no withdrawal applies
    assert dialog.save()
    assert record_fields(clerk.database, clerk.actor, "animals", known["R1"])["status"] == "sold"


def test_weighing_on_the_livestock_scale(qtbot: QtBot, clerk: AppContext) -> None:
    known = herd(clerk)
    dialog = AnimalEventForm(clerk, known["E1"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.scale.isVisible() and "No scale is assigned" in dialog.scale.status.text()
    dialog.scale.captured.emit(WeighingInput(gross=Decimal("41.8"), device="yaohua@COM4",
                                             raw_frame=b"\x02+004180 21\x03"))
    assert dialog.weight.text() == "41.8"
    assert dialog.save()
    event = load(clerk.database, AnimalEvent, dialog.saved_id or 0)
    assert event.weight_kg == Decimal("41.8")
    assert load(clerk.database, Weighing, event.weighing_id).raw_frame == (
        b"\x02+004180 21\x03")


def test_the_scale_goes_with_the_weight_field(qtbot: QtBot, clerk: AppContext) -> None:
    known = herd(clerk)
    dialog = AnimalEventForm(clerk, known["R1"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.scale.captured.emit(WeighingInput(gross=Decimal("41.8"), raw_frame=b"frame"))
    dialog.kind.set_value("movement")
    assert not dialog.scale.isVisible()
    dialog.to_place.setText("夏季牧场")
    assert dialog.save()
    event = load(clerk.database, AnimalEvent, dialog.saved_id or 0)
    assert (event.kind.value, event.weight_kg, event.weighing_id) == ("movement", None, None)
