"""Storing a weight as the scale reported it.

A weighing from a scale keeps the frame it came in (``raw_frame``) as proof; it is stored only
when the scale said the weight was stable and within range. A weight a person typed (no scale,
or a scale that is not answering) is stored as ``device="manual"`` with no frame and
``stable=False``: the records then say plainly that no scale confirmed it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from coop_desktop.domain.errors import RuleViolation
from coop_desktop.domain.models import Weighing
from coop_desktop.domain.models.types import utc_now
from coop_desktop.services.work import positive_quantity

MANUAL_DEVICE = "manual"


@dataclass(frozen=True)
class WeighingInput:
    gross: Decimal
    tare: Decimal = Decimal(0)
    unit: str = "kg"
    stable: bool = True
    device: str = ""
    raw_frame: bytes | None = None
    operator: str = ""
    weighed_at: dt.datetime = field(default_factory=utc_now)
    overload: bool = False

    @property
    def net(self) -> Decimal:
        return self.gross - self.tare

    @property
    def manual(self) -> bool:
        return self.device == MANUAL_DEVICE


def manual_weighing(net: Decimal, *, unit: str = "kg", tare: Decimal = Decimal(0),
                    operator: str = "") -> WeighingInput:
    """A weight typed by hand: no scale confirmed it, so no frame and not stable."""
    return WeighingInput(gross=net + tare, tare=tare, unit=unit, stable=False,
                         device=MANUAL_DEVICE, raw_frame=None, operator=operator)


def check_weighing(weighing: WeighingInput) -> None:
    """Refuse a scale's weight that was in motion or over range: never stored."""
    if weighing.overload:
        raise RuleViolation("weighing.overload", field="weighing", device=weighing.device)
    if not weighing.stable and not weighing.manual:
        raise RuleViolation("weighing.unstable", field="weighing", value=weighing.gross,
                            unit=weighing.unit)


def weighed_quantity(weighing: WeighingInput, unit: str, field: str,
                     maximum: Decimal = Decimal(10_000_000)) -> Decimal:
    """The net weight to record as a quantity in ``unit``; refused when the weighing may not
    be stored, is not above zero, or is in another unit than the record's."""
    check_weighing(weighing)
    if weighing.unit.strip().lower() != unit.strip().lower():
        raise RuleViolation("weighing.unit_mismatch", field=field, unit=weighing.unit,
                            expected=unit)
    return positive_quantity(weighing.net, field, maximum)


def store_weighing(session: Session, weighing: WeighingInput) -> Weighing:
    check_weighing(weighing)
    row = Weighing(gross=weighing.gross, tare=weighing.tare, net=weighing.net,
                   unit=weighing.unit, stable=weighing.stable and not weighing.manual,
                   device=weighing.device[:100], raw_frame=weighing.raw_frame,
                   operator=weighing.operator[:60], weighed_at=weighing.weighed_at)
    session.add(row)
    session.flush()
    return row
