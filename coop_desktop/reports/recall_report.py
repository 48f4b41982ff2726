"""The recall report: a PDF to act on (who to call, what to pull, what should be in stock) and
a CSV of the same rows, in Chinese or English, with the time the search took.

Labels are listed as serial ranges per lot (a lot may have thousands). Customers are businesses
and keep their contact; member households appear by code and village only.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from coop_desktop.domain import i18n
from coop_desktop.domain.models import CustomerKind, LotStatus
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.labels.pdf import FONT_NAME, register_font
from coop_desktop.reports.page_numbers import numbered_canvas
from coop_desktop.services.recall import RecallResult

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Recall: {query}", "召回：{query}"),
    "found": ("Found in {ms} ms on {at}. Matched as {matched}.",
              "用时 {ms} 毫秒，生成于 {at}。识别为：{matched}。"),
    "summary": ("Summary", "汇总"),
    "summary_line": ("{lots} lots affected; {customers} customers received {shipped}; "
                     "{stock} should still be in stock; {labels} labels printed.",
                     "涉及 {lots} 个批次；{customers} 个客户共收货 {shipped}；"
                     "库存应有 {stock}；已打印标签 {labels} 张。"),
    "lots": ("Affected lots and their mass balance", "涉及批次及物料平衡"),
    "customers": ("Customers to contact", "需联系的客户"),
    "shipments": ("Shipments", "发货记录"),
    "labels": ("Labels (serial ranges)", "标签（序号段）"),
    "inputs": ("Inputs on the source batches", "来源批次使用的投入品"),
    "members": ("Member households whose produce is affected", "涉及的社员农户"),
    "none": ("None.", "无。"),
    "page": ("Page {page} of {pages}", "第 {page} 页 / 共 {pages} 页"),
    "lot": ("Lot", "批次"), "product": ("Product", "产品"), "status": ("Status", "状态"),
    "held": ("Held", "数量"), "into": ("Into lots", "转入批次"), "loss": ("Loss", "损耗"),
    "shipped": ("Shipped", "已发货"), "count_labels": ("Labels", "标签"),
    "stock": ("In stock", "应有库存"), "customer": ("Customer", "客户"),
    "kind": ("Kind", "类型"), "contact": ("Contact", "联系人"), "phone": ("Phone", "电话"),
    "quantity": ("Quantity", "数量"), "shipment": ("Shipment", "发货单"),
    "date": ("Date", "日期"), "vehicle": ("Vehicle", "车辆"), "serials": ("Serials", "序号"),
    "printed": ("Printed", "有效"), "voided": ("Voided", "作废"), "input": ("Input", "投入品"),
    "input_lot": ("Input lot", "投入品批号"), "applied": ("Applied", "施用日期"),
    "batch": ("Batch", "批次"), "member": ("Member", "社员"), "village": ("Village", "村"),
    "direction": ("Role", "角色"), "origin": ("recalled", "召回起点"),
    "forward": ("made from it", "由其加工"),
    "matched_lot": ("a lot code", "批次号"), "matched_label": ("a label", "标签"),
    "matched_ear_tag": ("an ear tag", "耳标"),
    "matched_input_lot": ("an input's lot", "投入品批号"),
}


def _w(key: str, **values: Any) -> str:
    english, chinese = _WORDS[key]
    return (chinese if i18n.language() == "zh" else english).format(**values)


def _num(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}"


def _enum(kind: Any, value: object) -> str:
    try:
        return name_of(kind(value))
    except ValueError:
        return str(value)


def _matched(result: RecallResult) -> str:
    return _w(f"matched_{result.matched}") if f"matched_{result.matched}" in _WORDS else (
        result.matched)


def serial_ranges(serials: Iterable[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for serial in sorted(serials):
        if ranges and serial == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], serial)
        else:
            ranges.append((serial, serial))
    return ranges


def _label_rows(result: RecallResult) -> list[list[str]]:
    by_lot: dict[tuple[str, str], list[int]] = {}
    for package in result.packages:
        status = "voided" if str(package["status"]) == "voided" else "printed"
        by_lot.setdefault((package["lot"], status), []).append(int(package["serial"]))
    rows: list[list[str]] = []
    for (lot, status), serials in sorted(by_lot.items()):
        text = ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in serial_ranges(serials))
        rows.append([lot, _w(status), str(len(serials)), text])
    return rows


def tables(result: RecallResult) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report's sections as (title, header, rows): the PDF and the CSV share them."""
    lots = [[lot.code, lot.product, _w(lot.direction), _enum(LotStatus, lot.status),
             _num(lot.quantity),
             _num(lot.into_lots), _num(lot.loss), _num(lot.shipped), str(lot.labels),
             _num(lot.in_stock), lot.unit] for lot in result.lots]
    customers = [[str(c["name"]), _enum(CustomerKind, c["kind"]), str(c.get("contact") or ""),
                  str(c.get("phone") or ""), _num(c.get("quantity"))]
                 for c in result.customers]
    shipments = [[str(s["code"]), str(s["shipped_on"]), str(s["lot"]), _num(s["quantity"]),
                  str(s["unit"]), str(s["customer"]), str(s.get("vehicle") or "")]
                 for s in result.shipments]
    # For a recall by an input's lot, the input that caused it; otherwise every input used.
    cause = [i for i in result.inputs if result.matched == "input_lot"
             and str(i.get("input_lot") or "").upper() == result.query.strip().upper()]
    inputs = [[str(i["batch"] or ""), str(i["input"] or i["kind"]), str(i["input_lot"] or ""),
               str(i["performed_on"])] for i in (cause or result.inputs) if i.get("input")]
    members = [[str(m["code"]), str(m["village"])] for m in result.members]
    return [
        (_w("lots"), [_w("lot"), _w("product"), _w("direction"), _w("status"), _w("held"),
                      _w("into"), _w("loss"), _w("shipped"), _w("count_labels"),
                      _w("stock"), ""], lots),
        (_w("customers"), [_w("customer"), _w("kind"), _w("contact"), _w("phone"),
                           _w("quantity")], customers),
        (_w("shipments"), [_w("shipment"), _w("date"), _w("lot"), _w("quantity"), "",
                           _w("customer"), _w("vehicle")], shipments),
        (_w("labels"), [_w("lot"), _w("status"), _w("count_labels"), _w("serials")],
         _label_rows(result)),
        (_w("inputs"), [_w("batch"), _w("input"), _w("input_lot"), _w("applied")], inputs),
        (_w("members"), [_w("member"), _w("village")], members),
    ]


