"""Logging in through the dialog, with real users and argon2 hashes."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import Role
from coop_desktop.gui.login import LoginDialog
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.users import add_user
from coop_desktop.storage.database import Database


def test_login_right_and_wrong(qtbot: QtBot, coop: Database) -> None:
    add_user(coop, SYSTEM, username="packer1", role=Role.PACKER, password="crates-all-day")
    dialog = LoginDialog(coop)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "packer1")
    qtbot.keyClicks(dialog.password, "wrong-password")
    dialog.try_login()
    assert dialog.actor is None and dialog.error.text() == "Wrong user name or password."
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "crates-all-day")
    dialog.try_login()
    assert dialog.actor is not None and dialog.actor.role == Role.PACKER
    assert dialog.result() == LoginDialog.DialogCode.Accepted
