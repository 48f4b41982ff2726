"""Printer profiles of this PC, kept in QSettings (``printers/<name>/…``): how each label printer
is reached and what it understands (labels-and-printing.md §9, last bullet).

A profile is either *raw* (a TSPL or ZPL job sent to ``tcp://HOST:9100``, ``serial:COM3``,
``cups:QUEUE`` or ``windows:NAME``) or *driver* (the label image painted 1:1 through the printer's
own driver with QPrinter: any printer, Chinese fonts or not). Printers belong to the PC, not to
the database: another PC of the cooperative has its own.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QSettings

from coop_desktop import settings as declared
from coop_desktop.labels.thermal import ThermalSettings

_GROUP = declared.PRINTERS_GROUP


class PrinterKind(enum.StrEnum):
    TSPL = "tspl"
    ZPL = "zpl"
    DRIVER = "driver"


@dataclass(frozen=True)
class PrinterProfile:
    name: str
    kind: PrinterKind = PrinterKind.TSPL  # declared.PRINTER_KIND.default
    address: str = declared.PRINTER_ADDRESS.default  # raw: tcp://…, serial:…, …; driver: name
    dpi: int = declared.PRINTER_DPI.default
    darkness: int = declared.PRINTER_DARKNESS.default
    speed: int = declared.PRINTER_SPEED.default
    gap_mm: float = declared.PRINTER_GAP_MM.default
    offset_x_mm: float = declared.PRINTER_OFFSET_X_MM.default
    offset_y_mm: float = declared.PRINTER_OFFSET_Y_MM.default
    template: str = declared.PRINTER_TEMPLATE.default

    def thermal(self) -> ThermalSettings:
        return ThermalSettings(dpi=self.dpi, darkness=self.darkness, speed=self.speed,
                               gap_mm=self.gap_mm, offset_x_mm=self.offset_x_mm,
                               offset_y_mm=self.offset_y_mm)


def _store(settings: QSettings | None) -> QSettings:
    return settings if settings is not None else QSettings()


def load_profiles(settings: QSettings | None = None) -> list[PrinterProfile]:
    store = _store(settings)
    store.beginGroup(_GROUP)
    names = sorted(store.childGroups())
    store.endGroup()
    profiles: list[PrinterProfile] = []
    for name in names:
        try:
            kind = PrinterKind(declared.PRINTER_KIND.at(printer=name).get(store))
        except ValueError:
            kind = PrinterKind(declared.PRINTER_KIND.default)
        profiles.append(PrinterProfile(
            name, kind=kind, address=declared.PRINTER_ADDRESS.at(printer=name).get(store),
            dpi=declared.PRINTER_DPI.at(printer=name).get(store),
            darkness=declared.PRINTER_DARKNESS.at(printer=name).get(store),
            speed=declared.PRINTER_SPEED.at(printer=name).get(store),
            gap_mm=declared.PRINTER_GAP_MM.at(printer=name).get(store),
            offset_x_mm=declared.PRINTER_OFFSET_X_MM.at(printer=name).get(store),
            offset_y_mm=declared.PRINTER_OFFSET_Y_MM.at(printer=name).get(store),
            template=declared.PRINTER_TEMPLATE.at(printer=name).get(store)))
    return profiles


def save_profile(profile: PrinterProfile, settings: QSettings | None = None) -> None:
    store = _store(settings)
    store.remove(f"{_GROUP}/{profile.name}")
    name = profile.name
    declared.PRINTER_KIND.at(printer=name).set(store, profile.kind.value)
    declared.PRINTER_ADDRESS.at(printer=name).set(store, profile.address)
    declared.PRINTER_DPI.at(printer=name).set(store, int(profile.dpi))
    declared.PRINTER_DARKNESS.at(printer=name).set(store, int(profile.darkness))
    declared.PRINTER_SPEED.at(printer=name).set(store, int(profile.speed))
    declared.PRINTER_GAP_MM.at(printer=name).set(store, float(profile.gap_mm))
    declared.PRINTER_OFFSET_X_MM.at(printer=name).set(store, float(profile.offset_x_mm))
    declared.PRINTER_OFFSET_Y_MM.at(printer=name).set(store, float(profile.offset_y_mm))
    declared.PRINTER_TEMPLATE.at(printer=name).set(store, profile.template)
    store.sync()


def remove_profile(name: str, settings: QSettings | None = None) -> None:
    store = _store(settings)
    store.remove(f"{_GROUP}/{name}")
    store.sync()
