"""The sensors benchmark's parts run on tiny sizes and agree with their baselines. Correctness
only: the timings are the benchmark's."""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.bench_sensors import build, measure


def test_build_and_measure_on_a_tiny_table(sqlite_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "sensors.sqlite"
    shutil.copyfile(sqlite_template, path)
    assert build(path, days=2, step=600, channels=2, prepared=True) == 2 * 2 * 144
    report = measure(path, repeat=1)
    assert report["rows_in_table"] == 576
    season, day = report["ranges"]["season"], report["ranges"]["day"]
    assert season["rows"] == 288 and day["rows"] == 144
    assert season["points"] <= 2000 and day["points"] == 144  # few readings come back as they are
    assert report["alerts"]["alerts_ms"] > 0 and report["alerts"]["group_by_ms"] > 0
