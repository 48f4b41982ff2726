"""Qt Designer forms from the ``ui`` folder, loaded at run time.

Why loaded, not compiled with pyside6-uic: the ``.ui`` files already travel with the program
(``paths.ui_dir()`` finds them in a checkout, a wheel and the frozen build), so a designer can
change a form in Qt Designer without a developer regenerating code; there is no generated
Python to keep in step, to exclude from ruff and mypy, or to review. The price is that widget
names are checked at run time: ``child`` names the missing widget, and a test loads every form.
Our own widgets (date, quantity, closed-list and record fields) are Designer "promoted"
widgets registered here.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from coop_desktop import paths
from coop_desktop.gui.widgets.choice_combo import EnumCombo
from coop_desktop.gui.widgets.date_field import DateField, OptionalDateField
from coop_desktop.gui.widgets.quantity_field import QuantityField
from coop_desktop.gui.widgets.record_picker import RecordPicker

W = TypeVar("W", bound=QWidget)

#: The promoted widgets a ``.ui`` file may use (class name as in the file's <customwidgets>).
CUSTOM_WIDGETS: tuple[type[QWidget], ...] = (DateField, OptionalDateField, QuantityField,
                                             EnumCombo, RecordPicker)


def load_ui(name: str, parent: QWidget) -> QWidget:
    """The form in ``ui/<name>``, built as a child of ``parent``; its texts are translated in
    the context of the form's class name, as lupdate extracts them."""
    path = paths.ui_dir() / name
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"the form {path} cannot be read")
    loader = QUiLoader()
    for widget_class in CUSTOM_WIDGETS:
        loader.registerCustomWidget(widget_class)
    try:
        widget = loader.load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"the form {path} is broken: {loader.errorString()}")
    return widget


def child(root: QWidget, kind: type[W], name: str) -> W:
    """The widget ``name`` of a loaded form, of the type the code expects."""
    found = root.findChild(kind, name)
    if found is None:
        raise LookupError(f"the form {root.objectName()!r} has no {kind.__name__} {name!r}")
    return found
