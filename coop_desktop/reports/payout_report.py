"""The payout report of a year: what each member household earned from its deliveries (weight
× price of the grade, less the agreed charges), and the benefit report — the income that
reached registered poor and monitored households against the poverty line. A PDF (bundled CJK
font, "page x of y") and an XLSX with the same tables, in Chinese or English.

The report is internal: it names poverty status because showing that income is its purpose;
payout accounts appear masked to their last four digits, ID numbers and phones not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from coop_desktop.domain import i18n
from coop_desktop.domain.models import PovertyStatus
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.labels.pdf import FONT_NAME, register_font
from coop_desktop.reports.page_numbers import numbered_canvas
from coop_desktop.services.payouts import BenefitReport, PayoutStatement, benefit_from

PAGE = landscape(A4)

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Member payouts {year}", "{year} 年社员交售收益兑付表"),
    "generated": ("{cooperative}. Deliveries of {year}: weight × unit price of the grade, less "
                  "the agreed charges; amounts in yuan, exact to the fen.",
                  "{cooperative}。{year} 年交售：重量 × 对应等级单价，扣除约定费用；"
                  "金额单位为元，精确到分。"),
    "summary": ("Summary", "汇总"),
    "summary_line": ("{members} member households delivered {kg} kg: gross {gross}, charges "
                     "{charges}, paid out {net}.",
                     "{members} 户社员共交售 {kg} kg：毛收入 {gross} 元，扣费 {charges} 元，"
                     "应兑付 {net} 元。"),
    "unpriced": ("{count} deliveries have no unit price and are not included: {codes}.",
                 "有 {count} 笔交售没有单价，未计入：{codes}。"),
    "charges_title": ("Agreed charges", "约定扣费"),
    "members_title": ("Payouts per member household", "各社员户兑付金额"),
    "lines_title": ("Deliveries", "交售明细"),
    "benefit_title": ("Benefit report: income that reached poor and monitored households",
                      "带贫益贫情况：脱贫户和监测户收益"),
    "benefit_line": ("Poverty line: {line} yuan per person per year (national rural line, "
                     "{line_year} prices). Registered poor households (建档立卡户): {reg} with "
                     "{reg_net} yuan; monitored households (监测户): {mon} with {mon_net} yuan; "
                     "together {total} yuan, {share} % of the {all} yuan paid to all {members} "
                     "member households. {above} of {count} households earned at least the "
                     "poverty line per person from the co-op alone.",
                     "贫困线：每人每年 {line} 元（国家农村贫困标准，{line_year} 年价格）。"
                     "建档立卡户 {reg} 户，收益 {reg_net} 元；监测户 {mon} 户，收益 {mon_net} 元；"
                     "合计 {total} 元，占全体 {members} 户社员兑付总额 {all} 元的 {share}%。"
                     "其中 {above} 户（共 {count} 户）仅从合作社获得的人均收益即达到贫困线。"),
    "none": ("None.", "无。"),
    "page": ("Page {page} of {pages}", "第 {page} 页 / 共 {pages} 页"),
    "member": ("Member", "社员编号"), "name": ("Name", "户主"), "village": ("Village", "村"),
    "deliveries": ("Deliveries", "交售笔数"), "kg": ("kg", "重量 kg"),
    "gross": ("Gross", "毛收入"), "charges": ("Charges", "扣费"), "net": ("Net", "应兑付"),
    "account": ("Account", "账户"), "payout": ("Payout", "兑付单"),
    "delivery": ("Delivery", "交售单"), "date": ("Date", "日期"),
    "product": ("Product", "产品"), "grade": ("Grade", "等级"), "price": ("Price", "单价"),
    "status": ("Status", "类别"), "since": ("Since", "认定年份"), "exit": ("Exit", "脱贫年份"),
    "size": ("Persons", "人口"), "per_person": ("Per person", "人均"),
    "share": ("% of line", "占贫困线 %"), "charge": ("Charge", "费用"),
    "all_products": ("all products", "全部产品"), "per_kg": ("Per kg", "每公斤"),
    "percent": ("% of gross", "毛收入 %"), "valid": ("Valid", "有效期"),
    "total": ("Total", "合计"), "summary_sheet": ("Summary", "汇总"),
}


def _w(key: str, **values: Any) -> str:
    english, chinese = _WORDS[key]
    return (chinese if i18n.language() == "zh" else english).format(**values)


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _kg(value: Decimal) -> str:
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class Section:
    title: str
    header: list[str]
    rows: list[list[str]]
    widths: list[float]  # shares of the page width


def sections(statement: PayoutStatement, benefit: BenefitReport) -> list[Section]:
    """The report's tables: the PDF and the XLSX share them."""
    charges = [[charge.name, charge.product or _w("all_products"),
                f"{charge.per_kg.normalize():f}", f"{charge.percent.normalize():f}",
                f"{charge.valid_from or ''} – {charge.valid_until or ''}".strip(" –")]
               for charge in statement.charges]
    members = [[member.code, member.name, member.village, str(len(member.lines)),
                _kg(member.quantity), _money(member.gross), _money(member.charges),
                _money(member.net), member.account,
                ", ".join(sorted({line.payout for line in member.lines if line.payout}))]
               for member in statement.members]
    members.append([_w("total"), "", "", str(sum(len(m.lines) for m in statement.members)),
                    _kg(statement.quantity), _money(statement.gross),
                    _money(statement.charges_total), _money(statement.net), "", ""])
    lines = [[member.code, line.delivery, line.delivered_on.isoformat(), line.product,
              line.grade, _kg(line.quantity), _money(line.unit_price), _money(line.gross),
              _money(line.charges), _money(line.net)]
             for member in statement.members for line in member.lines]
    poor = [[row.code, row.name, row.village, name_of(row.status),
             str(row.since_year or ""), str(row.exit_year or ""), str(row.household_size),
             _kg(row.quantity), _money(row.net), _money(row.net_per_person),
             f"{row.share_of_line}"] for row in benefit.rows]
    return [
        Section(_w("charges_title"), [_w("charge"), _w("product"), _w("per_kg"),
                                      _w("percent"), _w("valid")], charges,
                [3, 2, 1.5, 1.5, 3]),
        Section(_w("members_title"), [_w("member"), _w("name"), _w("village"),
                                      _w("deliveries"), _w("kg"), _w("gross"), _w("charges"),
                                      _w("net"), _w("account"), _w("payout")], members,
                [1.2, 1.2, 1.5, 0.9, 1.2, 1.3, 1.1, 1.3, 1.3, 2]),
        Section(_w("benefit_title"), [_w("member"), _w("name"), _w("village"), _w("status"),
                                      _w("since"), _w("exit"), _w("size"), _w("kg"),
                                      _w("net"), _w("per_person"), _w("share")], poor,
                [1.1, 1.1, 1.5, 1.2, 0.8, 0.8, 0.7, 1.1, 1.2, 1.1, 1]),
        Section(_w("lines_title"), [_w("member"), _w("delivery"), _w("date"), _w("product"),
                                    _w("grade"), _w("kg"), _w("price"), _w("gross"),
                                    _w("charges"), _w("net")], lines,
                [1.1, 1.6, 1.2, 1.2, 0.8, 1, 0.9, 1.1, 1, 1.1]),
    ]


