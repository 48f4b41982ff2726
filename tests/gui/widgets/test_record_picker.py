"""The record picker searches as one types, a moment after the last key, a page at a time,
and holds the chosen record's id."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coop_desktop.gui.context import AppContext
from coop_desktop.gui.widgets.record_picker import PAGE, RecordPicker
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.services.builders import make_member


def picker(qtbot: QtBot, db: Database, kind: str = "members") -> RecordPicker:
    widget = RecordPicker(None, AppContext(db, SYSTEM), kind)
    qtbot.addWidget(widget)
    return widget


def test_typing_searches_after_a_pause_and_a_page_at_most(qtbot: QtBot, coop: Database) -> None:
    for number in range(1, 31):
        make_member(coop, f"M{number:03d}", name=f"王{number}")
    widget = picker(qtbot, coop)
    qtbot.keyClicks(widget, "M0")
    assert widget.results() == []  # not yet: the search waits for the typing to pause
    qtbot.waitUntil(lambda: len(widget.results()) == PAGE)
    assert widget.record_id() is None
    assert widget.results()[0].text == "M001 — 王1 黄羊镇新村"


def test_an_exact_code_is_chosen_and_editing_lets_it_go(qtbot: QtBot, coop: Database) -> None:
    first = make_member(coop, "M001", name="王建国")
    make_member(coop, "M0011", name="王淑珍")
    widget = picker(qtbot, coop)
    changes: list[object] = []
    widget.record_changed.connect(changes.append)
    qtbot.keyClicks(widget, "m001")
    widget.search_now()
    assert widget.record_id() == first
    assert widget.text() == "m001"  # the typed code stays while the user may type on
    qtbot.keyClicks(widget, "1")
    assert widget.record_id() is None
    widget.search_now()
    assert widget.choice() is not None
    assert widget.choice().code == "M0011"
    assert changes == [first, None, widget.record_id()]
    widget.settle()
    assert widget.text() == "M0011 — 王淑珍 黄羊镇新村"


def test_the_only_match_of_a_name_is_taken_on_leaving(qtbot: QtBot, coop: Database) -> None:
    make_member(coop, "M001", name="王建国")
    second = make_member(coop, "M002", name="李秀英")
    widget = picker(qtbot, coop)
    widget.insert("秀英")  # Chinese comes through the input method
    widget.settle()
    assert widget.record_id() == second
    assert widget.text() == "M002 — 李秀英 黄羊镇新村"


def test_filters_let_go_of_a_choice_outside_them(qtbot: QtBot, coop: Database) -> None:
    member = make_member(coop, "M001")
    widget = picker(qtbot, coop)
    widget.set_record(member)
    assert widget.text() == "M001 — 户主M001 黄羊镇新村"
    widget.set_filters()  # no narrowing: the choice stays
    assert widget.record_id() == member
    widget.set_excluded({member})
    widget.set_filters()
    assert widget.record_id() is None
    assert widget.text() == ""


def test_choosing_from_the_list(qtbot: QtBot, coop: Database) -> None:
    make_member(coop, "M001", name="王建国")
    second = make_member(coop, "M002", name="王淑珍")
    widget = picker(qtbot, coop)
    qtbot.keyClicks(widget, "M00")
    results = widget.search_now()
    assert len(results) == 2
    widget._completer.activated.emit(results[1].text)
    assert widget.record_id() == second
    assert widget.text() == "M002 — 王淑珍 黄羊镇新村"
