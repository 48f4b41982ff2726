"""Quality records: pass only when every parameter is within its limit; a failed test of a lot
holds it at once."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest
from sqlalchemy import select

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import (
    Attachment,
    AuditEntry,
    Lot,
    LotStatus,
    QualityParameter,
    QualityRecord,
    QualityResult,
)
from coop_desktop.services.lots import release_lot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.quality import AttachmentInput, ParameterInput, record_quality
from coop_desktop.storage.database import Database
from tests.services.builders import (
    TODAY,
    audit_ok,
    counts,
    days_ago,
    failing_test,
    harvested_lot,
    last_audit,
    load,
    nothing_new,
    passing_test,
)


def test_passing_record_with_parameters_and_attachment(coop: Database) -> None:
    crop, lot_id = harvested_lot(coop)
    scan = b"%PDF-1.4 lab report " + bytes(range(256))
    record_id = record_quality(
        coop, SYSTEM, code="LAB-2025-031", kind="lab_report", tested_on=days_ago(3),
        lot_id=lot_id, laboratory="甘肃省农产品质量安全检测中心", report_number="GS2025-031",
        parameters=[ParameterInput("毒死蜱", "0.005", "0.02", "mg/kg"),
                    ParameterInput("可溶性固形物", "14.2", "12", "%Brix", limit_is_maximum=False),
                    ParameterInput("外观", "1")],
        attachments=[AttachmentInput("report.pdf", scan, "application/pdf")])
    record = load(coop, QualityRecord, record_id)
    assert (record.result, record.tested_on, record.tested_by) == (
        QualityResult.PASS, days_ago(3), "system")
    with coop.read() as session:
        parameters = session.execute(
            select(QualityParameter.name, QualityParameter.value, QualityParameter.limit,
                   QualityParameter.passed).order_by(QualityParameter.id)).all()
        attachment = session.execute(select(Attachment.sha256, Attachment.size,
                                            Attachment.content)).one()
    assert [tuple(row) for row in parameters] == [
        ("毒死蜱", Decimal("0.005"), Decimal("0.02"), True),
        ("可溶性固形物", Decimal("14.2"), Decimal(12), True),
        ("外观", Decimal(1), None, True)]
    assert tuple(attachment) == (hashlib.sha256(scan).hexdigest(), len(scan), scan)
    assert load(coop, Lot, lot_id).status == LotStatus.OPEN
    assert crop.batch_id
    assert audit_ok(coop)


@pytest.mark.parametrize(("value", "limit", "maximum", "result"), [
    ("0.02", "0.02", True, QualityResult.PASS),     # at the limit passes
    ("0.0201", "0.02", True, QualityResult.FAIL),
    ("12", "12", False, QualityResult.PASS),
    ("11.9", "12", False, QualityResult.FAIL),
])
def test_limits(coop: Database, value: str, limit: str, maximum: bool,
                result: QualityResult) -> None:
    _, lot_id = harvested_lot(coop)
    record_id = record_quality(coop, SYSTEM, code="Q1", kind="rapid_residue", tested_on=TODAY,
                               lot_id=lot_id, parameters=[
                                   ParameterInput("p", value, limit, limit_is_maximum=maximum)])
    assert load(coop, QualityRecord, record_id).result == result
    expected = LotStatus.OPEN if result == QualityResult.PASS else LotStatus.HELD
    assert load(coop, Lot, lot_id).status == expected


def test_one_failing_parameter_fails_the_record_and_holds_the_lot(coop: Database) -> None:
    _, lot_id = harvested_lot(coop)
    record_id = record_quality(coop, SYSTEM, code="Q-7", kind="lab_report", tested_on=TODAY,
                               lot_id=lot_id, parameters=[
                                   ParameterInput("毒死蜱", "0.001", "0.02", "mg/kg"),
                                   ParameterInput("克百威", "0.05", "0.02", "mg/kg")])
    assert load(coop, QualityRecord, record_id).result == QualityResult.FAIL
    assert load(coop, Lot, lot_id).status == LotStatus.HELD
    entry = last_audit(coop)
    assert (entry.action, entry.entity, entry.entity_code) == ("hold", "lots", "L001")
    assert entry.reason is not None
    assert "Q-7" in entry.reason
    assert audit_ok(coop)


def test_failed_test_of_a_released_lot_holds_it(coop: Database) -> None:
    _, lot_id = harvested_lot(coop)
    passing_test(coop, lot_id, "Q-1", on=5)
    release_lot(coop, SYSTEM, lot_id)
    failing_test(coop, lot_id, "Q-2", on=1)
    assert load(coop, Lot, lot_id).status == LotStatus.HELD


def test_a_batch_sample_holds_no_lot(coop: Database) -> None:
    crop, lot_id = harvested_lot(coop)
    record_id = record_quality(coop, SYSTEM, code="Q-B", kind="rapid_residue", tested_on=TODAY,
                               batch_id=crop.batch_id,
                               parameters=[ParameterInput("抑制率", "80", "50", "%")])
    assert load(coop, QualityRecord, record_id).result == QualityResult.FAIL
    assert load(coop, Lot, lot_id).status == LotStatus.OPEN


def test_refusals_write_nothing(coop: Database) -> None:
    _, lot_id = harvested_lot(coop)
    passing_test(coop, lot_id, "Q-1")
    before = counts(coop, QualityRecord, QualityParameter, AuditEntry)
    good = [ParameterInput("p", "1", "2")]
    cases: list[tuple[dict[str, object], str, str | None]] = [
        ({"parameters": []}, "quality.no_parameters", None),
        ({"lot_id": None}, "quality.no_subject", None),
        ({"code": "Q-1"}, "duplicate", "code"),
        ({"tested_on": days_ago(-1)}, "date.future", "tested_on"),
        ({"kind": "taste"}, "value.bad_choice", "kind"),
        ({"lot_id": 9999}, "not_found", "lot_id"),
        ({"parameters": [ParameterInput("p", "high", "2")]}, "value.not_number", "value"),
        ({"parameters": [ParameterInput(" ", "1", "2")]}, "value.required", "name"),
    ]
    for change, code, field in cases:
        values: dict[str, object] = {"code": "Q-2", "kind": "rapid_residue",
                                     "tested_on": TODAY, "parameters": good, "lot_id": lot_id,
                                     **change}
        with pytest.raises(ValidationError) as caught:
            record_quality(coop, SYSTEM, **values)  # type: ignore[arg-type]
        assert (caught.value.code, caught.value.field) == (code, field), change
    nothing_new(coop, before)
    assert load(coop, Lot, lot_id).status == LotStatus.OPEN
