"""The unit of work every writing service runs in, and small helpers they share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.domain import i18n
from coop_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from coop_desktop.domain.models import Base, Cooperative
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.services.audit import audit_record, audit_records, snapshot
from coop_desktop.services.permissions import Actor, Permission, require
from coop_desktop.storage.database import Database

RecordT = TypeVar("RecordT", bound=Base)


@dataclass
class Work:
    """What a service holds inside its unit of work."""

    session: Session
    actor: Actor
    _cooperative: Cooperative | None = field(default=None, init=False, repr=False)

    def audit(self, action: str, record: Base, before: dict[str, Any] | None = None,
              reason: str | None = None) -> None:
        audit_record(self.session, self.actor, action, record, before, reason=reason)

    def audit_many(self, action: str, records: Sequence[Base],
                   reasons: str | Sequence[str | None] | None = None) -> None:
        """Audit many records in one go (``audit_records``): the same entries as ``audit``
        for each in turn, in their order."""
        audit_records(self.session, self.actor, action, records, reasons)

    def cooperative(self) -> Cooperative:
        """The cooperative, looked up once per unit of work."""
        if self._cooperative is None:
            self._cooperative = the_cooperative(self.session)
        return self._cooperative


@contextmanager
def unit_of_work(db: Database, actor: Actor, permission: Permission) -> Iterator[Work]:
    """Check the role, open a writing session, commit at the end or roll back on error."""
    require(actor, permission)
    with db.write() as session:
        yield Work(session, actor)


@contextmanager
def reading(db: Database, actor: Actor) -> Iterator[Session]:
    require(actor, Permission.READ)
    with db.read() as session:
        yield session


def the_cooperative(session: Session) -> Cooperative:
    cooperative = session.execute(select(Cooperative).order_by(Cooperative.id).limit(1)
                                  ).scalar_one_or_none()
    if cooperative is None:
        raise NotFoundError("cooperative.missing")
    return cooperative


def get_by(session: Session, model: type[RecordT], field: str, value: Any,
           entity: str | None = None) -> RecordT:
    record = session.execute(select(model).where(getattr(model, field) == value)
                             ).scalar_one_or_none()
    if record is None:
        raise NotFoundError("not_found", entity=entity or model.__tablename__, field=field,
                            value=value)
    return record


def get_for_edit(session: Session, model: type[RecordT], record_id: int,
                 expected_version: int | None) -> tuple[RecordT, dict[str, Any]]:
    """Load a record to change it; refuse when someone changed it since the user opened it."""
    record = session.get(model, record_id, with_for_update=True)
    if record is None:
        raise NotFoundError("not_found", entity=model.__tablename__, field="id", value=record_id)
    current_version = getattr(record, "version", None)
    if expected_version is not None and current_version != expected_version:
        code = getattr(record, "code", None) or getattr(record, "ear_tag", None) or record_id
        raise ConflictError("conflict.version", entity=model.__tablename__, code=code)
    return record, snapshot(record)


def ensure_unique(session: Session, model: type[Base], field: str, value: Any,
                  entity: str, exclude_id: int | None = None) -> None:
    if value is None:
        return
    query = select(model.id).where(getattr(model, field) == value)
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)
    # No autoflush: the pending change must not reach the database before it is checked.
    with session.no_autoflush:
        taken = session.execute(query.limit(1)).first() is not None
    if taken:
        raise ValidationError("duplicate", field=field, entity=entity, value=value)


def required_text(value: str | None, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError("value.required", field=field)
    return text


def to_decimal(value: Any, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError("value.not_number", field=field, value=value) from None
    if not number.is_finite():
        raise ValidationError("value.not_number", field=field, value=value)
    return number


def to_int(value: Any, field: str) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValidationError("value.not_number", field=field, value=value) from None


def positive_quantity(value: Any, field: str, maximum: Decimal = Decimal(10_000_000)) -> Decimal:
    """A quantity that must be above zero and below an absurd bound (a unit mix-up)."""
    number = to_decimal(value, field)
    if number <= 0:
        raise ValidationError("value.not_positive", field=field, value=value)
    if number > maximum:
        raise ValidationError("value.too_large", field=field, value=value, maximum=maximum)
    return number


def non_negative(value: Any, field: str, maximum: Decimal = Decimal(10_000_000)) -> Decimal:
    number = to_decimal(value, field)
    if number < 0:
        raise ValidationError("value.negative", field=field, value=value)
    if number > maximum:
        raise ValidationError("value.too_large", field=field, value=value, maximum=maximum)
    return number


def to_date(value: dt.date | str, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError("date.bad_format", field=field, value=value) from None


def past_date(value: dt.date | str, field: str, today: dt.date | None = None) -> dt.date:
    """A date of something that has happened: never after today."""
    day = to_date(value, field)
    if day > (today or dt.date.today()):
        raise ValidationError("date.future", field=field, value=day.isoformat())
    return day


def choice(enum_class: type[Any], field: str) -> Any:
    """A validator turning a value into a member of ``enum_class``: its code (``irrigated``)
    or its Chinese name (水浇地, as a spreadsheet has it); else it names the choices in the
    user's language."""
    def convert(value: Any) -> Any:
        try:
            return enum_class(value)
        except ValueError:
            text = str(value).strip()
            for member in enum_class:
                if text in (name_of(member, "zh"), name_of(member, "en")):
                    return member
            chinese = i18n.language() == "zh"
            choices = ", ".join(name_of(member) if chinese else member.value
                                for member in enum_class)
            raise ValidationError("value.bad_choice", field=field, value=value,
                                  choices=choices) from None
    return convert


_YES = frozenset({"1", "true", "yes", "y", "是", "有", "√", "✓"})
_NO = frozenset({"0", "false", "no", "n", "否", "无", "", "×"})


def yes_no(field: str) -> Any:
    """A validator for a yes/no field that also reads 是/否 from a spreadsheet."""
    def convert(value: Any) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower() if value is not None else ""
        if text in _YES:
            return True
        if text in _NO:
            return False
        raise ValidationError("value.bad_choice", field=field, value=value, choices="是, 否")
    return convert


def coordinate(field: str, limit: float) -> Any:
    """A validator for a latitude (limit 90) or longitude (limit 180), or nothing."""
    def convert(value: Any) -> float | None:
        if value is None or value == "":
            return None
        number = float(to_decimal(value, field))
        if not -limit <= number <= limit:
            raise ValidationError("value.out_of_range", field=field, value=value,
                                  minimum=-limit, maximum=limit)
        return number
    return convert


def apply_changes(record: Base, changes: dict[str, Any],
                  validators: dict[str, Any]) -> None:
    """Set the changed fields, each through its validator; unknown fields are a bug. Text
    longer than its column holds is refused with a sentence (PostgreSQL would refuse it with
    an error no clerk can read)."""
    columns = type(record).__table__.columns
    for name, value in changes.items():
        if name not in validators:
            raise TypeError(f"{type(record).__name__}.{name} cannot be edited")
        converted = validators[name](value)
        maximum = getattr(columns[name].type, "length", None) if name in columns else None
        if isinstance(converted, str) and maximum is not None and len(converted) > maximum:
            raise ValidationError("value.too_long", field=name, length=len(converted),
                                  maximum=maximum)
        setattr(record, name, converted)
