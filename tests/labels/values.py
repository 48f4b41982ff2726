"""Label values as services.label_content would bind them, for the layout and renderer tests."""

from __future__ import annotations

GTIN = "09506000134352"
LOT = "24010117"
DL_ADDRESS = f"https://q.example.cn/01/{GTIN}/10/{LOT}/21/42"
SHORT_ADDRESS = "https://q.example.cn/l/MELO24120401/42"
GS1_CRATE = (("01", GTIN), ("10", LOT))
GS1_CASE = (("01", GTIN), ("3103", "012500"), ("13", "261204"), ("10", LOT))

VALUES = {
    "product": "有机番茄", "variety": "粉冠", "grade": "一级", "net_weight": "12.50 kg",
    "lot": LOT, "serial": "42", "pack_date": "2026-12-04", "best_before": "2026-12-18",
    "origin": "甘肃武威 凉州区 清源镇", "qr": DL_ADDRESS, "gtin": GTIN, "quantity": "12.50 kg",
    "coop_name": "武威市清源蔬菜专业合作社", "coop_phone": "0935-1234567",
    "marks": "有机码 12345678901234567", "producer": "武威市清源蔬菜专业合作社",
    "issued_at": "2026-12-04 10:30", "basis": "自行检测（合格）",
    "commitment": "不使用禁用农药兽药、停用兽药和非法添加物，常规农药兽药残留不超标",
}
WITHOUT_GTIN = {**{k: v for k, v in VALUES.items() if k != "gtin"},
                "lot": "MELO24120401", "qr": SHORT_ADDRESS}
