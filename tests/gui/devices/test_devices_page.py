"""The Devices page over real pseudo-terminals: a Yaohua tF=0 stream shows as hex and as
readings and settles the readout; random bytes get the wrong-baud-rate sentence; Save keeps the
assignments for the next page; Stop ends the reader's thread. Polled scales (simulated on a pty
or behind a tcp:// device server) are polled, and zeroed and tared by the page's buttons, which
are enabled only while a test runs on a profile that has the command."""

from __future__ import annotations

import os
import random
import select
import socket
import sys
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coop_desktop.devices.profiles import load_profile
from coop_desktop.devices.simulators import ScaleSimulator, SimulatorPty, serve_tcp
from coop_desktop.gui.devices.settings import (
    EID_READER,
    PACKING_SCALE,
    Assignment,
    load_assignment,
    load_assignments,
    save_assignment,
)
from coop_desktop.gui.pages.devices_page import DevicesPage
from tests.gui.devices.test_reader import Pty

PROFILE = "yaohua-xk3190-a9"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


@pytest.fixture
def page(qtbot: QtBot) -> Iterator[DevicesPage]:
    widget = DevicesPage(None, diagnosis_interval_ms=100)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    assert widget.stop_test()


@pytest.fixture
def pty(tmp_path: Path) -> Iterator[Pty]:
    device = Pty(tmp_path / "ttyUSB-scale")
    yield device
    device.close()


def point_at(page: DevicesPage, link: Path | str, profile: str = PROFILE) -> None:
    combo = page.profile_combos[PACKING_SCALE]
    combo.setCurrentIndex(combo.findData(profile))
    page.port_combos[PACKING_SCALE].setEditText(str(link))
    page.table.selectRow(0)


def test_rows_offer_every_profile(page: DevicesPage) -> None:
    combo = page.profile_combos[PACKING_SCALE]
    assert combo.findData(PROFILE) >= 0
    assert page.port_combos[PACKING_SCALE].isEditable()
    assert page.table.rowCount() == 3
    assert not page.stop_button.isEnabled()


@posix_only
def test_a_live_scale_shows_bytes_readings_and_a_stable_weight(
        qtbot: QtBot, page: DevicesPage, pty: Pty, tmp_path: Path) -> None:
    point_at(page, tmp_path / "ttyUSB-scale")
    page.test_button.click()
    assert page.reader is not None and page.stop_button.isEnabled()
    qtbot.waitUntil(lambda: "Connected" in page.status.text(), timeout=3000)

    def settled() -> bool:
        pty.send("12.34")
        qtbot.wait(30)
        return page.readout.lamp_on

    qtbot.waitUntil(settled, timeout=5000)
    assert "2b 30 30 31 32 33 34" in page.raw_view.toPlainText()  # sign, digits
    lines = page.readings_view.toPlainText().splitlines()
    assert lines[0] == "12.34 kg  moving  unknown"
    assert lines[-1] == "12.34 kg  stable  unknown"
    assert page.raw_view.blockCount() <= 40
    assert page.readout.value_label.text() == "12.34"
    qtbot.waitUntil(lambda: page.diagnosis_code == "ok", timeout=2000)
    assert page.diagnosis.text() == ""

    thread = page.reader.reader_thread
    page.stop_button.click()
    assert page.reader is None and not thread.isRunning()
    assert page.test_button.isEnabled() and not page.stop_button.isEnabled()


@posix_only
def test_random_bytes_suggest_the_baud_rate(qtbot: QtBot, page: DevicesPage, pty: Pty,
                                            tmp_path: Path) -> None:
    point_at(page, tmp_path / "ttyUSB-scale")
    page.test_button.click()
    qtbot.waitUntil(lambda: "Connected" in page.status.text(), timeout=3000)
    noise = random.Random(7)

    def diagnosed() -> bool:
        os.write(pty.master, noise.randbytes(64))
        qtbot.wait(20)
        return page.diagnosis_code == "wrong_line_settings"

    qtbot.waitUntil(diagnosed, timeout=3000)
    assert page.diagnosis.text() == "Only garbage arrives: wrong baud rate or parity?"
    assert page.readings_view.toPlainText() == ""


def test_nothing_arriving_says_no_data(qtbot: QtBot, page: DevicesPage, tmp_path: Path) -> None:
    point_at(page, tmp_path / "no-such-port")
    page.test_button.click()
    qtbot.waitUntil(lambda: page.diagnosis_code == "no_data", timeout=2000)
    assert page.diagnosis.text() == "No data: check the cable and the port."


def test_without_a_model_or_a_port_nothing_starts(page: DevicesPage) -> None:
    assert page.profile_combos[PACKING_SCALE].currentData() is None  # nothing assigned yet
    page.test_button.click()
    assert page.reader is None
    assert page.status.text() == "Choose the device model first."
    combo = page.profile_combos[PACKING_SCALE]
    combo.setCurrentIndex(combo.findData(PROFILE))
    page.port_combos[PACKING_SCALE].setEditText("")
    page.test_button.click()
    assert page.reader is None
    assert page.status.text() == "Choose or type a port first."


