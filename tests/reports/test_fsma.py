"""The FSMA-204 sortable spreadsheet: exactly the reference's columns, one row per critical
tracking event per lot code, sorted, the header frozen and filtered; the cooperative as the
harvester of record."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

from openpyxl import load_workbook

from coop_desktop.reports.fsma import COLUMNS, FsmaRow, fsma_rows, write_fsma
from coop_desktop.services.exports import gather
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.services.builders import TODAY, days_ago
from tests.services.test_exports import HOUSEHOLD, PHONE, build_story

#: standards.md §5, "Sortable spreadsheet, one row per CTE per TLC".
REFERENCE_COLUMNS = (
    "cte", "tlc", "tlc_source_location", "product_description", "commodity", "variety",
    "quantity", "uom", "event_date", "event_location", "previous_source_location",
    "subsequent_recipient_location", "harvest_farm_location", "field_name", "harvester_name",
    "harvester_phone", "cooling_location", "cooling_date", "ref_doc_type", "ref_doc_number",
)


def test_the_columns_are_the_reference_columns() -> None:
    assert COLUMNS == REFERENCE_COLUMNS
    assert tuple(FsmaRow.__dataclass_fields__) == REFERENCE_COLUMNS


def test_one_row_per_event_per_lot_code(coop: Database, tmp_path: Path) -> None:
    story = build_story(coop, tmp_path)
    rows = fsma_rows(gather(coop, SYSTEM, start=days_ago(30), end=TODAY))
    events = Counter((row.tlc, row.cte) for row in rows)
    assert events == {
        (story.harvested, "harvesting"): 1, (story.harvested, "initial_packing"): 1,
        (story.delivered, "harvesting"): 1, (story.delivered, "initial_packing"): 1,
        (story.slaughtered, "initial_packing"): 1,  # no harvest of a slaughtered animal
        (story.merged, "transformation"): 1,
        (story.labelled, "transformation"): 1, (story.split_rest, "transformation"): 1,
        (story.processed, "transformation"): 1,
        (story.labelled, "shipping"): 4,  # one per shipment line
    }
    assert rows == sorted(rows, key=lambda row: (row.tlc, row.event_date))
    harvest = next(row for row in rows if row.cte == "harvesting" and row.tlc == story.harvested)
    assert harvest.event_date == days_ago(20) and harvest.quantity == 100
    assert harvest.field_name == "P001" and harvest.ref_doc_number == "B001"
    assert harvest.harvester_name == "武威市凉州区瓜果种植专业合作社"
    assert harvest.harvester_phone == "0935-1234567"
    assert "黄羊镇新村" in harvest.harvest_farm_location
    merged = next(row for row in rows if row.tlc == story.merged)
    assert merged.quantity == 145 and f"{story.harvested}, {story.delivered}" in (
        merged.ref_doc_number)
    shipped = [row for row in rows if row.cte == "shipping"]
    assert {row.ref_doc_number for row in shipped} == {"FH-001"}
    assert shipped[0].subsequent_recipient_location == "兰州大青山蔬菜批发市场, 兰州市七里河区"
    assert sum(row.quantity for row in shipped) == 50
    for row in rows:
        assert HOUSEHOLD not in str(row) and PHONE not in str(row)


def test_the_workbook_opens_sorted_frozen_and_filtered(coop: Database, tmp_path: Path) -> None:
    build_story(coop, tmp_path)
    data = gather(coop, SYSTEM, start=days_ago(30), end=TODAY)
    out = tmp_path / "fsma.xlsx"
    assert write_fsma(data, out) == 13
    book = load_workbook(out)
    sheet = book.active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == REFERENCE_COLUMNS
    assert len(values) == 14
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:T14"
    dates = [row[8] for row in values[1:]]
    assert all(isinstance(day, dt.datetime) for day in dates)
    keys = [(row[1], row[8]) for row in values[1:]]
    assert keys == sorted(keys)
    book.close()


def test_the_csv_has_the_same_rows(coop: Database, tmp_path: Path) -> None:
    build_story(coop, tmp_path)
    data = gather(coop, SYSTEM, start=days_ago(30), end=TODAY)
    out = tmp_path / "fsma.csv"
    assert write_fsma(data, out) == 13
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == REFERENCE_COLUMNS and len(rows) == 14
    assert rows[1][8] == days_ago(20).isoformat()
    assert {row[0] for row in rows[1:]} == {"harvesting", "initial_packing", "transformation",
                                            "shipping"}


def test_an_empty_period_gives_the_header_alone(coop: Database, tmp_path: Path) -> None:
    build_story(coop, tmp_path)
    out = tmp_path / "empty.xlsx"
    assert write_fsma(gather(coop, SYSTEM, start=days_ago(500), end=days_ago(400)), out) == 0
    book = load_workbook(out)
    assert list(book.active.iter_rows(values_only=True)) == [REFERENCE_COLUMNS]
    book.close()
