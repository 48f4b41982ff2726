"""MT-SICS (Mettler Toledo and the terminals that speak it): devices.md §2.1.

``S S <value> <unit>`` stable, ``S D …`` dynamic (SI/SIR), ``S +``/``S -`` over/underload,
``T S <tare> <unit>`` a tare. Other replies (``Z A``, ``S I``, ``ES``…) are counted, not read."""

from __future__ import annotations

from decimal import Decimal

from coop_desktop.devices.codecs._base import Drop, LineCodec, Options, check_keys, to_decimal
from coop_desktop.devices.readings import Reading, WeightKind

POLL_SI = b"SI\r\n"
VALUE_WIDTH = 11  # "S S" + space + the value right-aligned in 11 characters (devices.md §2.1)


def encode(value: Decimal, unit: str, *, stable: bool, command: str = "S") -> bytes:
    """A weight reply (``S S      12.345 kg``; ``S D`` while moving), or a tare reply with
    ``command="T"`` (``T S …``). For the simulator and round-trip tests."""
    status = "S" if stable else "D"
    return f"{command} {status} {value:>{VALUE_WIDTH}} {unit}\r\n".encode("ascii")


class SicsCodec(LineCodec):
    def parse_line(self, line: bytes, raw: bytes) -> Reading:
        fields = line.decode("latin-1").split()
        if len(fields) < 2:
            raise Drop("bad_line")
        command, status = fields[0], fields[1]
        if command in ("ES", "ET", "EL") or status in ("I", "L"):
            raise Drop("device_error", malformed=False)
        if command not in ("S", "SI", "SIR", "T", "TI"):
            raise Drop("not_a_weight", malformed=False)
        kind = WeightKind.TARE if command.startswith("T") else WeightKind.UNKNOWN
        if status in ("+", "-") and len(fields) == 2:
            return Reading(value=None, unit="", stable=None, raw=raw, kind=kind, overload=True)
        if status not in ("S", "D") or len(fields) != 4:
            raise Drop("bad_line")
        return Reading(value=to_decimal(fields[2]), unit=fields[3], stable=status == "S",
                       raw=raw, kind=kind)


def make_sics(options: Options) -> SicsCodec:
    check_keys(options, ())
    return SicsCodec()
