"""Trace benchmark: ``trace()`` of the deep lots against a hand-written recursive SQL baseline.

    python benchmarks/bench_trace.py [--large FILE] [--small FILE] [--repeat 5] [--profile]

Generates ``benchmarks/out/large.sqlite`` (default sizes) and ``benchmarks/out/small.sqlite``
(scale 0.01) when they are missing, then on each database and for each lot of the deep chain
(its deepest leaf, its middle and its root) times ``coop_desktop.services.trace.trace`` and
``baseline_counts`` — one raw sqlite3 ``WITH RECURSIVE`` statement walking ``lot_links`` both
ways and counting what hangs off the lots — in the same run, alternately, and checks that both
find the same numbers of lots, harvests, plots, members, inputs, labels, shipments and customers
(exit status 1 and a loud message when they do not: a bug in one of them). Prints medians and the
ratios trace/baseline and large/small; writes them to ``benchmarks/out/trace.json``.
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: the checkout's packages
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import DEFAULT_SIZES, generate, summary_path
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.trace import TraceResult, trace
from coop_desktop.storage.database import Database

OUT_DIR = Path(__file__).resolve().parent / "out"
SMALL_SCALE = 0.01
#: The lots timed: the chain's deepest leaf, its middle, its root, and the leaf again scanned
#: from one of its labels (the highest serials: a label lookup that scans reads them all).
ROLES = ("leaf", "middle", "root", "label")

#: Everything the trace reports a count of, found with one statement. ``origin`` is the lot of
#: that code, else the lot of the label with that serial (found through the unique index on
#: cooperative and serial); ``back`` and ``fwd`` walk the lot links both ways; ``up`` (origin +
#: back) leads to sources, harvests, deliveries, batches, plots and members; ``down`` (origin +
#: fwd) to labels and shipments. The same rules as the trace service: members through plots,
#: deliveries and animals; every field-record entry of the batches counts as an input; quality
#: records of any traced lot or of the batches.
BASELINE_SQL = """
WITH RECURSIVE
origin(id) AS MATERIALIZED (
    SELECT id FROM lots WHERE code = :code
    UNION ALL
    SELECT p.lot_id FROM packages p
    WHERE p.cooperative_id = (SELECT min(id) FROM cooperatives) AND p.serial = :serial
      AND NOT EXISTS (SELECT 1 FROM lots WHERE code = :code)),
back(id) AS (
    SELECT k.parent_lot_id FROM lot_links k JOIN origin o ON k.child_lot_id = o.id
    UNION
    SELECT k.parent_lot_id FROM lot_links k JOIN back b ON k.child_lot_id = b.id),
fwd(id) AS (
    SELECT k.child_lot_id FROM lot_links k JOIN origin o ON k.parent_lot_id = o.id
    UNION
    SELECT k.child_lot_id FROM lot_links k JOIN fwd f ON k.parent_lot_id = f.id),
up(id) AS MATERIALIZED (SELECT id FROM origin UNION SELECT id FROM back),
down(id) AS MATERIALIZED (SELECT id FROM origin UNION SELECT id FROM fwd),
src AS MATERIALIZED (
    SELECT s.harvest_id, s.delivery_id, s.animal_id
    FROM lot_sources s JOIN up u ON s.lot_id = u.id),
hv AS MATERIALIZED (
    SELECT h.id, h.batch_id FROM harvests h WHERE h.id IN (SELECT harvest_id FROM src)),
dl AS MATERIALIZED (
    SELECT d.id, d.batch_id, d.member_id FROM member_deliveries d
    WHERE d.id IN (SELECT delivery_id FROM src)),
bt AS MATERIALIZED (
    SELECT b.id, b.plot_id FROM planting_batches b JOIN products p ON p.id = b.product_id
    WHERE b.id IN (SELECT batch_id FROM hv UNION SELECT batch_id FROM dl)),
pl AS MATERIALIZED (
    SELECT p.id, p.member_id FROM plots p WHERE p.id IN (SELECT plot_id FROM bt)),
mb AS MATERIALIZED (
    SELECT m.id FROM members m WHERE m.id IN (
        SELECT member_id FROM pl
        UNION SELECT member_id FROM dl
        UNION SELECT a.owner_member_id FROM animals a
              WHERE a.id IN (SELECT animal_id FROM src))),
sl AS MATERIALIZED (
    SELECT l.id, l.shipment_id, s.customer_id
    FROM shipment_lines l
    JOIN shipments s ON s.id = l.shipment_id
    JOIN customers c ON c.id = s.customer_id
    WHERE l.lot_id IN (SELECT id FROM down))
