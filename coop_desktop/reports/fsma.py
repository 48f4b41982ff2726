"""The FSMA-204 electronic sortable spreadsheet (21 CFR 1 Subpart S; standards.md §5): one row
per critical tracking event per traceability lot code, with the key data elements in the
columns the reference lists, sorted by lot code and then date, as XLSX (header frozen and
filtered) or CSV (UTF-8 with BOM).

The events the records hold: harvesting (each harvest or member delivery that went into a
first-generation lot), initial packing (the first-generation lot, where its TLC is assigned),
transformation (each lot a split, merge or processing step made) and shipping (each shipment
line). Cooling before packing and receiving from another firm are not recorded by the program,
so no rows of those kinds appear (their columns stay in the sheet).

The cooperative is the harvester of record: its name and phone fill ``harvester_name`` and
``harvester_phone``; no member household's name or phone appears anywhere.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import astuple, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from coop_desktop.services.exports import ExportData, LotRow

COLUMNS: tuple[str, ...] = (
    "cte", "tlc", "tlc_source_location", "product_description", "commodity", "variety",
    "quantity", "uom", "event_date", "event_location", "previous_source_location",
    "subsequent_recipient_location", "harvest_farm_location", "field_name", "harvester_name",
    "harvester_phone", "cooling_location", "cooling_date", "ref_doc_type", "ref_doc_number",
)
#: The order of events of one lot on one day.
CTE_ORDER = {"harvesting": 0, "cooling": 1, "initial_packing": 2, "receiving": 3,
             "transformation": 4, "shipping": 5}


@dataclass(frozen=True)
class FsmaRow:
    cte: str
    tlc: str
    tlc_source_location: str
    product_description: str
    commodity: str
    variety: str
    quantity: Decimal
    uom: str
    event_date: dt.date
    event_location: str
    previous_source_location: str = ""
    subsequent_recipient_location: str = ""
    harvest_farm_location: str = ""
    field_name: str = ""
    harvester_name: str = ""
    harvester_phone: str = ""
    cooling_location: str = ""
    cooling_date: dt.date | None = None
    ref_doc_type: str = ""
    ref_doc_number: str = ""


def _describe(lot: LotRow) -> str:
    name = f"{lot.product_en} ({lot.product_zh})" if lot.product_en else lot.product_zh
    return f"{name}, grade {lot.grade}" if lot.grade else name


def fsma_rows(data: ExportData) -> list[FsmaRow]:
    coop = data.cooperative
    site = ", ".join(part for part in (coop.name, coop.address or coop.place) if part)
    lots = data.lots
    rows: list[FsmaRow] = []

    def row(cte: str, lot: LotRow, quantity: Decimal, day: dt.date, **extra: Any) -> None:
        rows.append(FsmaRow(cte, lot.code, site, _describe(lot), lot.product_en or lot.product_zh,
                            lot.variety, quantity, lot.unit, day, **extra))

    for item in data.commissionings:
        lot = lots[item.lot_id]
        farms = sorted({source.village for source in item.sources if source.village})
        fields_ = sorted({f"{source.plot_code} {source.field_name}".strip()
                          for source in item.sources if source.plot_code or source.field_name})
        farm = "; ".join(f"{village}, {coop.place}" for village in farms) or coop.place
        grower = {"harvester_name": coop.name, "harvester_phone": coop.phone}
        for source in item.sources:
            if source.kind == "animal":
                continue
            row("harvesting", lot, source.quantity, source.day,
                event_location=f"{source.village}, {coop.place}" if source.village else farm,
                subsequent_recipient_location=site, harvest_farm_location=farm,
                field_name=f"{source.plot_code} {source.field_name}".strip(),
                ref_doc_type="harvest record" if source.kind == "harvest" else "delivery note",
                ref_doc_number=source.reference, **grower)
        row("initial_packing", lot, lot.quantity, item.day, event_location=site,
            previous_source_location=farm, harvest_farm_location=farm,
            field_name="; ".join(fields_), ref_doc_type="lot record", ref_doc_number=lot.code,
            **grower)
    for step in data.transformations:
        inputs = ", ".join(lots[lot_id].code for lot_id, _ in step.inputs)
        for lot_id, amount in step.outputs:
            row("transformation", lots[lot_id], amount, step.day, event_location=site,
                previous_source_location=site, ref_doc_type=f"{step.kind} record",
                ref_doc_number=f"T{step.id} from {inputs}")
    for line in data.shipments:
        customer = ", ".join(part for part in (line.customer_name, line.customer_address)
                             if part)
        row("shipping", lots[line.lot_id], line.quantity, line.shipped_on, event_location=site,
            previous_source_location=site, subsequent_recipient_location=customer,
            ref_doc_type="despatch note", ref_doc_number=line.shipment_code)
    rows.sort(key=lambda item: (item.tlc, item.event_date, CTE_ORDER[item.cte],
                                item.ref_doc_number))
    return rows


def _cell(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return "" if value is None else value


def _text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    return "" if value is None else str(value)


def write_fsma(data: ExportData, path: Path) -> int:
    """Write ``path`` (.xlsx or .csv); returns the number of rows. Written to a temporary
    name first, so a failed write leaves no half file."""
    rows = fsma_rows(data)
    partial = path.with_name(path.name + ".part")
    try:
        if path.suffix.lower() == ".csv":
            with partial.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(COLUMNS)
                writer.writerows([_text(value) for value in astuple(item)] for item in rows)
        else:
            _write_xlsx(rows, partial)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return len(rows)


def _write_xlsx(rows: list[FsmaRow], path: Path) -> None:
    from openpyxl import Workbook  # a tenth of a second: only when exporting
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "FSMA 204"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in rows:
        sheet.append([_cell(value) for value in astuple(item)])
    for index, name in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        for cell in sheet[letter][1:]:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
        sheet.column_dimensions[letter].width = max(12, min(40, len(name) + 4))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    book.save(path)
