"""Forms that create and edit records, validating as the user types.

``FORMS`` maps a list kind to the function that builds its dialog: ``factory(context, row,
parent)`` with ``row`` None for a new record, else the list row to edit. A dialog calls the
services itself and is accepted only when the record was saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from coop_desktop.gui.context import AppContext
from coop_desktop.services.permissions import Permission

FormFactory = Callable[[AppContext, dict[str, Any] | None, QWidget], QDialog]

FORMS: dict[str, FormFactory] = {}
#: The permission a kind's form needs; the list disables New and Edit without it.
FORM_PERMISSIONS: dict[str, Permission] = {}


def register(kind: str, permission: Permission) -> Callable[[FormFactory], FormFactory]:
    def add(factory: FormFactory) -> FormFactory:
        FORMS[kind] = factory
        FORM_PERMISSIONS[kind] = permission
        return factory
    return add


@dataclass(frozen=True)
class RecordAction:
    """Something done to the selected record of a list (record a harvest on a batch, release
    a lot…): a title marked for translation in context "Actions", the permission it needs,
    and the dialog that does it (accepted when it saved)."""

    title: str
    permission: Permission
    factory: FormFactory
    needs_record: bool = True
    order: int = 100


#: Per list kind, the actions its "Actions" menu offers, by ``order`` (the order of the
#: record's life), whatever order their modules were imported in.
ACTIONS: dict[str, list[RecordAction]] = {}


def action(kind: str, title: str, permission: Permission, *, needs_record: bool = True,
           order: int = 100) -> Callable[[FormFactory], FormFactory]:
    def add(factory: FormFactory) -> FormFactory:
        entries = ACTIONS.setdefault(kind, [])
        if all(entry.title != title for entry in entries):
            entries.append(RecordAction(title, permission, factory, needs_record, order))
            entries.sort(key=lambda entry: entry.order)
        return factory
    return add


def load_all() -> None:
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
