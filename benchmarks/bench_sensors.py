"""Sensor charts and alerts on a large readings table, against baselines measured in the same run.

    .venv/bin/python benchmarks/bench_sensors.py [--days 183] [--step 60] [--channels 3]
                                                 [--repeat 5] [--keep]

Generates a temporary SQLite file (``benchmarks/out/sensors.sqlite``, kept with ``--keep``)
holding one greenhouse soil sensor whose ``--channels`` channels have a reading every ``--step``
seconds for ``--days`` days (defaults: 3 channels, 6 months of 1-minute readings, about 790 000
rows). Then, each ``--repeat`` times, alternately, median kept:

- **chart season / chart day**: ``chart_series`` of the soil moisture for the whole season and
  for its last day, at ``max_points=2000`` (a chart about 1000 pixels wide): min and max per time
  bucket, grouped in SQL;
- **raw season / raw day** (baseline): the same range's every reading loaded through a session
  (``select(recorded_at, value)`` of the channel in the range, all rows into Python), which is
  what drawing the raw rows would cost before the drawing itself;
- **alerts**: ``sensor_alerts`` (the home page's part: the latest reading of each channel by
  index lookups), against **group-by latest** (baseline): the former query, ``max(recorded_at)
  GROUP BY channel_id`` over the whole table joined back to the readings.

Checks outside the timings: the series' minimum and maximum equal those of the raw rows; the
alerts and the baseline agree on each channel's latest value. Prints rows and points returned,
medians and ratios; writes every run's numbers to ``benchmarks/out/sensors.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import platform
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: the checkout's packages
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import and_, func, select

from coop_desktop.domain.models import ChannelKind, SensorChannel, SensorReading
from coop_desktop.services.members import register_member, register_plot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.sensors import (
    ChannelInput,
    chart_series,
    register_sensor,
    sensor_alerts,
    store_readings,
)
from coop_desktop.services.setup import create_cooperative
from coop_desktop.storage.database import Database
from coop_desktop.storage.migrations import prepare

OUT_DIR = Path(__file__).resolve().parent / "out"
START = dt.datetime(2026, 3, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
KINDS = (ChannelKind.SOIL_MOISTURE, ChannelKind.SOIL_TEMPERATURE, ChannelKind.SOIL_EC,
         ChannelKind.SOIL_PH, ChannelKind.AIR_TEMPERATURE, ChannelKind.AIR_HUMIDITY)
MAX_POINTS = 2000
BATCH = 100_000


def build(path: Path, *, days: float, step: int, channels: int = 3, seed: int = 1,
          prepared: bool = False) -> int:
    """A new SQLite file at ``path`` (or, ``prepared``, the empty migrated one there) with one
    sensor of ``channels`` channels and a reading every ``step`` seconds for ``days`` days on
    each; returns the rows written."""
    if not prepared:
        path.unlink(missing_ok=True)
    db = Database.open(str(path))
    try:
        if not prepared:
            prepare(db, backup_dir=path.parent / "backups")
        create_cooperative(db, SYSTEM, name="基准合作社", registration_code="93620602MA71234567",
                           province="甘肃省", county="凉州区")
        member = register_member(db, SYSTEM, code="B001", name="基准户", village="王庄村",
                                 joined_on="2020-01-01")
        plot = register_plot(db, SYSTEM, member_id=member, code="GH-01", area_mu="1.0",
                             land_type="sunlight_greenhouse")
        kinds = KINDS[:channels]
        sensor = register_sensor(db, SYSTEM, code="S-01", name="基准传感器",
                                 profile="renke-soil", plot_id=plot, bus_address=1,
                                 poll_seconds=step,
                                 channels=[ChannelInput(kind, "", 10.0, 40.0) for kind in kinds])
        with db.read() as session:
            channel_ids = list(session.execute(select(SensorChannel.id).where(
                SensorChannel.sensor_id == sensor).order_by(SensorChannel.id)).scalars())
        rng = random.Random(seed)
        count = int(days * 86400 // step)
        written = 0
        for channel_id in channel_ids:
            for first in range(0, count, BATCH):
                batch = []
                for i in range(first, min(first + BATCH, count)):
                    hour = (i * step / 3600) % 24
                    value = 25 + 8 * math.sin(2 * math.pi * (hour - 8) / 24) + rng.gauss(0, 1)
                    batch.append((START + dt.timedelta(seconds=i * step), round(value, 1)))
                written += store_readings(db, SYSTEM, channel_id, batch)
        return written
    finally:
        db.dispose()


def raw_rows(db: Database, channel_id: int, start: dt.datetime,
             end: dt.datetime) -> list[tuple[dt.datetime, float]]:
    """The baseline: every reading of the range, loaded through a session."""
    with db.read() as session:
        return [(at, value) for at, value in session.execute(
            select(SensorReading.recorded_at, SensorReading.value)
            .where(SensorReading.channel_id == channel_id, SensorReading.recorded_at >= start,
                   SensorReading.recorded_at < end).order_by(SensorReading.recorded_at))]


def group_by_latest(db: Database) -> dict[int, float]:
    """The baseline of the alerts: the former home query, a GROUP BY over the whole table."""
    with db.read() as session:
        latest = (select(SensorReading.channel_id,
                         func.max(SensorReading.recorded_at).label("at"))
                  .group_by(SensorReading.channel_id).subquery())
        return dict(session.execute(
            select(SensorReading.channel_id, SensorReading.value)
            .join(latest, and_(latest.c.channel_id == SensorReading.channel_id,
                               SensorReading.recorded_at == latest.c.at))).tuples().all())


def _median_ms(function: Callable[[], Any], repeat: int, times: list[float]) -> Any:
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return result


def measure(path: Path, *, repeat: int = 5) -> dict[str, Any]:
    """Time the series, the raw baseline and the alerts on the database at ``path``."""
    db = Database.open(str(path))
    try:
        with db.read() as session:
            channel_id, first, last = session.execute(
                select(SensorChannel.id, func.min(SensorReading.recorded_at),
                       func.max(SensorReading.recorded_at))
                .join(SensorReading, SensorReading.channel_id == SensorChannel.id)
                .where(SensorChannel.kind == ChannelKind.SOIL_MOISTURE)
                .group_by(SensorChannel.id)).one()
            sensor_id = session.execute(select(SensorChannel.sensor_id).where(
                SensorChannel.id == channel_id)).scalar_one()
            total_rows = session.execute(select(func.count()).select_from(SensorReading)
                                         ).scalar_one()
        end = last + dt.timedelta(seconds=1)
        ranges = {"season": (first, end), "day": (end - dt.timedelta(days=1), end)}
        report: dict[str, Any] = {"rows_in_table": total_rows, "ranges": {}}
        for name, (start, stop) in ranges.items():
            timings: dict[str, list[float]] = {"chart": [], "raw": []}

            def chart(start: dt.datetime = start, stop: dt.datetime = stop) -> Any:
                return chart_series(db, SYSTEM, sensor_id=sensor_id, kind="soil_moisture",
                                    start=start, end=stop, max_points=MAX_POINTS)

            def raw(start: dt.datetime = start, stop: dt.datetime = stop) -> Any:
                return raw_rows(db, channel_id, start, stop)

            series, rows = chart(), raw()  # warm-up, and the check
            (only,) = series
            if rows and (min(only.values) != min(v for _, v in rows)
                         or max(only.values) != max(v for _, v in rows)
                         or only.readings != len(rows)):
                raise SystemExit(f"*** MISMATCH *** on the {name}: the series does not hold "
                                 "the raw rows' minimum and maximum")
            for _ in range(repeat):
                _median_ms(chart, 1, timings["chart"])
                _median_ms(raw, 1, timings["raw"])
            chart_ms = statistics.median(timings["chart"])
            raw_ms = statistics.median(timings["raw"])
            report["ranges"][name] = {
                "rows": len(rows), "points": len(only.values), "bucket_s": only.bucket_seconds,
                "chart_ms": chart_ms, "raw_ms": raw_ms, "raw_over_chart": raw_ms / chart_ms,
                "runs": timings}
        alert_times: list[float] = []
        baseline_times: list[float] = []

        def alerts() -> Any:
            with db.read() as session:
                return sensor_alerts(session)

        alerts()
        latest = group_by_latest(db)
        for _ in range(repeat):
            _median_ms(alerts, 1, alert_times)
            _median_ms(lambda: group_by_latest(db), 1, baseline_times)
        with db.read() as session:
            by_lookup = dict((session.execute(
                select(SensorChannel.id, select(SensorReading.value)
                       .where(SensorReading.channel_id == SensorChannel.id)
                       .order_by(SensorReading.recorded_at.desc()).limit(1)
                       .scalar_subquery()))).tuples().all())
        if by_lookup != latest:
            raise SystemExit("*** MISMATCH *** the latest values differ")
        report["alerts"] = {
            "alerts_ms": statistics.median(alert_times),
            "group_by_ms": statistics.median(baseline_times),
            "group_by_over_alerts": statistics.median(baseline_times)
            / statistics.median(alert_times),
            "runs": {"alerts": alert_times, "group_by": baseline_times}}
        return report
    finally:
        db.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=float, default=183)
    parser.add_argument("--step", type=int, default=60, help="seconds between readings")
    parser.add_argument("--channels", type=int, default=3, choices=range(1, len(KINDS) + 1))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the generated database")
    args = parser.parse_args(argv)
    OUT_DIR.mkdir(exist_ok=True)
    path = OUT_DIR / "sensors.sqlite"
    started = time.perf_counter()
    written = build(path, days=args.days, step=args.step, channels=args.channels)
    generated_s = time.perf_counter() - started
    try:
        report = measure(path, repeat=args.repeat)
    finally:
        if not args.keep:
            for leftover in (path, path.with_name(path.name + "-wal"),
                             path.with_name(path.name + "-shm"), path.parent / "backups"):
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)
    report.update(written=written, generated_s=generated_s, days=args.days, step=args.step,
                  channels=args.channels, repeat=args.repeat, max_points=MAX_POINTS,
                  machine={"python": platform.python_version(), "system": platform.platform(),
                           "processor": platform.processor()})
    print(f"{written:,} readings ({args.channels} channels, {args.days:g} days every "
          f"{args.step} s) generated in {generated_s:.1f} s; max_points {MAX_POINTS}")
    print(f"{'range':8} {'rows':>9} {'points':>7} {'bucket s':>9} {'chart ms':>9} "
          f"{'raw ms':>9} {'raw/chart':>10}")
    for name, numbers in report["ranges"].items():
        print(f"{name:8} {numbers['rows']:>9,} {numbers['points']:>7,} {numbers['bucket_s']:>9,} "
              f"{numbers['chart_ms']:>9.1f} {numbers['raw_ms']:>9.1f} "
              f"{numbers['raw_over_chart']:>10.1f}")
    alerts = report["alerts"]
    print(f"home alerts {alerts['alerts_ms']:.2f} ms; group-by latest {alerts['group_by_ms']:.1f} "
          f"ms; ratio {alerts['group_by_over_alerts']:.0f}")
    (OUT_DIR / "sensors.json").write_text(json.dumps(report, indent=2, default=str),
                                          encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
