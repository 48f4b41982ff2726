"""The packing station: one screen for the packer at the scale, big enough for gloved hands and
a touch screen.

Choose the lot (tap it, or scan its code or one of its labels), choose the crate type (its tare),
put a crate on the scale: as soon as the weight is stable the crate's label prints, carrying the
net weight, and the next crate may come. The running count and the packed total are shown against
the lot's quantity, with a warning when the packed total passes it (mass balance). The big Undo
voids the last label (its serial stays used; the void is audited). Labels go to this PC's first
label printer (Settings), or, on a PC without one, into a PDF per crate in the reports folder.
A label that is refused (a lot without a passing test) says why in large letters and prints
nothing; the weight is not lost: the next stable weight tries again.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop import paths
from coop_desktop.domain.errors import DomainError
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.devices.scale_capture import ScaleCapture
from coop_desktop.gui.devices.settings import PACKING_SCALE
from coop_desktop.gui.forms.packing import crate_types
from coop_desktop.gui.printing.printers_box import destination_for
from coop_desktop.gui.printing.profiles import PrinterProfile, load_profiles
from coop_desktop.services.choices import plain_number
from coop_desktop.services.label_printing import (
    Destination,
    IssuedLabels,
    LabelRequest,
    OutputFormat,
    issue_labels,
)
from coop_desktop.services.lookup import identify
from coop_desktop.services.packing import (
    PACKING_TEMPLATE,
    PackableLot,
    PackingTally,
    packable_lots,
    packing_tally,
    undo_last_crate,
)
from coop_desktop.services.weighings import WeighingInput

AUTO_INTERVAL_MS = 100
TO_FILES = "__files__"


def _font(widget: QWidget, points: int, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSize(points)
    font.setBold(bold)
    widget.setFont(font)


class PackingStation(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 settings: QSettings | None = None,
                 profiles: list[PrinterProfile] | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = settings if settings is not None else QSettings()
        self.lot: PackableLot | None = None
        self.tally: PackingTally | None = None
        self.printed: list[IssuedLabels] = []
        self.setObjectName("packing_station")

        # The lot: a list of released lots to tap, and a field a scanner types into.
        self.scan = QLineEdit(self)
        self.scan.setObjectName("scan")
        self.scan.setProperty("coopScanInput", True)
        self.scan.setPlaceholderText(self.tr("Scan or type a lot code or a label"))
        _font(self.scan, 16)
        self.scan.returnPressed.connect(lambda: self.choose_code(self.scan.text()))
        self.lots = QListWidget(self)
        self.lots.setObjectName("lots")
        _font(self.lots, 15)
        self.lots.setMinimumWidth(300)
        self.lots.currentItemChanged.connect(self._lot_tapped)
        refresh = QPushButton(self.tr("Refresh"), self)
        refresh.clicked.connect(self.reload_lots)
        left = QVBoxLayout()
        left.addWidget(self.scan)
        left.addWidget(self.lots, 1)
        left.addWidget(refresh)

        # Crate types as big toggle buttons.
        self.crates = QButtonGroup(self)
        self.crates.setExclusive(True)
        crate_row = QHBoxLayout()
        self.tares: dict[int, Decimal] = {}
        for index, (name, tare) in enumerate(crate_types(self.settings)):
            shown = QCoreApplication.translate("PackingForm", name)
            button = QPushButton(self.tr("%1\n%2 kg").replace("%1", shown)
                                 .replace("%2", plain_number(tare)), self)
            button.setCheckable(True)
            button.setMinimumHeight(72)
            _font(button, 15, bold=True)
            self.crates.addButton(button, index)
            self.tares[index] = tare
            crate_row.addWidget(button)
        first = self.crates.button(0)
        if first is not None:
            first.setChecked(True)

        # The scale.
        self.scale = ScaleCapture(PACKING_SCALE, self, operator=context.actor.username,
                                  allow_manual=True, once_per_load=True,
                                  settings=settings)
        self.scale.captured.connect(self.label_crate)
        self.auto = QCheckBox(self.tr("Print as soon as the weight is stable"), self)
        self.auto.setObjectName("auto")
        self.auto.setChecked(True)
        _font(self.auto, 13)
        self._auto_timer = QTimer(self)
        self._auto_timer.setInterval(AUTO_INTERVAL_MS)
        self._auto_timer.timeout.connect(self._auto_capture)
        self._auto_timer.start()

        # The tally.
        self.subject = QLabel(self.tr("Choose a lot."), self)
        self.subject.setObjectName("subject")
        self.subject.setWordWrap(True)
        _font(self.subject, 18, bold=True)
        self.count = QLabel("0", self)
        self.count.setObjectName("count")
        _font(self.count, 40, bold=True)
        self.total = QLabel("—", self)
        self.total.setObjectName("total")
        _font(self.total, 22, bold=True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMinimumHeight(24)
        self.last = QLabel("—", self)
        self.last.setObjectName("last")
        _font(self.last, 22, bold=True)
        self.warning = QLabel(self)
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b71c1c;")
        _font(self.warning, 14, bold=True)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        _font(self.message, 15, bold=True)
        tally = QGridLayout()
        tally.addWidget(QLabel(self.tr("Crates"), self), 0, 0)
        tally.addWidget(self.count, 1, 0)
        tally.addWidget(QLabel(self.tr("Packed"), self), 0, 1)
        tally.addWidget(self.total, 1, 1)
        tally.addWidget(QLabel(self.tr("Last label"), self), 0, 2)
        tally.addWidget(self.last, 1, 2)

        # Printer and the big buttons.
        self.printer = QComboBox(self)
        self.printer.setObjectName("printer")
        _font(self.printer, 13)
        self.profiles = {p.name: p for p in (profiles if profiles is not None
                                             else load_profiles(settings))}
        for name in self.profiles:
            self.printer.addItem(name, name)
        self.printer.addItem(self.tr("No printer: a PDF per crate in the reports folder"),
                             TO_FILES)
        self.undo = QPushButton(self.tr("Undo last label"), self)
        self.undo.setObjectName("undo")
        self.undo.setMinimumHeight(80)
        self.undo.setStyleSheet("background: #c62828; color: white;")
        _font(self.undo, 20, bold=True)
        self.undo.clicked.connect(self.undo_last)
        self.fullscreen = QPushButton(self.tr("Full screen"), self)
        self.fullscreen.setCheckable(True)
        self.fullscreen.setMinimumHeight(80)
        _font(self.fullscreen, 15)
        self.fullscreen.toggled.connect(self._full_screen)
        bottom = QHBoxLayout()
        bottom.addWidget(self.printer, 1)
        bottom.addWidget(self.fullscreen)
        bottom.addWidget(self.undo, 1)

        right = QVBoxLayout()
        right.addWidget(self.subject)
        right.addLayout(crate_row)
        right.addWidget(self.scale, 1)
        right.addWidget(self.auto)
        right.addLayout(tally)
        right.addWidget(self.progress)
        right.addWidget(self.warning)
        right.addWidget(self.message)
        right.addLayout(bottom)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        self.reload_lots()
        self._show_tally()
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.stop_devices)

    # --- the lot ---------------------------------------------------------------------------
    def reload_lots(self) -> None:
        chosen = self.lot.lot_id if self.lot else None
        self.lots.blockSignals(True)
        self.lots.clear()
        for lot in packable_lots(self.context.database, self.context.actor):
            item = QListWidgetItem(f"{lot.code}\n{lot.product} {lot.grade}  "
                                   f"{plain_number(lot.packed)}/{plain_number(lot.quantity)} "
                                   f"{lot.unit}", self.lots)
            item.setData(Qt.ItemDataRole.UserRole, lot)
            if lot.lot_id == chosen:
                self.lots.setCurrentItem(item)
        self.lots.blockSignals(False)

    def _lot_tapped(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.choose_lot(item.data(Qt.ItemDataRole.UserRole))

    def choose_lot(self, lot: PackableLot) -> None:
        self.lot = lot
        self.subject.setText(self.tr("Lot %1: %2 %3").replace("%1", lot.code)
                             .replace("%2", lot.product).replace("%3", lot.grade))
        self.message.clear()
        self.tally = packing_tally(self.context.database, self.context.actor, lot.lot_id)
        self._show_tally()

    def choose_code(self, text: str) -> bool:
        """A scanned or typed lot code, or a label of the lot: choose that lot."""
        self.scan.clear()
        match = identify(self.context.database, self.context.actor, text)
        lot_code = None
        if match is not None and match.kind == "lot":
            lot_code = match.code
        elif match is not None and match.kind == "label":
            lot_code = match.lot
        for row in range(self.lots.count()):
            item = self.lots.item(row)
            lot: PackableLot = item.data(Qt.ItemDataRole.UserRole)
            if lot.code == lot_code:
                self.lots.setCurrentItem(item)
                return True
        self._say(self.tr("%1 is not a released lot: only released lots are packed.")
                  .replace("%1", text.strip()), error=True)
        return False

    # --- weighing and printing ---------------------------------------------------------------
    def crate_tare(self) -> Decimal:
        return self.tares.get(self.crates.checkedId(), Decimal(0))

    def _auto_capture(self) -> None:
        if self.auto.isChecked() and self.lot is not None and self.scale.readout.lamp_on:
            self.scale.capture()  # once per load: the next capture waits for the next crate

    def _destination(self) -> Destination:
        name = str(self.printer.currentData())
        profile = self.profiles.get(name)
        if profile is not None:
            return destination_for(profile)
        folder = paths.reports_dir() / "labels"
        folder.mkdir(parents=True, exist_ok=True)
        lot = self.lot.code if self.lot else "lot"
        return Destination(OutputFormat.PDF, out=folder / f"{lot}-{len(self.printed) + 1}.pdf",
                           dpi=203)

    def label_crate(self, weighing: WeighingInput) -> IssuedLabels | None:
        """Print the label of one crate from its stable weight (less the crate's tare)."""
        if self.lot is None:
            self._say(self.tr("Choose the lot first."), error=True)
            return None
        crate = dataclasses.replace(weighing, tare=self.crate_tare())
        profile = self.profiles.get(str(self.printer.currentData()))
        template = profile.template if profile is not None else PACKING_TEMPLATE
        try:
            issued = issue_labels(self.context.database, self.context.actor,
                                  LabelRequest(self.lot.lot_id, 1, template, weighings=[crate]),
                                  self._destination())
        except DomainError as error:
            # Not re-armed: the same crate is tried again when it is lifted and put back (a
            # refusal repeated ten times a second would help nobody).
            self._say(str(error), error=True)
            return None
        self.printed.append(issued)
        self.last.setText(self.tr("No. %1 — %2 kg").replace("%1", str(issued.serials[0]))
                          .replace("%2", plain_number(crate.net)))
        self._say(self.tr("Label %1 printed. Next crate.").replace("%1", str(issued.serials[0])))
        self.tally = packing_tally(self.context.database, self.context.actor, self.lot.lot_id)
        self._show_tally()
        return issued

    def undo_last(self) -> None:
        if self.lot is None:
            return
        try:
            undone = undo_last_crate(self.context.database, self.context.actor,
                                     self.lot.lot_id, self.tr("Undone at the packing station"))
        except DomainError as error:
            self._say(str(error), error=True)
            return
        self.tally = undone.tally
        self._say(self.tr("Label %1 is void: take it off the crate.")
                  .replace("%1", str(undone.serial)), error=True)
        self._show_tally()

    # --- showing ----------------------------------------------------------------------------
    def _show_tally(self) -> None:
        tally = self.tally
        self.undo.setEnabled(tally is not None and tally.count > 0)
        if tally is None:
            self.count.setText("0")
            self.total.setText("—")
            self.progress.setValue(0)
            self.warning.hide()
            return
        self.count.setText(str(tally.count))
        self.total.setText(self.tr("%1 of %2 %3").replace("%1", plain_number(tally.packed))
                           .replace("%2", plain_number(tally.quantity)).replace("%3", tally.unit))
        share = tally.packed / tally.quantity if tally.quantity else Decimal(0)
        self.progress.setValue(min(1000, int(share * 1000)))
        self.warning.setText(tally.warning or "")
        self.warning.setVisible(bool(tally.warning))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b71c1c;" if error else "color: #2e7d32;")

    def _full_screen(self, on: bool) -> None:
        window = self.window()
        if on:
            window.showFullScreen()
        else:
            window.showNormal()

    def stop_devices(self) -> None:
        """Let go of the scale (the window is closing)."""
        self._auto_timer.stop()
        self.scale.stop()
