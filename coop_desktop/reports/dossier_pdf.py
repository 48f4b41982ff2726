"""The certification dossier as a PDF an auditor can read (labels-and-printing.md §8.5).

A cover (the cooperative, the certificate, the period, when it was made and the SHA-256 of the
data it shows), a table of contents, one chapter per section with PDF bookmarks, tables whose
header row repeats on every page, the mass balance as a vector bar chart, the gaps last, and
"page x of y" with the cooperative and the certificate on every page. Chinese or English; the
bundled CJK TrueType font is embedded, so the text prints the same everywhere and can be
searched and copied. The file is PDF/A-2b, validated by pikepdf when it is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from coop_desktop.labels.pdf import FONT_NAME, register_font
from coop_desktop.reports.page_numbers import numbered_canvas
from coop_desktop.services.dossier import Dossier, DossierSection, DossierTable

PAGE = landscape(A4)
MARGIN = 14 * mm
CELL_PADDING = 3.0

_WORDS = {
    "title": ("Certification dossier", "认证审核资料"),
    "period": ("Period {start} to {end}", "期间：{start} 至 {end}"),
    "made": ("Made {at} by Coop Desktop", "由 Coop Desktop 生成于 {at}"),
    "snapshot": ("Data snapshot (SHA-256 of every table): {hash}",
                 "数据快照（全部表格的 SHA-256）：{hash}"),
    "counts": ("{members} member households, {lots} lots in scope",
               "范围内社员 {members} 户，批次 {lots} 个"),
    "contents": ("Contents", "目录"),
    "gaps": ("Gaps: what the records do not show", "缺项说明"),
    "no_gaps": ("No gap found in the records of the period.", "本期记录未发现缺项。"),
    "none": ("No records.", "无记录。"),
    "page": ("Page {page} of {pages}", "第 {page} 页 / 共 {pages} 页"),
    "received": ("Harvested and received", "采收与交售"),
    "sold": ("Sold", "已销售"),
    "stock": ("In stock", "库存"),
    "loss": ("Loss", "损耗"),
    "documents": ("Attached documents", "附件"),
    "rows": ("{count} rows", "共 {count} 行"),
}


def _w(key: str, language: str, **values: Any) -> str:
    english, chinese = _WORDS[key]
    return (chinese if language == "zh" else english).format(**values)


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT_NAME, fontSize=9, leading=12.5,
                          wordWrap="CJK")
    return {
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=7, leading=8.6),
        "head": ParagraphStyle("head", parent=body, fontSize=7, leading=8.6,
                               textColor=colors.HexColor("#1b3a24")),
        "h1": ParagraphStyle("h1", parent=body, fontSize=15, leading=20, spaceBefore=4,
                             spaceAfter=6, textColor=colors.HexColor("#1b5e20")),
        "h2": ParagraphStyle("h2", parent=body, fontSize=11, leading=15, spaceBefore=8,
                             spaceAfter=4),
        "title": ParagraphStyle("title", parent=body, fontSize=26, leading=34,
                                spaceAfter=16),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=14, leading=20,
                                   spaceAfter=8),
        "toc1": ParagraphStyle("toc1", parent=body, fontSize=11, leading=16, leftIndent=10),
        "toc2": ParagraphStyle("toc2", parent=body, fontSize=9, leading=13, leftIndent=28),
    }


class _Heading(Paragraph):  # type: ignore[misc]
    """A heading that becomes a bookmark and a table-of-contents entry."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, key: str) -> None:
        super().__init__(text, style)
        self.toc_level = level
        self.toc_key = key
        self.toc_text = text


