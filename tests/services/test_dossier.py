"""Certification dossiers on the demo cooperative: an organic and a green-food dossier in
Chinese that an auditor can read — the PDF parsed back (pages, bookmarks, a table header repeated
on every page of a long table, Chinese text, member and lot counts equal to the database), the
ZIP's manifest verified file by file, gaps stated rather than hidden — and the refusals."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from openpyxl import load_workbook
from pikepdf import pdfa
from sqlalchemy import select

from coop_desktop.cli import main
from coop_desktop.domain.errors import NotFoundError, ValidationError
from coop_desktop.domain.models import Certification, Member, Scheme
from coop_desktop.reports.dossier_bundle import write_bundle
from coop_desktop.reports.dossier_pdf import write_dossier_pdf
from coop_desktop.services.demo import load_demo
from coop_desktop.services.dossier import build_dossier
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
         ) -> Iterator[Database]:
    file = tmp_path_factory.mktemp("dossier") / "demo.sqlite"
    shutil.copyfile(sqlite_template, file)
    database = Database.open(str(file))
    load_demo(database)
    yield database
    database.dispose()


def _number(db: Database, scheme: Scheme) -> str:
    with db.read() as session:
        return session.execute(select(Certification.number)
                               .where(Certification.scheme == scheme)).scalars().first() or ""


@pytest.mark.parametrize("scheme", [Scheme.ORGANIC, Scheme.GREEN_FOOD])
def test_a_chinese_dossier_an_auditor_can_read(demo: Database, tmp_path: Path,
                                               scheme: Scheme) -> None:
    number = _number(demo, scheme)
    dossier = build_dossier(demo, SYSTEM, start=YEAR[0], end=YEAR[1], certificate=number)
    pdf = tmp_path / "dossier.pdf"
    pages = write_dossier_pdf(dossier, pdf, "zh")
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == pages > 8
    assert pdfa.validate_written(pdf, "2b").passed  # archivable: PDF/A-2b
    titles = [str(entry.title) for entry in reader.outline if not isinstance(entry, list)]
    for chapter in ("社员名册", "农事与投入品记录", "物料平衡", "质量检测", "追溯演练",
                    "内部检查", "缺项说明"):
        assert any(chapter in title for title in titles), chapter
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "认证审核资料" in text and number in text and dossier.snapshot in text
    assert f"第 {pages} 页 / 共 {pages} 页" in reader.pages[-1].extract_text()
    # the member register and the lots hold what the database holds for the scope
    members = next(t for t in dossier.tables() if t.key == "members")
    lots = next(t for t in dossier.tables() if t.key == "lots")
    assert len(members.rows) == dossier.member_count
    assert len(lots.rows) == dossier.lot_count > 0
    with demo.read() as session:
        names = {str(row.code): str(row.name) for row in session.execute(
            select(Member.code, Member.name))}
        personal = {value for row in session.execute(
            select(Member.id_number, Member.phone, Member.payout_account)) for value in row
            if value}
    for code, name, *_ in members.rows:
        assert names[code] == name and code in text
    assert not [value for value in personal if value in text]  # no ID numbers, phones, accounts
    for lot_row in lots.rows:
        assert lot_row[0] in text


def test_the_header_of_a_long_table_repeats_on_every_page(demo: Database,
                                                          tmp_path: Path) -> None:
    dossier = build_dossier(demo, SYSTEM, start=YEAR[0], end=YEAR[1],
                            certificate=_number(demo, Scheme.GREEN_FOOD))
    inputs = next(t for t in dossier.tables() if t.key == "inputs")
    assert len(inputs.rows) > 60  # more than a page
    pdf = tmp_path / "dossier.pdf"
    write_dossier_pdf(dossier, pdf, "en")
    reader = pypdf.PdfReader(pdf)
    pages = [page.extract_text() for page in reader.pages]
    holding = [text for text in pages if inputs.rows[0][1] in text or "PHI ends" in text]
    with_header = [text for text in pages if "PHI ends" in text and "First harvest after" in text]
    assert len(with_header) >= 2 and len(with_header) == len(
        [text for text in holding if "PHI ends" in text])


def test_the_bundle_holds_the_tables_documents_and_a_manifest_that_checks(
        demo: Database, tmp_path: Path) -> None:
    dossier = build_dossier(demo, SYSTEM, start=YEAR[0], end=YEAR[1],
                            certificate=_number(demo, Scheme.ORGANIC))
    pdf = tmp_path / "dossier.pdf"
    write_dossier_pdf(dossier, pdf, "zh")
    out = tmp_path / "dossier.zip"
    write_bundle(dossier, pdf, out, "zh")
    with zipfile.ZipFile(out) as bundle:
        names = set(bundle.namelist())
        lines = bundle.read("MANIFEST.sha256").decode().splitlines()
        listed = {}
        for line in lines:
            digest, name = line.split("  ", 1)
            listed[name] = digest
            assert hashlib.sha256(bundle.read(name)).hexdigest() == digest
        assert names == set(listed) | {"MANIFEST.sha256", "manifest.json"}
        assert json.loads(bundle.read("manifest.json"))["snapshot_sha256"] == dossier.snapshot
        members_csv = bundle.read("tables/members.csv").decode("utf-8-sig").splitlines()
        assert len(members_csv) == dossier.member_count + 1
        workbook = load_workbook(io.BytesIO(bundle.read("tables/tables.xlsx")), read_only=True)
        assert len(workbook.sheetnames) == len(list(dossier.tables()))
        workbook.close()
    assert "dossier.pdf" in listed


def test_an_empty_scope_and_a_period_without_data_are_stated_as_gaps(demo: Database) -> None:
    empty = build_dossier(demo, SYSTEM, start=YEAR[0], end=YEAR[1], scheme=Scheme.GAP)
    assert any("No certificate" in gap.en for gap in empty.gaps)
    assert any("scope is empty" in gap.en for gap in empty.gaps)
    quiet = build_dossier(demo, SYSTEM, start=dt.date(2019, 1, 1), end=dt.date(2019, 1, 31),
                          certificate=_number(demo, Scheme.GREEN_FOOD))
    assert any("No harvest or delivery" in gap.en for gap in quiet.gaps)
    assert quiet.lot_count == 0


def test_unknown_certificates_and_reversed_periods_are_refused(demo: Database) -> None:
    with pytest.raises(NotFoundError):
        build_dossier(demo, SYSTEM, start=YEAR[0], end=YEAR[1], certificate="NOPE")
    with pytest.raises(ValidationError) as caught:
        build_dossier(demo, SYSTEM, start=YEAR[1], end=YEAR[0], certificate="x")
    assert "swap the dates" in caught.value.message("en")


def test_the_command_writes_both_and_refuses_with_exit_2(
        demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = str(demo.engine.url.database)
    number = _number(demo, Scheme.ORGANIC)
    out = tmp_path / "out"
    assert main(["--lang", "en", "--db", url, "dossier", number, "--from", "2026-01-01",
                 "--to", "2026-12-31", "--out", str(out), "--lang", "zh"]) == 0
    assert len(list(out.glob("*.pdf"))) == 1 and len(list(out.glob("*.zip"))) == 1
    assert main(["--lang", "en", "--db", url, "dossier", "NOPE", "--from", "2026-01-01",
                 "--to", "2026-12-31", "--out", str(out)]) == 2
    assert main(["--lang", "en", "--db", url, "dossier", number, "--from", "2026-12-31",
                 "--to", "2026-01-01", "--out", str(out)]) == 2
    assert "swap the dates" in capsys.readouterr().err
