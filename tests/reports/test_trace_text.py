from __future__ import annotations

import datetime as dt

from coop_desktop.domain import i18n
from coop_desktop.reports.trace_text import render_trace
from coop_desktop.services import lots, members, production, products
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.trace import trace
from coop_desktop.storage.database import Database


def test_trace_reads_in_chinese_and_english(coop: Database) -> None:
    member = members.register_member(coop, SYSTEM, code="M1", name="赵永福", joined_on="2015-01-01")
    plot = members.register_plot(coop, SYSTEM, member_id=member, code="P1", area_mu=4,
                                 land_type="sunlight_greenhouse", in_gi_area=True)
    product = products.register_product(coop, SYSTEM, code="RSG", name_zh="人参果", kind="crop")
    batch = production.register_batch(coop, SYSTEM, code="RSG-1", plot_id=plot,
                                      product_id=product, season="2026春",
                                      planted_on="2026-01-10")
    production.record_activity(coop, SYSTEM, batch_id=batch, kind="plant_protection",
                               performed_on="2026-03-01", input_name="苦参碱", phi_days=10,
                               input_lot="KS-01")
    harvest = production.record_harvest(coop, SYSTEM, batch_id=batch, quantity=80,
                                        harvested_on=dt.date(2026, 4, 2))
    lots.create_lot(coop, SYSTEM, code="RSG260402", product_id=product,
                    sources=[lots.SourceInput("harvest", harvest, 80)])
    result = trace(coop, SYSTEM, "KS-01")
    i18n.set_language("zh")
    chinese = render_trace(result)
    assert "追溯 KS-01（投入品批号）：批次 RSG260402" in chinese
    assert "日光温室" in chinese and "地理标志区内" in chinese
    assert "植保用药 苦参碱" in chinese and "安全间隔期 10 天，至 2026-03-11" in chinese
    assert "待检" in chinese
    i18n.set_language("en")
    english = render_trace(result)
    assert "Trace of KS-01 (input lot): lots RSG260402" in english
    assert "sunlight greenhouse" in english and "PHI 10 d, ends 2026-03-11" in english
