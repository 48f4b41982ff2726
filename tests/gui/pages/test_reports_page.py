"""The Reports page over a small database built with the services: a dossier and a payout report
made off the GUI thread into the reports folder and listed with links; Cancel stops a dossier
half-way and leaves no file; refusals (a reversed period, unpriced deliveries) show the domain's
sentence and write nothing; who may make what; the page reached from the main window."""

from __future__ import annotations

import datetime as dt
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QStandardItemModel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from coop_desktop import paths
from coop_desktop.domain.models import Payout, Product, Role, Scheme
from coop_desktop.gui import tasks
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.main_window import MainWindow
from coop_desktop.gui.pages import reports_page
from coop_desktop.gui.pages.reports_page import ReportsPage
from coop_desktop.services.certifications import record_certification
from coop_desktop.services.deliveries import record_delivery
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import TODAY, days_ago, harvested_lot, make_member, rows

WAIT = 30_000
CERTIFICATE = "OC-2026-001"


@pytest.fixture(autouse=True)
def drained_pool() -> Iterator[None]:
    """Reports are made in the thread pool: none outlives its test."""
    yield
    assert QThreadPool.globalInstance().waitForDone(WAIT)


@pytest.fixture
def certified(sqlite_coop: Database) -> Database:
    """A member's plot with a harvest made into a lot, under an organic certificate, and two
    priced deliveries of this year."""
    crop, _ = harvested_lot(sqlite_coop, "L001", "120")
    record_certification(sqlite_coop, SYSTEM, scheme="organic", number=CERTIFICATE,
                         certifier="南京国环有机产品认证中心", valid_from=days_ago(300),
                         valid_until=TODAY + dt.timedelta(days=65),
                         product_ids=[crop.product_id], plot_ids=[crop.plot_id])
    for number, day in enumerate((10, 5), start=1):
        record_delivery(sqlite_coop, SYSTEM, code=f"JS-{number:03d}",
                        member_id=crop.member_id, product_id=crop.product_id,
                        delivered_on=max(days_ago(day), dt.date(TODAY.year, 1, 1)),
                        quantity="50.5", grade="一级", unit_price="3.20")
    return sqlite_coop


def make_page(qtbot: QtBot, db: Database, role: Role = Role.MANAGER) -> ReportsPage:
    page = ReportsPage(AppContext(db, actor_for(role)))
    qtbot.addWidget(page)
    page.resize(900, 520)
    page.show()
    qtbot.waitExposed(page)
    return page


def make_and_wait(qtbot: QtBot, page: ReportsPage) -> None:
    with qtbot.waitSignal(page.make_button.clicked, timeout=WAIT):
        page.make_button.click()
    assert page.task is not None
    qtbot.waitUntil(lambda: page.task is None, timeout=WAIT)


def files_in(folder: str) -> list[Path]:
    root = paths.reports_dir() / folder
    return sorted(root.rglob("*")) if root.exists() else []


def test_a_dossier_is_made_listed_with_links_and_its_gaps_counted(
        qtbot: QtBot, certified: Database) -> None:
    page = make_page(qtbot, certified)
    assert page.current_kind() == "dossier"
    page.choose_certificate(CERTIFICATE)
    # the certificate's validity clipped to today
    assert (page.start.date().toPython(), page.end.date().toPython()) == (days_ago(300), TODAY)
    page.language.setCurrentIndex(page.language.findData("en"))
    make_and_wait(qtbot, page)
    assert page.failure == ""
    made = page.made
    assert made is not None and made.gaps is not None and made.gaps > 0
    assert [path.suffix for path in made.files] == [".pdf", ".zip"]
    assert files_in("dossiers") == made.files  # nothing else left (no staging folder)
    assert all(path.parent == paths.reports_dir() / "dossiers" for path in made.files)
    text = page.message.text()
    assert f"{made.gaps} gaps stated in the dossier" in text
    for path in made.files:
        assert path.as_uri().replace("file://", "") in text or str(path) in text
    reader = pypdf.PdfReader(made.files[0])
    assert CERTIFICATE in reader.pages[0].extract_text()
    with zipfile.ZipFile(made.files[1]) as bundle:
        assert "MANIFEST.sha256" in bundle.namelist()
    assert page.open_button.isEnabled() and page.make_button.isEnabled()
    assert page.progress.value() == page.progress.maximum()
    shot = page.grab()
    assert not shot.isNull()
    del shot


def test_a_payout_report_is_made_for_the_year(qtbot: QtBot, certified: Database) -> None:
    page = make_page(qtbot, certified)
    page.choose_kind("payouts")
    assert page.year.isVisibleTo(page) and not page.subject.isVisibleTo(page)
    page.year.setValue(TODAY.year)
    page.record.setChecked(True)
    make_and_wait(qtbot, page)
    assert page.failure == ""
    made = page.made
    assert made is not None and made.recorded == 1 and made.count == 1
    assert [path.suffix for path in made.files] == [".pdf", ".xlsx"]
    assert files_in("payouts") == made.files
    assert "Payout report written for 1 member household" in page.message.text()
    assert rows(certified, Payout) == 1


