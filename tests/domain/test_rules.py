"""Waiting periods (PHI and withdrawal) and mass balance, as pure rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from coop_desktop.domain.rules import Application, MassBalance, blocking_application, waiting_ends

D = dt.date


def spray(name: str, applied_on: dt.date, days: int, lot: str | None = None) -> Application:
    return Application(name=name, applied_on=applied_on, waiting_days=days, lot=lot)


def test_allowed_on_is_applied_on_plus_waiting_days() -> None:
    assert spray("吡虫啉", D(2025, 6, 1), 7).allowed_on == D(2025, 6, 8)
    assert spray("x", D(2024, 2, 25), 7).allowed_on == D(2024, 3, 3)  # across a leap day
    assert spray("x", D(2025, 12, 30), 3).allowed_on == D(2026, 1, 2)


def test_harvest_exactly_on_allowed_on_is_allowed() -> None:
    application = spray("吡虫啉", D(2025, 6, 1), 7)
    assert blocking_application([application], D(2025, 6, 8)) is None
    assert blocking_application([application], D(2025, 6, 9)) is None


def test_the_day_before_allowed_on_is_blocked() -> None:
    application = spray("吡虫啉", D(2025, 6, 1), 7)
    assert blocking_application([application], D(2025, 6, 7)) == application


def test_application_day_itself_is_blocked() -> None:
    application = spray("吡虫啉", D(2025, 6, 1), 7)
    assert blocking_application([application], D(2025, 6, 1)) == application


def test_application_after_the_day_does_not_block_it() -> None:
    application = spray("吡虫啉", D(2025, 6, 1), 7)
    assert blocking_application([application], D(2025, 5, 31)) is None


def test_zero_waiting_days_never_blocks() -> None:
    application = spray("硫磺", D(2025, 6, 1), 0)
    assert application.allowed_on == D(2025, 6, 1)
    assert blocking_application([application], D(2025, 6, 1)) is None


def test_no_applications() -> None:
    assert blocking_application([], D(2025, 6, 1)) is None
    assert waiting_ends([]) is None


def test_blocking_is_the_running_application_that_ends_last() -> None:
    short = spray("A", D(2025, 6, 1), 3)    # to 06-04
    long = spray("B", D(2025, 5, 20), 21)   # to 06-10
    later = spray("C", D(2025, 6, 2), 5)    # to 06-07
    done = spray("D", D(2025, 4, 1), 30)    # to 05-01, long over
    applications = [short, long, later, done]
    assert blocking_application(applications, D(2025, 6, 3)) == long
    assert blocking_application(applications, D(2025, 6, 9)) == long
    assert blocking_application(applications, D(2025, 6, 10)) is None
    # The generator form works too (the rule takes any iterable, once).
    assert blocking_application(iter(applications), D(2025, 6, 5)) == long


def test_blocking_ignores_an_application_not_yet_made_on_the_day() -> None:
    future = spray("B", D(2025, 6, 20), 30)
    running = spray("A", D(2025, 6, 1), 10)
    assert blocking_application([future, running], D(2025, 6, 5)) == running


def test_waiting_ends_is_the_latest_allowed_on() -> None:
    applications = [spray("A", D(2025, 6, 1), 3), spray("B", D(2025, 5, 20), 21),
                    spray("C", D(2025, 6, 2), 5)]
    assert waiting_ends(applications) == D(2025, 6, 10)
    assert waiting_ends(iter(applications)) == D(2025, 6, 10)


@pytest.mark.parametrize(("inputs", "outputs", "loss", "holds", "unaccounted"), [
    ("100", "100", "0", True, "0"),
    ("100", "95", "5", True, "0"),
    ("100", "90", "5", True, "5"),
    ("100", "95.001", "5", False, "-0.001"),
    ("100", "100.001", "0", False, "-0.001"),
    ("100", "96", "5", False, "-1"),
    ("0.003", "0.001", "0.002", True, "0"),
])
def test_mass_balance(inputs: str, outputs: str, loss: str, holds: bool,
                      unaccounted: str) -> None:
    balance = MassBalance(inputs=Decimal(inputs), outputs=Decimal(outputs), loss=Decimal(loss))
    assert balance.holds is holds
    assert balance.unaccounted == Decimal(unaccounted)


def test_mass_balance_is_exact_not_floating_point() -> None:
    # 0.1 + 0.2 == 0.3 exactly with Decimal: no float drift lets a lot grow by rounding.
    balance = MassBalance(inputs=Decimal("0.3"), outputs=Decimal("0.1"), loss=Decimal("0.2"))
    assert balance.holds
    assert balance.unaccounted == 0
