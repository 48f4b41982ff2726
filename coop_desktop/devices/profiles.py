"""Device profiles: one TOML file per model in the top-level ``devices/`` folder, named by its
stem (``devices/yaohua-xk3190-a9.toml`` is the profile ``yaohua-xk3190-a9``).

A profile says how to open the port (``[serial]``), which codec reads it (``protocol`` and its
``[options]``), what to send to ask for a value (``[poll]``), the units it reports, how to judge
stability when the device does not say (``[stability]``) and, for Modbus sensors, the register
map (``[modbus]`` with ``[[modbus.registers]]``). ``[commands]`` holds the bytes to send for zero,
tare and clearing the tare, only for protocols whose reference documents them. A file that does
not check out raises ValueError with a sentence naming the file and the key.
"""

from __future__ import annotations

import enum
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from coop_desktop import paths
from coop_desktop.devices.codecs import MODBUS_RTU, PROTOCOLS, make_codec
from coop_desktop.devices.readings import Codec
from coop_desktop.domain.models.enums import ChannelKind


class ProfileKind(enum.StrEnum):
    SCALE = "scale"
    SENSOR = "sensor"
    EID = "eid"


@dataclass(frozen=True)
class SerialSettings:
    """pyserial's names and values: parity ``N``/``E``/``O``/``M``/``S``; stopbits 1, 1.5, 2."""

    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1
    xonxoff: bool = False


REGISTER_TYPES = {"u16": (False, 1), "s16": (True, 1), "u32": (False, 2), "s32": (True, 2),
                  "f32": (True, 2)}


@dataclass(frozen=True)
class RegisterSpec:
    """One value in a Modbus sensor's register map: the raw register(s) at ``address``
    (0-based, as in the request frame), times ``scale``, in ``unit``.

    ``signed`` reads the raw value as two's complement (``FF9B`` → −101 → −10.1 °C);
    ``count`` is 1 for 16-bit values, 2 for 32-bit ones, whose ``word_order`` is ``"big"`` (high
    word first) or ``"little"``; ``is_float`` marks an IEEE float. ``name`` and ``type`` give
    the shape :class:`coop_desktop.devices.modbus.RegisterSpec` reads.
    """

    channel: ChannelKind
    address: int
    scale: Decimal
    signed: bool
    unit: str
    count: int = 1
    word_order: str = "big"
    is_float: bool = False

    @property
    def name(self) -> str:
        return self.channel.value

    @property
    def type(self) -> str:
        if self.is_float:
            return "f32"
        return f"{'s' if self.signed else 'u'}{16 * self.count}"

    def decode(self, words: list[int] | tuple[int, ...]) -> Decimal:
        """The value from this register's raw 16-bit words, as read (high word first on the
        wire for ``word_order = "big"``)."""
        if len(words) != self.count:
            raise ValueError(f"{self.name} needs {self.count} registers, got {len(words)}")
        ordered = list(words) if self.word_order == "big" else list(reversed(words))
        raw = b"".join(w.to_bytes(2, "big") for w in ordered)
        if self.is_float:
            import struct

            return Decimal(repr(struct.unpack(">f", raw)[0])) * self.scale
        return Decimal(int.from_bytes(raw, "big", signed=self.signed)) * self.scale


@dataclass(frozen=True)
class ModbusMap:
    """Where a sensor's values are: slave ``address`` (1 as shipped), read ``function`` (3
    holding or 4 input registers), and the registers."""

    address: int
    function: int
    registers: tuple[RegisterSpec, ...]

    def span(self) -> tuple[int, int]:
        """``(start, count)`` of one read covering every register."""
        start = min(r.address for r in self.registers)
        end = max(r.address + r.count for r in self.registers)
        return start, end - start


@dataclass(frozen=True)
class StabilitySettings:
    """For devices that send no stability flag (devices.md §3.9)."""

    window_s: float = 1.0
    min_frames: int = 5
    tolerance: Decimal = Decimal(0)
    min_load: Decimal | None = None


@dataclass(frozen=True)
class DeviceProfile:
    name: str
    label: str
    kind: ProfileKind
    protocol: str
    serial: SerialSettings
    units: tuple[str, ...]
    options: Mapping[str, object] = field(default_factory=dict)
    poll: bytes | None = None
    poll_interval_s: float | None = None
    stability: StabilitySettings | None = None
    modbus: ModbusMap | None = None
    notes: str = ""
    path: Path | None = None
    commands: Mapping[str, bytes] = field(default_factory=dict)

    @property
    def is_polled(self) -> bool:
        return self.poll is not None or self.protocol == MODBUS_RTU

    def make_codec(self) -> Codec:
        """A fresh stream codec for this profile (not for Modbus sensors: the master reads
        those with :attr:`modbus`)."""
        if self.protocol == MODBUS_RTU:
            raise ValueError(f"profile {self.name!r} is a Modbus sensor: it has no stream codec")
        return make_codec(self.protocol, self.options)


