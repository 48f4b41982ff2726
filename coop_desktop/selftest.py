"""``coop-desktop selftest``: prove that this copy of the program works, end to end.

Made for the frozen one-folder build (run right after building, on the build machine and in CI)
but it runs from a checkout or an installed wheel too. Each check is one thing a built program
can get wrong when a data folder, a data file or a module loaded by name is left out:

- ``bundle``: the shipped folders (``ui``, ``resources``, ``db``, ``devices``) and the files read
  from them at run time;
- ``modules``: what is loaded by name rather than imported (reportlab's C accelerators, the QR
  encoder, the PostgreSQL driver's C part, the GBK codec, openpyxl);
- ``console``: a windowed program has no console (``sys.stdout`` and ``sys.stderr`` are None):
  printing, logging and a command's error sentence must not crash it;
- ``database``: a new SQLite file in a temporary folder, migrated to head by Alembic from ``db/``;
- ``demo``: a small demo cooperative written through the services;
- ``label``: a crate label of the demo's sample lot rendered to PNG at 203 dpi, its QR code
  decoded by zxing-cpp and compared with the label's trace address;
- ``trace``: the decoded address traced back to its lot;
- ``dossier``: the organic certificate's dossier for a short period, as PDF (parsed back: pypdf
  where installed, else the file's own structure) and its ZIP bundle (XLSX through openpyxl);
- ``window``: the main window built offscreen over the demo, every page opened once;
- ``log``: a line written to the program's log file (the only output a windowed program has).

Every check prints one line with its time. The first failing check stops the run, is named on
the last line, and makes the exit code 1. Everything is written to a temporary folder that is
deleted afterwards (``--keep DIR`` keeps it there instead); ``selftest.txt`` in that folder and
the log repeat the report for a windowed program whose output nobody sees.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coop_desktop import __version__, paths

log = logging.getLogger(__name__)

#: Households in the demo: the fewest that carry every story (see services.demo.MIN_MEMBERS).
DEMO_MEMBERS = 10
DEMO_SEED = 7
LABEL_DPI = 203
LABEL_TEMPLATE = "crate-60x40"
#: The dossier's period: the last weeks before today (the demo is dated relative to today).
DOSSIER_DAYS = 45
REPORT_FILE = "selftest.txt"


class CheckFailed(Exception):
    """A check found the program broken: the sentence says what is wrong."""


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    seconds: float
    detail: str

    def line(self) -> str:
        status = "ok" if self.ok else "FAIL"
        return f"{status:<4} {self.name:<9} {self.seconds:6.2f} s  {self.detail}"


@dataclass
class SelftestReport:
    folder: Path
    results: list[CheckResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return bool(self.results) and all(result.ok for result in self.results)

    @property
    def failed(self) -> CheckResult | None:
        return next((result for result in self.results if not result.ok), None)

    def summary(self) -> str:
        failed = self.failed
        if failed is not None:
            return f"selftest FAILED at check '{failed.name}' after {self.seconds:.1f} s"
        return f"selftest passed: {len(self.results)} checks in {self.seconds:.1f} s"


@dataclass
class _State:
    """What one check leaves for the next ones."""

    folder: Path
    database: Any = None
    sample_lot: str = ""
    label_address: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _require(condition: object, sentence: str) -> None:
    if not condition:
        raise CheckFailed(sentence)


# --- the checks ---------------------------------------------------------------------------------

_BUNDLED_FILES = {
    "db": ("env.py", "alembic.ini", "script.py.mako"),
    "resources": ("fonts/wqy-microhei.ttc", f"labels/{LABEL_TEMPLATE}.toml",
                  "translations/coop_desktop_zh_CN.qm"),
    "devices": ("yaohua-xk3190-a9.toml",),
    "ui": ("member_form.ui",),
}


def check_bundle(state: _State) -> str:
    roots = set()
    for name, files in _BUNDLED_FILES.items():
        try:
            folder = paths.bundled_dir(name)
        except FileNotFoundError as error:
            raise CheckFailed(str(error)) from None
        roots.add(folder.parent)
        for relative in files:
            _require((folder / relative).is_file(), f"{folder / relative} is missing")
    migrations = sorted((paths.migrations_dir() / "versions").glob("*.py"))
    _require(migrations, f"no migration scripts in {paths.migrations_dir() / 'versions'}")
    profiles = sorted(paths.device_profiles_dir().glob("*.toml"))
    kind = "frozen" if getattr(sys, "frozen", False) else "source"
    where = ", ".join(str(root) for root in sorted(roots))
    return (f"{kind} {__version__} at {where}; {len(migrations)} migrations, "
            f"{len(profiles)} device profiles")


def check_modules(state: _State) -> str:
    from reportlab.lib import rl_accel

    slow = sorted(rl_accel._py_funcs)  # the functions reportlab could not take from _rl_accel
    _require(not slow, f"reportlab's C accelerators (_rl_accel) are missing: {', '.join(slow)}")
    import zxingcpp

    _require(hasattr(zxingcpp, "create_barcode"), "zxing-cpp has no QR encoder")
    import psycopg

    implementation = psycopg.pq.__impl__
    _require(implementation in ("binary", "c"),
             f"psycopg uses its {implementation} implementation, not the bundled binary one")
    _require("合作社".encode("gbk") == b"\xba\xcf\xd7\xf7\xc9\xe7", "the GBK codec is missing")
    import sqlite3

    import openpyxl
    from sqlalchemy.dialects import registry

    for dialect in ("sqlite.pysqlite", "postgresql.psycopg"):  # chosen by URL, loaded by name
        registry.load(dialect)
    return (f"rl_accel, zxing-cpp, psycopg {psycopg.__version__} "
            f"({implementation}), openpyxl {openpyxl.__version__}, "
            f"SQLite {sqlite3.sqlite_version}, GBK")


@contextmanager
def _no_console() -> Iterator[None]:
    """As a windowed program starts on Windows: no standard output or error at all."""
    saved = sys.stdout, sys.stderr
    sys.stdout = None
    sys.stderr = None
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def check_console(state: _State) -> str:
    from coop_desktop import cli

    try:
        with _no_console():
            print("a windowed program prints nowhere", flush=True)
            print("nor to standard error", file=sys.stderr)
            logging.getLogger("coop_desktop.selftest.console").warning(
                "logged without a console")
            code = cli.main(["--lang", "en", "--db", str(state.folder / "console.sqlite"),
                             "trace", "NO-SUCH-LOT"])
    except Exception as error:  # the very crash this check is for
        raise CheckFailed(f"without a console: {type(error).__name__}: {error}") from error
    _require(code != 0, "a command that cannot work exited 0 without a console")
    return f"print, logging and a failing command (exit {code}) with no stdout or stderr"


def check_database(state: _State) -> str:
    from coop_desktop.storage.database import Database
    from coop_desktop.storage.migrations import prepare, schema_state

    file = state.folder / "selftest.sqlite"
    database = Database.open(str(file))
    state.database = database
    prepare(database, backup_dir=state.folder / "backups")
    after = schema_state(database)
    _require(after.up_to_date, f"the schema is at {after.current}, not {after.head}")
    with database.read() as session:
        from sqlalchemy import text

        integrity = session.execute(text("PRAGMA integrity_check")).scalar_one()
    _require(integrity == "ok", f"PRAGMA integrity_check says {integrity}")
    return f"{file.name} migrated to {after.head}, integrity ok"


def check_demo(state: _State) -> str:
    from coop_desktop.services.demo import load_demo

    summary = load_demo(state.database, members=DEMO_MEMBERS, seed=DEMO_SEED)
    _require(summary.lots and summary.sample_lot, "the demo wrote no lots")
    state.sample_lot = summary.sample_lot
    return (f"{summary.members} members, {summary.lots} lots, {summary.labels} labels, "
            f"{summary.readings} sensor readings")


def check_label(state: _State) -> str:
    import zxingcpp
    from PIL import Image
    from sqlalchemy import select

    from coop_desktop.domain.models import Lot
    from coop_desktop.services.label_content import lot_label_facts, qr_address
    from coop_desktop.services.label_printing import (
        Destination,
        LabelRequest,
        OutputFormat,
        issue_labels,
    )
    from coop_desktop.services.permissions import SYSTEM

    database = state.database
    with database.read() as session:
        lot = session.execute(select(Lot).where(Lot.code == state.sample_lot)).scalar_one()
        facts = lot_label_facts(session, lot)
        lot_id = lot.id
    out = state.folder / "label.png"
    issued = issue_labels(database, SYSTEM, LabelRequest(lot_id, 1, template=LABEL_TEMPLATE,
                                                         net_weights=["5.00"]),
                          Destination(OutputFormat.PNG, out=out, dpi=LABEL_DPI))
    (serial,) = issued.serials
    expected = qr_address(facts.base_url, facts.lot, serial, facts.gtin)
    _require(expected, "the cooperative has no trace address for its QR codes")
    (file,) = issued.files
    with Image.open(file) as image:
        size = image.size
        found = [result.text for result in zxingcpp.read_barcodes(image)
                 if result.format == zxingcpp.BarcodeFormat.QRCode]
    _require(found, f"no QR code could be read from {file.name}")
    _require(found == [expected], f"the QR code reads {found[0]!r}, not {expected!r}")
    state.label_address = expected
    return f"{LABEL_TEMPLATE} serial {serial}, {size[0]}×{size[1]} dots, QR {expected}"


def check_trace(state: _State) -> str:
    from coop_desktop.services.permissions import SYSTEM
    from coop_desktop.services.trace import trace

    result = trace(state.database, SYSTEM, state.label_address)
    _require(result.matched == "label", f"the label's address was read as a {result.matched}")
    _require(state.sample_lot in result.origin,
             f"the label traces to {result.origin}, not to lot {state.sample_lot}")
    backward = sum(1 for node in result.lots if node.direction == "backward")
    return (f"label → lot {state.sample_lot}: {len(result.lots)} lots ({backward} upstream), "
            f"{len(result.plots)} plots, {len(result.quality)} quality records")


def _pdf_pages(file: Path) -> tuple[int, str]:
    """The number of pages of ``file`` and what read it: pypdf where installed (a source
    checkout), else pikepdf (shipped for the dossier's own PDF/A step)."""
    data = file.read_bytes()
    _require(data.startswith(b"%PDF-"), f"{file.name} does not start with %PDF-")
    _require(data.rstrip().endswith(b"%%EOF"), f"{file.name} is cut short (no %%EOF)")
    try:
        import pypdf
    except ImportError:
        pass
    else:
        reader = pypdf.PdfReader(io.BytesIO(data))
        _require(reader.pages[0].extract_text().strip(),
                 f"the first page of {file.name} has no text")
        return len(reader.pages), "pypdf"
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages), "pikepdf"


