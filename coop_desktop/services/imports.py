"""Importing members, plots and animals from a spreadsheet (XLSX) or a CSV text file.

Four steps, each usable on its own so that the GUI can show a preview dialog:

1. ``read_table(path)`` reads the file into a ``RawTable``: the header row and the rows under it
   as text, each with the row number the spreadsheet shows. XLSX through openpyxl (cached values
   of formulas); CSV in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK, with its
   delimiter (comma, semicolon, tab) found from the text. Files it cannot read are refused with
   one sentence (a ``DomainError``).
2. ``suggest_mapping(kind, headers)`` proposes which column holds which field, from Chinese and
   English column names; ``import_fields(kind)`` lists the fields (with their labels and whether
   they are required) for a mapping dialog.
3. ``preview(db, actor, kind, table, mapping)`` checks every row with the validators the services
   use, plus what only a list can get wrong (the same code twice in the file, members that do
   not exist, parents listed after their young), and returns the valid rows with their parsed
   values and a row-by-row list of errors. It writes nothing.
4. ``commit(db, actor, kind, preview)`` writes all the valid rows in one unit of work, with one
   audit entry per record (built by the services' own ``new_member``, ``new_plot`` and
   ``new_animal``, audited ``WRITE_BATCH`` rows at a time): every valid row lands, or (when the
   database refuses one, or the user cancels) none does.

``preview``, ``commit`` and ``read_table`` take ``progress(done, total)``; it returning False
cancels (``ImportCancelled``, nothing written).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import enum
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from coop_desktop.domain import i18n
from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.errors import DomainError, ValidationError
from coop_desktop.domain.id_numbers import mask_id_number
from coop_desktop.domain.models import (
    Animal,
    Base,
    LandType,
    Member,
    Plot,
    PovertyStatus,
    Sex,
    Species,
)
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.services.livestock import ANIMAL_FIELDS, new_animal
from coop_desktop.services.members import MEMBER_FIELDS, PLOT_FIELDS, new_member, new_plot
from coop_desktop.services.permissions import Actor, Permission, require
from coop_desktop.services.work import (
    Work,
    reading,
    required_text,
    the_cooperative,
    to_decimal,
    unit_of_work,
)
from coop_desktop.storage.database import Database

#: Data rows one import may hold; a larger list is split by the user.
MAX_ROWS = 200_000
#: Text files are read whole; above this size they are refused before reading.
MAX_TEXT_BYTES = 200 * 1024 * 1024
#: Rows searched for the header row (title rows above it are skipped).
HEADER_SEARCH_ROWS = 10
#: Rows between two progress reports.
PROGRESS_EVERY = 100
#: Rows a commit writes with one flush and one bulk audit (and then reports its progress).
WRITE_BATCH = 1000

#: ``progress(done, total)`` — return False to cancel; ``total`` is 0 when not known.
Progress = Callable[[int, int], bool]


class ImportKind(enum.StrEnum):
    MEMBERS = "members"
    PLOTS = "plots"
    ANIMALS = "animals"


class ImportCancelled(DomainError):
    """The user cancelled; nothing was written."""


# --- reading the file ------------------------------------------------------------------------

@dataclass(frozen=True)
class RawRow:
    """One row under the header: ``number`` is the row number the spreadsheet shows.

    ``problems`` names cells whose value cannot be used: column index -> (message code, what
    the cell holds), e.g. a formula that was never calculated.
    """

    number: int
    values: tuple[str, ...]
    problems: Mapping[int, tuple[str, str]] = field(default_factory=dict)

    def value(self, column: int) -> str:
        return self.values[column] if column < len(self.values) else ""


@dataclass
class RawTable:
    """A file's header row and the rows under it, as text, before any meaning is given."""

    path: Path
    headers: list[str]
    rows: list[RawRow]
    header_row: int
    file_format: str  # "xlsx" or "csv"
    encoding: str | None = None  # of a CSV file: "utf-8", "utf-8-sig", "utf-16", "gb18030"
    delimiter: str | None = None  # of a CSV file
    sheet: str | None = None  # of a workbook: the sheet read
    sheets: list[str] = field(default_factory=list)  # of a workbook: all its worksheets
    #: Day 0 of spreadsheet serial dates (Excel's 1900 system; 1904 for old Mac workbooks).
    epoch: dt.date = dt.date(1899, 12, 30)

    def column_name(self, column: int) -> str:
        """The column as a person finds it: its header, or its letter when it has none."""
        header = self.headers[column] if column < len(self.headers) else ""
        return header or column_letter(column)


def column_letter(column: int) -> str:
    """A, B, ... Z, AA, ... for the column index 0, 1, ..."""
    letters = ""
    number = column + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


_XLSX_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and encrypted .xlsx
_EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                           "#GETTING_DATA", "#SPILL!", "#CALC!"})
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE_TAG = re.compile(rb"<(?:\w+:)?mergeCell\s")
_SHEET_XML = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_DATA_LIKE = re.compile(r"^[-+]?\d[\d,.:/ -]*[xX]?$")


