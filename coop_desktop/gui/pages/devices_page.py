"""The Devices page: which scale or reader does which job on this PC, and a live test of each.

A row per role (packing scale, livestock scale, EID reader) picks a device profile and a port
(a listed serial port, or typed: ``/dev/pts/3``, ``COM3``, ``tcp://host:port``). "Test" starts a
:class:`DeviceReader` for the current row and shows, side by side, the raw bytes in hex and the
readings decoded from them, a large readout, and once a second a sentence on what looks wrong
(devices.md §1, §3.6). A polled scale is polled while the test runs; "Zero", "Tare" and "Clear
tare" send the device's command, each enabled only while a test runs on a profile that has it.
"Save" keeps the assignments in QSettings.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.devices.profiles import available_profiles, load_profile
from coop_desktop.devices.readings import Codec, Reading
from coop_desktop.devices.transports import list_ports
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.devices import diagnose
from coop_desktop.gui.devices.reader import DeviceReader
from coop_desktop.gui.devices.readout import WeightReadout
from coop_desktop.gui.devices.settings import ROLES, Assignment, load_assignment, save_assignment

LOG_LINES = 40
HEX_BYTES_PER_LINE = 24
FRAME_ENDS = frozenset((0x0A, 0x03))  # LF, ETX: where the raw view starts a new line
RECENT_LIMIT = 4096  # bytes kept between two diagnoses


class DevicesPage(QWidget):
    def __init__(self, context: AppContext | None = None, parent: QWidget | None = None, *,
                 settings: QSettings | None = None, diagnosis_interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self.context = context
        self._settings = settings
        self.reader: DeviceReader | None = None
        self._codec: Codec | None = None  # the page's own copy, fed the raw bytes, for its stats
        self._recent = bytearray()
        self._raw_column = 0  # bytes on the raw view's last line
        self._poll: bytes | None = None
        self._polls_sent = 0  # since the last diagnosis

        role_names = {"packing_scale": self.tr("Packing scale"),
                      "livestock_scale": self.tr("Livestock scale"),
                      "eid_reader": self.tr("EID reader")}
        self.table = QTableWidget(len(ROLES), 3, self)
        self.table.setObjectName("device_roles")
        self.table.setHorizontalHeaderLabels([self.tr("Role"), self.tr("Device"), self.tr("Port")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.profile_combos: dict[str, QComboBox] = {}
        self.port_combos: dict[str, QComboBox] = {}
        profiles = available_profiles()
        ports = list_ports()
        for row, role in enumerate(ROLES):
            item = QTableWidgetItem(role_names.get(role, role))
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, item)
            profile_combo = QComboBox(self.table)
            profile_combo.addItem("—", None)  # nothing assigned yet
            for name in profiles:
                profile_combo.addItem(name, name)
            port_combo = QComboBox(self.table)
            port_combo.setEditable(True)
            port_combo.setToolTip(self.tr(
                "A serial port, or type one: /dev/pts/3, COM3, tcp://host:port"))
            for port in ports:
                port_combo.addItem(port.device)
                port_combo.setItemData(port_combo.count() - 1, port.label)
            stored = load_assignment(role, self._settings)
            if stored is not None:
                index = profile_combo.findData(stored.profile)
                if index >= 0:
                    profile_combo.setCurrentIndex(index)
                port_combo.setEditText(stored.port)
            else:
                port_combo.setEditText("")
            self.table.setCellWidget(row, 1, profile_combo)
            self.table.setCellWidget(row, 2, port_combo)
            self.profile_combos[role] = profile_combo
            self.port_combos[role] = port_combo
        self.table.selectRow(0)

        self.test_button = QPushButton(self.tr("Test"), self)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setEnabled(False)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.test_button.clicked.connect(self.start_test)
        self.stop_button.clicked.connect(self.stop_test)
        self.save_button.clicked.connect(self.save)
        self.command_buttons = {
            "zero": QPushButton(self.tr("Zero"), self),
            "tare": QPushButton(self.tr("Tare"), self),
            "clear_tare": QPushButton(self.tr("Clear tare"), self),
        }
        self.zero_button = self.command_buttons["zero"]
        self.tare_button = self.command_buttons["tare"]
        self.clear_tare_button = self.command_buttons["clear_tare"]
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.stop_button)
        buttons.addSpacing(24)
        for name, button in self.command_buttons.items():
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, command=name: self.send_command(command))
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.raw_view = self._log_view()
        self.readings_view = self._log_view()
        raw_box = QGroupBox(self.tr("Bytes received (hex)"), self)
        QVBoxLayout(raw_box).addWidget(self.raw_view)
        readings_box = QGroupBox(self.tr("Readings"), self)
        QVBoxLayout(readings_box).addWidget(self.readings_view)
        side_by_side = QHBoxLayout()
        side_by_side.addWidget(raw_box)
        side_by_side.addWidget(readings_box)
        self.readout = WeightReadout(self)
        self.diagnosis = QLabel(self)
        self.diagnosis.setObjectName("diagnosis")
        self.diagnosis.setWordWrap(True)
        self.diagnosis_code = ""

        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addLayout(side_by_side, 1)
        layout.addWidget(self.readout)
        layout.addWidget(self.diagnosis)

        self._timer = QTimer(self)
        self._timer.setInterval(diagnosis_interval_ms)
        self._timer.timeout.connect(self.update_diagnosis)

    def _log_view(self) -> QPlainTextEdit:
        view = QPlainTextEdit(self)
        view.setReadOnly(True)
        view.setMaximumBlockCount(LOG_LINES)
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        return view

    def current_role(self) -> str:
        row = self.table.currentRow()
        return ROLES[row if 0 <= row < len(ROLES) else 0]

    def assignment(self, role: str) -> Assignment:
        """What the row of ``role`` shows now."""
        return Assignment(str(self.profile_combos[role].currentData() or ""),
                          self.port_combos[role].currentText().strip())

    def save(self) -> None:
        for role in ROLES:
            chosen = self.assignment(role)
            save_assignment(role, chosen if chosen.profile and chosen.port else None,
                            self._settings)
        self.status.setText(self.tr("The device assignments are saved on this PC."))

    def start_test(self) -> None:
        self.stop_test()
        chosen = self.assignment(self.current_role())
        if not chosen.profile:
            self.status.setText(self.tr("Choose the device model first."))
            return
        if not chosen.port:
            self.status.setText(self.tr("Choose or type a port first."))
            return
        try:
            profile = load_profile(chosen.profile)
            codec = profile.make_codec()
            reader = DeviceReader.for_profile(profile, chosen.port, parent=self)
        except ValueError as error:
            self.status.setText(self.tr("This device cannot be tested here: %1")
                                .replace("%1", str(error)))
            return
        self._codec = codec
        self._poll = profile.poll
        self._polls_sent = 0
        self._recent.clear()
        self.raw_view.clear()
        self._raw_column = 0
        self.readings_view.clear()
        self.diagnosis.clear()
        self.diagnosis_code = ""
        self.reader = reader
        reader.raw.connect(self._show_raw)
        reader.reading.connect(self._show_reading)
        reader.tare.connect(self._show_tare)
        reader.sent.connect(self._count_poll)
        reader.status.connect(self.status.setText)
        reader.problem.connect(self.status.setText)
        self.readout.follow(reader)
        self.status.setText(self.tr("Opening %1…").replace("%1", chosen.port))
        reader.start()
        self._timer.start()
        self.test_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        for name, button in self.command_buttons.items():
            button.setEnabled(reader.has_command(name))

    def stop_test(self) -> bool:
        """End the running test; True when no reader thread is left running."""
        self._timer.stop()
        stopped = True
        if self.reader is not None:
            stopped = self.reader.stop()
            self.reader.deleteLater()
            self.reader = None
        self.test_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        for button in self.command_buttons.values():
            button.setEnabled(False)
        return stopped

    def send_command(self, name: str) -> bool:
        """Send the tested device's ``zero``, ``tare`` or ``clear_tare`` command."""
        sentences = {"zero": self.tr("Zero sent to the device."),
                     "tare": self.tr("Tare sent to the device."),
                     "clear_tare": self.tr("Clear tare sent to the device.")}
        if self.reader is None or not self.reader.send_command(name):
            self.status.setText(self.tr("This device has no such command, or no test runs."))
            return False
        self.status.setText(sentences.get(name, name))
        return True

    def _count_poll(self, data: bytes) -> None:
        if data == self._poll:
            self._polls_sent += 1

    def _show_raw(self, data: bytes) -> None:
        if self._codec is not None:
            self._codec.feed(data)
        self._recent += data
        del self._recent[:-RECENT_LIMIT]
        # One line per frame as far as can be told (after LF or ETX), else per 24 bytes, however
        # the bytes were split between reads.
        parts: list[str] = []
        for byte in data:
            parts.append(f" {byte:02x}" if self._raw_column else f"{byte:02x}")
            self._raw_column += 1
            if byte in FRAME_ENDS or self._raw_column >= HEX_BYTES_PER_LINE:
                parts.append("\n")
                self._raw_column = 0
        self.raw_view.moveCursor(QTextCursor.MoveOperation.End)
        self.raw_view.insertPlainText("".join(parts))
        self.raw_view.ensureCursorVisible()

    def _show_reading(self, reading: Reading) -> None:
        value = reading.text if reading.text is not None else (
            self.tr("over range") if reading.overload else str(reading.value))
        stable = {True: self.tr("stable"), False: self.tr("moving"),
                  None: self.tr("stability unknown")}[reading.stable]
        self.readings_view.appendPlainText(
            f"{value} {reading.unit}  {stable}  {reading.kind.value}")

    def _show_tare(self, reading: Reading) -> None:
        self.readings_view.appendPlainText(
            self.tr("tare %1 %2").replace("%1", str(reading.value)).replace("%2", reading.unit))

    def update_diagnosis(self) -> None:
        """Say what looks wrong, from the bytes since the last call and the codec's counts."""
        if self._codec is None:
            return
        found = diagnose.diagnose(bytes(self._recent), self._codec.stats,
                                  polls_sent=self._polls_sent)
        self._recent.clear()
        self._polls_sent = 0
        self.diagnosis_code = found.code
        self.diagnosis.setText(self._sentence(found))

    def _sentence(self, found: diagnose.Diagnosis) -> str:
        sentences = {
            diagnose.NO_DATA.code: self.tr("No data: check the cable and the port."),
            diagnose.NO_ANSWER.code: self.tr(
                "No answer to the poll command: wrong address, wrong baud rate, or the "
                "indicator is not in command mode?"),
            diagnose.SCOREBOARD.code: self.tr(
                "This looks like the scoreboard output; use the PC port."),
            diagnose.WRONG_LINE.code: self.tr(
                "Only garbage arrives: wrong baud rate or parity?"),
            diagnose.BAD_CHECKSUMS.code: self.tr("Checksum errors: check the protocol option."),
        }
        return sentences.get(found.code, found.text)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_test()
        super().closeEvent(event)