def check_dossier(state: _State) -> str:
    from sqlalchemy import select

    from coop_desktop.domain.models import Certification, Scheme
    from coop_desktop.reports.dossier_bundle import write_bundle
    from coop_desktop.reports.dossier_pdf import write_dossier_pdf
    from coop_desktop.services.dossier import build_dossier
    from coop_desktop.services.permissions import SYSTEM

    database = state.database
    with database.read() as session:
        number = session.execute(select(Certification.number).where(
            Certification.scheme == Scheme.ORGANIC)).scalars().first()
    _require(number, "the demo has no organic certificate")
    assert number is not None
    end = dt.date.today()
    start = end - dt.timedelta(days=DOSSIER_DAYS)
    dossier = build_dossier(database, SYSTEM, start=start, end=end, certificate=number)
    pdf = state.folder / "dossier.pdf"
    pages = write_dossier_pdf(dossier, pdf, "zh")
    counted, how = _pdf_pages(pdf)
    _require(pages > 0 and counted == pages,
             f"{pdf.name}: reportlab wrote {pages} pages, the file has {counted}")
    _require(b"<pdfaid:part>" in pdf.read_bytes(), f"{pdf.name} does not claim PDF/A")
    bundle = state.folder / "dossier.zip"
    manifest = write_bundle(dossier, pdf, bundle, "zh")
    _require(bundle.is_file() and manifest, f"{bundle.name} was not written")
    return (f"organic {number}, {start}…{end}: PDF/A, {pages} pages read by {how}, "
            f"{len(manifest)} files in the ZIP")


