"""The PC's settings declared once: types and defaults, read back through a real QSettings file,
hand-edited nonsense falling back to the default, and the modules using the declarations."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from coop_desktop import settings
from coop_desktop.gui import translation
from coop_desktop.gui.devices import sensor_settings
from coop_desktop.gui.devices.settings import (
    PACKING_SCALE,
    ROLES,
    Assignment,
    load_assignment,
    save_assignment,
)
from coop_desktop.gui.forms import packing
from coop_desktop.gui.printing.profiles import (
    PrinterKind,
    PrinterProfile,
    load_profiles,
    save_profile,
)

PACKAGE = Path(settings.__file__).resolve().parent


@pytest.fixture
def ini(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "pc.ini"), QSettings.Format.IniFormat)


def reopened(store: QSettings) -> QSettings:
    store.sync()
    return QSettings(store.fileName(), QSettings.Format.IniFormat)


def test_every_setting_is_declared_with_a_key_a_typed_default_and_a_description() -> None:
    declared = settings.declared()
    assert len(declared) >= 15
    keys = [setting.key for setting in declared]
    assert len(keys) == len(set(keys)), "a key declared twice"
    for setting in declared:
        assert re.fullmatch(r"[a-z_]+(/(\{[a-z]+\}|[a-z_]+))*", setting.key), setting.key
        assert isinstance(setting.default, setting.kind), setting.key
        assert len(setting.description) > 20, setting.key


@pytest.mark.parametrize(("setting", "value"), [
    (settings.LANGUAGE, "zh_CN"),
    (settings.PRINTER_DPI.at(printer="shed"), 300),
    (settings.PRINTER_GAP_MM.at(printer="shed"), 2.5),
    (settings.CRATE_TYPES, ("塑料筐=1.2",)),
    (settings.CRATE_TYPES, ("塑料筐=1.2", "纸箱=0.4")),
    (settings.CRATE_TYPES, ()),
    (settings.SENSOR_BUS_PORT, "tcp://192.168.1.20:8899"),
])
def test_a_value_comes_back_from_the_settings_file_with_its_type(
        ini: QSettings, setting: settings.Setting[Any], value: Any) -> None:
    assert setting.get(ini) == setting.default
    setting.set(ini, value)
    back = setting.get(reopened(ini))
    assert back == value
    assert type(back) is setting.kind


@pytest.mark.parametrize(("setting", "written"), [
    (settings.PRINTER_DPI.at(printer="p"), "lots"),
    (settings.PRINTER_DPI.at(printer="p"), "inf"),
    (settings.PRINTER_GAP_MM.at(printer="p"), "nan"),
    (settings.PRINTER_GAP_MM.at(printer="p"), "2,5mm"),
])
def test_a_hand_edited_value_that_cannot_be_read_gives_the_default(
        tmp_path: Path, setting: settings.Setting[Any], written: str) -> None:
    file = tmp_path / "edited.ini"
    group, _, name = setting.key.partition("/")
    file.write_text(f"[{group}]\n{name}={written}\n", encoding="utf-8")
    store = QSettings(str(file), QSettings.Format.IniFormat)
    assert setting.is_set(store)
    assert setting.get(store) == setting.default


def test_a_family_of_settings_needs_its_names_and_a_value_must_have_the_declared_type(
        ini: QSettings) -> None:
    with pytest.raises(ValueError, match="placeholders"):
        settings.PRINTER_DPI.get(ini)
    with pytest.raises(TypeError):
        settings.PRINTER_DPI.at(printer="p").set(ini, "203")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        settings.PRINTER_DPI.at(printer="p").set(ini, True)
    assert settings.group_key(settings.DEVICE_PORT, role="eid_reader") == "devices/eid_reader"


def test_a_dict_can_stand_in_for_qsettings() -> None:
    class DictStore(dict[str, Any]):
        def value(self, key: str, defaultValue: Any = None) -> Any:  # noqa: N803
            return self.get(key, defaultValue)

        def setValue(self, key: str, value: Any) -> None:
            self[key] = value

        def remove(self, key: str) -> None:
            self.pop(key, None)

        def contains(self, key: str) -> bool:
            return key in self

        def sync(self) -> None:
            pass

    store = DictStore()
    settings.WINDOW_PAGE.set(store, "lots")
    assert settings.WINDOW_PAGE.get(store) == "lots"
    settings.WINDOW_PAGE.forget(store)
    assert settings.WINDOW_PAGE.get(store) == "home"


def test_the_settings_module_imports_no_qt() -> None:
    tree = ast.parse(Path(settings.__file__).read_text(encoding="utf-8"))
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names]
    imported += [node.module or "" for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom)]
    assert not [name for name in imported if name.startswith("PySide6")]


def test_the_modules_keep_their_keys_and_defaults_in_the_declarations(ini: QSettings) -> None:
    assert settings.LANGUAGE.key == translation.LANGUAGE_KEY
    assert settings.SENSOR_BUS_PORT.key == sensor_settings.BUS_PORT_KEY
    assert settings.CRATE_TYPES.key == packing.CRATE_TYPES_KEY
    assert settings.CRATE_TYPE.key == packing.CRATE_TYPE_KEY
    assert PrinterProfile("x").kind.value == settings.PRINTER_KIND.default
    assert PrinterProfile("x").dpi == settings.PRINTER_DPI.default
    assert PrinterProfile("x").template == settings.PRINTER_TEMPLATE.default
    assert set(ROLES) <= {"packing_scale", "livestock_scale", "eid_reader"}

    # what the modules write is what the declarations read, and the other way round
    save_assignment(PACKING_SCALE, Assignment("yaohua-xk3190-a9", "COM3"), ini)
    assert settings.DEVICE_PORT.at(role=PACKING_SCALE).get(reopened(ini)) == "COM3"
    save_profile(PrinterProfile("棚里", kind=PrinterKind.ZPL, dpi=300, gap_mm=3.0), ini)
    assert settings.PRINTER_DPI.at(printer="棚里").get(reopened(ini)) == 300
    settings.PRINTER_SPEED.at(printer="棚里").set(ini, 6)
    [profile] = load_profiles(reopened(ini))
    assert (profile.kind, profile.dpi, profile.speed, profile.gap_mm) == (
        PrinterKind.ZPL, 300, 6, 3.0)
    settings.CRATE_TYPES.set(ini, ("筐=1.5", "broken", "纸箱=x"))
    assert packing.crate_types(reopened(ini)) == [("筐", Decimal("1.5"))]
    settings.SENSOR_BUS_PORT.set(ini, " COM7 ")
    assert sensor_settings.load_bus_port(reopened(ini)) == "COM7"
    settings.LANGUAGE.set(ini, "zh_CN")
    assert translation.stored_language(reopened(ini)) == "zh_CN"
    save_assignment(PACKING_SCALE, None, ini)
    assert load_assignment(PACKING_SCALE, reopened(ini)) is None


def test_every_literal_settings_key_in_the_program_is_declared() -> None:
    """A key written as a string in a ``value("…")``/``setValue("…")`` call must be declared."""
    declared = {setting.key for setting in settings.declared()}
    literal = re.compile(r"""\.(?:value|setValue)\(\s*["']([a-z_/]+)["']""")
    undeclared = {
        (str(file.relative_to(PACKAGE)), key)
        for file in PACKAGE.rglob("*.py")
        for key in literal.findall(file.read_text(encoding="utf-8"))
        if key not in declared}
    assert not undeclared
