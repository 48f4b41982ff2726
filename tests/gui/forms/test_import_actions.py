"""The action "Import from a spreadsheet…" in the Actions menu of the members, plots and
animals lists: the permission of each register service, no record needed, and the list showing
the imported records once the dialog is accepted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import Role
from coop_desktop.gui import forms
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.dialogs.import_dialog import ImportDialog
from coop_desktop.gui.forms import ACTIONS
from coop_desktop.gui.pages.list_page import ListPage
from coop_desktop.gui.pages.specs import LIST_SPECS
from coop_desktop.services.imports import ImportKind
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.storage.database import Database
from tests.services.builders import audit_ok, make_member
from tests.services.test_imports import MEMBER_HEADERS, member_rows, write_xlsx

TITLE = "Import from a spreadsheet…"
DATA = Path(__file__).resolve().parents[2] / "data" / "imports"
WAIT_MS = 20_000


@pytest.fixture(autouse=True)
def _actions() -> None:
    forms.load_all()


def import_action(kind: str) -> Any:
    found = [entry for entry in ACTIONS[kind] if entry.title == TITLE]
    assert len(found) == 1, ACTIONS[kind]
    return found[0]


@pytest.mark.parametrize(("kind", "permission"), [
    ("members", Permission.MANAGE_MEMBERS), ("plots", Permission.MANAGE_PRODUCTION),
    ("animals", Permission.MANAGE_LIVESTOCK)])
def test_each_list_offers_the_import_with_its_register_permission(
        kind: str, permission: Permission) -> None:
    entry = import_action(kind)
    assert entry.permission == permission
    assert not entry.needs_record


@pytest.mark.parametrize(("role", "allowed"), [
    (Role.CLERK, True), (Role.MANAGER, True), (Role.PACKER, False), (Role.AUDITOR, False)])
def test_the_menu_entry_follows_the_role(qtbot: QtBot, coop: Database, role: Role,
                                         allowed: bool) -> None:
    page = ListPage(AppContext(coop, Actor(role.value, role)), LIST_SPECS["animals"])
    qtbot.addWidget(page)
    assert page.record_actions[TITLE].isEnabled() is allowed


def test_the_factory_makes_a_dialog_of_its_kind(qtbot: QtBot, clerk: AppContext) -> None:
    for kind in ("members", "plots", "animals"):
        dialog = import_action(kind).factory(clerk, None, None)
        qtbot.addWidget(dialog)
        assert isinstance(dialog, ImportDialog)
        assert dialog.kind == ImportKind(kind)
        assert dialog.choose_at_start


def drive(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, path: Path) -> list[ImportDialog]:
    """Answer the file dialog with ``path``; instead of a modal exec(), show the import
    dialog, wait for its preview, press Import and wait until it is accepted."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(path), "")))
    seen: list[ImportDialog] = []

    def run(dialog: ImportDialog) -> int:
        seen.append(dialog)
        with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
            dialog.show()  # the file dialog opens at once, and the file is read
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
            dialog.import_button.click()
        return dialog.result()

    monkeypatch.setattr(ImportDialog, "exec", run)
    return seen


def shown_codes(page: ListPage, field: str = "code") -> list[str]:
    return [page.model.row_at(row)[field] for row in range(page.model.rowCount())]


def test_members_imported_through_the_list(qtbot: QtBot, clerk: AppContext, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    rows = member_rows(4)
    rows[2][8] = "2023-02-29"
    path = write_xlsx(tmp_path / "社员.xlsx", [MEMBER_HEADERS, *rows])
    page = ListPage(clerk, LIST_SPECS["members"])
    qtbot.addWidget(page)
    assert shown_codes(page) == []
    seen = drive(qtbot, monkeypatch, path)
    assert page.run_action(import_action("members")) is True
    assert [row.number for row in seen[0].table.rows] == [2, 3, 4, 5]  # type: ignore[union-attr]
    assert shown_codes(page) == ["M001", "M002", "M004"]  # the list refreshed
    assert audit_ok(clerk.database)


def test_animals_imported_through_the_list_keep_their_ear_tags(
        qtbot: QtBot, clerk: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    make_member(clerk.database, "LZ001")
    page = ListPage(clerk, LIST_SPECS["animals"])
    qtbot.addWidget(page)
    seen = drive(qtbot, monkeypatch, DATA / "animals_utf8_bom_semicolon.csv")
    assert page.run_action(import_action("animals")) is True
    dialog = seen[0]
    tags = dialog.rows.column_texts(0)
    assert tags == ["162062200000101", "162062200000102", "162062200000103"]  # not masked
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert shown_codes(page, "ear_tag") == tags
    assert audit_ok(clerk.database)