def _qt_platform() -> str:
    """The Qt platform the window check uses: the one asked for (``QT_QPA_PLATFORM``), else
    the system's own on Windows and macOS and on a Linux desktop (the plugin a user's window
    needs), else offscreen (a server or CI without a display)."""
    asked = os.environ.get("QT_QPA_PLATFORM", "").strip()
    if asked:
        return asked.split(":", 1)[0]
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "cocoa"
    if os.environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    if os.environ.get("DISPLAY"):
        return "xcb"
    return "offscreen"


def check_window(state: _State) -> str:
    from PySide6.QtCore import (
        QCoreApplication,
        QLibraryInfo,
        QSettings,
        QThreadPool,
        QTranslator,
    )

    if QCoreApplication.instance() is None:
        # A missing platform plugin aborts the process inside Qt: look for it first.
        platform = _qt_platform()
        plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
        _require(any(plugins.glob(f"*q{platform}.*")),
                 f"Qt's {platform} platform plugin is not in {plugins}")
        os.environ["QT_QPA_PLATFORM"] = platform

    # The window remembers its size and page: in the temporary folder, not the user's settings.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(state.folder / "settings"))
    from coop_desktop.gui.app import application
    from coop_desktop.gui.context import AppContext
    from coop_desktop.gui.main_window import PAGE_ORDER, MainWindow
    from coop_desktop.gui.translation import remove_translations, translations_dir
    from coop_desktop.services.permissions import SYSTEM

    qt_catalogues = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalogue, folder in (("coop_desktop_zh_CN", str(translations_dir())),
                              ("qtbase_zh_CN", qt_catalogues)):
        _require(QTranslator().load(catalogue, folder), f"{catalogue}.qm is not in {folder}")
    app = application("zh_CN")
    window = MainWindow(AppContext(state.database, SYSTEM))
    try:
        window.show()
        for key in PAGE_ORDER:
            page = window.show_page(key)
            _require(window.stack.currentWidget() is page, f"the {key} page did not open")
            QCoreApplication.processEvents()
        _require(QThreadPool.globalInstance().waitForDone(60_000),
                 "the pages' background work did not finish within a minute")
        QCoreApplication.processEvents()
        picture = window.grab()
        size = picture.size()
        _require(not picture.isNull(), "the window could not be drawn")
        del picture
    finally:
        window.close()
        window.deleteLater()
        QThreadPool.globalInstance().waitForDone(60_000)
        QCoreApplication.processEvents()
        remove_translations(app)
    return (f"{len(PAGE_ORDER)} pages in Chinese on the {app.platformName()} platform, "
            f"{size.width()}×{size.height()}")


