"""The command line: every headless job, and the start of the GUI.

Exit codes: 0 done; 2 a user error, told in one sentence on standard error; 1 a bug.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coop_desktop import (
    __version__,
    cli_dossier,
    cli_exports,
    cli_labels,
    cli_payouts,
    cli_selftest,
    paths,
)
from coop_desktop.domain import i18n
from coop_desktop.domain.errors import DomainError, StorageError
from coop_desktop.services.permissions import SYSTEM

log = logging.getLogger("coop_desktop")
EXIT_OK, EXIT_BUG, EXIT_USER = 0, 1, 2


class UserError(Exception):
    """A command-line mistake (not a domain rule): exit 2 with this sentence."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coop-desktop",
        description="Coop Desktop: records, labels, trace and recall for cooperatives. "
                    "With no command, starts the program's window.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="URL",
                        help="database URL or SQLite file (default: COOP_DESKTOP_DB, else "
                             "coop-desktop.sqlite in the data folder)")
    parser.add_argument("--data-dir", metavar="DIR", type=Path,
                        help="folder for the database, backups and logs")
    parser.add_argument("--lang", choices=i18n.SUPPORTED_LANGUAGES,
                        help="language of messages (default: the system's)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="fill an empty database with a demo cooperative")
    demo.add_argument("--members", type=int, default=60)
    demo.add_argument("--seed", type=int, default=7)

    listing = commands.add_parser("list", help="list records")
    listing.add_argument("kind", choices=["lots", "members", "plots", "batches", "animals",
                                          "labels", "certifications", "products"])
    listing.add_argument("--search", metavar="TEXT")
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--json", action="store_true", help="print a JSON list of objects")

    trace = commands.add_parser("trace", help="trace a lot, label serial, ear tag or input lot")
    trace.add_argument("code")
    trace.add_argument("--json", action="store_true")

    db = commands.add_parser("db", help="database upkeep")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="back up and upgrade to this program's schema")
    backup = db_commands.add_parser("backup", help="copy the SQLite database to FILE; "
                                                   "without FILE, into the backups folder, "
                                                   "with rotation (see README)")
    backup.add_argument("file", type=Path, nargs="?")
    restore = db_commands.add_parser("restore", help="replace the database with a verified "
                                                     "backup (the current one is kept)")
    restore.add_argument("file", type=Path)
    db_commands.add_parser("check", help="check the file, the schema version and integrity")
    db_commands.add_parser("verify-audit", help="verify the audit chain and every audited "
                                                "record against it")

    importing = commands.add_parser(
        "import", help="import members, plots or animals from an XLSX or CSV file",
        description="Checks every row and lists the rows with errors. With no errors, imports "
                    "everything; with errors, writes nothing unless --accept-valid.")
    importing.add_argument("kind", choices=["members", "plots", "animals"])
    importing.add_argument("file", type=Path, help="an .xlsx workbook or a CSV file "
                                                   "(UTF-8 or GBK)")
    importing.add_argument("--sheet", help="the workbook's sheet (default: the first)")
    importing.add_argument("--dry-run", action="store_true",
                           help="check every row and write nothing (exit 2 if any has errors)")
    importing.add_argument("--accept-valid", action="store_true",
                           help="when some rows have errors, import the valid rows anyway")

    users = commands.add_parser("users", help="manage users")
    user_commands = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = user_commands.add_parser("add", help="add a user (password from a prompt or stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True,
                     choices=["admin", "manager", "clerk", "packer", "quality_officer",
                              "auditor"])
    add.add_argument("--display-name", default="")

    devices = commands.add_parser("devices", help="scales, readers and sensors")
    device_commands = devices.add_subparsers(dest="devices_command", metavar="ACTION",
                                             required=True)
    device_commands.add_parser("list", help="list serial ports and device profiles")
    read = commands.add_parser("read", help="print readings from a device as JSON lines")
    read.add_argument("--profile", required=True, help="a device profile (see 'devices list')")
    read.add_argument("--port", required=True, metavar="PORT",
                      help="a serial port, pty, pyserial URL or tcp://host:port")
    read.add_argument("--count", type=int, default=10, help="readings to print (default 10)")
    read.add_argument("--timeout", type=float, default=10.0, metavar="S",
                      help="give up after S seconds (default 10)")
    simulate = commands.add_parser("simulate", help="simulate a device from its profile")
    simulate.add_argument("--profile", required=True)
    where = simulate.add_mutually_exclusive_group(required=True)
    where.add_argument("--pty", action="store_true",
                       help="on a new pseudo-terminal; its path is the first line printed")
    where.add_argument("--port", metavar="PORT", help="on a serial port (one end of a pair)")
    where.add_argument("--tcp", metavar="HOST:PORT", help="as a serial device server")
    simulate.add_argument("--seed", type=int, default=0)
    simulate.add_argument("--corrupt-rate", type=float, default=0.0, metavar="RATE",
                          help="share of scale frames sent corrupted (default 0)")
    cli_labels.add_commands(commands)
    cli_exports.add_commands(commands)
    cli_payouts.add_commands(commands)
    cli_dossier.add_commands(commands)
    cli_selftest.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir is not None:
        paths.set_data_dir(args.data_dir)
    i18n.set_language(args.lang or _system_language())
    _configure_logging()
    if args.command is None:
        from coop_desktop.gui.app import run_gui

        return run_gui(args.db, language=args.lang)
    try:
        return _run(args)
    except (DomainError, UserError) as error:
        print(f"coop-desktop: {error}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        return EXIT_USER
    except Exception:
        log.exception("unexpected error in %s", args.command)
        print(f"coop-desktop: unexpected error; details are in {_log_file()}", file=sys.stderr)
        return EXIT_BUG


def gui_main() -> int:
    return main([])


def _system_language() -> str:
    import locale

    name = locale.getlocale()[0] or ""
    return "zh" if name.lower().startswith("zh") or "chinese" in name.lower() else "en"


def _log_file() -> Path:
    return paths.logs_dir() / "coop-desktop.log"


_log_handler: logging.FileHandler | None = None


def _configure_logging() -> None:
    """Log to a file in the data folder (a windowed program has no console)."""
    global _log_handler  # noqa: PLW0603 - one log file per process, replaced if --data-dir moves
    file = _log_file()
    root = logging.getLogger()
    if _log_handler is not None:
        if Path(_log_handler.baseFilename) == file.resolve():
            return
        root.removeHandler(_log_handler)
        _log_handler.close()
    _log_handler = logging.FileHandler(file, encoding="utf-8", delay=True)
    _log_handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(_log_handler)
    root.setLevel(logging.INFO)


def _run(args: argparse.Namespace) -> int:
    if args.command in ("devices", "read", "simulate"):
        return {"devices": _devices, "read": _read, "simulate": _simulate}[args.command](args)
    if args.command == "selftest":  # makes its own database in a temporary folder
        return cli_selftest.run(args)
    from coop_desktop.storage.database import Database
    from coop_desktop.storage.migrations import prepare

    database = Database.open(args.db)
    try:
        if args.command == "db":
            return _db_command(args, database)
        prepare(database)
        handler = {"demo": _demo, "list": _list, "trace": _trace, "users": _users,
                   "import": _import, "labels": cli_labels.run,
                   "recall": cli_labels.run_recall,
                   "publish": cli_labels.run_publish,
                   "export": cli_exports.run,
                   "payouts": cli_payouts.run,
                   "dossier": cli_dossier.run}[args.command]
        return handler(args, database)
    finally:
        database.dispose()


def _demo(args: argparse.Namespace, database: Any) -> int:
    from coop_desktop.services.demo import load_demo

    summary = load_demo(database, members=args.members, seed=args.seed)
    print(f"demo cooperative loaded into {database.describe()}")
    for key, value in vars(summary).items():
        print(f"  {key}: {value}")
    print(f"try: coop-desktop trace {summary.sample_lot}")
    return EXIT_OK


def _list(args: argparse.Namespace, database: Any) -> int:
    from coop_desktop.services.listing import list_records

    rows = list_records(database, SYSTEM, args.kind, search=args.search, limit=args.limit)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("(none)")
        return EXIT_OK
    columns = [key for key in rows[0] if key not in ("id", "created_at")][:8]
    print("\t".join(columns))
    for row in rows:
        print("\t".join("" if row.get(column) is None else str(row[column])
                        for column in columns))
    return EXIT_OK


def _trace(args: argparse.Namespace, database: Any) -> int:
    from coop_desktop.reports.trace_text import render_trace
    from coop_desktop.services.trace import trace

    result = trace(database, SYSTEM, args.code)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_trace(result))
    return EXIT_OK


