"""The desk's lists on a large cooperative against a small one, and the cold start.

1. Lots and Labels pages: open the page (first page of rows and the count), apply a status
   filter, search, and sort, on the large database (default 200,000 lots and 1,000,000 labels)
   and on a 1,000-lot one, in the same run. The ratio large/small should be close to 1: a page
   fetches 200 rows whatever the size, and every filter runs on an index.
2. Cold start: a new process that opens the demo database and shows the main window, against a
   new process that shows a bare PySide6 window, in the same run (ratio).

    python benchmarks/bench_lists.py [--large FILE] [--repeat 5]

Results are printed and written to benchmarks/out/lists.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bench_trace import OUT_DIR, ensure_database  # noqa: E402
from benchmarks.generate import Sizes, generate  # noqa: E402

SMALL_SIZES = Sizes(members=20, plots=60, lots=1_000, labels=1_000)
STEPS = ("open", "filter", "search", "sort")
SEARCHES = {"lots": "12", "labels": "12"}

_MAIN_WINDOW = """
import sys, time
began = time.perf_counter()
from coop_desktop.gui.app import application
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.main_window import MainWindow
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from coop_desktop.storage.migrations import prepare
app = application()
database = Database.open(sys.argv[1])
prepare(database)
window = MainWindow(AppContext(database, SYSTEM))
window.show()
app.processEvents()
print(time.perf_counter() - began)
window.close()
del window
"""

_BARE_WINDOW = """
import sys, time
began = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.processEvents()
print(time.perf_counter() - began)
window.close()
del window
"""


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def measure_lists(path: Path, repeat: int) -> dict[str, dict[str, float]]:
    """Per page and step, the median time in ms over ``repeat`` runs (after one warm-up)."""
    from coop_desktop.gui.app import application
    from coop_desktop.gui.context import AppContext
    from coop_desktop.gui.pages.list_page import ListPage
    from coop_desktop.gui.pages.specs import LIST_SPECS
    from coop_desktop.services.permissions import SYSTEM
    from coop_desktop.storage.database import Database

    app = application()
    database = Database.open(str(path))
    results: dict[str, dict[str, float]] = {}
    try:
        for kind in ("lots", "labels"):
            samples: dict[str, list[float]] = {step: [] for step in STEPS}
            for run in range(repeat + 1):
                timings: dict[str, float] = {}

                def timed(step: str, action: Callable[[], Any],
                          into: dict[str, float] = timings) -> Any:
                    began = time.perf_counter()
                    value = action()
                    app.processEvents()
                    into[step] = time.perf_counter() - began
                    return value

                page = timed("open", lambda k=kind: _open(ListPage, AppContext(database, SYSTEM),
                                                          LIST_SPECS[k]))
                status = page.filters["status"]
                timed("filter", lambda p=page, s=status: s.setCurrentIndex(2))
                timed("search", lambda p=page, k=kind: (p.search.setText(SEARCHES[k]),
                                                        p.refresh()))
                timed("sort", lambda p=page: p.view.sortByColumn(
                    0, p.view.horizontalHeader().sortIndicatorOrder().DescendingOrder))
                page.close()
                page.deleteLater()
                app.processEvents()
                del page, status
                if run:  # the first run warms caches
                    for step in STEPS:
                        samples[step].append(timings[step])
            results[kind] = {step: _median_ms(values) for step, values in samples.items()}
    finally:
        database.dispose()
    return results


def _open(page_class: Any, context: Any, spec: Any) -> Any:
    page = page_class(context, spec)
    page.resize(1200, 700)
    page.show()
    return page


def measure_start(database: Path, repeat: int) -> dict[str, float]:
    """Wall time of a new process until its window is shown, the main window against a bare
    PySide6 window."""
    def run(script: str, *args: str) -> float:
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, check=True,
                       capture_output=True, text=True,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        return time.perf_counter() - began

    main, bare = [], []
    for index in range(repeat + 1):
        main_time = run(_MAIN_WINDOW, str(database))
        bare_time = run(_BARE_WINDOW)
        if index:
            main.append(main_time)
            bare.append(bare_time)
    return {"main_window_ms": _median_ms(main), "bare_window_ms": _median_ms(bare),
            "ratio": round(statistics.median(main) / statistics.median(bare), 2)}


def _prepared(path: Path) -> Path:
    from coop_desktop.storage.database import Database
    from coop_desktop.storage.migrations import prepare

    with tempfile.TemporaryDirectory() as backups:
        database = Database.open(str(path))
        prepare(database, backup_dir=Path(backups))
        database.dispose()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large", type=Path, default=OUT_DIR / "large.sqlite")
    parser.add_argument("--small", type=Path, default=OUT_DIR / "lists-small.sqlite")
    parser.add_argument("--demo", type=Path, default=OUT_DIR / "demo.sqlite")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, default=OUT_DIR / "lists.json")
    args = parser.parse_args(argv)

    ensure_database(args.large, 1.0, print)
    if not args.small.exists():
        generate(args.small, SMALL_SIZES)
    if not args.demo.exists():
        subprocess.run([sys.executable, "-m", "coop_desktop", "--db", str(args.demo), "demo"],
                       cwd=ROOT, check=True, capture_output=True)
    for path in (args.large, args.small):
        _prepared(path)

    lists = {name: measure_lists(path, args.repeat)
             for name, path in (("large", args.large), ("small", args.small))}
    print(f"{'page':<8}{'step':<8}{'large ms':>10}{'1,000-lot ms':>14}{'large/small':>13}")
    ratios: dict[str, dict[str, float]] = {}
    for kind in ("lots", "labels"):
        ratios[kind] = {}
        for step in STEPS:
            large, small = lists["large"][kind][step], lists["small"][kind][step]
            ratios[kind][step] = round(large / small, 2) if small else float("nan")
            print(f"{kind:<8}{step:<8}{large:>10.1f}{small:>14.1f}{ratios[kind][step]:>13.2f}")
    start = measure_start(args.demo, args.repeat)
    print(f"\ncold start to a shown window: main window {start['main_window_ms']:.0f} ms, "
          f"bare PySide6 window {start['bare_window_ms']:.0f} ms, ratio {start['ratio']:.2f}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"lists_ms": lists, "large_over_small": ratios,
                                     "cold_start": start, "repeat": args.repeat}, indent=1)
                         + "\n", encoding="utf-8")
    print(f"written {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