def read_table(path: str | Path, *, sheet: str | None = None, max_rows: int = MAX_ROWS,
               progress: Progress | None = None) -> RawTable:
    """Read a spreadsheet or CSV file (told apart by content, not by name) into a RawTable."""
    file = Path(path)
    if not file.is_file():
        raise ValidationError("import.file_missing", path=str(file))
    try:
        with file.open("rb") as stream:
            head = stream.read(8)
        size = file.stat().st_size
    except OSError as error:
        raise ValidationError("import.unreadable", path=file.name,
                              detail=error.strerror or type(error).__name__) from None
    if size == 0:
        raise ValidationError("import.empty", path=file.name)
    if head.startswith((_XLSX_MAGIC, _EMPTY_ZIP_MAGIC)):
        return _read_xlsx(file, sheet, max_rows, progress)
    if head.startswith(_OLE2_MAGIC):
        raise ValidationError("import.xls", path=file.name)
    if size > MAX_TEXT_BYTES:
        raise ValidationError("import.too_large", path=file.name, size=size // 2**20,
                              maximum=MAX_TEXT_BYTES // 2**20)
    return _read_text(file, max_rows, progress)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")  # 15 significant digits: no binary noise (3.3, not 3.30..3)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _check_workbook_zip(file: Path) -> bool:
    """Whether the ZIP is a workbook at all, and whether any sheet holds formulas."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if "xl/workbook.xml" not in names:
                raise ValidationError("import.not_xlsx", path=file.name)
            for name in names:
                if _SHEET_XML.match(name) and _holds_formula(archive, name):
                    return True
    except zipfile.BadZipFile:
        raise ValidationError("import.unreadable", path=file.name,
                              detail="the ZIP structure is damaged") from None
    except (OSError, RuntimeError, NotImplementedError) as error:
        raise ValidationError("import.unreadable", path=file.name, detail=str(error)) from None
    return False


def _holds_formula(archive: zipfile.ZipFile, name: str,
                   tag: re.Pattern[bytes] = _FORMULA_TAG) -> bool:
    tail = b""
    with archive.open(name) as stream:
        while chunk := stream.read(1 << 20):
            if tag.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _merged_cells(file: Path, title: str) -> dict[tuple[int, int], str]:
    """The cells of sheet ``title`` covered by merged cells, (row, column index) -> the merged
    range: all but the first cell of each range, which look filled on screen but are empty in
    the file (a village merged down over its members' rows)."""
    with zipfile.ZipFile(file) as archive:
        if not any(_SHEET_XML.match(name) and _holds_formula(archive, name, _MERGE_TAG)
                   for name in archive.namelist()):
            return {}
    import openpyxl

    book = openpyxl.load_workbook(file, data_only=True, keep_links=False)  # the read-only
    try:  # reader does not see merged cells
        covered: dict[tuple[int, int], str] = {}
        for merged in book[title].merged_cells.ranges:
            for row, column in list(merged.cells)[1:]:
                covered[(row, column - 1)] = merged.coord
        return covered
    finally:
        book.close()


def _read_xlsx(file: Path, sheet: str | None, max_rows: int,
               progress: Progress | None) -> RawTable:
    import openpyxl

    has_formulas = _check_workbook_zip(file)
    workbooks: list[Any] = []
    try:
        try:
            values_book = openpyxl.load_workbook(file, read_only=True, data_only=True,
                                                 keep_links=False)
        except DomainError:
            raise
        except Exception as error:  # openpyxl raises many kinds on a damaged file
            raise _unreadable(file, error) from None
        workbooks.append(values_book)
        titles = [worksheet.title for worksheet in values_book.worksheets]
        if not titles:
            raise ValidationError("import.empty", path=file.name)
        title = sheet if sheet is not None else titles[0]
        if title not in titles:
            raise ValidationError("import.sheet_missing", path=file.name, sheet=sheet,
                                  sheets=", ".join(titles))
        values_sheet = values_book[title]
        total = values_sheet.max_row or 0
        values_sheet.reset_dimensions()  # read every row even when the stored size is wrong
        formula_rows: Iterator[tuple[Any, ...]] | None = None
        if has_formulas:
            formulas_book = openpyxl.load_workbook(file, read_only=True, data_only=False,
                                                   keep_links=False)
            workbooks.append(formulas_book)
            formulas_sheet = formulas_book[title]
            formulas_sheet.reset_dimensions()
            formula_rows = formulas_sheet.iter_rows(values_only=True)
        epoch = values_book.epoch
        cells = _xlsx_cells(values_sheet.iter_rows(values_only=True), formula_rows,
                            _merged_cells(file, title))
        table = _build_table(file, cells, max_rows, progress, total)
        table.file_format = "xlsx"
        table.sheet = title
        table.sheets = titles
        table.epoch = epoch.date() if isinstance(epoch, dt.datetime) else epoch
        return table
    except DomainError:
        raise
    except Exception as error:  # a damaged sheet fails while it is being read
        raise _unreadable(file, error) from None
    finally:
        for workbook in workbooks:
            workbook.close()


def _unreadable(file: Path, error: Exception) -> ValidationError:
    detail = str(error).splitlines()[0] if str(error) else type(error).__name__
    return ValidationError("import.unreadable", path=file.name, detail=detail[:200])


_Cells = Iterator[tuple[int, list[str], dict[int, tuple[str, str]]]]


def _xlsx_cells(rows: Iterable[tuple[Any, ...]],
                formula_rows: Iterator[tuple[Any, ...]] | None,
                merged: Mapping[tuple[int, int], str] | None = None) -> _Cells:
    covered: dict[int, dict[int, str]] = {}
    for (row, column), coord in (merged or {}).items():
        covered.setdefault(row, {})[column] = coord
    for number, values in enumerate(rows, start=1):
        formulas: tuple[Any, ...] = ()
        if formula_rows is not None:
            formulas = next(formula_rows, ())
        texts: list[str] = []
        problems: dict[int, tuple[str, str]] = {}
        for column, value in enumerate(values):
            text = _cell_text(value)
            if value is None and column < len(formulas) and formulas[column] is not None:
                formula = formulas[column]
                shown = formula if isinstance(formula, str) else getattr(formula, "text", "")
                problems[column] = ("import.formula_no_value", str(shown or "="))
            elif isinstance(value, str) and text in _EXCEL_ERRORS:
                problems[column] = ("import.cell_error", text)
                text = ""
            texts.append(text)
        for column, coord in covered.get(number, {}).items():  # they read as empty
            if column >= len(texts) or not texts[column]:
                texts.extend([""] * (column + 1 - len(texts)))
                problems[column] = ("import.merged_cell", coord)
        yield number, texts, problems


def _decode(data: bytes) -> tuple[str, str] | None:
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]  # GB18030 reads every GBK and GB2312 file
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def _mixed_encoding_row(data: bytes) -> int | None:
    """The line where a UTF-8 file stops being UTF-8 (rows pasted in from a GBK file), or None
    when it is all UTF-8 or not UTF-8 from the start. Read as GB18030 such a file is refused
    as "not a table" or, worse, read with its UTF-8 names garbled."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[:error.start].decode("utf-8").lstrip("\ufeff")
        if sum(1 for char in before if ord(char) > 127) >= 2:  # UTF-8 Chinese came first
            return before.count("\n") + 1
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if "\x00" in sample:
        return True
    controls = sum(1 for char in sample
                   if unicodedata.category(char) == "Cc" and char not in "\t\r\n\x0b\x0c\x1a")
    return controls > max(2, len(sample) // 1000)


def _sniff_delimiter(text: str) -> str:
    sample = text[:65536]
    if len(text) > len(sample):
        sample = sample[: sample.rfind("\n") + 1] or sample
    best, best_score = ",", (0, 0)
    for delimiter in (",", ";", "\t", "|", "，"):  # "，": typed with a Chinese input method
        try:
            widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter)
                      if any(cell.strip() for cell in row)][:50]
        except csv.Error:
            continue
        if not widths:
            continue
        width = max(set(widths), key=widths.count)
        if width < 2:
            continue
        score = (widths.count(width), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_text(file: Path, max_rows: int, progress: Progress | None) -> RawTable:
    try:
        data = file.read_bytes()
    except OSError as error:
        raise ValidationError("import.unreadable", path=file.name,
                              detail=error.strerror or type(error).__name__) from None
    mixed_at = _mixed_encoding_row(data)
    if mixed_at is not None:
        raise ValidationError("import.mixed_encoding", path=file.name, row=mixed_at)
    decoded = _decode(data)
    if decoded is None or _looks_binary(decoded[0]):
        raise ValidationError("import.not_table", path=file.name)
    text, encoding = decoded
    if not text.strip():
        raise ValidationError("import.empty", path=file.name)
    first_line, _, rest = text.partition("\n")
    hint = re.fullmatch(r"\s*sep=(.)\s*", first_line)  # Excel's "sep=;" first line
    offset = 0
    if hint:
        delimiter, text, offset = hint.group(1), rest, 1
    else:
        delimiter = _sniff_delimiter(text)
    total = text.count("\n") + 1

    def cells() -> _Cells:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for number, values in enumerate(reader, start=1 + offset):
                yield number, [value.strip() for value in values], {}
        except csv.Error as error:
            raise ValidationError("import.unreadable", path=file.name,
                                  detail=str(error)) from None

    table = _build_table(file, cells(), max_rows, progress, total)
    table.encoding = encoding
    table.delimiter = delimiter
    return table


def _build_table(file: Path, cells: _Cells, max_rows: int, progress: Progress | None,
                 total: int) -> RawTable:
    """Find the header row (the first of the first rows with two or more cells filled: a title
    row above it is skipped), then collect the non-blank rows under it."""
    ticker = _Ticker(progress, total, every=1000)
    candidates: list[tuple[int, list[str], dict[int, tuple[str, str]]]] = []
    header: tuple[int, list[str]] | None = None
    rows: list[RawRow] = []
    width = 0

    def add(number: int, texts: list[str], problems: dict[int, tuple[str, str]]) -> None:
        nonlocal width
        if len(rows) >= max_rows:
            raise ValidationError("import.too_many_rows", path=file.name, maximum=max_rows)
        rows.append(RawRow(number, tuple(texts), problems))
        width = max(width, len(texts))

    for number, texts, problems in cells:
        ticker.tick(number)
        while texts and not texts[-1] and (len(texts) - 1) not in problems:
            texts.pop()
        if not texts:
            continue
        if header is None:
            candidates.append((number, texts, problems))
            if sum(1 for text in texts if text) >= 2:
                header = (number, texts)
                candidates.clear()
            elif len(candidates) >= HEADER_SEARCH_ROWS:
                header = (candidates[0][0], candidates[0][1])
                for row in candidates[1:]:
                    add(*row)
                candidates.clear()
            continue
        add(number, texts, problems)
    if header is None:
        if not candidates:
            raise ValidationError("import.empty", path=file.name)
        header = (candidates[0][0], candidates[0][1])
        for row in candidates[1:]:
            add(*row)
    header_row, headers = header
    if any(_DATA_LIKE.match(text) or _DATE.match(_plain(text)) for text in headers if text):
        raise ValidationError("import.no_header", path=file.name, row=header_row)
    if not rows:
        raise ValidationError("import.no_rows", path=file.name)
    headers = headers + [""] * (width - len(headers))
    return RawTable(path=file, headers=headers, rows=rows, header_row=header_row,
                    file_format="csv")


class _Ticker:
    def __init__(self, callback: Progress | None, total: int, every: int = PROGRESS_EVERY
                 ) -> None:
        self.callback = callback
        self.total = total
        self.every = every

    def tick(self, done: int, force: bool = False) -> None:
        if self.callback is None or not (force or done % self.every == 0):
            return
        if self.callback(done, max(self.total, done) if self.total else 0) is False:
            raise ImportCancelled("import.cancelled")


# --- the fields of each kind, and suggesting a mapping -----------------------------------------

@dataclass(frozen=True)
class ImportField:
    """A field a column can be mapped to, with the column names that suggest it."""

    name: str
    label_zh: str
    label_en: str
    required: bool = False
    aliases: tuple[str, ...] = ()

    def label(self, language: str | None = None) -> str:
        return self.label_zh if (language or i18n.language()) == "zh" else self.label_en


_F = ImportField
FIELDS: dict[ImportKind, tuple[ImportField, ...]] = {
    ImportKind.MEMBERS: (
        _F("code", "社员编号", "member code", True,
           ("社员编号", "编号", "社员代码", "成员编号", "社员号", "户号", "membercode", "memberno",
            "code")),
        _F("name", "户主姓名", "head of household", True,
           ("户主姓名", "姓名", "户主", "社员姓名", "成员姓名", "name", "headname",
            "headofhousehold")),
        _F("id_number", "身份证号", "ID number", False,
           ("身份证号", "身份证号码", "身份证", "户主身份证号", "户主身份证号码", "公民身份号码",
            "证件号码", "idnumber", "idno", "idcard", "id")),
        _F("phone", "联系电话", "phone", False,
           ("联系电话", "手机号", "手机号码", "电话", "手机", "电话号码", "联系方式", "phone",
            "mobile", "telephone", "tel")),
        _F("township", "乡镇", "township", False,
           ("乡镇", "乡", "镇", "所在乡镇", "乡镇名称", "township", "town")),
        _F("village", "村", "village", False,
           ("村", "村名", "所在村", "村组", "行政村", "村庄", "village")),
        _F("household_size", "家庭人口", "household size", False,
           ("家庭人口", "家庭人口数", "人口", "人口数", "家庭成员数", "户人口", "householdsize",
            "household")),
        _F("poverty_status", "脱贫户/监测户", "poverty status", False,
           ("脱贫户", "建档立卡", "建档立卡户", "监测户", "监测对象", "脱贫户类型", "贫困户属性",
            "户类型", "户属性", "是否脱贫户", "是否监测户", "povertystatus", "poverty")),
        _F("poverty_since_year", "建档立卡年度", "poverty since (year)", False,
           ("建档立卡年度", "建档立卡年份", "纳入年度", "纳入年份", "识别年度", "povertysince")),
        _F("poverty_exit_year", "脱贫年度", "poverty exit (year)", False,
           ("脱贫年度", "脱贫年份", "脱贫时间", "povertyexit")),
        _F("joined_on", "入社日期", "joined on", True,
           ("入社日期", "入社时间", "加入日期", "入社", "joined", "joinedon", "joindate",
            "datejoined")),
        _F("left_on", "退社日期", "left on", False,
           ("退社日期", "退社时间", "left", "lefton")),
        _F("payout_bank", "开户银行", "bank", False,
           ("开户银行", "开户行", "银行", "bank", "payoutbank")),
        _F("payout_account", "银行账号", "bank account", False,
           ("银行账号", "账号", "银行卡号", "卡号", "account", "bankaccount", "payoutaccount")),
        _F("notes", "备注", "notes", False, ("备注", "说明", "notes", "remarks", "note")),
    ),
    ImportKind.PLOTS: (
        _F("code", "地块编号", "plot code", True,
           ("地块编号", "地块代码", "地块号", "地块编码", "plotcode", "plotno", "plot", "code")),
        _F("member_code", "社员编号", "member code", True,
           ("社员编号", "户号", "社员代码", "农户编号", "户主编号", "membercode", "memberno",
            "member")),
        _F("member_name", "户主姓名", "head of household", False,
           ("户主姓名", "户主", "社员姓名", "姓名", "农户姓名", "membername", "headname")),
        _F("name", "地块名称", "plot name", False,
           ("地块名称", "地块名", "名称", "地名", "plotname", "name")),
        _F("area_mu", "面积（亩）", "area (mu)", True,
           ("面积", "面积亩", "亩数", "地块面积", "种植面积", "承包面积", "area", "areamu")),
        _F("land_type", "土地类型", "land type", True,
           ("土地类型", "地类", "类型", "耕地类型", "地块类型", "landtype", "type")),
        _F("village", "村", "village", False, ("村", "村名", "所在村", "村组", "village")),
        _F("in_gi_area", "地理标志保护区", "in GI area", False,
           ("地理标志", "地理标志保护区", "是否在地理标志保护区", "地标", "gi", "giarea",
            "geographicalindication")),
        _F("latitude", "纬度", "latitude", False, ("纬度", "latitude", "lat")),
        _F("longitude", "经度", "longitude", False, ("经度", "longitude", "lon", "lng")),
    ),
    ImportKind.ANIMALS: (
        _F("ear_tag", "耳标号", "ear tag", True,
           ("耳标号", "耳标", "耳标编号", "耳号", "eartag", "tag")),
        _F("eid", "电子耳标", "electronic ID", False,
           ("电子耳标", "电子耳标号", "电子标识", "eid", "electronicid", "rfid")),
        _F("species", "畜种", "species", True,
           ("畜种", "种类", "畜别", "畜禽种类", "species")),
        _F("breed", "品种", "breed", False, ("品种", "breed")),
        _F("sex", "性别", "sex", False, ("性别", "公母", "sex")),
        _F("birth_date", "出生日期", "birth date", False,
           ("出生日期", "出生时间", "生日", "出生", "birthdate", "born", "dateofbirth")),
        _F("owner_code", "畜主社员编号", "owner's member code", True,
           ("畜主社员编号", "社员编号", "畜主编号", "户号", "户主编号", "ownercode",
            "ownermembercode", "membercode", "owner")),
        _F("owner_name", "畜主姓名", "owner's name", False,
           ("畜主姓名", "畜主", "户主姓名", "户主", "社员姓名", "ownername")),
        _F("dam_tag", "母畜耳标", "dam's ear tag", False,
           ("母畜耳标", "母畜耳标号", "母耳标", "母本耳标", "母亲耳标", "dam", "damtag",
            "dameartag")),
        _F("sire_tag", "父畜耳标", "sire's ear tag", False,
           ("父畜耳标", "父畜耳标号", "父耳标", "父本耳标", "种公耳标", "sire", "siretag",
            "sireeartag")),
        _F("herd", "畜群", "herd", False, ("群", "畜群", "群号", "圈舍", "栏舍", "herd")),
    ),
}

_KIND_ZH = {ImportKind.MEMBERS: "社员", ImportKind.PLOTS: "地块", ImportKind.ANIMALS: "牲畜"}


def import_fields(kind: ImportKind | str) -> tuple[ImportField, ...]:
    """The fields of a kind in the order a mapping dialog shows them."""
    return FIELDS[ImportKind(kind)]


def _header_key(text: str) -> str:
    key = unicodedata.normalize("NFKC", text).lower()
    key = re.sub(r"\(.*?\)|\[.*?\]|【.*?】|<.*?>", "", key)
    return re.sub(r"[\s*:_\-./#、]+", "", key)


def _may_contain(alias: str) -> bool:
    """Whether an alias is long enough to be found inside a longer column name."""
    return len(alias) >= 2 if not alias.isascii() else len(alias) >= 5


def suggest_mapping(kind: ImportKind | str, headers: Iterable[str]) -> dict[str, int]:
    """Which column (index) most likely holds each field: exact column names first (Chinese or
    English, ignoring case, spaces, full-width forms and units in brackets), then names that
    contain a field's name. Each column serves at most one field."""
    fields = import_fields(kind)
    keys = [_header_key(header) for header in headers]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for spec in fields:  # exact names, in the fields' order
        aliases = {_header_key(alias) for alias in spec.aliases}
        for column, key in enumerate(keys):
            if key and column not in used and key in aliases:
                mapping[spec.name] = column
                used.add(column)
                break
    candidates: list[tuple[int, int, int, str]] = []
    for order, spec in enumerate(fields):
        if spec.name in mapping:
            continue
        for alias in spec.aliases:
            alias_key = _header_key(alias)
            if not _may_contain(alias_key):
                continue
            for column, key in enumerate(keys):
                if column not in used and alias_key in key:
                    candidates.append((-len(alias_key), order, column, spec.name))
    for _, _, column, name in sorted(candidates):
        if name not in mapping and column not in used:
            mapping[name] = column
            used.add(column)
    return mapping


# --- values as clerks write them ---------------------------------------------------------------

def _plain(text: str) -> str:
    """Full-width letters and digits made plain, spaces removed, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
                   r"(?:t?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_SERIAL = re.compile(r"^\d{1,5}(?:\.\d+)?$")
_MAX_SERIAL = 2_958_465  # 9999-12-31


def parse_date(text: str, field: str, epoch: dt.date = dt.date(1899, 12, 30)) -> dt.date:
    """2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301, or a spreadsheet serial number
    (45352 is 2024-03-01), with any time of day ignored."""
    plain = _plain(text)
    if not plain:
        raise ValidationError("value.required", field=field)
    match = _DATE.match(plain)
    if match is None and len(plain) == 8 and plain.isdigit():
        match = re.match(r"^(\d{4})(\d{2})(\d{2})$", plain)
    if match is not None:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise ValidationError("date.impossible", field=field, value=text) from None
    if _SERIAL.match(plain):
        serial = int(Decimal(plain))
        if 1 <= serial <= _MAX_SERIAL:
            return epoch + dt.timedelta(days=serial)
    raise ValidationError("date.bad_format", field=field, value=text)


_YES = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "✔", "有", "在", "对", "t"})
_NO = frozenset({"否", "n", "no", "false", "0", "×", "✗", "✘", "无", "不在", "不是", "f", "-"})


def parse_yes_no(text: str, field: str) -> bool:
    plain = _plain(text)
    if plain in _YES:
        return True
    if plain in _NO or not plain:
        return False
    choices = "是, 否" if i18n.language() == "zh" else "yes, no"
    raise ValidationError("value.bad_choice", field=field, value=text, choices=choices)


_ALIASES: dict[type[enum.Enum], dict[str, enum.Enum]] = {
    LandType: {
        "水地": LandType.IRRIGATED, "水田": LandType.IRRIGATED, "灌溉地": LandType.IRRIGATED,
        "旱田": LandType.DRYLAND, "山地": LandType.DRYLAND, "温室": LandType.SUNLIGHT_GREENHOUSE,
        "日光温室大棚": LandType.SUNLIGHT_GREENHOUSE, "greenhouse": LandType.SUNLIGHT_GREENHOUSE,
        "大棚": LandType.ARCHED_SHED, "拱棚": LandType.ARCHED_SHED,
        "塑料拱棚": LandType.ARCHED_SHED, "草地": LandType.PASTURE, "牧草地": LandType.PASTURE,
        "天然草场": LandType.PASTURE,
    },
    Species: {
        "黄牛": Species.CATTLE, "肉牛": Species.CATTLE, "奶牛": Species.CATTLE,
        "cow": Species.CATTLE, "白牦牛": Species.YAK, "肉羊": Species.SHEEP,
        "滩羊": Species.SHEEP, "羊(绵羊)": Species.SHEEP, "生猪": Species.PIG,
    },
    Sex: {
        "雄": Sex.MALE, "公畜": Sex.MALE, "种公": Sex.MALE, "m": Sex.MALE, "♂": Sex.MALE,
        "雌": Sex.FEMALE, "母畜": Sex.FEMALE, "f": Sex.FEMALE, "♀": Sex.FEMALE,
        "羯": Sex.CASTRATED, "阉割": Sex.CASTRATED, "去势": Sex.CASTRATED,
        "不详": Sex.UNKNOWN,
    },
    PovertyStatus: {
        "非脱贫户": PovertyStatus.NONE, "一般户": PovertyStatus.NONE, "无": PovertyStatus.NONE,
        "否": PovertyStatus.NONE, "建档立卡": PovertyStatus.REGISTERED,
        "脱贫户": PovertyStatus.REGISTERED, "贫困户": PovertyStatus.REGISTERED,
        "已脱贫": PovertyStatus.REGISTERED, "脱贫人口": PovertyStatus.REGISTERED,
        "监测对象": PovertyStatus.MONITORED, "脱贫不稳定户": PovertyStatus.MONITORED,
        "边缘易致贫户": PovertyStatus.MONITORED, "突发严重困难户": PovertyStatus.MONITORED,
        "防返贫监测户": PovertyStatus.MONITORED, "防返贫监测对象": PovertyStatus.MONITORED,
    },
}


def parse_choice(enum_class: type[enum.Enum], text: str, field: str) -> Any:
    """A value of a closed list from its code, its English or its Chinese name, or a common
    synonym; otherwise an error naming the choices in the user's language."""
    plain = _plain(text)
    for member in enum_class:
        names = {str(member.value), str(member.value).replace("_", ""),
                 _plain(name_of(member, "zh")), _plain(name_of(member, "en"))}
        if plain in names:
            return member
    extra = {_plain(key): value for key, value in _ALIASES.get(enum_class, {}).items()}
    if plain in extra:
        return extra[plain]
    choices = ", ".join(name_of(member) for member in enum_class)
    raise ValidationError("value.bad_choice", field=field, value=text, choices=choices)


def _number_text(text: str, units: tuple[str, ...] = ()) -> str:
    """A number as typed: full-width digits, thousands separators and a trailing unit allowed."""
    plain = _plain(text)
    for unit in units:
        if plain.endswith(unit):
            plain = plain[: -len(unit)]
            break
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", plain):
        plain = plain.replace(",", "")
    return plain


def _id_number_text(text: str) -> str:
    plain = _plain(text).upper()
    if re.fullmatch(r"\d(\.\d+)?E\+?\d+", plain) or re.fullmatch(r"\d{15,17}\.\d+", plain):
        raise ValidationError("import.id_as_number", field="id_number")
    return plain


def _coordinate(text: str, field: str, limit: int) -> float:
    number = to_decimal(_number_text(text, ("°",)), field)
    if not -limit <= number <= limit:
        raise ValidationError("value.out_of_range", field=field, value=text, minimum=-limit,
                              maximum=limit)
    return float(number)


def _as_typed(text: str) -> str:
    return text


def _year_text(text: str) -> str:
    return _number_text(text, ("年度", "年"))


# --- preview --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RowError:
    """What is wrong with one row: ``row`` is the spreadsheet's row number; ``field`` the field
    (None for the row as a whole), ``column`` the column's name in the file."""

    row: int
    field: str | None
    column: str | None
    code: str
    message: str


@dataclass(frozen=True)
class ValidRow:
    """A row that passed every check: ``values`` are the parsed values the record takes."""

    row: int
    key: str  # the member code, plot code or ear tag
    values: dict[str, Any]


@dataclass
class ImportPreview:
    """What an import would write, and what is wrong with the rest. Nothing is written yet."""

    kind: ImportKind
    source: str
    mapping: dict[str, int]
    columns: dict[str, str]  # field -> the column's name in the file
    total_rows: int
    valid: list[ValidRow]
    errors: list[RowError]

    @property
    def error_rows(self) -> list[int]:
        return sorted({error.row for error in self.errors})

    @property
    def valid_rows(self) -> list[int]:
        return [row.row for row in self.valid]

    def errors_of(self, row: int) -> list[RowError]:
        return [error for error in self.errors if error.row == row]


@dataclass(frozen=True)
class ImportResult:
    kind: ImportKind
    written: int
    ids: list[int]  # of the records made, in the order of the rows
    skipped_rows: list[int]  # rows with errors, not imported


_PERMISSIONS = {
    ImportKind.MEMBERS: Permission.MANAGE_MEMBERS,
    ImportKind.PLOTS: Permission.MANAGE_PRODUCTION,
    ImportKind.ANIMALS: Permission.MANAGE_LIVESTOCK,
}
_PERSONAL_FIELDS = frozenset({"id_number", "payout_account"})
_SKIP = object()  # a cell that is blank, or whose error is already recorded


def _shown(error: DomainError) -> DomainError:
    """The error as it may be shown: personal numbers masked."""
    value = error.params.get("value")
    if error.field in _PERSONAL_FIELDS and isinstance(value, str):
        return type(error)(error.code, field=error.field,
                           **{**error.params, "value": mask_id_number(value.strip().upper())})
    return error


def _column_limit(model: type[Base], name: str) -> int | None:
    column = model.__table__.columns.get(name)
    length = getattr(column.type, "length", None) if column is not None else None
    return length if isinstance(length, int) else None


class _Row:
    """One row being checked: reads its cells by field and collects what is wrong."""

    def __init__(self, raw: RawRow, importer: _Importer) -> None:
        self.raw = raw
        self.importer = importer
        self.errors: list[RowError] = []

    def fail(self, field: str | None, error: DomainError) -> None:
        shown = _shown(error)
        column = self.importer.columns.get(field) if field else None
        labels = {spec.name: spec.label() for spec in FIELDS[self.importer.kind]}
        label = labels.get(shown.field or "") if shown.field else None
        self.errors.append(RowError(self.raw.number, field, column, shown.code,
                                    shown.message(field_label=label)))

    def text(self, field: str) -> str | None:
        column = self.importer.mapping.get(field)
        if column is None:
            return ""
        problem = self.raw.problems.get(column)
        if problem is not None:
            self.fail(field, ValidationError(problem[0], field=field, value=problem[1]))
            return None
        return self.raw.value(column)

    def convert(self, field: str, parse: Callable[[str], Any], required: bool = False,
                limit: int | None = None) -> Any:
        """The field's value parsed, or _SKIP when it is blank (and optional) or wrong."""
        text = self.text(field)
        if text is None:
            return _SKIP
        if not text:
            if required:
                self.fail(field, ValidationError("value.required", field=field))
            return _SKIP
        try:
            value = parse(text)
        except DomainError as error:
            self.fail(field, error)
            return _SKIP
        if limit is not None and isinstance(value, str) and len(value) > limit:
            self.fail(field, ValidationError("value.too_long", field=field, length=len(value),
                                             maximum=limit))
            return _SKIP
        return value


class _Importer:
    """What one kind of import checks and writes. ``load`` reads what the database already
    holds; ``check`` parses a row against it and the rows before it; ``recheck`` repeats the
    database checks inside the writing transaction; ``build`` adds one row's records to the
    session with the service's builder (the record first, then any it brings along, in the
    order they are audited); the commit audits them many at a time."""

    kind: ImportKind
    model: type[Base]

    def __init__(self, table: RawTable, mapping: Mapping[str, int]) -> None:
        self.table = table
        self.mapping = dict(mapping)
        self.columns = {name: table.column_name(column) for name, column in mapping.items()}
        self.first_row: dict[tuple[str, str], int] = {}  # (field, value) -> first row with it

    def load(self, session: Session) -> None:
        raise NotImplementedError

    def accepted(self, values: dict[str, Any]) -> None:
        """A row passed every check (later rows may refer to it)."""

    def check(self, row: _Row) -> dict[str, Any]:
        raise NotImplementedError

    def recheck(self, values: dict[str, Any]) -> DomainError | None:
        raise NotImplementedError

    def build(self, work: Work, values: dict[str, Any]) -> list[Base]:
        raise NotImplementedError

    def key(self, values: dict[str, Any]) -> str:
        raise NotImplementedError

    def limit(self, name: str) -> int | None:
        return _column_limit(self.model, name)

    def once_in_file(self, row: _Row, field: str, value: str | None, shown: str | None = None
                     ) -> bool:
        """False (and an error) when an earlier row of the file has the same value."""
        if value is None:
            return True
        first = self.first_row.setdefault((field, value), row.raw.number)
        if first != row.raw.number:
            row.fail(field, ValidationError("import.duplicate_in_file", field=field,
                                            value=shown or value, other_row=first))
            return False
        return True


class _MemberImporter(_Importer):
    kind = ImportKind.MEMBERS
    model = Member
    _OPTIONAL = ("id_number", "phone", "township", "village", "household_size",
                 "poverty_status", "poverty_since_year", "poverty_exit_year", "left_on",
                 "payout_bank", "payout_account", "notes")

    def __init__(self, table: RawTable, mapping: Mapping[str, int]) -> None:
        super().__init__(table, mapping)
        header = self.columns.get("poverty_status", "")
        self.yes_means = PovertyStatus.MONITORED if "监测" in header else PovertyStatus.REGISTERED
        epoch = table.epoch
        self.prepare: dict[str, Callable[[str], Any]] = {
            "id_number": _id_number_text,
            "household_size": lambda text: _number_text(text, ("人", "口")),
            "poverty_status": self._poverty,
            "poverty_since_year": _year_text,
            "poverty_exit_year": _year_text,
            "joined_on": lambda text: parse_date(text, "joined_on", epoch),
            "left_on": lambda text: parse_date(text, "left_on", epoch),
        }

    def _poverty(self, text: str) -> PovertyStatus:
        plain = _plain(text)
        if plain in _YES:
            return self.yes_means
        if plain in _NO:
            return PovertyStatus.NONE
        result: PovertyStatus = parse_choice(PovertyStatus, text, "poverty_status")
        return result

    def load(self, session: Session) -> None:
        cooperative = the_cooperative(session)
        self.codes = set(session.execute(
            select(Member.code).where(Member.cooperative_id == cooperative.id)).scalars())
        self.id_numbers = set(session.execute(
            select(Member.id_number).where(Member.id_number.is_not(None))).scalars())

    def _field(self, row: _Row, name: str, required: bool = False) -> Any:
        prepare = self.prepare.get(name, _as_typed)
        validate = MEMBER_FIELDS[name]
        return row.convert(name, lambda text: validate(prepare(text)), required,
                           self.limit(name))

    def check(self, row: _Row) -> dict[str, Any]:
        code = row.convert("code", lambda text: normalize_code(unicodedata.normalize(
            "NFKC", text)), required=True)
        values: dict[str, Any] = {"code": code}
        values["name"] = self._field(row, "name", required=True)
        values["joined_on"] = self._field(row, "joined_on", required=True)
        for name in self._OPTIONAL:
            if name in self.mapping:
                values[name] = self._field(row, name)
        values = {name: value for name, value in values.items() if value is not _SKIP}
        if "code" in values:
            error = self._taken("code", values["code"])
            if error is None:
                self.once_in_file(row, "code", values["code"])
            else:
                row.fail("code", error)
        if values.get("id_number"):
            number = values["id_number"]
            error = self._taken("id_number", number)
            if error is None:
                self.once_in_file(row, "id_number", number, mask_id_number(number))
            else:
                row.fail("id_number", error)
        return values

    def _taken(self, field: str, value: str) -> DomainError | None:
        existing = self.codes if field == "code" else self.id_numbers
        if value in existing:
            return ValidationError("duplicate", field=field, entity=self._entity(), value=value)
        return None

    @staticmethod
    def _entity() -> str:
        return "社员" if i18n.language() == "zh" else "member"

    def recheck(self, values: dict[str, Any]) -> DomainError | None:
        error = self._taken("code", values["code"])
        if error is None and values.get("id_number"):
            error = self._taken("id_number", values["id_number"])
        return error

    def key(self, values: dict[str, Any]) -> str:
        return str(values["code"])

    def build(self, work: Work, values: dict[str, Any]) -> list[Base]:
        # As register_member does, without its per-record uniqueness queries (checked in bulk).
        fields = {name: value for name, value in values.items() if name != "code"}
        return [new_member(work, values["code"], fields, known_unique=True)]


@dataclass(frozen=True)
class _KnownMember:
    id: int
    name: str
    village: str


def _load_members(session: Session) -> dict[str, _KnownMember]:
    cooperative = the_cooperative(session)
    rows = session.execute(select(Member.code, Member.id, Member.name, Member.village)
                           .where(Member.cooperative_id == cooperative.id))
    return {code: _KnownMember(member_id, name, village)
            for code, member_id, name, village in rows}


def _member_of(row: _Row, members: dict[str, _KnownMember], code_field: str,
               name_field: str) -> _KnownMember | None:
    code = row.convert(code_field, lambda text: normalize_code(unicodedata.normalize(
        "NFKC", text), code_field), required=True)
    if code is _SKIP:
        return None
    member = members.get(code)
    if member is None:
        row.fail(code_field, ValidationError("not_found", field=code_field,
                                             entity=_MemberImporter._entity(), value=code))
        return None
    name = row.text(name_field)
    if name and name != member.name:
        row.fail(name_field, ValidationError("import.member_name_mismatch", field=name_field,
                                             code=code, expected=member.name, value=name))
    return member


class _PlotImporter(_Importer):
    kind = ImportKind.PLOTS
    model = Plot

    def load(self, session: Session) -> None:
        self.members = _load_members(session)
        self.members_by_id = {member.id: member for member in self.members.values()}
        self.member_ids = set(self.members_by_id)
        self.codes = set(session.execute(select(Plot.code)).scalars())

    def check(self, row: _Row) -> dict[str, Any]:
        values: dict[str, Any] = {}
        values["code"] = row.convert("code", lambda text: normalize_code(
            unicodedata.normalize("NFKC", text)), required=True, limit=self.limit("code"))
        member = _member_of(row, self.members, "member_code", "member_name")
        if member is not None:
            values["member_id"] = member.id
        values["area_mu"] = row.convert("area_mu", self._area, required=True)
        values["land_type"] = row.convert("land_type", lambda text: PLOT_FIELDS["land_type"](
            parse_choice(LandType, text, "land_type")), required=True)
        values["name"] = row.convert("name", PLOT_FIELDS["name"], limit=self.limit("name"))
        village = row.text("village")
        if village == "" and member is not None:
            values["village"] = member.village  # as register_plot: the member's village
        elif village:
            values["village"] = row.convert("village", PLOT_FIELDS["village"],
                                            limit=self.limit("village"))
        values["in_gi_area"] = row.convert("in_gi_area", lambda text: parse_yes_no(
            text, "in_gi_area"))
        values["latitude"] = row.convert("latitude", lambda text: _coordinate(
            text, "latitude", 90))
        values["longitude"] = row.convert("longitude", lambda text: _coordinate(
            text, "longitude", 180))
        values = {name: value for name, value in values.items() if value is not _SKIP}
        code = values.get("code")
        if code is not None:
            error = self._taken(code)
            if error is None:
                self.once_in_file(row, "code", code)
            else:
                row.fail("code", error)
        return values

    @staticmethod
    def _area(text: str) -> Decimal:
        area: Decimal = PLOT_FIELDS["area_mu"](_number_text(text, ("亩", "mu")))
        # The column keeps hundredths of a mu; keep exactly what will be stored (and audited).
        return area.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def _taken(self, code: str) -> DomainError | None:
        if code in self.codes:
            entity = "地块" if i18n.language() == "zh" else "plot"
            return ValidationError("duplicate", field="code", entity=entity, value=code)
        return None

    def recheck(self, values: dict[str, Any]) -> DomainError | None:
        if values["member_id"] not in self.member_ids:
            return ValidationError("not_found", field="member_id",
                                   entity=_MemberImporter._entity(),
                                   value=values["member_id"])
        return self._taken(values["code"])

    def key(self, values: dict[str, Any]) -> str:
        return str(values["code"])

    def build(self, work: Work, values: dict[str, Any]) -> list[Base]:
        # As register_plot does, without its per-record member and uniqueness queries.
        fields = {name: value for name, value in values.items()
                  if name not in ("member_id", "code")}
        member = self.members_by_id[values["member_id"]]
        return [new_plot(work, member, values["code"], fields, known_unique=True)]


class _AnimalImporter(_Importer):
    kind = ImportKind.ANIMALS
    model = Animal

    def __init__(self, table: RawTable, mapping: Mapping[str, int]) -> None:
        super().__init__(table, mapping)
        self.row_of_tag: dict[str, int] = {}  # every ear tag of the file -> its first row
        self.valid_tags: set[str] = set()  # ear tags of the valid rows checked so far
        column = self.mapping.get("ear_tag")
        if column is not None:
            for raw in table.rows:
                tag = self._tag(raw.value(column))
                if tag:
                    self.row_of_tag.setdefault(tag, raw.number)
        self.created: dict[str, Animal] = {}  # ear tag -> the animal this import made

    @staticmethod
    def _tag(text: str) -> str:
        return unicodedata.normalize("NFKC", text).strip().upper()

    def load(self, session: Session) -> None:
        self.members = _load_members(session)
        self.member_ids = {member.id for member in self.members.values()}
        self.tags = dict(session.execute(
            select(Animal.ear_tag, Animal.id)).tuples().all())
        self.animal_ids = set(self.tags.values())
        self.eids = set(session.execute(select(Animal.eid).where(Animal.eid.is_not(None))
                                        ).scalars())

    def check(self, row: _Row) -> dict[str, Any]:
        values: dict[str, Any] = {}
        tag = row.convert("ear_tag", lambda text: self._tag(required_text(text, "ear_tag")),
                          required=True, limit=self.limit("ear_tag"))
        values["ear_tag"] = tag
        values["eid"] = row.convert("eid", lambda text: ANIMAL_FIELDS["eid"](_plain(text)))
        values["species"] = row.convert("species", lambda text: ANIMAL_FIELDS["species"](
            parse_choice(Species, text, "species")), required=True)
        values["sex"] = row.convert("sex", lambda text: ANIMAL_FIELDS["sex"](
            parse_choice(Sex, text, "sex")))
        values["birth_date"] = row.convert("birth_date", lambda text: ANIMAL_FIELDS[
            "birth_date"](parse_date(text, "birth_date", self.table.epoch)))
        for name in ("breed", "herd"):
            values[name] = row.convert(name, ANIMAL_FIELDS[name], limit=self.limit(name))
        owner = _member_of(row, self.members, "owner_code", "owner_name")
        if owner is not None:
            values["owner_member_id"] = owner.id
        for field_name, target in (("dam_tag", "dam_id"), ("sire_tag", "sire_id")):
            parent = self._parent(row, field_name, tag)
            if parent is not None:
                values[target] = parent
        values = {name: value for name, value in values.items() if value is not _SKIP}
        if tag is not _SKIP:
            if tag in self.tags:
                row.fail("ear_tag", ValidationError("duplicate", field="ear_tag",
                                                    entity=self._entity(), value=tag))
            else:
                self.once_in_file(row, "ear_tag", tag)
        eid = values.get("eid")
        if eid:
            if eid in self.eids:
                row.fail("eid", ValidationError("duplicate", field="eid",
                                                entity=self._entity(), value=eid))
            else:
                self.once_in_file(row, "eid", eid)
        return values

    @staticmethod
    def _entity() -> str:
        return "牲畜" if i18n.language() == "zh" else "animal"

    def _parent(self, row: _Row, field_name: str, own_tag: Any) -> int | str | None:
        """An existing animal's id, or the ear tag of a valid earlier row of this file."""
        text = row.text(field_name)
        if not text:
            return None
        tag = self._tag(text)
        first = self.row_of_tag.get(tag)
        if tag == own_tag:
            row.fail(field_name, ValidationError("import.parent_self", field=field_name,
                                                 value=tag))
        elif tag in self.tags:  # already recorded (a row of the file with it is refused)
            return self.tags[tag]
        elif first is not None and first < row.raw.number:
            if tag in self.valid_tags:
                return tag
            row.fail(field_name, ValidationError("import.parent_invalid", field=field_name,
                                                 value=tag, other_row=first))
        elif first is not None:
            row.fail(field_name, ValidationError("import.parent_later", field=field_name,
                                                 value=tag, other_row=first))
        else:
            row.fail(field_name, ValidationError("import.parent_unknown", field=field_name,
                                                 value=tag))
        return None

    def accepted(self, values: dict[str, Any]) -> None:
        self.valid_tags.add(values["ear_tag"])

    def recheck(self, values: dict[str, Any]) -> DomainError | None:
        entity = self._entity()
        if values["owner_member_id"] not in self.member_ids:
            return ValidationError("not_found", field="owner_member_id",
                                   entity=_MemberImporter._entity(),
                                   value=values["owner_member_id"])
        if values["ear_tag"] in self.tags:
            return ValidationError("duplicate", field="ear_tag", entity=entity,
                                   value=values["ear_tag"])
        if values.get("eid") and values["eid"] in self.eids:
            return ValidationError("duplicate", field="eid", entity=entity, value=values["eid"])
        for target in ("dam_id", "sire_id"):
            parent = values.get(target)
            if isinstance(parent, int) and parent not in self.animal_ids:
                return ValidationError("not_found", field=target, entity="animal", value=parent)
        return None

    def key(self, values: dict[str, Any]) -> str:
        return str(values["ear_tag"])

    def build(self, work: Work, values: dict[str, Any]) -> list[Base]:
        # As register_animal does, birth event included, without its per-record queries.
        fields = {name: value for name, value in values.items() if name != "ear_tag"}
        for target in ("dam_id", "sire_id"):
            if isinstance(fields.get(target), str):  # the ear tag of an earlier row
                parent = self.created[fields[target]]
                if parent.id is None:  # not flushed yet (no birth event asked for its id)
                    work.session.flush()
                fields[target] = parent.id
        animal, birth = new_animal(work, values["ear_tag"], fields, known_unique=True)
        self.created[animal.ear_tag] = animal
        return [animal] if birth is None else [animal, birth]


_IMPORTERS: dict[ImportKind, type[_Importer]] = {
    ImportKind.MEMBERS: _MemberImporter,
    ImportKind.PLOTS: _PlotImporter,
    ImportKind.ANIMALS: _AnimalImporter,
}


def _mapped(mapping: Mapping[str, int | None]) -> dict[str, int]:
    return {name: column for name, column in mapping.items() if column is not None}


def check_mapping(kind: ImportKind | str, table: RawTable,
                  mapping: Mapping[str, int | None]) -> None:
    """Refuse a mapping that leaves a required field without a column, or uses one column
    twice. A field or column that does not exist is a bug (ValueError)."""
    fields = {spec.name: spec for spec in import_fields(kind)}
    width = len(table.headers)
    by_column: dict[int, str] = {}
    for name, column in _mapped(mapping).items():
        if name not in fields:
            raise ValueError(f"{kind} has no field {name!r}")
        if not 0 <= column < width:
            raise ValueError(f"column {column} is outside the table (0..{width - 1})")
        if column in by_column:
            raise ValidationError("import.column_twice", column=table.column_name(column),
                                  field=fields[by_column[column]].label(),
                                  other=fields[name].label())
        by_column[column] = name
    missing = [spec.label() for spec in fields.values()
               if spec.required and mapping.get(spec.name) is None]
    if missing:
        kind_name = _KIND_ZH[ImportKind(kind)] if i18n.language() == "zh" else str(kind)
        separator = "、" if i18n.language() == "zh" else ", "
        raise ValidationError("import.missing_columns", fields=separator.join(missing),
                              kind=kind_name)


def preview(db: Database, actor: Actor, kind: ImportKind | str, table: RawTable,
            mapping: Mapping[str, int | None], *, progress: Progress | None = None
            ) -> ImportPreview:
    """Check every row as the import would write it, and write nothing."""
    import_kind = ImportKind(kind)
    require(actor, _PERMISSIONS[import_kind])
    check_mapping(import_kind, table, mapping)
    columns = _mapped(mapping)
    importer = _IMPORTERS[import_kind](table, columns)
    with reading(db, actor) as session:
        importer.load(session)
    ticker = _Ticker(progress, len(table.rows))
    valid: list[ValidRow] = []
    errors: list[RowError] = []
    for done, raw in enumerate(table.rows, start=1):
        row = _Row(raw, importer)
        values = importer.check(row)
        if row.errors:
            errors.extend(row.errors)
        else:
            importer.accepted(values)
            valid.append(ValidRow(raw.number, importer.key(values), values))
        ticker.tick(done, force=done == len(table.rows))
    return ImportPreview(kind=import_kind, source=table.path.name, mapping=columns,
                         columns=dict(importer.columns), total_rows=len(table.rows),
                         valid=valid, errors=errors)


# --- commit ---------------------------------------------------------------------------------------

def commit(db: Database, actor: Actor, kind: ImportKind | str, preview: ImportPreview, *,
           progress: Progress | None = None) -> ImportResult:
    """Write every valid row of the preview in one unit of work, or none of them.

    The database checks are repeated inside the transaction (someone may have added a member
    since the preview); a row refused then, or by the database itself, rolls everything back
    and raises ``import.row_refused`` naming the row. ``progress`` returning False rolls back
    and raises ImportCancelled."""
    import_kind = ImportKind(kind)
    if preview.kind != import_kind:
        raise ValueError(f"a preview of {preview.kind} cannot be committed as {import_kind}")
    permission = _PERMISSIONS[import_kind]
    require(actor, permission)
    skipped = preview.error_rows
    if not preview.valid:
        return ImportResult(import_kind, 0, [], skipped)
    importer = _IMPORTERS[import_kind](_EMPTY_TABLE, {})
    ticker = _Ticker(progress, len(preview.valid), every=PROGRESS_EVERY // 2)
    ids: list[int] = []
    with unit_of_work(db, actor, permission) as work:
        importer.load(work.session)
        for start in range(0, len(preview.valid), WRITE_BATCH):
            batch = preview.valid[start:start + WRITE_BATCH]
            ids.extend(_write_batch(work, importer, batch, preview.source))
            for done in range(start + 1, start + len(batch) + 1):
                ticker.tick(done, force=done == len(preview.valid))
    return ImportResult(import_kind, len(ids), ids, skipped)


def _write_batch(work: Work, importer: _Importer, batch: list[ValidRow],
                 source: str) -> list[int]:
    """Write a batch of rows with one flush and one bulk audit, inside a savepoint. When the
    database refuses the batch, it is written again row by row, each in its own savepoint,
    to name the row it refuses."""
    if len(batch) > 1:
        try:
            with work.session.begin_nested():
                return _write_rows(work, importer, batch, source)
        except DBAPIError:
            pass  # which row? found below
    ids: list[int] = []
    for row in batch:
        try:
            with work.session.begin_nested():
                ids.extend(_write_rows(work, importer, [row], source))
        except DBAPIError as error:
            detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            raise ValidationError("import.row_refused", row=row.row,
                                  reason=detail[:200] + ".") from None
    return ids


def _write_rows(work: Work, importer: _Importer, rows: list[ValidRow],
                source: str) -> list[int]:
    records: list[Base] = []
    reasons: list[str] = []
    made: list[Base] = []
    for row in rows:
        refusal = importer.recheck(row.values)
        if refusal is not None:
            raise _refused(row.row, refusal)
        try:
            built = importer.build(work, row.values)
        except DomainError as error:
            raise _refused(row.row, error) from None
        made.append(built[0])
        records.extend(built)
        reasons.extend([f"import {source} row {row.row}"] * len(built))
    work.audit_many("create", records, reasons)
    return [record.id for record in made]


def _refused(row: int, error: DomainError) -> ValidationError:
    return ValidationError("import.row_refused", field=error.field, row=row,
                           reason=_shown(error).message())


_EMPTY_TABLE = RawTable(path=Path("-"), headers=[], rows=[], header_row=0, file_format="")