class _Document(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, out: str, dossier: Dossier, language: str, **kwargs: Any) -> None:
        super().__init__(out, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN + 6 * mm, bottomMargin=MARGIN, **kwargs)
        self.dossier = dossier
        self.language = language
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                            onPage=self._decorate)])

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        if isinstance(flowable, _Heading):
            self.canv.bookmarkPage(flowable.toc_key)
            self.canv.addOutlineEntry(flowable.toc_text, flowable.toc_key,
                                      level=flowable.toc_level, closed=False)
            self.notify("TOCEntry", (flowable.toc_level, flowable.toc_text, self.page,
                                     flowable.toc_key))

    def _decorate(self, canvas: Canvas, document: Any) -> None:
        if document.page == 1:
            return
        canvas.saveState()
        canvas.setFont(FONT_NAME, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        subject = (self.dossier.subject_zh if self.language == "zh"
                   else self.dossier.subject_en)
        canvas.drawString(MARGIN, PAGE[1] - MARGIN, f"{self.dossier.cooperative} · {subject}")
        canvas.setStrokeColor(colors.HexColor("#bbbbbb"))
        canvas.line(MARGIN, PAGE[1] - MARGIN - 2 * mm, PAGE[0] - MARGIN,
                    PAGE[1] - MARGIN - 2 * mm)
        canvas.restoreState()


def _column_widths(table: DossierTable, width: float) -> list[float]:
    """Widths by the longest text of each column (header included), within bounds."""
    longest = []
    for index, column in enumerate(table.columns):
        lengths = [len(column.zh) * 2, len(column.en)]
        lengths += [len(row[index]) for row in table.rows[:200]]
        longest.append(min(max(*lengths, 4), 60))
    total = sum(longest)
    return [width * length / total for length in longest]


def _table(table: DossierTable, language: str, styles: dict[str, ParagraphStyle],
           width: float) -> list[Flowable]:
    if not table.rows:
        return [Paragraph(_w("none", language), styles["body"])]
    header = [Paragraph(column.zh if language == "zh" else column.en, styles["head"])
              for column in table.columns]
    widths = _column_widths(table, width)
    cell_style = styles["cell"]
    size = cell_style.fontSize
    # A cell that fits its column on one line is drawn as plain text; only a longer one is
    # wrapped as a Paragraph (a Paragraph per cell made long dossiers several times slower).
    room = [column_width - 2 * CELL_PADDING for column_width in widths]
    data: list[list[Any]] = [header]
    for row in table.rows:
        data.append([cell if "\n" not in cell and _text_width(cell, size) <= room[index]
                     else Paragraph(_escape(cell), cell_style)
                     for index, cell in enumerate(row)])
    flowable = LongTable(data, repeatRows=1, colWidths=widths, splitInRow=1)
    flowable.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9e9e9e")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3ede4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f8f6")]),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
        ("FONTSIZE", (0, 1), (-1, -1), size),
        ("LEADING", (0, 1), (-1, -1), cell_style.leading),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]))
    return [flowable, Spacer(0, 2 * mm)]


