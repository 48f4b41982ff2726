"""Sentences under fields: the services' own wording, naming the field as the form labels it;
the red border is the ``invalid`` property; Save waits for every field."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from coop_desktop.domain import i18n
from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.id_numbers import normalize_id_number
from coop_desktop.gui.widgets.validation import Checker, Invalid, error_label, sentence
from coop_desktop.services.work import required_text


def test_sentence_uses_the_label_and_the_services_template() -> None:
    error = ValidationError("date.order", field="harvested_on", value="2025-01-01",
                            other_field="planted_on", other="2025-03-01")
    assert str(error) == "harvested_on 2025-01-01 is before planted_on 2025-03-01."
    assert sentence(error, {"harvested_on": "Harvested on", "planted_on": "Planted on"}) == (
        "Harvested on 2025-01-01 is before Planted on 2025-03-01.")
    i18n.set_language("zh")
    try:
        assert sentence(ValidationError("value.required", field="name"), {"name": "户主姓名"}) == (
            "户主姓名 为必填项。")
    finally:
        i18n.set_language("en")


def build(qtbot: QtBot) -> tuple[QWidget, Checker, QLineEdit, QLineEdit, QLabel]:
    root = QWidget()
    qtbot.addWidget(root)
    message, pending = QLabel(root), QLabel(root)
    checker = Checker(root, message, pending)
    name, id_number = QLineEdit(root), QLineEdit(root)
    checker.add("name", "Name:", name, error_label(root, "name"),
                lambda: required_text(name.text(), "name"))
    id_error = error_label(root, "id_number")
    checker.add("id_number", "ID &number", id_number, id_error,
                lambda: normalize_id_number(id_number.text()) if id_number.text() else None)
    return root, checker, name, id_number, id_error


def test_untouched_fields_are_listed_not_marked(qtbot: QtBot) -> None:
    _root, checker, name, _id_number, _error = build(qtbot)
    states: list[bool] = []
    checker.validity_changed.connect(states.append)
    assert not checker.run()
    assert checker.pending.text() == "Still needed: Name"
    assert name.property("invalid") in (None, False)
    name.setText("王建国")
    assert checker.errors() == {}
    assert not checker.pending.isVisibleTo(checker.root)
    assert states == [False, True]


def test_a_wrong_field_is_marked_with_its_sentence(qtbot: QtBot) -> None:
    root, _checker, _name, id_number, id_error = build(qtbot)
    id_number.setText("11010519491231002")
    assert id_number.property("invalid") is True
    assert id_error.text() == (
        "ID number '11010519491231002' must have 17 digits followed by a digit or X.")
    assert id_error.isVisibleTo(root)
    id_number.setText("")
    assert id_number.property("invalid") is False
    assert not id_error.isVisibleTo(root)


def test_refusals_go_under_their_field_or_to_the_message(qtbot: QtBot) -> None:
    root, checker, name, _id_number, _error = build(qtbot)
    name.setText("王建国")
    checker.show_refusal(ValidationError("duplicate", field="name", entity="member",
                                         value="王建国"))
    assert checker.error_of("name") == "member with Name '王建国' already exists."
    assert not checker.run()
    name.setText("王建国 ")  # any change: the service will judge again
    assert checker.run()
    checker.show_refusal(ValidationError("lot.no_sources"))
    assert checker.message.text() == (
        "A lot needs at least one source (harvest, delivery, animal or parent lot).")
    assert checker.message.isVisibleTo(root)


def test_a_check_may_speak_for_itself(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    checker = Checker(root, QLabel(root), QLabel(root))
    field = QLineEdit(root)

    def check() -> None:
        raise Invalid("Pick one from the list.")

    checker.add("member_id", "Member", field, error_label(root, "member_id"), check)
    checker.run(show_all=True)
    assert checker.error_of("member_id") == "Pick one from the list."
    field.setEnabled(False)  # a field switched off is not checked
    assert checker.run()