SELECT
    (SELECT count(*) FROM back WHERE id NOT IN (SELECT id FROM origin)) AS lots_backward,
    (SELECT count(*) FROM fwd WHERE id NOT IN (SELECT id FROM up)) AS lots_forward,
    (SELECT count(*) FROM hv) AS harvests,
    (SELECT count(*) FROM dl) AS deliveries,
    (SELECT count(*) FROM bt) AS batches,
    (SELECT count(*) FROM pl) AS plots,
    (SELECT count(*) FROM mb) AS members,
    (SELECT count(*) FROM field_activities f WHERE f.batch_id IN (SELECT id FROM bt)) AS inputs,
    (SELECT count(*) FROM quality_records q
     WHERE q.lot_id IN (SELECT id FROM up UNION SELECT id FROM down)
        OR q.batch_id IN (SELECT id FROM bt)) AS quality,
    (SELECT count(*) FROM packages p WHERE p.lot_id IN (SELECT id FROM down)) AS packages,
    (SELECT count(*) FROM sl) AS shipment_lines,
    (SELECT count(DISTINCT shipment_id) FROM sl) AS shipments,
    (SELECT count(DISTINCT customer_id) FROM sl) AS customers
"""


def baseline_counts(path: Path | str, lot_code: str) -> dict[str, int]:
    """What a trace of ``lot_code`` (a lot code, or a label serial in digits) must find,
    counted by one recursive SQL statement on a fresh connection (as the program's engine opens
    one per session)."""
    code = lot_code.strip().upper()
    serial = int(code) if code.isdigit() else -1
    connection = sqlite3.connect(str(path))
    try:
        cursor = connection.execute(BASELINE_SQL, {"code": code, "serial": serial})
        row = cursor.fetchone()
        return {column[0]: int(value) for column, value in zip(cursor.description, row,
                                                                 strict=True)}
    finally:
        connection.close()


def trace_counts(result: TraceResult) -> dict[str, int]:
    """The same numbers, read off a trace result."""
    return {
        "lots_backward": sum(1 for lot in result.lots if lot.direction == "backward"),
        "lots_forward": sum(1 for lot in result.lots if lot.direction == "forward"),
        "harvests": len(result.harvests),
        "deliveries": len(result.deliveries),
        "batches": len(result.batches),
        "plots": len(result.plots),
        "members": len(result.members),
        "inputs": len(result.inputs),
        "quality": len(result.quality),
        "packages": len(result.packages),
        "shipment_lines": len(result.shipments),
        "shipments": len({line["code"] for line in result.shipments}),
        "customers": len(result.customers),
    }


def differences(traced: dict[str, int], baseline: dict[str, int]) -> dict[str, tuple[int, int]]:
    return {key: (traced.get(key, -1), baseline.get(key, -1))
            for key in sorted(set(traced) | set(baseline))
            if traced.get(key) != baseline.get(key)}


class Mismatch(Exception):
    pass


def ensure_database(path: Path, scale: float, log: Callable[[str], None]) -> dict[str, Any]:
    """The summary of ``path``, generating the database first when it is missing."""
    if not path.exists():
        log(f"generating {path} (scale {scale})")
        sizes = DEFAULT_SIZES if scale == 1.0 else DEFAULT_SIZES.scaled(scale)
        return generate(path, sizes, log=log)
    summary_file = summary_path(path)
    if not summary_file.exists():
        raise SystemExit(f"{path} has no {summary_file.name}: delete it to regenerate it")
    summary: dict[str, Any] = json.loads(summary_file.read_text(encoding="utf-8"))
    return summary


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    began = time.perf_counter()
    value = call()
    return (time.perf_counter() - began) * 1000, value


def measure(path: Path, codes: dict[str, str], repeat: int,
            log: Callable[[str], None]) -> dict[str, Any]:
    """Per lot: one warm-up of each, then ``repeat`` runs of each, alternating."""
    db = Database.open(str(path))
    results: dict[str, Any] = {}
    try:
        for role, code in codes.items():
            traced = trace_counts(trace(db, SYSTEM, code))
            baseline = baseline_counts(path, code)
            wrong = differences(traced, baseline)
            if wrong:
                raise Mismatch(f"{path.name} {code}: trace and baseline disagree "
                               + ", ".join(f"{key}: trace {a} baseline {b}"
                                           for key, (a, b) in wrong.items()))
            trace_ms: list[float] = []
            baseline_ms: list[float] = []
            for _ in range(repeat):
                elapsed, _result = _timed(partial(trace, db, SYSTEM, code))
                trace_ms.append(elapsed)
                elapsed, _counts = _timed(partial(baseline_counts, path, code))
                baseline_ms.append(elapsed)
            trace_median = statistics.median(trace_ms)
            baseline_median = statistics.median(baseline_ms)
            results[role] = {
                "code": code, "counts": traced,
                "trace_ms": [round(value, 3) for value in trace_ms],
                "baseline_ms": [round(value, 3) for value in baseline_ms],
                "trace_median_ms": round(trace_median, 3),
                "baseline_median_ms": round(baseline_median, 3),
                "trace_over_baseline": round(trace_median / baseline_median, 2)}
            log(f"  {path.name} {code}: trace {trace_median:.1f} ms, baseline "
                f"{baseline_median:.1f} ms ({traced['lots_backward']} lots back, "
                f"{traced['lots_forward']} forward)")
    finally:
        db.dispose()
    return results


@contextmanager
def statement_timer(db: Database) -> Iterator[list[tuple[float, str]]]:
    """Every SQL statement the engine runs inside the block, with its time in ms."""
    from sqlalchemy import event

    timings: list[tuple[float, str]] = []
    started: list[float] = []

    def before(*_args: Any) -> None:
        started.append(time.perf_counter())

    def after(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        timings.append(((time.perf_counter() - started.pop()) * 1000, statement))

    event.listen(db.engine, "before_cursor_execute", before)
    event.listen(db.engine, "after_cursor_execute", after)
    try:
        yield timings
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
        event.remove(db.engine, "after_cursor_execute", after)


def profile(path: Path, code: str) -> None:
    """Where one trace spends its time: the slowest statements, then cProfile's top entries."""
    import cProfile
    import pstats

    db = Database.open(str(path))
    try:
        trace(db, SYSTEM, code)
        with statement_timer(db) as timings:
            elapsed, _ = _timed(lambda: trace(db, SYSTEM, code))
        in_sql = sum(ms for ms, _ in timings)
        print(f"\nprofile of trace({code}) on {path.name}: {elapsed:.1f} ms, "
              f"{len(timings)} statements taking {in_sql:.1f} ms")
        for ms, statement in sorted(timings, reverse=True)[:8]:
            print(f"  {ms:8.2f} ms  {' '.join(statement.split())[:150]}")
        profiler = cProfile.Profile()
        profiler.runcall(trace, db, SYSTEM, code)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)
    finally:
        db.dispose()


