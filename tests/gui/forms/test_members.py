"""The member form: typed through its widgets, checked as typed, saved through the service."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms.members import MemberForm
from coop_desktop.services.choices import record_fields, search_choices
from coop_desktop.services.listing import list_records
from coop_desktop.services.members import edit_member
from coop_desktop.services.permissions import SYSTEM
from tests.services.builders import days_ago, make_member

GOOD_ID = "11010519491231002X"


def form(qtbot: QtBot, context: AppContext, member_id: int | None = None) -> MemberForm:
    dialog = MemberForm(context, member_id)
    qtbot.addWidget(dialog)
    return dialog


def test_new_member_is_saved(qtbot: QtBot, clerk: AppContext) -> None:
    dialog = form(qtbot, clerk)
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.code, "M0101")
    dialog.name.setText("王建国")
    qtbot.keyClicks(dialog.id_number, GOOD_ID.lower())
    dialog.village.insert("黄羊镇新村")
    qtbot.keyClicks(dialog.phone, "13800000001")
    dialog.household_size.setValue(4)
    dialog.poverty_status.set_value("registered")
    qtbot.keyClicks(dialog.poverty_since_year, "2016")
    dialog.joined_on.set_value(days_ago(30))
    assert dialog.checker.errors() == {}
    assert dialog.save_button.isEnabled()
    assert dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    row = list_records(clerk.database, clerk.actor, "members", search="M0101")[0]
    assert (row["name"], row["id_number"], row["village"], row["household_size"]) == (
        "王建国", GOOD_ID, "黄羊镇新村", 4)
    assert (row["poverty_status"], row["poverty_since_year"]) == ("registered", 2016)


def test_id_number_check_digit_is_checked_as_typed(qtbot: QtBot, clerk: AppContext) -> None:
    dialog = form(qtbot, clerk)
    qtbot.keyClicks(dialog.code, "M0102")
    dialog.name.setText("李秀英")
    qtbot.keyClicks(dialog.id_number, "110105194912310021")
    error = dialog.findChild(type(dialog.message), "id_number_error")
    assert error is not None
    assert error.text() == ("ID number 110105194912310021 has a wrong check digit; "
                            "check for a typing error.")
    assert dialog.id_number.property("invalid") is True
    assert not dialog.save_button.isEnabled()
    assert not dialog.save()
    dialog.id_number.setText(GOOD_ID)
    assert not error.isVisibleTo(dialog)
    assert dialog.id_number.property("invalid") is False
    assert dialog.save_button.isEnabled()


def test_edit_keeps_the_code_and_saves_changes(qtbot: QtBot, clerk: AppContext) -> None:
    member_id = make_member(clerk.database, "M0001", name="张三")
    dialog = form(qtbot, clerk, member_id)
    assert dialog.code.isReadOnly()
    assert dialog.save_button.isEnabled()
    dialog.name.setText("张三丰")
    assert dialog.save()
    fields = record_fields(clerk.database, clerk.actor, "members", member_id)
    assert (fields["name"], fields["version"]) == ("张三丰", 2)


def test_duplicate_code_is_shown_under_the_code(qtbot: QtBot, clerk: AppContext) -> None:
    make_member(clerk.database, "M0001")
    dialog = form(qtbot, clerk)
    qtbot.keyClicks(dialog.code, "M0001")
    dialog.name.setText("重复")
    assert not dialog.save()
    assert dialog.checker.error_of("code") == "member with Member code 'M0001' already exists."
    assert not dialog.save_button.isEnabled()
    assert len(search_choices(clerk.database, clerk.actor, "members")) == 1


def test_a_change_made_meanwhile_is_not_overwritten(qtbot: QtBot, clerk: AppContext) -> None:
    member_id = make_member(clerk.database, "M0001", name="张三")
    dialog = form(qtbot, clerk, member_id)
    edit_member(clerk.database, SYSTEM, member_id, 1, phone="13900000000")  # another PC
    dialog.name.setText("张三丰")
    assert not dialog.save()
    assert dialog.message.text() == (
        "members M0001 was changed by someone else since you opened it; reopen it to see "
        "their change, then edit again. Nothing was overwritten.")
    assert record_fields(clerk.database, clerk.actor, "members", member_id)["name"] == "张三"


def test_a_typed_code_is_settled_when_saving(qtbot: QtBot, clerk: AppContext) -> None:
    """Enter right after typing a code: the picker's search has not run yet."""
    from coop_desktop.gui.forms.plots import PlotForm

    make_member(clerk.database, "M0001")
    dialog = PlotForm(clerk, None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.member, "M0001")
    qtbot.keyClicks(dialog.code, "P1")
    qtbot.keyClicks(dialog.area.line, "2")
    assert dialog.save()
