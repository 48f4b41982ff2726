"""ASCII line scales: the A&D / "ST,GS" family and CAS (one codec configured by the profile),
Ohaus and Sartorius SBI. devices.md §2.3–2.5.

``st_gs`` splits a line on ``separator`` and picks the first of ``layouts`` whose field count
matches; each field is one of ``status`` (``stable``/``unstable``/``overload``/``underload``
tokens), ``kind`` (``gross``/``net``/``tare`` tokens), ``weight`` (sign, digits, and the unit
after them when ``unit`` is not its own field), ``unit``, ``lamp`` (CAS device id + lamp byte)
or ``ignore``. A new scale of this shape needs only a profile file."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from coop_desktop.devices.codecs._base import (
    Drop,
    LineCodec,
    Options,
    check_keys,
    opt_str,
    opt_str_list,
    to_decimal,
)
from coop_desktop.devices.readings import Reading, WeightKind

FIELD_TYPES = ("status", "kind", "weight", "unit", "lamp", "ignore")
_WEIGHT = re.compile(r"^\s*([+-]?)\s*(\d*\.?\d+|\d+\.)\s*([A-Za-z%]{0,3})\s*$")


class StGsCodec(LineCodec):
    def __init__(self, *, separator: str = ",",
                 layouts: Sequence[Sequence[str]] = (("status", "kind", "weight"),
                                                    ("status", "weight")),
                 stable: Sequence[str] = ("ST", "QT"), unstable: Sequence[str] = ("US",),
                 overload: Sequence[str] = ("OL",), underload: Sequence[str] = ("LO",),
                 gross: Sequence[str] = ("GS", "G"), net: Sequence[str] = ("NT", "N"),
                 tare: Sequence[str] = ("TR", "T"), unit: str = "") -> None:
        super().__init__()
        self.separator = separator
        self.layouts = tuple(tuple(layout) for layout in layouts)
        self.status = {**dict.fromkeys(stable, "stable"), **dict.fromkeys(unstable, "unstable"),
                       **dict.fromkeys(overload, "over"), **dict.fromkeys(underload, "over")}
        self.kinds = {**dict.fromkeys(gross, WeightKind.GROSS),
                      **dict.fromkeys(net, WeightKind.NET), **dict.fromkeys(tare, WeightKind.TARE)}
        self.default_unit = unit
        self.tokens = {"stable": stable[0] if stable else "ST",
                       "unstable": unstable[0] if unstable else "US",
                       WeightKind.GROSS: gross[0] if gross else "GS",
                       WeightKind.NET: net[0] if net else "NT",
                       WeightKind.TARE: tare[0] if tare else "TR"}

    def encode(self, value: Decimal, unit: str, *, stable: bool,
               kind: WeightKind = WeightKind.GROSS, device_id: str = "1") -> bytes:
        """A line in this codec's first layout, with its first tokens. The weight field takes
        one of the two shapes the reference gives: with a ``lamp`` field the CAS one (8
        characters with the point, a blank, the unit: ``00012.34 kg``), else the A&D one (sign,
        7 characters, the unit: ``+0012.34kg``). For the simulator and round-trip tests."""
        layout = self.layouts[0]
        cas = "lamp" in layout
        digits = format(abs(value), "f")
        if cas:  # 8 characters, a minus sign taking the place of a leading zero
            weight = digits.rjust(8, "0") if value >= 0 else "-" + digits.rjust(7, "0")
            weight += "" if "unit" in layout else " " + unit
        else:
            weight = ("-" if value < 0 else "+") + digits.rjust(7, "0")
            weight += "" if "unit" in layout else unit
        lamp = 0xA0 | (0x40 if stable else 0) | (0x04 if kind is WeightKind.GROSS else 0x02)
        fields = {"status": self.tokens["stable" if stable else "unstable"],
                  "kind": self.tokens.get(kind, self.tokens[WeightKind.GROSS]),
                  "weight": weight, "unit": unit, "lamp": device_id[:1] + chr(lamp),
                  "ignore": ""}
        line = self.separator.join(fields[name] for name in layout)
        return line.encode("latin-1") + b"\r\n"

    def parse_line(self, line: bytes, raw: bytes) -> Reading:
        fields = line.decode("latin-1").split(self.separator)
        layout = next((lay for lay in self.layouts if len(lay) == len(fields)), None)
        if layout is None:
            raise Drop("bad_field_count")
        status: str | None = None
        kind = WeightKind.UNKNOWN
        weight: str | None = None
        unit = ""
        for field_type, text in zip(layout, fields, strict=True):
            if field_type == "status":
                status = self.status.get(text.strip())
                if status is None:
                    raise Drop("bad_status")
            elif field_type == "kind":
                found = self.kinds.get(text.strip())
                if found is None:
                    raise Drop("bad_kind")
                kind = found
            elif field_type == "weight":
                weight = text
            elif field_type == "unit":
                unit = text.strip()
            elif field_type == "lamp" and (len(text) != 2 or not ord(text[1]) & 0x80):
                raise Drop("bad_lamp")
        if status is None or weight is None:
            raise Drop("bad_line")  # pragma: no cover - layouts are checked when built
        if status == "over":
            return Reading(value=None, unit=unit or self.default_unit, stable=None, raw=raw,
                           kind=kind, overload=True)
        match = _WEIGHT.match(weight)
        if match is None:
            raise Drop("bad_weight")
        sign, digits, suffix = match.groups()
        return Reading(value=to_decimal(sign + digits), unit=unit or suffix or self.default_unit,
                       stable=status == "stable", raw=raw, kind=kind)


def encode_ohaus(value: Decimal, unit: str, *, stable: bool,
                 kind: WeightKind = WeightKind.GROSS) -> bytes:
    """The Defender 3000 line (21 bytes with ``NET``): polarity, space, weight in 7, space, unit
    in 5, ``?`` when unstable, legend (``G``, ``NET``, ``T``) padded to 3, CR LF."""
    legend = {WeightKind.NET: "NET", WeightKind.TARE: "T"}.get(kind, "G")
    text = (f"{'-' if value < 0 else ' '} {abs(value):>7} {unit:<5}{' ' if stable else '?'}"
            f"{legend:<3}")
    return text.encode("ascii") + b"\r\n"


_OHAUS = re.compile(r"^\s*(-?)\s*([\d.]+)\s+(\S+)\s*(\?)?\s*(G|NET|N|T)?\s*$")
_OHAUS_KINDS = {"G": WeightKind.GROSS, "NET": WeightKind.NET, "N": WeightKind.NET,
                "T": WeightKind.TARE}


class OhausCodec(LineCodec):
    """``"-    0.50 kg   ?NET"``: ``?`` marks an unstable weight; the legend gives gross/net."""

    def parse_line(self, line: bytes, raw: bytes) -> Reading:
        match = _OHAUS.match(line.decode("latin-1"))
        if match is None:
            raise Drop("bad_line")
        sign, digits, unit, unstable, legend = match.groups()
        if unit == "?" or not unit.isalpha():
            raise Drop("bad_unit")
        return Reading(value=to_decimal(sign + digits), unit=unit, stable=unstable is None,
                       raw=raw, kind=_OHAUS_KINDS.get(legend or "", WeightKind.UNKNOWN))


_SBI_KINDS = {"G": WeightKind.GROSS, "N": WeightKind.NET, "T": WeightKind.TARE}


def encode_sartorius(value: Decimal, unit: str, *, stable: bool,
                     ident: str | None = None) -> bytes:
    """An SBI line: sign, space, weight in 8, space, unit in 3 (blank while unstable), CR LF;
    with ``ident`` (``G``, ``N``, ``T``) the 22-character form with a 6-character id first."""
    text = f"{'-' if value < 0 else '+'} {abs(value):>8} {unit if stable else '':<3}"
    if ident is not None:
        text = f"{ident:<6}" + text
    return text.encode("ascii") + b"\r\n"


class SartoriusCodec(LineCodec):
    """16-character lines (sign, space, 8-character weight, space, 3-character unit, CR LF) or 22
    with a 6-character id first (``N``, ``G``, ``T``…). A blank unit means unstable; ``H`` and
    ``L`` in the weight field mean over- and underload."""

    def parse_line(self, line: bytes, raw: bytes) -> Reading:
        text = line.decode("latin-1")
        kind = WeightKind.UNKNOWN
        if len(text) == 20:
            kind = _SBI_KINDS.get(text[:6].strip(), WeightKind.UNKNOWN)
            text = text[6:]
        if len(text) != 14 or text[0] not in "+- " or text[1] != " " or text[10] != " ":
            raise Drop("bad_line")
        weight, unit = text[2:10].strip(), text[11:14].strip()
        if weight in ("H", "L", "HH", "LL"):
            return Reading(value=None, unit=unit, stable=None, raw=raw, kind=kind, overload=True)
        if unit and not unit.replace("%", "").isalpha():
            raise Drop("bad_unit")
        return Reading(value=to_decimal(text[0].strip() + weight), unit=unit, stable=bool(unit),
                       raw=raw, kind=kind)


def make_st_gs(options: Options) -> StGsCodec:
    keys = ("separator", "layouts", "stable", "unstable", "overload", "underload", "gross",
            "net", "tare", "unit")
    check_keys(options, keys)
    raw_layouts = options.get("layouts", [["status", "kind", "weight"], ["status", "weight"]])
    if not isinstance(raw_layouts, list) or not raw_layouts:
        raise ValueError("codec option 'layouts' must be a list of field lists")
    layouts: list[tuple[str, ...]] = []
    for layout in raw_layouts:
        if (not isinstance(layout, list) or not all(f in FIELD_TYPES for f in layout)
                or layout.count("status") != 1 or layout.count("weight") != 1):
            raise ValueError(
                f"codec option 'layouts' has {layout!r}: each layout lists fields from "
                f"{', '.join(FIELD_TYPES)} with exactly one 'status' and one 'weight'")
        layouts.append(tuple(layout))
    separator = opt_str(options, "separator", ",")
    if len(separator) != 1:
        raise ValueError("codec option 'separator' must be one character")
    return StGsCodec(
        separator=separator, layouts=layouts,
        stable=opt_str_list(options, "stable", ("ST", "QT")),
        unstable=opt_str_list(options, "unstable", ("US",)),
        overload=opt_str_list(options, "overload", ("OL",)),
        underload=opt_str_list(options, "underload", ("LO",)),
        gross=opt_str_list(options, "gross", ("GS", "G")),
        net=opt_str_list(options, "net", ("NT", "N")),
        tare=opt_str_list(options, "tare", ("TR", "T")),
        unit=opt_str(options, "unit", ""))


def make_ohaus(options: Options) -> OhausCodec:
    check_keys(options, ())
    return OhausCodec()


def make_sartorius(options: Options) -> SartoriusCodec:
    check_keys(options, ())
    return SartoriusCodec()
