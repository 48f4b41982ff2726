"""The livestock weighing session end to end: a WL-134 EID reader and a Yaohua XK3190-A9
indicator, each simulated on a real pty and assigned to this PC; two animals are identified by
EID, weighed at a stable weight and shown with their gain; repeats of a tag, unknown tags and a
typed weight behave."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from coop_desktop.devices.simulators import EidSimulator, SimulatorPty
from coop_desktop.domain.models import AnimalEvent, Role, Weighing
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.devices.settings import (
    EID_READER,
    LIVESTOCK_SCALE,
    Assignment,
    save_assignment,
)
from coop_desktop.gui.dialogs.weighing_session import WeighingSessionDialog
from coop_desktop.gui.forms import ACTIONS, load_all
from coop_desktop.services.livestock import record_animal_event, register_animal
from coop_desktop.services.permissions import SYSTEM, Actor
from coop_desktop.storage.database import Database
from tests.gui.devices.test_scale_capture import PROFILE, crate_scale
from tests.services.builders import days_ago, make_member, rows

EIDS = {"620602-00017": (156, 1088420), "620602-00018": (156, 1088421)}


def flock(db: Database) -> dict[str, int]:
    """Two sheep with EIDs, weighed 30 days ago at 30 and 32 kg."""
    owner = make_member(db)
    animals = {}
    for (tag, (country, national)), before in zip(EIDS.items(), ("30", "32"), strict=True):
        animal_id = register_animal(db, SYSTEM, ear_tag=tag, species="sheep", breed="滩羊",
                                    eid=f"{country}{national:012d}", owner_member_id=owner)
        record_animal_event(db, SYSTEM, animal_id=animal_id, kind="weighing",
                            occurred_on=days_ago(30), weight_kg=before)
        animals[tag] = animal_id
    return animals


@pytest.fixture
def devices(tmp_path: Path) -> Iterator[tuple[SimulatorPty, SimulatorPty]]:
    eid = SimulatorPty(EidSimulator(tags=list(EIDS.values()), interval=0.3),
                       tmp_path / "ttyUSB-eid")
    eid.start()
    scale = crate_scale(["37.50", "41.00"], tmp_path / "ttyUSB-livestock")
    save_assignment(EID_READER, Assignment("eid-wl134", eid.path))
    save_assignment(LIVESTOCK_SCALE, Assignment(PROFILE, scale.path))
    yield eid, scale
    eid.stop()
    scale.stop()


def cell(dialog: WeighingSessionDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    return item.text() if item is not None else ""


def weigh_next(qtbot: QtBot, dialog: WeighingSessionDialog) -> None:
    """Wait for an animal read by its EID and a stable weight, and capture it."""
    wanted = len(dialog.weighed) + 1

    def weighed() -> bool:
        if dialog.current is not None and dialog.scale.readout.lamp_on:
            dialog.scale.capture()
        return len(dialog.weighed) == wanted

    qtbot.waitUntil(weighed, timeout=15_000)


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_two_animals_by_eid_with_their_gain(qtbot: QtBot, sqlite_coop: Database,
                                           devices: tuple[SimulatorPty, SimulatorPty]) -> None:
    # SQLite only: the services' tests run on both databases; the ptys are what this adds.
    animals = flock(sqlite_coop)
    dialog = WeighingSessionDialog(AppContext(sqlite_coop, Actor("herder", Role.CLERK)))
    qtbot.addWidget(dialog)
    try:
        weigh_next(qtbot, dialog)
        first, gain = dialog.weighed[0]
        assert gain.weight in (Decimal("37.50"), Decimal("41.00"))
        before = Decimal(30) if first.ear_tag == "620602-00017" else Decimal(32)
        assert (gain.kg, gain.days) == (gain.weight - before, 30)
        assert dialog.gain.text().startswith(f"+{(gain.weight - before).normalize():f} kg ")
        assert "Read the next animal" in dialog.message.text()
        weigh_next(qtbot, dialog)
        second, second_gain = dialog.weighed[1]
        assert {first.ear_tag, second.ear_tag} == set(EIDS)  # the same animal not twice
        assert second_gain.weight != gain.weight
        assert dialog.table.rowCount() == 2
        assert [cell(dialog, row, 0) for row in range(2)] == [first.ear_tag, second.ear_tag]
        assert cell(dialog, 0, 3) == "30"
    finally:
        dialog.stop()
    with sqlite_coop.read() as session:
        stored = session.execute(
            select(AnimalEvent.animal_id, AnimalEvent.weight_kg, Weighing.raw_frame,
                   Weighing.operator)
            .join(Weighing, AnimalEvent.weighing_id == Weighing.id)
            .order_by(AnimalEvent.id)).all()
    assert [(animal, weight) for animal, weight, _, _ in stored] == [
        (animals[first.ear_tag], gain.weight), (animals[second.ear_tag], second_gain.weight)]
    assert all(frame is not None and frame.startswith(b"\x02") and who == "herder"
               for _, _, frame, who in stored)


def test_typed_tags_repeats_and_a_typed_weight(qtbot: QtBot, clerk: AppContext) -> None:
    flock(clerk.database)
    dialog = WeighingSessionDialog(clerk)
    qtbot.addWidget(dialog)
    assert "No EID reader is assigned" in dialog.eid_status.text()
    dialog.tag.setText("156 999")
    QTest.keyClick(dialog.tag, Qt.Key.Key_Return)
    assert dialog.current is None
    assert dialog.message.text() == (
        "No animal has the ear tag or electronic ID 156 999; register it first.")
    dialog.scale.typed.setText("36")
    assert dialog.scale.capture_typed() is not None and dialog.weighed == []
    assert dialog.message.text() == "Read the animal's tag before weighing it."
    card = dialog.take_animal("156 1088420", read=True)
    assert card is not None and dialog.ear_tag.text() == "620602-00017"
    assert dialog.last_weight.text() == f"30 kg on {days_ago(30).isoformat()}"
    assert dialog.kind.text() == "sheep, 滩羊"
    dialog.scale.typed.setText("36")
    dialog.scale.use_typed.click()
    assert [(c.ear_tag, g.weight) for c, g in dialog.weighed] == [("620602-00017",
                                                                   Decimal(36))]
    assert dialog.gain.text() == (f"+6 kg since {days_ago(30).isoformat()} (0.2 kg a day)")
    # The reader still sees the animal just weighed: it is not taken up again.
    assert dialog.take_animal("156 000001088420", read=True) is None
    assert dialog.current is None
    dialog.take_animal("620602-00018", read=False)
    assert dialog.take_animal("156 000001088421", read=True) is dialog.current
    # A stray read of the animal weighed before does not replace the one in the crush.
    assert dialog.take_animal("156 000001088420", read=True) is None
    assert dialog.current is not None and dialog.current.ear_tag == "620602-00018"
    # Typed on purpose, it is taken up again.
    assert dialog.take_animal("620602-00017", read=False) is dialog.current
    dialog.take_animal("620602-00018", read=False)
    dialog.skip()
    assert dialog.current is None and rows(clerk.database, AnimalEvent) == 3
    with clerk.database.read() as session:
        manual = session.execute(select(Weighing.device, Weighing.raw_frame)).one()
    assert tuple(manual) == ("manual", None)


def test_a_sold_animal_is_refused(qtbot: QtBot, clerk: AppContext) -> None:
    animals = flock(clerk.database)
    record_animal_event(clerk.database, SYSTEM, animal_id=animals["620602-00017"], kind="sale",
                        occurred_on=days_ago(1), for_food=False)
    dialog = WeighingSessionDialog(clerk)
    qtbot.addWidget(dialog)
    dialog.take_animal("620602-00017", read=False)
    assert "recorded as sold" in dialog.message.text()
    dialog.scale.typed.setText("36")
    dialog.scale.capture_typed()
    assert dialog.weighed == []
    assert dialog.message.text() == "Animal 620602-00017 is sold and cannot be used again."


def test_the_animals_list_offers_the_session() -> None:
    load_all()
    entry = next(entry for entry in ACTIONS["animals"] if entry.title == "Weighing session")
    assert not entry.needs_record