def _text_width(text: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, FONT_NAME, size))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chart(section: DossierSection, language: str) -> Drawing:
    """The mass balance per product as grouped vector bars."""
    drawing = Drawing(PAGE[0] - 2 * MARGIN, 70 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y = 20 * mm, 12 * mm
    chart.width, chart.height = 150 * mm, 52 * mm
    bars = section.chart
    chart.data = [[float(bar.received) for bar in bars], [float(bar.sold) for bar in bars],
                  [float(bar.stock) for bar in bars], [float(bar.loss) for bar in bars]]
    chart.categoryAxis.categoryNames = [bar.product for bar in bars]
    chart.categoryAxis.labels.fontName = FONT_NAME
    chart.valueAxis.labels.fontName = FONT_NAME
    chart.valueAxis.valueMin = 0  # a scale that starts above zero hides the small bars
    palette = [colors.HexColor(code) for code in ("#2e7d32", "#1565c0", "#f9a825", "#c62828")]
    for index, colour in enumerate(palette):
        chart.bars[index].fillColor = colour
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 180 * mm, 60 * mm
    legend.fontName = FONT_NAME
    legend.columnMaximum = 4
    legend.alignment = "right"
    legend.deltay = 12
    legend.colorNamePairs = list(zip(palette, [_w(key, language) for key in
                                               ("received", "sold", "stock", "loss")],
                                     strict=True))
    drawing.add(legend)
    return drawing


def make_pdfa(path: Path) -> None:
    """Turn the PDF at ``path`` into PDF/A-2b in place (labels-and-printing.md §8.4, step 3):
    pikepdf adds the sRGB output intent and the XMP metadata, writes, re-parses and validates;
    the file is replaced only when it passed."""
    import pikepdf
    from pikepdf import pdfa

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            if "/Trans" in page.obj:  # reportlab writes an empty one; the validator refuses it
                del page.obj["/Trans"]
        pdfa.save(pdf, path, "2b")


def write_dossier_pdf(dossier: Dossier, out: Path, language: str = "zh", *,
                      pdfa: bool = True) -> int:
    """Write the PDF (PDF/A-2b unless ``pdfa`` is False); the number of pages."""
    register_font()
    # Every default font is the embedded one: reportlab otherwise adds Helvetica and Times
    # resources (unused, not embedded) that PDF/A refuses (labels-and-printing.md §8.4).
    rl_config.canvas_basefontname = FONT_NAME
    rl_config.defaultGraphicsFontName = FONT_NAME
    STATE_DEFAULTS["fontName"] = FONT_NAME  # read by charts' labels, set at reportlab's import
    styles = _styles()
    width = PAGE[0] - 2 * MARGIN
    subject = dossier.subject_zh if language == "zh" else dossier.subject_en
    story: list[Flowable] = [
        Spacer(0, 30 * mm),
        Paragraph(_w("title", language), styles["title"]),
        Paragraph(_escape(dossier.cooperative), styles["subtitle"]),
        Paragraph(_escape(dossier.cooperative_en), styles["body"]) if dossier.cooperative_en
        else Spacer(0, 0),
        Spacer(0, 6 * mm),
        Paragraph(_escape(subject), styles["subtitle"]),
        Paragraph(_w("period", language, start=dossier.start, end=dossier.end),
                  styles["body"]),
        Paragraph(_w("counts", language, members=dossier.member_count, lots=dossier.lot_count),
                  styles["body"]),
        Paragraph(_w("made", language,
                     at=dossier.generated_at.astimezone().strftime("%Y-%m-%d %H:%M")),
                  styles["body"]),
        Paragraph(_w("snapshot", language, hash=dossier.snapshot), styles["body"]),
        PageBreak(),
        Paragraph(_w("contents", language), styles["h1"]),
    ]
    contents = TableOfContents()
    contents.levelStyles = [styles["toc1"], styles["toc2"]]
    contents.tableStyle = TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
                                      ("VALIGN", (0, 0), (-1, -1), "TOP")])
    story += [contents, PageBreak()]
    for number, section in enumerate(dossier.sections, start=1):
        title = f"{number}. {section.zh if language == 'zh' else section.en}"
        story.append(_Heading(_escape(title), styles["h1"], 0, f"s{number}"))
        intro = section.intro_zh if language == "zh" else section.intro_en
        if intro:
            story.append(Paragraph(_escape(intro), styles["body"]))
        if section.chart:
            story.append(_chart(section, language))
        for index, table in enumerate(section.tables):
            if len(section.tables) > 1 or table.zh != section.zh:
                name = table.zh if language == "zh" else table.en
                rows = _w("rows", language, count=len(table.rows))
                story.append(_Heading(_escape(f"{name} ({rows})"), styles["h2"], 1,
                                      f"s{number}t{index}"))
            story += _table(table, language, styles, width)
        story.append(PageBreak())
    story.append(_Heading(f"{len(dossier.sections) + 1}. {_w('gaps', language)}", styles["h1"],
                          0, "gaps"))
    if dossier.gaps:
        for gap in dossier.gaps:
            story.append(Paragraph("• " + _escape(gap.zh if language == "zh" else gap.en),
                                   styles["body"]))
    else:
        story.append(Paragraph(_w("no_gaps", language), styles["body"]))
    if dossier.documents:
        story.append(Paragraph(_w("documents", language), styles["h2"]))
        for document in dossier.documents:
            story.append(Paragraph(_escape(f"{document.folder}/{document.filename} — "
                                           f"SHA-256 {document.sha256}"), styles["cell"]))
    pdf = _Document(str(out), dossier, language, title=f"{_w('title', language)} — {subject}",
                    author=dossier.cooperative, subject=subject, initialFontName=FONT_NAME)
    pdf.multiBuild(story, canvasmaker=numbered_canvas(
        lambda page, pages: _w("page", language, page=page, pages=pages),
        PAGE[0] - MARGIN, 8 * mm))
    if pdfa:
        make_pdfa(out)
    return int(pdf.page)