def _ratio(large: float, small: float) -> float:
    return round(large / small, 2) if small else float("nan")


def report(measured: dict[str, dict[str, Any]]) -> dict[str, Any]:
    print()
    print(f"{'database':<10}{'traced':<22}{'lots back/fwd':>14}{'trace ms':>11}"
          f"{'baseline ms':>13}{'trace/baseline':>16}")
    for name, per_role in measured.items():
        for role, values in per_role.items():
            counts = values["counts"]
            lots = f"{counts['lots_backward']}/{counts['lots_forward']}"
            print(f"{name:<10}{role + ' ' + values['code']:<22}{lots:>14}"
                  f"{values['trace_median_ms']:>11.2f}{values['baseline_median_ms']:>13.2f}"
                  f"{values['trace_over_baseline']:>16.2f}")
    ratios: dict[str, Any] = {}
    if "large" in measured and "small" in measured:
        print()
        print(f"{'large/small':<32}{'trace':>10}{'baseline':>10}")
        for role in measured["large"]:
            large, small = measured["large"][role], measured["small"][role]
            ratios[role] = {
                "code": large["code"],
                "trace": _ratio(large["trace_median_ms"], small["trace_median_ms"]),
                "baseline": _ratio(large["baseline_median_ms"], small["baseline_median_ms"])}
            print(f"{role + ' ' + large['code']:<32}{ratios[role]['trace']:>10.2f}"
                  f"{ratios[role]['baseline']:>10.2f}")
    return ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large", type=Path, default=OUT_DIR / "large.sqlite",
                        help="the large database (generated at the default sizes if missing)")
    parser.add_argument("--small", type=Path, default=OUT_DIR / "small.sqlite",
                        help=f"the small database (generated at scale {SMALL_SCALE} if missing)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per lot (median)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile one trace of the slowest lot on the large database")
    parser.add_argument("--json", type=Path, default=OUT_DIR / "trace.json",
                        help="where to write the results")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, flush=True)

    databases = {"large": (args.large, 1.0), "small": (args.small, SMALL_SCALE)}
    summaries = {name: ensure_database(path, scale, log)
                 for name, (path, scale) in databases.items()}
    measured: dict[str, dict[str, Any]] = {}
    try:
        for name, (path, _) in databases.items():
            codes = {role: summaries[name]["deep"][role] for role in ROLES}
            log(f"timing {name}: {path}")
            measured[name] = measure(path, codes, args.repeat, log)
    except Mismatch as error:
        print(f"\n*** MISMATCH *** {error}\n*** one of trace() and baseline_counts() is wrong",
              file=sys.stderr)
        return 1
    ratios = report(measured)
    if args.profile:
        slowest = max(measured["large"].values(), key=lambda values: values["trace_median_ms"])
        profile(args.large, slowest["code"])
    output = {
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "repeat": args.repeat,
        "machine": {"platform": platform.platform(), "python": platform.python_version(),
                    "sqlite": sqlite3.sqlite_version, "processor": platform.machine()},
        "databases": {name: {"path": str(path), "sizes": summaries[name]["sizes"],
                             "counts": summaries[name]["counts"],
                             "generation_seconds": summaries[name]["seconds"],
                             "lots": measured[name]}
                      for name, (path, _) in databases.items()},
        "large_over_small": ratios,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(output, ensure_ascii=False, indent=1) + "\n",
                         encoding="utf-8")
    print(f"\nwritten {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
