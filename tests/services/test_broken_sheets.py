"""A corpus of broken spreadsheets (tests/data/broken_sheets/): each is refused with a sentence in
Chinese and in English, or its wrong rows are named with one, and an import that meets any of
them writes nothing. A million-row CSV is generated here and refused quickly."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from coop_desktop.cli import main as cli_main
from coop_desktop.domain import i18n
from coop_desktop.domain.errors import DomainError
from coop_desktop.domain.models import AuditEntry, Member
from coop_desktop.services import imports
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.services.builders import rows

CORPUS = Path(__file__).resolve().parents[1] / "data" / "broken_sheets"
CJK = re.compile(r"[\u4e00-\u9fff]")

#: Files ``read_table`` refuses whole: file -> the error's code.
REFUSED = {
    "empty.csv": "import.empty",
    "blank_lines.csv": "import.empty",
    "no_header.csv": "import.no_header",
    "header_only.csv": "import.no_rows",
    "header_only.xlsx": "import.no_rows",
    "mixed_encodings.csv": "import.mixed_encoding",
    "not_a_spreadsheet.png": "import.not_table",
    "not_a_workbook.zip": "import.not_xlsx",
    "protected.xlsx": "import.xls",  # an OLE2 container, as Excel saves a workbook with a password
    "truncated.xlsx": "import.unreadable",
    "damaged_sheet.xlsx": "import.unreadable",
}
#: Files that read, but whose mapping the preview refuses: file -> code.
NO_MAPPING = {"wrong_columns.csv": "import.missing_columns"}
#: Files with rows in error: file -> {row number: error codes}; the other rows are valid.
ROW_ERRORS = {
    "bad_rows.csv": {3: {"import.duplicate_in_file"}, 4: {"value.required"},
                     5: {"date.impossible"}},
    "formulas.xlsx": {3: {"import.formula_no_value"}, 4: {"import.formula_no_value"}},
    "merged_cells.xlsx": {3: {"import.merged_cell"}, 4: {"import.merged_cell"}},
    "id_as_number.xlsx": {2: {"import.id_as_number"}},
}
#: Files that are fine though unusual: file -> (encoding, the names read).
READABLE = {
    "gbk.csv": ("gb18030", ["王建国", "李秀英", "张明"]),
    "utf16_tabs.txt": ("utf-16", ["王建国", "李秀英", "张明"]),
}


def test_the_corpus_is_what_the_tables_describe() -> None:
    files = {path.name for path in CORPUS.iterdir() if path.name != "README.md"}
    assert files == {*REFUSED, *NO_MAPPING, *ROW_ERRORS, *READABLE}


def _both_languages(error: DomainError, file: str) -> None:
    english, chinese = error.message("en"), error.message("zh")
    assert file in english and file in chinese
    assert english.endswith(".") and chinese.endswith("。")
    assert not CJK.search(english.replace(file, "").split("(for example")[0]) or \
        error.code == "import.no_header"  # its English names the Chinese column headers
    assert CJK.search(chinese)


@pytest.mark.parametrize(("file", "code"), sorted(REFUSED.items()))
def test_a_file_that_cannot_be_a_table_is_refused_with_a_sentence(file: str, code: str) -> None:
    with pytest.raises(DomainError) as refused:
        imports.read_table(CORPUS / file)
    assert refused.value.code == code
    _both_languages(refused.value, file)


@pytest.mark.parametrize(("file", "code"), sorted(NO_MAPPING.items()))
def test_a_file_without_the_needed_columns_is_refused(coop: Database, file: str,
                                                      code: str) -> None:
    table = imports.read_table(CORPUS / file)
    said = {}
    for language in ("zh", "en"):  # the field names are put in the sentence in its language
        i18n.set_language(language)
        with pytest.raises(DomainError) as refused:
            imports.preview(coop, SYSTEM, "members", table,
                            imports.suggest_mapping("members", table.headers))
        assert refused.value.code == code
        said[language] = str(refused.value)
    assert "member code" in said["en"] and "社员编号" in said["zh"]


def _preview(db: Database, file: str) -> imports.ImportPreview:
    table = imports.read_table(CORPUS / file)
    return imports.preview(db, SYSTEM, "members", table,
                           imports.suggest_mapping("members", table.headers))


@pytest.mark.parametrize(("file", "expected"), sorted(ROW_ERRORS.items()))
def test_wrong_rows_are_named_in_both_languages(coop: Database, file: str,
                                                expected: dict[int, set[str]]) -> None:
    checked = _preview(coop, file)
    found: dict[int, set[str]] = {}
    for error in checked.errors:
        found.setdefault(error.row, set()).add(error.code)
    assert found == expected
    assert checked.valid_rows == [row for row in range(2, 2 + checked.total_rows)
                                  if row not in expected]
    i18n.set_language("zh")
    try:
        chinese = _preview(coop, file)
    finally:
        i18n.set_language("en")
    for english_error, chinese_error in zip(checked.errors, chinese.errors, strict=True):
        assert english_error.message != chinese_error.message
        assert CJK.search(chinese_error.message)


@pytest.mark.parametrize("file", sorted({*REFUSED, *NO_MAPPING, *ROW_ERRORS}))
def test_the_import_command_writes_nothing_from_a_broken_file(
        sqlite_coop: Database, capsys: pytest.CaptureFixture[str], file: str) -> None:
    before = (rows(sqlite_coop, Member), rows(sqlite_coop, AuditEntry))
    url = str(sqlite_coop.engine.url)
    code = cli_main(["--db", url, "import", "members", str(CORPUS / file)])
    assert code == 2
    said = capsys.readouterr().err
    assert said.strip(), "no sentence"
    assert "Traceback" not in said
    assert (rows(sqlite_coop, Member), rows(sqlite_coop, AuditEntry)) == before


@pytest.mark.parametrize(("file", "expected"), sorted(READABLE.items()))
def test_gbk_and_utf16_lists_import_with_their_chinese_names(
        coop: Database, file: str, expected: tuple[str, list[str]]) -> None:
    encoding, names = expected
    table = imports.read_table(CORPUS / file)
    assert table.encoding == encoding
    checked = _preview(coop, file)
    assert checked.errors == []
    result = imports.commit(coop, SYSTEM, "members", checked)
    assert result.written == 3
    assert [row.values["name"] for row in checked.valid] == names


def test_a_million_rows_are_refused_quickly_with_a_sentence(tmp_path: Path) -> None:
    file = tmp_path / "million.csv"
    with file.open("w", encoding="utf-8") as stream:
        stream.write("社员编号,户主姓名,村,入社日期\n")
        stream.writelines(f"M{number:07d},王建国,王庄村,2024-03-01\n"
                          for number in range(1_000_000))
    started = time.perf_counter()
    with pytest.raises(DomainError) as refused:
        imports.read_table(file)
    elapsed = time.perf_counter() - started
    assert refused.value.code == "import.too_many_rows"
    assert f"{imports.MAX_ROWS}" in refused.value.message("en")
    assert "拆分" in refused.value.message("zh")
    print(f"a million rows refused in {elapsed:.1f} s")  # the figure for the issue; not asserted


def test_a_cap_below_the_size_of_a_file_refuses_it_before_anything_is_checked(
        tmp_path: Path) -> None:
    file = tmp_path / "ten.csv"
    file.write_text("社员编号,户主姓名\n" + "".join(f"M{n},王\n" for n in range(10)),
                    encoding="utf-8")
    with pytest.raises(DomainError) as refused:
        imports.read_table(file, max_rows=9)
    assert refused.value.code == "import.too_many_rows"
    assert len(imports.read_table(file, max_rows=10).rows) == 10
