"""Verifying the audit chain from the Audit page, as an auditor."""

from __future__ import annotations

import sqlite3

from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import Role
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms.audit_check import AuditCheckDialog
from coop_desktop.gui.pages.list_page import ListPage
from coop_desktop.gui.pages.specs import LIST_SPECS
from coop_desktop.services.permissions import Actor
from coop_desktop.storage.database import Database
from coop_desktop.storage.engine import sqlite_file
from tests.services.builders import make_member

AUDITOR = Actor("auditor1", Role.AUDITOR)


def test_an_intact_chain(qtbot: QtBot, coop: Database) -> None:
    make_member(coop, "M001")
    page = ListPage(AppContext(coop, AUDITOR), LIST_SPECS["audit"])
    qtbot.addWidget(page)
    assert page.record_actions["Verify the audit chain"].isEnabled()
    dialog = AuditCheckDialog(AppContext(coop, AUDITOR), page)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.report is not None and dialog.report.ok
    assert dialog.verdict.text().startswith("The audit chain is intact: 2 entries")


def test_a_changed_member_is_named(qtbot: QtBot, coop: Database) -> None:
    make_member(coop, "M001")
    file = sqlite_file(coop.url)
    if file is not None:
        coop.dispose()
        with sqlite3.connect(file) as connection:
            connection.execute("UPDATE members SET name = '假名' WHERE code = 'M001'")
    else:
        with coop.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE members SET name = '假名' WHERE code = 'M001'")
    dialog = AuditCheckDialog(AppContext(coop, AUDITOR))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.report is not None and not dialog.report.ok
    assert "members M001" in dialog.problems.toPlainText()
    assert "1 problem" in dialog.verdict.text()
