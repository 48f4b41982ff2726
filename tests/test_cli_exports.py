"""``coop-desktop export``: the three exports of a period or a lot, run in-process on a real
SQLite file; exit 2 with a sentence (Chinese or English) for what the user can fix; an empty
period gives a valid empty file and says so."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from coop_desktop.cli import main
from coop_desktop.storage.database import Database
from tests.services.builders import days_ago
from tests.services.test_exports import TODAY_CN, Story, build_story


@pytest.fixture
def story_db(sqlite_coop: Database, tmp_path: Path) -> Path:
    build_story(sqlite_coop, tmp_path)
    return tmp_path / "coop.sqlite"


def _period() -> list[str]:
    return ["--from", days_ago(30).isoformat(), "--to", TODAY_CN.isoformat()]


def test_the_three_exports_of_a_period(story_db: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    epcis, fsma, platform = tmp_path / "e.jsonld", tmp_path / "f.xlsx", tmp_path / "p.csv"
    base = ["--lang", "en", "--db", str(story_db), "export"]
    assert main([*base, "epcis", *_period(), "--out", str(epcis)]) == 0
    assert "12 events (7 lots) written" in capsys.readouterr().out
    assert len(json.loads(epcis.read_text(encoding="utf-8"))["epcisBody"]["eventList"]) == 12
    assert main([*base, "fsma", *_period(), "--out", str(fsma)]) == 0
    assert "13 rows" in capsys.readouterr().out
    book = load_workbook(fsma, read_only=True)
    assert book.active.max_row == 14
    book.close()
    assert main([*base, "platform", *_period(), "--out", str(platform)]) == 0
    with platform.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == 2 + 7


def test_a_lot_without_a_period(story_db: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "lot.csv"
    assert main(["--db", str(story_db), "export", "fsma", "--lot", Story().slaughtered,
                 "--out", str(out)]) == 0
    assert "1 rows (1 lots)" in capsys.readouterr().out
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[:2] for row in rows[1:]] == [["initial_packing", "L-C"]]


def test_an_empty_period_writes_a_valid_empty_document(story_db: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    out = tmp_path / "empty.jsonld"
    assert main(["--lang", "en", "--db", str(story_db), "export", "epcis", "--from",
                 "2020-01-01", "--to", "2020-01-31", "--out", str(out)]) == 0
    assert "Nothing happened in this period (2020-01-01 – 2020-01-31)" in (
        capsys.readouterr().err)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["type"] == "EPCISDocument" and document["epcisBody"]["eventList"] == []


@pytest.mark.parametrize(("args", "words"), [
    (["epcis", "--from", "2026-03-01", "--to", "2026-02-01"], "before it starts on 2026-03-01"),
    (["epcis", "--from", "2026-02-30", "--to", "2026-03-01"], "'2026-02-30' is not a date"),
    (["fsma", "--lot", "NOPE-9"], "no lot 'NOPE-9'"),
    (["platform", "--from", "2026-01-01"], "--from and --to"),
])
def test_what_the_user_can_fix_exits_2_with_a_sentence(
        story_db: Path, tmp_path: Path, args: list[str], words: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / ("x.csv" if args[0] != "epcis" else "x.jsonld")
    assert main(["--lang", "en", "--db", str(story_db), "export", *args, "--out", str(out)]) == 2
    assert words in capsys.readouterr().err
    assert not out.exists()


def test_the_sentence_in_chinese_and_a_wrong_suffix(story_db: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "zh", "--db", str(story_db), "export", "epcis", "--from",
                 "2026-03-01", "--to", "2026-02-01", "--out", str(tmp_path / "x.jsonld")]) == 2
    assert "早于开始日期" in capsys.readouterr().err
    assert main(["--lang", "en", "--db", str(story_db), "export", "fsma", *_period(),
                 "--out", str(tmp_path / "x.pdf")]) == 2
    assert ".xlsx, .csv" in capsys.readouterr().err
