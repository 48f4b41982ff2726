"""The action "Import from a spreadsheet…" in the Actions menu of the members, plots and
animals lists, each needing the permission its register service needs. No record need be
selected; the list refreshes when the dialog is accepted (the rows were written)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from coop_desktop.gui.context import AppContext
from coop_desktop.gui.dialogs.import_dialog import ImportDialog
from coop_desktop.gui.forms import action
from coop_desktop.gui.i18n import QT_TRANSLATE_NOOP
from coop_desktop.services.imports import ImportKind
from coop_desktop.services.permissions import Permission

Row = dict[str, Any] | None
TITLE = QT_TRANSLATE_NOOP("Actions", "Import from a spreadsheet…")


@action("members", TITLE, Permission.MANAGE_MEMBERS, needs_record=False)
def import_members(context: AppContext, row: Row, parent: QWidget) -> QDialog:
    return ImportDialog(context, ImportKind.MEMBERS, parent, choose_at_start=True)


@action("plots", TITLE, Permission.MANAGE_PRODUCTION, needs_record=False)
def import_plots(context: AppContext, row: Row, parent: QWidget) -> QDialog:
    return ImportDialog(context, ImportKind.PLOTS, parent, choose_at_start=True)


@action("animals", TITLE, Permission.MANAGE_LIVESTOCK, needs_record=False)
def import_animals(context: AppContext, row: Row, parent: QWidget) -> QDialog:
    return ImportDialog(context, ImportKind.ANIMALS, parent, choose_at_start=True)
