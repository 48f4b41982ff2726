"""The command line, run as a user would: real database files, real exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coop_desktop.cli import main
from coop_desktop.services import lots, members, production, products, quality
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.setup import create_cooperative
from coop_desktop.storage.database import Database
from coop_desktop.storage.migrations import prepare

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, stdin: str | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "coop_desktop", "--lang", "en", *args],
                          cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})}, check=False)


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    """A cooperative with one released lot split in two, made through the services."""
    file = tmp_path / "coop.sqlite"
    database = Database.open(str(file))
    prepare(database, backup_dir=tmp_path / "b")
    create_cooperative(database, SYSTEM, name="古浪县枸杞专业合作社")
    today = dt.date.today()
    member = members.register_member(database, SYSTEM, code="GL001", name="马玉兰",
                                      joined_on="2018-05-01", id_number="11010519491231002X",
                                      phone="13909351234", village="黄花滩村")
    plot = members.register_plot(database, SYSTEM, member_id=member, code="GL001-1",
                                 area_mu="12.5", land_type="irrigated")
    product = products.register_product(database, SYSTEM, code="GQ", name_zh="枸杞",
                                        kind="crop")
    batch = production.register_batch(database, SYSTEM, code="GQ2026-01", plot_id=plot,
                                      product_id=product, season="2026",
                                      planted_on="2020-04-01")
    production.record_activity(database, SYSTEM, batch_id=batch, kind="plant_protection",
                               performed_on=today - dt.timedelta(days=40),
                               input_name="苦参碱 0.3% AS", input_lot="KSJ-2605",
                               input_registration_no="PD20101234", phi_days=10)
    harvest = production.record_harvest(database, SYSTEM, batch_id=batch, quantity=500,
                                        harvested_on=today - dt.timedelta(days=5))
    lot = lots.create_lot(database, SYSTEM, code="GQ26112401", product_id=product,
                          sources=[lots.SourceInput("harvest", harvest, 500)])
    quality.record_quality(database, SYSTEM, code="QC-1", kind="rapid_residue", tested_on=today,
                           lot_id=lot, parameters=[quality.ParameterInput("抑制率", 8, 50, "%")])
    lots.split_lot(database, SYSTEM, lot, [lots.OutputInput("GQ26112401-A", 300),
                                           lots.OutputInput("GQ26112401-B", 195)], loss=5)
    database.dispose()
    return file


def test_trace_by_input_lot_tells_the_story(small_db: Path) -> None:
    result = run_cli("--db", str(small_db), "trace", "KSJ-2605")
    assert result.returncode == 0, result.stderr
    for expected in ("GQ26112401", "GQ26112401-A", "GQ26112401-B", "马玉兰", "GL001-1",
                     "苦参碱 0.3% AS", "QC-1", "PASS"):
        assert expected in result.stdout


def test_trace_json_is_structured(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "--db", str(small_db), "trace", "GQ26112401-A", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["matched"] == "lot" and data["origin"] == ["GQ26112401-A"]
    directions = {lot["code"]: lot["direction"] for lot in data["lots"]}
    assert directions == {"GQ26112401-A": "origin", "GQ26112401": "backward"}
    assert [member["name"] for member in data["members"]] == ["马玉兰"]
    assert "13909351234" not in json.dumps(data, ensure_ascii=False)


def test_trace_unknown_code_exits_2_with_one_sentence(small_db: Path) -> None:
    result = run_cli("--db", str(small_db), "trace", "NOPE-42")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "coop-desktop: No lot, label, ear tag or input lot with code NOPE-42.")
    assert result.stdout == ""


def test_list_json_uses_field_names(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(small_db), "list", "members", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["code"] == "GL001" and rows[0]["phone"] == "13909351234"
    assert rows[0]["id_number"] == "11010519491231002X"
    assert main(["--db", str(small_db), "list", "lots", "--json", "--search=-b"]) == 0
    lots_found = json.loads(capsys.readouterr().out)
    assert [(row["code"], row["status"]) for row in lots_found] == [("GQ26112401-B", "open")]
    assert main(["--db", str(small_db), "list", "lots", "--json", "--limit", "1"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_verify_audit_names_a_row_changed_behind_the_programs_back(small_db: Path) -> None:
    assert run_cli("--db", str(small_db), "db", "verify-audit").returncode == 0
    with sqlite3.connect(small_db) as connection:
        connection.execute("UPDATE lots SET quantity = quantity + 1000 "
                           "WHERE code = 'GQ26112401-B'")
    result = run_cli("--db", str(small_db), "db", "verify-audit")
    assert result.returncode == 2
    assert "GQ26112401-B" in result.stderr and "quantity" in result.stderr


def test_verify_audit_finds_an_altered_audit_entry(small_db: Path) -> None:
    with sqlite3.connect(small_db) as connection:
        connection.execute("UPDATE audit_entries SET username = 'mallory' WHERE id = 3")
    result = run_cli("--db", str(small_db), "db", "verify-audit")
    assert result.returncode == 2
    assert "audit entry 3" in result.stderr and "altered" in result.stderr


def test_users_add_reads_password_from_stdin(small_db: Path) -> None:
    result = run_cli("--db", str(small_db), "users", "add", "zhangwei", "--role", "packer",
                     stdin="longenough-1\n")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(small_db) as connection:
        role, hashed = connection.execute(
            "SELECT role, password_hash FROM users WHERE username = 'zhangwei'").fetchone()
    assert role == "packer" and hashed.startswith("$argon2")
    again = run_cli("--db", str(small_db), "users", "add", "zhangwei", "--role", "clerk",
                    stdin="longenough-1\n")
    assert again.returncode == 2 and "already exists" in again.stderr


def test_backup_and_restore_round_trip(small_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copies" / "before-pruning.bak"
    assert main(["--db", str(small_db), "db", "backup", str(copy)]) == 0
    with sqlite3.connect(small_db) as connection:
        connection.execute("DELETE FROM lot_links")
    assert main(["--data-dir", str(tmp_path / "data"), "--db", str(small_db), "db", "restore",
                 str(copy)]) == 0
    with sqlite3.connect(small_db) as connection:
        assert connection.execute("SELECT count(*) FROM lot_links").fetchone()[0] == 2
    kept = list((tmp_path / "data" / "backups").glob("*before-restore*"))
    assert len(kept) == 1


def test_restore_refuses_a_file_that_is_not_a_backup(small_db: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("not a database")
    before = small_db.read_bytes()
    result = run_cli("--db", str(small_db), "db", "restore", str(bogus))
    assert result.returncode == 2 and "not an SQLite database" in result.stderr
    assert small_db.read_bytes() == before


def test_db_check_on_a_foreign_file_exits_2(tmp_path: Path) -> None:
    file = tmp_path / "foreign.sqlite"
    with sqlite3.connect(file) as connection:
        connection.execute("CREATE TABLE t (x)")
    result = run_cli("--db", str(file), "db", "check")
    assert result.returncode == 2 and "another program" in result.stderr


def test_environment_variable_chooses_the_database(small_db: Path) -> None:
    result = run_cli("list", "lots", env={"COOP_DESKTOP_DB": str(small_db)})
    assert result.returncode == 0 and "GQ26112401-A" in result.stdout


def test_bad_arguments_exit_2(small_db: Path) -> None:
    result = run_cli("--db", str(small_db), "list", "spaceships")
    assert result.returncode == 2


def test_demo_then_trace_tells_a_whole_story(tmp_path: Path) -> None:
    file = tmp_path / "demo.sqlite"
    loaded = run_cli("--db", str(file), "demo", "--members", "12", "--seed", "3")
    assert loaded.returncode == 0, loaded.stderr
    sample = loaded.stdout.strip().splitlines()[-1].split()[-1]
    story = run_cli("--db", str(file), "trace", sample, "--json")
    assert story.returncode == 0, story.stderr
    data = json.loads(story.stdout)
    for part in ("harvests", "plots", "members", "inputs", "quality", "packages", "shipments",
                 "customers"):
        assert data[part], f"the demo lot's trace has no {part}"
    assert run_cli("--db", str(file), "db", "verify-audit").returncode == 0
    again = run_cli("--db", str(file), "demo")
    assert again.returncode == 2 and "already holds records" in again.stderr


def test_backup_never_overwrites_a_file(small_db: Path, tmp_path: Path) -> None:
    existing = tmp_path / "precious.xlsx"
    existing.write_bytes(b"PK\x03\x04 member list")
    result = run_cli("--db", str(small_db), "db", "backup", str(existing))
    assert result.returncode == 2 and "already exists" in result.stderr
    assert existing.read_bytes() == b"PK\x03\x04 member list"
