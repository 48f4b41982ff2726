"""The append-only audit trail, chained by SHA-256, and its verification."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import func, insert, inspect, select
from sqlalchemy.orm import Session

from coop_desktop.domain.models import AuditEntry, AuditHead, Base
from coop_desktop.domain.models.types import Fixed, utc_now
from coop_desktop.services.permissions import Actor

GENESIS_HASH = "0" * 64


_AS_IS = frozenset({str, int, float, bool, type(None)})  # exactly these types, not subclasses


def _plain(value: Any) -> Any:
    if type(value) in _AS_IS:  # most values: no conversion (a str enum is not exactly str)
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 5.5 and 5.50 are the same quantity
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return "sha256:" + hashlib.sha256(value).hexdigest()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


@cache
def _snapshot_columns(model: type[Base]) -> tuple[tuple[str, Fixed | None], ...]:
    """A model's column attributes, each with its Fixed type when it has one."""
    columns = []
    for attr in inspect(model).column_attrs:
        column_type = attr.columns[0].type
        columns.append((attr.key, column_type if isinstance(column_type, Fixed) else None))
    return tuple(columns)


def snapshot(record: Base) -> dict[str, Any]:
    """A record's columns as JSON-ready values, as the database holds them: the form audit
    entries keep."""
    values: dict[str, Any] = {}
    for key, fixed in _snapshot_columns(type(record)):
        value = getattr(record, key)
        if fixed is not None and value is not None:
            value = fixed.stored(value)
        values[key] = _plain(value)
    return values


#: The fields an entry's hash covers, in the form ``entry_hash`` reads them.
_HASHED_FIELDS = ("recorded_at", "user_id", "username", "action", "entity", "entity_id",
                  "entity_code", "before", "after", "reason", "prev_hash")


def _fields_hash(fields: Mapping[str, Any]) -> str:
    payload = {name: fields[name] for name in _HASHED_FIELDS}
    payload["recorded_at"] = _plain(payload["recorded_at"])
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_hash(entry: AuditEntry) -> str:
    return _fields_hash({name: getattr(entry, name) for name in _HASHED_FIELDS})


def _entry_fields(actor: Actor, action: str, *, entity: str, entity_id: int | None,
                  entity_code: str | None, before: dict[str, Any] | None,
                  after: dict[str, Any] | None, reason: str | None) -> dict[str, Any]:
    """An entry's columns but its place in the chain (``prev_hash``, ``hash``): the one form
    both the one-by-one and the bulk path write."""
    return {"recorded_at": utc_now(), "user_id": actor.user_id, "username": actor.username,
            "action": action, "entity": entity, "entity_id": entity_id,
            "entity_code": entity_code, "before": before, "after": after, "reason": reason}


def _locked_head(session: Session) -> AuditHead:
    """The chain's head row, locked until the transaction ends so that concurrent writers
    chain in one order (made on the first entry ever). Read afresh with the lock: a lock taken
    inside a savepoint that was rolled back is gone, and another writer may have moved on."""
    session.flush()  # the head's last update first, even where autoflush is off
    head = session.execute(select(AuditHead).with_for_update()
                           .execution_options(populate_existing=True)).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, last_hash=GENESIS_HASH, last_entry_id=None)
        session.add(head)
    return head


