"""Export a list as the user sees it: CSV (UTF-8 with BOM, which Excel opens correctly on a
Chinese Windows) or XLSX, written row by row so a million labels fit in memory."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from coop_desktop.domain.errors import ValidationError

Progress = Callable[[int, int], bool]


def export_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[str]],
                 total: int, progress: Progress | None = None) -> int:
    """Write the rows; returns how many were written. A cancel leaves no file behind."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValidationError("value.bad_choice", field="file", value=path.name,
                              choices=".csv, .xlsx")
    partial = path.with_name(path.name + ".part")
    written = 0
    try:
        if suffix == ".csv":
            with partial.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(headers)
                for row in rows:
                    writer.writerow(row)
                    written += 1
                    if progress is not None and written % 500 == 0 and not progress(written,
                                                                                       total):
                        raise _Cancelled
        else:
            from openpyxl import Workbook  # a tenth of a second: only when exporting

            book = Workbook(write_only=True)
            sheet = book.create_sheet()
            sheet.append(list(headers))
            for row in rows:
                sheet.append(list(row))
                written += 1
                if progress is not None and written % 500 == 0 and not progress(written, total):
                    raise _Cancelled
            book.save(partial)
        partial.replace(path)
    except _Cancelled:
        partial.unlink(missing_ok=True)
        return 0
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(written, total)
    return written


class _Cancelled(Exception):
    pass
