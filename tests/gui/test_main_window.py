"""The main window over a real database: navigation, pages, shortcuts, remembered page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from coop_desktop.domain.models import Lot, PlantingBatch, Role
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.main_window import PAGE_ORDER, MainWindow
from coop_desktop.gui.pages.list_page import ListPage
from coop_desktop.gui.pages.trace_page import TracePage
from coop_desktop.services import labels, lots, members, production, products, quality
from coop_desktop.services.permissions import SYSTEM, Actor
from coop_desktop.storage.database import Database
from tests.gui.keyboard import Keyboard


def _one_lot(db: Database) -> None:
    member = members.register_member(db, SYSTEM, code="M1", name="张桂芳", joined_on="2020-01-01")
    plot = members.register_plot(db, SYSTEM, member_id=member, code="P1", area_mu=3,
                                 land_type="sunlight_greenhouse")
    product = products.register_product(db, SYSTEM, code="FQ", name_zh="番茄", kind="crop")
    batch = production.register_batch(db, SYSTEM, code="B1", plot_id=plot, product_id=product,
                                      season="2026", planted_on="2026-03-01")
    harvest = production.record_harvest(db, SYSTEM, batch_id=batch, quantity=250,
                                        harvested_on=dt.date.today())
    lots.create_lot(db, SYSTEM, code="FQ26112901", product_id=product,
                    sources=[lots.SourceInput("harvest", harvest, 250)])


def test_every_page_opens_and_lists_real_rows(qtbot: QtBot, coop: Database) -> None:
    _one_lot(coop)
    window = MainWindow(AppContext(coop, Actor("clerk1", Role.CLERK)))
    qtbot.addWidget(window)
    window.show()
    for key in PAGE_ORDER:
        page = window.show_page(key)
        assert window.stack.currentWidget() is page
    lots_page = window.show_page("lots")
    assert isinstance(lots_page, ListPage)
    assert lots_page.model.row_at(0)["code"] == "FQ26112901"
    assert lots_page.model.data(lots_page.model.index(0, 1)) == "FQ"
    assert "clerk1" in window.user_label.text()


def test_window_remembers_its_page(qtbot: QtBot, coop: Database) -> None:
    window = MainWindow(AppContext(coop, SYSTEM))
    qtbot.addWidget(window)
    window.show_page("labels")
    window.close()
    again = MainWindow(AppContext(coop, SYSTEM))
    qtbot.addWidget(again)
    assert again.current_page_key() == "labels"
    assert QSettings().value("main_window/page") == "labels"


def test_a_scanned_label_lands_on_its_lot(qtbot: QtBot, coop: Database) -> None:
    _one_lot(coop)
    with coop.read() as session:
        lot_id = session.execute(select(Lot.id).where(Lot.code == "FQ26112901")).scalar_one()
    quality.record_quality(coop, SYSTEM, code="Q1", kind="rapid_residue",
                           tested_on=dt.date.today(), lot_id=lot_id,
                           parameters=[quality.ParameterInput("抑制率", 9, 50, "%")])
    lots.release_lot(coop, SYSTEM, lot_id)
    serial = labels.print_labels(coop, SYSTEM, lot_id=lot_id, count=3)[1]
    window = MainWindow(AppContext(coop, Actor("packer1", Role.PACKER)))
    qtbot.addWidget(window)
    window.show()
    members_page = window.show_page("members")
    assert isinstance(members_page, ListPage)
    members_page.search.setFocus()
    Keyboard(members_page.search).type(
        f"https://trace.example-coop.cn/l/FQ26112901/{serial}\n", every_ms=4)
    qtbot.waitUntil(lambda: window.current_page_key() == "lots", timeout=3000)
    lots_page = window.page("lots")
    assert isinstance(lots_page, ListPage)
    selected = lots_page.selected_row()
    assert selected is not None and selected["code"] == "FQ26112901"
    assert members_page.search.text() == ""  # the scan did not type into the focused box


def test_an_input_lot_scan_opens_its_trace(qtbot: QtBot, coop: Database) -> None:
    _one_lot(coop)
    with coop.read() as session:
        batch = session.execute(select(PlantingBatch.id)).scalar_one()
    production.record_activity(coop, SYSTEM, batch_id=batch, kind="fertilising",
                               performed_on="2026-03-10", input_name="尿素",
                               input_lot="UREA-2603")
    window = MainWindow(AppContext(coop, SYSTEM))
    qtbot.addWidget(window)
    window.show()
    Keyboard(window.navigation).type("UREA-2603\n", every_ms=4)
    qtbot.waitUntil(lambda: window.current_page_key() == "trace", timeout=3000)
    page = window.page("trace")
    assert isinstance(page, TracePage)
    assert page.result is not None, page.message.text()
    assert page.result.origin == ["FQ26112901"] and "尿素" in page.story.toPlainText()
