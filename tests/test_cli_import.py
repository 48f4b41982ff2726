"""``coop-desktop import``, run as IT staff would: real files, real database files, exit codes."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from coop_desktop.cli import main
from coop_desktop.domain.id_numbers import id_check_char, mask_id_number
from coop_desktop.domain.models import AuditEntry, Member
from coop_desktop.services.audit import verify_audit
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.setup import create_cooperative
from coop_desktop.storage.database import Database
from coop_desktop.storage.migrations import prepare

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "imports"
HEADERS = ["社员编号", "户主姓名", "身份证号码", "村", "入社日期"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "coop_desktop", "--lang", "en", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ), check=False)


def valid_id(seq: int) -> str:
    first = f"62060219800101{seq:03d}"
    return first + id_check_char(first)


@pytest.fixture
def coop_file(tmp_path: Path) -> Path:
    file = tmp_path / "coop.sqlite"
    database = Database.open(str(file))
    prepare(database, backup_dir=tmp_path / "b")
    create_cooperative(database, SYSTEM, name="凉州区瓜果种植专业合作社")
    database.dispose()
    return file


def members_in(file: Path) -> list[str]:
    database = Database.open(str(file))
    try:
        with database.read() as session:
            return list(session.execute(select(Member.code).order_by(Member.id)).scalars())
    finally:
        database.dispose()


def audit_state(file: Path) -> tuple[int, bool]:
    database = Database.open(str(file))
    try:
        with database.read() as session:
            count = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
            return int(count), verify_audit(session).ok
    finally:
        database.dispose()


def workbook(path: Path, *rows: list[object]) -> Path:
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def good_row(number: int) -> list[object]:
    return [f"M{number:03d}", f"社员{number}", valid_id(number), "新村", dt.date(2019, 3, 1)]


def test_a_clean_file_is_imported_whole(tmp_path: Path, coop_file: Path) -> None:
    path = workbook(tmp_path / "社员.xlsx", good_row(1), good_row(2), good_row(3))
    result = run_cli("--db", str(coop_file), "import", "members", str(path))
    assert result.returncode == 0, result.stderr
    assert "3 rows: 3 valid, 0 with errors" in result.stdout
    assert "imported 3 members" in result.stdout
    assert "社员编号 -> member code" in result.stdout
    assert members_in(coop_file) == ["M001", "M002", "M003"]
    assert audit_state(coop_file)[1]
    check = run_cli("--db", str(coop_file), "db", "verify-audit")
    assert check.returncode == 0 and "ok" in check.stdout


def test_bad_rows_are_listed_and_nothing_written_unless_accepted(
        tmp_path: Path, coop_file: Path) -> None:
    wrong = valid_id(2)[:-1] + ("0" if valid_id(2)[-1] != "0" else "1")
    path = workbook(tmp_path / "社员.xlsx", good_row(1),
                    ["M002", "张三", wrong, "新村", "2019-03-01"],
                    ["M001", "李四", "", "新村", "2019-03-01"],
                    ["M004", "王五", "", "新村", "2019-02-30"],
                    good_row(5))
    before = audit_state(coop_file)

    refused = run_cli("--db", str(coop_file), "import", "members", str(path))
    assert refused.returncode == 2
    lines = [line for line in refused.stdout.splitlines() if line.startswith("row ")]
    assert [line.split(" [")[0] for line in lines] == ["row 3", "row 4", "row 5"]
    assert "row 3 [身份证号码]: ID number " in refused.stdout and "wrong check digit" in lines[0]
    assert "appears more than once in the file (first in row 2)" in lines[1]
    assert "not a real day of the calendar" in lines[2]
    assert "5 rows: 2 valid, 3 with errors" in refused.stdout
    assert refused.stderr.strip() == (
        "coop-desktop: 3 rows have errors, so nothing was written. Correct them, or run again "
        "with --accept-valid to import the 2 valid rows.")
    output = refused.stdout + refused.stderr
    assert wrong not in output and valid_id(1) not in output  # ID numbers never in full
    assert mask_id_number(wrong) in output
    assert members_in(coop_file) == []
    assert audit_state(coop_file) == before

    dry = run_cli("--db", str(coop_file), "import", "members", str(path), "--dry-run",
                  "--accept-valid")
    assert dry.returncode == 2
    assert "3 rows have errors (a dry run: nothing was written)." in dry.stderr
    assert members_in(coop_file) == []

    accepted = run_cli("--db", str(coop_file), "import", "members", str(path),
                       "--accept-valid")
    assert accepted.returncode == 0, accepted.stderr
    assert "imported 2 members" in accepted.stdout
    assert members_in(coop_file) == ["M001", "M005"]
    assert audit_state(coop_file) == (before[0] + 2, True)


def test_dry_run_of_a_clean_file_writes_nothing(coop_file: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--lang", "en", "--db", str(coop_file), "import", "members",
                 str(DATA / "members_gbk.csv"), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0
    assert "members_gbk.csv (gb18030, ',')" in out
    assert "3 rows: 3 valid, 0 with errors" in out and "dry run: nothing was written" in out
    assert members_in(coop_file) == []
    assert main(["--lang", "en", "--db", str(coop_file), "import", "members",
                 str(DATA / "members_gbk.csv")]) == 0
    assert members_in(coop_file) == ["LZ001", "LZ002", "LZ003"]
    assert main(["--lang", "en", "--db", str(coop_file), "import", "animals",
                 str(DATA / "animals_utf8_bom_semicolon.csv")]) == 0
    assert "imported 3 animals" in capsys.readouterr().out


@pytest.mark.parametrize(("content", "expected"), [
    (os.urandom(2048), "is neither an Excel workbook (.xlsx) nor a CSV text file"),
    (b"", "is empty"),
    ("日期,品名,数量\n2024-03-01,白兰瓜,12\n".encode(), "No column is chosen for member code"),
])
def test_files_that_cannot_be_imported_exit_2(tmp_path: Path, coop_file: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               content: bytes, expected: str) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(content)
    before = audit_state(coop_file)
    assert main(["--lang", "en", "--db", str(coop_file), "import", "members", str(path)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("coop-desktop: ") and expected in error
    assert "Traceback" not in error
    assert audit_state(coop_file) == before


def test_a_file_with_no_valid_row(tmp_path: Path, coop_file: Path) -> None:
    path = workbook(tmp_path / "m.xlsx", ["M001", "", "", "新村", "2019-03-01"])
    result = run_cli("--db", str(coop_file), "import", "members", str(path), "--accept-valid")
    assert result.returncode == 2
    assert "row 2 [户主姓名]: head of household is required." in result.stdout
    assert "No row of the file is valid; nothing was written." in result.stderr


def test_plots_with_unknown_members_in_chinese(tmp_path: Path, coop_file: Path) -> None:
    path = tmp_path / "地块.csv"
    path.write_bytes("地块编号,社员编号,面积（亩）,土地类型\nP1,M404,3,旱地\n".encode("gbk"))
    result = subprocess.run([sys.executable, "-m", "coop_desktop", "--lang", "zh", "--db",
                             str(coop_file), "import", "plots", str(path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 2
    assert "row 2 [社员编号]: 找不到 社员编号 为 'M404' 的社员。" in result.stdout
    assert "有 1 行存在错误，因此没有写入任何数据。" in result.stderr
