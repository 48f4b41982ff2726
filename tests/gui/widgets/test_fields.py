"""Date, quantity and closed-list fields, the multi-record checklist, and the Designer forms."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from coop_desktop import paths
from coop_desktop.domain.models import Species
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.widgets.choice_combo import EnumCombo
from coop_desktop.gui.widgets.date_field import DateField, OptionalDateField
from coop_desktop.gui.widgets.quantity_field import QuantityField
from coop_desktop.gui.widgets.record_checklist import RecordChecklist
from coop_desktop.gui.widgets.ui_files import child, load_ui
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.services.builders import make_member


def test_date_fields(qtbot: QtBot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    assert field.value() == dt.date.today()
    assert field.displayFormat() == "yyyy-MM-dd"
    field.set_value("2024-02-29")
    assert field.value() == dt.date(2024, 2, 29)
    optional = OptionalDateField()
    qtbot.addWidget(optional)
    assert optional.value() is None
    with qtbot.waitSignal(optional.changed):
        optional.set_value(dt.date(2020, 1, 2))
    assert optional.value() == dt.date(2020, 1, 2)
    optional.given.setChecked(False)
    assert optional.value() is None


def test_quantity_field_keeps_the_typed_text_and_its_unit(qtbot: QtBot) -> None:
    field = QuantityField(None, "kg")
    qtbot.addWidget(field)
    qtbot.keyClicks(field.line, "12.500")
    assert (field.text(), field.value(), field.unit()) == ("12.500", "12.500", "kg")
    field.set_units(["g", "mL"], "mL")
    assert field.unit() == "mL"
    field.setText("")
    assert field.value() is None


def test_enum_combo_shows_names_and_gives_values(qtbot: QtBot) -> None:
    combo = EnumCombo(None, Species, blank="—")
    qtbot.addWidget(combo)
    assert combo.value() is None
    combo.set_value(Species.YAK)
    assert (combo.value(), combo.currentText()) == ("yak", "yak")


def test_checklist_keeps_ticked_records_while_searching(qtbot: QtBot, coop: Database) -> None:
    first = make_member(coop, "M001", name="王建国")
    make_member(coop, "M002", name="李秀英")
    checklist = RecordChecklist(AppContext(coop, SYSTEM), "members")
    qtbot.addWidget(checklist)
    assert checklist.list.count() == 2
    assert checklist.tick("M001")
    checklist.search.setText("李")
    checklist.search_now()
    assert [checklist.list.item(row).text().split(" — ")[0]
            for row in range(checklist.list.count())] == ["M001", "M002"]
    assert checklist.selected_ids() == [first]
    assert checklist.summary.text() == "1 chosen"
    checklist.set_selected([])
    assert checklist.selected_ids() == []


@pytest.mark.parametrize("name", sorted(path.name for path in paths.ui_dir().glob("*.ui")))
def test_every_designer_form_loads_with_its_fields(qtbot: QtBot, name: str) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    form = load_ui(name, host)
    assert form.parent() is host
    editors = [widget for widget in form.findChildren(QWidget)
               if form.findChild(QWidget, f"{widget.objectName()}_error") is not None]
    assert editors
    for editor in editors:
        assert form.findChild(QWidget, f"{editor.objectName()}_label") is not None


def test_child_names_what_is_missing(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    form = load_ui("member_form.ui", host)
    assert isinstance(child(form, DateField, "joined_on"), DateField)
    assert isinstance(child(form, QSpinBox, "household_size"), QSpinBox)
    with pytest.raises(LookupError, match=r"MemberForm.*QLineEdit 'nickname'"):
        child(form, QLineEdit, "nickname")
    with pytest.raises(FileNotFoundError):
        load_ui("no_such_form.ui", host)
