"""A CSV of lots for the national agricultural product traceability platform
(国家农产品质量安全追溯管理信息平台; standards.md §8.2).

No public upload API of the platform has been verified, so this file is **for manual entry**:
a clerk copies its rows into the platform's forms. It says so in its first line (a comment row
starting with ``#``). One row per lot: product, lot code, quantity and unit, origin (county and
villages, never a household), pack date, the quality result and the basis of the 承诺达标合格证
(质量安全控制 / 自行检测 / 委托检测). UTF-8 with BOM, which Excel opens correctly on a Chinese
Windows.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from coop_desktop.services.exports import ExportData

COMMENT = ("# 供手工录入国家农产品质量安全追溯管理信息平台（平台公开上传接口未经核实）"
           " / For manual entry into the national traceability platform (no verified upload API)")
HEADERS: tuple[str, ...] = (
    "产品名称 product", "品种 variety", "批次号 lot", "数量 quantity", "单位 unit",
    "产地 origin", "包装日期 pack date", "收获日期 harvest date", "质检结果 quality result",
    "质检记录 quality record", "检测日期 tested on", "合格证承诺依据 certificate basis",
    "GTIN",
)
RESULTS = {"pass": "合格 pass", "fail": "不合格 fail", "": "未检测 not tested"}


def _quantity(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def platform_rows(data: ExportData) -> list[list[str]]:
    place = data.cooperative.place
    rows: list[list[str]] = []
    for lot in sorted(data.lots.values(), key=lambda item: item.code):
        villages = data.origins.get(lot.id, ())
        origin = " ".join([place, *villages]).strip() if place else " ".join(villages)
        quality = data.quality.get(lot.id)
        rows.append([
            lot.product_zh, lot.variety, lot.code, _quantity(lot.quantity), lot.unit, origin,
            lot.pack_date.isoformat() if lot.pack_date else "",
            lot.harvest_date.isoformat() if lot.harvest_date else "",
            RESULTS[quality.result] if quality else RESULTS[""],
            quality.record if quality else "",
            quality.tested_on.isoformat() if quality and quality.tested_on else "",
            quality.basis if quality else "", lot.gtin,
        ])
    return rows


def write_platform_csv(data: ExportData, path: Path) -> int:
    """Write the CSV; returns the number of lots. Written to a temporary name first."""
    rows = platform_rows(data)
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([COMMENT])
            writer.writerow(HEADERS)
            writer.writerows(rows)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return len(rows)
