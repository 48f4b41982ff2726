"""Import benchmark: ``read_table`` + ``preview`` + ``commit`` of a generated member workbook
against baselines measured in the same run.

    .venv/bin/python benchmarks/bench_import.py [--rows 20000] [--repeat 3] [--seed 1]

Generates ``benchmarks/out/import/members-<rows>.xlsx`` when it is missing (Chinese names and
villages, valid and distinct ID numbers, phones, household sizes, some registered poor
households, join dates as date cells). Each repeat, on a fresh copy of an SQLite database holding
only a cooperative:

- **openpyxl read** (baseline): ``load_workbook(read_only=True, data_only=True)`` and every cell
  value of the sheet, nothing else;
- **read_table**: the same file read into a ``RawTable`` (text cells, header found, formula scan);
- **preview**: every row checked (codes, ID check digits, dates, duplicates in the file and
  against the database) — writes nothing;
- **commit**: all rows written in one transaction through the ORM, one audit entry each, in
  batches of ``imports.WRITE_BATCH`` rows (one flush, one lock of the audit chain's head and one
  executemany of the chained entries per batch);
- **executemany** (baseline): the same parsed rows inserted into another fresh copy with one
  SQLAlchemy Core ``insert(members)`` executemany in one transaction — no audit, no checks.

Checks after the runs (outside the timings): the commit wrote every row and one audit entry per
row, and ``verify_audit`` passes; the baseline inserted every row. Prints medians and ratios, and
writes every run's numbers to ``benchmarks/out/import.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: the checkout's packages
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl
from sqlalchemy import func, insert, select

from coop_desktop.domain.id_numbers import id_check_char
from coop_desktop.domain.models import AuditEntry, Member
from coop_desktop.domain.models.types import utc_now
from coop_desktop.services.audit import verify_audit
from coop_desktop.services.imports import (
    ImportPreview,
    commit,
    preview,
    read_table,
    suggest_mapping,
)
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.setup import create_cooperative
from coop_desktop.storage.database import Database
from coop_desktop.storage.migrations import prepare

OUT_DIR = Path(__file__).resolve().parent / "out"
HEADERS = ["序号", "社员编号", "户主姓名", "身份证号码", "联系电话", "乡镇", "村", "家庭人口",
           "脱贫户", "入社日期", "备注"]
SURNAMES = "张王李赵刘陈杨黄马祁魏薛何郭韩孙"
GIVEN = ["建国", "玉兰", "福寿", "彩霞", "秀英", "志强", "海燕", "永福", "桂花", "德明", "春梅",
         "国庆", "兰英", "生财", "明霞"]
PLACES = {"黄羊镇": ["新地村", "上庄村", "河东村", "黄羊村"],
          "清源镇": ["蔡家寨村", "清源村", "王庄村"],
          "永昌镇": ["白塔村", "永昌村", "石碑村"],
          "武南镇": ["武南村", "大湾村"]}


def generate_workbook(path: Path, rows: int, seed: int) -> None:
    """A member list as a co-operative's clerk keeps it (write-only mode: quick and small)."""
    chooser = random.Random(seed)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("社员名册")
    sheet.append(["武威市凉州区瓜果种植专业合作社社员名册"])
    sheet.append(HEADERS)
    for number in range(1, rows + 1):
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=number)
        first17 = f"620602{birth:%Y%m%d}{number % 1000:03d}"
        township = chooser.choice(sorted(PLACES))
        sheet.append([
            number, f"LZ{number:06d}", chooser.choice(SURNAMES) + chooser.choice(GIVEN),
            first17 + id_check_char(first17), f"139{chooser.randrange(10**8):08d}", township,
            chooser.choice(PLACES[township]), chooser.randint(1, 8),
            "是" if chooser.random() < 0.15 else "否",
            dt.datetime(2010, 1, 1) + dt.timedelta(days=chooser.randrange(5000)), ""])
    book.save(path)


def make_template(path: Path) -> None:
    database = Database.open(str(path))
    prepare(database, backup_dir=path.parent / "backups")
    create_cooperative(database, SYSTEM, name="武威市凉州区瓜果种植专业合作社")
    database.dispose()


