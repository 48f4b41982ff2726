"""Quality records: rapid residue tests, lab reports, grading, quarantine certificates."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import (
    Animal,
    Attachment,
    Lot,
    LotStatus,
    PlantingBatch,
    QualityKind,
    QualityParameter,
    QualityRecord,
    QualityResult,
)
from coop_desktop.services.audit import snapshot
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.work import (
    choice,
    ensure_unique,
    past_date,
    required_text,
    to_decimal,
    unit_of_work,
)
from coop_desktop.storage.database import Database


@dataclass(frozen=True)
class ParameterInput:
    name: str
    value: Decimal | str | float
    limit: Decimal | str | float | None = None
    unit: str = ""
    limit_is_maximum: bool = True  # residues: value ≤ limit passes; else value ≥ limit passes


@dataclass(frozen=True)
class AttachmentInput:
    filename: str
    content: bytes
    media_type: str = "application/octet-stream"
    description: str = ""


def parameter_passes(value: Decimal, limit: Decimal | None, limit_is_maximum: bool) -> bool:
    if limit is None:
        return True
    return value <= limit if limit_is_maximum else value >= limit


def record_quality(db: Database, actor: Actor, *, code: str, kind: QualityKind | str,
                   tested_on: dt.date | str, parameters: list[ParameterInput],
                   lot_id: int | None = None, batch_id: int | None = None,
                   animal_id: int | None = None, tested_by: str = "", laboratory: str = "",
                   report_number: str = "", notes: str = "",
                   attachments: list[AttachmentInput] | None = None) -> int:
    """Record a test; it passes only if every parameter is within its limit. A failed test of
    a lot holds the lot at once."""
    if not parameters:
        raise ValidationError("quality.no_parameters")
    if lot_id is None and batch_id is None and animal_id is None:
        raise ValidationError("quality.no_subject")
    with unit_of_work(db, actor, Permission.RECORD_QUALITY) as work:
        session = work.session
        for model, key, name in ((Lot, lot_id, "lot_id"), (PlantingBatch, batch_id, "batch_id"),
                                 (Animal, animal_id, "animal_id")):
            if key is not None and session.get(model, key) is None:
                raise ValidationError("not_found", field=name, entity=model.__tablename__,
                                      value=key)
        record = QualityRecord(code=normalize_code(code), kind=choice(QualityKind, "kind")(kind),
                               tested_on=past_date(tested_on, "tested_on"), lot_id=lot_id,
                               batch_id=batch_id, animal_id=animal_id,
                               tested_by=tested_by or actor.username, laboratory=laboratory,
                               report_number=report_number, notes=notes,
                               result=QualityResult.PASS)
        ensure_unique(session, QualityRecord, "code", record.code, "quality record")
        for parameter in parameters:
            value = to_decimal(parameter.value, "value")
            limit = to_decimal(parameter.limit, "limit") if parameter.limit is not None else None
            passed = parameter_passes(value, limit, parameter.limit_is_maximum)
            record.parameters.append(QualityParameter(
                name=required_text(parameter.name, "name"), value=value, limit=limit,
                unit=parameter.unit, limit_is_maximum=parameter.limit_is_maximum,
                passed=passed))
            if not passed:
                record.result = QualityResult.FAIL
        session.add(record)
        session.flush()
        for attachment in attachments or []:
            session.add(Attachment(
                quality_record_id=record.id, filename=attachment.filename,
                media_type=attachment.media_type, size=len(attachment.content),
                sha256=hashlib.sha256(attachment.content).hexdigest(),
                content=attachment.content, description=attachment.description))
        work.audit("create", record)
        if record.result == QualityResult.FAIL and lot_id is not None:
            lot = session.get(Lot, lot_id, with_for_update=True)
            assert lot is not None
            if lot.status in (LotStatus.OPEN, LotStatus.RELEASED):
                before = snapshot(lot)
                lot.status = LotStatus.HELD
                work.audit("hold", lot, before, reason=f"failed quality record {record.code}")
        return record.id
