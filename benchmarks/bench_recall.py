"""Recall benchmark: ``recall()`` and its PDF + CSV report on the large database, against the
hand-written recursive SQL that counts the same lots (``bench_trace.baseline_counts``).

    .venv/bin/python benchmarks/bench_recall.py [--large FILE] [--repeat 5]

Uses (and generates when missing) ``benchmarks/out/large.sqlite`` of ``bench_trace.py``. For the
deep chain's root (every lot made from it, 64 generations forward) and its middle lot, times in the
same run, alternately: the recall search, the search plus writing the PDF and the CSV, and the
baseline. Checks that the recall finds as many lots as the baseline does forward. Medians and
ratios to ``benchmarks/out/recall.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: the checkout's packages
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_trace import OUT_DIR, baseline_counts, ensure_database
from coop_desktop.reports.recall_report import write_csv, write_pdf
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.recall import recall
from coop_desktop.storage.database import Database

ROLES = ("root", "middle")


def _ms(began: float) -> float:
    return (time.perf_counter() - began) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large", type=Path, default=OUT_DIR / "large.sqlite")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    summary = ensure_database(args.large, 1.0, lambda message: print(message, flush=True))
    db = Database.open(str(args.large))
    results: dict[str, Any] = {}
    try:
        with tempfile.TemporaryDirectory() as folder:
            for role in ROLES:
                code = summary["deep"][role]
                found = recall(db, SYSTEM, code)
                counts = baseline_counts(args.large, code)
                if len(found.lots) != counts["lots_forward"] + 1:
                    print(f"MISMATCH {code}: recall {len(found.lots)} lots, baseline "
                          f"{counts['lots_forward'] + 1}", file=sys.stderr)
                    return 1
                search, report, baseline = [], [], []
                for _ in range(args.repeat):
                    began = time.perf_counter()
                    result = recall(db, SYSTEM, code)
                    search.append(_ms(began))
                    write_pdf(result, Path(folder) / "recall.pdf")
                    write_csv(result, Path(folder) / "recall.csv")
                    report.append(_ms(began))
                    began = time.perf_counter()
                    baseline_counts(args.large, code)
                    baseline.append(_ms(began))
                row = {"code": code, "lots": len(found.lots), "packages": len(found.packages),
                       "shipments": len(found.shipments),
                       "search_ms": round(statistics.median(search), 2),
                       "search_and_report_ms": round(statistics.median(report), 2),
                       "baseline_ms": round(statistics.median(baseline), 2)}
                row["search_over_baseline"] = round(row["search_ms"] / row["baseline_ms"], 2)
                results[role] = row
                print(f"{role:>6} {code}: {row['lots']} lots, {row['packages']} labels — "
                      f"search {row['search_ms']} ms, with PDF+CSV "
                      f"{row['search_and_report_ms']} ms, baseline {row['baseline_ms']} ms "
                      f"(×{row['search_over_baseline']})")
    finally:
        db.dispose()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "recall.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
