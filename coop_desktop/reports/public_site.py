"""The public traceability site: static, bilingual pages at the addresses the QR codes use.

``l/{lot}/index.html`` for the short cooperative address and ``01/{GTIN-14}/10/{lot}/index.html``
for a GS1 Digital Link, both relative to the site's root (the cooperative's traceability address).
A label's QR adds the serial (``/l/{lot}/{serial}``, ``…/10/{lot}/21/{serial}``): ``404.html``
sends such an address to its lot's page in the browser, and ``nginx.conf`` does it on the server,
so one page per lot serves every crate. Pages are plain HTML with one small stylesheet, readable
on a phone screen, Chinese with English beside it, and work without JavaScript.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from coop_desktop.domain.vocabulary import name_of
from coop_desktop.services.publishing import PublicLot, PublicSite

STYLE = """\
:root { --green: #2e7d32; --ink: #1d2a1f; --muted: #5f6b61; --line: #dfe6df; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 -apple-system, "PingFang SC", "Microsoft YaHei",
       "Noto Sans CJK SC", sans-serif; color: var(--ink); background: #f6f8f5; }
header { background: var(--green); color: #fff; padding: 14px 18px; }
header h1 { margin: 0; font-size: 1.15rem; }
header p { margin: 2px 0 0; opacity: .9; font-size: .85rem; }
main { max-width: 640px; margin: 0 auto; padding: 14px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 10px;
          padding: 12px 16px; margin-bottom: 12px; }
h2 { font-size: 1.35rem; margin: 0 0 2px; }
h3 { font-size: .95rem; margin: 0 0 8px; color: var(--green); }
.en { color: var(--muted); font-size: .85em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; }
.pass { color: var(--green); font-weight: 600; }
.fail, .recalled { color: #b71c1c; font-weight: 600; }
.recalled { background: #fdecea; border-color: #f5c2c0; }
ul { padding-left: 1.1em; margin: 0; }
footer { text-align: center; color: var(--muted); font-size: .8rem; padding: 18px; }
a { color: var(--green); }
"""

REDIRECT = """\
<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>追溯 Traceability</title>
<script>
// A label's address carries its serial: show the lot's page.
(function () {
  var path = location.pathname;
  var lot = path.match(/^(.*\\/l\\/[A-Za-z0-9-]+)\\/[0-9]+\\/?$/) ||
            path.match(/^(.*\\/01\\/[0-9]{14}\\/10\\/[A-Za-z0-9-]+)\\/21\\/[0-9]+\\/?$/);
  if (lot) { location.replace(lot[1] + "/"); }
})();
</script>
<link rel="stylesheet" href="/style.css"></head>
<body><main><section><h2>未找到 <span class="en">Not found</span></h2>
<p>请核对标签上的批次号。<span class="en">Check the lot code on the label.</span></p>
</section></main></body></html>
"""

NGINX = """\
# Serve the site with the serial dropped from label addresses (one page per lot).
location ~ ^(?<lotpath>.*/l/[A-Za-z0-9-]+)/[0-9]+/?$ {
    try_files $lotpath/index.html =404;
}
location ~ ^(?<lotpath>.*/01/[0-9]{14}/10/[A-Za-z0-9-]+)/21/[0-9]+/?$ {
    try_files $lotpath/index.html =404;
}
error_page 404 /404.html;
"""

_SCHEME_EN = {"organic": "Organic (GB/T 19630)", "green_food": "Green Food",
              "gi": "Geographical indication", "gap": "Good agricultural practice"}
_QUALITY_EN = {"rapid_residue": "Rapid pesticide residue test", "lab_report": "Laboratory test",
               "grading": "Grading", "quarantine": "Quarantine certificate"}


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _both(chinese: str, english: str) -> str:
    return f"{_e(chinese)} <span class=\"en\">{_e(english)}</span>"


def lot_paths(lot: PublicLot) -> list[Path]:
    paths = [Path("l") / lot.code]
    if lot.gtin:
        paths.append(Path("01") / lot.gtin.zfill(14) / "10" / lot.code)
    return paths


def _row(chinese: str, english: str, value: str) -> str:
    return f"<dt>{_both(chinese, english)}</dt><dd>{value}</dd>"


def lot_page(site: PublicSite, lot: PublicLot, depth: int) -> str:
    up = "../" * depth
    origin = " ".join(part for part in (site.province, lot.county) if part)
    villages = "、".join(lot.villages)
    rows = [_row("产品", "Product", _both(f"{lot.product} {lot.variety}".strip(),
                                          lot.product_en)),
            _row("等级", "Grade", _e(lot.grade) or "—"),
            _row("批次", "Lot", _e(lot.code)),
            _row("产地", "Origin", _e(f"{origin} {villages}".strip()) or "—")]
    for chinese, english, day in (("采收日期", "Harvested", lot.harvest_date),
                                  ("包装日期", "Packed", lot.pack_date),
                                  ("保质期至", "Best before", lot.best_before)):
        if day is not None:
            rows.append(_row(chinese, english, _e(day.isoformat())))
    certificates = "".join(
        f"<li>{_both(name_of(cert.scheme, 'zh'), _SCHEME_EN.get(cert.scheme.value, ''))}："
        f"{_e(cert.number)}，{_e(cert.certifier)}，{_e(cert.valid_from)} – "
        f"{_e(cert.valid_until)}</li>" for cert in lot.certificates)
    tests = "".join(
        f"<li>{_e(test.tested_on)} {_both(_quality_zh(test.kind), _QUALITY_EN.get(test.kind, ''))}"
        f"：<span class=\"{'pass' if test.passed else 'fail'}\">"
        f"{_both('合格', 'Pass') if test.passed else _both('不合格', 'Fail')}</span>"
        f"{'，' + _e(test.laboratory) if test.laboratory else ''}</li>" for test in lot.quality)
    warning = _both("此批次已召回，请勿食用，并联系合作社。",
                    "This lot has been recalled: do not eat it and contact the cooperative.")
    recalled = f'<section class="recalled">{warning}</section>' if lot.recalled else ""
    certificates = (f"<ul>{certificates}</ul>" if certificates
                    else f"<p>{_both('无', 'None')}</p>")
    tests = (f"<ul>{tests}</ul>" if tests
             else f"<p>{_both('尚无检测记录', 'No test recorded yet')}</p>")
    contact = (_row("电话", "Phone", _e(site.phone) or "—")
               + _row("地址", "Address", _e(site.address) or "—"))
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(lot.product)} {_e(lot.code)} — {_e(site.cooperative)}</title>
<link rel="stylesheet" href="{up}style.css"></head>
<body>
<header><h1>{_e(site.cooperative)}</h1><p>{_e(site.cooperative_en)}</p></header>
<main>
{recalled}
<section><h2>{_e(lot.product)} <span class="en">{_e(lot.product_en)}</span></h2>
<dl>{''.join(rows)}</dl></section>
<section><h3>{_both("认证", "Certification")}</h3>
{certificates}</section>
<section><h3>{_both("质量检测", "Quality tests")}</h3>
{tests}</section>
<section><h3>{_both("联系合作社", "Contact the cooperative")}</h3>
<dl>{contact}</dl>
</section>
</main>
<footer>{_both("由 Coop Desktop 生成", "Made with Coop Desktop")} ·
{_e(site.generated_at.astimezone().strftime("%Y-%m-%d"))}</footer>
</body></html>
"""


def _quality_zh(kind: str) -> str:
    from coop_desktop.domain.models import QualityKind

    try:
        return name_of(QualityKind(kind), "zh")
    except ValueError:
        return kind


def index_page(site: PublicSite) -> str:
    items = "".join(
        f'<li><a href="l/{_e(lot.code)}/">{_e(lot.code)}</a> {_e(lot.product)} '
        f'{_e(lot.pack_date or lot.harvest_date or "")}</li>'
        for lot in sorted(site.lots, key=lambda lot: str(lot.pack_date or lot.harvest_date),
                          reverse=True)[:200])
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(site.cooperative)} — 产品追溯 Traceability</title>
<link rel="stylesheet" href="style.css"></head>
<body><header><h1>{_e(site.cooperative)}</h1><p>{_e(site.cooperative_en)}</p></header>
<main><section><h3>{_both("产品追溯", "Traceability")}</h3>
<p>{_both("扫描包装上的二维码，或在下列批次中查找。",
          "Scan the QR code on the package, or find the lot below.")}</p>
<ul>{items}</ul></section>
<section><dl>{_row("电话", "Phone", _e(site.phone) or "—")}</dl></section></main>
</body></html>
"""


def write_site(site: PublicSite, out: Path) -> int:
    """Write the site into ``out`` (replacing an earlier one there); the number of lot pages."""
    out.mkdir(parents=True, exist_ok=True)
    for old in ("l", "01"):
        if (out / old).is_dir():
            shutil.rmtree(out / old)
    (out / "style.css").write_text(STYLE, encoding="utf-8")
    (out / "404.html").write_text(REDIRECT, encoding="utf-8")
    (out / "nginx.conf").write_text(NGINX, encoding="utf-8")
    (out / "index.html").write_text(index_page(site), encoding="utf-8")
    pages = 0
    for lot in site.lots:
        for relative in lot_paths(lot):
            folder = out / relative
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.html").write_text(lot_page(site, lot, len(relative.parts)),
                                               encoding="utf-8")
            pages += 1
    return pages