def test_unpriced_deliveries_refuse_recording_payouts_and_nothing_is_written(
        qtbot: QtBot, certified: Database) -> None:
    member_id = make_member(certified, "M009")
    with certified.read() as session:
        product_id = session.execute(select(Product.id)).scalars().one()
    record_delivery(certified, SYSTEM, code="JS-009", member_id=member_id,
                    product_id=product_id, delivered_on=TODAY, quantity="10", grade="一级")
    page = make_page(qtbot, certified)
    page.choose_kind("payouts")
    page.record.setChecked(True)
    make_and_wait(qtbot, page)
    assert page.made is None
    assert "JS-009" in page.failure and page.failure in page.message.text()
    assert rows(certified, Payout) == 0
    assert files_in("payouts") == []


def test_a_reversed_period_shows_a_sentence_and_writes_nothing(
        qtbot: QtBot, certified: Database) -> None:
    page = make_page(qtbot, certified)
    page.choose_certificate(CERTIFICATE)
    page.set_period(dt.date(2026, 6, 30), dt.date(2026, 1, 1))
    make_and_wait(qtbot, page)
    assert page.made is None
    assert page.failure == ("The period ends (2026-01-01) before it starts (2026-06-30): "
                            "swap the dates.")
    assert page.failure in page.message.text()
    assert files_in("dossiers") == []
    page.choose_kind("epcis")
    page.set_period(dt.date(2026, 6, 30), dt.date(2026, 1, 1))
    make_and_wait(qtbot, page)
    assert page.made is None and "2026-06-30" in page.failure
    assert files_in("exports") == []


def test_cancel_stops_a_running_dossier_and_leaves_no_file(
        qtbot: QtBot, certified: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dossier is held at its third step (in the worker, by a direct connection) while the
    user presses Cancel; then it goes on, sees the cancel and stops."""
    reached, go_on = threading.Event(), threading.Event()

    def hold(done: int, _total: int) -> None:
        if done == 3:
            reached.set()
            go_on.wait(WAIT / 1000)

    def start_held(task: tasks.Task) -> tasks.Task:
        task.signals.progress.connect(hold, Qt.ConnectionType.DirectConnection)
        return tasks.start(task)

    monkeypatch.setattr(reports_page, "start", start_held)
    page = make_page(qtbot, certified)
    page.choose_certificate(CERTIFICATE)
    page.make_button.click()
    try:
        qtbot.waitUntil(reached.is_set, timeout=WAIT)
        assert page.cancel_button.isEnabled()
        page.cancel_button.click()
        assert page.message.text() == "Cancelling…"
    finally:
        go_on.set()
    qtbot.waitUntil(lambda: page.task is None, timeout=WAIT)
    assert page.made is None
    assert page.failure == "The dossier was cancelled; no file was written."
    assert files_in("dossiers") == []
    assert page.make_button.isEnabled() and not page.cancel_button.isEnabled()


def test_an_export_is_written_into_the_exports_folder(qtbot: QtBot,
                                                      certified: Database) -> None:
    page = make_page(qtbot, certified, Role.CLERK)
    page.choose_kind("fsma")
    assert not page.language.isVisibleTo(page)
    make_and_wait(qtbot, page)
    made = page.made
    assert made is not None and made.count > 0
    assert [path.suffix for path in made.files] == [".xlsx"]
    assert files_in("exports") == made.files
    assert "one per event" in page.message.text()


def test_only_managers_and_admins_may_make_the_payout_report(qtbot: QtBot,
                                                             certified: Database) -> None:
    for role, allowed in ((Role.CLERK, False), (Role.AUDITOR, False),
                          (Role.MANAGER, True), (Role.ADMIN, True)):
        page = make_page(qtbot, certified, role)
        model = page.kind.model()
        assert isinstance(model, QStandardItemModel)
        item = model.item(reports_page.KINDS.index("payouts"))
        assert item is not None and item.isEnabled() is allowed, role
        dossier = model.item(reports_page.KINDS.index("dossier"))
        assert dossier is not None and dossier.isEnabled()


def test_schemes_are_offered_and_default_to_this_calendar_year(
        qtbot: QtBot, certified: Database) -> None:
    page = make_page(qtbot, certified)
    subjects = [page.subject.itemData(index) for index in range(page.subject.count())]
    assert [subject.certificate for subject in subjects if subject.certificate] == [CERTIFICATE]
    assert {subject.scheme for subject in subjects if subject.scheme} == set(Scheme)
    page.subject.setCurrentIndex(page.subject.count() - 1)
    assert (page.start.date().toPython(), page.end.date().toPython()) == (
        dt.date(TODAY.year, 1, 1), dt.date(TODAY.year, 12, 31))


def test_the_page_is_reachable_from_the_main_window(qtbot: QtBot,
                                                    certified: Database) -> None:
    window = MainWindow(AppContext(certified, SYSTEM))
    qtbot.addWidget(window)
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    assert window.stack.currentWidget() is page
    assert window.navigation.currentItem().text() == "Reports"
