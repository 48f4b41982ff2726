"""The payout report as PDF and XLSX: the figures add up to the statement's, Chinese text is
extractable, and personal data stays out except where it is the report's purpose."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from coop_desktop.domain import i18n
from coop_desktop.domain.models import Member
from coop_desktop.reports.payout_report import write_pdf, write_xlsx
from coop_desktop.services.payouts import payout_statement, record_payouts
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.services.builders import load
from tests.services.test_payouts import YEAR, _expected, _setup


@pytest.fixture
def statement_db(sqlite_coop: Database) -> Database:
    _setup(sqlite_coop)
    record_payouts(sqlite_coop, SYSTEM, YEAR)
    return sqlite_coop


def test_pdf_in_chinese_adds_up_and_masks_accounts(statement_db: Database,
                                                   tmp_path: Path) -> None:
    i18n.set_language("zh")
    statement = payout_statement(statement_db, SYSTEM, YEAR)
    out = tmp_path / "payouts.pdf"
    pages = write_pdf(statement, out, cooperative="武威市凉州区瓜果种植专业合作社")

    reader = PdfReader(out)
    assert len(reader.pages) == pages >= 1
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert f"{YEAR} 年社员交售收益兑付表" in text
    assert "建档立卡户 1 户" in text and "监测户 1 户" in text
    assert f"{statement.net:,.2f}" in text
    for code in ("M001", "M002", "M003", "M004"):
        assert code in text
    assert "**** 8901" in text
    member = load(statement_db, Member, 1)
    assert member.payout_account not in text.replace(" ", "")
    assert not (tmp_path / "payouts.pdf.part").exists()


def test_xlsx_sheets_hold_numbers_that_sum_to_the_totals(statement_db: Database,
                                                         tmp_path: Path) -> None:
    statement = payout_statement(statement_db, SYSTEM, YEAR)
    out = tmp_path / "payouts.xlsx"
    assert write_xlsx(statement, out) == 5
    book = load_workbook(out, read_only=True)
    members = list(book["Payouts per member household"].iter_rows(values_only=True))
    header, rows, total = members[0], members[1:-1], members[-1]
    net = header.index("Net")
    cents = sum(round(Decimal(str(row[net])) * 100) for row in rows)
    expected = sum(value for _, _, value in _expected().values())
    assert cents == expected * 100 == round(Decimal(str(total[net])) * 100)
    assert {row[0] for row in rows} == {"M001", "M002", "M003", "M004"}
    deliveries = list(book["Deliveries"].iter_rows(values_only=True))
    assert len(deliveries) - 1 == sum(len(member.lines) for member in statement.members)
    benefit = list(book.worksheets[3].iter_rows(values_only=True))[1:]
    assert [row[0] for row in benefit] == ["M001", "M002"]
    book.close()


def test_a_file_that_cannot_be_written_leaves_nothing(statement_db: Database,
                                                      tmp_path: Path) -> None:
    statement = payout_statement(statement_db, SYSTEM, YEAR)
    missing = tmp_path / "no-such-folder" / "payouts.pdf"
    with pytest.raises(FileNotFoundError):
        write_pdf(statement, missing)
    assert not missing.parent.exists()
