"""A livestock weighing session: animal after animal through the crush on the platform.

The animal comes from the EID reader this PC assigned (``eid_reader``: ``Reading.text``), or
from its ear tag typed or scanned into the tag line. The screen shows the animal (tag, species,
breed, its last weight and date); a stable weight from the livestock scale (or one typed, where
no scale answers: recorded as manual) is recorded as a weighing event, the gain since last time
is shown, the animal joins the session's list and the screen waits for the next one.

An unknown tag gets a sentence. A reader keeps sending the tag of the animal in front of it, and
may catch a tag of the animal leaving: a repeat of the current animal changes nothing, and an
animal weighed (or skipped) in this session is not taken up again from a reader (typed on
purpose, it is).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.devices.profiles import load_profile
from coop_desktop.devices.readings import Reading
from coop_desktop.domain.errors import DomainError
from coop_desktop.domain.models import AnimalStatus, Species
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.devices.reader import DeviceReader
from coop_desktop.gui.devices.scale_capture import ScaleCapture
from coop_desktop.gui.devices.settings import EID_READER, LIVESTOCK_SCALE, load_assignment
from coop_desktop.gui.widgets.scan_field import ScanField
from coop_desktop.gui.widgets.validation import sentence
from coop_desktop.services.choices import plain_number
from coop_desktop.services.livestock_weighing import (
    AnimalCard,
    Gain,
    look_up_animal,
    weigh_animal,
)
from coop_desktop.services.weighings import WeighingInput


class WeighingSessionDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.current: AnimalCard | None = None
        self.passed: list[AnimalCard] = []  # weighed or skipped in this session
        self.weighed: list[tuple[AnimalCard, Gain]] = []
        self.eid_reader: DeviceReader | None = None
        self.setWindowTitle(self.tr("Livestock weighing session"))
        self.setMinimumWidth(780)

        self.tag = ScanField(self)
        self.tag.setObjectName("tag")
        self.tag.setPlaceholderText(self.tr("Ear tag or EID: read, scan or type, then Enter"))
        self.tag.scanned.connect(self.typed_tag)
        self.eid_status = QLabel(self)
        self.eid_status.setObjectName("eid_status")
        self.eid_status.setWordWrap(True)

        animal_box = QGroupBox(self.tr("Animal"), self)
        self.ear_tag = QLabel("—", animal_box)
        self.ear_tag.setObjectName("ear_tag")
        font = QFont(self.ear_tag.font())
        font.setPointSize(18)
        font.setBold(True)
        self.ear_tag.setFont(font)
        self.kind = QLabel(animal_box)
        self.kind.setObjectName("kind")
        self.last_weight = QLabel(animal_box)
        self.last_weight.setObjectName("last_weight")
        self.gain = QLabel(animal_box)
        self.gain.setObjectName("gain")
        self.gain.setWordWrap(True)
        gain_font = QFont(font)
        gain_font.setPointSize(14)
        self.gain.setFont(gain_font)
        details = QFormLayout(animal_box)
        details.addRow(self.tr("Ear tag"), self.ear_tag)
        details.addRow(self.tr("Species and breed"), self.kind)
        details.addRow(self.tr("Last weight"), self.last_weight)
        details.addRow(self.tr("Gain"), self.gain)

        self.message = QLabel(self.tr("Read the first animal's tag."), self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)

        self.scale = ScaleCapture(LIVESTOCK_SCALE, self, operator=context.actor.username,
                                  allow_manual=True, once_per_load=True, settings=settings)
        self.scale.captured.connect(self.record_weight)

        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("weighed")
        self.table.setHorizontalHeaderLabels([
            self.tr("Ear tag"), self.tr("Weight (kg)"), self.tr("Gain (kg)"),
            self.tr("Days"), self.tr("Daily gain (kg)")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        skip = QPushButton(self.tr("Skip this animal"), self)
        skip.setObjectName("skip")
        skip.setAutoDefault(False)
        skip.clicked.connect(self.skip)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self._close)
        self.finished.connect(self.stop)

        left = QVBoxLayout()
        left.addWidget(self.tag)
        left.addWidget(self.eid_status)
        left.addWidget(animal_box)
        left.addWidget(self.message)
        left.addWidget(skip)
        left.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(self.scale)
        right.addStretch(1)
        top.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._show_animal(None)
        self._connect_eid_reader(settings)

    # --- the EID reader --------------------------------------------------------------------
    def _connect_eid_reader(self, settings: QSettings | None) -> None:
        assignment = load_assignment(EID_READER, settings)
        if assignment is None or not assignment.profile or not assignment.port:
            self.eid_status.setText(self.tr("No EID reader is assigned to this PC: type or scan "
                                            "the ear tag."))
            return
        try:
            profile = load_profile(assignment.profile)
        except ValueError as error:
            self.eid_status.setText(self.tr("The EID reader assigned to this PC cannot be used: "
                                            "%1").replace("%1", str(error)))
            return
        reader = DeviceReader.for_profile(profile, assignment.port, parent=self)
        reader.reading.connect(self._eid_read)
        reader.status.connect(self.eid_status.setText)
        reader.problem.connect(self.eid_status.setText)
        self.eid_status.setText(self.tr("Connecting to the EID reader on %1…")
                                .replace("%1", assignment.port))
        self.eid_reader = reader
        reader.start()

    def _eid_read(self, reading: Reading) -> None:
        if reading.text:
            self.take_animal(reading.text, read=True)

    def stop(self) -> None:
        self.scale.stop()
        if self.eid_reader is not None:
            self.eid_reader.stop()

    # --- the animal -------------------------------------------------------------------------
    def typed_tag(self, text: str) -> None:
        self.take_animal(text, read=False)

    def take_animal(self, code: str, *, read: bool) -> AnimalCard | None:
        """Make the animal with ``code`` the one on the scale; a reader's repeats of the
        current animal, or of the one just weighed, change nothing."""
        current = self.current
        if current is not None and read and _same(code, current):
            return current
        if read and any(_same(code, done) for done in self.passed):
            return None  # leaving the crush, or read again: never weighed twice by accident
        try:
            card = look_up_animal(self.context.database, self.context.actor, code)
        except DomainError as error:
            self.message.setText(sentence(error))
            return None
        if read and any(card.id == done.id for done in self.passed):
            return None
        self._show_animal(card)
        if card.status != "alive":
            self.message.setText(self.tr("Animal %1 is recorded as %2 and cannot be weighed.")
                                 .replace("%1", card.ear_tag)
                                 .replace("%2", name_of(AnimalStatus(card.status))))
        else:
            self.message.setText(self.tr("Animal %1: wait for a stable weight, then capture.")
                                 .replace("%1", card.ear_tag))
        return card

    def _show_animal(self, card: AnimalCard | None) -> None:
        self.current = card
        if card is None:
            self.ear_tag.setText("—")
            self.kind.setText("")
            self.last_weight.setText("")
            return
        species = name_of(Species(card.species))
        self.ear_tag.setText(card.ear_tag)
        self.kind.setText(f"{species}, {card.breed}" if card.breed else species)
        if card.last_weight is None or card.last_weighed_on is None:
            self.last_weight.setText(self.tr("Never weighed"))
        else:
            self.last_weight.setText(self.tr("%1 kg on %2")
                                     .replace("%1", plain_number(card.last_weight))
                                     .replace("%2", card.last_weighed_on.isoformat()))
        self.gain.setText("")

    def skip(self) -> None:
        if self.current is not None:
            self.passed.append(self.current)
        self._show_animal(None)
        self.message.setText(self.tr("Read the next animal's tag."))

    # --- weighing ---------------------------------------------------------------------------
    def record_weight(self, weighing: WeighingInput) -> Gain | None:
        card = self.current
        if card is None:
            text = self.tr("Read the animal's tag before weighing it.")
            self.message.setText(text)
            self.scale.refuse(text)
            return None
        try:
            gain = weigh_animal(self.context.database, self.context.actor, card.id, weighing)
        except DomainError as error:
            text = sentence(error)
            self.message.setText(text)
            self.scale.refuse(text)
            return None
        self.weighed.append((card, gain))
        self._add_row(card, gain)
        self.gain.setText(self._gain_text(gain))
        self.message.setText(self.tr("%1 weighed %2 kg. Read the next animal's tag.")
                             .replace("%1", card.ear_tag)
                             .replace("%2", plain_number(gain.weight)))
        self.passed.append(card)
        self.current = None
        return gain

    def _gain_text(self, gain: Gain) -> str:
        if gain.kg is None or gain.previous_on is None:
            return self.tr("First weighing")
        sign = "+" if gain.kg >= 0 else ""
        text = self.tr("%1 kg since %2").replace("%1", sign + plain_number(gain.kg)) \
            .replace("%2", gain.previous_on.isoformat())
        if gain.daily is not None:
            text += " " + self.tr("(%1 kg a day)").replace("%1", plain_number(gain.daily))
        return text

    def _add_row(self, card: AnimalCard, gain: Gain) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = [card.ear_tag, plain_number(gain.weight),
                  "" if gain.kg is None else plain_number(gain.kg),
                  "" if gain.days is None else str(gain.days),
                  "" if gain.daily is None else plain_number(gain.daily)]
        for column, value in enumerate(values):
            self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.scrollToBottom()

    def _close(self) -> None:
        if self.weighed:
            self.accept()
        else:
            self.reject()


def _same(code: str, card: AnimalCard) -> bool:
    """Whether ``code`` is plainly the card's animal (its ear tag or EID), without a lookup."""
    text = code.strip().upper()
    digits = text.replace(" ", "")
    return text == card.ear_tag or (card.eid is not None and digits == card.eid)
