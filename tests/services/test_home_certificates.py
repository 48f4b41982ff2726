"""The home page's certificate alert names the threshold crossed: 60, 30 or 7 days."""

from __future__ import annotations

import datetime as dt

from coop_desktop.domain import i18n
from coop_desktop.services.certifications import record_certification
from coop_desktop.services.home import todays_work
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.services.builders import TODAY, make_product


def test_alerts_at_60_30_and_7_days(coop: Database) -> None:
    melon = make_product(coop)
    for number, days in (("C-61", 61), ("C-60", 60), ("C-31", 31), ("C-30", 30), ("C-8", 8),
                         ("C-7", 7), ("C-0", 0), ("C-PAST", -1)):
        record_certification(coop, SYSTEM, scheme="green_food", number=number,
                             certifier="中国绿色食品发展中心",
                             valid_from=TODAY - dt.timedelta(days=1000),
                             valid_until=TODAY + dt.timedelta(days=days), product_ids=[melon])
    alerts = {alert.code: alert.text for alert in todays_work(coop, SYSTEM, TODAY)
              .of_kind("certificate")}
    assert set(alerts) == {"C-60", "C-31", "C-30", "C-8", "C-7", "C-0"}
    assert alerts["C-60"].endswith("within 60 days") and "60 days left" in alerts["C-60"]
    assert alerts["C-31"].endswith("within 60 days")
    assert alerts["C-30"].endswith("within 30 days") and alerts["C-8"].endswith("30 days")
    assert alerts["C-7"].endswith("within 7 days") and alerts["C-0"].endswith("7 days")
    assert str(TODAY + dt.timedelta(days=7)) in alerts["C-7"]

    i18n.set_language("zh")
    text = todays_work(coop, SYSTEM, TODAY).of_kind("certificate")[-1].text
    assert text.startswith("C-60（绿色食品）") and "不足 60 天" in text
