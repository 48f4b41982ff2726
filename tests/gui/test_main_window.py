"""The main window, shown offscreen over a real database."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from coop_desktop.gui.main_window import MainWindow
from coop_desktop.services import lots, members, production, products
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database


def test_main_window_lists_lots(qtbot: QtBot, coop: Database) -> None:
    member = members.register_member(coop, SYSTEM, code="M1", name="张桂芳", joined_on="2020-01-01")
    plot = members.register_plot(coop, SYSTEM, member_id=member, code="P1", area_mu=3,
                                 land_type="sunlight_greenhouse")
    product = products.register_product(coop, SYSTEM, code="FQ", name_zh="番茄", kind="crop")
    batch = production.register_batch(coop, SYSTEM, code="B1", plot_id=plot, product_id=product,
                                      season="2026", planted_on="2026-03-01")
    harvest = production.record_harvest(coop, SYSTEM, batch_id=batch, quantity=250,
                                        harvested_on=dt.date.today())
    lots.create_lot(coop, SYSTEM, code="FQ26112901", product_id=product,
                    sources=[lots.SourceInput("harvest", harvest, 250)])
    window = MainWindow(coop)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "lots: 1" in window.summary.text() and "members: 1" in window.summary.text()
    assert window.lots.rowCount() == 1
    assert window.lots.item(0, 0).text() == "FQ26112901"
    assert window.lots.item(0, 1).text() == "FQ"
