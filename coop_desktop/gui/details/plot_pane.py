"""The story of a plot: its standing in each certification scheme and the certificates that
name it, the planting batches grown on it and what they yielded, and its sensors."""

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
from coop_desktop.services.details import PlotStory, plot_story


class PlotPane(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setMinimumWidth(PANE_MIN_WIDTH)
        self.story: PlotStory | None = None
        self.heading = PaneHeading(self)
        self.heading.set_heading(self.tr("Plot"), self.tr("Select a plot to see its story."))
        self.facts = FactsBox(self.tr("Plot"), self, columns=2)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.batches = RecordTable([self.tr("Planting batch"), self.tr("Product"),
                                    self.tr("Season"), self.tr("Planted"),
                                    self.tr("Area (mu)"), self.tr("Harvested"),
                                    self.tr("Status")], self)
        self.batches.setObjectName("batches")
        certification_page = QWidget(self)
        self.standings = RecordTable([self.tr("Scheme"), self.tr("Standing"), self.tr("Since"),
                                      self.tr("Certified on")], certification_page)
        self.standings.setObjectName("standings")
        self.certificates = RecordTable([self.tr("Certificate"), self.tr("Scheme"),
                                         self.tr("Certifier"), self.tr("Valid from"),
                                         self.tr("Valid until")], certification_page)
        self.certificates.setObjectName("certificates")
        inner = QVBoxLayout(certification_page)
        inner.addWidget(QLabel(self.tr("Standing in each scheme"), certification_page))
        inner.addWidget(self.standings, 1)
        inner.addWidget(QLabel(self.tr("Certificates that name this plot"),
                               certification_page))
        inner.addWidget(self.certificates, 2)
        self.tabs.addTab(self.batches, "")
        self.tabs.addTab(certification_page, "")
        self._name_tabs()
        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.facts)
        body.addWidget(self.tabs, 1)
        self.placeholder = lay_out_pane(self, self.heading, self.body,
                                        self.tr("No plot selected."))

    def _name_tabs(self, story: PlotStory | None = None) -> None:
        batches, certificates = ((len(story.batches), len(story.certificates))
                                 if story is not None else (0, 0))
        self.tabs.setTabText(0, self.tr("Planting (%1)").replace("%1", str(batches)))
        self.tabs.setTabText(1, self.tr("Certification (%1)").replace("%1", str(certificates)))

    def show_record(self, row: dict[str, Any]) -> None:
        context = self.context
        story = story_or_refusal(
            self, lambda: plot_story(context.database, context.actor, int(row["id"])),
            str(row.get("code") or ""), self.body)
        if story is not None:
            self.show_story(story)

    def show_story(self, story: PlotStory) -> None:
        self.story = story
        plot = story.plot
        title = " · ".join(part for part in (plot.code, plot.name) if part)
        self.heading.set_heading(title, " · ".join(part for part in (
            plot.member, plot.village, quantity_text(plot.area_mu, self.tr("mu")),
            name_of(plot.land_type)) if part))
        where = (f"{plot.latitude:.5f}, {plot.longitude:.5f}"
                 if plot.latitude is not None and plot.longitude is not None else "")
        self.facts.set_facts([
            (self.tr("Household"), plot.member),
            (self.tr("Village"), plot.village),
            (self.tr("Area"), quantity_text(plot.area_mu, self.tr("mu"))),
            (self.tr("Land type"), name_of(plot.land_type)),
            (self.tr("In the GI area"), self.tr("yes") if plot.in_gi_area else self.tr("no")),
            (self.tr("Coordinates"), where),
            (self.tr("Sensors"), ", ".join(story.sensors)),
        ])
        self.batches.set_rows(
            [batch.code, batch.product, batch.season, date_text(batch.planted_on),
             Cell(quantity_text(batch.area_mu), True),
             Cell(quantity_text(batch.harvested, batch.unit), True), name_of(batch.status)]
            for batch in story.batches)
        self.standings.set_rows(
            [name_of(standing.scheme), name_of(standing.status), date_text(standing.since),
             date_text(standing.certified_on)]
            for standing in story.standings)
        self.certificates.set_rows(
            [certificate.number, name_of(certificate.scheme), certificate.certifier,
             date_text(certificate.valid_from),
             Cell(date_text(certificate.valid_until), note=not certificate.valid_today,
                  tooltip="" if certificate.valid_today else self.tr("Not valid today"))]
            for certificate in story.certificates)
        self._name_tabs(story)
        self.placeholder.setVisible(False)
        self.body.setVisible(True)


@register("plots")
def plot_pane(context: AppContext, parent: QWidget) -> QWidget:
    return PlotPane(context, parent)
