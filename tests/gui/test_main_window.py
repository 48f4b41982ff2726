"""The main window over a real database: navigation, pages, shortcuts, remembered page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import Role
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.main_window import PAGE_ORDER, MainWindow
from coop_desktop.gui.pages.list_page import ListPage
from coop_desktop.services import lots, members, production, products
from coop_desktop.services.permissions import SYSTEM, Actor
from coop_desktop.storage.database import Database


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
    QSettings().clear()
    window = MainWindow(AppContext(coop, SYSTEM))
    qtbot.addWidget(window)
    window.show_page("labels")
    window.close()
    again = MainWindow(AppContext(coop, SYSTEM))
    qtbot.addWidget(again)
    assert again.current_page_key() == "labels"
    QSettings().clear()