def _db_command(args: argparse.Namespace, database: Any) -> int:
    from coop_desktop.storage import backup, migrations
    from coop_desktop.storage.engine import sqlite_file

    action = args.db_command
    if action == "upgrade":
        state = migrations.prepare(database)
        if state.up_to_date:
            print(f"already at schema {state.head}")
        else:
            print(f"upgraded from {state.current or 'empty'} to {state.head}")
        return EXIT_OK
    if action == "check":
        state = migrations.schema_state(database)
        print(f"database: {database.describe()}")
        print(f"schema: {state.current or 'empty'} (this program: {state.head})")
        if not state.known:
            raise StorageError("storage.too_new", target=database.describe(),
                               revision=state.current, head=state.head)
        print("integrity: ok" if database.is_sqlite else "server: reachable")
        if not state.up_to_date:
            print("an upgrade is due: run 'coop-desktop db upgrade'")
        return EXIT_OK
    if action == "verify-audit":
        from coop_desktop.services.audit import verify_audit

        migrations.prepare(database)
        with database.read() as session:
            report = verify_audit(session)
        for problem in report.problems:
            print(problem.description, file=sys.stderr)
        print(f"{report.entries_checked} audit entries and {report.records_checked} records "
              f"checked: {'ok' if report.ok else f'{len(report.problems)} problems'}")
        return EXIT_OK if report.ok else EXIT_USER
    file = sqlite_file(database.url)
    if file is None:
        raise StorageError("storage.needs_sqlite", action=f"db {action}")
    if action == "backup":
        from coop_desktop.services.backups import take_backup

        migrations.check_sqlite_file(database)
        taken = take_backup(database, paths.backups_dir()) if args.file is None else None
        target = taken.path if taken else backup.backup_sqlite_to(file, args.file)
        print(f"backed up to {target}")
        return EXIT_OK
    if action == "restore":
        from coop_desktop.services.backups import restore_backup

        restored = restore_backup(database, SYSTEM, args.file, paths.backups_dir())
        if restored.kept is not None:
            print(f"the database as it was is kept in {restored.kept}")
        print(f"restored {args.file} (schema {restored.revision}, verified) into {file}")
        return EXIT_OK
    raise UserError(f"unknown db action {action}")


