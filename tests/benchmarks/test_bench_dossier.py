"""The dossier benchmark's own parts on a tiny cooperative: the generated database holds a year
of inspections and a certificate covering every household, the baseline PDF holds the same rows
as the dossier's tables, and the ratios are the dossier's figures over the baseline's."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf

from benchmarks.bench_dossier import compare, dump_tables, make_database, run_baseline, table


def test_the_database_the_tables_and_the_baseline_agree(tmp_path: Path) -> None:
    database = tmp_path / "dossier.sqlite"
    summary = make_database(database, members=8)
    assert summary["inspections"] == 8
    rows = dump_tables(database, tmp_path / "tables.json")
    assert rows["members"] == 8 and rows["inspections"] == 8  # every household in scope
    assert rows["harvests"] > 0 and rows["inputs"] > 0
    assert rows["lots"] > 0 and rows["sales"] > 0 and rows["labels"] > 0  # 12 months in scope
    tables = json.loads((tmp_path / "tables.json").read_text(encoding="utf-8"))
    assert sum(len(entry["rows"]) for entry in tables) == sum(rows.values())
    report = run_baseline(tmp_path / "tables.json", tmp_path / "baseline.pdf")
    assert report["rows"] == sum(rows.values())
    reader = pypdf.PdfReader(tmp_path / "baseline.pdf")
    assert len(reader.pages) == report["pages"] >= 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    first_member = next(entry for entry in tables if entry["header"][0] == "社员编号")
    assert first_member["rows"][0][0] in text


def test_ratios_are_the_dossier_over_the_baseline() -> None:
    dossier = {"engine": "dossier", "seconds": 6.0, "render_seconds": 4.0, "pages": 30,
               "rows": 100, "peak_mib": 200.0, "bytes": 2**20}
    baseline = {"engine": "baseline", "seconds": 2.0, "render_seconds": 1.0, "pages": 20,
                "rows": 100, "peak_mib": 80.0, "bytes": 2**19}
    ratios = compare(dossier, baseline)
    assert ratios == {"time": 3.0, "render_time": 4.0, "pages": 1.5, "peak_memory": 2.5}
    printed = table([dossier, baseline], ratios)
    assert "time 3.0x" in printed and "peak memory 2.5x" in printed
