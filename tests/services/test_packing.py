"""Packing crate by crate: a serial per crate, the running count and total, a warning when
the packed total passes the lot's quantity, the label rules, and an audited undo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.models import Package, PackageStatus, Role, Weighing
from coop_desktop.services.labels import print_labels
from coop_desktop.services.packing import pack_crate, packing_tally, undo_last_crate
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.weighings import WeighingInput
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import (
    audit_ok,
    counts,
    harvested_lot,
    last_audit,
    load,
    nothing_new,
    passing_test,
)

PACKER = actor_for(Role.PACKER)


def crate(gross: str, frame: bytes = b"\x02+001830 21\x03", stable: bool = True) -> WeighingInput:
    return WeighingInput(gross=Decimal(gross), stable=stable, device="yaohua@pty",
                         raw_frame=frame)


@pytest.fixture
def lot(coop: Database) -> int:
    _, lot_id = harvested_lot(coop, "L001", quantity="40")
    passing_test(coop, lot_id, "Q-1")
    return lot_id


def test_each_crate_gets_a_serial_and_the_tally_runs(coop: Database, lot: int) -> None:
    print_labels(coop, PACKER, lot_id=lot, count=1)  # an unweighed label takes serial 1
    first = pack_crate(coop, PACKER, lot, crate("18.30"), crate_tare="1.2")
    assert (first.serial, first.net_weight) == (2, Decimal("17.10"))
    assert (first.tally.count, first.tally.packed, first.tally.warning) == (
        1, Decimal("17.10"), None)
    second = pack_crate(coop, PACKER, lot, crate("19.00", frame=b"frame-2"),
                        crate_tare=Decimal("1.2"))
    assert second.serial == 3
    assert (second.tally.count, second.tally.packed) == (2, Decimal("34.90"))
    package = load(coop, Package, second.package_id)
    assert (package.net_weight, package.lot_id, package.printed_by) == (
        Decimal("17.80"), lot, "test-packer")
    weighing = load(coop, Weighing, package.weighing_id)
    assert (weighing.gross, weighing.tare, weighing.raw_frame, weighing.operator) == (
        Decimal("19.00"), Decimal("1.2"), b"frame-2", "test-packer")
    assert last_audit(coop).action == "pack_crate"
    third = pack_crate(coop, PACKER, lot, crate("7.00"))
    assert third.tally.packed == Decimal("41.90") and third.tally.warning is not None
    assert "Packed 41.9 kg is more than lot L001 holds (40 kg)" in third.tally.warning
    assert packing_tally(coop, PACKER, lot) == third.tally
    audit_ok(coop)


def test_refused_crates_write_nothing(coop: Database, lot: int) -> None:
    before = counts(coop, Package, Weighing)
    with pytest.raises(RuleViolation, match="still moving"):
        pack_crate(coop, PACKER, lot, crate("18.30", stable=False))
    with pytest.raises(ValidationError) as below:
        pack_crate(coop, PACKER, lot, crate("1.10"), crate_tare="1.2")
    assert below.value.code == "packing.below_tare"
    nothing_new(coop, before)


def test_the_label_rules_apply(coop: Database) -> None:
    _, untested = harvested_lot(coop, "L002", quantity="40")
    with pytest.raises(RuleViolation) as refusal:
        pack_crate(coop, PACKER, untested, crate("18.30"))
    assert refusal.value.code == "label.needs_pass"
    assert pack_crate(coop, SYSTEM, untested, crate("18.30"),
                      override_reason="sample sent to the lab").serial == 1
    assert last_audit(coop).reason == "sample sent to the lab"


def test_undo_voids_the_last_crate_with_its_reason(coop: Database, lot: int) -> None:
    with pytest.raises(RuleViolation, match="No weighed crate"):
        undo_last_crate(coop, PACKER, lot, "wrong crate")
    pack_crate(coop, PACKER, lot, crate("18.30"))
    pack_crate(coop, PACKER, lot, crate("19.30"))
    with pytest.raises(ValidationError):
        undo_last_crate(coop, PACKER, lot, "  ")
    undone = undo_last_crate(coop, PACKER, lot, "crate put on twice")
    assert undone.serial == 2
    assert (undone.tally.count, undone.tally.packed) == (1, Decimal("18.30"))
    with coop.read() as session:
        statuses = session.execute(select(Package.serial, Package.status, Package.void_reason)
                                   .order_by(Package.serial)).all()
    assert [tuple(row) for row in statuses] == [
        (1, PackageStatus.PRINTED, None), (2, PackageStatus.VOIDED, "crate put on twice")]
    entry = last_audit(coop)
    assert (entry.action, entry.entity_code, entry.reason) == (
        "void_label", "2", "crate put on twice")
    # The next crate gets a new serial: a voided one is never reused.
    assert pack_crate(coop, PACKER, lot, crate("18.00")).serial == 3
    audit_ok(coop)