def _import(args: argparse.Namespace, database: Any) -> int:
    from coop_desktop.domain.errors import ValidationError
    from coop_desktop.services.imports import (
        commit,
        import_fields,
        preview,
        read_table,
        suggest_mapping,
    )

    table = read_table(args.file, sheet=args.sheet)
    mapping = suggest_mapping(args.kind, table.headers)
    labels = {spec.name: spec.label() for spec in import_fields(args.kind)}
    where = f"sheet {table.sheet}" if table.sheet else f"{table.encoding}, {table.delimiter!r}"
    print(f"{args.file.name} ({where}), header in row {table.header_row}; columns:")
    for name, column in mapping.items():
        print(f"  {table.column_name(column)} -> {labels[name]}")
    checked = preview(database, SYSTEM, args.kind, table, mapping)
    for error in checked.errors:  # the sentences mask ID numbers
        shown = f" [{error.column}]" if error.column else ""
        print(f"row {error.row}{shown}: {error.message}")
    errors, valid = len(checked.error_rows), len(checked.valid)
    print(f"{checked.total_rows} rows: {valid} valid, {errors} with errors")
    if args.dry_run:
        if errors:
            print(f"coop-desktop: {ValidationError('import.dry_run_errors', errors=errors)}",
                  file=sys.stderr)
            return EXIT_USER
        print("dry run: nothing was written")
        return EXIT_OK
    if errors and not args.accept_valid:
        raise ValidationError("import.not_accepted", errors=errors, valid=valid)
    if not valid:
        raise ValidationError("import.nothing_valid")
    result = commit(database, SYSTEM, args.kind, checked)
    print(f"imported {result.written} {args.kind} into {database.describe()}")
    return EXIT_OK


def _users(args: argparse.Namespace, database: Any) -> int:
    from coop_desktop.services.users import add_user

    if sys.stdin.isatty():
        password = getpass.getpass(f"password for {args.name}: ")
        if getpass.getpass("again: ") != password:
            raise UserError("the two passwords differ; nothing was changed")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    add_user(database, SYSTEM, username=args.name, role=args.role, password=password,
             display_name=args.display_name)
    print(f"user {args.name} ({args.role}) added")
    return EXIT_OK


def _profile(name: str) -> Any:
    from coop_desktop.devices.profiles import load_profile

    try:
        return load_profile(name)
    except ValueError as error:
        raise UserError(str(error).rstrip(".")) from error


def _devices(args: argparse.Namespace) -> int:
    from coop_desktop.devices.profiles import available_profiles, load_profile
    from coop_desktop.devices.transports import list_ports

    ports = list_ports()
    print("serial ports:" if ports else "serial ports: (none)")
    for port in ports:
        print(f"  {port.device}\t{port.description}")
    print("profiles:")
    for name in available_profiles():
        profile = load_profile(name)
        print(f"  {name}\t{profile.kind.value}\t{profile.protocol}")
    return EXIT_OK


