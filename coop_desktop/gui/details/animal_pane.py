"""The story of an animal: its events in date order, a weight chart with the average daily
gain, and a warning while a withdrawal period runs."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from coop_desktop.domain.vocabulary import name_of
from coop_desktop.gui.charts import (
    clear_chart,
    colour,
    plot_widget,
    set_axis_label,
    timestamp,
)
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
from coop_desktop.services.details import AnimalStory, EventLine, animal_story


class AnimalPane(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setMinimumWidth(PANE_MIN_WIDTH)
        self.story: AnimalStory | None = None
        self.heading = PaneHeading(self)
        self.heading.set_heading(self.tr("Animal"), self.tr("Select an animal to see its story."))
        self.facts = FactsBox(self.tr("Animal"), self, columns=2)
        self.chart = plot_widget(self, dates=True)
        self.chart.setObjectName("weight_chart")
        set_axis_label(self.chart, "left", self.tr("Weight (kg)"))
        self.gain = QLabel(self)
        self.gain.setObjectName("daily_gain")
        self.gain.setWordWrap(True)
        self.gain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bold = QFont(self.gain.font())
        bold.setBold(True)
        self.gain.setFont(bold)
        weights = QWidget(self)
        weights_layout = QVBoxLayout(weights)
        weights_layout.setContentsMargins(0, 0, 0, 0)
        weights_layout.setSpacing(2)
        weights_layout.addWidget(self.gain)
        weights_layout.addWidget(self.chart, 1)
        self.timeline = RecordTable([self.tr("Date"), self.tr("Event"),
                                     self.tr("Withdrawal ends"), self.tr("Details")], self)
        self.timeline.setObjectName("timeline")
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.addWidget(self.facts)
        self.split.addWidget(weights)
        self.split.addWidget(self.timeline)
        self.split.setStretchFactor(0, 0)
        self.split.setStretchFactor(1, 2)
        self.split.setStretchFactor(2, 3)
        self.split.setChildrenCollapsible(False)
        self.placeholder = lay_out_pane(self, self.heading, self.split,
                                        self.tr("No animal selected."))

    def show_record(self, row: dict[str, Any]) -> None:
        context = self.context
        story = story_or_refusal(
            self, lambda: animal_story(context.database, context.actor, int(row["id"])),
            str(row.get("ear_tag") or ""), self.split)
        if story is not None:
            self.show_story(story)

    def show_story(self, story: AnimalStory) -> None:
        self.story = story
        animal = story.animal
        alert = ""
        if story.withdrawal_until is not None:
            alert = self.tr("Withdrawal period of %1 until %2: no slaughter or sale for food "
                            "before that day.").replace("%1", story.withdrawal_drug or "") \
                .replace("%2", date_text(story.withdrawal_until))
        kind = " ".join(part for part in (name_of(animal.species), animal.breed,
                                          name_of(animal.sex)) if part)
        self.heading.set_heading(f"{animal.ear_tag} · {kind}",
                                 " · ".join(part for part in (animal.owner, animal.herd,
                                                              name_of(animal.status)) if part),
                                 alert)
        self.facts.set_facts([
            (self.tr("Electronic ID"), animal.eid or ""),
            (self.tr("Born"), date_text(animal.birth_date)),
            (self.tr("Dam"), animal.dam or ""),
            (self.tr("Sire"), animal.sire or ""),
            (self.tr("Owner"), animal.owner),
            (self.tr("Herd"), animal.herd),
        ])
        self._draw_weights(story)
        self.timeline.set_rows(self._event_row(event) for event in story.events)
        self.placeholder.setVisible(False)
        self.split.setVisible(True)

    def _draw_weights(self, story: AnimalStory) -> None:
        clear_chart(self.chart)
        if story.adg_overall is not None:
            title = self.tr("Average daily gain: %1 kg/day overall, %2 kg/day since the "
                            "previous weighing").replace(
                "%1", quantity_text(story.adg_overall)).replace(
                "%2", quantity_text(story.adg_recent))
        elif story.weights:
            title = self.tr("One weighing: the daily gain needs two")
        else:
            title = self.tr("No weighings yet")
        self.gain.setText(title)
        if not story.weights:
            return
        xs = [timestamp(point.on) for point in story.weights]
        ys = [float(point.kg) for point in story.weights]
        self.chart.plot(xs, ys, pen=pg.mkPen(colour(0), width=2), symbol="o", symbolSize=8,
                        symbolBrush=colour(0), symbolPen=pg.mkPen(colour(0).darker(130)))
        plot = self.chart.getPlotItem()
        day = 86_400.0
        span = max(xs[-1] - xs[0], 14 * day)
        plot.setXRange(xs[0] - span * 0.06, xs[0] + span * 1.06, padding=0)
        low, high = min(ys), max(ys)
        margin = max((high - low) * 0.15, 2.0)
        plot.setYRange(max(low - margin, 0.0), high + margin, padding=0)

    def _event_row(self, event: EventLine) -> list[Cell | str]:
        details: list[str] = []
        if event.weight_kg is not None:
            details.append(quantity_text(event.weight_kg, "kg"))
        if event.product_name:
            details.append(event.product_name)
        if event.dose:
            details.append(event.dose)
        if event.product_lot:
            details.append(self.tr("lot %1").replace("%1", event.product_lot))
        if event.from_place or event.to_place:
            details.append(f"{event.from_place or ''} → {event.to_place or ''}".strip())
        if event.counterparty:
            details.append(event.counterparty)
        if event.notes:
            details.append(event.notes)
        ends = ""
        if event.withdrawal_ends is not None:
            ends = self.tr("%1 (%2 days)").replace("%1", date_text(event.withdrawal_ends))\
                .replace("%2", str(event.withdrawal_days))
        text = "; ".join(details)
        return [date_text(event.occurred_on), name_of(event.kind),
                Cell(ends, warning=event.withdrawal_running), Cell(text, tooltip=text)]


@register("animals")
def animal_pane(context: AppContext, parent: QWidget) -> QWidget:
    return AnimalPane(context, parent)
