"""Render every page of the main window to PNG files, as a person would see them.

    python scripts/screenshots.py OUT_DIR [--db FILE] [--lang zh|en] [--size 1366x768]

Without --db, a demo cooperative is loaded into OUT_DIR/demo.sqlite first. Runs offscreen.
For each list page the first row is selected, so its detail pane shows a real story.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--lang", default="zh")
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    database_file = args.db or args.out / "demo.sqlite"
    if args.db is None and not database_file.exists():
        subprocess.run([sys.executable, "-m", "coop_desktop", "--db", str(database_file),
                        "demo"], cwd=ROOT, check=True, capture_output=True)

    from coop_desktop.gui.app import application
    from coop_desktop.gui.context import AppContext
    from coop_desktop.gui.main_window import PAGE_ORDER, MainWindow
    from coop_desktop.gui.pages.list_page import ListPage
    from coop_desktop.services.permissions import SYSTEM
    from coop_desktop.storage.database import Database
    from coop_desktop.storage.migrations import prepare

    app = application(args.lang)
    database = Database.open(str(database_file))
    prepare(database, backup_dir=args.out / "backups")
    width, height = (int(part) for part in args.size.split("x"))
    window = MainWindow(AppContext(database, SYSTEM))
    window.resize(width, height)
    window.show()
    for key in PAGE_ORDER:
        page = window.show_page(key)
        if isinstance(page, ListPage) and page.model.rowCount():
            page.view.selectRow(0)
        app.processEvents()
        picture = window.grab()
        picture.save(str(args.out / f"{PAGE_ORDER.index(key):02d}-{key}.png"))
        del picture
        print(args.out / f"{PAGE_ORDER.index(key):02d}-{key}.png")
    window.close()
    del window
    database.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
