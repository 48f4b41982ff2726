"""Hypothesis on the importers: ``read_table`` on random bytes, random CSV cells in every encoding
it reads and random XLSX cells raises nothing but a domain error and reads back what was written;
``preview`` on random cell contents sorts every row into valid or wrong, writes nothing, and its
valid rows always commit."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from coop_desktop.domain.errors import DomainError
from coop_desktop.domain.models import Animal, AuditEntry, Member, Plot
from coop_desktop.services import imports
from coop_desktop.services.imports import ImportKind, RawRow, RawTable
from coop_desktop.services.members import register_member
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.setup import create_cooperative
from coop_desktop.storage.database import Database
from tests.fuzz.profile import fuzz
from tests.services.builders import audit_ok, rows

HEADERS = ["社员编号", "户主姓名", "村", "入社日期"]
#: Cell text: the characters a clerk's sheet holds (Chinese, digits, punctuation, the CSV
#: delimiters and quotes, full-width forms), and now and then anything printable.
CELL_CHARACTERS = st.sampled_from([*"王李张建国村镇社员号0123456789-./,;\t|，。\"' ＡＢ１２",
                                   "\n", "x", "A"])
CELL = (st.text(alphabet=CELL_CHARACTERS, max_size=12)
        | st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12))


def _table_rows(draw_rows: list[list[str]]) -> list[list[str]]:
    return [[cell.strip() for cell in row] for row in draw_rows]


ROWS = st.lists(st.lists(CELL, min_size=len(HEADERS), max_size=len(HEADERS)),
                min_size=1, max_size=8)


def _read_or_refuse(file: Path) -> RawTable | None:
    refused: DomainError | None = None
    try:
        return imports.read_table(file)
    except DomainError as error:
        refused = error
    assert refused.code.startswith("import."), refused.code
    assert str(refused).strip()
    return None


def _expected(written: list[list[str]]) -> list[tuple[str, ...]]:
    """The rows a reader should give back: cells stripped, trailing blanks and blank rows
    dropped."""
    expected: list[tuple[str, ...]] = []
    for row in written:
        cells = [cell.strip() for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            expected.append(tuple(cells))
    return expected


# --- read_table --------------------------------------------------------------------------------

@fuzz("sheet")
@given(st.binary(min_size=1, max_size=2000)
       | st.binary(max_size=400).map(lambda tail: b"PK\x03\x04" + tail)
       | st.binary(max_size=400).map(lambda tail: "社员编号,姓名\n".encode("gbk") + tail))
@example(b"\xff\xfe")
@example(b"\xef\xbb\xbf")
@example(b'"')
def test_random_bytes_are_read_or_refused_with_a_sentence(tmp_path_factory: pytest.TempPathFactory,
                                                          data: bytes) -> None:
    file = tmp_path_factory.mktemp("bytes") / "random.csv"
    file.write_bytes(data)
    event("read" if _read_or_refuse(file) is not None else "refused")


@fuzz("sheet")
@given(ROWS, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gbk"]),
       st.sampled_from([",", ";", "\t"]))
def test_csv_cells_come_back_as_written(tmp_path_factory: pytest.TempPathFactory,
                                        written: list[list[str]], encoding: str,
                                        delimiter: str) -> None:
    if encoding == "gbk":
        written = [[cell.encode("gbk", "replace").decode("gbk") for cell in row]
                   for row in written]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([HEADERS, *written])
    file = tmp_path_factory.mktemp("csv") / "members.csv"
    file.write_bytes(buffer.getvalue().encode(encoding))
    table = _read_or_refuse(file)
    expected = _expected(written)
    event("read" if table is not None else "refused")
    if not expected:
        assert table is None  # a header and nothing under it: "no rows"
        return
    assert table is not None, "a well-formed CSV under a good header was refused"
    assert table.headers[:len(HEADERS)] == HEADERS
    assert [row.values for row in table.rows] == expected


@fuzz("sheet")
@given(st.lists(st.lists(CELL | st.integers(-10**6, 10**6) | st.none()
                         | st.floats(allow_nan=False, allow_infinity=False, width=32)
                         | st.dates(dt.date(1950, 1, 1), dt.date(2030, 12, 31)) | st.booleans(),
                         min_size=len(HEADERS), max_size=len(HEADERS)),
                min_size=1, max_size=6))
def test_xlsx_cells_are_read_or_refused(tmp_path_factory: pytest.TempPathFactory,
                                        written: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    for row in written:
        sheet.append([_excel_safe(cell) for cell in row])
    file = tmp_path_factory.mktemp("xlsx") / "members.xlsx"
    book.save(file)
    table = _read_or_refuse(file)
    event("read" if table is not None else "refused")
    if table is not None:
        assert table.file_format == "xlsx"
        assert table.headers[:len(HEADERS)] == HEADERS
        assert all(len(row.values) <= len(HEADERS) for row in table.rows)


def _excel_safe(cell: object) -> object:
    """openpyxl refuses control characters in text, and Excel would read '=' as a formula."""
    if isinstance(cell, str):
        return "".join(ch for ch in cell if ch >= " " or ch in "\t\n").lstrip("=")
    return cell


# --- preview and commit ------------------------------------------------------------------------

GOOD = {
    "code": ["M101", "M102", "m103", "Ｍ104", "M 105", "M101"],
    "member_code": ["M001", "m001", "M999"],
    "owner_code": ["M001", "m001", "M404"],
    "name": ["王建国", "李秀英", "张"],
    "id_number": ["620602198001011236", "", "620602198001011234", "62060219800101123X",
                  "620602800101123", "12345"],
    "phone": ["13912345678", "0935-1234567", "139 1234 5678", "12"],
    "household_size": ["4", "4.0", "四", "-1", "0"],
    "poverty_status": ["脱贫户", "监测户", "否", "是", "非"],
    "poverty_since_year": ["2015", "2016", "2035", "15"],
    "joined_on": ["2024-03-01", "2024/3/1", "45352", "2024年3月1日", "20240301", "2099-01-01"],
    "left_on": ["", "", "2023-01-01", "2025-12-31"],
    "payout_account": ["6228480012345678912", "", "abc"],
    "area_mu": ["5.5", "5.5亩", "0", "-2", "1e9"],
    "land_type": ["水浇地", "irrigated", "旱地", "日光温室", "山地"],
    "in_gi_area": ["是", "否", "Y", "maybe"],
    "latitude": ["37.9", "37.95", "95", "北纬37度"],
    "ear_tag": ["162062200000001", "162062200000002", "16206220000000A", "T-01"],
    "species": ["绵羊", "sheep", "牛", "牦牛", "羊", "鸡"],
    "sex": ["公", "母", "F", "?"],
    "birth_date": ["2025-03-01", "2024-12-31", "2099-01-01", "昨天"],
    "dam_tag": ["", "", "162062200000001", "nosuch"],
}


#: The first two samples of each field are values the importer accepts.
def _cell_for(name: str, tidy: bool) -> st.SearchStrategy[str]:
    samples = GOOD.get(name, [])
    if tidy:
        return st.sampled_from(samples[:2]) if samples else st.just("")
    return (st.sampled_from(samples) if samples else st.just("")) | CELL | st.just("")


@st.composite
def kind_and_rows(draw: st.DrawFn) -> tuple[ImportKind, list[str], list[list[str]]]:
    """A kind, its column headers and rows that are half the time tidy (values the importer
    takes, so that commits happen) and otherwise anything."""
    kind = draw(st.sampled_from(list(ImportKind)))
    fields = imports.import_fields(kind)
    tidy = draw(st.booleans())
    row = st.tuples(*[_cell_for(field.name, tidy) for field in fields]).map(list)
    return kind, [field.label_zh for field in fields], draw(st.lists(row, min_size=1,
                                                                     max_size=6))


@pytest.fixture(scope="module")
def cooperative_file(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    file = tmp_path_factory.mktemp("fuzz_imports") / "coop.sqlite"
    shutil.copyfile(sqlite_template, file)
    db = Database.open(str(file))
    try:
        create_cooperative(db, SYSTEM, name="民勤县沙漠人参果专业合作社")
        register_member(db, SYSTEM, code="M001", name="王建国", joined_on="2020-01-01")
    finally:
        db.dispose()
    return file


_COPIES = iter(range(10**9))


def _copy(source: Path, folder: Path) -> Database:
    file = folder / f"example-{next(_COPIES)}.sqlite"
    shutil.copyfile(source, file)
    return Database.open(str(file))


@fuzz("preview")
@given(kind_and_rows())
def test_preview_sorts_every_row_writes_nothing_and_its_valid_rows_commit(
        cooperative_file: Path, tmp_path_factory: pytest.TempPathFactory,
        case: tuple[ImportKind, list[str], list[list[str]]]) -> None:
    kind, headers, cells = case
    table = RawTable(path=Path(f"{kind.value}.xlsx"), headers=headers,
                     rows=[RawRow(number, tuple(row)) for number, row in
                           enumerate(cells, start=2)],
                     header_row=1, file_format="xlsx")
    db = _copy(cooperative_file, tmp_path_factory.mktemp("preview"))
    try:
        models = (Member, Plot, Animal, AuditEntry)
        before = {model: rows(db, model) for model in models}
        checked = imports.preview(db, SYSTEM, kind, table,
                                  imports.suggest_mapping(kind, table.headers))
        assert {model: rows(db, model) for model in models} == before, "preview wrote"
        valid, wrong = set(checked.valid_rows), set(checked.error_rows)
        assert not valid & wrong
        assert valid | wrong == {row.number for row in table.rows}
        assert all(error.message.strip() for error in checked.errors)
        event(f"{kind.value}: {len(checked.valid)} valid of {len(table.rows)}")
        if checked.valid:
            result = imports.commit(db, SYSTEM, kind, checked)
            assert result.written == len(checked.valid)
            audit_ok(db)
    finally:
        db.dispose()
