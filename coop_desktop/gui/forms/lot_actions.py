"""The Actions menu of the Lots list, in the order of a lot's life: test, release or hold,
split, and a new lot from harvests and deliveries (no lot need be selected for that)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import action
from coop_desktop.gui.forms.lot_new import NewLotForm
from coop_desktop.gui.forms.lot_split import SplitForm
from coop_desktop.gui.forms.lot_status import HoldForm, ReleaseForm
from coop_desktop.gui.forms.quality_result import QualityResultForm
from coop_desktop.gui.i18n import QT_TRANSLATE_NOOP
from coop_desktop.services.permissions import Permission

Row = dict[str, Any] | None


def _lot_id(row: Row) -> int:
    assert row is not None, "the list passes the selected lot"
    return int(row["id"])


@action("lots", QT_TRANSLATE_NOOP("Actions", "Record quality result"), Permission.RECORD_QUALITY,
        order=10)
def record_quality_result(context: AppContext, row: Row, parent: QWidget) -> QDialog:
    return QualityResultForm(context, _lot_id(row), parent)


@action("lots", QT_TRANSLATE_NOOP("Actions", "Release"), Permission.RELEASE_LOTS, order=20)
def release(context: AppContext, row: Row, parent: QWidget) -> QDialog:
    return ReleaseForm(context, _lot_id(row), parent)


@action("lots", QT_TRANSLATE_NOOP("Actions", "Hold"), Permission.RELEASE_LOTS, order=30)
def hold(context: AppContext, row: Row, parent: QWidget) -> QDialog:
    return HoldForm(context, _lot_id(row), parent)


@action("lots", QT_TRANSLATE_NOOP("Actions", "Split"), Permission.MANAGE_LOTS, order=40)
def split(context: AppContext, row: Row, parent: QWidget) -> QDialog:
    return SplitForm(context, _lot_id(row), parent)


@action("lots", QT_TRANSLATE_NOOP("Actions", "New lot from harvests/deliveries"),
        Permission.MANAGE_LOTS, needs_record=False, order=50)
def new_lot(context: AppContext, row: Row, parent: QWidget) -> QDialog:
    return NewLotForm(context, parent)
