"""No member's ID number, phone, poverty status or payout account reaches anything that leaves the
office: the public traceability site, the buyer exports (EPCIS, FSMA-204 spreadsheet and CSV,
the national platform CSV), the log file and the crash reports. Each is made from the demo
cooperative through the command line, as IT staff would, and searched for every personal value
the demo's members hold."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from coop_desktop import paths
from coop_desktop.cli import main as cli_main
from coop_desktop.domain.models import Member
from coop_desktop.storage.database import Database

#: The demo's records span about a year before today.
PERIOD = ["--from", (dt.date.today() - dt.timedelta(days=400)).isoformat(),
          "--to", dt.date.today().isoformat()]
#: Words that tell a household's poverty status, in both languages.
POVERTY_WORDS = ("建档立卡", "监测户", "脱贫户", "防返贫", "监测对象", "poverty",
                 "povertystatus", "poverty_status")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo_personal")
    file = folder / "demo.sqlite"
    assert cli_main(["--data-dir", str(folder / "data"), "--db", str(file), "demo",
                     "--members", "12", "--seed", "7"]) == 0
    paths.set_data_dir(None)
    return file


@pytest.fixture(scope="module")
def personal(demo_file: Path) -> dict[str, set[str]]:
    """Every personal value of the demo's members, by kind."""
    database = Database.open(str(demo_file))
    try:
        with database.read() as session:
            members = list(session.execute(select(
                Member.id_number, Member.phone, Member.payout_account, Member.poverty_status)))
    finally:
        database.dispose()
    found: dict[str, set[str]] = {
        "id number": {number for number, *_ in members if number},
        "phone": {phone for _, phone, *_ in members if phone},
        "payout account": {account for *_, account, _ in members if account},
    }
    for kind, values in list(found.items()):
        found[kind] = values | {value.lower() for value in values} | {
            re.sub(r"\D", "", value) for value in values if len(re.sub(r"\D", "", value)) >= 11}
    assert len(found["id number"]) >= 12 and found["phone"] and found["payout account"], found
    assert any(status.value != "none" for *_, status in members), "the demo has no poor household"
    return found


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Path:
    file = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, file)
    return file


def _texts(path: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of every file under ``path``, the parts of XLSX and ZIP files included."""
    files = [path] if path.is_file() else sorted(item for item in path.rglob("*") if item.is_file())
    for file in files:
        data = file.read_bytes()
        if data.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(file) as archive:
                for name in archive.namelist():
                    yield f"{file.name}:{name}", archive.read(name).decode("utf-8", "replace")
        else:
            yield file.name, data.decode("utf-8", "replace")


def _leaks(path: Path, personal: dict[str, set[str]]) -> list[str]:
    leaks: list[str] = []
    for name, text in _texts(path):
        lowered = text.lower()
        for kind, values in personal.items():
            leaks += [f"{name}: {kind} {value[:4]}…" for value in values if value in text]
        leaks += [f"{name}: the word {word}" for word in POVERTY_WORDS if word in lowered]
    return leaks


@pytest.mark.parametrize(("command", "out"), [
    (["publish", "--out", "{out}"], "site"),
    (["export", "epcis", *PERIOD, "--out", "{out}"], "events.jsonld"),
    (["export", "fsma", *PERIOD, "--out", "{out}"], "fsma.xlsx"),
    (["export", "fsma", *PERIOD, "--out", "{out}"], "fsma.csv"),
    (["export", "platform", *PERIOD, "--out", "{out}"], "platform.csv"),
])
def test_what_buyers_and_the_public_see_holds_no_personal_data(
        demo: Path, tmp_path: Path, personal: dict[str, set[str]], command: list[str],
        out: str) -> None:
    target = tmp_path / out
    arguments = [part.replace("{out}", str(target)) for part in command]
    assert cli_main(["--db", str(demo), *arguments]) == 0
    written = list(_texts(target))
    assert written and sum(len(text) for _, text in written) > 1000, "nothing was written"
    assert _leaks(target, personal) == []


def test_the_search_finds_a_leak_when_there_is_one(tmp_path: Path,
                                                   personal: dict[str, set[str]]) -> None:
    """The search can fail: a page quoting an ID number and a poverty word is caught."""
    page = tmp_path / "page.html"
    page.write_text(f"<p>{sorted(personal['id number'])[0]} 建档立卡户</p>", encoding="utf-8")
    assert len(_leaks(page, personal)) == 2


def test_the_log_file_and_crash_reports_hold_no_personal_data(
        demo: Path, tmp_path: Path, data_dir: Path, personal: dict[str, set[str]]) -> None:
    """A day of commands, some of them failing on members' data, then the logs folder."""
    member_file = tmp_path / "members.csv"
    some_id, some_phone = sorted(personal["id number"])[0], sorted(personal["phone"])[0]
    member_file.write_text("社员编号,户主姓名,身份证号,联系电话,入社日期\n"
                           f"N001,赵新民,{some_id},{some_phone},2024-03-01\n"
                           "N002,钱多多,620602198001011234,13900000000,昨天\n", encoding="utf-8")
    for arguments in (["list", "members", "--json"],
                      ["trace", "NO-SUCH-LOT"],
                      ["import", "members", str(member_file)],
                      ["import", "members", str(member_file), "--accept-valid"],
                      ["export", "fsma", *PERIOD, "--out", str(tmp_path / "x.xlsx")],
                      ["db", "check"]):
        cli_main(["--db", str(demo), *arguments])
    from coop_desktop.gui import crash  # a bug whose message quotes a member's data

    handler = crash.install()
    try:
        try:
            raise RuntimeError(f"member {some_id} phone {some_phone} failed")
        except RuntimeError as error:
            handler.save(RuntimeError, error, error.__traceback__)
    finally:
        handler.uninstall()
    logs = data_dir / "logs"
    assert (logs / "coop-desktop.log").stat().st_size > 0
    assert list(logs.glob("crash-*.txt"))
    assert _leaks(logs, personal) == []
