"""Lots: made from harvests, split, merged and processed with mass balance enforced, released
only with a passing quality record.

"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from coop_desktop.domain.errors import RuleViolation, ValidationError
from coop_desktop.domain.models import (
    AuditEntry,
    Lot,
    LotLink,
    LotSource,
    LotStatus,
    Transformation,
    TransformationKind,
)
from coop_desktop.services.lots import (
    OutputInput,
    SourceInput,
    create_lot,
    hold_lot,
    lot_available,
    merge_lots,
    process_lots,
    release_lot,
    split_lot,
    transform,
)
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.services.builders import (
    audit_count,
    audit_ok,
    counts,
    days_ago,
    failing_test,
    grow,
    harvest_of,
    harvested_lot,
    last_audit,
    load,
    lot_from,
    make_product,
    nothing_new,
    passing_test,
    rows,
)

LOT_TABLES = (Lot, LotLink, LotSource, Transformation, AuditEntry)


# --- first-generation lots ------------------------------------------------------------------

def test_lot_from_a_harvest(coop: Database) -> None:
    product_id = make_product(coop, shelf_life_days=30)
    crop = grow(coop, product_id)
    harvest_id = harvest_of(coop, crop.batch_id, "250.5", on=12)
    lot_id = create_lot(coop, SYSTEM, code="hm-0801", product_id=product_id,
                        sources=[SourceInput("harvest", harvest_id, "200.25")],
                        pack_date=days_ago(10), grade="一级")
    lot = load(coop, Lot, lot_id)
    assert lot.code == "HM-0801"
    assert lot.quantity == Decimal("200.25")
    assert lot.unit == "kg"
    assert lot.status == LotStatus.OPEN
    assert lot.harvest_date == days_ago(12)
    assert lot.pack_date == days_ago(10)
    assert lot.best_before == days_ago(10) + dt.timedelta(days=30)
    with coop.read() as session:
        harvest = session.get(LotSource, 1)
        assert harvest is not None
        assert (harvest.lot_id, harvest.harvest_id, harvest.quantity) == (
            lot_id, harvest_id, Decimal("200.25"))
        assert lot_available(session, lot) == Decimal("200.25")
    assert audit_ok(coop)


def test_taking_more_than_is_left_of_a_harvest_is_refused(coop: Database) -> None:
    product_id = make_product(coop)
    crop = grow(coop, product_id)
    harvest_id = harvest_of(coop, crop.batch_id, "100")
    lot_from(coop, "L001", harvest_id, "70", product_id)
    before = counts(coop, *LOT_TABLES)
    with pytest.raises(RuleViolation) as caught:
        lot_from(coop, "L002", harvest_id, "40", product_id)
    error = caught.value
    assert error.code == "mass_balance.source_exhausted"
    assert error.params["available"] == Decimal(30)
    assert error.params["requested"] == Decimal(40)
    assert "B001" in str(error)
    assert "only 30" in str(error)
    nothing_new(coop, before)
    # What is left can still be taken, exactly.
    lot_from(coop, "L002", harvest_id, "30", product_id)


def test_the_same_harvest_twice_in_one_lot_cannot_exceed_it(coop: Database) -> None:
    product_id = make_product(coop)
    crop = grow(coop, product_id)
    harvest_id = harvest_of(coop, crop.batch_id, "100")
    before = counts(coop, *LOT_TABLES)
    with pytest.raises(RuleViolation) as caught:
        create_lot(coop, SYSTEM, code="L001", product_id=product_id,
                   sources=[SourceInput("harvest", harvest_id, "60"),
                            SourceInput("harvest", harvest_id, "60")])
    assert caught.value.code == "mass_balance.source_exhausted"
    nothing_new(coop, before)


def test_lot_of_another_product_than_the_harvest_is_refused(coop: Database) -> None:
    melon = make_product(coop)
    carrot = make_product(coop, code="CARROT", name_zh="胡萝卜")
    crop = grow(coop, melon)
    harvest_id = harvest_of(coop, crop.batch_id)
    before = counts(coop, *LOT_TABLES)
    with pytest.raises(RuleViolation) as caught:
        lot_from(coop, "L001", harvest_id, "10", carrot)
    assert caught.value.code == "lot.product_mismatch"
    assert "白兰瓜" in str(caught.value)
    assert "胡萝卜" in str(caught.value)
    nothing_new(coop, before)


@pytest.mark.parametrize(("quantity", "code"), [
    ("-5", "value.not_positive"), ("0", "value.not_positive"),
    ("20000000", "value.too_large"), ("lots", "value.not_number"),
])
def test_bad_source_quantity(coop: Database, quantity: str, code: str) -> None:
    product_id = make_product(coop)
    crop = grow(coop, product_id)
    harvest_id = harvest_of(coop, crop.batch_id)
    with pytest.raises(ValidationError) as caught:
        lot_from(coop, "L001", harvest_id, quantity, product_id)
    assert caught.value.code == code
    assert caught.value.field == "quantity"
    assert rows(coop, Lot) == 0


def test_lot_needs_a_source_and_a_good_code(coop: Database) -> None:
    product_id = make_product(coop)
    with pytest.raises(ValidationError) as caught:
        create_lot(coop, SYSTEM, code="L001", product_id=product_id, sources=[])
    assert caught.value.code == "lot.no_sources"
    crop = grow(coop, product_id)
    harvest_id = harvest_of(coop, crop.batch_id)
    with pytest.raises(ValidationError) as caught:
        lot_from(coop, "L/001", harvest_id, "5", product_id)
    assert caught.value.code == "lot_code.format"
    lot_from(coop, "L001", harvest_id, "5", product_id)
    with pytest.raises(ValidationError) as caught:
        lot_from(coop, "l001", harvest_id, "5", product_id)
    assert caught.value.code == "duplicate"
    assert rows(coop, Lot) == 1


# --- split, merge, process --------------------------------------------------------------------

def test_split_makes_children_and_consumes_the_parent(coop: Database) -> None:
    _, parent = harvested_lot(coop, "L001", "100")
    children = split_lot(coop, SYSTEM, parent, [OutputInput("L001-A", "60"),
                                                OutputInput("L001-B", "38")],
                         loss="2", loss_reason="修整")
    assert [load(coop, Lot, child).quantity for child in children] == [Decimal(60), Decimal(38)]
    assert load(coop, Lot, parent).status == LotStatus.CONSUMED
    with coop.read() as session:
        step = session.execute(select(Transformation)).scalar_one()
        assert step.kind == TransformationKind.SPLIT
        assert (step.input_quantity, step.output_quantity, step.loss_quantity) == (
            Decimal(100), Decimal(98), Decimal(2))
        links = session.execute(select(LotLink)).scalars().all()
        assert {link.child_lot_id for link in links} == set(children)
        assert sum(link.quantity for link in links) == Decimal(100)
        assert lot_available(session, load(coop, Lot, parent)) == 0
    assert audit_ok(coop)


def test_split_with_loss_that_does_not_divide_evenly_still_consumes_the_parent(
        coop: Database) -> None:
    _, parent = harvested_lot(coop, "L001", "10")
    split_lot(coop, SYSTEM, parent, [OutputInput("L001-A", "3"), OutputInput("L001-B", "3"),
                                     OutputInput("L001-C", "3")], loss="1")
    with coop.read() as session:
        links = session.execute(select(LotLink.quantity)).scalars().all()
        # Every gram of the parent is accounted for: nothing is left over by rounding.
        assert sum(links) == Decimal(10)
        assert lot_available(session, load(coop, Lot, parent)) == 0
    assert load(coop, Lot, parent).status == LotStatus.CONSUMED


def test_partial_split_leaves_the_rest(coop: Database) -> None:
    _, parent = harvested_lot(coop, "L001", "100")
    split_lot(coop, SYSTEM, parent, [OutputInput("L001-A", "25")])
    lot = load(coop, Lot, parent)
    assert lot.status == LotStatus.OPEN
    with coop.read() as session:
        assert lot_available(session, lot) == Decimal(75)
    before = counts(coop, *LOT_TABLES)
    with pytest.raises(RuleViolation) as caught:
        split_lot(coop, SYSTEM, parent, [OutputInput("L001-B", "50"),
                                         OutputInput("L001-C", "26")])
    assert caught.value.code == "mass_balance.source_exhausted"
    assert caught.value.params["available"] == Decimal(75)
    assert caught.value.params["requested"] == Decimal(76)
    assert "L001" in str(caught.value)
    nothing_new(coop, before)


@pytest.mark.parametrize("kind", ["split", "merge", "process"])
def test_outputs_plus_loss_above_inputs_is_refused_and_nothing_written(
        coop: Database, kind: str) -> None:
    product_id = make_product(coop)
    _, first = harvested_lot(coop, "L001", "100", product_id=product_id)
    _, second = harvested_lot(coop, "L002", "50", product_id=product_id, batch="B002",
                              plot="P002", member="M002")
    inputs: list[tuple[int, Decimal | str | float]] = (
        [(first, "100")] if kind == "split" else [(first, "100"), (second, "50")])
    outputs = ([OutputInput("X1", "60"), OutputInput("X2", "39")] if kind == "split"
               else [OutputInput("X1", "146")])
    total_in = Decimal(100) if kind == "split" else Decimal(150)
    before = counts(coop, *LOT_TABLES)
    versions = [load(coop, Lot, first).version, load(coop, Lot, second).version]
    with pytest.raises(RuleViolation) as caught:
        transform(coop, SYSTEM, kind=kind, inputs=inputs, outputs=outputs, loss="5")
    error = caught.value
    assert error.code == "mass_balance.outputs_exceed"
    assert error.params["inputs"] == total_in
    assert error.params["loss"] == Decimal(5)
    assert error.params["outputs"] == sum(Decimal(str(o.quantity)) for o in outputs)
    assert f"exceed the inputs of {total_in}" in str(error)
    nothing_new(coop, before)
    assert [load(coop, Lot, first).version, load(coop, Lot, second).version] == versions
    assert load(coop, Lot, first).status == LotStatus.OPEN


def test_outputs_plus_loss_equal_to_inputs_is_accepted(coop: Database) -> None:
    product_id = make_product(coop)
    jam = make_product(coop, code="JAM", name_zh="瓜酱", kind="processed")
    _, first = harvested_lot(coop, "L001", "100", product_id=product_id)
    children = process_lots(coop, SYSTEM, [(first, "100")],
                            [OutputInput("J1", "30", product_id=jam),
                             OutputInput("J2", "30", product_id=jam)], loss="40",
                            loss_reason="熬煮失水")
    assert [load(coop, Lot, child).product_id for child in children] == [jam, jam]
    assert load(coop, Lot, first).status == LotStatus.CONSUMED
    with coop.read() as session:
        step = session.execute(select(Transformation)).scalar_one()
        assert step.kind == TransformationKind.PROCESS
        assert step.loss_reason == "熬煮失水"


def test_the_same_lot_twice_as_input_cannot_exceed_it(coop: Database) -> None:
    _, first = harvested_lot(coop, "L001", "100")
    before = counts(coop, *LOT_TABLES)
    with pytest.raises(RuleViolation) as caught:
        transform(coop, SYSTEM, kind="merge", inputs=[(first, "60"), (first, "60")],
                  outputs=[OutputInput("X1", "120")])
    assert caught.value.code == "mass_balance.source_exhausted"
    nothing_new(coop, before)


def test_merge_adds_up_and_keeps_the_earliest_harvest_date(coop: Database) -> None:
    product_id = make_product(coop)
    crop_a = grow(coop, product_id)
    crop_b = grow(coop, product_id, member="M002", plot="P002", batch="B002")
    first = lot_from(coop, "L001", harvest_of(coop, crop_a.batch_id, "60", on=30), "60",
                     product_id)
    second = lot_from(coop, "L002", harvest_of(coop, crop_b.batch_id, "40", on=25), "40",
                      product_id)
    merged = merge_lots(coop, SYSTEM, [(first, "60"), (second, "40")], "M-1", loss="1.5")
    lot = load(coop, Lot, merged)
    assert lot.quantity == Decimal("98.5")
    assert lot.product_id == product_id
    assert lot.harvest_date == days_ago(30)
    assert load(coop, Lot, first).status == LotStatus.CONSUMED
    assert load(coop, Lot, second).status == LotStatus.CONSUMED
    with coop.read() as session:
        links = {(link.parent_lot_id, link.child_lot_id): link.quantity
                 for link in session.execute(select(LotLink)).scalars()}
    assert links == {(first, merged): Decimal(60), (second, merged): Decimal(40)}
    assert audit_ok(coop)


def test_merge_of_different_products_is_refused(coop: Database) -> None:
    melon = make_product(coop)
    carrot = make_product(coop, code="CARROT", name_zh="胡萝卜")
    _, first = harvested_lot(coop, "L001", "60", product_id=melon)
    _, second = harvested_lot(coop, "L002", "40", product_id=carrot, batch="B002",
                              plot="P002", member="M002")
    before = counts(coop, *LOT_TABLES)
    with pytest.raises(RuleViolation) as caught:
        merge_lots(coop, SYSTEM, [(first, "60"), (second, "40")], "M-1")
    assert caught.value.code == "lot.product_mismatch"
    assert "L002" in str(caught.value)
    nothing_new(coop, before)
    assert load(coop, Lot, first).status == LotStatus.OPEN


def test_a_consumed_lot_cannot_be_used_again(coop: Database) -> None:
    _, parent = harvested_lot(coop, "L001", "10")
    split_lot(coop, SYSTEM, parent, [OutputInput("L001-A", "10")])
    with pytest.raises(RuleViolation) as caught:
        split_lot(coop, SYSTEM, parent, [OutputInput("L001-B", "1")])
    assert caught.value.code == "lot.not_usable"
    assert caught.value.params["status"] == "consumed"


# --- release and hold -------------------------------------------------------------------------

def test_release_without_a_passing_quality_record_is_refused(coop: Database) -> None:
    _, lot_id = harvested_lot(coop)
    before = audit_count(coop)
    with pytest.raises(RuleViolation) as caught:
        release_lot(coop, SYSTEM, lot_id)
    assert caught.value.code == "lot.release_needs_pass"
    assert "L001" in str(caught.value)
    assert load(coop, Lot, lot_id).status == LotStatus.OPEN
    assert audit_count(coop) == before


def test_passing_test_allows_release(coop: Database) -> None:
    _, lot_id = harvested_lot(coop)
    passing_test(coop, lot_id, "QC-1")
    release_lot(coop, SYSTEM, lot_id)
    assert load(coop, Lot, lot_id).status == LotStatus.RELEASED
    entry = last_audit(coop)
    assert (entry.action, entry.entity, entry.entity_code) == ("release", "lots", "L001")
    assert entry.before is not None
    assert entry.after is not None
    assert (entry.before["status"], entry.after["status"]) == ("open", "released")
    with pytest.raises(RuleViolation) as caught:
        release_lot(coop, SYSTEM, lot_id)
    assert caught.value.code == "lot.status_change"


def test_failed_test_holds_the_lot_and_blocks_release(coop: Database) -> None:
    _, lot_id = harvested_lot(coop)
    failing_test(coop, lot_id, "QC-9")
    assert load(coop, Lot, lot_id).status == LotStatus.HELD
    with pytest.raises(RuleViolation) as caught:
        release_lot(coop, SYSTEM, lot_id)
    assert caught.value.code == "lot.release_failed_test"
    assert "QC-9" in str(caught.value)
    assert load(coop, Lot, lot_id).status == LotStatus.HELD
    # A later passing retest lets the held lot go.
    passing_test(coop, lot_id, "QC-10", on=5)
    release_lot(coop, SYSTEM, lot_id)
    assert load(coop, Lot, lot_id).status == LotStatus.RELEASED


def test_split_children_of_a_passed_lot_can_be_released(coop: Database) -> None:
    _, parent = harvested_lot(coop)
    passing_test(coop, parent, "QC-1")
    children = split_lot(coop, SYSTEM, parent, [OutputInput("L001-A", "50"),
                                                OutputInput("L001-B", "50")])
    for child in children:
        release_lot(coop, SYSTEM, child)
        assert load(coop, Lot, child).status == LotStatus.RELEASED
    assert audit_ok(coop)


def test_split_children_of_an_untested_or_failed_lot_cannot(coop: Database) -> None:
    product_id = make_product(coop)
    _, untested = harvested_lot(coop, "L001", "10", product_id=product_id)
    [child] = split_lot(coop, SYSTEM, untested, [OutputInput("L001-A", "10")])
    with pytest.raises(RuleViolation) as caught:
        release_lot(coop, SYSTEM, child)
    assert caught.value.code == "lot.release_needs_pass"
    _, failed = harvested_lot(coop, "L002", "10", product_id=product_id, batch="B002",
                              plot="P002", member="M002")
    failing_test(coop, failed, "QC-F")
    [held_child] = split_lot(coop, SYSTEM, failed, [OutputInput("L002-A", "10")])
    with pytest.raises(RuleViolation) as caught:
        release_lot(coop, SYSTEM, held_child)
    assert caught.value.code == "lot.release_failed_test"
    assert "QC-F" in str(caught.value)


def test_merge_child_needs_every_parent_passed(coop: Database) -> None:
    product_id = make_product(coop)
    _, tested = harvested_lot(coop, "L001", "10", product_id=product_id)
    _, untested = harvested_lot(coop, "L002", "10", product_id=product_id, batch="B002",
                                plot="P002", member="M002")
    passing_test(coop, tested, "QC-1")
    merged = merge_lots(coop, SYSTEM, [(tested, "10"), (untested, "10")], "M-1")
    with pytest.raises(RuleViolation) as caught:
        release_lot(coop, SYSTEM, merged)
    assert caught.value.code == "lot.release_needs_pass"


def test_processed_lot_needs_its_own_test(coop: Database) -> None:
    product_id = make_product(coop)
    jam = make_product(coop, code="JAM", name_zh="瓜酱", kind="processed")
    _, parent = harvested_lot(coop, "L001", "10", product_id=product_id)
    passing_test(coop, parent, "QC-1")
    [child] = process_lots(coop, SYSTEM, [(parent, "10")],
                           [OutputInput("J1", "6", product_id=jam)], loss="4")
    with pytest.raises(RuleViolation) as caught:
        release_lot(coop, SYSTEM, child)
    assert caught.value.code == "lot.release_needs_pass"
    passing_test(coop, child, "QC-J1", on=1)
    release_lot(coop, SYSTEM, child)
    assert load(coop, Lot, child).status == LotStatus.RELEASED


def test_hold_is_audited_with_its_reason(coop: Database) -> None:
    _, lot_id = harvested_lot(coop)
    hold_lot(coop, SYSTEM, lot_id, reason="客户投诉，待复检")
    assert load(coop, Lot, lot_id).status == LotStatus.HELD
    entry = last_audit(coop)
    assert (entry.action, entry.reason) == ("hold", "客户投诉，待复检")
    with pytest.raises(RuleViolation) as caught:
        hold_lot(coop, SYSTEM, lot_id, reason="again")
    assert caught.value.code == "lot.status_change"
    assert audit_ok(coop)
