"""Every setting that belongs to this PC, declared once: its key, type, default and what it is for.

Settings that belong to the cooperative live in the database; these belong to the PC (its cables,
its printers, its user's language and window). They are kept in QSettings, but this module does
not import Qt: it reads and writes through :class:`SettingsStore`, a protocol a ``QSettings``
satisfies as it is (tests may pass a dict-backed store).

A key with ``{placeholders}`` is a family of settings (one per device role or per printer):
:meth:`Setting.at` fills the placeholders. Values are converted on reading, and a stored value
that cannot be read as the setting's type gives its default, never an exception: a settings file
edited by hand must not stop the program from starting.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")


class SettingsStore(Protocol):
    """The part of ``QSettings`` the settings use."""

    def value(self, key: str, defaultValue: Any = ...) -> Any: ...  # noqa: N803 - Qt's name

    def setValue(self, key: str, value: Any) -> None: ...  # noqa: N802 - Qt's name

    def remove(self, key: str) -> None: ...

    def contains(self, key: str) -> bool: ...

    def sync(self) -> None: ...


def _as_text(raw: object) -> str:
    if isinstance(raw, (list, tuple)):
        raise ValueError("a list where a text was expected")
    return "" if raw is None else str(raw)


def _as_int(raw: object) -> int:
    if isinstance(raw, bool):
        return int(raw)
    number = float(str(raw).strip())
    if not math.isfinite(number):
        raise ValueError(f"not a number: {raw!r}")
    return int(number)


def _as_float(raw: object) -> float:
    number = float(str(raw).strip())
    if not math.isfinite(number):
        raise ValueError(f"not a number: {raw!r}")
    return number


def _as_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in {"true", "1", "yes", "on"}:
        return True
    if text in {"false", "0", "no", "off", ""}:
        return False
    raise ValueError(f"not a yes or no: {raw!r}")


def _as_texts(raw: object) -> tuple[str, ...]:
    """QSettings gives a one-item list back as a plain string, and an empty one as None."""
    if raw is None or raw == "":
        return ()
    if isinstance(raw, str):
        return (raw,)
    if isinstance(raw, (list, tuple)):
        return tuple(str(item) for item in raw)
    raise ValueError(f"not a list of texts: {raw!r}")


_READERS: dict[type, Callable[[object], Any]] = {
    str: _as_text, int: _as_int, float: _as_float, bool: _as_bool, tuple: _as_texts,
}


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: ``key`` (may hold ``{placeholders}``, see :meth:`at`), the Python type of
    its value, its default and a short description."""

    key: str
    kind: type
    default: T
    description: str

    def at(self, **names: str) -> Setting[T]:
        """The member of a family of settings: ``PRINTER_DPI.at(printer="shed")``."""
        return replace(self, key=self.key.format(**names))

    def get(self, store: SettingsStore) -> T:
        """The stored value, or the default when none is stored or it cannot be read."""
        self._check_concrete()
        raw = store.value(self.key, None)
        if raw is None:
            return self.default
        try:
            value: T = _READERS[self.kind](raw)
        except (ValueError, TypeError, ArithmeticError):
            return self.default
        return value

    def is_set(self, store: SettingsStore) -> bool:
        self._check_concrete()
        return bool(store.contains(self.key))

    def set(self, store: SettingsStore, value: T) -> None:
        """Store ``value`` (a list as a list of texts); the caller syncs."""
        self._check_concrete()
        if not isinstance(value, self.kind) or (self.kind is int and isinstance(value, bool)):
            raise TypeError(f"{self.key} holds {self.kind.__name__}, not {value!r}")
        store.setValue(self.key, list(value) if isinstance(value, tuple) else value)

    def forget(self, store: SettingsStore) -> None:
        self._check_concrete()
        store.remove(self.key)

    def _check_concrete(self) -> None:
        if "{" in self.key:
            raise ValueError(f"fill the placeholders of {self.key!r} with at()")