def _reading_json(reading: Any) -> str:
    return json.dumps({
        "value": None if reading.value is None else float(reading.value),
        "unit": reading.unit, "stable": reading.stable, "kind": reading.kind.value,
        "overload": reading.overload, "channel": reading.channel, "raw": reading.raw.hex(),
    }, ensure_ascii=False)


def _read(args: argparse.Namespace) -> int:
    import time

    from coop_desktop.devices.modbus import ModbusError, ModbusMaster
    from coop_desktop.devices.transports import TransportError, open_transport

    profile = _profile(args.profile)
    if args.count < 1:
        raise UserError("--count must be at least 1")
    serial = profile.serial
    transport = open_transport(args.port, baudrate=serial.baudrate, bytesize=serial.bytesize,
                               parity=serial.parity, stopbits=serial.stopbits)
    try:
        transport.open()
    except (TransportError, ValueError) as error:
        raise UserError(str(error)) from error
    printed = 0
    deadline = time.monotonic() + args.timeout
    try:
        if profile.modbus is not None:
            master = ModbusMaster(transport, timeout=min(1.0, args.timeout))
            while printed < args.count and time.monotonic() < deadline:
                try:
                    readings = master.poll(profile.modbus.address, profile.modbus.registers,
                                           profile.modbus.function)
                except ModbusError as error:
                    log.warning("%s: %s", args.port, error)
                    continue
                for reading in readings[: args.count - printed]:
                    print(_reading_json(reading), flush=True)
                    printed += 1
        else:
            codec = profile.make_codec()
            interval = profile.poll_interval_s or 0.5
            next_poll = 0.0
            while printed < args.count and (left := deadline - time.monotonic()) > 0:
                if profile.poll is not None and time.monotonic() >= next_poll:
                    transport.write(profile.poll)
                    next_poll = time.monotonic() + interval
                for reading in codec.feed(transport.read(256, min(left, 0.1))):
                    if printed < args.count:
                        print(_reading_json(reading), flush=True)
                        printed += 1
    except TransportError as error:
        raise UserError(f"lost port {args.port}: {error}") from error
    finally:
        transport.close()
    if printed < args.count:
        raise UserError(f"only {printed} of {args.count} readings from {args.port} "
                        f"within {args.timeout:g} seconds")
    return EXIT_OK


def _simulate(args: argparse.Namespace) -> int:
    import signal
    import socket
    import threading

    from coop_desktop.devices import simulators
    from coop_desktop.devices.transports import TcpTransport, TransportError, open_transport

    profile = _profile(args.profile)
    try:
        device = simulators.simulator_for(profile, seed=args.seed,
                                          corrupt_rate=args.corrupt_rate)
    except ValueError as error:
        raise UserError(str(error)) from error
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    worker: threading.Thread | None = None
    pty: simulators.SimulatorPty | None = None
    closing: Any = None
    if args.pty:
        pty = simulators.SimulatorPty(device)
        pty.start()
        print(pty.path, flush=True)
    elif args.tcp:
        try:
            address = TcpTransport.from_address(args.tcp)
            server = socket.create_server((address.host, address.port))
        except (ValueError, OSError) as error:
            raise UserError(f"cannot listen on {args.tcp}: {error}") from error
        closing = server
        print(f"listening on {args.tcp}", flush=True)
        worker = threading.Thread(target=simulators.serve_tcp, args=(device, server, stop),
                                  daemon=True)
    else:
        serial = profile.serial
        transport = open_transport(args.port, baudrate=serial.baudrate,
                                   bytesize=serial.bytesize, parity=serial.parity,
                                   stopbits=serial.stopbits)
        try:
            transport.open()
        except (TransportError, ValueError) as error:
            raise UserError(str(error)) from error
        closing = transport
        print(f"simulating {profile.name} on {args.port}", flush=True)
        worker = threading.Thread(target=simulators.serve, args=(device, transport, stop),
                                  daemon=True)
    if worker is not None:
        worker.start()
    try:
        while not stop.wait(0.2):
            if worker is not None and not worker.is_alive():
                raise UserError(f"the simulator stopped: port {args.port} failed")
    except KeyboardInterrupt:
        stop.set()
    finally:
        stop.set()
        if worker is not None:
            worker.join(timeout=2)
        if pty is not None:
            pty.stop()
        if closing is not None:
            closing.close()
    return EXIT_OK
