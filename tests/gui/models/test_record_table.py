"""The record table model: pages of plain rows, checked by pytest-qt's model tester."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from coop_desktop.gui.models.record_table import Column, RecordTableModel

COLUMNS = (Column("code", "Code"), Column("quantity", "Quantity", numeric=True),
           Column("status", "Status", display=lambda value: f"<{value}>"))


def rows(count: int) -> list[dict[str, Any]]:
    return [{"id": index, "code": f"L{index:04d}", "quantity": index * 10, "status": "open"}
            for index in range(count)]


def paged(data: list[dict[str, Any]], calls: list[tuple[int, int]]) -> Any:
    def fetch(offset: int, limit: int) -> list[dict[str, Any]]:
        calls.append((offset, limit))
        return data[offset:offset + limit]
    return fetch


def test_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = RecordTableModel(COLUMNS)
    model.reset(paged(rows(450), []))
    qtmodeltester.check(model)


def test_rows_arrive_page_by_page() -> None:
    calls: list[tuple[int, int]] = []
    model = RecordTableModel(COLUMNS)
    model.reset(paged(rows(450), calls))
    assert model.rowCount() == RecordTableModel.PAGE_SIZE and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 450 and not model.canFetchMore(QModelIndex())
    assert calls == [(0, 200), (200, 200), (400, 200)]


def test_display_alignment_and_raw_value() -> None:
    model = RecordTableModel(COLUMNS)
    model.reset(paged(rows(3), []))
    index = model.index(2, 1)
    assert model.data(index) == "20"
    assert model.data(index, Qt.ItemDataRole.UserRole) == 20
    assert model.data(index, Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(model.index(0, 2)) == "<open>"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Code"


def test_sort_asks_the_page_to_requery() -> None:
    asked: list[tuple[str, bool]] = []
    model = RecordTableModel(COLUMNS)
    model.sort_requested = lambda key, descending: asked.append((key, descending))
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert asked == [("quantity", True)]
