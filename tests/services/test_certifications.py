"""Certificates: dates in order, scope loaded, and the label rule for a lot's origin."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import selectinload

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import AuditEntry, Certification, Scheme
from coop_desktop.services.certifications import certificate_covers, record_certification
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.services.builders import audit_ok, counts, grow, last_audit, make_product, nothing_new

D = dt.date


def certificate(db: Database, session_id: int) -> Certification:
    with db.read() as session:
        record = session.get(Certification, session_id, options=[
            selectinload(Certification.products), selectinload(Certification.plots),
            selectinload(Certification.members)])
        assert record is not None
        session.expunge_all()
        return record


def test_valid_until_before_valid_from_is_refused(coop: Database) -> None:
    product_id = make_product(coop)
    before = counts(coop, Certification, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        record_certification(coop, SYSTEM, scheme="organic", number="ORG-1", certifier="CQC",
                             valid_from="2025-03-01", valid_until="2025-02-28",
                             product_ids=[product_id])
    error = caught.value
    assert (error.code, error.field) == ("certificate.dates", "valid_until")
    assert str(error) == ("The certificate's valid-until date 2025-02-28 is before its "
                          "valid-from date 2025-03-01.")
    assert "2025-02-28" in error.message("zh")
    nothing_new(coop, before)


def test_certificate_with_scope(coop: Database) -> None:
    product_id = make_product(coop)
    crop = grow(coop, product_id)
    other = grow(coop, product_id, member="M002", plot="P002", batch="B002")
    cert_id = record_certification(coop, SYSTEM, scheme="green_food", number="LB-18-2501",
                                   certifier="中国绿色食品发展中心", valid_from="2025-01-01",
                                   valid_until="2027-12-31", product_ids=[product_id],
                                   plot_ids=[crop.plot_id], member_ids=[crop.member_id])
    record = certificate(coop, cert_id)
    assert record.scheme == Scheme.GREEN_FOOD
    assert [p.id for p in record.products] == [product_id]
    assert [p.id for p in record.plots] == [crop.plot_id]
    assert [m.id for m in record.members] == [crop.member_id]
    entry = last_audit(coop)
    assert (entry.action, entry.entity_code, entry.reason) == (
        "create", "LB-18-2501", "scope: 1 products, 1 plots, 1 members")
    assert audit_ok(coop)

    plots = {crop.plot_id}
    assert certificate_covers(record, product_id, plots, D(2025, 1, 1))
    assert certificate_covers(record, product_id, plots, D(2027, 12, 31))
    assert not certificate_covers(record, product_id, plots, D(2024, 12, 31))
    assert not certificate_covers(record, product_id, plots, D(2028, 1, 1))
    assert not certificate_covers(record, product_id + 1, plots, D(2026, 1, 1))
    assert not certificate_covers(record, product_id, {crop.plot_id, other.plot_id},
                                  D(2026, 1, 1))
    assert not certificate_covers(record, product_id, set(), D(2026, 1, 1))


def test_one_day_certificate_and_other_refusals(coop: Database) -> None:
    product_id = make_product(coop)
    record_certification(coop, SYSTEM, scheme="gap", number="GAP-1", certifier="X",
                         valid_from="2025-05-05", valid_until="2025-05-05")
    before = counts(coop, Certification, AuditEntry)
    cases: list[tuple[dict[str, object], str, str]] = [
        ({"number": "GAP-1"}, "duplicate", "number"),
        ({"scheme": "halal"}, "value.bad_choice", "scheme"),
        ({"certifier": " "}, "value.required", "certifier"),
        ({"valid_from": "2025-13-01"}, "date.bad_format", "valid_from"),
        ({"plot_ids": [4242]}, "not_found", "plot_ids"),
    ]
    for change, code, field in cases:
        values: dict[str, object] = {"scheme": "organic", "number": "ORG-9", "certifier": "CQC",
                                     "valid_from": "2025-01-01", "valid_until": "2025-12-31",
                                     "product_ids": [product_id], **change}
        with pytest.raises(ValidationError) as caught:
            record_certification(coop, SYSTEM, **values)  # type: ignore[arg-type]
        assert (caught.value.code, caught.value.field) == (code, field), change
    nothing_new(coop, before)
