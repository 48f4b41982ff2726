"""``coop-desktop payouts``: a year's payout report to PDF or XLSX, optionally recording the
payouts first, run in-process on a real SQLite file; exit 2 with a sentence otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest
from openpyxl import load_workbook

from coop_desktop.cli import main
from coop_desktop.services.deliveries import record_delivery
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.services.test_payouts import YEAR, _expected, _product, _setup


@pytest.fixture
def payout_db(sqlite_template: Path, tmp_path: Path) -> Path:
    from tests.conftest import _add_cooperative

    file = tmp_path / "coop.sqlite"
    shutil.copyfile(sqlite_template, file)
    database = Database.open(str(file))
    _setup(_add_cooperative(database))
    database.dispose()
    return file


def test_record_and_write_the_report(payout_db: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    net = sum(value for _, _, value in _expected().values())
    pdf = tmp_path / "payouts.pdf"
    assert main(["--lang", "zh", "--db", str(payout_db), "payouts", "--year", str(YEAR),
                 "--out", str(pdf), "--record"]) == 0
    out = capsys.readouterr().out
    assert f"4 payouts recorded for {YEAR}" in out and f"net {net}" in out
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert f"PO{YEAR}-M001-01" in text and f"{net:,.2f}" in text

    xlsx = tmp_path / "payouts.xlsx"
    assert main(["--lang", "en", "--db", str(payout_db), "payouts", "--year", str(YEAR),
                 "--out", str(xlsx)]) == 0
    book = load_workbook(xlsx, read_only=True)
    assert book.sheetnames[0] == "Summary"
    book.close()

    # Recording again: nothing left to pay, exit 2 with the sentence.
    assert main(["--lang", "en", "--db", str(payout_db), "payouts", "--year", str(YEAR),
                 "--out", str(pdf), "--record"]) == 2
    assert "already in a payout" in capsys.readouterr().err


def test_unpriced_delivery_refuses_recording_but_the_report_warns(
        payout_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = Database.open(str(payout_db))
    record_delivery(database, SYSTEM, code="JS-NOPRICE", member_id=1,
                    product_id=_product(database, "HM"), delivered_on=f"{YEAR}-05-05",
                    quantity="30")
    database.dispose()
    out = tmp_path / "p.pdf"
    assert main(["--lang", "en", "--db", str(payout_db), "payouts", "--year", str(YEAR),
                 "--out", str(out), "--record"]) == 2
    assert "JS-NOPRICE" in capsys.readouterr().err and not out.exists()
    assert main(["--lang", "en", "--db", str(payout_db), "payouts", "--year", str(YEAR),
                 "--out", str(out)]) == 0
    assert "1 deliveries without a unit price" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "words"), [
    (["--year", "1990", "--out", "x.pdf"], "not a year"),
    (["--year", "20x6", "--out", "x.pdf"], "must be a number"),
    (["--year", str(YEAR), "--out", "x.doc"], ".pdf or .xlsx"),
    (["--year", str(YEAR), "--out", "no/such/folder/x.pdf"], "could not be written"),
])
def test_what_the_user_can_fix_exits_2_with_a_sentence(
        payout_db: Path, tmp_path: Path, args: list[str], words: str,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--lang", "en", "--db", str(payout_db), "payouts", *args]) == 2
    assert words in capsys.readouterr().err
