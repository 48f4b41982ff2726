"""The arithmetic of member payouts, exact to the fen: a delivery's gross amount, the charges
the members agreed to, and the poverty line the benefit report compares incomes with.

Every amount is a ``Decimal`` rounded half up to the fen once, where it arises (a delivery's
gross, each charge on it); totals are sums of those rounded amounts, so a member's payout is
exactly the sum of its lines and the co-op's total exactly the sum of the members'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")

#: China's national rural poverty line: 2,300 yuan per person per year at 2010 prices
#: (State Council, 2011), about 4,000 yuan per person per year at 2020 prices, the year
#: absolute poverty was declared eliminated (National Bureau of Statistics). The benefit report
#: compares a household's income from the co-op per person with it.
POVERTY_LINE_YUAN = Decimal(4000)
POVERTY_LINE_YEAR = 2020


def to_fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Charge:
    """An agreed charge: ``per_kg`` yuan for each kg and ``percent`` of the gross amount, for
    one product (``product_id``) or all (None), on deliveries between the dates."""

    name: str
    product_id: int | None
    per_kg: Decimal
    percent: Decimal
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    product: str = ""  # the product's name, for reports

    def applies(self, product_id: int, day: dt.date) -> bool:
        if self.product_id is not None and self.product_id != product_id:
            return False
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until

    def on(self, quantity: Decimal, gross: Decimal) -> Decimal:
        """This charge on one delivery, to the fen."""
        return to_fen(self.per_kg * quantity + gross * self.percent / 100)


@dataclass(frozen=True)
class LineAmounts:
    gross: Decimal
    charges: Decimal

    @property
    def net(self) -> Decimal:
        return self.gross - self.charges


def delivery_amounts(product_id: int, day: dt.date, quantity: Decimal, unit_price: Decimal,
                     charges: Iterable[Charge]) -> LineAmounts:
    """What one delivery earns: quantity × unit price, less every charge that applies."""
    gross = to_fen(quantity * unit_price)
    total = sum((charge.on(quantity, gross) for charge in charges
                 if charge.applies(product_id, day)), Decimal("0.00"))
    return LineAmounts(gross, total)


def per_person(amount: Decimal, household_size: int) -> Decimal:
    return to_fen(amount / max(household_size, 1))
