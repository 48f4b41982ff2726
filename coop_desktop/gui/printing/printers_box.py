"""The label printers of this PC on the Settings page: a list, a dialog to add or change one
(kind, address, resolution, darkness, speed, gap, offsets, template), and a test print that uses
no serial."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain.errors import DomainError
from coop_desktop.gui.printing.driver import available_printers, open_driver_printer, paint_labels
from coop_desktop.gui.printing.profiles import (
    PrinterKind,
    PrinterProfile,
    load_profiles,
    remove_profile,
    save_profile,
)
from coop_desktop.labels.template import available_templates, load_template
from coop_desktop.services.label_printing import Destination, OutputFormat, print_sample


class PrinterDialog(QDialog):
    def __init__(self, profile: PrinterProfile | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Label printer"))
        original = profile or PrinterProfile("")
        self.name = QLineEdit(original.name, self)
        self.name.setObjectName("name")
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for kind, text in ((PrinterKind.TSPL, self.tr("TSPL (TSC, Xprinter, Gprinter…)")),
                           (PrinterKind.ZPL, self.tr("ZPL (Zebra)")),
                           (PrinterKind.DRIVER, self.tr("Through its Windows driver"))):
            self.kind.addItem(text, kind.value)
        self.kind.setCurrentIndex(self.kind.findData(original.kind.value))
        self.address = QComboBox(self)
        self.address.setObjectName("address")
        self.address.setEditable(True)
        self.address.addItems(available_printers())
        self.address.setEditText(original.address)
        self.address.setToolTip(self.tr("tcp://192.168.1.50:9100, serial:COM3, cups:QUEUE, "
                                        "windows:PRINTER NAME, or for a driver its name"))
        self.dpi = QComboBox(self)
        self.dpi.addItem("203 dpi", 203)
        self.dpi.addItem("300 dpi", 300)
        self.dpi.setCurrentIndex(max(0, self.dpi.findData(original.dpi)))
        self.darkness = QSpinBox(self)
        self.darkness.setRange(0, 15)
        self.darkness.setValue(original.darkness)
        self.speed = QSpinBox(self)
        self.speed.setRange(1, 12)
        self.speed.setValue(original.speed)
        self.gap = _millimetres(original.gap_mm, 0, 10, self)
        self.offset_x = _millimetres(original.offset_x_mm, -10, 10, self)
        self.offset_y = _millimetres(original.offset_y_mm, -10, 10, self)
        self.template = QComboBox(self)
        for name in available_templates():
            if load_template(name).sheet is None:
                self.template.addItem(name, name)
        self.template.setCurrentIndex(max(0, self.template.findData(original.template)))
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b71c1c;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Language"), self.kind)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Resolution"), self.dpi)
        form.addRow(self.tr("Darkness (0–15)"), self.darkness)
        form.addRow(self.tr("Speed (inches/s)"), self.speed)
        form.addRow(self.tr("Gap (mm)"), self.gap)
        form.addRow(self.tr("Offset right (mm)"), self.offset_x)
        form.addRow(self.tr("Offset down (mm)"), self.offset_y)
        form.addRow(self.tr("Usual template"), self.template)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept_if_complete)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def profile(self) -> PrinterProfile:
        return PrinterProfile(
            self.name.text().strip(), PrinterKind(str(self.kind.currentData())),
            self.address.currentText().strip(), int(self.dpi.currentData()),
            self.darkness.value(), self.speed.value(), self.gap.value(), self.offset_x.value(),
            self.offset_y.value(), str(self.template.currentData()))

    def accept_if_complete(self) -> None:
        profile = self.profile()
        if not profile.name or "/" in profile.name:
            self.error.setText(self.tr("Give the printer a name (without “/”)."))
        elif not profile.address:
            self.error.setText(self.tr("Say where the printer is: its address or name."))
        else:
            self.accept()
            return
        self.error.show()


def _millimetres(value: float, low: float, high: float, parent: QWidget) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(low, high)
    box.setDecimals(1)
    box.setSingleStep(0.5)
    box.setValue(value)
    return box


def destination_for(profile: PrinterProfile) -> Destination:
    """Where a job for this profile goes (a QPrinter for the driver path)."""
    if profile.kind is PrinterKind.DRIVER:
        printer = open_driver_printer(profile.address or profile.name)
        return Destination(OutputFormat.PNG, dpi=printer.resolution(),
                           driver=lambda layouts: paint_labels(printer, layouts),
                           driver_name=profile.name)
    language = OutputFormat.ZPL if profile.kind is PrinterKind.ZPL else OutputFormat.TSPL
    return Destination(language, printer=profile.address, dpi=profile.dpi,
                       settings=profile.thermal())


class PrintersBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None, *,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Label printers on this PC"))
        self._settings = settings
        self.list = QListWidget(self)
        self.list.setObjectName("printers")
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.edit_button = QPushButton(self.tr("Change…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.test_button = QPushButton(self.tr("Test print"), self)
        self.status = QLabel(self)
        self.status.setObjectName("printer_status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.test_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(lambda: self.edit(self.current()))
        self.remove_button.clicked.connect(self.remove)
        self.test_button.clicked.connect(self.test)
        self.list.currentRowChanged.connect(self._enable)
        self.reload()

    def profiles(self) -> list[PrinterProfile]:
        return load_profiles(self._settings)

    def reload(self) -> None:
        self.list.clear()
        for profile in self.profiles():
            self.list.addItem(f"{profile.name} — {profile.kind.value.upper()} "
                              f"{profile.address} ({profile.dpi} dpi)")
        self._enable()

    def current(self) -> PrinterProfile | None:
        row = self.list.currentRow()
        profiles = self.profiles()
        return profiles[row] if 0 <= row < len(profiles) else None

    def _enable(self) -> None:
        chosen = self.current() is not None
        for button in (self.edit_button, self.remove_button, self.test_button):
            button.setEnabled(chosen)

    def dialog_for(self, profile: PrinterProfile | None) -> PrinterDialog:
        return PrinterDialog(profile, self)

    def edit(self, profile: PrinterProfile | None) -> None:
        dialog = self.dialog_for(profile)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        changed = dialog.profile()
        if profile is not None and profile.name != changed.name:
            remove_profile(profile.name, self._settings)
        save_profile(changed, self._settings)
        self.reload()

    def remove(self) -> None:
        profile = self.current()
        if profile is not None:
            remove_profile(profile.name, self._settings)
            self.reload()

    def test(self) -> None:
        profile = self.current()
        if profile is None:
            return
        try:
            print_sample(profile.template, destination_for(profile))
        except DomainError as error:
            self.status.setText(str(error))
        else:
            self.status.setText(self.tr("Test label sent to %1: check that it is dark enough "
                                        "and scans, and adjust the offsets if it sits off "
                                        "centre.").replace("%1", profile.name))
