"""A recall from a lot and from an input's lot: every affected lot with its mass balance, the
customers to call, the labels by serial range; the report as PDF and CSV, parsed back."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest

from coop_desktop.domain import i18n
from coop_desktop.domain.errors import NotFoundError
from coop_desktop.reports.recall_report import serial_ranges, write_csv, write_pdf
from coop_desktop.services.labels import print_labels, void_label
from coop_desktop.services.lots import OutputInput, release_lot, split_lot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.production import record_activity
from coop_desktop.services.recall import RecallResult, recall
from coop_desktop.services.sales import LineInput, record_shipment, register_customer
from coop_desktop.storage.database import Database
from tests.services.builders import days_ago, harvested_lot, make_product, passing_test


def _shed(db: Database) -> dict[str, int]:
    """L001 (100 kg) split into A (60) and B (38) with 2 kg loss; A shipped 45 kg to one
    customer and 10 kg to another; 5 crate labels on A, one voided; B untouched."""
    crop, parent = harvested_lot(db, "L001", "100", product_id=make_product(db))
    record_activity(db, SYSTEM, batch_id=crop.batch_id, kind="plant_protection",
                    performed_on=days_ago(40), input_name="吡虫啉", input_lot="PY2026-07",
                    phi_days=7, amount="20", amount_unit="g")
    passing_test(db, parent, "Q-1")
    a, b = split_lot(db, SYSTEM, parent, [OutputInput("L001-A", "60"),
                                          OutputInput("L001-B", "38")], loss="2",
                     loss_reason="trimming")
    release_lot(db, SYSTEM, a)
    print_labels(db, SYSTEM, lot_id=a, count=5)
    void_label(db, SYSTEM, serial=3, reason="torn")
    market = register_customer(db, SYSTEM, code="C1", name="兰州东部批发市场", kind="wholesale",
                               contact="马经理", phone="0931-8888888")
    shop = register_customer(db, SYSTEM, code="C2", name="武威惠民超市", kind="supermarket")
    record_shipment(db, SYSTEM, code="S1", customer_id=market, shipped_on=days_ago(1),
                    vehicle="甘H12345", lines=[LineInput(a, "45")])
    record_shipment(db, SYSTEM, code="S2", customer_id=shop, shipped_on=days_ago(1),
                    lines=[LineInput(a, "10")])
    return {"parent": parent, "a": a, "b": b}


def test_a_recall_from_a_lot_reaches_every_lot_made_from_it_with_its_balance(
        coop: Database) -> None:
    _shed(coop)
    result = recall(coop, SYSTEM, "L001")
    lots = {lot.code: lot for lot in result.lots}
    assert set(lots) == {"L001", "L001-A", "L001-B"}
    parent = lots["L001"]
    assert (parent.direction, parent.into_lots, parent.loss, parent.in_stock) == (
        "origin", Decimal(98), Decimal(2), Decimal(0))
    a = lots["L001-A"]
    assert (a.shipped, a.labels, a.in_stock) == (Decimal(55), 4, Decimal(5))
    assert lots["L001-B"].in_stock == Decimal(38)
    totals = result.totals()
    assert totals == {"held": Decimal(100), "shipped": Decimal(55), "loss": Decimal(2),
                      "in_stock": Decimal(43), "unaccounted": Decimal(0)}
    assert {(c["name"], c["quantity"]) for c in result.customers} == {
        ("兰州东部批发市场", Decimal(45)), ("武威惠民超市", Decimal(10))}
    assert [m["code"] for m in result.members] == ["M001"]
    assert set(result.members[0]) == {"code", "village"}  # no name, phone or ID number
    assert result.elapsed_ms > 0


def test_a_recall_from_a_child_lot_does_not_pull_its_sibling(coop: Database) -> None:
    _shed(coop)
    result = recall(coop, SYSTEM, "L001-A")
    assert [lot.code for lot in result.lots] == ["L001-A"]


def test_a_recall_by_an_input_lot_finds_the_lots_that_hold_its_produce(coop: Database) -> None:
    _shed(coop)
    result = recall(coop, SYSTEM, "PY2026-07")
    assert result.matched == "input_lot"
    assert {lot.code for lot in result.lots} == {"L001", "L001-A", "L001-B"}
    with pytest.raises(NotFoundError):
        recall(coop, SYSTEM, "NO-SUCH-LOT")


def test_serial_ranges_collapse_runs() -> None:
    assert serial_ranges([5, 1, 2, 3, 7, 8]) == [(1, 3), (5, 5), (7, 8)]


def _report(coop: Database, tmp_path: Path, language: str) -> tuple[RecallResult, Path, Path]:
    _shed(coop)
    i18n.set_language(language)
    try:
        result = recall(coop, SYSTEM, "L001")
        pdf, table = tmp_path / "recall.pdf", tmp_path / "recall.csv"
        write_pdf(result, pdf, cooperative="武威市凉州区瓜果种植专业合作社")
        write_csv(result, table)
    finally:
        i18n.set_language("zh")
    return result, pdf, table


def test_the_recall_report_in_chinese_names_lots_customers_and_its_time(
        coop: Database, tmp_path: Path) -> None:
    result, pdf, table = _report(coop, tmp_path, "zh")
    reader = pypdf.PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for words in ("召回：L001", "L001-A", "L001-B", "兰州东部批发市场", "0931-8888888",
                  "1–2, 4–5", f"用时 {result.elapsed_ms} 毫秒", "吡虫啉", "批发市场",
                  f"第 1 页 / 共 {len(reader.pages)} 页"):
        assert words in text, words
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    lot_rows = [row for row in rows if row[:2] == ["", "L001-A"]]
    assert lot_rows[0][5:11] == ["60", "0", "0", "55", "4", "5"]


def test_a_long_recall_repeats_its_table_header_on_every_page(coop: Database,
                                                             tmp_path: Path) -> None:
    _, lot_id = harvested_lot(coop, "BIG", "5000", product_id=make_product(coop))
    passing_test(coop, lot_id, "Q-BIG")
    release_lot(coop, SYSTEM, lot_id)
    buyer = register_customer(coop, SYSTEM, code="C1", name="批发市场", kind="wholesale")
    for number in range(120):
        record_shipment(coop, SYSTEM, code=f"S{number:03d}", customer_id=buyer,
                        shipped_on=days_ago(1), lines=[LineInput(lot_id, "10")])
    i18n.set_language("en")
    try:
        out = tmp_path / "long.pdf"
        pages = write_pdf(recall(coop, SYSTEM, "BIG"), out)
    finally:
        i18n.set_language("zh")
    reader = pypdf.PdfReader(out)
    assert pages == len(reader.pages) >= 3
    for page in reader.pages[1:-1]:
        assert "Shipment" in page.extract_text()  # the shipments table's header row
