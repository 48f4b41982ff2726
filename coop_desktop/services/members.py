"""Member households and their plots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Protocol

from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.id_numbers import normalize_id_number
from coop_desktop.domain.models import (
    CertStatus,
    LandType,
    Member,
    Plot,
    PlotCertificationStatus,
    PovertyStatus,
    Scheme,
)
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.work import (
    Work,
    apply_changes,
    choice,
    coordinate,
    ensure_unique,
    get_for_edit,
    past_date,
    positive_quantity,
    required_text,
    to_date,
    to_int,
    unit_of_work,
    yes_no,
)
from coop_desktop.storage.database import Database

MAX_PLOT_MU = Decimal(100_000)


class PlotHolder(Protocol):
    """What a new plot takes from its member (one that has its id): a Member, or a member as
    an import knows it."""

    @property
    def id(self) -> int: ...

    @property
    def village(self) -> str: ...


def _optional_id_number(value: str | None) -> str | None:
    return normalize_id_number(value) if value and value.strip() else None


def _household_size(value: Any) -> int:
    size = to_int(value, "household_size")
    if not 1 <= size <= 50:
        raise ValidationError("value.too_large" if size > 50 else "value.not_positive",
                              field="household_size", value=value, maximum=50)
    return size


def _year(value: Any, field: str) -> int | None:
    if value in (None, ""):
        return None
    year = to_int(value, field)
    if not 1949 <= year <= 2100:
        raise ValidationError("value.out_of_range", field=field, value=value,
                              minimum=1949, maximum=2100)
    return year


MEMBER_FIELDS: dict[str, Any] = {
    "name": lambda value: required_text(value, "name"),
    "id_number": _optional_id_number,
    "township": lambda value: value or "",
    "village": lambda value: value or "",
    "phone": lambda value: value or None,
    "household_size": _household_size,
    "poverty_status": choice(PovertyStatus, "poverty_status"),
    "poverty_since_year": lambda value: _year(value, "poverty_since_year"),
    "poverty_exit_year": lambda value: _year(value, "poverty_exit_year"),
    "joined_on": lambda value: past_date(value, "joined_on"),
    "left_on": lambda value: past_date(value, "left_on") if value else None,
    "payout_bank": lambda value: value or None,
    "payout_account": lambda value: value or None,
    "notes": lambda value: value or "",
}


def new_member(work: Work, code: str, fields: Mapping[str, Any], *,
               known_unique: bool = False) -> Member:
    """A new household of the cooperative from its code and fields (``name`` and
    ``joined_on`` among them), each checked by ``MEMBER_FIELDS``; added to the session, not
    flushed, not audited. A code or ID number already recorded is refused (a query each)
    unless the caller has checked them itself (``known_unique``: an import checks its whole
    file at once)."""
    member = Member(cooperative_id=work.cooperative().id, code=normalize_code(code),
                    household_size=1, poverty_status=PovertyStatus.NONE)
    apply_changes(member, dict(fields), MEMBER_FIELDS)
    if not known_unique:
        ensure_unique(work.session, Member, "code", member.code, "member")
        ensure_unique(work.session, Member, "id_number", member.id_number, "member")
    work.session.add(member)
    return member


def register_member(db: Database, actor: Actor, *, code: str, name: str,
                    joined_on: dt.date | str, **fields: Any) -> int:
    """Register a household; refuses a duplicate code or ID number and a bad check digit."""
    with unit_of_work(db, actor, Permission.MANAGE_MEMBERS) as work:
        member = new_member(work, code, {"name": name, "joined_on": joined_on, **fields})
        work.audit("create", member)
        return member.id


def edit_member(db: Database, actor: Actor, member_id: int, version: int | None,
                **changes: Any) -> None:
    with unit_of_work(db, actor, Permission.MANAGE_MEMBERS) as work:
        member, before = get_for_edit(work.session, Member, member_id, version)
        apply_changes(member, changes, MEMBER_FIELDS)
        ensure_unique(work.session, Member, "id_number", member.id_number, "member",
                      exclude_id=member.id)
        work.audit("edit", member, before)


PLOT_FIELDS: dict[str, Any] = {
    "name": lambda value: value or "",
    "village": lambda value: value or "",
    "area_mu": lambda value: positive_quantity(value, "area_mu", MAX_PLOT_MU),
    "land_type": choice(LandType, "land_type"),
    "latitude": coordinate("latitude", 90),
    "longitude": coordinate("longitude", 180),
    "in_gi_area": yes_no("in_gi_area"),
}


def new_plot(work: Work, member: PlotHolder, code: str, fields: Mapping[str, Any], *,
             known_unique: bool = False) -> Plot:
    """A new plot of a member from its code and fields (``area_mu`` and ``land_type`` among
    them), each checked by ``PLOT_FIELDS``; its village is the member's unless given. Added to
    the session, not flushed, not audited. A code already recorded is refused (a query)
    unless the caller has checked it itself (``known_unique``)."""
    plot = Plot(member_id=member.id, code=normalize_code(code), in_gi_area=False)
    changes = dict(fields)
    changes.setdefault("village", member.village)
    apply_changes(plot, changes, PLOT_FIELDS)
    if not known_unique:
        ensure_unique(work.session, Plot, "code", plot.code, "plot")
    work.session.add(plot)
    return plot


def register_plot(db: Database, actor: Actor, *, member_id: int, code: str,
                  area_mu: Decimal | str | float, land_type: LandType | str,
                  **fields: Any) -> int:
    with unit_of_work(db, actor, Permission.MANAGE_PRODUCTION) as work:
        member = work.session.get(Member, member_id)
        if member is None:
            raise ValidationError("not_found", field="member_id", entity="member",
                                  value=member_id)
        plot = new_plot(work, member, code, {"area_mu": area_mu, "land_type": land_type,
                                             **fields})
        work.audit("create", plot)
        return plot.id


def edit_plot(db: Database, actor: Actor, plot_id: int, version: int | None,
              **changes: Any) -> None:
    with unit_of_work(db, actor, Permission.MANAGE_PRODUCTION) as work:
        plot, before = get_for_edit(work.session, Plot, plot_id, version)
        apply_changes(plot, changes, PLOT_FIELDS)
        work.audit("edit", plot, before)


def set_plot_certification(db: Database, actor: Actor, plot_id: int, scheme: Scheme | str,
                           status: CertStatus | str, since: dt.date | str | None = None,
                           certified_on: dt.date | str | None = None) -> None:
    """Record a plot's standing in a scheme (conventional, in conversion since, certified)."""
    with unit_of_work(db, actor, Permission.MANAGE_CERTIFICATIONS) as work:
        plot, before = get_for_edit(work.session, Plot, plot_id, None)
        scheme_value = choice(Scheme, "scheme")(scheme)
        entry = next((item for item in plot.certification_statuses
                      if item.scheme == scheme_value), None)
        if entry is None:
            entry = PlotCertificationStatus(scheme=scheme_value)
            plot.certification_statuses.append(entry)
        entry.status = choice(CertStatus, "status")(status)
        entry.since = to_date(since, "since") if since else None
        entry.certified_on = to_date(certified_on, "certified_on") if certified_on else None
        work.session.flush()
        work.audit("set_certification_status", plot, before,
                   reason=f"{entry.scheme.value}: {entry.status.value}")
