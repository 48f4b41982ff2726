"""The benchmark generator makes the database its summary describes, with a deep lot whose trace
agrees with the hand-written recursive SQL baseline. Correctness only: timing is the benchmark's."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from benchmarks.bench_trace import baseline_counts, differences, trace_counts
from benchmarks.generate import (
    DEEP_GENERATIONS,
    GenerateError,
    Sizes,
    generate,
    sizes_from,
    summary_path,
)
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.trace import trace
from coop_desktop.storage.database import Database

TINY = Sizes(members=20, plots=60, lots=400, labels=2000)


@pytest.fixture
def generated(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    path = tmp_path / "tiny.sqlite"
    summary = generate(path, TINY, seed=7)
    return path, summary


def _rows(path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql, params).fetchall()


def test_row_counts_match_the_summary(generated: tuple[Path, dict[str, Any]]) -> None:
    path, summary = generated
    written = json.loads(summary_path(path).read_text(encoding="utf-8"))
    assert written["counts"] == summary["counts"]
    assert written["deep"] == summary["deep"]
    counts = summary["counts"]
    assert (counts["members"], counts["plots"], counts["lots"], counts["packages"]) == (
        20, 60, 400, 2000)
    for table, expected in counts.items():
        assert _rows(path, f'SELECT count(*) FROM "{table}"')[0][0] == expected, table
    for table in ("planting_batches", "field_activities", "harvests", "lot_sources",
                  "transformations", "lot_links", "quality_records", "quality_parameters",
                  "customers", "shipments", "shipment_lines"):
        assert counts[table] > 0, table
    # About 60% of the lots are first-generation lots with sources, the rest come from splits
    # and merges.
    first = _rows(path, "SELECT count(DISTINCT lot_id) FROM lot_sources")[0][0]
    made = _rows(path, "SELECT count(DISTINCT child_lot_id) FROM lot_links")[0][0]
    assert (first, made) == (240, 160)
    sprays = _rows(path, "SELECT count(*) FROM field_activities WHERE kind = 'plant_protection'"
                         " AND (input_lot IS NULL OR phi_days IS NULL)")[0][0]
    assert sprays == 0


def test_serials_are_one_to_n_and_the_counter_follows(
        generated: tuple[Path, dict[str, Any]]) -> None:
    path, summary = generated
    assert _rows(path, "SELECT count(*), count(DISTINCT serial), min(serial), max(serial)"
                       " FROM packages") == [(2000, 2000, 1, 2000)]
    assert _rows(path, "SELECT next_serial FROM serial_counters") == [(2001,)]
    assert summary["next_serial"] == 2001


def test_quantities_balance(generated: tuple[Path, dict[str, Any]]) -> None:
    path, _ = generated
    # A first-generation lot holds what it took from its sources; nobody takes more than a
    # harvest or delivery held.
    assert _rows(path, """SELECT count(*) FROM lots l JOIN (SELECT lot_id, sum(quantity) AS total
        FROM lot_sources GROUP BY lot_id) s ON s.lot_id = l.id WHERE s.total != l.quantity""") \
        == [(0,)]
    assert _rows(path, """SELECT count(*) FROM harvests h WHERE h.quantity <
        (SELECT coalesce(sum(quantity), 0) FROM lot_sources WHERE harvest_id = h.id)""") == [(0,)]
    # A step's outputs and loss add up to its inputs; its outputs are the child lots.
    assert _rows(path, """SELECT count(*) FROM transformations t WHERE
        t.output_quantity + t.loss_quantity != t.input_quantity
        OR t.output_quantity != (SELECT sum(l.quantity) FROM lots l WHERE l.id IN
            (SELECT child_lot_id FROM lot_links WHERE transformation_id = t.id))""") == [(0,)]
    # Nothing ships more than its lot, and used-up lots carry no labels.
    assert _rows(path, """SELECT count(*) FROM lots l WHERE l.quantity <
        (SELECT coalesce(sum(quantity), 0) FROM shipment_lines WHERE lot_id = l.id)""") == [(0,)]
    assert _rows(path, """SELECT count(*) FROM packages p JOIN lots l ON l.id = p.lot_id
        WHERE l.status = 'consumed'""") == [(0,)]


def test_the_deep_chain_is_deep(generated: tuple[Path, dict[str, Any]]) -> None:
    path, summary = generated
    deep = summary["deep"]
    assert DEEP_GENERATIONS >= 30
    for role in ("root", "middle", "leaf"):
        assert _rows(path, "SELECT count(*) FROM lots WHERE code = ?", deep[role]) == [(1,)]
    # The longest way up from the leaf reaches the root after DEEP_GENERATIONS links.
    depth = _rows(path, """WITH RECURSIVE up(id, depth) AS (
            SELECT id, 0 FROM lots WHERE code = ?
            UNION ALL SELECT k.parent_lot_id, u.depth + 1 FROM lot_links k
            JOIN up u ON k.child_lot_id = u.id)
        SELECT max(depth), max(CASE WHEN l.code = ? THEN depth END)
        FROM up JOIN lots l ON l.id = up.id""", deep["leaf"], deep["root"])
    assert depth == [(DEEP_GENERATIONS, DEEP_GENERATIONS)]
    assert _rows(path, "SELECT DISTINCT kind FROM transformations t JOIN lot_links k"
                       " ON k.transformation_id = t.id JOIN lots l ON l.id = k.child_lot_id"
                       " WHERE l.code LIKE 'DEEP-%' ORDER BY kind") == [("merge",), ("split",)]
    assert _rows(path, "SELECT serial FROM packages p JOIN lots l ON l.id = p.lot_id"
                       " WHERE l.code = ? ORDER BY serial LIMIT 1", deep["leaf"]) == [
        (int(deep["label"]),)]


def test_trace_of_the_deep_lot_agrees_with_the_baseline(
        generated: tuple[Path, dict[str, Any]]) -> None:
    path, summary = generated
    deep = summary["deep"]
    db = Database.open(str(path))
    try:
        found = {}
        for role in ("leaf", "middle", "root", "label"):
            result = trace(db, SYSTEM, deep[role])
            counts = trace_counts(result)
            assert differences(counts, baseline_counts(path, deep[role])) == {}, role
            found[role] = (result, counts)
    finally:
        db.dispose()
    middle, counts = found["middle"]
    assert counts["lots_backward"] > 0
    assert counts["lots_forward"] > 0
    assert {lot.code for lot in middle.lots if lot.direction == "backward"} >= {deep["root"]}
    assert {lot.code for lot in middle.lots if lot.direction == "forward"} >= {deep["leaf"]}
    leaf, counts = found["leaf"]
    assert leaf.origin == [deep["leaf"]]
    assert counts["lots_backward"] >= DEEP_GENERATIONS
    assert counts["lots_forward"] == 0
    for key in ("harvests", "batches", "plots", "members", "inputs", "packages", "shipments",
                "customers"):
        assert counts[key] > 0, key
    assert any(item["phi_days"] is not None and item["input_lot"] for item in leaf.inputs)
    root, counts = found["root"]
    assert {lot.code for lot in root.lots if lot.direction == "forward"} >= {deep["leaf"]}
    assert counts["lots_backward"] == 0
    assert counts["lots_forward"] >= DEEP_GENERATIONS
    label, counts = found["label"]
    assert label.matched == "label"
    assert counts == found["leaf"][1]


def test_trace_agrees_with_the_baseline_on_other_lots(
        generated: tuple[Path, dict[str, Any]]) -> None:
    path, _ = generated
    codes = [code for (code,) in _rows(path, "SELECT code FROM lots WHERE code NOT LIKE 'DEEP-%'"
                                             " ORDER BY id")][::9]
    db = Database.open(str(path))
    try:
        for code in codes:
            assert differences(trace_counts(trace(db, SYSTEM, code)),
                               baseline_counts(path, code)) == {}, code
    finally:
        db.dispose()


def test_same_seed_same_database(tmp_path: Path) -> None:
    first = generate(tmp_path / "a.sqlite", TINY, seed=3)
    second = generate(tmp_path / "b.sqlite", TINY, seed=3)
    assert first["counts"] == second["counts"]
    assert first["deep_lots"] == second["deep_lots"]
    query = "SELECT code, quantity, status FROM lots ORDER BY id"
    assert _rows(tmp_path / "a.sqlite", query) == _rows(tmp_path / "b.sqlite", query)


def test_refuses_an_existing_file_and_sizes_too_small(tmp_path: Path) -> None:
    existing = tmp_path / "there.sqlite"
    existing.write_bytes(b"keep")
    with pytest.raises(GenerateError, match="exists"):
        generate(existing, TINY)
    assert existing.read_bytes() == b"keep"
    with pytest.raises(GenerateError, match="lots"):
        generate(tmp_path / "small.sqlite", Sizes(members=5, plots=10, lots=50, labels=2000))
    assert not (tmp_path / "small.sqlite").exists()


def test_scale_divides_every_count() -> None:
    assert sizes_from(scale=0.01) == Sizes(members=20, plots=100, lots=2000, labels=10_000)
    assert sizes_from(lots=40_000, scale=0.01) == Sizes(20, 100, 400, 10_000)
    assert sizes_from() == Sizes(2000, 10_000, 200_000, 1_000_000)