def summary_lines(statement: PayoutStatement, benefit: BenefitReport) -> list[str]:
    texts = [_w("summary_line", members=len(statement.members), kg=_kg(statement.quantity),
                gross=_money(statement.gross), charges=_money(statement.charges_total),
                net=_money(statement.net)),
             _w("benefit_line", line=_money(benefit.poverty_line),
                line_year=benefit.poverty_line_year,
                reg=benefit.count(PovertyStatus.REGISTERED),
                reg_net=_money(benefit.total(PovertyStatus.REGISTERED)),
                mon=benefit.count(PovertyStatus.MONITORED),
                mon_net=_money(benefit.total(PovertyStatus.MONITORED)),
                total=_money(benefit.total()), share=benefit.share_of_members,
                all=_money(benefit.members_net), members=benefit.members_count,
                above=benefit.above_line, count=benefit.count())]
    if statement.unpriced:
        codes = ", ".join(code for code, _ in statement.unpriced[:20])
        texts.append(_w("unpriced", count=len(statement.unpriced), codes=codes))
    return texts


def _numeric() -> set[str]:
    """The headers of columns holding numbers (right-aligned, numbers in the XLSX)."""
    return {_w(key) for key in ("kg", "gross", "charges", "net", "price", "per_person",
                                "share", "per_kg", "percent")}


