#!/usr/bin/env python3
"""Developer entry point: run the program or its checks from a checkout.

    python3 scripts/dev.py run [ARGS...]      # the program, with ARGS passed to it
    python3 scripts/dev.py test [ARGS...]     # ruff, mypy, then pytest with ARGS
    python3 scripts/dev.py --fresh test       # delete and recreate .venv first

On Windows use ``py scripts\\dev.py run`` in PowerShell. Only the standard library is used, so
any Python 3.11 or newer can start it. It keeps a virtual environment in ``.venv`` at the
repository root and reinstalls the project into it (``pip install -e .`` or ``-e .[test]``)
only when ``pyproject.toml`` has changed since the last install.

Put ``--`` before ARGS that would otherwise be read as this script's own ``--fresh``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import venv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV_DIR = ROOT / ".venv"
PYPROJECT = ROOT / "pyproject.toml"
MIN_PYTHON = (3, 11)
STAMP_PREFIX = ".coop-installed-"

USAGE = """\
usage: dev.py [--fresh] run [--] [ARGS...]
       dev.py [--fresh] test [--] [PYTEST ARGS...]

  run    create or refresh .venv, then start the program (python -m coop_desktop ARGS)
  test   create or refresh .venv with the test extras, then run
         ruff check ., mypy and python -m pytest ARGS (stopping at the first failure)

  --fresh  delete .venv and create it anew first
