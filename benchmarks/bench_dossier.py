"""The certification dossier of a cooperative of 500 member households over 12 months, against
plain reportlab tables holding the same rows, in the same run.

    .venv/bin/python benchmarks/bench_dossier.py [--members 500] [--repeat 1] [--keep DIR]

A temporary SQLite file is generated with ``benchmarks/generate.py`` for one season, 2025
(member households, plots, planting batches with their field records, harvests, deliveries, lots
with splits and merges, quality tests, labels and shipments, all bulk-inserted), then one internal
inspection per household in the dossier's year and an organic certificate whose scope is every
product and every plot (so every household) are added. The dossier covers that year.

Two child processes are measured, each started by a fresh watcher process that reports the
wall time and the child's peak resident memory (``ru_maxrss`` of its children):

- **dossier**: ``build_dossier`` (the queries, the gaps, the timed mock recall) and
  ``write_dossier_pdf`` (cover, contents, bookmarks, wrapped cells, a vector chart, "page x of
  y", PDF/A-2b), as ``coop-desktop dossier`` does;
- **baseline**: the same tables' rows, read from a JSON dump, put straight into reportlab
  ``LongTable``s (header repeated, the same embedded CJK font, plain string cells) in a
  ``SimpleDocTemplate``: no cover, contents, charts, wrapping or PDF/A.

It prints a table and writes ``benchmarks/out/dossier.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: the checkout's packages
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
YEAR = 2025  # the generator's second season: the dossier's 12 months
CERTIFICATE = "BENCH-OC-2025"
ENGINES = ("dossier", "baseline")


def period() -> tuple[dt.date, dt.date]:
    return dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)


def make_database(out: Path, members: int, seed: int = 1) -> dict[str, Any]:
    """Generate the cooperative into ``out`` (a new file), add a year of internal inspections
    and the certificate covering everything; the generator's summary."""
    from sqlalchemy import insert, select

    from benchmarks import generate as generator
    from coop_desktop.domain.models import InternalInspection, Member, Plot, Product, RiskLevel
    from coop_desktop.services.certifications import record_certification
    from coop_desktop.services.permissions import SYSTEM
    from coop_desktop.storage.database import Database

    # Eight lots and forty labels a household; the generator's deep chain needs a floor.
    sizes = generator.Sizes(members=members, plots=members * 2, lots=max(members * 8, 200),
                            labels=max(members * 40, 200))
    seasons = generator.SEASONS
    # One season: 12 months of records, all inside the period (the module declares two).
    generator.SEASONS = (YEAR,)  # type: ignore[assignment]
    try:
        summary = generator.generate(out, sizes, seed)
    finally:
        generator.SEASONS = seasons
    db = Database.open(str(out))
    try:
        with db.read() as session:
            products = list(session.execute(select(Product.id)).scalars())
            plots = list(session.execute(select(Plot.id)).scalars())
            member_ids = list(session.execute(select(Member.id).order_by(Member.id)).scalars())
        start, end = period()
        record_certification(db, SYSTEM, scheme="organic", number=CERTIFICATE,
                             certifier="南京国环有机产品认证中心", valid_from=start,
                             valid_until=end, product_ids=products, plot_ids=plots)
        risks = (RiskLevel.LOW, RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH)
        with db.engine.begin() as connection:
            connection.execute(insert(InternalInspection), [
                {"code": f"NJ{YEAR}-{number:04d}", "member_id": member_id, "version": 1,
                 "inspected_on": start + dt.timedelta(days=60 + number % 240),
                 "inspector": "内检员王建国", "risk": risks[number % len(risks)],
                 "summary": "投入品记录齐全，未发现违规使用。"}
                for number, member_id in enumerate(member_ids, start=1)])
    finally:
        db.dispose()
    summary["inspections"] = len(member_ids)
    return summary


def dump_tables(database: Path, out: Path) -> dict[str, int]:
    """The dossier's tables (title, header, rows) as JSON for the baseline; rows per table."""
    from coop_desktop.services.dossier import build_dossier
    from coop_desktop.services.permissions import SYSTEM
    from coop_desktop.storage.database import Database

    db = Database.open(str(database))
    try:
        start, end = period()
        dossier = build_dossier(db, SYSTEM, start=start, end=end, certificate=CERTIFICATE)
    finally:
        db.dispose()
    tables = [{"title": table.zh, "header": [column.zh for column in table.columns],
               "rows": table.rows} for table in dossier.tables()]
    out.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    return {table.key: len(table.rows) for table in dossier.tables()}


def run_dossier(database: Path, out: Path) -> dict[str, Any]:
    """The program's way: gather the dossier from the database and write its PDF."""
    from coop_desktop.reports.dossier_pdf import write_dossier_pdf
    from coop_desktop.services.dossier import build_dossier
    from coop_desktop.services.permissions import SYSTEM
    from coop_desktop.storage.database import Database

    began = time.perf_counter()
    db = Database.open(str(database))
    try:
        start, end = period()
        dossier = build_dossier(db, SYSTEM, start=start, end=end, certificate=CERTIFICATE)
    finally:
        db.dispose()
    gathered = time.perf_counter()
    pages = write_dossier_pdf(dossier, out, "zh")
    return {"pages": pages, "gather_seconds": round(gathered - began, 3),
            "render_seconds": round(time.perf_counter() - gathered, 3),
            "rows": sum(len(table.rows) for table in dossier.tables()),
            "gaps": len(dossier.gaps)}


