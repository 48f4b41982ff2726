"""Pack and weigh crates of a lot at the packing scale: choose the crate type (its tare), put a
crate on, press the big Capture button (a gloved hand can hit it) once the weight is stable;
each capture registers one crate with its serial. The screen keeps the
running count and total against the lot's quantity, warns when the total passes it, and offers
a big Undo for the last crate.

Crate types are kept per PC in QSettings under ``packing/crate_types`` as a list of
``"name=tare"`` entries (tare in kg); without them a default list is offered. The last type
chosen is remembered under ``packing/crate_type``.

Printing the crate's label (issue 5) belongs in :meth:`PackingForm.crate_packed`, after the
crate's row is committed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop import settings as declared
from coop_desktop.domain.errors import DomainError
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.devices.scale_capture import ScaleCapture
from coop_desktop.gui.devices.settings import PACKING_SCALE
from coop_desktop.gui.forms import action
from coop_desktop.gui.i18n import QT_TRANSLATE_NOOP
from coop_desktop.gui.widgets.validation import sentence
from coop_desktop.services.choices import lot_stock, plain_number
from coop_desktop.services.packing import (
    PackedCrate,
    PackingTally,
    pack_crate,
    packing_tally,
    undo_last_crate,
)
from coop_desktop.services.permissions import Permission
from coop_desktop.services.weighings import WeighingInput

CRATE_TYPES_KEY = declared.CRATE_TYPES.key
CRATE_TYPE_KEY = declared.CRATE_TYPE.key
#: Offered when the PC has no list of its own: (name marked for translation, tare in kg).
DEFAULT_CRATE_TYPES = (
    (QT_TRANSLATE_NOOP("PackingForm", "Plastic crate"), Decimal("1.2")),
    (QT_TRANSLATE_NOOP("PackingForm", "Carton"), Decimal("0.4")),
    (QT_TRANSLATE_NOOP("PackingForm", "No crate"), Decimal(0)),
)
UNDO_REASONS = (
    QT_TRANSLATE_NOOP("PackingForm", "Weighed twice"),
    QT_TRANSLATE_NOOP("PackingForm", "Wrong crate type"),
    QT_TRANSLATE_NOOP("PackingForm", "Crate belongs to another lot"),
)


def crate_types(settings: QSettings | None = None) -> list[tuple[str, Decimal]]:
    """The PC's crate types (name, tare in kg), or the default list."""
    store = settings if settings is not None else QSettings()
    types = declared.crate_entries(declared.CRATE_TYPES.get(store))
    if types:
        return types
    return [(QCoreApplication.translate("PackingForm", name), tare)
            for name, tare in DEFAULT_CRATE_TYPES]


def _big(label: QLabel, points: int) -> QLabel:
    font = QFont(label.font())
    font.setPointSize(points)
    font.setBold(True)
    label.setFont(font)
    return label