# --- loading ---------------------------------------------------------------------------------

_TOP_KEYS = {"label", "kind", "protocol", "units", "serial", "options", "poll", "stability",
             "modbus", "notes", "commands"}

#: What a ``[commands]`` table may name: the indicator's zero key, tare key, and tare clearing.
COMMAND_NAMES = ("zero", "tare", "clear_tare")


class _Reader:
    """Typed access to one file's tables, with errors that name the file and the key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> ValueError:
        return ValueError(f"Device profile {self.path.name}: key '{key}' {problem}.")

    def table(self, data: Mapping[str, object], key: str) -> Mapping[str, object]:
        value = data.get(key.rsplit(".", 1)[-1], {})
        if not isinstance(value, dict):
            raise self.fail(key, "must be a table")
        return value

    def only(self, data: Mapping[str, object], prefix: str, allowed: set[str]) -> None:
        for key in data:
            if key not in allowed:
                raise self.fail(f"{prefix}{key}", "is not a known setting (a typing error?)")

    def text(self, data: Mapping[str, object], key: str, full: str, default: str | None = None
             ) -> str:
        value = data.get(key, default)
        if not isinstance(value, str) or not value:
            raise self.fail(full, "is missing or is not a text string")
        return value

    def data_bytes(self, data: Mapping[str, object], key: str, full: str) -> bytes:
        """Bytes to send, written as text with escapes (``"\\u001bP\\r\\n"`` is ESC P CR LF)."""
        text = self.text(data, key, full)
        try:
            return text.encode("latin-1")
        except UnicodeEncodeError:
            raise self.fail(full, "must hold bytes (characters up to \\u00FF)") from None

    def integer(self, data: Mapping[str, object], key: str, full: str, default: int,
                low: int, high: int) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(full, f"must be a whole number from {low} to {high}, not {value!r}")
        return value

    def number(self, data: Mapping[str, object], key: str, full: str, default: float) -> float:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise self.fail(full, f"must be a number not below zero, not {value!r}")
        return float(value)

    def decimal(self, data: Mapping[str, object], key: str, full: str,
                default: Decimal | None) -> Decimal | None:
        value = data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.fail(full, f"must be a number, not {value!r}")
        try:
            return Decimal(str(value))
        except InvalidOperation:
            raise self.fail(full, f"must be a number, not {value!r}") from None


def profile_path(name: str, directory: Path | None = None) -> Path:
    return (directory or paths.device_profiles_dir()) / f"{name}.toml"


def available_profiles(directory: Path | None = None) -> list[str]:
    """The names of the shipped profiles, sorted."""
    folder = directory or paths.device_profiles_dir()
    return sorted(p.stem for p in folder.glob("*.toml"))


def load_profile(name: str, directory: Path | None = None) -> DeviceProfile:
    path = profile_path(name, directory)
    if not path.is_file():
        raise ValueError(f"There is no device profile {name!r} (looked for {path}).")
    return load_profile_file(path)


def load_profile_file(path: Path) -> DeviceProfile:
    r = _Reader(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"Device profile {path.name} is not valid TOML: {exc}.") from None
    r.only(data, "", _TOP_KEYS)
    label = r.text(data, "label", "label")
    kind_text = r.text(data, "kind", "kind")
    if kind_text not in ProfileKind.__members__.values():
        raise r.fail("kind", f"must be one of scale, sensor, eid, not {kind_text!r}")
    kind = ProfileKind(kind_text)
    protocol = r.text(data, "protocol", "protocol")
    if protocol not in PROTOCOLS:
        raise r.fail("protocol", f"names an unknown codec {protocol!r} (known: "
                                 f"{', '.join(sorted(PROTOCOLS))})")
    units = data.get("units", [])
    if not isinstance(units, list) or not all(isinstance(u, str) for u in units):
        raise r.fail("units", "must be a list of text strings")

    serial_table = r.table(data, "serial")
    r.only(serial_table, "serial.", {"baudrate", "bytesize", "parity", "stopbits", "xonxoff"})
    parity = r.text(serial_table, "parity", "serial.parity", "N")
    if parity not in ("N", "E", "O", "M", "S"):
        raise r.fail("serial.parity", f"must be one of N, E, O, M, S, not {parity!r}")
    stopbits = serial_table.get("stopbits", 1)
    if stopbits not in (1, 1.5, 2) or isinstance(stopbits, bool):
        raise r.fail("serial.stopbits", f"must be 1, 1.5 or 2, not {stopbits!r}")
    xonxoff = serial_table.get("xonxoff", False)
    if not isinstance(xonxoff, bool):
        raise r.fail("serial.xonxoff", "must be true or false")
    serial = SerialSettings(
        baudrate=r.integer(serial_table, "baudrate", "serial.baudrate", 9600, 300, 921600),
        bytesize=r.integer(serial_table, "bytesize", "serial.bytesize", 8, 5, 8),
        parity=parity, stopbits=float(stopbits), xonxoff=xonxoff)

    options = dict(r.table(data, "options"))

    poll: bytes | None = None
    interval: float | None = None
    if "poll" in data:
        poll_table = r.table(data, "poll")
        r.only(poll_table, "poll.", {"command", "interval_s"})
        if "command" in poll_table or protocol != MODBUS_RTU:
            poll = r.data_bytes(poll_table, "command", "poll.command")
        interval = r.number(poll_table, "interval_s", "poll.interval_s", 0.5)

    commands: dict[str, bytes] = {}
    if "commands" in data:
        if protocol == MODBUS_RTU:
            raise r.fail("commands", "is not for Modbus sensors")
        command_table = r.table(data, "commands")
        for name in command_table:
            if name not in COMMAND_NAMES:
                raise r.fail(f"commands.{name}", f"is not a known command (known: "
                                                 f"{', '.join(COMMAND_NAMES)})")
            commands[name] = r.data_bytes(command_table, name, f"commands.{name}")

    stability: StabilitySettings | None = None
    if "stability" in data:
        st = r.table(data, "stability")
        r.only(st, "stability.", {"window_s", "min_frames", "tolerance", "min_load"})
        stability = StabilitySettings(
            window_s=r.number(st, "window_s", "stability.window_s", 1.0),
            min_frames=r.integer(st, "min_frames", "stability.min_frames", 5, 1, 1000),
            tolerance=r.decimal(st, "tolerance", "stability.tolerance", Decimal(0)) or Decimal(0),
            min_load=r.decimal(st, "min_load", "stability.min_load", None))

    modbus = _modbus(r, data) if protocol == MODBUS_RTU else None
    if protocol == MODBUS_RTU and kind is not ProfileKind.SENSOR:
        raise r.fail("kind", "must be 'sensor' for the modbus_rtu protocol")
    if "modbus" in data and protocol != MODBUS_RTU:
        raise r.fail("modbus", "is only for profiles whose protocol is modbus_rtu")

    notes = data.get("notes", "")
    if not isinstance(notes, str):
        raise r.fail("notes", "must be a text string")
    profile = DeviceProfile(
        name=path.stem, label=label, kind=kind, protocol=protocol, serial=serial,
        units=tuple(units), options=options, poll=poll, poll_interval_s=interval,
        stability=stability, modbus=modbus, notes=notes, path=path, commands=commands)
    if protocol != MODBUS_RTU:
        try:
            profile.make_codec()
        except ValueError as exc:
            raise r.fail("options", f"does not suit the codec {protocol!r}: {exc}") from None
    return profile


def _modbus(r: _Reader, data: Mapping[str, object]) -> ModbusMap:
    if "modbus" not in data:
        raise r.fail("modbus", "is missing (a modbus_rtu profile needs its register map)")
    table = r.table(data, "modbus")
    r.only(table, "modbus.", {"address", "function", "registers"})
    address = r.integer(table, "address", "modbus.address", 1, 1, 247)
    function = r.integer(table, "function", "modbus.function", 3, 3, 4)
    raw_registers = table.get("registers")
    if not isinstance(raw_registers, list) or not raw_registers:
        raise r.fail("modbus.registers", "must list at least one [[modbus.registers]] table")
    channels = {c.value for c in ChannelKind}
    registers: list[RegisterSpec] = []
    for i, entry in enumerate(raw_registers):
        where = f"modbus.registers[{i}]."
        if not isinstance(entry, dict):
            raise r.fail(f"modbus.registers[{i}]", "must be a table")
        r.only(entry, where, {"channel", "address", "type", "scale", "unit", "word_order"})
        channel = r.text(entry, "channel", where + "channel")
        if channel not in channels:
            raise r.fail(where + "channel", f"must be one of {', '.join(sorted(channels))}, "
                                            f"not {channel!r}")
        type_name = r.text(entry, "type", where + "type", "u16")
        if type_name not in REGISTER_TYPES:
            raise r.fail(where + "type", f"must be one of {', '.join(REGISTER_TYPES)}")
        signed, count = REGISTER_TYPES[type_name]
        word_order = r.text(entry, "word_order", where + "word_order", "big")
        if word_order not in ("big", "little"):
            raise r.fail(where + "word_order", "must be 'big' or 'little'")
        registers.append(RegisterSpec(
            channel=ChannelKind(channel),
            address=r.integer(entry, "address", where + "address", -1, 0, 0xFFFF),
            scale=r.decimal(entry, "scale", where + "scale", Decimal(1)) or Decimal(1),
            signed=signed, unit=entry.get("unit", "") if isinstance(entry.get("unit", ""), str)
            else "", count=count, word_order=word_order, is_float=type_name == "f32"))
    return ModbusMap(address=address, function=function, registers=tuple(registers))
