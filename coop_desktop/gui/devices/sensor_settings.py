"""The sensor bus of this PC, kept in QSettings (key ``sensors/bus_port``).

One RS-485 bus per PC: the port its USB adapter is on (``COM3``, ``/dev/ttyUSB0``) or the
address of a serial device server (``tcp://192.168.1.20:8899``). The serial settings are not
stored: they come from each sensor's profile. Like the scale assignments this belongs to the PC,
not to the database another PC shares.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from coop_desktop.settings import SENSOR_BUS_PORT

BUS_PORT_KEY = SENSOR_BUS_PORT.key


def _settings(settings: QSettings | None) -> QSettings:
    return settings if settings is not None else QSettings()


def load_bus_port(settings: QSettings | None = None) -> str:
    """The stored bus port, or ``""`` when none was saved."""
    return SENSOR_BUS_PORT.get(_settings(settings)).strip()


def save_bus_port(port: str, settings: QSettings | None = None) -> None:
    """Store the bus port (an empty one forgets it)."""
    store = _settings(settings)
    if port.strip():
        SENSOR_BUS_PORT.set(store, port.strip())
    else:
        SENSOR_BUS_PORT.forget(store)
    store.sync()
