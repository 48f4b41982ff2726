"""The story of a member household: its plots with their certification standing, its
animals, its deliveries with what they came to, and the payout of each year.

The pane shows no ID number, phone, account or poverty status: the list row beside it has
what the office needs, and the payout chart is of money only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from coop_desktop.domain.vocabulary import name_of
from coop_desktop.gui.charts import bar_chart, plot_widget, set_axis_label
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details import register
from coop_desktop.gui.details.common import (
    PANE_MIN_WIDTH,
    Cell,
    PaneHeading,
    RecordTable,
    date_text,
    lay_out_pane,
    money_text,
    quantity_text,
    story_or_refusal,
)
from coop_desktop.services.details import MemberStory, PlotLine, member_story


class MemberPane(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setMinimumWidth(PANE_MIN_WIDTH)
        self.story: MemberStory | None = None
        self.heading = PaneHeading(self)
        self.heading.set_heading(self.tr("Member household"),
                                 self.tr("Select a household to see its story."))
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.plots = RecordTable([self.tr("Plot"), self.tr("Name"), self.tr("Village"),
                                  self.tr("Area (mu)"), self.tr("Land type"),
                                  self.tr("Certification"), self.tr("GI area")], self)
        self.plots.setObjectName("plots")
        self.animals = RecordTable([self.tr("Ear tag"), self.tr("Species"), self.tr("Breed"),
                                    self.tr("Sex"), self.tr("Born"), self.tr("Herd"),
                                    self.tr("Status")], self)
        self.animals.setObjectName("animals")
        self.deliveries = RecordTable([self.tr("Delivery"), self.tr("Delivered"),
                                       self.tr("Product"), self.tr("Quantity"),
                                       self.tr("Unit price"), self.tr("Amount"),
                                       self.tr("Grade"), self.tr("Planting batch")], self)
        self.deliveries.setObjectName("deliveries")
        payouts_page = QWidget(self)
        self.payouts = RecordTable([self.tr("Year"), self.tr("Deliveries"),
                                    self.tr("Amount (yuan)"), self.tr("Without a price")],
                                   payouts_page)
        self.payouts.setObjectName("payouts")
        self.payout_chart = plot_widget(payouts_page)
        self.payout_chart.setObjectName("payout_chart")
        set_axis_label(self.payout_chart, "left", self.tr("Yuan"))
        inner = QVBoxLayout(payouts_page)
        inner.addWidget(self.payouts, 1)
        inner.addWidget(self.payout_chart, 2)
        for page in (self.plots, self.animals, self.deliveries, payouts_page):
            self.tabs.addTab(page, "")
        self._name_tabs()
        self.placeholder = lay_out_pane(self, self.heading, self.tabs,
                                        self.tr("No household selected."))

    def _name_tabs(self, story: MemberStory | None = None) -> None:
        plots, animals, deliveries = ((len(story.plots), len(story.animals),
                                       len(story.deliveries)) if story else (0, 0, 0))
        self.tabs.setTabText(0, self.tr("Plots (%1)").replace("%1", str(plots)))
        self.tabs.setTabText(1, self.tr("Animals (%1)").replace("%1", str(animals)))
        self.tabs.setTabText(2, self.tr("Deliveries (%1)").replace("%1", str(deliveries)))
        self.tabs.setTabText(3, self.tr("Payouts"))

    def show_record(self, row: dict[str, Any]) -> None:
        context = self.context
        story = story_or_refusal(
            self, lambda: member_story(context.database, context.actor, int(row["id"])),
            str(row.get("code") or ""), self.tabs)
        if story is not None:
            self.show_story(story)

    def show_story(self, story: MemberStory) -> None:
        self.story = story
        member = story.member
        where = " ".join(part for part in (member.township, member.village) if part)
        facts = [where,
                 self.tr("%1 people").replace("%1", str(member.household_size)),
                 self.tr("member since %1").replace("%1", date_text(member.joined_on)),
                 self.tr("%1 mu in %2 plots").replace("%1", quantity_text(story.area_mu))
                 .replace("%2", str(len(story.plots)))]
        alert = ""
        if member.left_on is not None:
            alert = self.tr("Left the cooperative on %1.").replace(
                "%1", date_text(member.left_on))
        self.heading.set_heading(f"{member.code} · {member.name}",
                                 " · ".join(part for part in facts if part), alert)
        self.plots.set_rows(self._plot_row(plot) for plot in story.plots)
        self.animals.set_rows(
            [animal.ear_tag, name_of(animal.species), animal.breed, name_of(animal.sex),
             date_text(animal.birth_date), animal.herd, name_of(animal.status)]
            for animal in story.animals)
        self.deliveries.set_rows(
            [delivery.code, date_text(delivery.delivered_on), delivery.product,
             Cell(quantity_text(delivery.quantity, delivery.unit), True),
             Cell(money_text(delivery.unit_price), True),
             Cell(money_text(delivery.amount) if delivery.amount is not None
                  else self.tr("no price yet"), True, note=delivery.amount is None),
             delivery.grade, delivery.batch or ""]
            for delivery in story.deliveries)
        self.payouts.set_rows(
            [str(payout.year), Cell(str(payout.deliveries), True),
             Cell(money_text(payout.amount), True),
             Cell(str(payout.unpriced) if payout.unpriced else "", True,
                  note=bool(payout.unpriced))]
            for payout in reversed(story.payouts))
        bar_chart(self.payout_chart, [str(payout.year) for payout in story.payouts],
                  [(self.tr("Payout"), [payout.amount for payout in story.payouts])])
        self._name_tabs(story)
        self.placeholder.setVisible(False)
        self.tabs.setVisible(True)

    def _plot_row(self, plot: PlotLine) -> list[Cell | str]:
        standings = "; ".join(
            " ".join(part for part in (
                f"{name_of(standing.scheme)}: {name_of(standing.status)}",
                self.tr("since %1").replace("%1", date_text(standing.since))
                if standing.since else "") if part)
            for standing in plot.standings)
        return [plot.code, plot.name, plot.village, Cell(quantity_text(plot.area_mu), True),
                name_of(plot.land_type), Cell(standings, tooltip=standings),
                self.tr("yes") if plot.in_gi_area else ""]


@register("members")
def member_pane(context: AppContext, parent: QWidget) -> QWidget:
    return MemberPane(context, parent)