def _log_files() -> list[Path]:
    """The files the root logger writes to, those in the data folder's logs first."""
    files = [Path(handler.baseFilename) for handler in logging.getLogger().handlers
             if isinstance(handler, logging.FileHandler) and handler.baseFilename != os.devnull]
    logs = paths.logs_dir().resolve()
    return sorted(files, key=lambda file: file.resolve().parent != logs)


def check_log(state: _State) -> str:
    files = _log_files()
    _require(files, "nothing logs to a file (a windowed program would have no output)")
    marker = f"selftest {os.getpid()} {time.time_ns()}"
    log.warning("%s: writing to the log file", marker)
    for handler in logging.getLogger().handlers:
        handler.flush()
    file = files[0]
    _require(file.is_file() and marker in file.read_text(encoding="utf-8", errors="replace"),
             f"the log line did not reach {file}")
    in_data = paths.logs_dir().resolve() == file.parent.resolve()
    return f"{file}{'' if in_data else ' (outside the data folder)'}"


Check = Callable[[_State], str]

CHECKS: tuple[tuple[str, Check], ...] = (
    ("bundle", check_bundle),
    ("modules", check_modules),
    ("console", check_console),
    ("database", check_database),
    ("demo", check_demo),
    ("label", check_label),
    ("trace", check_trace),
    ("dossier", check_dossier),
    ("window", check_window),
    ("log", check_log),
)


# --- running them -------------------------------------------------------------------------------

def _say(line: str, out: Callable[[str], None] | None) -> None:
    if out is not None:
        out(line)
    elif sys.stdout is not None:  # a windowed program has none
        print(line, flush=True)


def run_selftest(keep: Path | None = None, *, out: Callable[[str], None] | None = None,
                 checks: tuple[tuple[str, Check], ...] | None = None) -> SelftestReport:
    """Run ``checks`` (default: ``CHECKS``) in order, each line to ``out`` (default: standard
    output), stopping at the first failure. Files go to ``keep`` (created; it must be empty)
    or to a temporary folder deleted at the end."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        if any(keep.iterdir()):
            raise CheckFailed(f"--keep needs an empty folder; {keep} has files")
        folder = keep
    else:
        folder = Path(tempfile.mkdtemp(prefix="coop-selftest-"))
    report = SelftestReport(folder)
    state = _State(folder)
    lines = [f"coop-desktop {__version__} selftest in {folder}"]
    _say(lines[0], out)
    log.info("%s", lines[0])
    began = time.perf_counter()
    try:
        for name, check in CHECKS if checks is None else checks:
            started = time.perf_counter()
            try:
                detail, ok = check(state), True
            except CheckFailed as error:
                detail, ok = str(error), False
            except Exception as error:
                log.exception("selftest check %s failed", name)
                detail, ok = f"{type(error).__name__}: {error}", False
                lines.append(traceback.format_exc(limit=8).rstrip())
            result = CheckResult(name, ok, time.perf_counter() - started, detail)
            report.results.append(result)
            lines.append(result.line())
            _say(result.line(), out)
            (log.info if ok else log.error)("selftest: %s", result.line())
            if not ok:
                break
    finally:
        if state.database is not None:
            state.database.dispose()
        report.seconds = time.perf_counter() - began
        lines.append(report.summary())
        _say(report.summary(), out)
        (log.info if report.ok else log.error)("%s", report.summary())
        if keep is not None:
            (folder / REPORT_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return report
