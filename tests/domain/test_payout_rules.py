"""The payout arithmetic: half-up to the fen where an amount arises, charges by product and
date, exact Decimal sums."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coop_desktop.domain.payout_rules import (
    Charge,
    delivery_amounts,
    per_person,
    to_fen,
)

D = Decimal
DAY = dt.date(2026, 7, 1)


def test_gross_and_each_charge_round_half_up_to_the_fen() -> None:
    assert to_fen(D("0.005")) == D("0.01") and to_fen(D("0.0049")) == D("0.00")
    fee = Charge("管理费", None, D(0), D(2))
    packing = Charge("包装费", 7, D("0.05"), D(0))
    amounts = delivery_amounts(7, DAY, D("10.125"), D("2.30"), [fee, packing])
    # 10.125 × 2.30 = 23.2875 → 23.29; 2 % = 0.4658 → 0.47; 10.125 × 0.05 = 0.50625 → 0.51
    assert (amounts.gross, amounts.charges, amounts.net) == (D("23.29"), D("0.98"),
                                                            D("22.31"))


def test_a_charge_applies_to_its_product_and_dates_only() -> None:
    melons = Charge("包装费", 1, D("0.05"), D(0), valid_from=dt.date(2026, 6, 1),
                    valid_until=dt.date(2026, 6, 30))
    assert melons.applies(1, dt.date(2026, 6, 30))
    assert not melons.applies(1, DAY)
    assert not melons.applies(2, dt.date(2026, 6, 15))
    assert delivery_amounts(1, DAY, D(100), D(3), [melons]).charges == D("0.00")
    both = Charge("烘干费", None, D("0.30"), D("1.5"))
    # One charge with both parts is rounded once: 100 × 0.30 + 300 × 1.5 % = 34.50
    assert both.on(D(100), D(300)) == D("34.50")


def test_per_person() -> None:
    assert per_person(D("10000.00"), 3) == D("3333.33")
    assert per_person(D("100.00"), 0) == D("100.00")
