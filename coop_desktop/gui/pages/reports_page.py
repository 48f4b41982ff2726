"""Reports: choose what to make — a certification dossier (one certificate, or every certificate
of a scheme), a year's payout and benefit report, or a standard export (EPCIS 2.0, FSMA-204,
the national platform CSV) — its period and language, and make it off the GUI thread with a
progress bar and Cancel. The files go into the data folder's reports, a subfolder per kind,
and are listed with links when done; a dossier also says how many gaps it states.

Files are written into a hidden folder next to where they belong and moved into place only when
everything is written, so a refusal, a failure or Cancel leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coop_desktop import paths
from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import Scheme
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.tasks import Progress, Task, start
from coop_desktop.services.dossier import build_dossier
from coop_desktop.services.listing import list_records
from coop_desktop.services.payouts import payout_statement, record_payouts
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.storage.database import Database

#: What the page makes: the kinds in the order the chooser lists them.
KINDS = ("dossier", "payouts", "epcis", "fsma", "platform")
#: The reports folder's subfolder per kind.
FOLDERS = {"dossier": "dossiers", "payouts": "payouts", "epcis": "exports", "fsma": "exports",
           "platform": "exports"}
#: Who may make each kind, as the services require.
PERMISSIONS = {"dossier": Permission.READ, "payouts": Permission.MANAGE_COOPERATIVE,
               "epcis": Permission.READ, "fsma": Permission.READ, "platform": Permission.READ}
DOSSIER_STEPS = 12  # services.dossier's steps; then the PDF and the ZIP


@dataclass(frozen=True)
class Subject:
    """A dossier's subject: one certificate (by number) or every certificate of a scheme."""

    certificate: str | None = None
    scheme: Scheme | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@dataclass(frozen=True)
class Request:
    kind: str
    start: dt.date
    end: dt.date
    language: str = "zh"
    subject: Subject = field(default_factory=Subject)
    year: int = 0
    record: bool = False  # payouts: record the year's payouts first


@dataclass
class Made:
    """What a report run wrote, for the page to say."""

    kind: str
    files: list[Path]
    gaps: int | None = None  # a dossier's gaps
    count: int = 0  # events, rows or lots of an export; member households of a payout report
    empty: bool = False  # an export of a period without records
    unpriced: int = 0  # deliveries left out of a payout report for want of a price
    recorded: int = 0  # payouts recorded first


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9-]+", "_", text)[:40] or "report"


class _Staging:
    """A hidden folder inside ``folder``: files are written there, then moved into ``folder``
    together; on any error (or Cancel) the folder is removed and nothing is left."""

    def __init__(self, folder: Path, error_code: str) -> None:
        self.folder = folder
        self.error_code = error_code
        self.path = folder / f".making-{_stamp()}-{id(self):x}"

    def __enter__(self) -> _Staging:
        try:
            self.path.mkdir(parents=True)
        except OSError as error:
            self._refuse(self.folder, error)
        return self

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def _refuse(self, path: Path, error: OSError) -> NoReturn:
        raise ValidationError(self.error_code, field="out", path=str(path),
                              reason=error.strerror or str(error)) from error

    def write(self, name: str, writer: Callable[[Path], Any]) -> Any:
        try:
            return writer(self.path / name)
        except OSError as error:
            self._refuse(self.folder / name, error)

    def keep(self) -> list[Path]:
        """Move everything written into the folder; the final paths."""
        kept: list[Path] = []
        try:
            for written in sorted(self.path.iterdir()):
                final = self.folder / written.name
                written.replace(final)
                kept.append(final)
        except OSError as error:
            for final in kept:
                final.unlink(missing_ok=True)
            self._refuse(self.folder, error)
        return kept


def _check(progress: Progress, done: int, total: int, code: str) -> None:
    if not progress(done, total):
        raise ValidationError(code)


def make_report(db: Database, actor: Actor, request: Request, progress: Progress) -> Made:
    """Make what ``request`` asks for into the reports folder (runs off the GUI thread)."""
    folder = paths.reports_dir() / FOLDERS[request.kind]
    if request.kind == "dossier":
        return _make_dossier(db, actor, request, folder, progress)
    if request.kind == "payouts":
        return _make_payouts(db, actor, request, folder, progress)
    return _make_export(db, actor, request, folder, progress)


