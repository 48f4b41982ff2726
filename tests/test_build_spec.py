"""build.spec carries every data folder the program reads, paths.py finds them in a frozen
layout, and the icon the executables get is there (the build itself runs in CI: .ci/run)."""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

import pytest
from PIL import Image

from coop_desktop import paths

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build.spec"


def _spec_assignment(name: str) -> ast.expr:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == name for target in node.targets):
            return node.value
    raise AssertionError(f"build.spec assigns no {name}")


def _strings(node: ast.expr) -> list[str]:
    assert isinstance(node, ast.Tuple | ast.List)
    return [element.value for element in node.elts
            if isinstance(element, ast.Constant) and isinstance(element.value, str)]


def test_the_spec_carries_every_data_folder_the_program_reads() -> None:
    folders = _strings(_spec_assignment("DATA_FOLDERS"))
    assert sorted(folders) == sorted(paths._BUNDLED_FOLDERS)
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert sorted(wheel) == sorted(folders)  # the wheel and the build ship the same folders


def test_the_spec_names_what_is_loaded_by_name() -> None:
    source = SPEC.read_text(encoding="utf-8")
    hidden = set(_strings(_spec_assignment("hiddenimports")))
    for module in ("_rl_accel", "zxingcpp", "sqlalchemy.dialects.postgresql.psycopg",
                   "sqlalchemy.dialects.sqlite.pysqlite", "psycopg_binary", "logging.config",
                   "encodings.gbk", "jsonschema", "fontTools"):
        assert module in hidden, module
    for package in ("alembic", "coop_desktop", "reportlab.graphics.barcode", "pikepdf"):
        assert f'collect_submodules("{package}"' in source, package
    excluded = set(_strings(_spec_assignment("excludes")))
    assert {"PyQt5", "PyQt6", "tkinter", "pytest"} <= excluded
    assert not excluded & hidden


@pytest.mark.parametrize("name", ["ui", "resources", "db", "devices"])
def test_a_frozen_build_finds_its_folders_at_the_bundle_root(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "_internal"
    for folder in ("ui", "resources", "db", "devices"):
        (bundle / folder).mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert paths.bundled_dir(name) == bundle / name  # before the checkout beside the package


def test_the_icon_has_every_size_windows_asks_for() -> None:
    with Image.open(ROOT / "resources" / "icons" / "coop-desktop.ico") as icon:
        sizes = icon.info["sizes"]
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
    with Image.open(ROOT / "resources" / "icons" / "coop-desktop.png") as image:
        assert image.size == (256, 256)
        assert image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0  # the rounded corner is transparent
        red, green, blue, _ = image.getpixel((40, 128))
        assert green > red and green > blue  # a green square
