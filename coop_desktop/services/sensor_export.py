"""Sensor readings to a CSV file a spreadsheet opens: UTF-8 with a byte-order mark, so Excel
on a Chinese Windows reads the Chinese names right, one row per reading with its local time.

Columns: time (local, ``YYYY-MM-DD HH:MM:SS``), sensor, plot, channel, unit, value. A sensor's
plot is named by the plot's code and name only: nothing about the household that farms it
(names, ID numbers, phones) goes into the file. The file is written beside its final name and
moved there at the end, so a cancelled or failed export leaves no half-written file.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
from collections.abc import Callable, Generator
from pathlib import Path

from sqlalchemy import func, select

from coop_desktop.domain import i18n
from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import Plot, Sensor, SensorChannel, SensorReading
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.services.permissions import Actor
from coop_desktop.services.sensors import local_text, place_text
from coop_desktop.services.work import reading
from coop_desktop.storage.database import Database

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?
HEADERS = {
    "en": ("time (local)", "sensor", "plot", "channel", "unit", "value"),
    "zh": ("时间（本地）", "传感器", "地块", "通道", "单位", "数值"),
}
BATCH = 5000


def _rows(db: Database, actor: Actor, sensor_ids: list[int], start: dt.datetime,
          end: dt.datetime) -> Generator[tuple[str, ...], None, None]:
    with reading(db, actor) as session:
        query = (select(SensorReading.recorded_at, Sensor.code, Plot.code, Plot.name,
                        Sensor.location, SensorChannel.kind, SensorChannel.unit,
                        SensorReading.value)
                 .join(SensorChannel, SensorChannel.id == SensorReading.channel_id)
                 .join(Sensor, Sensor.id == SensorChannel.sensor_id)
                 .outerjoin(Plot, Plot.id == Sensor.plot_id)
                 .where(Sensor.id.in_(sensor_ids), SensorReading.recorded_at >= start,
                        SensorReading.recorded_at < end)
                 .order_by(SensorReading.recorded_at, Sensor.code, SensorChannel.id)
                 .execution_options(yield_per=BATCH))
        result = session.execute(query)
        try:
            for at, code, plot_code, plot_name, location, kind, unit, value in result:
                yield (at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), code,
                       place_text(plot_code, plot_name, location), name_of(kind), unit,
                       f"{value:g}")
        finally:
            result.close()  # also when the export is cancelled part-way


def export_readings(db: Database, actor: Actor, path: Path, *, sensor_ids: list[int],
                    start: dt.datetime, end: dt.datetime,
                    progress: Progress | None = None) -> int:
    """Write the readings of ``sensor_ids`` from ``start`` to ``end`` (excluded) to ``path``;
    returns the rows written. ``progress`` returning False cancels: no file is left."""
    if end <= start:
        raise ValidationError("sensor.range", start=local_text(start), end=local_text(end))
    if not sensor_ids:
        raise ValidationError("sensor.choose")
    with reading(db, actor) as session:
        total = session.execute(
            select(func.count()).select_from(SensorReading)
            .join(SensorChannel, SensorChannel.id == SensorReading.channel_id)
            .where(SensorChannel.sensor_id.in_(sensor_ids), SensorReading.recorded_at >= start,
                   SensorReading.recorded_at < end)).scalar_one()
    partial = path.with_name(f".{path.name}.part")
    written = 0
    try:
        with (partial.open("w", encoding="utf-8-sig", newline="") as file,
              contextlib.closing(_rows(db, actor, sensor_ids, start, end)) as rows):
            writer = csv.writer(file)
            writer.writerow(HEADERS.get(i18n.language(), HEADERS["en"]))
            for row in rows:
                writer.writerow(row)
                written += 1
                if progress is not None and written % BATCH == 0 and not progress(written,
                                                                                   total):
                    raise ValidationError("sensor.export_cancelled")
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise
    if progress is not None:
        progress(written, total)
    return written