def summary_line(result: RecallResult) -> str:
    totals = result.totals()
    unit = "/".join(sorted(result.units)) or ""
    return _w("summary_line", lots=len(result.lots), customers=len(result.customers),
              shipped=f"{_num(totals['shipped'])} {unit}",
              stock=f"{_num(totals['in_stock'])} {unit}",
              labels=sum(lot.labels for lot in result.lots))


def write_csv(result: RecallResult, out: Path) -> None:
    """One CSV (UTF-8 with BOM, for Excel on Chinese Windows): a section column and the rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_w("title", query=result.query),
                     _w("found", ms=result.elapsed_ms, matched=_matched(result),
                        at=result.generated_at.astimezone().strftime("%Y-%m-%d %H:%M"))])
    for title, header, rows in tables(result):
        writer.writerow([])
        writer.writerow([title, *header])
        for row in rows:
            writer.writerow(["", *row])
    out.write_text(buffer.getvalue(), encoding="utf-8-sig")


def write_pdf(result: RecallResult, out: Path, *, cooperative: str = "") -> int:
    """Write the report; the number of pages."""
    register_font()
    body = ParagraphStyle("body", fontName=FONT_NAME, fontSize=9, leading=12,
                          wordWrap="CJK")
    cell = ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9.5)
    heading = ParagraphStyle("heading", parent=body, fontSize=12, leading=16, spaceBefore=8,
                             spaceAfter=4)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=20, spaceAfter=6)
    story: list[Any] = [
        Paragraph(_w("title", query=result.query), title),
        Paragraph(cooperative, body) if cooperative else Spacer(0, 0),
        Paragraph(_w("found", ms=result.elapsed_ms, matched=_matched(result),
                     at=result.generated_at.astimezone().strftime("%Y-%m-%d %H:%M")), body),
        Paragraph(_w("summary"), heading), Paragraph(summary_line(result), body)]
    width = A4[0] - 30 * mm
    for section, header, rows in tables(result):
        story.append(Paragraph(section, heading))
        if not rows:
            story.append(Paragraph(_w("none"), body))
            continue
        data = [[Paragraph(text, cell) for text in header]]
        data += [[Paragraph(text, cell) for text in row] for row in rows]
        table = LongTable(data, repeatRows=1, colWidths=[width / len(header)] * len(header))
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f7f7f7")]),
        ]))
        story.append(table)
    pages: list[int] = []
    document = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=15 * mm,
                                 rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=18 * mm,
                                 title=_w("title", query=result.query), author=cooperative,
                                 initialFontName=FONT_NAME)
    document.build(story, canvasmaker=numbered_canvas(
                       lambda page, pages: _w("page", page=page, pages=pages),
                       A4[0] - 15 * mm, 10 * mm),
                   onLaterPages=lambda canvas, doc: pages.append(doc.page),
                   onFirstPage=lambda canvas, doc: pages.append(doc.page))
    return len(pages)
