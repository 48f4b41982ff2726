"""The animal form: ear tag, electronic ID, species and sex, birth, dam and sire of the same
species, owner household and herd."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from coop_desktop.domain.models import Sex, Species
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import register
from coop_desktop.gui.forms.base import FormDialog, changed_fields
from coop_desktop.gui.widgets.choice_combo import EnumCombo
from coop_desktop.gui.widgets.date_field import OptionalDateField
from coop_desktop.gui.widgets.record_picker import RecordPicker
from coop_desktop.services.choices import record_fields
from coop_desktop.services.livestock import ANIMAL_FIELDS, edit_animal, register_animal
from coop_desktop.services.permissions import Permission
from coop_desktop.services.work import required_text


class AnimalForm(FormDialog):
    def __init__(self, context: AppContext, animal_id: int | None,
                 parent: QWidget | None = None) -> None:
        self.animal_id = animal_id
        self.original: dict[str, Any] = (
            record_fields(context.database, context.actor, "animals", animal_id)
            if animal_id is not None else {})
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("New animal") if animal_id is None
                            else self.tr("Animal %1").replace("%1", self.original["ear_tag"]))
        form = self.new_form()
        self.ear_tag = QLineEdit(self)
        self.ear_tag.setMaxLength(40)
        self.add_field(form, "ear_tag", self.tr("Ear tag"), self.ear_tag,
                       lambda: required_text(self.ear_tag.text(), "ear_tag"))
        self.eid = QLineEdit(self)
        self.eid.setMaxLength(20)
        self.eid.setPlaceholderText(self.tr("15 digits, from the electronic tag"))
        self.add_field(form, "eid", self.tr("Electronic ID"), self.eid,
                       lambda: ANIMAL_FIELDS["eid"](self.eid.text()))
        self.species = EnumCombo(self, Species)
        self.add_field(form, "species", self.tr("Species"), self.species)
        self.breed = QLineEdit(self)
        self.breed.setMaxLength(60)
        self.add_field(form, "breed", self.tr("Breed"), self.breed)
        self.sex = EnumCombo(self, Sex)
        self.add_field(form, "sex", self.tr("Sex"), self.sex)
        self.birth_date = OptionalDateField(self)
        self.add_field(form, "birth_date", self.tr("Born on"), self.birth_date,
                       lambda: ANIMAL_FIELDS["birth_date"](self.birth_date.value()))
        self.dam = RecordPicker(self, context, "animals")
        self.add_field(form, "dam_id", self.tr("Dam (mother)"), self.dam,
                       self.picked(self.dam, "dam_id", required=False))
        self.sire = RecordPicker(self, context, "animals")
        self.add_field(form, "sire_id", self.tr("Sire (father)"), self.sire,
                       self.picked(self.sire, "sire_id", required=False))
        self.owner = RecordPicker(self, context, "members")
        self.add_field(form, "owner_member_id", self.tr("Owner household"), self.owner,
                       self.picked(self.owner, "owner_member_id"))
        self.herd = QLineEdit(self)
        self.herd.setMaxLength(60)
        self.add_field(form, "herd", self.tr("Herd"), self.herd)
        if animal_id is not None:
            self.dam.set_excluded({animal_id})
            self.sire.set_excluded({animal_id})
        self.species.currentIndexChanged.connect(self._species_changed)
        self._species_changed()
        if animal_id is not None:
            self._fill()
        self.start()

    def _species_changed(self) -> None:
        species = self.species.value()
        self.dam.set_filters(species=species, sex=Sex.FEMALE.value)
        self.sire.set_filters(species=species, sex=Sex.MALE.value)

    def _fill(self) -> None:
        record = self.original
        self.ear_tag.setText(record["ear_tag"])
        self.ear_tag.setReadOnly(True)
        self.eid.setText(record.get("eid") or "")
        self.species.set_value(record["species"])
        self.breed.setText(record.get("breed") or "")
        self.sex.set_value(record["sex"])
        self.birth_date.set_value(record.get("birth_date"))
        self.dam.set_record(record.get("dam_id"))
        self.sire.set_record(record.get("sire_id"))
        self.owner.set_record(record["owner_member_id"])
        self.herd.setText(record.get("herd") or "")

    def values(self) -> dict[str, Any]:
        return {
            "eid": self.eid.text().strip() or None, "species": self.species.value(),
            "breed": self.breed.text().strip(), "sex": self.sex.value(),
            "birth_date": self.birth_date.value(), "dam_id": self.dam.record_id(),
            "sire_id": self.sire.record_id(),
            "owner_member_id": self.chosen(self.owner, "owner_member_id"),
            "herd": self.herd.text().strip()}

    def submit(self) -> int | None:
        db, actor = self.context.database, self.context.actor
        if self.animal_id is None:
            return register_animal(db, actor, ear_tag=self.ear_tag.text(), **self.values())
        changes = changed_fields(self.original, self.values())
        if changes:
            edit_animal(db, actor, self.animal_id, self.original["version"], **changes)
        return self.animal_id


@register("animals", Permission.MANAGE_LIVESTOCK)
def animal_form(context: AppContext, row: dict[str, Any] | None, parent: QWidget) -> QDialog:
    return AnimalForm(context, row["id"] if row else None, parent)
