"""The Devices page over real pseudo-terminals: a Yaohua tF=0 stream shows as hex and as
readings and settles the readout; random bytes get the wrong-baud-rate sentence; Save keeps the
assignments for the next page; Stop ends the reader's thread."""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

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


def point_at(page: DevicesPage, link: Path) -> None:
    combo = page.profile_combos[PACKING_SCALE]
    combo.setCurrentIndex(combo.findData(PROFILE))
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
    import os

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
