"""The lot pane on a real database: fields, sources, parents and children, quality records,
labels, shipments and the trace graph; and the graph's layout on a large trace."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import combinations

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import LotStatus
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details import DETAIL_PANES
from coop_desktop.gui.details.lot_pane import LotPane
from coop_desktop.gui.details.trace_graph import (
    MIN_SCALE,
    NODE_WIDTH,
    TraceGraphView,
    layout_graph,
    node_columns,
)
from coop_desktop.gui.pages.list_page import ListPage
from coop_desktop.gui.pages.specs import LIST_SPECS
from coop_desktop.services.details import GraphEdge, GraphNode, TraceGraph
from coop_desktop.storage.database import Database
from tests.gui.details.conftest import list_row
from tests.services.test_details import World


def lot_pane(qtbot: QtBot, context: AppContext) -> LotPane:
    pane = DETAIL_PANES["lots"](context, None)  # type: ignore[arg-type]
    assert isinstance(pane, LotPane)
    qtbot.addWidget(pane)
    pane.resize(640, 800)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def test_a_merged_lot_tells_its_story(qtbot: QtBot, coop: Database, world: World,
                                      context: AppContext) -> None:
    pane = lot_pane(qtbot, context)
    assert not pane.tabs.isVisible()
    pane.show_record(list_row(coop, "lots", "code", "LM"))
    assert pane.tabs.isVisible()
    assert pane.heading.title.text() == "LM · 白兰瓜"
    assert pane.facts.value("Quantity") == "80 kg"
    assert pane.facts.value("Left") == "30 kg"  # 50 kg shipped
    assert pane.facts.value("Status") == "released"
    assert not pane.sources.isVisibleTo(pane)  # made from parent lots, not from a harvest
    assert [pane.links.column_texts(column) for column in range(3)] == [
        ["parent", "parent"], ["LA2", "LD"], ["merge", "merge"]]
    assert pane.quality.column_texts(0) == ["Q-LA", "Q-LD"]
    assert pane.shipments.column_texts(0) == ["S002"]
    assert pane.shipments.cell_text(0, 5) == "360.00"  # 50 kg at 7.20
    assert [pane.tabs.tabText(index) for index in range(5)] == [
        "Overview", "Trace graph", "Quality (2)", "Labels (0)", "Shipments (1)"]

    graph = pane.graph
    assert sorted(graph.node_items) == sorted(
        ["lot:LA", "lot:LA2", "lot:LD", "lot:LM", "delivery:JS1", "customer:鲜果网店",
         next(key for key in graph.node_items if key.startswith("harvest:"))])
    assert len(graph.edge_items) == 6
    layout = graph.layout_
    assert layout is not None
    columns = layout.columns
    assert columns["lot:LA"] < columns["lot:LA2"] < columns["lot:LM"] < columns[
        "customer:鲜果网店"]
    assert columns["delivery:JS1"] == 0
    origin = graph.node_items["lot:LM"]
    assert origin.pen().width() == 3
    assert origin.lines[:2] == ["LM", "白兰瓜 · 80 kg"]


def test_a_split_lot_lists_its_labels_and_its_source(qtbot: QtBot, coop: Database,
                                                     world: World,
                                                     context: AppContext) -> None:
    pane = lot_pane(qtbot, context)
    pane.show_record(list_row(coop, "lots", "code", "LA1"))
    assert pane.labels.column_texts(0) == ["1", "2", "3"]
    assert pane.labels.column_texts(2) == ["printed", "voided", "printed"]
    assert pane.labels_summary.text().startswith("3 labels printed, 1 voided")
    assert "10 kg" in pane.labels_summary.text()
    pane.show_record(list_row(coop, "lots", "code", "LA"))
    assert pane.sources.isVisibleTo(pane)
    assert [pane.sources.cell_text(0, column) for column in range(6)] == [
        "Harvest", "B001", "M001 户主M001", "P001", (dt.date.today() - dt.timedelta(days=20))
        .isoformat(), "100 kg"]
    assert pane.links.column_texts(1) == ["LA1", "LA2"]
    assert pane.links.column_texts(0) == ["child", "child"]


def test_a_held_lot_is_flagged(qtbot: QtBot, coop: Database, world: World,
                               context: AppContext) -> None:
    pane = lot_pane(qtbot, context)
    pane.show_record(list_row(coop, "lots", "code", "LH"))
    assert pane.heading.alert.isVisible()
    assert "held" in pane.heading.alert.text()


def test_the_graph_opens_in_a_window(qtbot: QtBot, coop: Database, world: World,
                                     context: AppContext) -> None:
    pane = lot_pane(qtbot, context)
    assert pane.open_graph_window() is None  # nothing selected yet
    pane.show_record(list_row(coop, "lots", "code", "LM"))
    dialog = pane.open_graph_window()
    assert isinstance(dialog, QDialog)
    qtbot.addWidget(dialog)
    view = dialog.findChild(TraceGraphView)
    assert view is not None
    assert len(view.node_items) == 7
    dialog.close()


def test_the_list_shows_the_pane_of_the_selected_lot(qtbot: QtBot, coop: Database,
                                                     world: World,
                                                     context: AppContext) -> None:
    page = ListPage(context, LIST_SPECS["lots"])
    qtbot.addWidget(page)
    assert isinstance(page.detail, LotPane)
    assert page.select_code("code", "LS")
    assert page.detail.story is not None
    assert page.detail.story.lot.code == "LS"
    assert page.detail.sources.column_texts(1) == ["620602-00018"]
    assert "animal:620602-00018" in page.detail.graph.node_items


# --- the layout of a large trace ----------------------------------------------------------------

def big_trace() -> TraceGraph:
    """60 boxes: 30 deliveries into 6 lots, merged in pairs (3), merged again into one, split
    into 10 lots shipped to 10 customers; plus one delivery straight into the final merge."""
    nodes: list[GraphNode] = []
    edges: list[GraphEdge] = []

    def lot(code: str, direction: str) -> str:
        nodes.append(GraphNode(f"lot:{code}", "lot", code, "蜜瓜", Decimal(100), "kg",
                               LotStatus.CONSUMED, dt.date(2026, 11, 1), direction))
        return f"lot:{code}"

    firsts = [lot(f"F{index}", "backward") for index in range(6)]
    for index in range(30):
        key = f"delivery:D{index:02d}"
        nodes.append(GraphNode(key, "delivery", f"D{index:02d}", f"M{index:03d}", Decimal(20),
                               "kg", None, dt.date(2026, 10, 30), "source"))
        edges.append(GraphEdge(key, firsts[index % 6], Decimal(20), "source"))
    pairs = [lot(f"P{index}", "backward") for index in range(3)]
    for index, first in enumerate(firsts):
        edges.append(GraphEdge(first, pairs[index // 2], Decimal(100), "merge"))
    origin = lot("ALL", "origin")
    for pair in pairs:
        edges.append(GraphEdge(pair, origin, Decimal(200), "merge"))
    nodes.append(GraphNode("delivery:LATE", "delivery", "LATE", "M099", Decimal(5), "kg",
                           None, None, "source"))
    edges.append(GraphEdge("delivery:LATE", lot("LATE-LOT", "backward"), Decimal(5), "source"))
    edges.append(GraphEdge("lot:LATE-LOT", origin, Decimal(5), "merge"))
    for index in range(9):
        child = lot(f"C{index}", "forward")
        edges.append(GraphEdge(origin, child, Decimal(60), "split"))
        customer = f"customer:K{index}"
        nodes.append(GraphNode(customer, "customer", f"客户{index}", "wholesale", Decimal(60),
                               "kg", None, None, "customer"))
        edges.append(GraphEdge(child, customer, Decimal(60), "shipment"))
    return TraceGraph(tuple(nodes), tuple(edges))


def test_a_large_trace_is_laid_out_by_generation_without_overlaps() -> None:
    graph = big_trace()
    assert len(graph.nodes) == 60
    columns = node_columns(graph)
    assert {columns[node.key] for node in graph.nodes if node.direction == "source"} == {0}
    assert {columns[key] for key in ("lot:F0", "lot:LATE-LOT")} == {1}
    assert columns["lot:P0"] == 2
    assert columns["lot:ALL"] == 3
    assert columns["lot:C0"] == 4
    assert {columns[node.key] for node in graph.nodes if node.kind == "customer"} == {5}
    layout = layout_graph(graph)
    boxes = layout.boxes
    assert len(boxes) == 60
    for (key_a, box_a), (key_b, box_b) in combinations(boxes.items(), 2):
        assert not box_a.intersects(box_b), (key_a, key_b)
    for routed in layout.edges:  # every arrow runs left to right, between columns
        xs = [x for x, _ in routed.points]
        assert xs == sorted(xs)
        assert xs[0] == boxes[routed.edge.source].right()
        assert xs[-1] == boxes[routed.edge.target].left()
    # The arrow from the late lot skips the column of the pairs: it gets a slot there, so it
    # passes no box.
    late = next(routed for routed in layout.edges if routed.edge.source == "lot:LATE-LOT")
    assert len(late.points) == 4
    _, slot_y = late.points[1]
    assert not any(box.top() <= slot_y <= box.bottom() for key, box in boxes.items()
                   if layout.columns[key] == 2)
    assert layout.width == 6 * NODE_WIDTH + 5 * 86.0


def test_a_large_trace_stays_readable_in_the_view(qtbot: QtBot) -> None:
    view = TraceGraphView()
    qtbot.addWidget(view)
    view.resize(600, 500)
    view.show()
    qtbot.waitExposed(view)
    view.show_graph(big_trace())
    assert len(view.node_items) == 60
    assert len(view.edge_items) == 30 + 6 + 3 + 2 + 18
    assert view.transform().m11() >= MIN_SCALE  # scrolls rather than shrinking text away
    pixmap = view.grab()
    assert not pixmap.isNull()
    del pixmap