def _make_dossier(db: Database, actor: Actor, request: Request, folder: Path,
                  progress: Progress) -> Made:
    from coop_desktop.reports.dossier_bundle import write_bundle
    from coop_desktop.reports.dossier_pdf import write_dossier_pdf

    total = DOSSIER_STEPS + 2
    subject = request.subject
    dossier = build_dossier(db, actor, start=request.start, end=request.end,
                            certificate=subject.certificate, scheme=subject.scheme,
                            progress=lambda done, _steps: progress(done, total))
    name = _safe(subject.certificate or (subject.scheme or "scheme"))
    stem = f"dossier-{name}-{request.start}-{request.end}-{request.language}-{_stamp()}"
    with _Staging(folder, "export.file_failed") as staging:
        pdf = staging.path / f"{stem}.pdf"
        staging.write(pdf.name, lambda out: write_dossier_pdf(dossier, out, request.language))
        _check(progress, DOSSIER_STEPS + 1, total, "dossier.cancelled")
        staging.write(f"{stem}.zip",
                      lambda out: write_bundle(dossier, pdf, out, request.language))
        _check(progress, total, total, "dossier.cancelled")
        files = staging.keep()
    return Made("dossier", files, gaps=len(dossier.gaps), count=dossier.member_count)


def _make_payouts(db: Database, actor: Actor, request: Request, folder: Path,
                  progress: Progress) -> Made:
    from coop_desktop.reports.payout_report import write_pdf, write_xlsx
    from coop_desktop.services.work import reading, the_cooperative

    total = 4
    _check(progress, 0, total, "report.cancelled")
    recorded = len(record_payouts(db, actor, request.year)) if request.record else 0
    statement = payout_statement(db, actor, request.year)
    with reading(db, actor) as session:
        cooperative = the_cooperative(session).name
    _check(progress, 1, total, "report.cancelled")
    stem = f"payouts-{request.year}-{_stamp()}"
    with _Staging(folder, "payout.file_failed") as staging:
        staging.write(f"{stem}.pdf", lambda out: write_pdf(statement, out,
                                                           cooperative=cooperative))
        _check(progress, 2, total, "report.cancelled")
        staging.write(f"{stem}.xlsx", lambda out: write_xlsx(statement, out))
        _check(progress, total, total, "report.cancelled")
        files = staging.keep()
    return Made("payouts", files, count=len(statement.members),
                unpriced=len(statement.unpriced), recorded=recorded)


def _make_export(db: Database, actor: Actor, request: Request, folder: Path,
                 progress: Progress) -> Made:
    from coop_desktop.services.exports import gather

    total = 3
    _check(progress, 0, total, "report.cancelled")
    data = gather(db, actor, start=request.start, end=request.end,
                  for_platform=request.kind == "platform")
    _check(progress, 1, total, "report.cancelled")
    stem = f"{request.kind}-{request.start}-{request.end}-{_stamp()}"
    with _Staging(folder, "export.file_failed") as staging:
        if request.kind == "epcis":
            from coop_desktop.reports.epcis import write_epcis

            count = staging.write(f"{stem}.jsonld", lambda out: write_epcis(data, out))
        elif request.kind == "fsma":
            from coop_desktop.reports.fsma import write_fsma

            count = staging.write(f"{stem}.xlsx", lambda out: write_fsma(data, out))
        else:
            from coop_desktop.reports.platform_csv import write_platform_csv

            count = staging.write(f"{stem}.csv", lambda out: write_platform_csv(data, out))
        _check(progress, total, total, "report.cancelled")
        files = staging.keep()
    return Made(request.kind, files, count=int(count), empty=data.is_empty)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> dt.date:
    date = edit.date()
    return dt.date(date.year(), date.month(), date.day())


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _counted(count: int, none: str, one: str, many: str) -> str:
    """The sentence for ``count`` (Chinese has no plural; English needs one)."""
    if count == 0 and none:
        return none
    return one if count == 1 else many.replace("%1", str(count))


class ReportsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.task: Task | None = None
        self.made: Made | None = None
        self.failure = ""

        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        titles = {"dossier": self.tr("Certification dossier (PDF and ZIP)"),
                  "payouts": self.tr("Member payouts and benefit report (PDF and XLSX)"),
                  "epcis": self.tr("GS1 EPCIS 2.0 export (JSON-LD)"),
                  "fsma": self.tr("FSMA-204 traceability spreadsheet (XLSX)"),
                  "platform": self.tr("National traceability platform (CSV)")}
        model = self.kind.model()
        assert isinstance(model, QStandardItemModel)
        for kind in KINDS:
            self.kind.addItem(titles[kind], kind)
            item = model.item(self.kind.count() - 1)
            if not context.may(PERMISSIONS[kind]) and item is not None:
                item.setEnabled(False)  # the service would refuse it
                item.setToolTip(self.tr("Only managers and administrators may make this "
                                        "report."))
        self.subject = QComboBox(self)
        self.subject.setObjectName("subject")
        self.start = QDateEdit(self)
        self.start.setObjectName("start")
        self.end = QDateEdit(self)
        self.end.setObjectName("end")
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        today = dt.date.today()
        self.year = QSpinBox(self)
        self.year.setObjectName("year")
        self.year.setRange(2000, today.year + 1)
        self.year.setValue(today.year)
        self.record = QCheckBox(self.tr("Record the year's payouts first"), self)
        self.record.setObjectName("record")
        self.record.setToolTip(self.tr("One payout per member household for the priced "
                                       "deliveries not paid before; refused while a delivery "
                                       "has no price"))
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.addItem("简体中文", "zh")
        self.language.addItem("English", "en")

        self.make_button = QPushButton(self.tr("Make"), self)
        self.make_button.setObjectName("make")
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setObjectName("open")
        self.open_button.setEnabled(False)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.message.linkActivated.connect(self._open_link)

        self.form = QFormLayout()
        self.form.addRow(self.tr("Report"), self.kind)
        self.form.addRow(self.tr("Certificate or scheme"), self.subject)
        self.form.addRow(self.tr("From"), self.start)
        self.form.addRow(self.tr("To"), self.end)
        self.form.addRow(self.tr("Year"), self.year)
        self.form.addRow("", self.record)
        self.form.addRow(self.tr("Language"), self.language)
        buttons = QHBoxLayout()
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)

        self.make_button.clicked.connect(self.make)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self._open_first)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.subject.currentIndexChanged.connect(self._subject_chosen)
        self.reload_subjects()
        self._kind_chosen()

    # --- choices --------------------------------------------------------------------------
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def choose_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(KINDS.index(kind))

    def reload_subjects(self) -> None:
        """The certificates on record (newest validity first), then every scheme."""
        self.subject.blockSignals(True)
        self.subject.clear()
        rows = list_records(self.context.database, self.context.actor, "certifications",
                            limit=500)
        rows.sort(key=lambda row: str(row.get("valid_until") or ""), reverse=True)
        for row in rows:
            scheme = Scheme(row["scheme"])
            valid_from, valid_until = _date(row.get("valid_from")), _date(row.get("valid_until"))
            text = self.tr("%1 certificate %2 (valid %3 to %4)").replace(
                "%1", name_of(scheme)).replace("%2", str(row["number"])).replace(
                "%3", str(valid_from or "")).replace("%4", str(valid_until or ""))
            self.subject.addItem(text, Subject(str(row["number"]), None, valid_from,
                                               valid_until))
        for scheme in Scheme:
            self.subject.addItem(self.tr("Every %1 certificate valid in the period")
                                 .replace("%1", name_of(scheme)), Subject(None, scheme))
        self.subject.blockSignals(False)
        self._subject_chosen()

    def choose_certificate(self, number: str) -> None:
        for index in range(self.subject.count()):
            subject = self.subject.itemData(index)
            if isinstance(subject, Subject) and subject.certificate == number:
                self.subject.setCurrentIndex(index)
                return

    def set_period(self, start: dt.date, end: dt.date) -> None:
        self.start.setDate(_qdate(start))
        self.end.setDate(_qdate(end))

    def _kind_chosen(self) -> None:
        kind = self.current_kind()
        dossier, payouts = kind == "dossier", kind == "payouts"
        for widget, shown in ((self.subject, dossier), (self.start, not payouts),
                              (self.end, not payouts), (self.year, payouts),
                              (self.record, payouts), (self.language, dossier)):
            self.form.setRowVisible(widget, shown)
        if dossier:
            self._subject_chosen()
        else:
            self._this_year()

    def _subject_chosen(self) -> None:
        """A certificate's validity clipped to today, else this calendar year."""
        subject = self.subject.currentData()
        if self.current_kind() != "dossier":
            return
        if isinstance(subject, Subject) and subject.valid_from and subject.valid_until:
            end = min(subject.valid_until, dt.date.today())
            self.set_period(min(subject.valid_from, end), end)
        else:
            self._this_year()

    def _this_year(self) -> None:
        year = dt.date.today().year
        self.set_period(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def request(self) -> Request:
        subject = self.subject.currentData()
        return Request(kind=self.current_kind(), start=_day(self.start), end=_day(self.end),
                       language=str(self.language.currentData()),
                       subject=subject if isinstance(subject, Subject) else Subject(),
                       year=self.year.value(), record=self.record.isChecked())

    # --- making ---------------------------------------------------------------------------
    def make(self) -> Task | None:
        """Make the chosen report off the GUI thread; the page says what was written."""
        if self.task is not None:
            return None
        request = self.request()
        db, actor = self.context.database, self.context.actor
        task = Task(lambda progress: make_report(db, actor, request, progress))
        task.signals.progress.connect(self._progressed)
        task.signals.finished.connect(self._finished)
        task.signals.failed.connect(self._failed)
        self.task = task
        self.made, self.failure = None, ""
        self.progress.setRange(0, 0)  # busy until the first step is reported
        self.message.setText(html.escape(self.tr("Making the report…")))
        self.make_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.open_button.setEnabled(False)
        return start(task)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.message.setText(html.escape(self.tr("Cancelling…")))

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def _done(self) -> None:
        self.task = None
        self.make_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)

    def _failed(self, sentence: str) -> None:
        self._done()
        self.progress.setValue(0)
        self.failure = sentence
        self.message.setText(html.escape(sentence).replace("\n", "<br>"))

    def _finished(self, made: object) -> None:
        self._done()
        assert isinstance(made, Made)
        self.made = made
        self.progress.setValue(1)
        self.open_button.setEnabled(bool(made.files))
        lines = [html.escape(self.summary(made))]
        lines += [f'<a href="{QUrl.fromLocalFile(str(path)).toString()}">'
                  f"{html.escape(str(path))}</a>" for path in made.files]
        self.message.setText("<br>".join(lines))

    def summary(self, made: Made) -> str:
        """The sentence that says what was made."""
        if made.kind == "dossier":
            return _counted(made.gaps or 0, self.tr("Dossier written: no gaps."),
                            self.tr("Dossier written: 1 gap stated in the dossier."),
                            self.tr("Dossier written: %1 gaps stated in the dossier."))
        if made.kind == "payouts":
            sentence = _counted(
                made.count, self.tr("Payout report written: no member delivered in the year."),
                self.tr("Payout report written for 1 member household."),
                self.tr("Payout report written for %1 member households."))
            if made.recorded:
                sentence += " " + _counted(made.recorded, "",
                                           self.tr("1 payout recorded first."),
                                           self.tr("%1 payouts recorded first."))
            if made.unpriced:
                sentence += " " + _counted(
                    made.unpriced, "", self.tr("1 delivery without a unit price is left out."),
                    self.tr("%1 deliveries without a unit price are left out."))
            return sentence
        if made.empty:
            return self.tr("Nothing was recorded in the period: the file is valid but empty.")
        if made.kind == "platform":
            return _counted(made.count, "", self.tr("1 lot exported."),
                            self.tr("%1 lots exported."))
        if made.kind == "fsma":
            return _counted(made.count, "", self.tr("1 row exported, one per event."),
                            self.tr("%1 rows exported, one per event."))
        return _counted(made.count, "", self.tr("1 event exported."),
                        self.tr("%1 events exported."))

    def _open_first(self) -> None:
        if self.made is not None and self.made.files:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.made.files[0])))

    def _open_link(self, link: str) -> None:
        QDesktopServices.openUrl(QUrl(link))
