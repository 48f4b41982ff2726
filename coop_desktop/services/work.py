"""The unit of work every writing service runs in, and small helpers they share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from coop_desktop.domain.models import Base, Cooperative
from coop_desktop.services.audit import audit_record, snapshot
from coop_desktop.services.permissions import Actor, Permission, require
from coop_desktop.storage.database import Database

RecordT = TypeVar("RecordT", bound=Base)


@dataclass
class Work:
    """What a service holds inside its unit of work."""

    session: Session
    actor: Actor

    def audit(self, action: str, record: Base, before: dict[str, Any] | None = None,
              reason: str | None = None) -> None:
        audit_record(self.session, self.actor, action, record, before, reason=reason)

    def cooperative(self) -> Cooperative:
        return the_cooperative(self.session)


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
    """A validator turning a value into a member of ``enum_class`` or naming the choices."""
    def convert(value: Any) -> Any:
        try:
            return enum_class(value)
        except ValueError:
            choices = ", ".join(member.value for member in enum_class)
            raise ValidationError("value.bad_choice", field=field, value=value,
                                  choices=choices) from None
    return convert


def apply_changes(record: Base, changes: dict[str, Any],
                  validators: dict[str, Any]) -> None:
    """Set the changed fields, each through its validator; unknown fields are a bug."""
    for name, value in changes.items():
        if name not in validators:
            raise TypeError(f"{type(record).__name__}.{name} cannot be edited")
        setattr(record, name, validators[name](value))
