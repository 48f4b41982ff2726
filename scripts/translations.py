#!/usr/bin/env python3
"""The interface's translations: extract, build and check them.

    python scripts/translations.py update   # source strings -> resources/translations/*.ts
    python scripts/translations.py build    # *.ts -> *.qm (committed, so a checkout just runs)
    python scripts/translations.py check    # fail on any string without a Chinese translation

Run it with the project's environment (``.venv/bin/python`` or ``.venv\\Scripts\\python``): it
uses the ``lupdate`` and ``lrelease`` that ship with PySide6.

The workflow after adding or changing a string in the code (``self.tr(...)``,
``QCoreApplication.translate(...)``, ``QT_TRANSLATE_NOOP(...)`` or a ``.ui`` form):

1. ``update`` — lupdate reads ``coop_desktop/**/*.py`` and ``ui/**/*.ui`` and merges what it
   finds into ``coop_desktop_zh_CN.ts`` (every string) and ``coop_desktop_en.ts`` (only the
   strings with a count, ``%n``, whose English needs a singular and a plural form; every other
   English string is its own source text). New strings arrive marked unfinished; strings no
   longer in the code are dropped.
2. Translate the unfinished entries: in Qt Linguist (``pyside6-linguist
   resources/translations/coop_desktop_zh_CN.ts``), or in the XML by hand, removing
   ``type="unfinished"`` from an entry once it is translated.
3. ``build`` — lrelease writes the ``.qm`` files beside the ``.ts`` files. Commit both.

``check`` (run by the test suite through ``tests/test_translation_files.py``) extracts the
strings afresh and exits 1, listing each problem, when a string in the code is missing from a
``.ts`` file, unfinished, or marked obsolete there, when a translation drops or adds a
placeholder (``%1``, ``%n``), or when a ``.qm`` file is not what ``build`` makes of its ``.ts``.

The files are stable under reruns: messages sorted within contexts sorted by name, no source
locations (``-locations none``), so a diff shows only strings that changed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
CATALOGUE = "coop_desktop"
SOURCE_LANGUAGE = "en"
#: Every language the program ships, the first the reference whose translations must be
#: complete. English is the source language: its file holds only the plural forms.
LANGUAGES = ("zh_CN", "en")
PLURAL_ONLY = frozenset({SOURCE_LANGUAGE})
SKIPPED_DIRS = frozenset({"__pycache__", "_data"})  # _data: a wheel build's copy of the folders
UPDATE_HINT = ("run `python scripts/translations.py update`, translate the new entries in "
               "resources/translations/ (Qt Linguist or by hand), then "
               "`python scripts/translations.py build`")
_PLACEHOLDER = re.compile(r"%L?(?:n|\d{1,2})")  # %Ln: the same, in local digits


class ToolError(Exception):
    """lupdate or lrelease could not be found or failed."""


# --- files -------------------------------------------------------------------------------------

def ts_file(language: str, folder: Path | None = None) -> Path:
    return (folder or TRANSLATIONS_DIR) / f"{CATALOGUE}_{language}.ts"


def qm_file(language: str, folder: Path | None = None) -> Path:
    return (folder or TRANSLATIONS_DIR) / f"{CATALOGUE}_{language}.qm"


def source_files(root: Path = ROOT) -> list[Path]:
    """The files lupdate reads, relative to ``root``, sorted: our Python code and the Designer
    forms."""
    found: list[Path] = []
    for folder, pattern in ((root / "coop_desktop", ".py"), (root / "ui", ".ui")):
        if not folder.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
            found.extend(Path(dirpath, name).relative_to(root)
                         for name in filenames if name.endswith(pattern))
    return sorted(found, key=lambda path: path.as_posix())


# --- the Qt tools --------------------------------------------------------------------------------

def tool(name: str) -> Path:
    """``lupdate`` or ``lrelease`` as shipped inside the PySide6 package (what the
    ``pyside6-lupdate`` wrappers run), else a ``pyside6-NAME`` on the PATH."""
    executable = f"{name}.exe" if sys.platform == "win32" else name
    try:
        import PySide6
    except ImportError:
        pass
    else:
        candidate = Path(PySide6.__file__).resolve().parent / executable
        if candidate.is_file():
            return candidate
    wrapper = shutil.which(f"pyside6-{name}")
    if wrapper is None:
        raise ToolError(f"{name} not found: install PySide6 (pip install -e .) and run this "
                        "script with the project's Python")
    return Path(wrapper)


def _run(command: Sequence[str | Path]) -> str:
    """Run a Qt tool from the repository root; returns what it printed (its warnings)."""
    result = subprocess.run([str(part) for part in command], cwd=ROOT, capture_output=True,
                            text=True, encoding="utf-8", errors="replace", check=False)
    if result.returncode != 0:
        raise ToolError(f"{Path(command[0]).name} failed ({result.returncode}):\n"
                        f"{result.stdout}{result.stderr}")
    return f"{result.stdout}{result.stderr}".strip()


def lupdate(ts: Path, language: str, *, keep_obsolete: bool = False,
            sources: Sequence[Path] | None = None) -> str:
    """Merge the strings of ``sources`` (default: all of ours) into ``ts``, made if missing.
    Returns lupdate's warnings (a ``tr()`` it could not read, say)."""
    files = source_files() if sources is None else list(sources)
    with tempfile.TemporaryDirectory(prefix="coop-lupdate-") as scratch:
        # A list file keeps the command short on Windows however many sources there are.
        listing = Path(scratch) / "sources.lst"
        listing.write_text("".join(f"{path.as_posix()}\n" for path in files), encoding="utf-8")
        command: list[str | Path] = [
            tool("lupdate"), "-silent", "-locations", "none", "-sort-messages",
            "-source-language", SOURCE_LANGUAGE, "-target-language", language,
        ]
        if not keep_obsolete:
            command.append("-no-obsolete")
        if language in PLURAL_ONLY:
            command.append("-pluralonly")
        command += [f"@{listing}", "-ts", ts]
        return _run(command)


def lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm``; unfinished entries are left out (they show the source text
    until someone translates them)."""
    _run([tool("lrelease"), "-silent", "-nounfinished", ts, "-qm", qm])


# --- reading .ts files ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    numerus: bool
    state: str  # "finished", "unfinished", "obsolete" or "vanished"
    translations: tuple[str, ...]  # one, or one per plural form

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    @property
    def used(self) -> bool:
        """Still in the code, as lupdate last saw it."""
        return self.state in {"finished", "unfinished"}

    @property
    def done(self) -> bool:
        return self.state == "finished" and all(self.translations)

    def describe(self) -> str:
        note = f" ({self.comment})" if self.comment else ""
        return f"[{self.context}] {self.source!r}{note}"


def read_ts(path: Path) -> list[Message]:
    messages: list[Message] = []
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", default="")
        for message in context.iter("message"):
            translation = message.find("translation")
            state = "unfinished" if translation is None else translation.get("type", "finished")
            numerus = message.get("numerus") == "yes"
            if translation is None:
                texts: tuple[str, ...] = ("",)
            elif numerus:
                texts = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                texts = (translation.text or "",)
            messages.append(Message(name, message.findtext("source", default=""),
                                    message.findtext("comment", default=""), numerus, state,
                                    texts or ("",)))
    return messages


def source_strings(language: str = LANGUAGES[0]) -> list[Message]:
    """The strings the code holds now, as lupdate finds them for ``language`` (for English,
    only those with plural forms)."""
    with tempfile.TemporaryDirectory(prefix="coop-extract-") as scratch:
        fresh = Path(scratch) / f"{CATALOGUE}_{language}.ts"
        lupdate(fresh, language)
        return read_ts(fresh)


def _shown(path: Path) -> str:
    """``path`` as a message names it: from the repository root when inside it."""
    resolved = path.resolve()
    return (resolved.relative_to(ROOT).as_posix() if resolved.is_relative_to(ROOT)
            else str(path))


def placeholders(text: str) -> list[str]:
    """The ``%1`` and ``%n`` a text holds, each once, sorted; ``%L1`` counts as ``%1``. A
    translation may repeat one or change their order, never drop or add one."""
    return sorted({found.replace("L", "") for found in _PLACEHOLDER.findall(text)})


# --- the three commands ---------------------------------------------------------------------------

def update(*, keep_obsolete: bool = False) -> list[Path]:
    TRANSLATIONS_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for language in LANGUAGES:
        path = ts_file(language)
        warnings = lupdate(path, language, keep_obsolete=keep_obsolete)
        if warnings:
            print(warnings, file=sys.stderr)
        written.append(path)
        waiting = [m for m in read_ts(path) if m.used and not m.done]
        if waiting:
            print(f"{path.relative_to(ROOT)}: {len(waiting)} to translate")
            for message in waiting:
                print(f"  {message.describe()}")
    return written


def build(folder: Path | None = None) -> list[Path]:
    """Compile every ``.ts`` into its ``.qm``, beside it or in ``folder``."""
    written = []
    for language in LANGUAGES:
        qm = qm_file(language, folder)
        lrelease(ts_file(language), qm)
        written.append(qm)
    return written


def problems(folder: Path | None = None, *, with_qm: bool = True) -> list[str]:
    """Everything ``check`` complains of in the files of ``folder``, one sentence each; empty
    when all is well."""
    found: list[str] = []
    for language in LANGUAGES:
        path = ts_file(language, folder)
        name = _shown(path)
        if not path.is_file():
            found.append(f"{name} is missing")
            continue
        committed = {message.key: message for message in read_ts(path)}
        for wanted in source_strings(language):
            have = committed.get(wanted.key)
            if have is None:
                found.append(f"{name}: new, not in the file yet: {wanted.describe()}")
            elif not have.used:
                found.append(f"{name}: marked {have.state} but used: {wanted.describe()}")
            elif not have.done:
                found.append(f"{name}: not translated: {wanted.describe()}")
            elif wanted.numerus != have.numerus:
                found.append(f"{name}: plural forms changed: {wanted.describe()}")
        for message in committed.values():
            if not message.done:
                continue
            expected = placeholders(message.source)
            for text in message.translations:
                if placeholders(text) != expected and not (
                        message.numerus and placeholders(text) == [p for p in expected
                                                                   if p != "%n"]):
                    found.append(f"{name}: the translation {text!r} of {message.describe()} "
                                 f"must keep the placeholders {' '.join(expected) or '(none)'}")
    if with_qm and not any("is missing" in problem for problem in found):
        found += stale_qm_files(folder)
    return found


def stale_qm_files(folder: Path | None = None) -> list[str]:
    """``.qm`` files in ``folder`` that differ from what ``build`` makes of its ``.ts`` files."""
    stale = []
    with tempfile.TemporaryDirectory(prefix="coop-lrelease-") as scratch:
        for language in LANGUAGES:
            ts, committed = ts_file(language, folder), qm_file(language, folder)
            fresh = qm_file(language, Path(scratch))
            lrelease(ts, fresh)
            if not committed.is_file() or (
                    committed.read_bytes() != fresh.read_bytes()
                    and not same_translations(committed, fresh, read_ts(ts))):
                stale.append(f"{_shown(committed)} is not built from its .ts: run "
                             "`python scripts/translations.py build`")
    return stale


def same_translations(first: Path, second: Path, messages: Iterable[Message]) -> bool:
    """Whether two ``.qm`` files translate every message alike (another lrelease version may
    lay out the same translations in other bytes)."""
    from PySide6.QtCore import QTranslator

    translators = [QTranslator(), QTranslator()]
    if not all(translator.load(str(path))
               for translator, path in zip(translators, (first, second), strict=True)):
        return False
    for message in messages:
        for count in (0, 1, 2, 5, 21) if message.numerus else (-1,):
            texts = {translator.translate(message.context, message.source,
                                          message.comment or None, count)
                     for translator in translators}
            if len(texts) != 1:
                return False
    return True


def check() -> int:
    found = problems()
    if not found:
        print("translations: every string is translated and the .qm files are current")
        return 0
    print(f"translations: {len(found)} problem(s); {UPDATE_HINT}.", file=sys.stderr)
    for problem in found:
        print(f"  {problem}", file=sys.stderr)
    return 1


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    update_parser = commands.add_parser("update", help="extract the strings into the .ts files")
    update_parser.add_argument("--keep-obsolete", action="store_true",
                               help="keep strings no longer in the code (marked vanished)")
    commands.add_parser("build", help="compile the .ts files into .qm files")
    commands.add_parser("check", help="exit 1 when a string lacks a translation")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        if args.command == "update":
            update(keep_obsolete=args.keep_obsolete)
            return 0
        if args.command == "build":
            for path in build():
                print(f"built {path.relative_to(ROOT).as_posix()}")
            return 0
        return check()
    except ToolError as error:
        print(f"translations: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
