"""A lot's trace drawn as boxes and arrows: sources (harvests, deliveries, animals) on the
left, lots by generation in the middle (parents left of their children), customers on the
right.

The layout is a plain function of the graph (``layout_graph``), a small layered drawing:
lots take the column of their generation (the longest chain of splits, merges and processing
above them); an arrow that skips columns gets a reserved slot in each column it crosses, so it
never runs behind a box; boxes are ordered within their column to keep arrows short
(barycentre sweeps) and then moved toward their neighbours without overlapping.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from coop_desktop.domain.models import CustomerKind, LotStatus
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.gui.details.common import date_text, quantity_text
from coop_desktop.services.details import GraphEdge, GraphNode, TraceGraph

NODE_WIDTH = 178.0
NODE_HEIGHT = 56.0
COLUMN_GAP = 86.0
ROW_GAP = 12.0
DUMMY_HEIGHT = 14.0  # the slot an arrow takes in a column it crosses
SWEEPS = 4
MIN_SCALE = 0.6  # fitting a large trace never shrinks text below this
MAX_EDGE_LABELS = 40

LOT_COLOURS = {
    LotStatus.OPEN: "#FFF4D6", LotStatus.RELEASED: "#DFF3E4", LotStatus.SHIPPED: "#E3ECF7",
    LotStatus.CONSUMED: "#EEEEEE", LotStatus.HELD: "#FFE2C6", LotStatus.RECALLED: "#FDE2E1",
}
KIND_COLOURS = {"harvest": "#F3EBDD", "delivery": "#F3EBDD", "animal": "#F3EBDD",
                "customer": "#EDE3F3"}
EDGE_COLOURS = {"source": "#9C7A4B", "shipment": "#7A5195"}
ORIGIN_BORDER = "#0072B2"


# --- layout -------------------------------------------------------------------------------

@dataclass(frozen=True)
class RoutedEdge:
    edge: GraphEdge
    points: tuple[tuple[float, float], ...]  # from the source's right side to the target's left


@dataclass(frozen=True)
class GraphLayout:
    boxes: dict[str, QRectF]  # node key -> its box in scene coordinates
    columns: dict[str, int]  # node key -> column, 0 at the left
    edges: tuple[RoutedEdge, ...]
    width: float
    height: float


def node_columns(graph: TraceGraph) -> dict[str, int]:
    """Sources in the first column, lots by generation, customers in the last."""
    lots = [node.key for node in graph.nodes if node.kind == "lot"]
    lot_set = set(lots)
    children: dict[str, list[str]] = defaultdict(list)
    incoming: dict[str, int] = dict.fromkeys(lots, 0)
    for edge in graph.edges:
        if edge.source in lot_set and edge.target in lot_set:
            children[edge.source].append(edge.target)
            incoming[edge.target] += 1
    generation = dict.fromkeys(lots, 0)
    ready = sorted(key for key in lots if incoming[key] == 0)
    while ready:  # Kahn's order: a lot's generation is fixed once all its parents are
        key = ready.pop()
        for child in children[key]:
            generation[child] = max(generation[child], generation[key] + 1)
            incoming[child] -= 1
            if incoming[child] == 0:
                ready.append(child)
    has_sources = any(node.direction == "source" for node in graph.nodes)
    first_lot = 1 if has_sources else 0
    last_lot = first_lot + max(generation.values(), default=-1)
    columns: dict[str, int] = {}
    for node in graph.nodes:
        if node.direction == "source":
            columns[node.key] = 0
        elif node.direction == "customer":
            columns[node.key] = last_lot + 1
        else:
            columns[node.key] = first_lot + generation.get(node.key, 0)
    return columns


def layout_graph(graph: TraceGraph) -> GraphLayout:
    columns = node_columns(graph)
    real = {node.key: node for node in graph.nodes}
    # Chains through the columns an arrow crosses.
    chains: list[tuple[GraphEdge, list[str]]] = []
    for index, edge in enumerate(graph.edges):
        if edge.source not in columns or edge.target not in columns:
            continue
        start, end = columns[edge.source], columns[edge.target]
        dummies = [f"~{index}~{column}" for column in range(start + 1, end)]
        for offset, dummy in enumerate(dummies):
            columns[dummy] = start + 1 + offset
        chains.append((edge, [edge.source, *dummies, edge.target]))
    left: dict[str, list[str]] = defaultdict(list)
    right: dict[str, list[str]] = defaultdict(list)
    for _, chain in chains:
        for a, b in pairwise(chain):
            right[a].append(b)
            left[b].append(a)

    count = max(columns.values(), default=-1) + 1
    order: list[list[str]] = [[] for _ in range(count)]
    direction_rank = {"source": 0, "backward": 1, "origin": 2, "forward": 3, "customer": 4}
    for key in sorted(columns, key=lambda key: (
            direction_rank.get(real[key].direction, 5) if key in real else 5, key)):
        order[columns[key]].append(key)

    def rank() -> dict[str, float]:
        return {key: float(index) for column in order for index, key in enumerate(column)}

    for sweep in range(SWEEPS):
        forward = sweep % 2 == 0
        sequence = range(1, count) if forward else range(count - 2, -1, -1)
        for column in sequence:
            position = rank()
            neighbours = left if forward else right

            def centre(key: str, position: dict[str, float] = position,
                       neighbours: dict[str, list[str]] = neighbours) -> float:
                near = neighbours.get(key)
                return (sum(position[other] for other in near) / len(near) if near
                        else position[key])

            order[column].sort(key=centre)

    def height_of(key: str) -> float:
        return NODE_HEIGHT if key in real else DUMMY_HEIGHT

    # Stack each column, then move boxes toward their neighbours, keeping the order.
    top: dict[str, float] = {}
    for stack in order:
        y = 0.0
        for key in stack:
            top[key] = y
            y += height_of(key) + ROW_GAP

    def middle(keys: list[str]) -> float:
        return sum(top[key] + height_of(key) / 2 for key in keys) / len(keys)

    for sweep in range(SWEEPS):
        forward = sweep % 2 == 0
        neighbours = left if forward else right
        sequence = range(1, count) if forward else range(count - 2, -1, -1)
        for index in sequence:
            keys = order[index]
            wanted = {key: middle(neighbours[key]) - height_of(key) / 2
                      for key in keys if neighbours.get(key)}
            if not wanted:
                continue
            bottom = float("-inf")
            for key in keys:  # top down: where it wants to be, below the box above
                y = max(wanted.get(key, top[key]), bottom + ROW_GAP)
                top[key] = y
                bottom = y + height_of(key)
            pushed = sum(top[key] - want for key, want in wanted.items()) / len(wanted)
            for key in keys:  # then the column back up by what pushing moved it on average
                top[key] -= pushed
    lowest = min(top.values(), default=0.0)
    boxes: dict[str, QRectF] = {}
    for key, column in columns.items():
        x = column * (NODE_WIDTH + COLUMN_GAP)
        boxes[key] = QRectF(x, top[key] - lowest, NODE_WIDTH, height_of(key))

    routed = []
    for edge, chain in chains:
        source, target = boxes[chain[0]], boxes[chain[-1]]
        points = [(source.right(), source.center().y())]
        for dummy in chain[1:-1]:
            slot = boxes[dummy]
            points += [(slot.left(), slot.center().y()), (slot.right(), slot.center().y())]
        points.append((target.left(), target.center().y()))
        routed.append(RoutedEdge(edge, tuple(points)))
    width = count * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP if count else 0.0
    height = max((box.bottom() for box in boxes.values()), default=0.0)
    return GraphLayout({key: box for key, box in boxes.items() if key in real},
                       {key: column for key, column in columns.items() if key in real},
                       tuple(routed), width, height)


# --- drawing ------------------------------------------------------------------------------

class NodeItem(QGraphicsRectItem):
    """A box with up to three lines of text, each elided to the box."""

    def __init__(self, node: GraphNode, box: QRectF, lines: Sequence[str], tooltip: str,
                 font: QFont) -> None:
        super().__init__(box)
        self.node = node
        self.lines = list(lines)
        fill = (LOT_COLOURS.get(node.status, "#FFFFFF") if node.status is not None
                else KIND_COLOURS.get(node.kind, "#FFFFFF"))
        self.setBrush(QBrush(QColor(fill)))
        origin = node.direction == "origin"
        self.setPen(QPen(QColor(ORIGIN_BORDER if origin else "#5A5A5A"), 3 if origin else 1))
        self.setToolTip(tooltip)
        self.setZValue(2)
        bold = QFont(font)
        bold.setBold(True)
        y = box.top() + 4
        for index, line in enumerate(self.lines):
            face = bold if index == 0 else font
            metrics = QFontMetrics(face)
            text = QGraphicsSimpleTextItem(
                metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(box.width() - 12)),
                self)
            text.setFont(face)
            text.setPos(box.left() + 6, y)
            y += metrics.height()


class TraceGraphView(QGraphicsView):
    """The trace of a lot as a graph; Ctrl+wheel zooms, dragging pans."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setBackgroundBrush(QBrush(QColor("#FFFFFF")))
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.node_items: dict[str, NodeItem] = {}
        self.edge_items: list[QGraphicsPathItem] = []
        self.layout_: GraphLayout | None = None
        self._zoomed = False

    def show_graph(self, graph: TraceGraph) -> None:
        scene = self.scene()
        scene.clear()
        self.node_items = {}
        self.edge_items = []
        self._zoomed = False
        layout = layout_graph(graph)
        self.layout_ = layout
        font = QFont(self.font())
        small = QFont(font)
        small.setPointSize(max(font.pointSize() - 1, 7))
        for node in graph.nodes:
            box = layout.boxes[node.key]
            item = NodeItem(node, box, self._lines(node), self._tooltip(node), small)
            scene.addItem(item)
            self.node_items[node.key] = item
        labelled = len(layout.edges) <= MAX_EDGE_LABELS
        fan_in: dict[str, int] = defaultdict(int)
        fan_out: dict[str, int] = defaultdict(int)
        for routed in layout.edges:
            fan_in[routed.edge.target] += 1
            fan_out[routed.edge.source] += 1
        for routed in layout.edges:
            # A label goes where its arrow is apart from the others: near the source when
            # several arrows meet at the target, near the target when several leave the source.
            edge = routed.edge
            at = (0.2 if fan_in[edge.target] > 1 else 0.8 if fan_out[edge.source] > 1
                  else 0.5)
            self._draw_edge(routed, small, at if labelled else None)
        scene.setSceneRect(QRectF(-20, -20, layout.width + 40, layout.height + 40))
        self.fit()

    # --- what a box says ------------------------------------------------------------------
    def _lines(self, node: GraphNode) -> list[str]:
        amount = quantity_text(node.quantity, node.unit)
        if node.kind == "lot":
            status = name_of(node.status) if node.status is not None else ""
            return [node.title, " · ".join(part for part in (node.subtitle, amount) if part),
                    " · ".join(part for part in (status, date_text(node.on)) if part)]
        if node.kind == "harvest":
            return [self.tr("Harvest %1").replace("%1", node.title),
                    self.tr("Plot %1").replace("%1", node.subtitle) if node.subtitle else "",
                    " · ".join(part for part in (amount, date_text(node.on)) if part)]
        if node.kind == "delivery":
            return [self.tr("Delivery %1").replace("%1", node.title),
                    self.tr("Household %1").replace("%1", node.subtitle),
                    " · ".join(part for part in (amount, date_text(node.on)) if part)]
        if node.kind == "animal":
            return [self.tr("Animal %1").replace("%1", node.title),
                    self.tr("Household %1").replace("%1", node.subtitle)]
        kind = ""
        if node.subtitle:
            try:
                kind = name_of(CustomerKind(node.subtitle))
            except ValueError:
                kind = node.subtitle
        return [node.title, kind, self.tr("Received %1").replace("%1", amount)]

    def _tooltip(self, node: GraphNode) -> str:
        return "\n".join(line for line in [node.title, *self._lines(node)[1:]] if line)

    def _draw_edge(self, routed: RoutedEdge, font: QFont, label_at: float | None) -> None:
        points = [QPointF(x, y) for x, y in routed.points]
        path = QPainterPath(points[0])
        for start, end in pairwise(points):
            if abs(start.y() - end.y()) < 0.5:
                path.lineTo(end)
            else:
                half = (end.x() - start.x()) / 2
                path.cubicTo(QPointF(start.x() + half, start.y()),
                             QPointF(end.x() - half, end.y()), end)
        edge = routed.edge
        colour = QColor(EDGE_COLOURS.get(edge.kind, "#6A6A6A"))
        pen = QPen(colour, 1.6)
        if edge.kind == "process":
            pen.setStyle(Qt.PenStyle.DashLine)
        item = QGraphicsPathItem(path)
        item.setPen(pen)
        item.setZValue(1)
        quantity = quantity_text(edge.quantity)
        item.setToolTip(quantity)
        self.scene().addItem(item)
        self.edge_items.append(item)
        tip = points[-1]
        head = QGraphicsPolygonItem(QPolygonF([tip, QPointF(tip.x() - 9, tip.y() - 4.5),
                                               QPointF(tip.x() - 9, tip.y() + 4.5)]), item)
        head.setBrush(QBrush(colour))
        head.setPen(QPen(colour))
        if label_at is not None and quantity:
            self._edge_label(path, label_at, quantity, font, item)

    @staticmethod
    def _edge_label(path: QPainterPath, at: float, text: str, font: QFont,
                    parent: QGraphicsItem) -> None:
        label = QGraphicsSimpleTextItem(text, parent)
        label.setFont(font)
        label.setBrush(QBrush(QColor("#333333")))
        bounds = label.boundingRect()
        point = path.pointAtPercent(at)
        label.setPos(point.x() - bounds.width() / 2, point.y() - bounds.height() + 1)
        backdrop = QGraphicsRectItem(bounds.adjusted(-2, 0, 2, 0), label)
        backdrop.setBrush(QBrush(QColor(255, 255, 255, 210)))
        backdrop.setPen(QPen(Qt.PenStyle.NoPen))
        backdrop.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)

    # --- fitting and zooming --------------------------------------------------------------
    def fit(self) -> None:
        """Show the whole graph if it fits at a readable size, else as much as fits around
        the origin lot (scroll or drag for the rest)."""
        rect = self.sceneRect()
        if rect.isEmpty():
            return
        view = self.viewport().rect()
        scale = min(view.width() / rect.width(), view.height() / rect.height(), 1.0)
        scale = max(scale, MIN_SCALE)
        self.setTransform(QTransform.fromScale(scale, scale))
        origin = next((item for item in self.node_items.values()
                       if item.node.direction == "origin"), None)
        self.centerOn(origin.rect().center() if origin is not None else rect.center())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._zoomed:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self.scale(factor, factor)
            self._zoomed = True
            event.accept()
        else:
            super().wheelEvent(event)


def edge_total(graph: TraceGraph, key: str) -> Decimal:
    """What flowed into a node (a customer's deliveries, a lot's inputs)."""
    return sum((edge.quantity for edge in graph.edges if edge.target == key), Decimal(0))
