"""The layers go one way: domain and services (and storage, reports, devices) import no Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "coop_desktop"
QT_FREE = ("domain", "services", "storage", "reports", "devices", "labels")


def _imports(file: Path) -> set[str]:
    tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", QT_FREE)
def test_layer_imports_no_qt(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no modules found in {layer}"
    offenders = {
        str(file.relative_to(PACKAGE)): sorted(
            name for name in _imports(file)
            if name.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph")
            or name.startswith("coop_desktop.gui"))
        for file in files
    }
    assert {file: names for file, names in offenders.items() if names} == {}


def test_check_would_catch_a_qt_import(tmp_path: Path) -> None:
    """The checker itself sees both import forms."""
    module = tmp_path / "m.py"
    module.write_text("import PySide6.QtCore\nfrom PySide6.QtWidgets import QWidget\n")
    assert _imports(module) == {"PySide6.QtCore", "PySide6.QtWidgets"}


def test_only_gui_imports_qtwidgets() -> None:
    offenders = [str(file.relative_to(PACKAGE)) for file in PACKAGE.rglob("*.py")
                 if "gui" not in file.relative_to(PACKAGE).parts
                 and any(name.startswith("PySide6.QtWidgets") for name in _imports(file))]
    assert offenders == []
