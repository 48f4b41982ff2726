"""Storing a weight as the scale reported it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from coop_desktop.domain.models import Weighing
from coop_desktop.domain.models.types import utc_now


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

    @property
    def net(self) -> Decimal:
        return self.gross - self.tare


def store_weighing(session: Session, weighing: WeighingInput) -> Weighing:
    row = Weighing(gross=weighing.gross, tare=weighing.tare, net=weighing.net,
                   unit=weighing.unit, stable=weighing.stable, device=weighing.device,
                   raw_frame=weighing.raw_frame, operator=weighing.operator,
                   weighed_at=weighing.weighed_at)
    session.add(row)
    session.flush()
    return row
