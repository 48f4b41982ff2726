"""Two clerks on two PCs edit the same record: the first to save wins; the second is told in a
sentence, their dialog stays open with what they typed, and nothing is overwritten (the
optimistic version check, on SQLite and on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from coop_desktop.domain.errors import ConflictError
from coop_desktop.domain.models import Role
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms.members import MemberForm
from coop_desktop.gui.forms.products import ProductForm
from coop_desktop.services.choices import record_fields
from coop_desktop.services.members import edit_member
from coop_desktop.services.permissions import Actor
from coop_desktop.storage.database import Database
from tests.services.builders import audit_ok, make_member, make_product


@pytest.fixture
def other_pc(clerk: AppContext) -> Iterator[AppContext]:
    """A second clerk on another PC: their own connection to the same database."""
    database = Database.open(clerk.database.url)
    yield AppContext(database, Actor("clerk-2", Role.CLERK))
    database.dispose()


def test_the_second_member_form_to_save_is_told_and_overwrites_nothing(
        qtbot: QtBot, clerk: AppContext, other_pc: AppContext) -> None:
    member_id = make_member(clerk.database, "M0001", name="张三", phone="13800000001")
    first, second = MemberForm(clerk, member_id), MemberForm(other_pc, member_id)
    for dialog in (first, second):
        qtbot.addWidget(dialog)
    first.name.setText("张三丰")
    second.phone.setText("13900000002")

    assert first.save()
    assert not second.save()

    assert second.result() != second.DialogCode.Accepted  # it stays open
    assert second.message.isVisibleTo(second)
    assert second.message.text() == (
        "members M0001 was changed by someone else since you opened it; reopen it to see "
        "their change, then edit again. Nothing was overwritten.")
    assert second.phone.text() == "13900000002"  # what they typed is still there
    fields = record_fields(clerk.database, clerk.actor, "members", member_id)
    assert (fields["name"], fields["phone"], fields["version"]) == (
        "张三丰", "13800000001", 2)
    assert audit_ok(clerk.database)

    reopened = MemberForm(other_pc, member_id)  # reopening shows the change, then saves
    qtbot.addWidget(reopened)
    assert reopened.name.text() == "张三丰"
    reopened.phone.setText("13900000002")
    assert reopened.save()
    fields = record_fields(clerk.database, clerk.actor, "members", member_id)
    assert (fields["name"], fields["phone"], fields["version"]) == (
        "张三丰", "13900000002", 3)


def test_the_same_for_a_product(qtbot: QtBot, manager: AppContext) -> None:
    product_id = make_product(manager.database, "MELON", "白兰瓜")
    other = Database.open(manager.database.url)
    try:
        second_manager = AppContext(other, Actor("manager-2", Role.MANAGER))
        first, second = ProductForm(manager, product_id), ProductForm(second_manager,
                                                                       product_id)
        for dialog in (first, second):
            qtbot.addWidget(dialog)
        first.name_en.setText("Honeydew")
        second.name_en.setText("Bailan melon")
        assert first.save()
        assert not second.save()
        assert "changed by someone else" in second.message.text()
        fields = record_fields(manager.database, manager.actor, "products", product_id)
        assert fields["name_en"] == "Honeydew"
    finally:
        other.dispose()


def test_the_service_refuses_a_stale_version(clerk: AppContext) -> None:
    member_id = make_member(clerk.database, "M0002", name="李四")
    edit_member(clerk.database, clerk.actor, member_id, 1, name="李四光")
    with pytest.raises(ConflictError) as refused:
        edit_member(clerk.database, clerk.actor, member_id, 1, name="李斯")
    assert refused.value.code == "conflict.version"
    fields = record_fields(clerk.database, clerk.actor, "members", member_id)
    assert (fields["name"], fields["version"]) == ("李四光", 2)
