"""Crash safety of a print run: a real process prints a lot's labels to a raw TCP printer in
batches of 50 (as the label dialog does) and is killed with SIGKILL at random moments, 50 times.

After each kill: the database opens; ``PRAGMA integrity_check`` is ok; serials are unique;
every serial the counter has given out has its row (a gap would be a label the register lost;
a void is a row too); every label the printer received (a ``PRINT`` command, and the serial in
its QR text) has its row.

A 1,000-label run is resumed after each kill with the labels still to print, as a packer would,
and a new run starts when one completes. Each run is a process forked from a server that loaded
the program once (print_run.py --serve), so 50 kills fit in well under a minute and a half. The
kill moments are drawn (seeded) from the start of a run to 1.6 times as long as a first batch
takes on this machine, so they fall before a batch (opening the database, between batches), in a
batch before its commit (checks, layout, connecting, the transaction), after a commit, and while
a committed job is still on its way to the printer (the process hands the job to the system at
once; its bytes keep arriving after the process died). The test counts the phases each kill hit
and requires all but "after a commit" (from the commit to the job handed to the system takes a
millisecond: hit when lucky). The printer takes data at 2 MB/s through a small buffer.
"""

from __future__ import annotations

import collections
import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coop_desktop.domain.models import Package, PackageStatus, SerialCounter
from coop_desktop.storage.database import Database
from coop_desktop.storage.migrations import schema_state
from tests.crash.tspl_sink import TsplSink
from tests.services.builders import harvested_lot, passing_test

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork are POSIX")

KILLS = 50
RUN_LABELS = 1_000
BATCH = 50
SEED = 20261204
SCRIPT = Path(__file__).with_name("print_run.py")
ROOT = Path(__file__).resolve().parents[2]
BEFORE, INSIDE, COMMITTED, SENDING = ("before a batch", "in a batch before its commit",
                                     "after a commit", "while a committed job was being sent")


