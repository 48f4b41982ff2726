"""Importing members, plots and animals from real XLSX and CSV files: preview, mapping, a
row-by-row list of errors, and nothing written unless the valid rows are accepted."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from coop_desktop.domain import i18n
from coop_desktop.domain.errors import DomainError, PermissionDenied, ValidationError
from coop_desktop.domain.id_numbers import id_check_char, mask_id_number
from coop_desktop.domain.models import (
    Animal,
    AnimalEvent,
    AnimalEventKind,
    AuditEntry,
    LandType,
    Member,
    Plot,
    PovertyStatus,
    Role,
    Sex,
    Species,
)
from coop_desktop.services import imports
from coop_desktop.services.imports import (
    ImportCancelled,
    ImportKind,
    ImportPreview,
    commit,
    parse_date,
    preview,
    read_table,
    suggest_mapping,
)
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import audit_ok, counts, make_member, nothing_new, rows

DATA = Path(__file__).resolve().parents[1] / "data" / "imports"
TODAY = dt.date.today()
MEMBER_HEADERS = ["社员编号", "户主姓名", "身份证号码", "联系电话", "乡镇", "村", "家庭人口",
                  "脱贫户", "入社日期"]


def id_number(birth: str = "19700101", seq: str = "001", area: str = "620602") -> str:
    first = f"{area}{birth}{seq}"
    return first + id_check_char(first)


def with_wrong_check_digit(number: str) -> str:
    wrong = "0" if number[-1] != "0" else "1"
    return number[:-1] + wrong


def write_xlsx(path: Path, table: Sequence[Sequence[Any]], title: str | None = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title:
        sheet.title = title
    for values in table:
        sheet.append(list(values))
    workbook.save(path)
    return path


def write_csv(path: Path, table: Sequence[Sequence[Any]], *, encoding: str = "utf-8",
              delimiter: str = ",", bom: bool = False) -> Path:
    text = "\r\n".join(delimiter.join(str(value) for value in values) for values in table)
    data = (text + "\r\n").encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def member_rows(count: int, start: int = 1) -> list[list[Any]]:
    """Rows of the member headers, each with its own valid ID number."""
    def unique_id(number: int) -> str:
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=number)
        return id_number(birth.strftime("%Y%m%d"), f"{number % 1000:03d}")

    return [[f"M{number:03d}", f"社员{number}", unique_id(number), f"139093{number:05d}",
             "黄羊镇", "新村", 3, "否", "2018-05-01"] for number in range(start, start + count)]


def previewed(db: Database, kind: str, path: Path, **read: Any) -> ImportPreview:
    table = read_table(path, **read)
    return preview(db, SYSTEM, kind, table, suggest_mapping(kind, table.headers))


def errors_by_row(result: ImportPreview) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for error in result.errors:
        found.setdefault(error.row, []).append(error.code)
    return found


def member_codes(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.execute(select(Member.code).order_by(Member.id)).scalars())


# --- reading files ------------------------------------------------------------------------------

def test_xlsx_with_title_row_and_chinese_headers(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "社员名册.xlsx", [
        ["武威市凉州区瓜果种植专业合作社社员名册"],
        [],
        ["序号", *MEMBER_HEADERS],
        [1, "M001", "张建国", id_number(), 13909351234, "黄羊镇", "新村", 4, "是",
         dt.datetime(2018, 5, 1)],
        [],
        [2, "M002", "李秀英", "", "", "黄羊镇", "新村", 3.0, "", 43466],
    ], title="社员")
    table = read_table(path)
    assert (table.file_format, table.sheet, table.sheets, table.header_row) == (
        "xlsx", "社员", ["社员"], 3)
    assert table.headers == ["序号", *MEMBER_HEADERS]
    assert [row.number for row in table.rows] == [4, 6]
    assert table.rows[0].values[4:] == ("13909351234", "黄羊镇", "新村", "4", "是", "2018-05-01")
    assert table.rows[1].values[7] == "3" and table.rows[1].values[9] == "43466"


def test_csv_utf8_with_bom(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", [MEMBER_HEADERS, *member_rows(2)], bom=True)
    table = read_table(path)
    assert (table.file_format, table.encoding, table.delimiter) == ("csv", "utf-8-sig", ",")
    assert table.headers == MEMBER_HEADERS  # no BOM glued to the first column's name
    assert [row.values[1] for row in table.rows] == ["社员1", "社员2"]
    assert [row.number for row in table.rows] == [2, 3]


def test_csv_in_gbk_is_read_as_gb18030() -> None:
    table = read_table(DATA / "members_gbk.csv")
    assert (table.encoding, table.delimiter) == ("gb18030", ",")
    assert [row.values[1] for row in table.rows] == ["马玉兰", "张福寿", "祁彩霞"]
    assert [row.values[5] for row in table.rows] == ["新地村", "上庄村", "蔡家寨村"]


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_delimiter_is_found(tmp_path: Path, delimiter: str) -> None:
    table_rows = [MEMBER_HEADERS, *member_rows(3)]
    table_rows[1][1] = "张, 建国" if delimiter != "," else "张建国"
    path = write_csv(tmp_path / "m.csv", table_rows, delimiter=delimiter)
    table = read_table(path)
    assert table.delimiter == delimiter
    assert table.headers == MEMBER_HEADERS
    assert len(table.rows[0].values) == len(MEMBER_HEADERS)


def test_excel_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("sep=;\n社员编号;户主姓名\nM001;张三\n", encoding="utf-8")
    table = read_table(path)
    assert (table.delimiter, table.headers, table.header_row) == (";", ["社员编号", "户主姓名"], 2)
    assert table.rows[0].number == 3


def test_full_width_commas_and_line_breaks_inside_cells(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("社员编号，户主姓名，备注\nM1，张三，\"家里两人,种瓜\"\nM2，李四，\n",
                    encoding="utf-8")
    table = read_table(path)
    assert (table.delimiter, table.headers) == ("，", ["社员编号", "户主姓名", "备注"])
    path.write_text('社员编号,户主姓名,备注\nM1,张三,"第一行\n第二行，种瓜"\nM2,李四,\n',
                    encoding="utf-8")
    table = read_table(path)
    assert table.delimiter == ","
    assert [(row.number, row.values) for row in table.rows] == [
        (2, ("M1", "张三", "第一行\n第二行，种瓜")), (3, ("M2", "李四"))]


def test_utf16_text_from_excel(tmp_path: Path) -> None:
    path = tmp_path / "m.txt"
    path.write_bytes("社员编号\t户主姓名\r\nM001\t张三\r\n".encode("utf-16"))
    table = read_table(path)
    assert (table.encoding, table.delimiter, table.rows[0].values) == (
        "utf-16", "\t", ("M001", "张三"))


def _set_cached_value(path: Path, formula: str, value: str) -> None:
    """Give a formula written by openpyxl the cached result Excel would have saved."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    # openpyxl writes an empty <v /> with its own writer and <v></v> when lxml is installed.
    empty = re.compile(rf"<f>{re.escape(formula)}</f><v\s*/>|<f>{re.escape(formula)}</f><v></v>")
    assert empty.search(sheet)
    parts["xl/worksheets/sheet1.xml"] = empty.sub(
        f"<f>{formula}</f><v>{value}</v>", sheet).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_formula_gives_its_cached_value_and_without_one_a_row_error(
        tmp_path: Path, coop: Database) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", [
        MEMBER_HEADERS,
        ["M001", "张建国", "", "", "黄羊镇", "新村", "=2+2", "", "2018-05-01"],
        ["M002", "李秀英", "", "", "黄羊镇", "新村", "=B3*2", "", "2018-05-01"],
        ["M003", "王芳", "", "", "黄羊镇", "新村", "#DIV/0!", "", "2018-05-01"],
    ])
    _set_cached_value(path, "2+2", "4")
    table = read_table(path)
    assert table.rows[0].values[6] == "4" and not table.rows[0].problems
    assert table.rows[1].problems == {6: ("import.formula_no_value", "=B3*2")}
    result = preview(coop, SYSTEM, "members", table, suggest_mapping("members", table.headers))
    assert errors_by_row(result) == {3: ["import.formula_no_value"], 4: ["import.cell_error"]}
    assert result.errors[0].field == "household_size"
    assert result.errors[0].column == "家庭人口"
    assert "never calculated" in result.errors[0].message
    assert result.valid[0].values["household_size"] == 4


