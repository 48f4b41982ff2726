"""Printer profiles of this PC, kept in QSettings (``printers/<name>/…``): how each label printer
is reached and what it understands (labels-and-printing.md §9, last bullet).

A profile is either *raw* (a TSPL or ZPL job sent to ``tcp://HOST:9100``, ``serial:COM3``,
``cups:QUEUE`` or ``windows:NAME``) or *driver* (the label image painted 1:1 through the printer's
own driver with QPrinter: any printer, Chinese fonts or not). Printers belong to the PC, not to
the database: another PC of the cooperative has its own.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from PySide6.QtCore import QSettings

from coop_desktop.labels.thermal import ThermalSettings

_GROUP = "printers"


class PrinterKind(enum.StrEnum):
    TSPL = "tspl"
    ZPL = "zpl"
    DRIVER = "driver"


@dataclass(frozen=True)
class PrinterProfile:
    name: str
    kind: PrinterKind = PrinterKind.TSPL
    address: str = ""  # raw: tcp://…, serial:…, cups:…, windows:…; driver: the printer's name
    dpi: int = 203
    darkness: int = 8
    speed: int = 4
    gap_mm: float = 2.0
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0
    template: str = "crate-60x40"

    def thermal(self) -> ThermalSettings:
        return ThermalSettings(dpi=self.dpi, darkness=self.darkness, speed=self.speed,
                               gap_mm=self.gap_mm, offset_x_mm=self.offset_x_mm,
                               offset_y_mm=self.offset_y_mm)


def _store(settings: QSettings | None) -> QSettings:
    return settings if settings is not None else QSettings()


def _number(store: QSettings, key: str, default: float) -> float:
    try:
        return float(str(store.value(key, default)))
    except ValueError:
        return default


def load_profiles(settings: QSettings | None = None) -> list[PrinterProfile]:
    store = _store(settings)
    store.beginGroup(_GROUP)
    names = sorted(store.childGroups())
    store.endGroup()
    profiles: list[PrinterProfile] = []
    for name in names:
        key = f"{_GROUP}/{name}"
        try:
            kind = PrinterKind(str(store.value(f"{key}/kind", "tspl")))
        except ValueError:
            kind = PrinterKind.TSPL
        default = PrinterProfile(name)
        profiles.append(replace(
            default, kind=kind, address=str(store.value(f"{key}/address", "")),
            dpi=int(_number(store, f"{key}/dpi", default.dpi)),
            darkness=int(_number(store, f"{key}/darkness", default.darkness)),
            speed=int(_number(store, f"{key}/speed", default.speed)),
            gap_mm=_number(store, f"{key}/gap_mm", default.gap_mm),
            offset_x_mm=_number(store, f"{key}/offset_x_mm", 0.0),
            offset_y_mm=_number(store, f"{key}/offset_y_mm", 0.0),
            template=str(store.value(f"{key}/template", default.template))))
    return profiles


def save_profile(profile: PrinterProfile, settings: QSettings | None = None) -> None:
    store = _store(settings)
    key = f"{_GROUP}/{profile.name}"
    store.remove(key)
    for field_name, value in (("kind", profile.kind.value), ("address", profile.address),
                              ("dpi", profile.dpi), ("darkness", profile.darkness),
                              ("speed", profile.speed), ("gap_mm", profile.gap_mm),
                              ("offset_x_mm", profile.offset_x_mm),
                              ("offset_y_mm", profile.offset_y_mm),
                              ("template", profile.template)):
        store.setValue(f"{key}/{field_name}", value)
    store.sync()


def remove_profile(name: str, settings: QSettings | None = None) -> None:
    store = _store(settings)
    store.remove(f"{_GROUP}/{name}")
    store.sync()
