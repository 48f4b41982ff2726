"""A record list over a real database: search, filters, count, sort, export."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coop_desktop.gui.context import AppContext
from coop_desktop.gui.pages.list_page import ListPage
from coop_desktop.gui.pages.specs import LIST_SPECS
from coop_desktop.services.members import register_member
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database

PEOPLE = [("M001", "王建国", "清源镇", "王庄村"), ("M002", "李秀英", "清源镇", "蔡寨村"),
          ("M003", "王淑珍", "黄羊镇", "王庄村"), ("M004", "马玉兰", "永昌镇", "双城村")]


def members_page(qtbot: QtBot, db: Database) -> ListPage:
    for code, name, township, village in PEOPLE:
        register_member(db, SYSTEM, code=code, name=name, township=township, village=village,
                        joined_on="2019-01-01", phone="13900000000")
    page = ListPage(AppContext(db, SYSTEM), LIST_SPECS["members"])
    qtbot.addWidget(page)
    return page


def shown_codes(page: ListPage) -> list[str]:
    return [page.model.row_at(row)["code"] for row in range(page.model.rowCount())]


def test_search_filters_as_you_type(qtbot: QtBot, coop: Database) -> None:
    page = members_page(qtbot, coop)
    assert shown_codes(page) == ["M001", "M002", "M003", "M004"]
    assert page.count_label.text() == page.tr("%n match(es)", "", 4)
    page.search.insert("王")  # Chinese arrives through the input method, not key by key
    qtbot.waitUntil(lambda: shown_codes(page) == ["M001", "M003"])
    assert page.count_label.text() == page.tr("%n match(es)", "", 2)


def test_filter_and_sort(qtbot: QtBot, coop: Database) -> None:
    page = members_page(qtbot, coop)
    village = page.filters["village"]
    village.setCurrentIndex(village.findData("王庄村"))
    assert shown_codes(page) == ["M001", "M003"]
    page.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert shown_codes(page) == ["M003", "M001"]


def test_export_current_view_to_csv_and_xlsx(qtbot: QtBot, coop: Database,
                                            tmp_path: Path) -> None:
    page = members_page(qtbot, coop)
    page.filters["township"].setCurrentIndex(page.filters["township"].findData("清源镇"))
    for name in ("members.csv", "members.xlsx"):
        with qtbot.waitSignal(page.export_finished, timeout=10_000) as finished:
            page.export_to(tmp_path / name)
        assert finished.args == [str(tmp_path / name), 2]
    with (tmp_path / "members.csv").open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    assert table[0][:2] == ["Code", "Head of household"]
    assert [row[1] for row in table[1:]] == ["王建国", "李秀英"]
    sheet = load_workbook(tmp_path / "members.xlsx", read_only=True).active
    assert sheet is not None
    values = [row[1] for row in sheet.iter_rows(values_only=True)]
    assert values == ["Head of household", "王建国", "李秀英"]
    assert not list(tmp_path.glob("*.part"))
