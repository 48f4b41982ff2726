"""``coop-desktop payouts``: a year's member payouts and the benefit report, as PDF or XLSX.

    coop-desktop payouts --year YYYY --out FILE.pdf|FILE.xlsx [--record]

``--record`` first records the year's payouts (one per member, for the priced deliveries not
paid before); without it the report shows the statement as it stands. Exit 2 with a sentence
for a bad year, an unknown suffix or deliveries without a price when recording.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coop_desktop.domain.errors import ValidationError

SUFFIXES = (".pdf", ".xlsx")


def add_commands(commands: Any) -> None:
    payouts = commands.add_parser("payouts", help="a year's member payouts and the benefit "
                                                  "report for poor households (PDF or XLSX)")
    payouts.add_argument("--year", required=True, metavar="YYYY")
    payouts.add_argument("--out", type=Path, required=True, metavar="FILE",
                         help="FILE.pdf or FILE.xlsx")
    payouts.add_argument("--record", action="store_true",
                         help="record the year's payouts before writing the report")


def run(args: argparse.Namespace, database: Any) -> int:
    from coop_desktop.reports.payout_report import write_pdf, write_xlsx
    from coop_desktop.services.payouts import check_year, payout_statement, record_payouts
    from coop_desktop.services.permissions import SYSTEM
    from coop_desktop.services.work import reading, the_cooperative

    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError("payout.out_suffix", field="out", path=str(out))
    year = check_year(args.year)
    if args.record:
        codes = record_payouts(database, SYSTEM, year)
        print(f"{len(codes)} payouts recorded for {year}")
    statement = payout_statement(database, SYSTEM, year)
    with reading(database, SYSTEM) as session:
        cooperative = the_cooperative(session).name
    try:
        if suffix == ".pdf":
            count = write_pdf(statement, out, cooperative=cooperative)
            what = f"{count} pages"
        else:
            count = write_xlsx(statement, out)
            what = f"{count} sheets"
    except OSError as error:
        raise ValidationError("payout.file_failed", field="out", path=str(out),
                              reason=error.strerror or str(error)) from error
    kilograms = format(statement.quantity.normalize(), "f")
    print(f"{year}: {len(statement.members)} member households, {kilograms} kg, "
          f"gross {statement.gross}, charges {statement.charges_total}, net {statement.net}")
    if statement.unpriced:
        print(f"warning: {len(statement.unpriced)} deliveries without a unit price are left "
              "out")
    print(f"{out} ({what})")
    return 0
