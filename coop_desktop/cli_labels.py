"""``coop-desktop labels`` and ``recall``: a lot's labels, and what a recall must pull back.

    coop-desktop labels LOT --count N [--template T] [--weights FILE]
                        (--out FILE.pdf|.png|.tspl|.zpl | --printer NAME|tcp://HOST:9100)

A printer given by name is a Windows printer on Windows and a CUPS queue elsewhere; its job
language is TSPL unless ``--format zpl``. ``--weights`` names a text or CSV file with one net
weight per label (the first column of each line).
"""

from __future__ import annotations

import argparse
import os
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from coop_desktop.domain.errors import ValidationError

# The label services import reportlab, Pillow and the ORM: loaded only when the command runs,
# so that building the parser (every start of the program) stays light.
DEFAULT_TEMPLATE = "crate-60x40"
FORMATS = ("pdf", "png", "tspl", "zpl")
SUFFIXES = {".pdf": "pdf", ".png": "png", ".tspl": "tspl", ".prn": "tspl", ".zpl": "zpl"}


def add_commands(commands: Any) -> None:
    labels = commands.add_parser("labels", help="print or write a lot's labels")
    labels.add_argument("lot", metavar="LOT", help="the lot code")
    labels.add_argument("--count", type=int, default=1, help="how many labels (default 1)")
    labels.add_argument("--template", default=DEFAULT_TEMPLATE,
                        help=f"a label template (default {DEFAULT_TEMPLATE})")
    labels.add_argument("--weights", type=Path, metavar="FILE",
                        help="one net weight per label, a line each")
    where = labels.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, metavar="FILE",
                       help="write FILE.pdf, .png (one per label), .tspl or .zpl")
    where.add_argument("--printer", metavar="PRINTER",
                       help="a printer name, tcp://HOST:9100, serial:COM3 or cups:QUEUE")
    labels.add_argument("--format", choices=FORMATS,
                        help="the job language (default: from --out's suffix; tspl for "
                             "printers)")
    labels.add_argument("--dpi", type=int, default=None,
                        help="printer resolution: 203 or 300 (default 203; 600 for A4 PDFs)")
    labels.add_argument("--override-reason", metavar="TEXT",
                        help="print although the lot has no passing test (recorded)")
    recall = commands.add_parser("recall", help="what to pull back for a lot, label, ear tag "
                                                "or input lot: a PDF report (and a CSV)")
    recall.add_argument("code", metavar="CODE")
    recall.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    recall.add_argument("--csv", type=Path, metavar="FILE.csv")
    publish = commands.add_parser("publish", help="write the public traceability pages (a "
                                                  "static bilingual site) into DIR")
    publish.add_argument("--out", type=Path, required=True, metavar="DIR")


def _weights(file: Path | None) -> list[Decimal | None] | None:
    if file is None:
        return None
    try:
        lines = file.read_text(encoding="utf-8-sig").splitlines()
    except OSError as error:
        raise ValidationError("label.file_failed", field="weights", path=str(file),
                              reason=error.strerror or str(error)) from error
    weights: list[Decimal | None] = []
    for number, line in enumerate(lines, start=1):
        first = line.split(",")[0].strip()
        if not first or first.startswith("#"):
            continue
        try:
            weights.append(Decimal(first))
        except InvalidOperation:
            raise ValidationError("label.weight_line", field="weights", file=file.name,
                                  line=number, value=first) from None
    return weights


def _printer_address(name: str) -> str:
    if ":" in name and not (os.name == "nt" and len(name) > 1 and name[1] == ":"):
        return name
    return f"windows:{name}" if os.name == "nt" else f"cups:{name}"


def run(args: argparse.Namespace, database: Any) -> int:
    from sqlalchemy import select

    from coop_desktop.domain.codes import normalize_lot_code
    from coop_desktop.domain.errors import NotFoundError
    from coop_desktop.domain.models import Lot
    from coop_desktop.services.label_printing import (
        Destination,
        LabelRequest,
        OutputFormat,
        issue_labels,
    )
    from coop_desktop.services.permissions import SYSTEM

    weights = _weights(args.weights)
    count = len(weights) if weights is not None and args.count == 1 else args.count
    with database.read() as session:
        code = normalize_lot_code(args.lot, "lot")
        lot_id = session.execute(select(Lot.id).where(Lot.code == code)).scalar_one_or_none()
    if lot_id is None:
        raise NotFoundError("trace.not_found", value=args.lot)
    if args.out is not None:
        name = args.format or SUFFIXES.get(args.out.suffix.lower())
        if name is None:
            raise ValidationError("label.out_suffix", field="out", path=str(args.out))
        fmt = OutputFormat(name)
        destination = Destination(fmt, out=args.out,
                                  dpi=args.dpi or (600 if fmt is OutputFormat.PDF else 203))
    else:
        fmt = OutputFormat(args.format or "tspl")
        if fmt not in (OutputFormat.TSPL, OutputFormat.ZPL):
            raise ValidationError("label.printer_format", field="format", format=fmt.value)
        destination = Destination(fmt, printer=_printer_address(args.printer),
                                  dpi=args.dpi or 203)
    issued = issue_labels(database, SYSTEM, LabelRequest(
        lot_id, count, template=args.template, net_weights=weights,
        override_reason=args.override_reason), destination)
    first, last = issued.serials[0], issued.serials[-1]
    print(f"{len(issued.serials)} labels of lot {issued.lot}, serials {first}–{last}, "
          f"to {issued.destination}")
    for path in issued.files[:5]:
        print(f"  {path}")
    if len(issued.files) > 5:
        print(f"  … and {len(issued.files) - 5} more files")
    for warning in issued.warnings:
        print(f"warning: {warning}")
    return 0


def run_recall(args: argparse.Namespace, database: Any) -> int:
    from coop_desktop.reports.recall_report import summary_line, write_csv, write_pdf
    from coop_desktop.services.permissions import SYSTEM
    from coop_desktop.services.recall import recall
    from coop_desktop.services.work import reading, the_cooperative

    result = recall(database, SYSTEM, args.code)
    with reading(database, SYSTEM) as session:
        cooperative = the_cooperative(session).name
    try:
        pages = write_pdf(result, args.out, cooperative=cooperative)
        if args.csv is not None:
            write_csv(result, args.csv)
    except OSError as error:
        raise ValidationError("label.file_failed", field="out", path=str(error.filename),
                              reason=error.strerror or str(error)) from error
    print(summary_line(result))
    print(f"{args.out} ({pages} pages){f', {args.csv}' if args.csv else ''}; "
          f"found in {result.elapsed_ms} ms")
    return 0


def run_publish(args: argparse.Namespace, database: Any) -> int:
    from coop_desktop.reports.public_site import write_site
    from coop_desktop.services.permissions import SYSTEM
    from coop_desktop.services.publishing import gather_site

    site = gather_site(database, SYSTEM)
    try:
        pages = write_site(site, args.out)
    except OSError as error:
        raise ValidationError("label.file_failed", field="out", path=str(error.filename),
                              reason=error.strerror or str(error)) from error
    print(f"{pages} pages for {len(site.lots)} lots in {args.out}; upload the folder to "
          f"{site.base_url or 'the traceability address'} (nginx.conf shows the server rule)")
    return 0