def run_baseline(tables_json: Path, out: Path) -> dict[str, Any]:
    """Plain reportlab: each table's rows in a LongTable with its header repeated."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

    from coop_desktop.labels.pdf import FONT_NAME, register_font

    began = time.perf_counter()
    tables = json.loads(tables_json.read_text(encoding="utf-8"))
    register_font()
    title = ParagraphStyle("title", fontName=FONT_NAME, fontSize=12, leading=16)
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
                        ("FONTSIZE", (0, 0), (-1, -1), 7),
                        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)])
    story: list[Any] = []
    for table in tables:
        story.append(Paragraph(table["title"], title))
        if table["rows"]:
            story.append(LongTable([table["header"], *table["rows"]], repeatRows=1,
                                   style=style))
    document = SimpleDocTemplate(str(out), pagesize=landscape(A4), leftMargin=12 * mm,
                                 rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm)
    document.build(story)
    return {"pages": document.page, "render_seconds": round(time.perf_counter() - began, 3),
            "rows": sum(len(table["rows"]) for table in tables), "gaps": None}


def run_engine(engine: str, source: Path, out: Path) -> dict[str, Any]:
    return run_dossier(source, out) if engine == "dossier" else run_baseline(source, out)


def watch(engine: str, source: Path, out: Path) -> None:
    """In the watcher: run the engine as a child and print its time, peak memory and report."""
    report = out.with_suffix(".json")
    began = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--engine", engine, "--source", str(source),
                    "--out", str(out)], check=True)
    seconds = time.perf_counter() - began
    print(json.dumps({"seconds": seconds,
                      "peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                      **json.loads(report.read_text(encoding="utf-8"))}))


def measure(engine: str, source: Path, work: Path) -> dict[str, Any]:
    """One run of ``engine`` in a child of a fresh watcher: wall time, peak MiB, pages."""
    out = work / f"{engine}.pdf"
    watched = subprocess.run([sys.executable, __file__, "--watch", engine, "--source",
                              str(source), "--out", str(out)],
                             check=True, capture_output=True, text=True)
    result = json.loads(watched.stdout.strip().splitlines()[-1])
    return {"engine": engine, "seconds": round(result.pop("seconds"), 3),
            "peak_mib": round(result.pop("peak_kib") / 1024, 1), "bytes": out.stat().st_size,
            **result}


def compare(dossier: dict[str, Any], baseline: dict[str, Any]) -> dict[str, float]:
    """The dossier's figures over the baseline's."""
    return {"time": round(dossier["seconds"] / baseline["seconds"], 2),
            "render_time": round(dossier["render_seconds"] / baseline["render_seconds"], 2),
            "pages": round(dossier["pages"] / baseline["pages"], 2),
            "peak_memory": round(dossier["peak_mib"] / baseline["peak_mib"], 2)}


def table(results: list[dict[str, Any]], ratios: dict[str, float]) -> str:
    lines = [f"{'engine':>9} {'seconds':>8} {'render s':>9} {'pages':>6} {'rows':>7} "
             f"{'peak MiB':>9} {'MiB PDF':>8}"]
    for result in results:
        lines.append(f"{result['engine']:>9} {result['seconds']:>8.2f} "
                     f"{result['render_seconds']:>9.2f} {result['pages']:>6} "
                     f"{result['rows']:>7} {result['peak_mib']:>9.1f} "
                     f"{result['bytes'] / 2**20:>8.2f}")
    lines.append(f"dossier/baseline: time {ratios['time']}x (render only "
                 f"{ratios['render_time']}x), pages {ratios['pages']}x, peak memory "
                 f"{ratios['peak_memory']}x")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the database and PDFs in this folder")
    parser.add_argument("--engine", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--watch", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--source", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        report = run_engine(args.engine, args.source, args.out)
        args.out.with_suffix(".json").write_text(json.dumps(report), encoding="utf-8")
        return 0
    if args.watch:
        watch(args.watch, args.source, args.out)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        work = args.keep or Path(folder)
        work.mkdir(parents=True, exist_ok=True)
        database = work / "dossier.sqlite"
        database.unlink(missing_ok=True)
        for extra in (database.with_name(database.name + ".json"),):
            extra.unlink(missing_ok=True)
        began = time.perf_counter()
        summary = make_database(database, args.members)
        generated = round(time.perf_counter() - began, 1)
        rows = dump_tables(database, work / "tables.json")
        print(f"generated {args.members} households in {generated} s: "
              f"{summary['counts'].get('lots', 0)} lots, "
              f"{summary['counts'].get('field_activities', 0)} field activities; "
              f"dossier rows {sum(rows.values())}", flush=True)
        runs: dict[str, list[dict[str, Any]]] = {engine: [] for engine in ENGINES}
        for _ in range(args.repeat):
            runs["dossier"].append(measure("dossier", database, work))
            runs["baseline"].append(measure("baseline", work / "tables.json", work))
        results = [dict(runs[engine][-1], seconds=statistics.median(
            run["seconds"] for run in runs[engine])) for engine in ENGINES]
        if results[0]["rows"] != results[1]["rows"]:
            print(f"*** MISMATCH *** rows: dossier {results[0]['rows']}, "
                  f"baseline {results[1]['rows']}", file=sys.stderr)
            return 1
        ratios = compare(results[0], results[1])
        print(table(results, ratios))
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "dossier.json").write_text(json.dumps({
            "machine": platform.platform(), "cpus": os.cpu_count(),
            "members": args.members, "year": YEAR, "generate_seconds": generated,
            "counts": summary["counts"], "inspections": summary["inspections"],
            "table_rows": rows, "results": results, "ratios": ratios,
            "runs": runs}, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