"""


class UsageError(Exception):
    pass


class SetupError(Exception):
    pass


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def show_command(command: Sequence[str]) -> str:
    if os.name == "nt":
        return subprocess.list2cmdline(list(command))
    import shlex

    return shlex.join(command)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV_DIR / "Scripts" / "python.exe"
    return VENV_DIR / "bin" / "python"


def _make_writable_and_retry(func: Callable[..., Any], path: str, _exc: object) -> None:
    # Windows refuses to delete read-only files (git objects, some wheels' files).
    os.chmod(path, stat.S_IWRITE)
    func(path)


def remove_venv() -> None:
    if not VENV_DIR.exists():
        return
    if Path(sys.prefix).resolve() == VENV_DIR.resolve():
        raise UsageError("--fresh cannot delete .venv while this script runs from it")
    say(f"deleting {VENV_DIR}")
    if sys.version_info >= (3, 12):
        shutil.rmtree(VENV_DIR, onexc=_make_writable_and_retry)
    else:
        shutil.rmtree(VENV_DIR, onerror=_make_writable_and_retry)


def venv_works() -> bool:
    python = venv_python()
    if not python.exists():
        return False
    try:
        result = subprocess.run(
            [str(python), "-c", "import sys; print(sys.version_info >= (3, 11))"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0 and result.stdout.strip() == "True"


def ensure_venv(fresh: bool) -> Path:
    if fresh:
        remove_venv()
    elif VENV_DIR.exists() and not venv_works():
        say(f"{VENV_DIR} is not a working Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]}+ environment")
        remove_venv()
    if not VENV_DIR.exists():
        say(f"creating {VENV_DIR} with {sys.executable}")
        try:
            venv.EnvBuilder(with_pip=True).create(VENV_DIR)
        except (OSError, subprocess.CalledProcessError) as error:
            shutil.rmtree(VENV_DIR, ignore_errors=True)
            hint = ""
            if sys.platform.startswith("linux"):
                hint = " (on Debian or Ubuntu: apt-get install python3-venv)"
            raise SetupError(f"could not create {VENV_DIR}: {error}{hint}") from error
    return venv_python()


def project_hash() -> str:
    return hashlib.sha256(PYPROJECT.read_bytes()).hexdigest()


def stamp_path(flavour: str) -> Path:
    return VENV_DIR / f"{STAMP_PREFIX}{flavour}"


def stamp_matches(flavour: str, digest: str) -> bool:
    try:
        return stamp_path(flavour).read_text(encoding="utf-8").strip() == digest
    except OSError:
        return False


def run_step(command: Sequence[str], env: dict[str, str] | None = None) -> int:
    say(f"$ {show_command(command)}")
    try:
        return subprocess.run(list(command), cwd=ROOT, env=env, check=False).returncode
    except OSError as error:
        say(f"could not start {command[0]}: {error}")
        return 127


def pip_flags() -> list[str]:
    flags = ["--disable-pip-version-check"]
    if not sys.stdout.isatty():
        flags += ["--progress-bar", "off"]
    return flags


def ensure_installed(python: Path, flavour: str) -> int:
    """Install the project into .venv unless pyproject.toml is unchanged since the last time.

    ``flavour`` is "run" (``-e .``) or "test" (``-e .[test]``); a test install serves a run too.
    """
    digest = project_hash()
    satisfied_by = ("run", "test") if flavour == "run" else ("test",)
    if any(stamp_matches(name, digest) for name in satisfied_by):
        return 0
    target = "." if flavour == "run" else ".[test]"
    steps = [
        [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip", *pip_flags()],
        [str(python), "-m", "pip", "install", *pip_flags(), "-e", target],
    ]
    for command in steps:
        code = run_step(command)
        if code != 0:
            say(f"installing into {VENV_DIR} failed (exit code {code})")
            return code
    stamp_path(flavour).write_text(digest + "\n", encoding="utf-8")
    return 0


def command_run(python: Path, args: list[str]) -> int:
    command = [str(python), "-m", "coop_desktop", *args]
    say(f"$ {show_command(command)}")
    if os.name != "nt":
        # Replace this process so that signals and the exit code reach the program directly.
        sys.stdout.flush()
        sys.stderr.flush()
        os.chdir(ROOT)
        os.execv(command[0], command)
    try:
        return subprocess.run(command, cwd=ROOT, check=False).returncode
    except KeyboardInterrupt:
        return 130


def command_test(python: Path, args: list[str]) -> int:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    steps = [
        ("ruff", [str(python), "-m", "ruff", "check", "."]),
        ("mypy", [str(python), "-m", "mypy"]),
        ("pytest", [str(python), "-m", "pytest", *args]),
    ]
    for name, command in steps:
        code = run_step(command, env=env)
        if code != 0:
            say(f"step '{name}' failed (exit code {code})")
            return code
        say(f"step '{name}' passed")
    return 0


def parse(argv: list[str]) -> tuple[str, bool, list[str]]:
    rest = list(argv)
    fresh = False
    while rest and rest[0].startswith("-"):
        option = rest.pop(0)
        if option == "--fresh":
            fresh = True
        elif option in ("-h", "--help"):
            return "help", fresh, []
        else:
            raise UsageError(f"unknown option {option}")
    if not rest:
        raise UsageError("a command is needed: run or test")
    command = rest.pop(0)
    if command not in ("run", "test"):
        raise UsageError(f"unknown command {command!r}")
    while rest and rest[0] == "--fresh":
        fresh = True
        rest.pop(0)
    if rest and rest[0] == "--":
        rest.pop(0)
    return command, fresh, rest


def main(argv: list[str] | None = None) -> int:
    try:
        command, fresh, args = parse(sys.argv[1:] if argv is None else argv)
    except UsageError as error:
        print(f"dev.py: {error}\n\n{USAGE}", file=sys.stderr, end="")
        return 2
    if command == "help":
        print(USAGE, end="")
        return 0
    if sys.version_info < MIN_PYTHON:
        print(
            f"dev.py: Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer is needed; "
            f"this is {sys.version.split()[0]} ({sys.executable})",
            file=sys.stderr,
        )
        return 2
    try:
        python = ensure_venv(fresh)
    except (UsageError, SetupError) as error:
        print(f"dev.py: {error}", file=sys.stderr)
        return 2
    code = ensure_installed(python, command)
    if code != 0:
        return code
    if command == "run":
        return command_run(python, args)
    return command_test(python, args)


if __name__ == "__main__":
    sys.exit(main())
