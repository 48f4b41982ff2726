#!/usr/bin/env python3
"""Build the one-folder program with PyInstaller and prove it works.

    python3 scripts/build.py                 # build dist/coop-desktop/, then run its selftest
    python3 scripts/build.py --no-selftest   # build only
    python3 scripts/build.py --selftest-only # run the selftest of the folder already built

On Windows: ``py scripts\\build.py``. It uses the development environment of scripts/dev.py
(``.venv``, made or refreshed as ``dev.py run`` does), installs PyInstaller into it at the version
pinned in pyproject.toml's ``build`` extra if that is missing, runs ``build.spec``, reports the
build time and the folder's size, then runs the built program's ``selftest`` with a temporary
data folder and the offscreen Qt platform. The exit code is the build's, else the selftest's.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dev  # the sibling script, found through the line above

ROOT = dev.ROOT
SPEC = ROOT / "build.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
NAME = "coop-desktop"
SELFTEST_TIMEOUT_S = 600


def say(message: str) -> None:
    print(f"[build] {message}", flush=True)


def build_requirements() -> list[str]:
    """pyproject.toml's ``build`` extra: PyInstaller (pinned) and its hooks."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = [str(item) for item in project["project"]["optional-dependencies"]["build"]]
    if not any(re.match(r"(?i)pyinstaller\s*==", item) for item in requirements):
        raise SystemExit("build.py: pyproject.toml's build extra pins no pyinstaller")
    return requirements


def installed_pyinstaller(python: Path) -> str | None:
    result = subprocess.run([str(python), "-m", "PyInstaller", "--version"], capture_output=True,
                            text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 else None


def ensure_pyinstaller(python: Path) -> int:
    requirements = build_requirements()
    pinned = next(re.split(r"==\s*", item)[1].strip() for item in requirements
                  if re.match(r"(?i)pyinstaller\s*==", item))
    version = installed_pyinstaller(python)
    if version == pinned:
        say(f"PyInstaller {version}")
        return 0
    return dev.run_step([str(python), "-m", "pip", "install", *dev.pip_flags(), *requirements])


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and files under ``folder``."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            files += 1
    return total, files


def build(python: Path) -> int:
    command = [str(python), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level",
               "WARN", "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    began = time.perf_counter()
    code = dev.run_step(command)
    seconds = time.perf_counter() - began
    if code != 0:
        say(f"PyInstaller failed (exit code {code}) after {seconds:.0f} s")
        return code
    size, files = folder_size(DIST / NAME)
    say(f"built {DIST / NAME} in {seconds:.0f} s: {size / 2 ** 20:.0f} MiB in {files} files")
    return 0


def executable(name: str) -> Path:
    return DIST / NAME / (f"{name}.exe" if os.name == "nt" else name)


def selftest() -> int:
    """Run the built program's selftest (the console executable on Windows, where the windowed
    one has no output), with its own data folder, offscreen."""
    program = executable(f"{NAME}-cli" if os.name == "nt" else NAME)
    if not program.is_file():
        say(f"{program} is missing: build first")
        return 1
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    data = Path(tempfile.mkdtemp(prefix="coop-build-data-"))
    try:
        if os.name != "nt":
            code = dev.run_step([str(executable(f"{NAME}-cli")), "--version"], env=env)
            if code != 0:
                say(f"{NAME}-cli did not start (exit code {code})")
                return code
        command = [str(program), "--data-dir", str(data), "selftest"]
        say(f"$ {dev.show_command(command)}")
        try:
            result = subprocess.run(command, cwd=data, env=env, check=False,
                                    timeout=SELFTEST_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            say(f"the selftest did not finish within {SELFTEST_TIMEOUT_S} s")
            return 1
        if result.returncode != 0:
            say(f"the built program's selftest failed (exit code {result.returncode}); "
                f"its log: {data / 'logs' / 'coop-desktop.log'}")
            log = data / "logs" / "coop-desktop.log"
            if log.is_file():
                print(log.read_text(encoding="utf-8", errors="replace")[-6000:], flush=True)
            return result.returncode
        say("the built program's selftest passed")
        return 0
    finally:
        shutil.rmtree(data, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--no-selftest", action="store_true", help="build only")
    which.add_argument("--selftest-only", action="store_true",
                       help="run the selftest of dist/coop-desktop as it is")
    args = parser.parse_args(argv)
    if args.selftest_only:
        return selftest()
    try:
        python = dev.ensure_venv(fresh=False)
    except (dev.UsageError, dev.SetupError) as error:
        print(f"build.py: {error}", file=sys.stderr)
        return 2
    for step in (lambda: dev.ensure_installed(python, "run"), lambda: ensure_pyinstaller(python),
                 lambda: build(python)):
        code = step()
        if code != 0:
            return code
    return 0 if args.no_selftest else selftest()


if __name__ == "__main__":
    sys.exit(main())
