"""Cold-chain temperatures from a data logger's CSV or XLSX export, and the excursions in them.

Loggers (Elitech, Tzone and the like) export a time column and a temperature column with
headers in Chinese or English; times are the logger's local clock (Beijing time unless told
otherwise). A file with bad rows is refused row by row and nothing is stored unless the user
accepts the good rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coop_desktop.domain import i18n
from coop_desktop.domain.errors import DomainError, ValidationError
from coop_desktop.services.imports import RawTable, read_table
from coop_desktop.services.permissions import Actor
from coop_desktop.services.sales import add_temperatures
from coop_desktop.storage.database import Database

BEIJING = dt.timezone(dt.timedelta(hours=8), "CST")
CHILLED = (0.0, 8.0)  # °C, fresh produce and chilled meat
_TIME_HEADERS = ("时间", "日期", "time", "date", "timestamp", "记录时间")
_TEMPERATURE_HEADERS = ("温度", "temp", "°c", "℃", "temperature")
_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
                 "%d/%m/%Y %H:%M:%S", "%d-%m-%Y %H:%M:%S", "%Y-%m-%dT%H:%M:%S")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Excursion:
    """A stretch of readings outside the allowed range."""

    start: dt.datetime
    end: dt.datetime
    extreme: float  # the highest (too warm) or lowest (too cold) reading
    too_warm: bool

    @property
    def minutes(self) -> float:
        return (self.end - self.start).total_seconds() / 60


@dataclass
class LoggerData:
    readings: list[tuple[dt.datetime, float]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, sentence)
    excursions: list[Excursion] = field(default_factory=list)
    low: float = CHILLED[0]
    high: float = CHILLED[1]


def find_excursions(readings: Sequence[tuple[dt.datetime, float]], low: float,
                    high: float) -> list[Excursion]:
    """Consecutive readings above ``high`` or below ``low``, each stretch once."""
    found: list[Excursion] = []
    start: dt.datetime | None = None
    last: dt.datetime | None = None
    extreme = 0.0
    warm = False
    for moment, value in sorted(readings):
        outside = value > high or value < low
        side_changed = start is not None and outside and (value > high) != warm
        if start is not None and (not outside or side_changed):
            found.append(Excursion(start, last or start, extreme, warm))
            start = None
        if outside and start is None:
            start, extreme, warm = moment, value, value > high
        if outside:
            extreme = max(extreme, value) if warm else min(extreme, value)
            last = moment
    if start is not None:
        found.append(Excursion(start, last or start, extreme, warm))
    return found


def _column(table: RawTable, names: Sequence[str]) -> int | None:
    for index, header in enumerate(table.headers):
        if any(name in header.strip().lower() for name in names):
            return index
    return None


def _moment(text: str, zone: dt.tzinfo) -> dt.datetime | None:
    cleaned = text.strip()
    for pattern in _TIME_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, pattern).replace(tzinfo=zone)
        except ValueError:
            continue
    try:
        parsed = dt.datetime.fromisoformat(cleaned)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def _message(code: str, **params: str) -> str:
    return DomainError(code, **params).message(i18n.language())


def read_logger_file(path: str | Path, *, low: float = CHILLED[0], high: float = CHILLED[1],
                     zone: dt.tzinfo = BEIJING) -> LoggerData:
    """Readings, bad rows and excursions of a logger export; nothing is stored."""
    table = read_table(path)
    time_column = _column(table, _TIME_HEADERS)
    temperature_column = _column(table, _TEMPERATURE_HEADERS)
    if time_column is None or temperature_column is None:
        raise ValidationError("cold_chain.columns", path=Path(path).name,
                              headers=", ".join(table.headers))
    data = LoggerData(low=low, high=high)
    for row in table.rows:
        moment = _moment(row.value(time_column), zone)
        match = _NUMBER.search(row.value(temperature_column))
        if moment is None:
            data.errors.append((row.number, _message("cold_chain.bad_time",
                                                      value=row.value(time_column))))
        elif match is None:
            data.errors.append((row.number, _message("cold_chain.bad_temperature",
                                                      value=row.value(temperature_column))))
        else:
            celsius = float(match.group().replace(",", "."))
            if not -60 <= celsius <= 80:
                data.errors.append((row.number, _message("cold_chain.bad_temperature",
                                                          value=row.value(temperature_column))))
            else:
                data.readings.append((moment, celsius))
    data.excursions = find_excursions(data.readings, low, high)
    return data


def import_logger_file(db: Database, actor: Actor, shipment_id: int, path: str | Path, *,
                       accept_valid: bool = False, low: float = CHILLED[0],
                       high: float = CHILLED[1], zone: dt.tzinfo = BEIJING) -> LoggerData:
    """Store a logger file's readings on a shipment. With bad rows nothing is stored unless
    ``accept_valid``; then the good rows are stored, all in one transaction."""
    data = read_logger_file(path, low=low, high=high, zone=zone)
    if data.errors and not accept_valid:
        return data
    if not data.readings:
        raise ValidationError("cold_chain.no_readings", path=Path(path).name)
    add_temperatures(db, actor, shipment_id, data.readings)
    return data
