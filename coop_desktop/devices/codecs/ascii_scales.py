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