def fresh_copy(template: Path, name: str) -> Database:
    target = template.with_name(name)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)
    return Database.open(str(target))


def openpyxl_read(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def executemany_insert(database: Database, checked: ImportPreview) -> int:
    with database.engine.begin() as connection:
        cooperative_id = connection.exec_driver_sql("SELECT min(id) FROM cooperatives"
                                                    ).scalar_one()
        now = utc_now()
        rows = [{"cooperative_id": cooperative_id, "version": 1, "created_at": now,
                 "household_size": 1, "poverty_status": "none", "township": "", "village": "",
                 "notes": "", **row.values} for row in checked.valid]
        connection.execute(insert(Member.__table__), rows)
    return len(rows)


def _timed(call: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = call(*args)
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    folder = OUT_DIR / "import"
    folder.mkdir(parents=True, exist_ok=True)
    workbook = folder / f"members-{args.rows}.xlsx"
    if not workbook.exists():
        seconds, _ = _timed(generate_workbook, workbook, args.rows, args.seed)
        print(f"generated {workbook} ({workbook.stat().st_size / 2**20:.1f} MiB) in "
              f"{seconds:.1f} s")
    template = folder / "template.sqlite"
    if not template.exists():
        make_template(template)

    runs: list[dict[str, float]] = []
    problems: list[str] = []
    for repeat in range(args.repeat):
        run: dict[str, float] = {}
        run["openpyxl_read"], counted = _timed(openpyxl_read, workbook)
        run["read_table"], table = _timed(read_table, workbook)
        database = fresh_copy(template, "imported.sqlite")
        try:
            mapping = suggest_mapping("members", table.headers)
            run["preview"], checked = _timed(preview, database, SYSTEM, "members", table,
                                             mapping)
            run["commit"], result = _timed(commit, database, SYSTEM, "members", checked)
            if checked.errors or result.written != args.rows:
                problems.append(f"run {repeat}: {len(checked.errors)} errors, "
                                f"{result.written} written of {args.rows}")
            if repeat == 0:
                with database.read() as session:
                    entries = session.execute(select(func.count()).select_from(AuditEntry)
                                              ).scalar_one()
                    report = verify_audit(session)
                if entries != args.rows + 1 or not report.ok:  # + the cooperative's entry
                    problems.append(f"audit: {entries} entries, ok={report.ok}")
        finally:
            database.dispose()
        baseline = fresh_copy(template, "baseline.sqlite")
        try:
            run["executemany"], inserted = _timed(executemany_insert, baseline, checked)
        finally:
            baseline.dispose()
        if inserted != args.rows or counted < args.rows:
            problems.append(f"run {repeat}: baseline inserted {inserted}, read {counted} rows")
        runs.append(run)
        print(f"run {repeat + 1}: " + ", ".join(f"{key} {value:.2f} s"
                                                 for key, value in run.items()))

    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    ours = median["read_table"] + median["preview"] + median["commit"]
    floor = median["openpyxl_read"] + median["executemany"]
    ratios = {
        "read_table / openpyxl read": median["read_table"] / median["openpyxl_read"],
        "preview / openpyxl read": median["preview"] / median["openpyxl_read"],
        "commit / executemany": median["commit"] / median["executemany"],
        "read+preview+commit / openpyxl read+executemany": ours / floor,
    }
    print(f"\n{args.rows} member rows, medians of {args.repeat} runs:")
    for key, value in median.items():
        print(f"  {key:<14} {value:8.2f} s   {args.rows / value:10.0f} rows/s")
    print(f"  {'import total':<14} {ours:8.2f} s   {args.rows / ours:10.0f} rows/s")
    print()
    for key, value in ratios.items():
        print(f"  {key:<48} {value:6.2f}")
    (OUT_DIR / "import.json").write_text(json.dumps({
        "rows": args.rows, "repeat": args.repeat, "runs": runs, "median": median,
        "ratios": ratios, "problems": problems,
        "machine": {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
                    "platform": platform.platform(), "openpyxl": openpyxl.__version__},
    }, indent=2, ensure_ascii=False), encoding="utf-8")
    if problems:
        print("*** PROBLEMS ***\n" + "\n".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