class PackingForm(QDialog):
    def __init__(self, context: AppContext, lot_id: int, parent: QWidget | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lot_id = lot_id
        self.settings = settings if settings is not None else QSettings()
        self.packed: list[PackedCrate] = []
        self.setWindowTitle(self.tr("Pack and weigh crates"))
        self.setMinimumWidth(560)
        stock = lot_stock(context.database, context.actor, lot_id)
        tally = packing_tally(context.database, context.actor, lot_id)

        subject = QLabel(self.tr("Lot %1: %2, %3 %4").replace("%1", stock.code)
                         .replace("%2", stock.product)
                         .replace("%3", plain_number(stock.quantity))
                         .replace("%4", stock.unit), self)
        subject.setObjectName("subject")
        subject.setWordWrap(True)
        _big(subject, 12)

        self.crate_type = QComboBox(self)
        self.crate_type.setObjectName("crate_type")
        for name, tare in crate_types(self.settings):
            self.crate_type.addItem(self.tr("%1 (tare %2 kg)").replace("%1", name)
                                    .replace("%2", plain_number(tare)), (name, str(tare)))
        remembered = declared.CRATE_TYPE.get(self.settings)
        for index in range(self.crate_type.count()):
            if self.crate_type.itemData(index)[0] == remembered:
                self.crate_type.setCurrentIndex(index)
        self.crate_type.currentIndexChanged.connect(self._remember_crate_type)
        choose = QFormLayout()
        choose.addRow(self.tr("Crate type"), self.crate_type)

        self.scale = ScaleCapture(PACKING_SCALE, self, operator=context.actor.username,
                                  allow_manual=True, once_per_load=True, settings=settings)
        self.scale.captured.connect(self.register_crate)
        self.finished.connect(self.scale.stop)

        self.last_serial = _big(QLabel("—", self), 28)
        self.last_serial.setObjectName("last_serial")
        self.count = _big(QLabel(self), 16)
        self.count.setObjectName("count")
        self.total = _big(QLabel(self), 16)
        self.total.setObjectName("total")
        self.warning = QLabel(self)
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        figures = QFormLayout()
        figures.addRow(self.tr("Last crate"), self.last_serial)
        figures.addRow(self.tr("Crates"), self.count)
        figures.addRow(self.tr("Packed"), self.total)

        self.undo_button = QPushButton(self.tr("Undo last crate"), self)
        self.undo_button.setObjectName("undo")
        self.undo_button.setMinimumHeight(48)
        self.undo_button.setAutoDefault(False)
        _big_button(self.undo_button)
        self.undo_button.clicked.connect(self.undo)
        self.undo_reason = QComboBox(self)
        self.undo_reason.setObjectName("undo_reason")
        self.undo_reason.setEditable(True)
        self.undo_reason.addItems([QCoreApplication.translate("PackingForm", reason)
                                   for reason in UNDO_REASONS])
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.undo_button, 1)
        undo_row.addWidget(self.undo_reason, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self._close)
        layout = QVBoxLayout(self)
        layout.addWidget(subject)
        layout.addLayout(choose)
        layout.addWidget(self.scale)
        layout.addLayout(figures)
        layout.addWidget(self.warning)
        layout.addWidget(self.message)
        layout.addLayout(undo_row)
        layout.addWidget(buttons)
        self.show_tally(tally)

    def crate_tare(self) -> Decimal:
        data = self.crate_type.currentData()
        return Decimal(data[1]) if data else Decimal(0)

    def _remember_crate_type(self) -> None:
        data = self.crate_type.currentData()
        if data:
            declared.CRATE_TYPE.set(self.settings, str(data[0]))

    def show_tally(self, tally: PackingTally) -> None:
        self.count.setText(str(tally.count))
        self.total.setText(self.tr("%1 of %2 %3").replace("%1", plain_number(tally.packed))
                           .replace("%2", plain_number(tally.quantity)).replace("%3", tally.unit))
        self.warning.setText(tally.warning or "")
        self.warning.setVisible(bool(tally.warning))
        self.undo_button.setEnabled(tally.count > 0)

    def _refused(self, error: DomainError) -> None:
        text = sentence(error)
        self.message.setText(text)
        self.scale.refuse(text)

    def register_crate(self, weighing: WeighingInput) -> PackedCrate | None:
        """One captured weight: one crate of the lot."""
        try:
            crate = pack_crate(self.context.database, self.context.actor, self.lot_id,
                               weighing, crate_tare=self.crate_tare())
        except DomainError as error:
            self._refused(error)
            return None
        self.packed.append(crate)
        self.last_serial.setText(self.tr("No. %1 — %2 kg").replace("%1", str(crate.serial))
                                 .replace("%2", plain_number(crate.net_weight)))
        self.message.setText(self.tr("Crate %1 registered.").replace("%1", str(crate.serial)))
        self.show_tally(crate.tally)
        self.crate_packed(crate)
        return crate

    def crate_packed(self, crate: PackedCrate) -> None:
        """The crate's row is committed: the place where issue 5 prints its label."""

    def undo(self) -> PackedCrate | None:
        try:
            crate = undo_last_crate(self.context.database, self.context.actor, self.lot_id,
                                    self.undo_reason.currentText())
        except DomainError as error:
            self._refused(error)
            return None
        self.last_serial.setText("—")
        self.message.setText(self.tr("Crate %1 was voided; its label must not be used.")
                             .replace("%1", str(crate.serial)))
        self.show_tally(crate.tally)
        return crate

    def _close(self) -> None:
        if self.packed:
            self.accept()  # the list refreshes: packages were added
        else:
            self.reject()


def _big_button(button: QPushButton) -> None:
    font = QFont(button.font())
    font.setPointSize(max(font.pointSize(), 9) + 5)
    font.setBold(True)
    button.setFont(font)


@action("lots", QT_TRANSLATE_NOOP("Actions", "Pack and weigh crates"), Permission.PRINT_LABELS,
        order=70)
def packing_form(context: AppContext, row: dict[str, Any] | None, parent: QWidget) -> QDialog:
    assert row is not None, "the list passes the selected lot"
    return PackingForm(context, int(row["id"]), parent)
