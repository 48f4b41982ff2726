"""The scale in a form: the live readout, a Capture button, and the reader of the scale this
PC assigned to a role (``packing_scale``, ``livestock_scale``).

``captured(WeighingInput)`` is emitted for a stable, usable weight only, with the frame it came
in and the device it came from. Without an assigned scale, or while the scale is not answering,
the widget says so in a sentence; where the form allows it (``allow_manual``) the weight can be
typed instead, and is then recorded as manual (``device="manual"``, no frame). With
``once_per_load`` a weight is captured once: the load must leave the scale (or move) before the
next capture, so the same crate or animal is not registered twice by a second press.

The reader runs from construction until :meth:`stop`; a dialog holding the widget calls
``stop`` when it finishes.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coop_desktop.devices.profiles import load_profile
from coop_desktop.devices.readings import Reading
from coop_desktop.domain.errors import DomainError
from coop_desktop.gui.devices.reader import DeviceReader
from coop_desktop.gui.devices.readout import WeightReadout
from coop_desktop.gui.devices.settings import Assignment, load_assignment
from coop_desktop.gui.widgets.quantity_field import QuantityField
from coop_desktop.gui.widgets.validation import sentence
from coop_desktop.services.weighings import WeighingInput, manual_weighing
from coop_desktop.services.work import positive_quantity, required_text

#: How long the scale may stay silent before the widget says it is not answering.
SILENCE_MS = 3000


class ScaleCapture(QWidget):
    captured = Signal(object)  # WeighingInput

    def __init__(self, role: str, parent: QWidget | None = None, *, operator: str = "",
                 allow_manual: bool = False, once_per_load: bool = False,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.operator = operator
        self.once_per_load = once_per_load
        self.reader: DeviceReader | None = None
        self.assignment: Assignment | None = load_assignment(role, settings)
        self._armed = True

        self.readout = WeightReadout(self)
        self.status = QLabel(self)
        self.status.setObjectName("scale_status")
        self.status.setWordWrap(True)
        self.capture_button = QPushButton(self.tr("Capture weight"), self)
        self.capture_button.setObjectName("capture")
        self.capture_button.setMinimumHeight(48)
        font = QFont(self.capture_button.font())
        font.setPointSize(max(font.pointSize(), 9) + 5)
        font.setBold(True)
        self.capture_button.setFont(font)
        self.capture_button.setAutoDefault(False)
        self.capture_button.clicked.connect(self.capture)

        self.manual = QWidget(self)
        self.typed = QuantityField(self.manual, "kg")
        self.typed.setObjectName("typed_weight")
        self.typed.line.setMinimumWidth(140)
        self.typed.line.setPlaceholderText(self.tr("Weight typed by hand"))
        self.use_typed = QPushButton(self.tr("Use typed weight"), self.manual)
        self.use_typed.setObjectName("use_typed")
        self.use_typed.setAutoDefault(False)
        self.use_typed.clicked.connect(self.capture_typed)
        self.typed.line.returnPressed.connect(self.capture_typed)
        typed_row = QHBoxLayout(self.manual)
        typed_row.setContentsMargins(0, 0, 0, 0)
        typed_row.addWidget(self.typed, 1)
        typed_row.addWidget(self.use_typed)
        self.manual.setVisible(allow_manual)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.readout)
        layout.addWidget(self.capture_button)
        layout.addWidget(self.status)
        layout.addWidget(self.manual)

        self._silence = QTimer(self)
        self._silence.setSingleShot(True)
        self._silence.setInterval(SILENCE_MS)
        self._silence.timeout.connect(self._not_answering)
        self._connect()

    # --- the reader -----------------------------------------------------------------------
    @property
    def has_scale(self) -> bool:
        return self.reader is not None

    @property
    def device_name(self) -> str:
        if self.assignment is None:
            return ""
        return f"{self.assignment.profile}@{self.assignment.port}"

    def _connect(self) -> None:
        if self.assignment is None or not self.assignment.profile or not self.assignment.port:
            self._no_scale(self.tr("No scale is assigned to this PC for this job: assign one "
                                   "on the Devices page."))
            return
        try:
            profile = load_profile(self.assignment.profile)
        except ValueError as error:
            self._no_scale(self.tr("The scale assigned to this PC cannot be used: %1")
                           .replace("%1", str(error)))
            return
        reader = DeviceReader.for_profile(profile, self.assignment.port, parent=self)
        self.readout.follow(reader)
        reader.reading.connect(self._reading)
        reader.status.connect(self.status.setText)
        reader.problem.connect(self.status.setText)
        self.reader = reader
        self.status.setText(self.tr("Connecting to the scale on %1…")
                            .replace("%1", self.assignment.port))
        reader.start()
        self._silence.start()

    def _no_scale(self, text: str) -> None:
        self.readout.hide()
        self.capture_button.hide()
        if self.manual.isVisibleTo(self):
            text += " " + self.tr("Type the weight instead.")
        self.status.setText(text)

    def _reading(self, reading: Reading) -> None:
        if reading.channel is not None or reading.text is not None:
            return
        self._silence.start()
        if self.status.property("silent"):
            self.status.setProperty("silent", False)
            self.status.setText(self.tr("The scale on %1 is answering again.")
                                .replace("%1", self.assignment.port if self.assignment else ""))
        if not reading.stable or reading.overload or not reading.value or reading.value <= 0:
            self._armed = True  # the load moved or left: the next weight may be captured

    def _not_answering(self) -> None:
        port = self.assignment.port if self.assignment else ""
        self.status.setProperty("silent", True)
        self.status.setText(self.tr("The scale on %1 is not answering: check that it is "
                                    "switched on and that its cable is in the PC port.")
                            .replace("%1", port))

    def stop(self) -> None:
        self._silence.stop()
        if self.reader is not None:
            self.reader.stop()

    # --- capturing ------------------------------------------------------------------------
    def capture(self) -> WeighingInput | None:
        """The stable weight on the scale, emitted as ``captured``; else None, and the readout
        says why."""
        reading = self.readout.capture()
        if reading is None or reading.value is None:
            return None
        if reading.value <= 0:
            self.readout.show_message(self.tr("Nothing is on the scale: put the load on "
                                              "first."))
            return None
        if self.once_per_load and not self._armed:
            self.readout.show_message(self.tr("This weight was captured already: take the "
                                              "load off the scale and put the next one on."))
            return None
        weighing = WeighingInput(gross=reading.value, unit=reading.unit or "kg", stable=True,
                                 device=self.device_name, raw_frame=reading.raw,
                                 operator=self.operator)
        self._armed = False
        self.captured.emit(weighing)
        return weighing

    def capture_typed(self) -> WeighingInput | None:
        """The typed weight as a manual weighing; a sentence in the readout when it is not a
        weight."""
        try:
            net = positive_quantity(required_text(self.typed.text(), "weight"), "weight",
                                    Decimal(100_000))
        except DomainError as error:
            self.refuse(sentence(error, {"weight": self.tr("Weight")}))
            return None
        weighing = manual_weighing(net, unit=self.typed.unit() or "kg", operator=self.operator)
        self.typed.setText("")
        self.captured.emit(weighing)
        return weighing

    def refuse(self, text: str) -> None:
        """Show why a weight was not recorded (a service's sentence); the same load may then
        be captured again."""
        self._armed = True
        if self.reader is None:
            self.status.setText(text)
        else:
            self.readout.show_message(text)
