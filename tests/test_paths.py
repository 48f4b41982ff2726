"""The data folders are found in a checkout and in an installed wheel (not only editable)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from coop_desktop import paths

ROOT = Path(__file__).resolve().parents[1]


def test_checkout_finds_every_bundled_folder() -> None:
    for name in ("ui", "resources", "db", "devices"):
        assert paths.bundled_dir(name) == ROOT / name
    assert (paths.migrations_dir() / "env.py").is_file()


def test_unknown_folder_is_a_bug() -> None:
    with pytest.raises(ValueError, match="unknown bundled folder"):
        paths.bundled_dir("secrets")


def test_data_dir_override_wins(tmp_path: Path) -> None:
    paths.set_data_dir(tmp_path / "elsewhere")
    assert paths.default_database_file() == tmp_path / "elsewhere" / "coop-desktop.sqlite"
    assert (tmp_path / "elsewhere").is_dir()


@pytest.mark.slow
def test_installed_wheel_carries_and_finds_its_data(tmp_path: Path) -> None:
    """Build the wheel, install it outside the checkout, migrate a database with it."""
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                            str(tmp_path / "wheel"), str(ROOT)], capture_output=True, text=True,
                           check=False, timeout=600)
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "wheel").glob("coop_desktop-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "coop_desktop/_data/db/env.py" in names
    assert any(name.startswith("coop_desktop/_data/db/versions/0001") for name in names)
    target = tmp_path / "site"
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q",
                                "--target", str(target), str(wheel)], capture_output=True,
                               text=True, check=False, timeout=600)
    assert installed.returncode == 0, installed.stderr
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from coop_desktop import paths, cli;"
        "print(paths.migrations_dir());"
        "sys.exit(cli.main(['--db', sys.argv[2], 'db', 'upgrade']))"
    )
    run = subprocess.run([sys.executable, "-I", "-c", script, str(target),
                          str(tmp_path / "w.sqlite")], cwd=tmp_path, capture_output=True,
                         text=True, check=False, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == str(target / "coop_desktop" / "_data" / "db")
    head = sorted((ROOT / "db" / "versions").glob("0*.py"))[-1].name[:4]
    assert f"upgraded from empty to {head}" in run.stdout
