"""``coop-desktop selftest``: check this copy of the program end to end (see
``coop_desktop.selftest``); needs no database, it makes its own in a temporary folder.

    coop-desktop selftest [--keep DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coop_desktop.selftest import CheckFailed, run_selftest


def add_commands(commands: Any) -> None:
    selftest = commands.add_parser(
        "selftest", help="check this program end to end in a temporary folder (database, "
                         "migrations, demo, label and QR, trace, dossier, window)",
        description="Creates a database in a temporary folder, migrates it, loads a small demo, "
                    "prints a label and reads its QR code back, traces it, builds a dossier "
                    "and opens the main window offscreen. Prints one line per check; exits 1 "
                    "naming the first check that failed.")
    selftest.add_argument("--keep", type=Path, metavar="DIR",
                          help="write into DIR (new or empty) and keep it, with selftest.txt")


def run(args: argparse.Namespace) -> int:
    from coop_desktop.cli import UserError

    try:
        report = run_selftest(args.keep)
    except CheckFailed as error:  # only --keep's folder is refused before anything runs
        raise UserError(str(error)) from None
    return 0 if report.ok else 1
