"""The translation files in resources/translations/: every string of the code is in them and
translated into Chinese, placeholders survive translation, English reads its plural forms, and
the committed .qm files are what scripts/translations.py builds from the .ts files."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "translations.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("coop_translations_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


tr = _load_script()
HINT = f"To fix: {tr.UPDATE_HINT}."


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[Any]]:
    """What lupdate finds in the code now, per language file (lupdate runs once each)."""
    return {language: tr.source_strings(language) for language in tr.LANGUAGES}


def _committed(language: str) -> dict[tuple[str, str, str], Any]:
    return {message.key: message for message in tr.read_ts(tr.ts_file(language))}


def test_both_languages_ship_a_source_and_a_built_file() -> None:
    for language in ("zh_CN", "en"):
        assert tr.ts_file(language).is_file(), HINT
        assert tr.qm_file(language).is_file(), HINT


@pytest.mark.parametrize("language", tr.LANGUAGES)
def test_every_string_in_the_code_is_in_the_ts_file(language: str,
                                                    extracted: dict[str, list[Any]]) -> None:
    committed = _committed(language)
    missing = [message.describe() for message in extracted[language]
               if message.key not in committed]
    assert not missing, (
        f"{len(missing)} string(s) of the code are missing from "
        f"{tr.ts_file(language).name}:\n  " + "\n  ".join(missing) + f"\n{HINT}")


@pytest.mark.parametrize("language", tr.LANGUAGES)
def test_every_string_in_use_is_translated(language: str,
                                           extracted: dict[str, list[Any]]) -> None:
    committed = _committed(language)
    waiting = []
    for wanted in extracted[language]:
        have = committed.get(wanted.key)
        if have is not None and not have.done:
            waiting.append(f"{wanted.describe()}: {have.state}")
    assert not waiting, (
        f"{len(waiting)} string(s) without a translation in {tr.ts_file(language).name}:\n  "
        + "\n  ".join(waiting) + f"\n{HINT}")


def test_chinese_has_no_unfinished_entry() -> None:
    unfinished = [message.describe() for message in tr.read_ts(tr.ts_file("zh_CN"))
                  if message.used and not message.done]
    assert not unfinished, "\n".join(unfinished) + f"\n{HINT}"


def test_chinese_has_one_plural_form_and_english_two() -> None:
    for language, forms in (("zh_CN", 1), ("en", 2)):
        plurals = [message for message in tr.read_ts(tr.ts_file(language)) if message.numerus]
        assert plurals, "the lists count their matches with %n"
        assert all(len(message.translations) == forms for message in plurals), language


def test_translations_keep_their_placeholders() -> None:
    broken = [problem for problem in tr.problems(with_qm=False) if "placeholders" in problem]
    assert not broken, "\n".join(broken)


def test_the_built_files_are_built_from_the_sources(tmp_path: Path) -> None:
    assert not tr.stale_qm_files(), f"{HINT} (the .qm files are out of date)"
    for language in tr.LANGUAGES:
        fresh = tmp_path / tr.qm_file(language).name
        tr.lrelease(tr.ts_file(language), fresh)
        assert tr.same_translations(tr.qm_file(language), fresh,
                                    tr.read_ts(tr.ts_file(language)))


def test_the_chinese_catalogue_translates() -> None:
    translator = QTranslator()
    assert translator.load(str(tr.qm_file("zh_CN")))
    assert translator.language() == "zh_CN"
    assert translator.translate("Pages", "Members") == "社员"
    assert translator.translate("Columns", "Ear tag") == "耳标号"
    assert translator.translate("Home", "Planting batches inside a pre-harvest interval") \
        == "安全间隔期内的种植批次"


@pytest.fixture
def english(qapp: QCoreApplication) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(tr.qm_file("en")))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.mark.usefixtures("english")
def test_english_reads_singular_and_plural() -> None:
    def count(n: int) -> str:
        return QCoreApplication.translate("ListPage", "%n match(es)", None, n)

    assert count(1) == "1 match"
    assert count(3) == "3 matches"
    assert count(0) == "0 matches"


# --- the script's own checks ------------------------------------------------------------------

def _copy_translations(into: Path) -> Path:
    folder = into / "translations"
    shutil.copytree(tr.TRANSLATIONS_DIR, folder)
    return folder


def test_the_check_passes_on_the_committed_files() -> None:
    found = tr.problems()
    assert not found, "\n".join(found) + f"\n{HINT}"


def test_the_check_finds_an_unfinished_and_an_obsolete_entry(tmp_path: Path) -> None:
    folder = _copy_translations(tmp_path)
    ts = tr.ts_file("zh_CN", folder)
    tree = ET.parse(ts)
    messages = [message for message in tree.getroot().iter("message")
                if message.get("numerus") != "yes"]
    first, second = messages[0], messages[1]
    translation = first.find("translation")
    assert translation is not None
    translation.set("type", "unfinished")
    translation = second.find("translation")
    assert translation is not None
    translation.set("type", "vanished")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    found = tr.problems(folder, with_qm=False)
    assert any("not translated" in problem and repr(first.findtext("source")) in problem
               for problem in found), found
    assert any("marked vanished but used" in problem
               and repr(second.findtext("source")) in problem for problem in found), found


def test_the_check_finds_a_string_missing_from_the_file(tmp_path: Path) -> None:
    folder = _copy_translations(tmp_path)
    ts = tr.ts_file("zh_CN", folder)
    tree = ET.parse(ts)
    context = next(iter(tree.getroot().iter("context")))
    message = context.find("message")
    assert message is not None
    source = message.findtext("source")
    context.remove(message)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    found = tr.problems(folder, with_qm=False)
    assert any("new, not in the file yet" in problem and repr(source) in problem
               for problem in found), found


def test_the_check_finds_a_lost_placeholder_and_a_stale_qm(tmp_path: Path) -> None:
    folder = _copy_translations(tmp_path)
    ts = tr.ts_file("zh_CN", folder)
    text = ts.read_text(encoding="utf-8")
    assert "<translation>数据库：%1</translation>" in text
    ts.write_text(text.replace("<translation>数据库：%1</translation>",
                               "<translation>数据库</translation>"), encoding="utf-8")
    found = tr.problems(folder)
    assert any("placeholders %1" in problem for problem in found), found
    assert any(problem.endswith("build`") and "zh_CN.qm" in problem for problem in found), found


def test_the_command_line_exits_non_zero_when_something_is_wrong(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = _copy_translations(tmp_path)
    tr.qm_file("en", folder).unlink()
    monkeypatch.setattr(tr, "TRANSLATIONS_DIR", folder)
    assert tr.main(["check"]) == 1
    error = capsys.readouterr().err
    assert "coop_desktop_en.qm is not built" in error
    assert "scripts/translations.py update" in error