def test_save_persists_and_a_new_page_shows_it(qtbot: QtBot, page: DevicesPage) -> None:
    point_at(page, Path("/dev/pts/7"))
    eid = page.profile_combos[EID_READER]
    eid.setCurrentIndex(eid.findData("eid-wl134"))
    page.port_combos[EID_READER].setEditText("tcp://192.168.1.20:4001")
    page.save_button.click()
    assert load_assignment(PACKING_SCALE) == Assignment(PROFILE, "/dev/pts/7")
    stored = load_assignments()
    assert set(stored) == {PACKING_SCALE, EID_READER}

    again = DevicesPage(None)
    qtbot.addWidget(again)
    assert again.assignment(PACKING_SCALE) == Assignment(PROFILE, "/dev/pts/7")
    assert again.port_combos[EID_READER].currentText() == "tcp://192.168.1.20:4001"


def test_forgetting_an_assignment() -> None:
    save_assignment(PACKING_SCALE, Assignment(PROFILE, "COM3"))
    assert load_assignment(PACKING_SCALE) == Assignment(PROFILE, "COM3")
    save_assignment(PACKING_SCALE, None)
    assert load_assignment(PACKING_SCALE) is None


def _still_scale(name: str) -> ScaleSimulator:
    return ScaleSimulator(load_profile(name), weights=[Decimal("18.40")], zero_frames=0,
                          ramp_frames=0, settle_frames=0, stable_frames=10**6)


def _buttons(page: DevicesPage) -> tuple[bool, bool, bool]:
    return (page.zero_button.isEnabled(), page.tare_button.isEnabled(),
            page.clear_tare_button.isEnabled())


@posix_only
def test_a_polled_scale_is_tested_zeroed_and_tared(qtbot: QtBot, page: DevicesPage) -> None:
    assert _buttons(page) == (False, False, False)
    simulator = _still_scale("sartorius-sbi")
    with SimulatorPty(simulator) as pty:
        point_at(page, pty.path, "sartorius-sbi")
        page.test_button.click()
        assert _buttons(page) == (True, True, False)  # SBI has no clear-tare command
        qtbot.waitUntil(lambda: page.readout.lamp_on, timeout=3000)
        assert page.readout.value_label.text() == "18.40"
        assert "18.40 kg  stable  gross" in page.readings_view.toPlainText()
        hex_text = " ".join(page.raw_view.toPlainText().split())  # chunks join across lines
        assert "47 20 20 20 20 20 2b 20 20 20 20 31 38 2e 34 30 20 6b 67" in hex_text

        page.tare_button.click()
        assert page.status.text() == "Tare sent to the device."
        qtbot.waitUntil(lambda: page.readout.value_label.text() == "0.00", timeout=3000)
        assert page.readout.kind_label.text() == "Net"
        page.zero_button.click()
        qtbot.waitUntil(lambda: page.readout.kind_label.text() == "Gross", timeout=3000)
        assert simulator.zero_offset == Decimal("18.40")
        qtbot.waitUntil(lambda: page.diagnosis_code == "ok", timeout=2000)
        assert page.stop_test()
    assert _buttons(page) == (False, False, False)
    assert b"\x1bU\r\n" in pty.received and b"\x1bV\r\n" in pty.received


@posix_only
def test_commands_follow_the_profile(qtbot: QtBot, page: DevicesPage) -> None:
    with SimulatorPty(_still_scale("mt-sics")) as pty:
        point_at(page, pty.path, "mt-sics")
        page.test_button.click()
        assert _buttons(page) == (True, True, True)
        qtbot.waitUntil(lambda: page.readout.value_label.text() == "18.40", timeout=3000)
        page.tare_button.click()
        qtbot.waitUntil(lambda: "tare 18.40 kg" in page.readings_view.toPlainText(),
                        timeout=3000)
        qtbot.waitUntil(lambda: page.readout.value_label.text() == "0.00", timeout=3000)
        page.clear_tare_button.click()
        qtbot.waitUntil(lambda: page.readout.value_label.text() == "18.40", timeout=3000)
        assert page.stop_test()
    with SimulatorPty(_still_scale("yaohua-xk3190-command")) as pty:
        point_at(page, pty.path, "yaohua-xk3190-command")
        page.test_button.click()
        assert _buttons(page) == (False, False, False)
        assert not page.send_command("zero")
        assert page.status.text() == "This device has no such command, or no test runs."
        qtbot.waitUntil(lambda: page.readout.value_label.text() == "18.40", timeout=3000)


@posix_only
def test_a_polled_scale_that_does_not_answer(qtbot: QtBot, page: DevicesPage, pty: Pty,
                                             tmp_path: Path) -> None:
    point_at(page, tmp_path / "ttyUSB-scale", "mt-sics")
    page.test_button.click()
    qtbot.waitUntil(lambda: page.diagnosis_code == "no_answer", timeout=3000)
    assert page.diagnosis.text() == ("No answer to the poll command: wrong address, wrong baud "
                                     "rate, or the indicator is not in command mode?")
    ready, _, _ = select.select([pty.master], [], [], 2)
    assert ready and os.read(pty.master, 64).startswith(b"SI\r\n")  # it was asked


def test_a_scale_behind_a_serial_device_server(qtbot: QtBot, page: DevicesPage) -> None:
    simulator = _still_scale("mt-sics")
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()
    thread = threading.Thread(target=serve_tcp, args=(simulator, server, stop), daemon=True)
    thread.start()
    try:
        point_at(page, f"tcp://127.0.0.1:{server.getsockname()[1]}", "mt-sics")
        page.test_button.click()
        qtbot.waitUntil(lambda: page.readout.lamp_on, timeout=3000)
        page.tare_button.click()
        qtbot.waitUntil(lambda: page.readout.value_label.text() == "0.00", timeout=3000)
        assert page.stop_test()
    finally:
        stop.set()
        thread.join(timeout=2)
        server.close()