def test_dates_in_every_form_a_clerk_types(tmp_path: Path, coop: Database) -> None:
    forms: list[Any] = ["2024-03-01", "2024/3/1", "2024年3月1日", "2024.3.1", "20240301",
                        dt.datetime(2024, 3, 1), dt.date(2024, 3, 1), 45352, "45352",
                        "2024-03-01 00:00:00", "２０２４－０３－０１"]
    path = write_xlsx(tmp_path / "d.xlsx", [["社员编号", "户主姓名", "入社日期"]] + [
        [f"M{index:02d}", "张三", form] for index, form in enumerate(forms)])
    result = previewed(coop, "members", path)
    assert result.errors == []
    assert {row.values["joined_on"] for row in result.valid} == {dt.date(2024, 3, 1)}


@pytest.mark.parametrize(("text", "code"), [
    ("2023-02-29", "date.impossible"), ("2024年13月1日", "date.impossible"),
    ("20240231", "date.impossible"), ("3/1/2024", "date.bad_format"),
    ("last spring", "date.bad_format"), ("", "value.required"),
])
def test_dates_that_are_not_days(text: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date(text, "joined_on")
    assert caught.value.code == code


def test_serial_numbers_of_a_1904_workbook(tmp_path: Path, coop: Database) -> None:
    """Old Mac workbooks count days from 1904: the same day has a serial 1462 smaller."""
    assert parse_date("45352", "d") == dt.date(2024, 3, 1)
    assert parse_date("43890", "d", dt.date(1904, 1, 1)) == dt.date(2024, 3, 1)
    workbook = openpyxl.Workbook()
    workbook.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    workbook.active.append(["社员编号", "户主姓名", "入社日期"])
    workbook.active.append(["M1", "张三", 43890])
    workbook.active.append(["M2", "李四", dt.datetime(2024, 3, 1)])
    workbook.save(tmp_path / "mac.xlsx")
    table = read_table(tmp_path / "mac.xlsx")
    assert table.epoch == dt.date(1904, 1, 1)
    result = preview(coop, SYSTEM, "members", table, suggest_mapping("members", table.headers))
    assert [row.values["joined_on"] for row in result.valid] == [dt.date(2024, 3, 1)] * 2


# --- files that cannot be imported ----------------------------------------------------------------

def _zip_of_something_else(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photos/sheep.jpg", b"\xff\xd8\xff\xe0 not really a photo")


def _truncated_xlsx(path: Path) -> None:
    whole = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active.append(MEMBER_HEADERS)
    workbook.save(whole)
    path.write_bytes(whole.getvalue()[:1500])


@pytest.mark.parametrize(("name", "make", "code"), [
    ("empty.csv", lambda path: path.write_bytes(b""), "import.empty"),
    ("blank.csv", lambda path: path.write_text("\r\n ,, \r\n\r\n", encoding="utf-8"),
     "import.empty"),
    ("header.csv", lambda path: path.write_text(",".join(MEMBER_HEADERS) + "\n",
                                                encoding="utf-8"), "import.no_rows"),
    ("header.xlsx", lambda path: write_xlsx(path, [MEMBER_HEADERS]), "import.no_rows"),
    ("nothing.xlsx", lambda path: write_xlsx(path, []), "import.empty"),
    ("data.csv", lambda path: write_csv(path, member_rows(3)), "import.no_header"),
    ("random.csv", lambda path: path.write_bytes(os.urandom(4096)), "import.not_table"),
    ("random.xlsx", lambda path: path.write_bytes(b"\x00\x01garbage" + os.urandom(2048)),
     "import.not_table"),
    ("photos.xlsx", _zip_of_something_else, "import.not_xlsx"),
    ("broken.xlsx", _truncated_xlsx, "import.unreadable"),
    ("old.xls", lambda path: path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
     "import.xls"),
])
def test_unreadable_files_are_refused_with_a_sentence(tmp_path: Path, name: str, make: Any,
                                                      code: str) -> None:
    path = tmp_path / name
    make(path)
    with pytest.raises(ValidationError) as caught:
        read_table(path)
    assert caught.value.code == code
    assert name in str(caught.value) or code == "import.file_missing"
    assert "Traceback" not in str(caught.value)


def test_missing_file_and_missing_sheet(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        read_table(tmp_path / "nowhere.xlsx")
    assert caught.value.code == "import.file_missing"
    path = write_xlsx(tmp_path / "m.xlsx", [MEMBER_HEADERS, member_rows(1)[0]], title="社员")
    with pytest.raises(ValidationError) as caught:
        read_table(path, sheet="地块")
    assert caught.value.code == "import.sheet_missing"
    assert "社员" in str(caught.value)


def test_too_many_rows_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", [MEMBER_HEADERS, *member_rows(30)])
    assert len(read_table(path, max_rows=30).rows) == 30
    with pytest.raises(ValidationError) as caught:
        read_table(path, max_rows=29)
    assert caught.value.code == "import.too_many_rows"
    assert "29" in str(caught.value)
    assert imports.MAX_ROWS == 200_000


def test_unreadable_file_sentences_in_chinese(tmp_path: Path) -> None:
    i18n.set_language("zh")
    path = tmp_path / "旧名册.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    with pytest.raises(ValidationError) as caught:
        read_table(path)
    assert "另存为 .xlsx" in str(caught.value)


# --- column mapping -------------------------------------------------------------------------------

def test_mapping_from_chinese_and_english_names() -> None:
    assert suggest_mapping("members", ["序号", "社员编号", "户主姓名", "身份证号码（18位）",
                                       "手机号", "所在乡镇", "村名", "家庭人口数", "监测户",
                                       "入社时间", "备注"]) == {
        "code": 1, "name": 2, "id_number": 3, "phone": 4, "township": 5, "village": 6,
        "household_size": 7, "poverty_status": 8, "joined_on": 9, "notes": 10}
    assert suggest_mapping(ImportKind.MEMBERS, ["Member code", "Name", "ID Number", "Phone",
                                                "Village", "Township", "Household size",
                                                "Joined"]) == {
        "code": 0, "name": 1, "id_number": 2, "phone": 3, "village": 4, "township": 5,
        "household_size": 6, "joined_on": 7}
    assert suggest_mapping("plots", ["地块编号", "社员编号", "户主姓名", "面积（亩）",
                                     "土地类型", "村", "地理标志"]) == {
        "code": 0, "member_code": 1, "member_name": 2, "area_mu": 3, "land_type": 4,
        "village": 5, "in_gi_area": 6}
    assert suggest_mapping("animals", ["耳标号", "电子耳标", "畜种", "品种", "性别", "出生日期",
                                       "畜主社员编号", "母畜耳标", "父畜耳标", "群"]) == {
        "ear_tag": 0, "eid": 1, "species": 2, "breed": 3, "sex": 4, "birth_date": 5,
        "owner_code": 6, "dam_tag": 7, "sire_tag": 8, "herd": 9}


def test_mapping_finds_names_inside_longer_column_names() -> None:
    mapping = suggest_mapping("members", ["*社员编号（必填）", "户主姓名*", "户主身份证编号",
                                          "入社日期(年-月-日)"])
    assert mapping == {"code": 0, "name": 1, "id_number": 2, "joined_on": 3}
    assert imports.import_fields("plots")[0].label() == "plot code"


def test_wrong_columns_give_one_clear_error_and_nothing_written(tmp_path: Path,
                                                                coop: Database) -> None:
    path = write_csv(tmp_path / "sales.csv", [["日期", "品名", "数量", "单价"],
                                              ["2024-03-01", "白兰瓜", "120", "3.5"]])
    before = counts(coop, Member, AuditEntry)
    table = read_table(path)
    with pytest.raises(ValidationError) as caught:
        preview(coop, SYSTEM, "members", table, suggest_mapping("members", table.headers))
    assert caught.value.code == "import.missing_columns"
    assert str(caught.value).startswith("No column is chosen for member code, head of "
                                        "household, joined on;")
    nothing_new(coop, before)


def test_a_column_chosen_twice_is_refused(tmp_path: Path, coop: Database) -> None:
    table = read_table(write_csv(tmp_path / "m.csv", [MEMBER_HEADERS, *member_rows(1)]))
    mapping: dict[str, int | None] = {**suggest_mapping("members", table.headers),
                                      "village": 4, "phone": None}
    with pytest.raises(ValidationError) as caught:
        preview(coop, SYSTEM, "members", table, mapping)
    assert caught.value.code == "import.column_twice"
    assert "乡镇" in str(caught.value)


# --- members --------------------------------------------------------------------------------------

def test_xlsx_members_imported_with_audit(tmp_path: Path, coop: Database) -> None:
    first = id_number("19680312", "024")
    path = write_xlsx(tmp_path / "社员.xlsx", [
        MEMBER_HEADERS,
        ["M001", "马玉兰", first, 13909351234, "黄羊镇", "新地村", 5, "是",
         dt.datetime(2016, 4, 1)],
        ["M002", "张福寿", "", "", "清源镇", "上庄村", "4人", "", "2017/3/15"],
        ["M003", "祁彩霞", "", "", "清源镇", "蔡家寨村", "", "监测对象", "2018年6月1日"],
    ])
    before_audit = rows(coop, AuditEntry)
    result = previewed(coop, "members", path)
    assert (result.errors, result.valid_rows, result.total_rows) == ([], [2, 3, 4], 3)
    assert rows(coop, Member) == 0  # a preview writes nothing
    done = commit(coop, SYSTEM, "members", result)
    assert (done.written, done.skipped_rows, len(done.ids)) == (3, [], 3)
    with coop.read() as session:
        members = {member.code: member for member in session.execute(select(Member)).scalars()}
        entries = session.execute(select(AuditEntry).where(AuditEntry.entity == "members")
                                  .order_by(AuditEntry.id)).scalars().all()
        ma = members["M001"]
        assert (ma.name, ma.id_number, ma.phone, ma.township, ma.village, ma.household_size,
                ma.poverty_status, ma.joined_on) == (
            "马玉兰", first, "13909351234", "黄羊镇", "新地村", 5, PovertyStatus.REGISTERED,
            dt.date(2016, 4, 1))
        assert members["M002"].household_size == 4
        assert members["M002"].poverty_status == PovertyStatus.NONE
        assert members["M003"].poverty_status == PovertyStatus.MONITORED
        assert members["M003"].household_size == 1
        entries = [(entry.action, entry.entity_code, entry.reason) for entry in entries]
    assert entries == [
        ("create", "M001", "import 社员.xlsx row 2"), ("create", "M002", "import 社员.xlsx row 3"),
        ("create", "M003", "import 社员.xlsx row 4")]
    assert rows(coop, AuditEntry) == before_audit + 3
    assert audit_ok(coop)


def test_gbk_csv_members(coop: Database) -> None:
    result = previewed(coop, "members", DATA / "members_gbk.csv")
    assert result.errors == []
    commit(coop, SYSTEM, "members", result)
    with coop.read() as session:
        found = session.execute(select(Member.name, Member.village, Member.poverty_status)
                                .order_by(Member.code)).all()
    assert [tuple(row) for row in found] == [
        ("马玉兰", "新地村", PovertyStatus.REGISTERED), ("张福寿", "上庄村", PovertyStatus.NONE),
        ("祁彩霞", "蔡家寨村", PovertyStatus.MONITORED)]
    assert audit_ok(coop)


def test_a_yes_in_a_monitoring_column_means_monitored(tmp_path: Path, coop: Database) -> None:
    path = write_csv(tmp_path / "m.csv", [["社员编号", "户主姓名", "入社日期", "是否监测户"],
                                          ["M1", "张三", "2019-01-01", "是"],
                                          ["M2", "李四", "2019-01-01", "否"]])
    result = previewed(coop, "members", path)
    assert [row.values["poverty_status"] for row in result.valid] == [
        PovertyStatus.MONITORED, PovertyStatus.NONE]


def test_three_bad_rows_listed_and_only_valid_rows_written(tmp_path: Path,
                                                           coop: Database) -> None:
    good = member_rows(6)
    good[1][2] = with_wrong_check_digit(good[1][2])  # row 3: wrong ID check digit
    good[3][0] = "M002"  # row 5: the code of row 3 again
    good[4][8] = "2023-02-29"  # row 6: no such day
    path = write_xlsx(tmp_path / "名册.xlsx", [MEMBER_HEADERS, *good])
    before = counts(coop, Member, AuditEntry)
    result = previewed(coop, "members", path)
    assert result.error_rows == [3, 5, 6]
    assert errors_by_row(result) == {3: ["id_number.check_digit"],
                                     5: ["import.duplicate_in_file"],
                                     6: ["date.impossible"]}
    messages = {error.row: (error.column, error.message) for error in result.errors}
    assert messages[3][0] == "身份证号码"
    assert messages[3][1] == (f"ID number {mask_id_number(good[1][2])} has a wrong check digit; "
                              "check for a typing error.")
    assert good[1][2] not in messages[3][1]  # personal numbers never shown whole
    assert messages[5] == ("社员编号", "member code 'M002' appears more than once in the file "
                                        "(first in row 3).")
    assert messages[6] == ("入社日期", "joined on '2023-02-29' is not a real day of the "
                                       "calendar.")
    assert result.valid_rows == [2, 4, 7]
    nothing_new(coop, before)  # nothing is written unless the valid rows are accepted

    done = commit(coop, SYSTEM, "members", result)
    assert (done.written, done.skipped_rows) == (3, [3, 5, 6])
    assert member_codes(coop) == ["M001", "M003", "M006"]
    assert rows(coop, AuditEntry) == before[AuditEntry] + 3
    assert audit_ok(coop)


def test_duplicates_against_the_database(tmp_path: Path, coop: Database) -> None:
    taken = id_number("19550505", "777")
    make_member(coop, "M001", id_number=taken)
    table_rows = member_rows(3)
    table_rows[2][2] = taken
    table_rows[1][2] = table_rows[0][2] = id_number("19800101", "555")
    result = previewed(coop, "members", write_csv(tmp_path / "m.csv",
                                                  [MEMBER_HEADERS, *table_rows]))
    assert errors_by_row(result) == {2: ["duplicate"], 3: ["import.duplicate_in_file"],
                                     4: ["duplicate"]}
    assert result.errors[0].message == "member with member code 'M001' already exists."
    assert taken not in result.errors[2].message
    assert mask_id_number(taken) in result.errors[2].message


def test_each_wrong_cell_of_a_row_is_listed(tmp_path: Path, coop: Database) -> None:
    path = write_csv(tmp_path / "m.csv", [
        MEMBER_HEADERS,
        ["M 1", "", "12345", "", "", "", "0", "可能", (TODAY + dt.timedelta(days=3)).isoformat()],
        ["M2", "名" * 101, "1.10105194912310E+17", "", "", "", "3", "否", "2019-01-01"],
    ])
    result = previewed(coop, "members", path)
    assert errors_by_row(result) == {
        2: ["code.format", "value.required", "date.future", "id_number.format",
            "value.not_positive", "value.bad_choice"],
        3: ["value.too_long", "import.id_as_number"]}
    assert "12345" not in " ".join(error.message for error in result.errors)
    choice = next(error for error in result.errors if error.code == "value.bad_choice")
    assert "registered" in choice.message
    assert result.valid == []
    assert commit(coop, SYSTEM, "members", result).written == 0
    assert rows(coop, Member) == 0


def test_row_errors_in_chinese(tmp_path: Path, coop: Database) -> None:
    i18n.set_language("zh")
    path = write_csv(tmp_path / "m.csv", [
        MEMBER_HEADERS, ["M1", "张三", "", "", "", "", "3", "也许", "2019-01-01"]])
    result = previewed(coop, "members", path)
    assert result.errors[0].message == (
        "脱贫户/监测户 只能是 非脱贫户, 建档立卡户, 监测户 之一（当前为 '也许'）。")


def test_committed_preview_refused_when_the_database_changed(tmp_path: Path,
                                                             coop: Database) -> None:
    result = previewed(coop, "members", write_csv(tmp_path / "m.csv",
                                                  [MEMBER_HEADERS, *member_rows(3)]))
    assert result.errors == []
    make_member(coop, "M003", name="另一户")  # someone registered M003 since the preview
    before = counts(coop, Member, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        commit(coop, SYSTEM, "members", result)
    assert caught.value.code == "import.row_refused"
    assert str(caught.value) == ("Row 4 was refused when saving: member with code 'M003' "
                                 "already exists. Nothing was imported.")
    nothing_new(coop, before)
    assert audit_ok(coop)


def test_a_row_the_database_refuses_rolls_back_every_row(tmp_path: Path,
                                                         coop: Database) -> None:
    """A constraint only the database enforces (here: a forged preview with one code twice)
    refuses the whole import and names the row."""
    result = previewed(coop, "members", write_csv(tmp_path / "m.csv",
                                                  [MEMBER_HEADERS, *member_rows(3)]))
    twin = dataclasses.replace(result.valid[0], row=9)
    forged = dataclasses.replace(result, valid=[*result.valid, twin])
    before = counts(coop, Member, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        commit(coop, SYSTEM, "members", forged)
    assert caught.value.code == "import.row_refused"
    assert str(caught.value).startswith("Row 9 was refused when saving: ")
    nothing_new(coop, before)
    assert audit_ok(coop)


def test_cancel_during_commit_writes_nothing(tmp_path: Path, coop: Database) -> None:
    result = previewed(coop, "members", write_csv(tmp_path / "m.csv",
                                                  [MEMBER_HEADERS, *member_rows(120)]))
    assert len(result.valid) == 120
    seen: list[tuple[int, int]] = []

    def cancel_at_100(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 100

    before = counts(coop, Member, AuditEntry)
    with pytest.raises(ImportCancelled) as caught:
        commit(coop, SYSTEM, "members", result, progress=cancel_at_100)
    assert str(caught.value) == "The import was cancelled; nothing was written."
    assert seen == [(50, 120), (100, 120)]
    nothing_new(coop, before)
    assert audit_ok(coop)

    seen.clear()
    done = commit(coop, SYSTEM, "members", result,
                  progress=lambda done, total: seen.append((done, total)) is None)
    assert done.written == 120
    assert seen == [(50, 120), (100, 120), (120, 120)]


def test_cancel_during_preview_and_reading(tmp_path: Path, coop: Database) -> None:
    path = write_csv(tmp_path / "m.csv", [MEMBER_HEADERS, *member_rows(250)])
    table = read_table(path)
    calls: list[tuple[int, int]] = []
    with pytest.raises(ImportCancelled):
        preview(coop, SYSTEM, "members", table, suggest_mapping("members", table.headers),
                progress=lambda done, total: calls.append((done, total)) or done < 200)
    assert calls == [(100, 250), (200, 250)]
    big = write_csv(tmp_path / "big.csv", [MEMBER_HEADERS, *member_rows(1200)])
    with pytest.raises(ImportCancelled):
        read_table(big, progress=lambda done, total: False)
    assert rows(coop, Member) == 0


@pytest.mark.parametrize("kind", ["members", "plots", "animals"])
def test_an_auditor_cannot_import(tmp_path: Path, coop: Database, kind: str) -> None:
    make_member(coop, "M001")
    files = {
        "members": [MEMBER_HEADERS, *member_rows(1, start=2)],
        "plots": [["地块编号", "社员编号", "面积", "土地类型"], ["P1", "M001", "3", "旱地"]],
        "animals": [["耳标号", "畜种", "社员编号"], ["T1", "牛", "M001"]],
    }
    table = read_table(write_csv(tmp_path / f"{kind}.csv", files[kind]))
    mapping = suggest_mapping(kind, table.headers)
    auditor = actor_for(Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        preview(coop, auditor, kind, table, mapping)
    result = preview(coop, SYSTEM, kind, table, mapping)
    assert result.errors == []
    before = counts(coop, Member, Plot, Animal, AuditEntry)
    with pytest.raises(PermissionDenied):
        commit(coop, auditor, kind, result)
    nothing_new(coop, before)
    assert commit(coop, actor_for(Role.CLERK), kind, result).written == 1


# --- plots ----------------------------------------------------------------------------------------

PLOT_HEADERS = ["地块编号", "社员编号", "户主姓名", "面积（亩）", "土地类型", "村", "地理标志"]


def test_plots_with_member_codes(tmp_path: Path, coop: Database) -> None:
    make_member(coop, "M001", name="张建国", village="新村")
    make_member(coop, "M002", name="李秀英", village="上庄村")
    path = write_xlsx(tmp_path / "地块.xlsx", [
        PLOT_HEADERS,
        ["P001", "M001", "张建国", 5.5, "水浇地", "", "是"],
        ["P002", "M002", "李秀英", "3.25亩", "日光温室", "河东村", "否"],
        ["P003", "M999", "王五", 2, "旱地", "", ""],
        ["P004", "M001", "李秀英", 2, "旱地", "", ""],
        ["P005", "M002", "", 1.005, "大棚", "", ""],
        ["P006", "M002", "", -1, "水田地", "", "也许"],
        ["P001", "M002", "", 1, "草场", "", ""],
    ])
    result = previewed(coop, "plots", path)
    assert errors_by_row(result) == {
        4: ["not_found"], 5: ["import.member_name_mismatch"],
        7: ["value.not_positive", "value.bad_choice", "value.bad_choice"],
        8: ["import.duplicate_in_file"]}
    assert result.errors[0].message == "No member with member code 'M999'."
    assert result.errors[1].message == ("Member M001 is 张建国, not 李秀英; check that the row "
                                        "names the right member.")
    before = counts(coop, Plot, AuditEntry)
    assert before[Plot] == 0
    done = commit(coop, SYSTEM, "plots", result)
    assert done.written == 3
    with coop.read() as session:
        plots = {plot.code: plot for plot in session.execute(select(Plot)).scalars()}
        session.expunge_all()
    assert sorted(plots) == ["P001", "P002", "P005"]
    assert (plots["P001"].area_mu, plots["P001"].land_type, plots["P001"].village,
            plots["P001"].in_gi_area) == (Decimal("5.5"), LandType.IRRIGATED, "新村", True)
    assert (plots["P002"].area_mu, plots["P002"].land_type, plots["P002"].village,
            plots["P002"].in_gi_area) == (Decimal("3.25"), LandType.SUNLIGHT_GREENHOUSE,
                                          "河东村", False)
    assert (plots["P005"].area_mu, plots["P005"].land_type) == (Decimal("1.01"),
                                                                LandType.ARCHED_SHED)
    assert audit_ok(coop)


def test_plots_whose_member_codes_are_all_unknown_write_nothing(tmp_path: Path,
                                                                coop: Database) -> None:
    path = write_csv(tmp_path / "p.csv", [["地块编号", "社员编号", "面积", "土地类型"],
                                          ["P1", "X1", "3", "旱地"], ["P2", "X2", "4", "旱地"]])
    result = previewed(coop, "plots", path)
    assert result.error_rows == [2, 3] and result.valid == []
    assert {error.code for error in result.errors} == {"not_found"}
    assert commit(coop, SYSTEM, "plots", result).written == 0
    assert rows(coop, Plot) == 0


# --- animals --------------------------------------------------------------------------------------

def test_animals_with_parents_earlier_in_the_file(coop: Database) -> None:
    make_member(coop, "LZ001", name="马玉兰")
    result = previewed(coop, "animals", DATA / "animals_utf8_bom_semicolon.csv")
    assert result.errors == []
    assert result.valid[2].values["dam_id"] == "162062200000101"  # the animal of row 2
    done = commit(coop, SYSTEM, "animals", result)
    assert done.written == 3
    with coop.read() as session:
        animals = {animal.ear_tag: animal for animal in session.execute(select(Animal)).scalars()}
        births = session.execute(select(AnimalEvent.animal_id, AnimalEvent.occurred_on)
                                 .where(AnimalEvent.kind == AnimalEventKind.BIRTH)).all()
        session.expunge_all()
    ewe, ram, lamb = (animals[f"16206220000010{n}"] for n in (1, 2, 3))
    assert (lamb.dam_id, lamb.sire_id, lamb.species, lamb.sex, lamb.breed, lamb.herd) == (
        ewe.id, None, Species.SHEEP, Sex.FEMALE, "滩羊", "一群")
    assert ram.sex == Sex.MALE
    assert sorted(births) == sorted([(ewe.id, dt.date(2021, 3, 2)), (ram.id, dt.date(2021, 4, 11)),
                                     (lamb.id, dt.date(2024, 2, 20))])
    assert audit_ok(coop)


def test_animal_parents_that_cannot_be_used(tmp_path: Path, coop: Database) -> None:
    make_member(coop, "M001")
    first = previewed(coop, "animals", write_csv(tmp_path / "a.csv", [
        ["耳标号", "畜种", "性别", "畜主社员编号"], ["OLD-1", "牦牛", "母", "M001"]]))
    commit(coop, SYSTEM, "animals", first)
    path = write_csv(tmp_path / "b.csv", [
        ["耳标号", "电子耳标", "畜种", "性别", "出生日期", "畜主社员编号", "母畜耳标", "父畜耳标"],
        ["Y1", "", "牦牛", "母", "2023-04-01", "M001", "old-1", ""],  # dam already recorded
        ["Y2", "", "牦牛", "公", "2023-04-01", "M001", "Y5", ""],  # dam further down
        ["Y3", "", "羊", "公", "2023-04-01", "M001", "", ""],  # which sheep?
        ["Y4", "", "牦牛", "公", "2023-04-01", "M001", "Y3", "Y4"],  # bad dam row; itself
        ["Y5", "", "牦牛", "母", "2023-04-01", "M001", "NOBODY", ""],  # unknown dam
        ["Y6", "123", "牦牛", "母", "2023-04-01", "M002", "", ""],  # bad EID, unknown owner
        ["OLD-1", "", "牦牛", "母", "2023-04-01", "M001", "", ""],  # ear tag taken
        ["Y7", "", "牦牛", "阉", "2023-04-01", "M001", "Y1", "OLD-1"],  # fine
    ])
    result = previewed(coop, "animals", path)
    assert errors_by_row(result) == {
        3: ["import.parent_later"], 4: ["value.bad_choice"],
        5: ["import.parent_invalid", "import.parent_self"], 6: ["import.parent_unknown"],
        7: ["value.bad_choice", "not_found"], 8: ["duplicate"]}
    assert result.errors[0].message == ("dam's ear tag 'Y5' is the animal in row 6, further down; "
                                        "list parents before their young.")
    assert result.valid_rows == [2, 9]
    commit(coop, SYSTEM, "animals", result)
    with coop.read() as session:
        tags = dict(session.execute(
            select(Animal.ear_tag, Animal.id)).tuples().all())
        y7 = session.execute(select(Animal).where(Animal.ear_tag == "Y7")).scalar_one()
        y1 = session.execute(select(Animal).where(Animal.ear_tag == "Y1")).scalar_one()
        session.expunge_all()
    assert (y7.dam_id, y7.sire_id, y7.sex) == (tags["Y1"], tags["OLD-1"], Sex.CASTRATED)
    assert y1.dam_id == tags["OLD-1"]
    assert audit_ok(coop)


def test_commit_of_a_preview_as_another_kind_is_a_bug(tmp_path: Path, coop: Database) -> None:
    result = previewed(coop, "members", write_csv(tmp_path / "m.csv",
                                                  [MEMBER_HEADERS, *member_rows(1)]))
    with pytest.raises(ValueError, match="cannot be committed"):
        commit(coop, SYSTEM, "plots", result)


def test_errors_are_domain_errors_with_a_sentence_in_both_languages(tmp_path: Path) -> None:
    for language in ("en", "zh"):
        i18n.set_language(language)
        with pytest.raises(DomainError) as caught:
            read_table(write_csv(tmp_path / "h.csv", [MEMBER_HEADERS]))
        assert re.search(r"h\.csv", str(caught.value))
        assert str(caught.value) == caught.value.message(language)


# --- writing in batches ---------------------------------------------------------------------------

def test_commit_in_batches_keeps_row_order_progress_and_audit(
        tmp_path: Path, coop: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows are written and audited a batch at a time; the records, their entries and the
    progress reports are those of one row at a time."""
    monkeypatch.setattr(imports, "WRITE_BATCH", 40)
    make_member(coop, "M000")  # an entry before the import's
    result = previewed(coop, "members", write_csv(tmp_path / "m.csv",
                                                  [MEMBER_HEADERS, *member_rows(120)]))
    seen: list[tuple[int, int]] = []
    done = commit(coop, SYSTEM, "members", result,
                  progress=lambda done, total: seen.append((done, total)) is None)
    assert done.written == 120
    assert seen == [(50, 120), (100, 120), (120, 120)]
    with coop.read() as session:
        ids = dict(session.execute(select(Member.code, Member.id)).tuples().all())
        logged = session.execute(select(AuditEntry.entity_code, AuditEntry.reason)
                                 .where(AuditEntry.entity == "members")
                                 .order_by(AuditEntry.id)).all()
    assert done.ids == [ids[f"M{number:03d}"] for number in range(1, 121)]
    assert [tuple(row) for row in logged] == [("M000", None)] + [
        (f"M{number:03d}", f"import m.csv row {number + 1}") for number in range(1, 121)]
    make_member(coop, "M999")  # and one after
    assert audit_ok(coop)


def test_cancel_after_some_batches_writes_nothing(tmp_path: Path, coop: Database,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imports, "WRITE_BATCH", 30)
    result = previewed(coop, "members", write_csv(tmp_path / "m.csv",
                                                  [MEMBER_HEADERS, *member_rows(120)]))
    before = counts(coop, Member, AuditEntry)
    with pytest.raises(ImportCancelled):
        commit(coop, SYSTEM, "members", result, progress=lambda done, total: done < 100)
    nothing_new(coop, before)
    assert audit_ok(coop)


@pytest.mark.parametrize("batch", [1, 3, 1000])
def test_a_row_the_database_refuses_in_a_later_batch_is_named(
        tmp_path: Path, coop: Database, monkeypatch: pytest.MonkeyPatch, batch: int) -> None:
    monkeypatch.setattr(imports, "WRITE_BATCH", batch)
    result = previewed(coop, "members", write_csv(tmp_path / "m.csv",
                                                  [MEMBER_HEADERS, *member_rows(7)]))
    twin = dataclasses.replace(result.valid[1], row=20)  # M002 again, in the third batch
    forged = dataclasses.replace(result, valid=[*result.valid, twin])
    before = counts(coop, Member, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        commit(coop, SYSTEM, "members", forged)
    assert str(caught.value).startswith("Row 20 was refused when saving: ")
    nothing_new(coop, before)
    assert audit_ok(coop)


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_animal_parents_without_a_birth_date_in_the_same_batch(
        tmp_path: Path, coop: Database, monkeypatch: pytest.MonkeyPatch, batch: int) -> None:
    """A parent written earlier in the same batch, not yet flushed (no birth event asked for
    its id), still gives its young its id; births are audited right after their animal."""
    monkeypatch.setattr(imports, "WRITE_BATCH", batch)
    make_member(coop, "M001")
    path = write_csv(tmp_path / "a.csv", [
        ["耳标号", "畜种", "性别", "出生日期", "畜主社员编号", "母畜耳标", "父畜耳标"],
        ["EWE", "绵羊", "母", "", "M001", "", ""],
        ["RAM", "绵羊", "公", "", "M001", "", ""],
        ["LAMB", "绵羊", "母", "2024-03-01", "M001", "EWE", "RAM"],
        ["LAMB2", "绵羊", "公", "", "M001", "EWE", "RAM"],
    ])
    result = previewed(coop, "animals", path)
    assert result.errors == []
    done = commit(coop, SYSTEM, "animals", result)
    with coop.read() as session:
        animals = {animal.ear_tag: animal for animal in session.execute(select(Animal)).scalars()}
        logged = session.execute(select(AuditEntry.entity, AuditEntry.entity_id)
                                 .where(AuditEntry.entity.in_(["animals", "animal_events"]))
                                 .order_by(AuditEntry.id)).all()
        birth = session.execute(select(AnimalEvent.id)).scalar_one()
        session.expunge_all()
    ewe, ram, lamb, lamb2 = (animals[tag] for tag in ("EWE", "RAM", "LAMB", "LAMB2"))
    assert done.ids == [ewe.id, ram.id, lamb.id, lamb2.id]
    assert (lamb.dam_id, lamb.sire_id, lamb2.dam_id, lamb2.sire_id) == (
        ewe.id, ram.id, ewe.id, ram.id)
    assert [tuple(row) for row in logged] == [
        ("animals", ewe.id), ("animals", ram.id), ("animals", lamb.id),
        ("animal_events", birth), ("animals", lamb2.id)]
    assert audit_ok(coop)