def write_pdf(statement: PayoutStatement, out: Path, *, cooperative: str = "") -> int:
    """Write the PDF (through a partial file, so a failure leaves none); the page count."""
    register_font()
    benefit = benefit_from(statement)
    body = ParagraphStyle("body", fontName=FONT_NAME, fontSize=9, leading=12, wordWrap="CJK")
    cell = ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9.5)
    right = ParagraphStyle("right", parent=cell, alignment=TA_RIGHT)
    heading = ParagraphStyle("heading", parent=body, fontSize=12, leading=16, spaceBefore=8,
                             spaceAfter=4)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=20, spaceAfter=6)
    story: list[Any] = [
        Paragraph(_w("title", year=statement.year), title),
        Paragraph(_w("generated", cooperative=cooperative, year=statement.year), body),
        Paragraph(_w("summary"), heading)]
    story += [Paragraph(text, body) for text in summary_lines(statement, benefit)]
    width = PAGE[0] - 24 * mm
    for section in sections(statement, benefit):
        story.append(Paragraph(section.title, heading))
        if not section.rows:
            story.append(Paragraph(_w("none"), body))
            continue
        styles = [right if name in _numeric() else cell for name in section.header]
        data = [[Paragraph(text, style) for text, style in zip(section.header, styles,
                                                                strict=True)]]
        data += [[Paragraph(text, style) for text, style in zip(row, styles, strict=True)]
                 for row in section.rows]
        unit = width / sum(section.widths)
        table = LongTable(data, repeatRows=1, colWidths=[share * unit
                                                         for share in section.widths])
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f7f7f7")]),
        ]))
        story.append(table)
        story.append(Spacer(0, 2 * mm))
    pages: list[int] = []
    partial = out.with_name(out.name + ".part")
    document = SimpleDocTemplate(str(partial), pagesize=PAGE, leftMargin=12 * mm,
                                 rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=14 * mm,
                                 title=_w("title", year=statement.year), author=cooperative,
                                 initialFontName=FONT_NAME)
    try:
        document.build(story, canvasmaker=numbered_canvas(
                           lambda page, pages: _w("page", page=page, pages=pages),
                           PAGE[0] - 12 * mm, 8 * mm),
                       onLaterPages=lambda canvas, doc: pages.append(doc.page),
                       onFirstPage=lambda canvas, doc: pages.append(doc.page))
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return len(pages)


def write_xlsx(statement: PayoutStatement, out: Path) -> int:
    """Write the XLSX: a summary sheet, then one sheet per table; the number of sheets.
    Amounts are numbers (exact decimals as the cells' values), not text, so Excel sums them."""
    from openpyxl import Workbook  # a tenth of a second: only when writing

    benefit = benefit_from(statement)
    book = Workbook()
    summary = book.active
    summary.title = _w("summary_sheet")
    summary.append([_w("title", year=statement.year)])
    for text in summary_lines(statement, benefit):
        summary.append([text])
    numeric = _numeric()
    for section in sections(statement, benefit):
        sheet = book.create_sheet(section.title[:31].replace(":", " ").replace("/", " "))
        sheet.append(section.header)
        columns = [index for index, name in enumerate(section.header) if name in numeric]
        for row in section.rows:
            values: list[Any] = list(row)
            for index in columns:
                text = row[index].replace(",", "")
                if text:
                    values[index] = Decimal(text)
            sheet.append(values)
    partial = out.with_name(out.name + ".part")
    try:
        book.save(partial)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return len(book.sheetnames)
