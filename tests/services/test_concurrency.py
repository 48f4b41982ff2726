"""Several PCs printing at once: 4 processes taking 1,000 label serials each from one
database must end with 4,000 distinct, gap-free serials (PostgreSQL in CI, and SQLite) — through
the register alone (print_labels), and through the whole print path (issue_labels: lay out,
connect, commit, send) to a network printer that records what it printed."""

from __future__ import annotations

import collections
import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import func, select

from coop_desktop.domain.models import Package, PackageStatus
from coop_desktop.services import lots, members, production, products, quality
from coop_desktop.services.audit import verify_audit
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.crash.tspl_sink import TsplSink

PROCESSES = 4
LABELS_EACH = 1_000
BATCH = 50  # labels per print job, as the label dialog sends them

_WORKER = textwrap.dedent("""
    import sys
    from coop_desktop.domain.models import Role
    from coop_desktop.services.labels import print_labels
    from coop_desktop.services.permissions import Actor
    from coop_desktop.storage.database import Database

    url, lot_id, count, name = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    db = Database.open(url)
    packer = Actor(username=name, role=Role.PACKER)
    for _ in range(count):
        print_labels(db, packer, lot_id=lot_id, count=1, net_weights=["12.5"], printer=name)
    db.dispose()
""")


_PRINTING_WORKER = textwrap.dedent("""
    import sys
    from coop_desktop.domain.models import Role
    from coop_desktop.services.label_printing import (
        Destination, LabelRequest, OutputFormat, issue_labels)
    from coop_desktop.services.permissions import Actor
    from coop_desktop.storage.database import Database

    url, lot_id, count, name, printer = (sys.argv[1], int(sys.argv[2]), int(sys.argv[3]),
                                         sys.argv[4], sys.argv[5])
    db = Database.open(url)
    packer = Actor(username=name, role=Role.PACKER)
    destination = Destination(OutputFormat.TSPL, printer=printer)
    for _ in range(0, count, {batch}):
        issue_labels(db, packer, LabelRequest(lot_id, {batch}, net_weights=["12.5"] * {batch}),
                     destination)
    db.dispose()
""").replace("{batch}", str(BATCH))


def _released_lot(db: Database) -> int:
    today = dt.date.today()
    member = members.register_member(db, SYSTEM, code="M1", name="李秀英", joined_on="2019-03-01")
    plot = members.register_plot(db, SYSTEM, member_id=member, code="P1", area_mu=8,
                                 land_type="sunlight_greenhouse")
    product = products.register_product(db, SYSTEM, code="HM", name_zh="白兰瓜", kind="crop")
    batch = production.register_batch(db, SYSTEM, code="B1", plot_id=plot, product_id=product,
                                      season="2026", planted_on=today - dt.timedelta(days=120))
    harvest = production.record_harvest(db, SYSTEM, batch_id=batch, quantity=60_000,
                                        harvested_on=today - dt.timedelta(days=1))
    lot = lots.create_lot(db, SYSTEM, code="HM261128", product_id=product,
                          sources=[lots.SourceInput("harvest", harvest, 60_000)])
    quality.record_quality(db, SYSTEM, code="Q1", kind="rapid_residue", tested_on=today,
                           lot_id=lot, parameters=[quality.ParameterInput("抑制率", 10, 50, "%")])
    lots.release_lot(db, SYSTEM, lot)
    return lot


def test_four_processes_take_distinct_gap_free_serials(coop: Database, tmp_path: Path) -> None:
    lot = _released_lot(coop)
    url = coop.url.render_as_string(hide_password=False)
    root = Path(__file__).resolve().parents[2]
    workers = [subprocess.Popen([sys.executable, "-c", _WORKER, url, str(lot), str(LABELS_EACH),
                                 f"pc{index}"], cwd=root, stderr=subprocess.PIPE, text=True)
               for index in range(PROCESSES)]
    for worker in workers:
        _, errors = worker.communicate(timeout=600)
        assert worker.returncode == 0, errors
    with coop.read() as session:
        serials = list(session.execute(select(Package.serial).order_by(Package.serial)).scalars())
        per_printer = dict(session.execute(select(Package.printer, func.count())
                                           .group_by(Package.printer)).all())
        report = verify_audit(session)
    total = PROCESSES * LABELS_EACH
    assert len(serials) == total
    assert len(set(serials)) == total
    assert serials == list(range(1, total + 1))  # gap-free
    assert per_printer == {f"pc{index}": LABELS_EACH for index in range(PROCESSES)}
    assert report.ok, report.problems[:3]  # the audit chain stayed one chain


def test_four_processes_printing_through_issue_labels_share_no_serial(
        coop: Database) -> None:
    lot = _released_lot(coop)
    url = coop.url.render_as_string(hide_password=False)
    root = Path(__file__).resolve().parents[2]
    sink = TsplSink()
    try:
        workers = [subprocess.Popen([sys.executable, "-c", _PRINTING_WORKER, url, str(lot),
                                     str(LABELS_EACH), f"pc{index}", sink.address], cwd=root,
                                    stderr=subprocess.PIPE, text=True)
                   for index in range(PROCESSES)]
        for worker in workers:
            _, errors = worker.communicate(timeout=900)
            assert worker.returncode == 0, errors
        assert sink.wait_idle()
        printed = sink.serials()
    finally:
        sink.close()
    with coop.read() as session:
        rows = session.execute(select(Package.serial, Package.printed_by, Package.status)
                               .order_by(Package.serial)).all()
        report = verify_audit(session)
    total = PROCESSES * LABELS_EACH
    serials = [row.serial for row in rows]
    assert serials == list(range(1, total + 1))  # 4,000 rows, no duplicate, no gap
    assert sorted(printed) == serials  # every label printed once, each with its row
    assert all(row.status is PackageStatus.PRINTED for row in rows)
    by_pc = collections.Counter(row.printed_by for row in rows)
    assert by_pc == {f"pc{index}": LABELS_EACH for index in range(PROCESSES)}
    assert report.ok, report.problems[:3]
