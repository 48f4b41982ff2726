"""Detail panes: the story of the record selected in a list.

A pane is a QWidget with ``show_record(row)``; ``DETAIL_PANES`` maps a list kind to the
function that builds its pane. A list without a pane shows none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from coop_desktop.gui.context import AppContext


class DetailPane(Protocol):
    def show_record(self, row: dict[str, Any]) -> None: ...


PaneFactory = Callable[[AppContext, QWidget], QWidget]

#: Filled by the modules in this package (see ``register``).
DETAIL_PANES: dict[str, PaneFactory] = {}


def register(kind: str) -> Callable[[PaneFactory], PaneFactory]:
    def add(factory: PaneFactory) -> PaneFactory:
        DETAIL_PANES[kind] = factory
        return factory
    return add


def load_all() -> None:
    """Import the pane modules so that they register themselves."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