def group_key(setting: Setting[Any], **names: str) -> str:
    """The group holding a family member's settings: ``printers/{printer}/dpi`` at
    ``printer="shed"`` gives ``printers/shed``."""
    return setting.at(**names).key.rpartition("/")[0]


# --- the interface ------------------------------------------------------------------------------

LANGUAGE: Setting[str] = Setting(
    "language", str, "",
    "The interface language chosen on the Settings page (zh_CN, en); absent follows the system.")
WINDOW_GEOMETRY: Setting[str] = Setting(
    "main_window/geometry", str, "", "The main window's size and place, as Qt saved them.")
WINDOW_PAGE: Setting[str] = Setting(
    "main_window/page", str, "home", "The page the main window showed when it was closed.")

# --- devices on this PC -------------------------------------------------------------------------

DEVICE_PROFILE: Setting[str] = Setting(
    "devices/{role}/profile", str, "",
    "The device profile (devices/<name>.toml) doing a job (packing_scale, livestock_scale, "
    "eid_reader) on this PC.")
DEVICE_PORT: Setting[str] = Setting(
    "devices/{role}/port", str, "",
    "The port of that device: COM3, /dev/ttyUSB0 or tcp://host:port.")
SENSOR_BUS_PORT: Setting[str] = Setting(
    "sensors/bus_port", str, "",
    "The port of this PC's RS-485 sensor bus (a USB adapter or a serial device server).")

# --- label printers of this PC ------------------------------------------------------------------

PRINTERS_GROUP = "printers"
PRINTER_KIND: Setting[str] = Setting(
    "printers/{printer}/kind", str, "tspl",
    "What the printer understands: tspl or zpl (raw), or driver (painted through its driver).")
PRINTER_ADDRESS: Setting[str] = Setting(
    "printers/{printer}/address", str, "",
    "Raw: tcp://HOST:9100, serial:COM3, cups:QUEUE or windows:NAME; driver: the printer's name.")
PRINTER_DPI: Setting[int] = Setting(
    "printers/{printer}/dpi", int, 203, "The print head's resolution in dots per inch.")
PRINTER_DARKNESS: Setting[int] = Setting(
    "printers/{printer}/darkness", int, 8, "Print darkness (TSPL DENSITY, 0–15).")
PRINTER_SPEED: Setting[int] = Setting(
    "printers/{printer}/speed", int, 4, "Print speed in inches per second.")
PRINTER_GAP_MM: Setting[float] = Setting(
    "printers/{printer}/gap_mm", float, 2.0, "The gap between two labels on the roll, in mm.")
PRINTER_OFFSET_X_MM: Setting[float] = Setting(
    "printers/{printer}/offset_x_mm", float, 0.0, "Shift of the print to the right, in mm.")
PRINTER_OFFSET_Y_MM: Setting[float] = Setting(
    "printers/{printer}/offset_y_mm", float, 0.0, "Shift of the print downwards, in mm.")
PRINTER_TEMPLATE: Setting[str] = Setting(
    "printers/{printer}/template", str, "crate-60x40",
    "The label template printed on this printer by default.")

# --- the packing station ------------------------------------------------------------------------

CRATE_TYPES: Setting[tuple[str, ...]] = Setting(
    "packing/crate_types", tuple, (),
    "This PC's crate types as 'name=tare' entries (tare in kg); empty offers the default list.")
CRATE_TYPE: Setting[str] = Setting(
    "packing/crate_type", str, "", "The crate type chosen last at this PC.")


def declared() -> tuple[Setting[Any], ...]:
    """Every setting of this module, in the order declared."""
    return tuple(value for value in globals().values() if isinstance(value, Setting))


def crate_entries(entries: Sequence[str]) -> list[tuple[str, Decimal]]:
    """The crate types readable in ``entries`` (``"name=tare"``, tare a number ≥ 0 in kg)."""
    types: list[tuple[str, Decimal]] = []
    for entry in entries:
        name, _, tare = str(entry).rpartition("=")
        try:
            value = Decimal(tare.strip())
        except InvalidOperation:
            continue
        if name.strip() and value.is_finite() and value >= 0:
            types.append((name.strip(), value))
    return types
