"""A PostgreSQL server for the tests.

``server_url()`` gives a SQLAlchemy URL (``postgresql+psycopg://...``) to a running server, or
None when none can be had:

1. the environment variable ``COOP_TEST_PG_URL``, when set (CI sets it; so may a developer);
2. otherwise a throwaway server started here: ``initdb`` into a temporary folder, listening on
   a free port on 127.0.0.1 with its socket in that folder and fsync off, with a database
   ``coop_test``; it is stopped and its folder removed when the process that started it exits.

A process starts at most one server, and it puts the URL in ``COOP_TEST_PG_URL`` so that the
subprocesses it spawns use the same one. As root (CI runs as root), initdb and postgres run as
the ``postgres`` system user, created if absent, because they refuse to run as root.

Run as a script (standard library only, any Python 3.11), it serves shell scripts:

    python3 tests/support/postgres.py --detach     # start; print export lines; leave it running
    python3 tests/support/postgres.py --stop DIR   # stop the server started in DIR; remove DIR
    python3 tests/support/postgres.py              # start; print the URL; stop on Ctrl-C or EOF

``--detach`` prints ``export COOP_TEST_PG_URL=...`` and ``export COOP_TEST_PG_DIR=...`` for
``eval``; the second is absent when COOP_TEST_PG_URL was already set (no server was started).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

URL_ENV = "COOP_TEST_PG_URL"
DIR_ENV = "COOP_TEST_PG_DIR"
DATABASE = "coop_test"
SUPERUSER = "postgres"
SYSTEM_USER = "postgres"
START_TIMEOUT_SECONDS = 120
_PORT_ATTEMPTS = 3


class PostgresUnavailableError(RuntimeError):
    """No server could be started; the message says why."""


@dataclass
class _State:
    resolved: bool = False
    url: str | None = None
    reason: str | None = None
    servers: list[_Server] = field(default_factory=list)


_state = _State()


def require_in_ci() -> bool:
    """True in CI, where a test needing PostgreSQL must fail rather than skip."""
    return os.environ.get("CI", "").strip().lower() == "true"


def server_url() -> str | None:
    """A SQLAlchemy URL to a running PostgreSQL server, or None if none can be had.

    The answer is cached: the first call may start a server, later calls return the same URL.
    ``unavailable_reason()`` tells why the answer was None.
    """
    if not _state.resolved:
        try:
            _state.url = _resolve_url()
        except PostgresUnavailableError as error:
            _state.url = None
            _state.reason = str(error)
        _state.resolved = True
    return _state.url


def unavailable_reason() -> str | None:
    """Why ``server_url()`` returned None (for a skip or failure message)."""
    return _state.reason


def create_database(url: str, name: str) -> str:
    """Create an empty database ``name`` on the server of ``url`` (dropping any old one).

    Returns the URL of the new database. Needs psycopg and SQLAlchemy (the test environment).
    """
    import psycopg
    from psycopg import sql
    from sqlalchemy.engine import make_url

    target = make_url(url)
    maintenance_db = target.database if target.database and target.database != name else None
    conninfo = _conninfo(url, maintenance_db or "postgres")
    with psycopg.connect(conninfo, autocommit=True) as connection:
        identifier = sql.Identifier(name)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(identifier))
        connection.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(identifier)
        )
    return target.set(database=name).render_as_string(hide_password=False)


def _conninfo(url: str, database: str) -> str:
    """A libpq connection string for the server of a SQLAlchemy ``url``, to ``database``."""
    from psycopg.conninfo import make_conninfo
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    params: dict[str, str] = {"dbname": database}
    for key, value in parsed.query.items():
        params[key] = value if isinstance(value, str) else value[-1]
    if parsed.host:
        params["host"] = parsed.host
    if parsed.port:
        params["port"] = str(parsed.port)
    if parsed.username:
        params["user"] = parsed.username
    if parsed.password:
        params["password"] = str(parsed.password)
    return make_conninfo("", **params)


def _resolve_url() -> str:
    configured = os.environ.get(URL_ENV, "").strip()
    if configured:
        return _normalise(configured)
    server = _Server.start()
    _state.servers.append(server)
    atexit.register(server.stop_if_owner)
    # Subprocesses of this process (and of pytest) reuse this server rather than start theirs.
    os.environ[URL_ENV] = server.url
    return server.url


def _normalise(url: str) -> str:
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme) :]
    return url


# --- starting and stopping a throwaway server ---------------------------------------------------


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _version_key(path: Path) -> tuple[int, ...]:
    # /usr/lib/postgresql/15/bin -> (15,); a non-numeric folder sorts last.
    try:
        return tuple(int(part) for part in path.parent.name.split("."))
    except ValueError:
        return (-1,)


def _find_bin_dir() -> Path:
    """The folder holding initdb, pg_ctl and postgres: from PATH, else the highest version."""
    exe = ".exe" if os.name == "nt" else ""
    candidates: list[Path] = []
    for tool in ("pg_ctl", "initdb"):
        found = shutil.which(tool)
        if found:
            candidates.append(Path(found).resolve().parent)
    patterns = [
        "/usr/lib/postgresql/*/bin",
        "/usr/pgsql-*/bin",
        "/opt/homebrew/opt/postgresql*/bin",
    ]
    if os.name == "nt":
        program_files = os.environ.get("PROGRAMFILES", r"C:\Program Files")
        patterns = [str(Path(program_files) / "PostgreSQL" / "*" / "bin")]
    globbed: list[Path] = []
    for pattern in patterns:
        anchor = Path(pattern).anchor
        globbed += Path(anchor).glob(pattern[len(anchor) :])
    candidates += sorted(globbed, key=_version_key, reverse=True)
    for folder in candidates:
        if all((folder / f"{tool}{exe}").is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return folder
    raise PostgresUnavailableError(
        "no PostgreSQL server programs (initdb, pg_ctl, postgres) on PATH or in "
        "/usr/lib/postgresql/*/bin; install them (Debian: apt-get install postgresql) "
        f"or set {URL_ENV}"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _ensure_system_user() -> tuple[int, int]:
    import pwd

    try:
        entry = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        result = subprocess.run(
            [useradd, "--system", "--user-group", "--no-create-home", SYSTEM_USER],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise PostgresUnavailableError(
                f"running as root, and could not create the {SYSTEM_USER!r} user to run "
                f"PostgreSQL as: {result.stderr.strip() or result.stdout.strip()}"
            ) from None
        entry = pwd.getpwnam(SYSTEM_USER)
    return entry.pw_uid, entry.pw_gid


@dataclass
class _Server:
    bin_dir: Path
    base_dir: Path
    port: int
    run_as: tuple[int, int] | None
    owner_pid: int
    stopped: bool = False

    @property
    def data_dir(self) -> Path:
        return self.base_dir / "data"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{DATABASE}"

    @classmethod
    def start(cls) -> _Server:
        bin_dir = _find_bin_dir()
        run_as = _ensure_system_user() if _is_root() else None
        # As root the server user must reach the folder: /tmp rather than a private TMPDIR.
        parent = "/tmp" if run_as is not None and Path("/tmp").is_dir() else None
        base_dir = Path(tempfile.mkdtemp(prefix="coop-pg-", dir=parent))
        if run_as is not None:
            os.chown(base_dir, *run_as)
        server = cls(bin_dir, base_dir, 0, run_as, os.getpid())
        try:
            server._initdb()
            server._start_on_free_port()
            server._run(
                "createdb", "-h", "127.0.0.1", "-p", str(server.port), "-U", SUPERUSER, DATABASE
            )
        except BaseException:
            server.stop()
            raise
        return server

    def _command(self, tool: str, *args: str) -> list[str]:
        exe = ".exe" if os.name == "nt" else ""
        return [str(self.bin_dir / f"{tool}{exe}"), *args]

    def _run(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        command = self._command(tool, *args)
        env = dict(os.environ)
        for variable in ("PGDATA", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD"):
            env.pop(variable, None)
        env["LC_ALL"] = "C"
        try:
            if self.run_as is not None:
                uid, gid = self.run_as
                result = subprocess.run(
                    command,
                    cwd=self.base_dir,
                    env=env,
                    capture_output=True,
                    text=True,
                    stdin=subprocess.DEVNULL,
                    check=False,
                    timeout=START_TIMEOUT_SECONDS + 30,
                    user=uid,
                    group=gid,
                    extra_groups=[],
                )
            else:
                result = subprocess.run(
                    command,
                    cwd=self.base_dir,
                    env=env,
                    capture_output=True,
                    text=True,
                    stdin=subprocess.DEVNULL,
                    check=False,
                    timeout=START_TIMEOUT_SECONDS + 30,
                )
        except (OSError, subprocess.SubprocessError) as error:
            raise PostgresUnavailableError(f"{shlex.join(command)}: {error}") from error
        if result.returncode != 0:
            raise PostgresUnavailableError(
                f"{shlex.join(command)} failed (exit code {result.returncode}):\n"
                f"{result.stdout}{result.stderr}{self._log_tail()}"
            )
        return result

    def _log_tail(self) -> str:
        try:
            lines = (self.base_dir / "server.log").read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "server.log:\n" + "\n".join(lines[-30:])

    def _initdb(self) -> None:
        self._run(
            "initdb",
            "-D",
            str(self.data_dir),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )
        socket_dir = "" if os.name == "nt" else str(self.base_dir).replace("'", "''")
        settings = [
            "listen_addresses = '127.0.0.1'",
            f"unix_socket_directories = '{socket_dir}'",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "max_connections = 200",
            "log_min_messages = warning",
        ]
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# coop-desktop tests\n" + "\n".join(settings) + "\n")

    def _start_on_free_port(self) -> None:
        for attempt in range(1, _PORT_ATTEMPTS + 1):
            self.port = _free_port()
            try:
                self._run(
                    "pg_ctl",
                    "start",
                    "-D",
                    str(self.data_dir),
                    "-l",
                    str(self.base_dir / "server.log"),
                    "-w",
                    "-t",
                    str(START_TIMEOUT_SECONDS),
                    "-o",
                    f"-p {self.port}",
                )
            except PostgresUnavailableError:
                # Another process may have taken the port between the probe and the start.
                if attempt == _PORT_ATTEMPTS:
                    raise
            else:
                return

    def stop(self) -> None:
        """Stop the server (immediately; the data is thrown away) and remove its folder."""
        if self.stopped:
            return
        self.stopped = True
        if (self.data_dir / "postmaster.pid").exists():
            with contextlib.suppress(PostgresUnavailableError):
                self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", "immediate", "-w")
        shutil.rmtree(self.base_dir, ignore_errors=True)

    def stop_if_owner(self) -> None:
        # A forked child inherits the atexit handler; only the starting process stops the server.
        if os.getpid() == self.owner_pid:
            self.stop()


def _stop_dir(base_dir: Path) -> int:
    if not (base_dir / "data").is_dir():
        print(f"postgres.py: no server folder at {base_dir}", file=sys.stderr)
        return 1
    run_as = _ensure_system_user() if _is_root() else None
    server = _Server(_find_bin_dir(), base_dir, 0, run_as, os.getpid())
    server.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Start or stop a throwaway PostgreSQL server.")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--detach",
        "--print-env",
        action="store_true",
        help="print export lines for the shell and leave the server running",
    )
    mode.add_argument(
        "--stop",
        metavar="DIR",
        type=Path,
        help="stop the server started in DIR (COOP_TEST_PG_DIR) and remove DIR",
    )
    options = parser.parse_args(argv)
    if options.stop is not None:
        try:
            return _stop_dir(options.stop)
        except PostgresUnavailableError as error:
            print(f"postgres.py: {error}", file=sys.stderr)
            return 1
    if options.detach:
        configured = os.environ.get(URL_ENV, "").strip()
        try:
            if configured:
                print(f"export {URL_ENV}={shlex.quote(_normalise(configured))}")
                return 0
            server = _Server.start()
        except PostgresUnavailableError as error:
            print(f"postgres.py: {error}", file=sys.stderr)
            return 1
        print(f"export {URL_ENV}={shlex.quote(server.url)}")
        print(f"export {DIR_ENV}={shlex.quote(str(server.base_dir))}")
        return 0
    url = server_url()
    if url is None:
        print(f"postgres.py: {unavailable_reason()}", file=sys.stderr)
        return 1
    print(url, flush=True)
    print("running; Ctrl-C or end of input stops it", file=sys.stderr, flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        sys.stdin.read()
    return 0


if __name__ == "__main__":
    sys.exit(main())