@pytest.fixture
def runner() -> Iterator[subprocess.Popen[str]]:
    """The print-run server: loads the program once, forks one process per run."""
    process = subprocess.Popen([sys.executable, str(SCRIPT), "--serve"], cwd=ROOT,
                               env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    yield process
    assert process.stdin is not None and process.stdout is not None
    process.stdin.close()
    process.wait(timeout=30)
    process.stdout.close()


def _start_run(runner: subprocess.Popen[str], *args: object) -> int:
    assert runner.stdin is not None and runner.stdout is not None
    runner.stdin.write(" ".join(str(arg) for arg in args) + "\n")
    runner.stdin.flush()
    return int(runner.stdout.readline())


def _markers(file: Path) -> list[str]:
    text = file.read_text() if file.exists() else ""
    return [line for line in text.splitlines() if line]


def _wait_for(file: Path, marker: str, timeout: float = 60.0) -> float:
    """Wait until the run wrote ``marker``; returns the moment it was seen."""
    deadline = time.monotonic() + timeout
    while marker not in _markers(file):
        assert not any(line.startswith("error") for line in _markers(file)), _markers(file)
        assert time.monotonic() < deadline, f"the print run never said {marker!r}"
        time.sleep(0.002)
    return time.monotonic()


def _kill(pid: int) -> None:
    """Kill the run (unless it already ended by itself) and wait until it is gone."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while True:  # gone once signal 0 fails (the server's children are reaped at once)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        assert time.monotonic() < deadline, f"process {pid} outlived SIGKILL"
        time.sleep(0.002)


def _state(file: Path) -> tuple[list[tuple[int, PackageStatus]], int]:
    """Every package row (serial, status) and the next serial the counter would give."""
    database = Database.open(str(file))
    try:
        assert schema_state(database).up_to_date  # the database opens, at its schema
        with database.read() as session:
            rows = [(serial, status) for serial, status in session.execute(
                select(Package.serial, Package.status).order_by(Package.serial))]
            next_serial = session.execute(select(SerialCounter.next_serial)).scalar_one()
            duplicates = session.execute(select(Package.serial).group_by(Package.serial)
                                         .having(func.count() > 1)).scalars().all()
    finally:
        database.dispose()
    assert duplicates == [], "a serial was used twice"
    return rows, next_serial


def _integrity(file: Path) -> str:
    with closing(sqlite3.connect(file)) as connection:  # a plain reader recovers the WAL
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def _phases(markers: list[str], last_committed: bool, in_flight: bool) -> list[str]:
    """The phases a kill hit: from the last line the process wrote and whether the last batch
    it began was committed; and, besides, whether a committed job was still on its way to the
    printer (the process hands a job to the system at once; its bytes keep arriving after the
    process died, while it may already be in the next batch's transaction)."""
    if not markers or markers[-1].split()[0] in ("ready", "sent"):
        hit = [BEFORE]  # opening the database, or between batches
    else:
        hit = [COMMITTED if last_committed else INSIDE]
    return [*hit, SENDING] if in_flight else hit


def test_sigkill_at_random_moments_never_loses_a_printed_label(
        sqlite_coop: Database, runner: subprocess.Popen[str], tmp_path: Path) -> None:
    _, lot_id = harvested_lot(sqlite_coop, "24120401", quantity="100000")
    passing_test(sqlite_coop, lot_id, "Q-24120401")
    file = Path(str(sqlite_coop.url.database))
    sqlite_coop.dispose()
    rng = random.Random(SEED)
    sink = TsplSink(bytes_per_second=2_000_000)
    phases: collections.Counter[str] = collections.Counter()
    to_print, runs_completed, issued_before = RUN_LABELS, 0, 0
    kill_times: list[float] = []
    try:
        # One run of one batch, not killed, measures how long a fresh run takes to print its
        # first batch on this machine: the kill moments are spread over 1.6 times that,
        # whatever the machine's speed, so that they reach into the second batch.
        calibration = tmp_path / "calibration.txt"
        _start_run(runner, file, lot_id, BATCH, BATCH, sink.address, calibration)
        ready = _wait_for(calibration, "ready")
        batch_seconds = _wait_for(calibration, "sent 1") - ready
        to_print, issued_before = to_print - BATCH, BATCH
        for kill in range(KILLS):
            started = time.monotonic()
            markers_file = tmp_path / f"run-{kill}.txt"
            pid = _start_run(runner, file, lot_id, to_print, BATCH, sink.address, markers_file)
            if kill % 10 == 0:  # now and then while it is still opening the database
                time.sleep(rng.uniform(0.0, 0.05))
            else:
                _wait_for(markers_file, "ready")
                time.sleep(rng.uniform(0.0, 1.6 * batch_seconds))
            received_at_kill = sink.received()
            _kill(pid)
            kill_times.append(time.monotonic() - started)
            markers = _markers(markers_file)
            assert not any(line.startswith("error") for line in markers), markers
            assert sink.wait_idle(), "the printer's connection did not close after the kill"

            assert _integrity(file) == "ok", f"kill {kill}"
            rows, next_serial = _state(file)
            serials = [serial for serial, _ in rows]
            assert serials == list(range(1, next_serial)), f"kill {kill}: a gap in the serials"
            printed = set(sink.serials())
            missing = printed - set(serials)
            assert not missing, f"kill {kill}: labels printed without a row: {sorted(missing)}"

            issued = len(rows)
            batches_begun = sum(marker.startswith("batch") for marker in markers)
            last_committed = issued - issued_before >= min(batches_begun * BATCH, to_print)
            phases.update(_phases(markers, last_committed,
                                  sink.received() > received_at_kill))
            to_print -= issued - issued_before
            if to_print == 0:
                runs_completed += 1
                to_print = RUN_LABELS
            issued_before = issued
    finally:
        sink.close()
    rows, _ = _state(file)
    voided = sum(status is PackageStatus.VOIDED for _, status in rows)
    print(f"\n{KILLS} kills survived; {len(rows)} serials checked ({voided} voids), "
          f"{len(sink.serials())} printed labels matched to their rows; runs of {RUN_LABELS} "
          f"completed: {runs_completed}; phases hit: {dict(phases)}; a batch took "
          f"{batch_seconds:.2f} s, kills came {min(kill_times):.2f}-{max(kill_times):.2f} s "
          "after a run started")
    assert {BEFORE, INSIDE, SENDING} <= set(phases), phases
