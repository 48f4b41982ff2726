"""``coop-desktop export``: the standard exports of a period or of a lot.

    coop-desktop export epcis|fsma|platform --from DATE --to DATE [--lot CODE] --out FILE

``epcis`` writes GS1 EPCIS 2.0 JSON-LD; ``fsma`` the FSMA-204 sortable spreadsheet (``.xlsx``
or ``.csv``); ``platform`` a CSV of lots for manual entry into the national traceability
platform. With ``--lot``, the lot and every lot linked to it (the period may then be left out).
A period without records still gives a valid, empty file, and says so on standard error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coop_desktop.domain.errors import ValidationError

KINDS = ("epcis", "fsma", "platform")
SUFFIXES = {"epcis": (".json", ".jsonld"), "fsma": (".xlsx", ".csv"), "platform": (".csv",)}


def add_commands(commands: Any) -> None:
    export = commands.add_parser(
        "export", help="export a period or a lot: EPCIS 2.0, FSMA-204 spreadsheet, or the "
                       "national platform CSV")
    export.add_argument("kind", choices=KINDS)
    export.add_argument("--from", dest="start", metavar="DATE",
                        help="first day of the period (YYYY-MM-DD)")
    export.add_argument("--to", dest="end", metavar="DATE",
                        help="last day of the period, included (YYYY-MM-DD)")
    export.add_argument("--lot", metavar="CODE",
                        help="only this lot and every lot linked to it")
    export.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help="the file to write (.jsonld/.json, .xlsx/.csv, .csv)")


def run(args: argparse.Namespace, database: Any) -> int:
    from coop_desktop.services.exports import check_period, gather
    from coop_desktop.services.permissions import SYSTEM

    start, end = check_period(args.start, args.end)
    if args.lot is None and (start is None or end is None):
        raise ValidationError("export.needs_period", field="from")
    suffixes = SUFFIXES[args.kind]
    if args.out.suffix.lower() not in suffixes:
        raise ValidationError("export.out_suffix", field="out", path=str(args.out),
                              suffixes=", ".join(suffixes))
    data = gather(database, SYSTEM, start=start, end=end, lot=args.lot,
                  for_platform=args.kind == "platform")
    try:
        if args.kind == "epcis":
            from coop_desktop.reports.epcis import write_epcis

            count, what = write_epcis(data, args.out), "events"
        elif args.kind == "fsma":
            from coop_desktop.reports.fsma import write_fsma

            count, what = write_fsma(data, args.out), "rows"
        else:
            from coop_desktop.reports.platform_csv import write_platform_csv

            count, what = write_platform_csv(data, args.out), "lots"
    except OSError as error:
        raise ValidationError("export.file_failed", field="out", path=str(args.out),
                              reason=error.strerror or str(error)) from error
    if data.is_empty:
        period = " – ".join(day.isoformat() for day in (start, end) if day is not None)
        scope = " ".join(part for part in (period, args.lot or "") if part)
        print(f"coop-desktop: {ValidationError('export.empty', what=scope)}", file=sys.stderr)
    lots = "" if what == "lots" else f" ({len(data.lots)} lots)"
    print(f"{count} {what}{lots} written to {args.out}")
    return 0
