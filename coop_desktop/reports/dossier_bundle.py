"""The dossier's bundle: the PDF, the same tables as CSV and XLSX, the attached documents, and a
manifest of SHA-256 hashes, in one ZIP (the pattern of LiteFarm's certification export;
labels-and-printing.md §8.5).

``MANIFEST.sha256`` lists every other file of the ZIP in the ``sha256sum`` format, so an auditor
can check it with ordinary tools; ``manifest.json`` says the same with the dossier's snapshot.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from coop_desktop.services.dossier import Dossier, DossierTable


def _csv(table: DossierTable, language: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.zh if language == "zh" else column.en for column in table.columns])
    writer.writerows(table.rows)
    return buffer.getvalue().encode("utf-8-sig")  # with BOM: Excel on Chinese Windows


def _xlsx(dossier: Dossier, language: str) -> bytes:
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E3EDE4")
    for table in dossier.tables():
        title = (table.zh if language == "zh" else table.en)[:28]
        name, number = title, 2
        while name in used:
            name, number = f"{title[:25]} {number}", number + 1
        used.add(name)
        sheet = book.create_sheet(name)
        sheet.append([column.zh if language == "zh" else column.en
                      for column in table.columns])
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
        for row in table.rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
        if table.rows:
            sheet.auto_filter.ref = sheet.dimensions
        for index, column in enumerate(table.columns, start=1):
            width = max([len(column.zh) * 2, len(column.en)]
                        + [len(row[index - 1]) for row in table.rows[:200]])
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(
                max(width + 2, 8), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_bundle(dossier: Dossier, pdf: Path, out: Path, language: str = "zh") -> dict[str, str]:
    """Write the ZIP ``out`` holding ``pdf`` and everything else; the manifest (name → hash)."""
    files: dict[str, bytes] = {pdf.name: pdf.read_bytes()}
    for table in dossier.tables():
        files[f"tables/{table.key}.csv"] = _csv(table, language)
    files["tables/tables.xlsx"] = _xlsx(dossier, language)
    for document in dossier.documents:
        files[f"documents/{document.folder}/{document.filename}"] = document.content
    manifest = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}
    summary = {"cooperative": dossier.cooperative, "subject": dossier.subject_en,
               "period": [dossier.start.isoformat(), dossier.end.isoformat()],
               "generated_at": dossier.generated_at.isoformat(timespec="seconds"),
               "snapshot_sha256": dossier.snapshot, "files": manifest}
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, data in sorted(files.items()):
            bundle.writestr(name, data)
        bundle.writestr("manifest.json", json.dumps(summary, ensure_ascii=False, indent=1))
        bundle.writestr("MANIFEST.sha256", "".join(f"{digest}  {name}\n"
                                                   for name, digest in manifest.items()))
    return manifest
