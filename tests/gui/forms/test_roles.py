"""What a role may not do is disabled in the lists: New, Edit and the record actions."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import Role
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import ACTIONS, FORMS, load_all
from coop_desktop.gui.pages.list_page import ListPage
from coop_desktop.gui.pages.specs import LIST_SPECS
from coop_desktop.services.permissions import Actor
from coop_desktop.storage.database import Database

KINDS_WITH_FORMS = ("members", "plots", "batches", "animals", "deliveries", "certifications",
                    "shipments")


def page(qtbot: QtBot, db: Database, role: Role, kind: str) -> ListPage:
    load_all()
    shown = ListPage(AppContext(db, Actor(role.value, role)), LIST_SPECS[kind])
    qtbot.addWidget(shown)
    return shown


def test_every_list_with_a_form_has_one_registered() -> None:
    load_all()
    assert set(KINDS_WITH_FORMS) <= set(FORMS)
    assert [action.title for action in ACTIONS["lots"]] == [
        "Record quality result", "Release", "Hold", "Split",
        "New lot from harvests/deliveries", "Print labels…", "Pack and weigh crates"]
    assert [action.title for action in ACTIONS["batches"]] == [
        "Record field activity", "Record harvest"]
    assert [action.title for action in ACTIONS["animals"]] == [
        "Record event", "Weighing session", "Import from a spreadsheet…"]


@pytest.mark.parametrize("kind", [*KINDS_WITH_FORMS, "lots"])
def test_the_auditor_may_change_nothing(qtbot: QtBot, coop: Database, kind: str) -> None:
    shown = page(qtbot, coop, Role.AUDITOR, kind)
    if kind in FORMS:
        assert not shown.new_button.isEnabled()
        assert not shown.edit_button.isEnabled()
        assert shown.new_button.toolTip() == "Your role may not change these records."
    assert all(not entry.isEnabled() for entry in shown.record_actions.values())


def test_a_clerk_records_production_but_releases_no_lot(qtbot: QtBot, coop: Database) -> None:
    batches = page(qtbot, coop, Role.CLERK, "batches")
    assert batches.new_button.isEnabled()
    assert all(entry.isEnabled() for entry in batches.record_actions.values())
    lots = page(qtbot, coop, Role.CLERK, "lots")
    allowed = {title: entry.isEnabled() for title, entry in lots.record_actions.items()}
    assert allowed == {"Record quality result": False, "Release": False, "Hold": False,
                       "Split": True, "New lot from harvests/deliveries": True,
                       "Print labels…": False, "Pack and weigh crates": False}


def test_the_quality_officer_tests_and_releases(qtbot: QtBot, coop: Database) -> None:
    lots = page(qtbot, coop, Role.QUALITY_OFFICER, "lots")
    allowed = {title: entry.isEnabled() for title, entry in lots.record_actions.items()}
    printing = {"Print labels…", "Pack and weigh crates"}  # the packer's work
    assert all(enabled for title, enabled in allowed.items() if title not in printing)
    assert not any(allowed[title] for title in printing)
    members = page(qtbot, coop, Role.QUALITY_OFFICER, "members")
    assert not members.new_button.isEnabled()
