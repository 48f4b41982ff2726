"""``coop-desktop labels``: a lot's labels to files and to a printer, run in-process on a real
SQLite file; exit 2 with a sentence for what the user can fix."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
import zxingcpp
from PIL import Image

from coop_desktop.cli import main
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.setup import create_cooperative
from coop_desktop.storage.database import Database
from coop_desktop.storage.migrations import prepare
from tests.services.builders import harvested_lot, make_product, passing_test


@pytest.fixture
def lot_db(tmp_path: Path) -> Path:
    file = tmp_path / "coop.sqlite"
    database = Database.open(str(file))
    prepare(database, backup_dir=tmp_path / "backups")
    create_cooperative(database, SYSTEM, name="古浪县枸杞专业合作社", county="古浪县",
                       phone="0935-5550000", trace_base_url="https://gl.example.cn")
    product_id = make_product(database, code="GOJI", name_zh="枸杞", gtin="06901234567892")
    _, lot_id = harvested_lot(database, "26120401", product_id=product_id)
    passing_test(database, lot_id, "Q-1")
    database.dispose()
    return file


def test_labels_to_a_pdf_and_pngs_with_weights_from_a_file(
        lot_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    weights = tmp_path / "weights.csv"
    weights.write_text("12.5\n12.48,crate 2\n# a comment\n12.52\n", encoding="utf-8")
    assert main(["--lang", "en", "--db", str(lot_db), "labels", "26120401",
                 "--weights", str(weights), "--out", str(tmp_path / "crates.png")]) == 0
    assert "3 labels of lot 26120401, serials 1–3" in capsys.readouterr().out
    image = Image.open(tmp_path / "crates-2.png")
    texts = {result.text for result in zxingcpp.read_barcodes(image)}
    assert "https://gl.example.cn/01/06901234567892/10/26120401/21/2" in texts
    assert main(["--db", str(lot_db), "labels", "26120401", "--count", "2",
                 "--template", "certificate-70x60", "--out", str(tmp_path / "c.pdf")]) == 0
    reader = pypdf.PdfReader(tmp_path / "c.pdf")
    assert len(reader.pages) == 2
    assert "承诺达标合格证" in reader.pages[1].extract_text()


@pytest.mark.parametrize(("args", "words"), [
    (["labels", "NOPE", "--out", "x.pdf"], "NOPE"),
    (["labels", "26120401", "--out", "x.doc"], ".pdf, .png, .tspl or .zpl"),
    (["labels", "26120401", "--printer", "tcp://127.0.0.1:9", "--format", "pdf"],
     "TSPL or ZPL"),
    (["labels", "26120401", "--template", "nope", "--out", "x.pdf"], "crate-60x40"),
])
def test_what_the_user_can_fix_exits_2_with_a_sentence(
        lot_db: Path, args: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "--db", str(lot_db), *args]) == 2
    assert words in capsys.readouterr().err


def test_a_bad_weight_line_names_the_line(lot_db: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    weights = tmp_path / "w.txt"
    weights.write_text("12.5\ntwelve\n", encoding="utf-8")
    assert main(["--lang", "en", "--db", str(lot_db), "labels", "26120401", "--weights",
                 str(weights), "--out", str(tmp_path / "x.pdf")]) == 2
    assert "line 2" in capsys.readouterr().err


def test_recall_writes_a_pdf_and_a_csv(lot_db: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    pdf, table = tmp_path / "recall.pdf", tmp_path / "recall.csv"
    assert main(["--lang", "en", "--db", str(lot_db), "recall", "26120401", "--out", str(pdf),
                 "--csv", str(table)]) == 0
    out = capsys.readouterr().out
    assert "1 lots affected" in out and "found in" in out
    assert "26120401" in pypdf.PdfReader(pdf).pages[0].extract_text()
    assert "26120401" in table.read_text(encoding="utf-8-sig")
    assert main(["--lang", "en", "--db", str(lot_db), "recall", "NOPE", "--out",
                 str(pdf)]) == 2


def test_publish_writes_the_site(lot_db: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "www"
    assert main(["--db", str(lot_db), "publish", "--out", str(out)]) == 0
    assert "2 pages for 1 lots" in capsys.readouterr().out
    assert (out / "l" / "26120401" / "index.html").is_file()
    assert (out / "01" / "06901234567892" / "10" / "26120401" / "index.html").is_file()
    assert (out / "404.html").is_file() and (out / "nginx.conf").is_file()
