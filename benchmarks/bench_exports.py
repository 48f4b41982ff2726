"""Export benchmark: the EPCIS 2.0 document of a period on the large generated database,
against plain ``json.dumps`` of the same rows read with one SQL query each.

    python benchmarks/bench_exports.py [--large FILE] [--from 2025-08-01] [--to 2025-08-31]
                                       [--repeat 3]

Uses ``benchmarks/out/large.sqlite`` (generated at the default sizes by ``bench_trace``'s
``ensure_database`` when missing). Each run, alternately:

- **export**: ``coop_desktop.services.exports.gather`` for the period (role check, a session,
  the commissioned lots and their sources, transformations, labels, shipment lines, cold-chain
  logs, the lots' rows), then ``reports.epcis.epcis_document`` and ``json.dumps`` of it — what
  ``coop-desktop export epcis`` does, without the disk;
- **baseline**: a raw ``sqlite3`` connection, one SELECT per kind of row over the same tables
  and the same period, and ``json.dumps`` of the rows as they come (no events, no URIs).

Both must find the same numbers of commissioned lots, sources, lot links, labels, shipment
lines and lots (exit status 1 and a loud message when not: a bug in one of them). Prints the
medians and the ratio export/baseline; writes them to ``benchmarks/out/exports.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sqlite3
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the checkout's packages
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_trace import OUT_DIR, ensure_database
from coop_desktop.reports.epcis import epcis_document
from coop_desktop.services.exports import ExportData, gather
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database

#: One statement per kind of row; ``:start`` and ``:end`` are the period's days, ``:low`` and
#: ``:high`` the same days as UTC moments (labels are stamped in UTC, days are local, UTC+8).
BASELINE_SQL: dict[str, str] = {
    "commissioned": """
        SELECT id, coalesce(pack_date, harvest_date) AS day FROM lots
        WHERE id IN (SELECT lot_id FROM lot_sources)
          AND coalesce(pack_date, harvest_date) BETWEEN :start AND :end""",
    "sources": """
        SELECT s.lot_id, s.quantity, h.harvested_on, d.code, d.delivered_on, b.code,
               p.code, p.name, p.village
        FROM lot_sources s JOIN lots l ON l.id = s.lot_id
        LEFT JOIN harvests h ON h.id = s.harvest_id
        LEFT JOIN member_deliveries d ON d.id = s.delivery_id
        LEFT JOIN planting_batches b ON b.id = coalesce(h.batch_id, d.batch_id)
        LEFT JOIN plots p ON p.id = b.plot_id
        WHERE coalesce(l.pack_date, l.harvest_date) BETWEEN :start AND :end""",
    "links": """
        SELECT t.id, t.kind, t.occurred_on, t.loss_quantity, k.parent_lot_id, k.child_lot_id,
               k.quantity
        FROM transformations t JOIN lot_links k ON k.transformation_id = t.id
        WHERE t.occurred_on BETWEEN :start AND :end""",
    "labels": """
        SELECT lot_id, serial, net_weight, printed_at FROM packages
        WHERE status = 'printed' AND printed_at >= :low AND printed_at < :high""",
    "shipment_lines": """
        SELECT l.id, l.lot_id, l.quantity, s.code, s.shipped_on, c.code, c.name, c.address,
               p.serial
        FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id
        JOIN customers c ON c.id = s.customer_id
        LEFT JOIN packages p ON p.id = l.package_id
        WHERE s.shipped_on BETWEEN :start AND :end""",
    "temperatures": """
        SELECT t.shipment_id, t.recorded_at, t.celsius FROM shipment_temperatures t
        WHERE t.shipment_id IN (
            SELECT id FROM shipments WHERE shipped_on BETWEEN :start AND :end)""",
    "lots": """
        WITH wanted(id) AS (
            SELECT id FROM lots WHERE id IN (SELECT lot_id FROM lot_sources)
              AND coalesce(pack_date, harvest_date) BETWEEN :start AND :end
            UNION SELECT k.parent_lot_id FROM lot_links k
              JOIN transformations t ON t.id = k.transformation_id
              WHERE t.occurred_on BETWEEN :start AND :end
            UNION SELECT k.child_lot_id FROM lot_links k
              JOIN transformations t ON t.id = k.transformation_id
              WHERE t.occurred_on BETWEEN :start AND :end
            UNION SELECT lot_id FROM packages
              WHERE status = 'printed' AND printed_at >= :low AND printed_at < :high
            UNION SELECT l.lot_id FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id
              WHERE s.shipped_on BETWEEN :start AND :end)
        SELECT l.id, l.code, p.code, p.name_zh, p.name_en, p.variety, p.gtin, l.quantity,
               l.unit, l.grade, l.harvest_date, l.pack_date, l.best_before
        FROM lots l JOIN products p ON p.id = l.product_id WHERE l.id IN (SELECT id FROM wanted)""",
}


def _parameters(start: dt.date, end: dt.date) -> dict[str, str]:
    china = dt.timezone(dt.timedelta(hours=8))
    low = dt.datetime.combine(start, dt.time(), china).astimezone(dt.UTC)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), china).astimezone(dt.UTC)
    stamp = "%Y-%m-%d %H:%M:%S.%f"
    return {"start": start.isoformat(), "end": end.isoformat(),
            "low": low.strftime(stamp), "high": high.strftime(stamp)}


def baseline(path: Path, start: dt.date, end: dt.date) -> tuple[str, dict[str, int]]:
    """The same rows, one query each, dumped as they come; and how many of each."""
    connection = sqlite3.connect(str(path))
    try:
        parameters = _parameters(start, end)
        rows = {name: connection.execute(sql, parameters).fetchall()
                for name, sql in BASELINE_SQL.items()}
    finally:
        connection.close()
    return json.dumps(rows, ensure_ascii=False, default=str), {
        name: len(found) for name, found in rows.items()}


def export(db: Database, start: dt.date, end: dt.date) -> tuple[str, ExportData]:
    data = gather(db, SYSTEM, start=start, end=end)
    return json.dumps(epcis_document(data), ensure_ascii=False), data


def export_counts(data: ExportData) -> dict[str, int]:
    return {
        "commissioned": len(data.commissionings),
        "sources": sum(len(item.sources) for item in data.commissionings),
        "links": _links(data),
        "labels": sum(len(packing.serials) for packing in data.packings),
        "shipment_lines": len(data.shipments),
        "lots": len(data.lots),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large", type=Path, default=OUT_DIR / "large.sqlite")
    parser.add_argument("--from", dest="start", type=dt.date.fromisoformat,
                        default=dt.date(2025, 8, 1))
    parser.add_argument("--to", dest="end", type=dt.date.fromisoformat,
                        default=dt.date(2025, 8, 31))
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (median)")
    parser.add_argument("--json", type=Path, default=OUT_DIR / "exports.json")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, flush=True)

    summary = ensure_database(args.large, 1.0, log)
    db = Database.open(str(args.large))
    try:
        document, data = export(db, args.start, args.end)  # warm-up, and the counts
        dumped, counts = baseline(args.large, args.start, args.end)
        found = export_counts(data)
        wrong = {name: (found[name], counts[name]) for name in found
                 if found[name] != counts[name]}
        if wrong:
            print(f"*** MISMATCH *** export and baseline disagree: {wrong}", file=sys.stderr)
            return 1
        events = len(json.loads(document)["epcisBody"]["eventList"])
        log(f"{args.start} – {args.end}: {len(data.lots)} lots, {events} events, "
            f"{counts['labels']} labels; document {len(document.encode()) / 1e6:.1f} MB, "
            f"baseline {len(dumped.encode()) / 1e6:.1f} MB")
        export_s: list[float] = []
        baseline_s: list[float] = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            export(db, args.start, args.end)
            export_s.append(time.perf_counter() - began)
            began = time.perf_counter()
            baseline(args.large, args.start, args.end)
            baseline_s.append(time.perf_counter() - began)
    finally:
        db.dispose()
    export_median, baseline_median = statistics.median(export_s), statistics.median(baseline_s)
    ratio = round(export_median / baseline_median, 2)
    print(f"\n{'':<10}{'median s':>10}  runs")
    print(f"{'export':<10}{export_median:>10.2f}  {', '.join(f'{s:.2f}' for s in export_s)}")
    print(f"{'baseline':<10}{baseline_median:>10.2f}  "
          f"{', '.join(f'{s:.2f}' for s in baseline_s)}")
    print(f"export/baseline {ratio}")
    output = {
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "period": [args.start.isoformat(), args.end.isoformat()],
        "repeat": args.repeat,
        "machine": {"platform": platform.platform(), "python": platform.python_version(),
                    "sqlite": sqlite3.sqlite_version},
        "database": {"path": str(args.large), "sizes": summary["sizes"]},
        "counts": {**counts, "events": events},
        "export_s": [round(value, 3) for value in export_s],
        "baseline_s": [round(value, 3) for value in baseline_s],
        "export_over_baseline": ratio,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(output, indent=1) + "\n", encoding="utf-8")
    print(f"written {args.json}")
    return 0


def _links(data: ExportData) -> int:
    """Lot links of the period's steps: one per (input, output) pair of a step."""
    return sum(len(step.inputs) * len(step.outputs) for step in data.transformations)


if __name__ == "__main__":
    sys.exit(main())
