"""The Trace page: a sprayed input's lot traced to the lots that hold its produce, drawn as a
graph and told as a list, and recalled in one click into a PDF and a CSV."""

from __future__ import annotations

from pathlib import Path

import pypdf
from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import Role
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details.trace_graph import NodeItem
from coop_desktop.gui.pages.trace_page import TracePage
from coop_desktop.services.lots import OutputInput, split_lot
from coop_desktop.services.permissions import SYSTEM, Actor
from coop_desktop.services.production import record_activity
from coop_desktop.storage.database import Database
from tests.services.builders import days_ago, harvested_lot, make_product, passing_test


def _sprayed(db: Database) -> None:
    crop, lot_id = harvested_lot(db, "L001", "100", product_id=make_product(db))
    record_activity(db, SYSTEM, batch_id=crop.batch_id, kind="plant_protection",
                    performed_on=days_ago(40), input_name="吡虫啉", input_lot="PY2026-07",
                    phi_days=7, amount="20", amount_unit="g")
    passing_test(db, lot_id, "Q-1")
    split_lot(db, SYSTEM, lot_id, [OutputInput("L001-A", "60"), OutputInput("L001-B", "40")])


def test_an_input_lot_is_traced_drawn_and_recalled_in_one_click(
        coop: Database, qtbot: QtBot, data_dir: Path) -> None:
    _sprayed(coop)
    page = TracePage(AppContext(coop, Actor("clerk", Role.CLERK)))
    qtbot.addWidget(page)
    assert not page.recall_button.isEnabled()
    result = page.trace_code("PY2026-07")
    assert result is not None and result.matched == "input_lot"
    nodes = [item for item in page.graph.scene().items() if isinstance(item, NodeItem)]
    assert len(nodes) >= 3
    assert "L001-A" in page.story.toPlainText()
    assert page.recall_button.isEnabled()
    page.recall_button.click()
    assert page.recalled is not None
    assert {lot.code for lot in page.recalled.lots} == {"L001", "L001-A", "L001-B"}
    pdf, table = (Path(name) for name in page.report_files)
    assert pdf.parent == data_dir / "reports" and pdf.is_file() and table.is_file()
    assert "L001-B" in pypdf.PdfReader(pdf).pages[0].extract_text()
    assert "3 lots affected" in page.message.text()


def test_an_unknown_code_says_so_and_offers_no_recall(coop: Database, qtbot: QtBot) -> None:
    page = TracePage(AppContext(coop, Actor("clerk", Role.CLERK)))
    qtbot.addWidget(page)
    assert page.trace_code("<NOPE>") is None
    assert "&lt;NOPE&gt;" in page.message.text() or "NOPE" in page.message.text()
    assert not page.recall_button.isEnabled()
