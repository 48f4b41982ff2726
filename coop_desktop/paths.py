"""Every path the program uses, found in one place.

The data folders that travel with the program (``ui``, ``resources``, ``db``, ``devices``) live
beside the package in a checkout, inside it as ``coop_desktop/_data`` in an installed wheel, and at
the bundle root in a PyInstaller build. The user's own files (the database, backups, logs) live in
the per-user data folder, which ``--data-dir`` or ``COOP_DESKTOP_DATA_DIR`` can replace.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from coop_desktop import APP_ID

_PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED_FOLDERS = ("ui", "resources", "db", "devices")
DATA_DIR_ENV = "COOP_DESKTOP_DATA_DIR"
DB_URL_ENV = "COOP_DESKTOP_DB"

_data_dir_override: Path | None = None


def _bundle_roots() -> list[Path]:
    frozen_root = getattr(sys, "_MEIPASS", None)
    roots: list[Path] = []
    if frozen_root:
        roots.append(Path(frozen_root))
    roots.append(_PACKAGE_DIR / "_data")  # installed wheel
    roots.append(_PACKAGE_DIR.parent)  # checkout or editable install
    return roots


def bundled_dir(name: str) -> Path:
    """The shipped data folder ``name`` (one of ui, resources, db, devices)."""
    if name not in _BUNDLED_FOLDERS:
        raise ValueError(f"unknown bundled folder {name!r}")
    for root in _bundle_roots():
        candidate = root / name
        if candidate.is_dir():
            return candidate
    searched = ", ".join(str(root / name) for root in _bundle_roots())
    raise FileNotFoundError(f"the program's {name!r} folder is missing (looked in {searched})")


def migrations_dir() -> Path:
    return bundled_dir("db")


def resources_dir() -> Path:
    return bundled_dir("resources")


def ui_dir() -> Path:
    return bundled_dir("ui")


def device_profiles_dir() -> Path:
    return bundled_dir("devices")


def set_data_dir(path: Path | None) -> None:
    """Use ``path`` for the user's data (from ``--data-dir``); None returns to the default."""
    global _data_dir_override  # noqa: PLW0603 - the one process-wide override, set at start-up
    _data_dir_override = path


def data_dir() -> Path:
    """The folder holding the user's database, backups and logs; created on first use."""
    if _data_dir_override is not None:
        folder = _data_dir_override
    elif os.environ.get(DATA_DIR_ENV):
        folder = Path(os.environ[DATA_DIR_ENV])
    else:
        folder = Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_database_file() -> Path:
    return data_dir() / "coop-desktop.sqlite"


def backups_dir() -> Path:
    folder = data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def logs_dir() -> Path:
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def reports_dir() -> Path:
    """Where reports made from the program (recalls, dossiers, the public site) are written."""
    folder = data_dir() / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
