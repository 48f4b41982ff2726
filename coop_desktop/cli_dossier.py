"""``coop-desktop dossier``: a certificate's (or a scheme's) records for a period, for the
auditor: the PDF and the ZIP bundle (tables as XLSX and CSV, documents, SHA-256 manifest).

    coop-desktop dossier CERT_NO --from DATE --to DATE --out DIR [--lang zh|en]
    coop-desktop dossier --scheme organic|green_food|gi|gap --from DATE --to DATE --out DIR
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path
from typing import Any

from coop_desktop.domain.errors import ValidationError

SCHEMES = ("organic", "green_food", "gi", "gap")


def add_commands(commands: Any) -> None:
    dossier = commands.add_parser("dossier", help="a certificate's dossier for an auditor: "
                                                  "PDF and a ZIP of its tables and documents")
    dossier.add_argument("certificate", metavar="CERT_NO", nargs="?",
                         help="the certificate's number (or give --scheme)")
    dossier.add_argument("--scheme", choices=SCHEMES,
                         help="every certificate of a scheme valid in the period")
    dossier.add_argument("--from", dest="start", required=True, metavar="DATE")
    dossier.add_argument("--to", dest="end", required=True, metavar="DATE")
    dossier.add_argument("--out", type=Path, required=True, metavar="DIR")
    dossier.add_argument("--lang", dest="dossier_lang", choices=("zh", "en"), default=None,
                         help="the dossier's language (default: the program's)")


def _date(text: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError("date.bad_format", field=field, value=text) from None


def run(args: argparse.Namespace, database: Any) -> int:
    from coop_desktop.domain import i18n
    from coop_desktop.reports.dossier_bundle import write_bundle
    from coop_desktop.reports.dossier_pdf import write_dossier_pdf
    from coop_desktop.services.dossier import build_dossier
    from coop_desktop.services.permissions import SYSTEM

    if not args.certificate and not args.scheme:
        raise ValidationError("value.required", field="CERT_NO")
    start, end = _date(args.start, "--from"), _date(args.end, "--to")
    language = args.dossier_lang or i18n.language()
    dossier = build_dossier(database, SYSTEM, start=start, end=end,
                            certificate=args.certificate, scheme=args.scheme)
    name = re.sub(r"[^A-Za-z0-9-]+", "_", args.certificate or args.scheme)
    stem = f"dossier-{name}-{start}-{end}-{language}"
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        pdf = args.out / f"{stem}.pdf"
        pages = write_dossier_pdf(dossier, pdf, language)
        bundle = args.out / f"{stem}.zip"
        manifest = write_bundle(dossier, pdf, bundle, language)
    except OSError as error:
        raise ValidationError("label.file_failed", field="out", path=str(args.out),
                              reason=error.strerror or str(error)) from error
    print(f"{pdf} ({pages} pages, {dossier.member_count} members, {dossier.lot_count} lots)")
    print(f"{bundle} ({len(manifest)} files, manifest SHA-256)")
    print(f"{len(dossier.gaps)} gaps stated in the dossier")
    return 0