def record_audit(session: Session, actor: Actor, action: str, *, entity: str,
                 entity_id: int | None = None, entity_code: str | None = None,
                 before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
                 reason: str | None = None) -> AuditEntry:
    """Append one entry. The head row is locked so concurrent writers chain in one order."""
    head = _locked_head(session)
    entry = AuditEntry(
        **_entry_fields(actor, action, entity=entity, entity_id=entity_id,
                        entity_code=entity_code, before=before, after=after, reason=reason),
        prev_hash=head.last_hash,
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.flush()
    head.last_hash = entry.hash
    head.last_entry_id = entry.id
    return entry


def audit_record(session: Session, actor: Actor, action: str, record: Base,
                 before: dict[str, Any] | None = None, *, code: str | None = None,
                 reason: str | None = None, deleted: bool = False) -> AuditEntry:
    """Audit a change to a record, snapshotting it as it now is (after a flush)."""
    session.flush()
    after = None if deleted else snapshot(record)
    if code is None:
        code = _record_code(record)
    return record_audit(session, actor, action, entity=type(record).__tablename__,
                        entity_id=record.id, entity_code=code, before=before, after=after,
                        reason=reason)


def audit_records(session: Session, actor: Actor, action: str, records: Sequence[Base],
                  reasons: str | Sequence[str | None] | None = None) -> int:
    """Audit many new or changed records at once, in their order: the same entries, chained
    the same way, as ``audit_record`` called for each in turn (no ``before``), at a fraction
    of the cost.

    One flush of the records, one lock of the chain's head, the entries chained here and
    inserted with one executemany, one update of the head. ``reasons`` is one reason for all
    the records, or one each. Returns how many entries were written.
    """
    each: Sequence[str | None]
    if isinstance(reasons, str) or reasons is None:
        each = [reasons] * len(records)
    elif len(reasons) == len(records):
        each = reasons
    else:
        raise ValueError(f"{len(reasons)} reasons for {len(records)} records")
    if not records:
        return 0
    session.flush()
    drafts = [_entry_fields(actor, action, entity=type(record).__tablename__,
                            entity_id=record.id, entity_code=_record_code(record),
                            before=None, after=snapshot(record), reason=reason)
              for record, reason in zip(records, each, strict=True)]
    head = _locked_head(session)
    last_hash = head.last_hash
    for draft in drafts:
        draft["prev_hash"] = last_hash
        draft["hash"] = last_hash = _fields_hash(draft)
    # Inserted in order, one statement: the ids rise in chain order, as verify_audit reads.
    session.execute(insert(AuditEntry), drafts)
    head.last_entry_id = session.execute(
        select(AuditEntry.id).where(AuditEntry.hash == last_hash)).scalar_one()
    head.last_hash = last_hash
    return len(drafts)


def _record_code(record: Base) -> str | None:
    for name in ("code", "ear_tag", "number", "username"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            return value
    return None


@dataclass
class AuditProblem:
    entry_id: int | None
    entity: str
    entity_id: int | None
    description: str


@dataclass
class AuditReport:
    entries_checked: int = 0
    records_checked: int = 0
    problems: list[AuditProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_audit(session: Session) -> AuditReport:
    """Walk the chain, recomputing every hash; then compare audited records with their last
    audited state, so a change made behind the program's back is found and named."""
    report = AuditReport()
    expected_prev = GENESIS_HASH
    entries = session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()
    last_hash = GENESIS_HASH
    for entry in entries:
        report.entries_checked += 1
        if entry.prev_hash != expected_prev:
            report.problems.append(AuditProblem(
                entry.id, entry.entity, entry.entity_id,
                f"audit entry {entry.id} does not follow entry before it (chain broken)"))
        if entry_hash(entry) != entry.hash:
            report.problems.append(AuditProblem(
                entry.id, entry.entity, entry.entity_id,
                f"audit entry {entry.id} ({entry.action} {entry.entity} {entry.entity_code}) "
                "was altered after it was written"))
        expected_prev = entry.hash
        last_hash = entry.hash
        session.expunge(entry)
    head = session.execute(select(AuditHead)).scalar_one_or_none()
    if head is not None and head.last_hash != last_hash:
        report.problems.append(AuditProblem(
            None, "audit_head", None, "the last audit entries were removed (chain head differs)"))
    _verify_records(session, report)
    return report


def _audited_models() -> list[type[Base]]:
    return [mapper.class_ for mapper in Base.registry.mappers
            if getattr(mapper.class_, "__audited__", False)]


def _verify_records(session: Session, report: AuditReport) -> None:
    for model in _audited_models():
        table = model.__tablename__
        latest_ids = (select(func.max(AuditEntry.id))
                      .where(AuditEntry.entity == table)
                      .group_by(AuditEntry.entity_id))
        latest = {entry.entity_id: entry.after for entry in session.execute(
            select(AuditEntry).where(AuditEntry.id.in_(latest_ids))).scalars()}
        present: set[int] = set()
        for record in session.execute(select(model).order_by(model.id)).scalars():
            report.records_checked += 1
            present.add(record.id)
            code = _record_code(record) or str(record.id)
            if record.id not in latest:
                report.problems.append(AuditProblem(
                    None, table, record.id,
                    f"{table} {code} (id {record.id}) has no audit entry: "
                    "it was added behind the program's back"))
                continue
            after = latest[record.id]
            current = snapshot(record)
            if after is None:
                report.problems.append(AuditProblem(
                    None, table, record.id,
                    f"{table} {code} (id {record.id}) was deleted in the audit trail but exists"))
            elif after != current:
                changed = sorted(key for key in current if current.get(key) != after.get(key))
                report.problems.append(AuditProblem(
                    None, table, record.id,
                    f"{table} {code} (id {record.id}) differs from its last audited state "
                    f"in {', '.join(changed)}: changed behind the program's back"))
        for entity_id, after in latest.items():
            if entity_id is not None and after is not None and entity_id not in present:
                report.problems.append(AuditProblem(
                    None, table, entity_id,
                    f"{table} id {entity_id} was deleted behind the program's back"))
        session.expunge_all()
