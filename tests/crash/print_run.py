"""The process the crash test kills: a print run of a lot's labels in batches of 50, as the
label dialog sends them, to a raw TCP printer.

    python tests/crash/print_run.py DB_FILE LOT_ID COUNT BATCH tcp://HOST:PORT
    python tests/crash/print_run.py --serve

The first form prints one run. It writes ``ready`` once the database is open, then ``batch N``
before each batch and ``sent N`` after it, so that the test can tell the phases apart.

``--serve`` loads the program once and then, for each line ``DB_FILE LOT_ID COUNT BATCH
PRINTER MARKERS`` on standard input, forks a new process that prints the run with its lines
written to the file MARKERS, and answers with that process's id. The test kills the forked
process: a real process, killed by SIGKILL with nothing cleaned up, but without paying for
Python and the program's imports 50 times.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable

from coop_desktop.domain.models import Role
from coop_desktop.labels.layout import lay_out
from coop_desktop.labels.template import load_template
from coop_desktop.labels.thermal import ThermalSettings, tspl_job
from coop_desktop.services.label_printing import (
    DEFAULT_TEMPLATE,
    SAMPLE_VALUES,
    Destination,
    LabelRequest,
    OutputFormat,
    issue_labels,
)
from coop_desktop.services.permissions import Actor
from coop_desktop.storage.database import Database


def print_run(file: str, lot_id: int, count: int, batch: int, printer: str,
              say: Callable[[str], None]) -> None:
    database = Database.open(file)
    packer = Actor(username="packer", role=Role.PACKER)
    destination = Destination(OutputFormat.TSPL, printer=printer)
    say("ready")
    done, number = 0, 0
    while done < count:
        size = min(batch, count - done)
        number += 1
        say(f"batch {number}")
        issue_labels(database, packer, LabelRequest(lot_id, size, net_weights=["12.5"] * size),
                     destination)
        say(f"sent {number}")
        done += size
    database.dispose()


def warm_up() -> None:
    """Load what the first label loads lazily (fonts, the template, the QR and TSPL code), so
    that each forked run starts where a running program would."""
    layout = lay_out(load_template(DEFAULT_TEMPLATE), SAMPLE_VALUES)
    tspl_job([layout], ThermalSettings())


def _child(markers: str, file: str, lot_id: int, count: int, batch: int, printer: str) -> int:
    descriptor = os.open(markers, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND)

    def say(text: str) -> None:
        os.write(descriptor, f"{text}\n".encode())  # unbuffered: the test sees it at once

    try:
        print_run(file, lot_id, count, batch, printer, say)
    except BaseException as error:
        say(f"error {error!r}")  # the test fails with it
        return 1
    return 0


def serve() -> int:
    warm_up()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
    for line in sys.stdin:
        file, lot_id, count, batch, printer, markers = line.split()
        pid = os.fork()
        if pid == 0:
            os._exit(_child(markers, file, int(lot_id), int(count), int(batch), printer))
        print(pid, flush=True)
    return 0


def main(argv: list[str]) -> int:
    if argv == ["--serve"]:
        return serve()
    file, lot_id, count, batch, printer = argv
    print_run(file, int(lot_id), int(count), int(batch), printer,
              lambda text: print(text, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
