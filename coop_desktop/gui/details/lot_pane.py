"""The story of a lot: its fields, where it came from (sources, parents), where it went
(children, labels, shipments), the quality records behind it and its whole trace as a graph."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain.models import LotStatus, QualityResult
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details import register
from coop_desktop.gui.details.common import (
    PANE_MIN_WIDTH,
    Cell,
    FactsBox,
    PaneHeading,
    RecordTable,
    date_text,
    lay_out_pane,
    money_text,
    quantity_text,
    story_or_refusal,
)
from coop_desktop.gui.details.trace_graph import TraceGraphView
from coop_desktop.services.details import LotStory, lot_story

ALERT_STATUSES = (LotStatus.HELD, LotStatus.RECALLED)


class LotPane(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setMinimumWidth(PANE_MIN_WIDTH)
        self.story: LotStory | None = None
        self.heading = PaneHeading(self)
        self.heading.set_heading(self.tr("Lot"), self.tr("Select a lot to see its story."))
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)

        overview = QWidget(self)
        self.facts = FactsBox(self.tr("This lot"), overview)
        self.sources = RecordTable([self.tr("Source"), self.tr("Record"), self.tr("Household"),
                                    self.tr("Plot"), self.tr("Date"), self.tr("Quantity")],
                                   overview)
        self.links = RecordTable([self.tr("Relation"), self.tr("Lot"), self.tr("How"),
                                  self.tr("Date"), self.tr("Quantity")], overview)
        self.sources_title = QLabel(self.tr("Where it came from"), overview)
        self.links_title = QLabel(self.tr("Parent and child lots"), overview)
        inner = QVBoxLayout(overview)
        inner.addWidget(self.facts)
        inner.addWidget(self.sources_title)
        inner.addWidget(self.sources, 1)
        inner.addWidget(self.links_title)
        inner.addWidget(self.links, 1)
        inner.addStretch(0)

        graph_page = QWidget(self)
        self.graph = TraceGraphView(graph_page)
        self.graph.setObjectName("trace_graph")
        hint = QLabel(self.tr("Where it came from on the left, where it went on the right; "
                              "this lot has the blue border. Ctrl+wheel zooms, drag to move."),
                      graph_page)
        hint.setWordWrap(True)
        self.enlarge = QPushButton(self.tr("Open in a window…"), graph_page)
        self.enlarge.setObjectName("enlarge_graph")
        self.enlarge.clicked.connect(self.open_graph_window)
        under = QHBoxLayout()
        under.addWidget(hint, 1)
        under.addWidget(self.enlarge)
        graph_layout = QVBoxLayout(graph_page)
        graph_layout.addWidget(self.graph, 1)
        graph_layout.addLayout(under)

        self.quality = RecordTable([self.tr("Record"), self.tr("Tested"), self.tr("Kind"),
                                    self.tr("Result"), self.tr("Lot or batch"),
                                    self.tr("Laboratory"), self.tr("Report no.")], self)
        labels_page = QWidget(self)
        self.labels_summary = QLabel(labels_page)
        self.labels_summary.setWordWrap(True)
        self.labels = RecordTable([self.tr("Serial"), self.tr("Net weight"), self.tr("Status"),
                                   self.tr("Printed")], labels_page)
        labels_layout = QVBoxLayout(labels_page)
        labels_layout.addWidget(self.labels_summary)
        labels_layout.addWidget(self.labels, 1)
        self.shipments = RecordTable([self.tr("Shipment"), self.tr("Shipped"),
                                      self.tr("Customer"), self.tr("Quantity"),
                                      self.tr("Unit price"), self.tr("Amount")], self)

        self.tabs.addTab(overview, "")
        self.tabs.addTab(graph_page, "")
        self.tabs.addTab(self.quality, "")
        self.tabs.addTab(labels_page, "")
        self.tabs.addTab(self.shipments, "")
        self._name_tabs()
        self.placeholder = lay_out_pane(self, self.heading, self.tabs,
                                        self.tr("No lot selected."))

    def _name_tabs(self, story: LotStory | None = None) -> None:
        counts = ((len(story.quality), story.labels.printed, len(story.shipments))
                  if story is not None else (0, 0, 0))
        self.tabs.setTabText(0, self.tr("Overview"))
        self.tabs.setTabText(1, self.tr("Trace graph"))
        self.tabs.setTabText(2, self.tr("Quality (%1)").replace("%1", str(counts[0])))
        self.tabs.setTabText(3, self.tr("Labels (%1)").replace("%1", str(counts[1])))
        self.tabs.setTabText(4, self.tr("Shipments (%1)").replace("%1", str(counts[2])))

    def show_record(self, row: dict[str, Any]) -> None:
        context = self.context
        story = story_or_refusal(
            self, lambda: lot_story(context.database, context.actor, int(row["id"])),
            str(row.get("code") or ""), self.tabs)
        if story is not None:
            self.show_story(story)

    def show_story(self, story: LotStory) -> None:
        self.story = story
        lot = story.lot
        alert = ""
        if lot.status in ALERT_STATUSES:
            alert = self.tr("This lot is %1: it may not be labelled or shipped.").replace(
                "%1", name_of(lot.status))
        self.heading.set_heading(
            f"{lot.code} · {lot.product_name}",
            " · ".join((quantity_text(lot.quantity, lot.unit), name_of(lot.status))), alert)
        self.facts.set_facts([
            (self.tr("Product"), f"{lot.product_name} ({lot.product_code})"),
            (self.tr("Quantity"), quantity_text(lot.quantity, lot.unit)),
            (self.tr("Left"), quantity_text(lot.available, lot.unit)),
            (self.tr("Grade"), lot.grade),
            (self.tr("Harvested"), date_text(lot.harvest_date)),
            (self.tr("Packed"), date_text(lot.pack_date)),
            (self.tr("Best before"), date_text(lot.best_before)),
            (self.tr("Status"), name_of(lot.status)),
            (self.tr("Households behind it"), str(story.members)),
            (self.tr("Customers it reached"), str(story.customers)),
            (self.tr("Notes"), lot.notes),
        ])
        kinds = {"harvest": self.tr("Harvest"), "delivery": self.tr("Delivery"),
                 "animal": self.tr("Animal")}
        self.sources.set_rows(
            [kinds.get(source.kind, source.kind), source.reference, source.member, source.plot,
             date_text(source.on), Cell(quantity_text(source.quantity, source.unit), True)]
            for source in story.sources)
        self.sources.setVisible(bool(story.sources))
        self.sources_title.setText(
            self.tr("Where it came from") if story.sources
            else self.tr("Where it came from: made from its parent lots, below")
            if story.parents else self.tr("Where it came from: no source recorded"))
        self.links.setVisible(bool(story.parents or story.children))
        self.links_title.setVisible(bool(story.parents or story.children))
        self.links.set_rows(
            [relation, link.code, name_of(link.kind), date_text(link.occurred_on),
             Cell(quantity_text(link.quantity, lot.unit), True)]
            for relation, links in ((self.tr("parent"), story.parents),
                                    (self.tr("child"), story.children))
            for link in links)
        self.graph.show_graph(story.graph)
        self.quality.set_rows(
            [record.code, date_text(record.tested_on), name_of(record.kind),
             Cell(name_of(record.result), warning=record.result == QualityResult.FAIL),
             record.lot or record.batch or "", record.laboratory, record.report_number]
            for record in story.quality)
        labels = story.labels
        summary = self.tr("%1 labels printed, %2 voided; net weight on the standing labels "
                          "%3.").replace("%1", str(labels.printed)).replace(
            "%2", str(labels.voided)).replace("%3", quantity_text(labels.net_total, lot.unit))
        if labels.printed > len(labels.listed):
            summary += " " + self.tr("The first %1 are listed.").replace(
                "%1", str(len(labels.listed)))
        self.labels_summary.setText(summary)
        self.labels.set_rows(
            [Cell(str(label.serial), True), Cell(quantity_text(label.net_weight, label.unit),
                                                 True),
             Cell(name_of(label.status), note=label.status.value == "voided"),
             date_text(label.printed_at)]
            for label in labels.listed)
        self.shipments.set_rows(
            [shipment.code, date_text(shipment.shipped_on),
             f"{shipment.customer} ({name_of(shipment.customer_kind)})",
             Cell(quantity_text(shipment.quantity, lot.unit), True),
             Cell(money_text(shipment.unit_price), True),
             Cell(money_text(shipment.amount), True)]
            for shipment in story.shipments)
        self._name_tabs(story)
        self.placeholder.setVisible(False)
        self.tabs.setVisible(True)

    def open_graph_window(self) -> QDialog | None:
        """The trace graph in a window of its own, as large as the screen allows."""
        if self.story is None:
            return None
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Trace of lot %1").replace("%1", self.story.lot.code))
        view = TraceGraphView(dialog)
        view.setObjectName("trace_graph")
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        screen = self.screen().availableGeometry()
        dialog.resize(int(screen.width() * 0.85), int(screen.height() * 0.8))
        view.show_graph(self.story.graph)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog


@register("lots")
def lot_pane(context: AppContext, parent: QWidget) -> QWidget:
    return LotPane(context, parent)
