"""The story of a planting batch: its field record with the day each input's pre-harvest
interval ends (highlighted while it runs), its harvests and the lots made of them."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

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
    quantity_text,
    story_or_refusal,
)
from coop_desktop.services.details import ActivityLine, BatchStory, batch_story

#: The columns of the field record; "PHI ends" is the one highlighted while it runs.
PHI_ENDS_COLUMN = 3


class BatchPane(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setMinimumWidth(PANE_MIN_WIDTH)
        self.story: BatchStory | None = None
        self.heading = PaneHeading(self)
        self.heading.set_heading(self.tr("Planting batch"),
                                 self.tr("Select a planting batch to see its story."))
        self.facts = FactsBox(self.tr("Planting batch"), self, columns=2)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.activities = RecordTable([
            self.tr("Date"), self.tr("Activity"), self.tr("Input"), self.tr("PHI ends"),
            self.tr("PHI (days)"), self.tr("Amount"), self.tr("Input lot"),
            self.tr("Registration no."), self.tr("Active ingredient"), self.tr("Operator"),
        ], self)
        self.activities.setObjectName("activities")
        harvests_page = QWidget(self)
        self.harvests = RecordTable([self.tr("Date"), self.tr("Harvest or delivery"),
                                     self.tr("Quantity"), self.tr("Grade"),
                                     self.tr("Into lots")], harvests_page)
        self.harvests.setObjectName("harvests")
        self.lots = RecordTable([self.tr("Lot"), self.tr("Status"), self.tr("From this batch"),
                                 self.tr("Lot quantity"), self.tr("Packed")], harvests_page)
        self.lots.setObjectName("lots")
        inner = QVBoxLayout(harvests_page)
        inner.addWidget(self.harvests, 1)
        inner.addWidget(QLabel(self.tr("Lots made from them"), harvests_page))
        inner.addWidget(self.lots, 1)
        self.tabs.addTab(self.activities, "")
        self.tabs.addTab(harvests_page, "")
        self._name_tabs()
        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.facts)
        body.addWidget(self.tabs, 1)
        self.placeholder = lay_out_pane(self, self.heading, self.body,
                                        self.tr("No planting batch selected."))

    def _name_tabs(self, story: BatchStory | None = None) -> None:
        activities, harvests = ((len(story.activities), len(story.harvests))
                                if story is not None else (0, 0))
        self.tabs.setTabText(0, self.tr("Field record (%1)").replace("%1", str(activities)))
        self.tabs.setTabText(1, self.tr("Harvests (%1)").replace("%1", str(harvests)))

    def show_record(self, row: dict[str, Any]) -> None:
        context = self.context
        story = story_or_refusal(
            self, lambda: batch_story(context.database, context.actor, int(row["id"])),
            str(row.get("code") or ""), self.body)
        if story is not None:
            self.show_story(story)

    def show_story(self, story: BatchStory) -> None:
        self.story = story
        batch = story.batch
        alert = ""
        if story.phi_running and story.harvest_allowed_from is not None:
            alert = self.tr("Inside a pre-harvest interval: no harvest before %1.").replace(
                "%1", date_text(story.harvest_allowed_from))
        self.heading.set_heading(
            f"{batch.code} · {batch.product_name}",
            " · ".join(part for part in (batch.member, batch.season, name_of(batch.status))
                       if part), alert)
        if story.harvest_allowed_from is None:
            allowed = self.tr("any day (no input with a PHI)")
        elif story.phi_running:
            allowed = date_text(story.harvest_allowed_from)
        else:
            allowed = self.tr("now (since %1)").replace(
                "%1", date_text(story.harvest_allowed_from))
        self.facts.set_facts([
            (self.tr("Plot"), batch.plot),
            (self.tr("Household"), batch.member),
            (self.tr("Planted"), date_text(batch.planted_on)),
            (self.tr("Area"), quantity_text(batch.area_mu, self.tr("mu"))),
            (self.tr("Seed or seedlings"), batch.seed_source),
            (self.tr("Seed lot"), batch.seed_lot),
            (self.tr("Status"), name_of(batch.status)),
            (self.tr("Harvest allowed"), allowed),
        ])
        self.activities.set_rows(self._activity_row(activity) for activity in story.activities)
        self.harvests.set_rows(
            [date_text(line.on),
             self.tr("harvest") if line.kind == "harvest"
             else self.tr("delivery %1").replace("%1", line.code),
             Cell(quantity_text(line.quantity, line.unit), True), line.grade,
             Cell(quantity_text(line.into_lots, line.unit), True)]
            for line in story.harvests)
        self.lots.set_rows(
            [lot.code, name_of(lot.status), Cell(quantity_text(lot.taken, lot.unit), True),
             Cell(quantity_text(lot.quantity, lot.unit), True), date_text(lot.pack_date)]
            for lot in story.lots)
        self._name_tabs(story)
        self.placeholder.setVisible(False)
        self.body.setVisible(True)

    def _activity_row(self, activity: ActivityLine) -> list[Cell | str]:
        amount = quantity_text(activity.amount, activity.amount_unit or "")
        phi_ends = Cell(date_text(activity.phi_ends), warning=activity.phi_running,
                        tooltip=self.tr("No harvest before this day.")
                        if activity.phi_running else "")
        return [date_text(activity.performed_on), name_of(activity.kind),
                activity.input_name or "", phi_ends,
                Cell("" if activity.phi_days is None else str(activity.phi_days), True),
                Cell(amount, True), activity.input_lot or "", activity.registration_no or "",
                activity.active_ingredient or "", activity.operator]


@register("batches")
def batch_pane(context: AppContext, parent: QWidget) -> QWidget:
    return BatchPane(context, parent)
