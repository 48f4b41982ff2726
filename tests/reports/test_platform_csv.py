"""The national platform CSV: one row per lot, for manual entry (said in its first line), UTF-8
with BOM, origin by villages, the quality result and the 合格证 basis."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from coop_desktop.domain.models import Lot
from coop_desktop.reports.platform_csv import HEADERS, write_platform_csv
from coop_desktop.services.exports import gather
from coop_desktop.services.lots import OutputInput, split_lot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.quality import ParameterInput, record_quality
from coop_desktop.storage.database import Database
from tests.services.builders import TODAY, days_ago
from tests.services.test_exports import HOUSEHOLD, build_story


def test_one_row_per_lot_for_manual_entry(coop: Database, tmp_path: Path) -> None:
    story = build_story(coop, tmp_path)
    data = gather(coop, SYSTEM, start=days_ago(30), end=TODAY, for_platform=True)
    out = tmp_path / "platform.csv"
    assert write_platform_csv(data, out) == 7
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0].startswith("#") and "手工录入" in rows[0][0]
    assert "manual entry" in rows[0][0]
    assert tuple(rows[1]) == HEADERS
    by_lot = {row[2]: dict(zip(HEADERS, row, strict=True)) for row in rows[2:]}
    assert set(by_lot) == story.codes
    labelled = by_lot[story.labelled]
    assert labelled["产品名称 product"] == "白兰瓜"
    assert labelled["数量 quantity"] == "100"
    assert labelled["产地 origin"] == "甘肃省凉州区 黄羊镇新村"
    assert labelled["包装日期 pack date"] == days_ago(17).isoformat()
    assert labelled["质检结果 quality result"] == "合格 pass"
    assert labelled["质检记录 quality record"] == "Q-1"
    assert labelled["合格证承诺依据 certificate basis"] == "自行检测"
    assert labelled["GTIN"] == "06901234567892"
    processed = by_lot[story.processed]
    assert processed["质检结果 quality result"] == "未检测 not tested"
    assert processed["合格证承诺依据 certificate basis"] == "质量安全控制"
    assert processed["产地 origin"] == "甘肃省凉州区 黄羊镇新村"
    assert HOUSEHOLD not in out.read_text(encoding="utf-8-sig")


def test_a_part_split_from_a_tested_lot_stands_on_its_test(coop: Database,
                                                            tmp_path: Path) -> None:
    story = build_story(coop, tmp_path)
    with coop.read() as session:
        labelled = session.execute(select(Lot.id).where(Lot.code == story.labelled)).scalar_one()
    record_quality(coop, SYSTEM, code="LAB-1", kind="lab_report", tested_on=days_ago(14),
                   laboratory="甘肃省农产品质量安全检验检测中心", lot_id=labelled,
                   parameters=[ParameterInput("毒死蜱", "0.001", "0.02", "mg/kg")])
    split_lot(coop, SYSTEM, labelled, [OutputInput("L-S1A", "20")], occurred_on=days_ago(3))
    data = gather(coop, SYSTEM, start=days_ago(3), end=TODAY, for_platform=True)
    by_code = {lot.code: lot.id for lot in data.lots.values()}
    part = data.quality[by_code["L-S1A"]]
    assert (part.result, part.record, part.basis) == ("pass", "", "委托检测")
    assert data.origins[by_code["L-S1A"]] == ("黄羊镇新村",)
