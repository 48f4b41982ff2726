"""The public traceability site: a page for every lot at the addresses the labels' QR codes
use, bilingual, readable without JavaScript, and without one personal field."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import select

from coop_desktop.domain.models import Member
from coop_desktop.reports.public_site import REDIRECT, write_site
from coop_desktop.services.demo import load_demo
from coop_desktop.services.label_content import qr_address
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.publishing import gather_site
from coop_desktop.storage.database import Database


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _text(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory,
              sqlite_template: Path) -> tuple[Database, Path]:
    import shutil

    folder = tmp_path_factory.mktemp("site")
    file = folder / "demo.sqlite"
    shutil.copyfile(sqlite_template, file)
    database = Database.open(str(file))
    load_demo(database)
    write_site(gather_site(database, SYSTEM), folder / "www")
    return database, folder / "www"


def test_every_lot_has_a_page_where_its_qr_codes_point(demo_site: tuple[Database, Path]
                                                       ) -> None:
    database, www = demo_site
    site = gather_site(database, SYSTEM)
    assert site.lots
    for lot in site.lots:
        address = qr_address(site.base_url, lot.code, 123, lot.gtin)
        path = address.removeprefix(site.base_url).strip("/")
        lot_path = re.sub(r"/(21/)?123$", "", path)
        page = www / lot_path / "index.html"
        assert page.is_file(), address
        assert (www / "l" / lot.code / "index.html").is_file()
        text = _text(page)
        assert lot.code in text and lot.product in text
        assert "产地" in text and "Origin" in text  # both languages


def test_a_label_address_with_its_serial_reaches_the_lot_page() -> None:
    script = re.findall(r"path\.match\(/(.+?)/\)", REDIRECT)
    assert len(script) == 2
    patterns = [re.compile(pattern.replace("\\\\", "\\")) for pattern in script]
    short = patterns[0].match("/l/26102002/615")
    link = patterns[1].match("/01/06972081340013/10/26102002/21/615")
    assert short is not None and short.group(1) == "/l/26102002"
    assert link is not None and link.group(1) == "/01/06972081340013/10/26102002"
    assert patterns[0].match("/l/26102002/") is None


def test_no_page_carries_personal_data(demo_site: tuple[Database, Path]) -> None:
    database, www = demo_site
    with database.read() as session:
        members = session.execute(select(Member.name, Member.id_number, Member.phone,
                                         Member.payout_account)).all()
    personal = {value for row in members for value in row if value and len(value) >= 2}
    assert len(personal) > 50
    pages = list(www.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        content = page.read_text(encoding="utf-8")
        found = [value for value in personal if value in content]
        assert not found, f"{page}: {found[:3]}"
        for word in ("贫困", "监测户", "poverty", "身份证"):
            assert word not in content


def test_a_passed_test_and_the_certificates_show(demo_site: tuple[Database, Path]) -> None:
    database, www = demo_site
    site = gather_site(database, SYSTEM)
    certified = [lot for lot in site.lots if lot.certificates and lot.quality]
    assert certified
    text = _text(www / "l" / certified[0].code / "index.html")
    assert certified[0].certificates[0].number in text
    assert "合格" in text or "不合格" in text
