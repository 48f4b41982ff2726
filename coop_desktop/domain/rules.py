"""Rules of good agricultural practice, as pure functions of the facts they judge."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Application:
    """An input applied with a waiting period: a spray with its PHI or a drug with withdrawal."""

    name: str
    applied_on: dt.date
    waiting_days: int
    lot: str | None = None

    @property
    def allowed_on(self) -> dt.date:
        """The first day the crop may be harvested or the animal slaughtered."""
        return self.applied_on + dt.timedelta(days=self.waiting_days)


def blocking_application(applications: Iterable[Application], on: dt.date) -> Application | None:
    """The application whose waiting period ends last among those still running on ``on``."""
    running = [item for item in applications
               if item.applied_on <= on < item.allowed_on]
    return max(running, key=lambda item: item.allowed_on, default=None)


def waiting_ends(applications: Iterable[Application]) -> dt.date | None:
    """The first day every waiting period is over, or None when there is none."""
    return max((item.allowed_on for item in applications), default=None)


@dataclass(frozen=True)
class MassBalance:
    inputs: Decimal
    outputs: Decimal
    loss: Decimal

    @property
    def holds(self) -> bool:
        """Outputs may not exceed the inputs less the declared loss."""
        return self.outputs + self.loss <= self.inputs

    @property
    def unaccounted(self) -> Decimal:
        return self.inputs - self.outputs - self.loss
