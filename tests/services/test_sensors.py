"""Sensors: chart series thinned in SQL (checked against a brute-force computation), polls
stored as one batch, the Sensors page's list, and the home page's sensor alerts."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict

import pytest
from sqlalchemy import event, select, text

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import ChannelKind, SensorChannel, SensorReading
from coop_desktop.services.home import todays_work
from coop_desktop.services.members import register_plot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.sensors import (
    ChannelInput,
    channel_kinds,
    chart_series,
    poll_targets,
    reading_span,
    register_sensor,
    season_start,
    sensor_alerts,
    sensor_list,
    store_poll,
    store_readings,
)
from coop_desktop.storage.database import Database
from tests.services.builders import make_member, rows

START = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
SOIL = (ChannelInput("soil_moisture", "%", 18.0, 35.0),
        ChannelInput("soil_temperature", "°C", 12.0, 32.0))


def greenhouse(db: Database, code: str = "GH-01", member: str = "M001") -> int:
    """A member's sunlight greenhouse plot."""
    member_id = make_member(db, member)
    return register_plot(db, SYSTEM, member_id=member_id, code=code, area_mu="1.2",
                         land_type="sunlight_greenhouse", name="3号日光温室")


def soil_sensor(db: Database, plot_id: int | None, code: str = "S-01", address: int = 1,
                poll_seconds: int = 600, profile: str = "renke-soil") -> int:
    return register_sensor(db, SYSTEM, code=code, name="温室土壤传感器", profile=profile,
                           channels=SOIL, plot_id=plot_id, bus_address=address,
                           poll_seconds=poll_seconds)


def channel_ids(db: Database, sensor_id: int) -> dict[str, int]:
    with db.read() as session:
        return {kind.value: channel_id for channel_id, kind in session.execute(
            select(SensorChannel.id, SensorChannel.kind)
            .where(SensorChannel.sensor_id == sensor_id))}


def test_buckets_hold_the_minimum_and_maximum_of_their_readings(coop: Database) -> None:
    sensor = soil_sensor(coop, greenhouse(coop))
    channel = channel_ids(coop, sensor)["soil_moisture"]
    rng = random.Random(4)
    readings = sorted((START + dt.timedelta(seconds=rng.randrange(0, 40 * 86400),
                                            microseconds=rng.randrange(0, 1_000_000)),
                       round(rng.uniform(5, 45), 2)) for _ in range(3000))
    store_readings(coop, SYSTEM, channel, readings)
    start, end = START + dt.timedelta(days=3, hours=5), START + dt.timedelta(days=31)
    (series,) = chart_series(coop, SYSTEM, sensor_id=sensor, kind="soil_moisture",
                             start=start, end=end, max_points=300)

    width = series.bucket_seconds
    assert width == math.ceil((end - start).total_seconds() / 150)
    expected: dict[int, list[float]] = defaultdict(list)
    for at, value in readings:
        if start <= at < end:
            expected[(math.floor(at.timestamp()) - math.floor(start.timestamp())) // width
                     ].append(value)
    assert series.readings == sum(len(values) for values in expected.values())
    assert len(series.times) == len(series.values) <= 300
    got: dict[int, list[float]] = defaultdict(list)
    for moment, value in zip(series.times, series.values, strict=True):
        got[int((moment - math.floor(start.timestamp())) // width)].append(value)
    assert sorted(got) == sorted(expected)
    for bucket, values in expected.items():
        shown = got[bucket]
        assert min(shown) == pytest.approx(min(values)) and max(shown) == pytest.approx(
            max(values)), bucket
        assert len(shown) == (1 if len(values) == 1 else 2)
    assert list(series.times) == sorted(series.times)
    assert (series.low, series.high, series.unit) == (18.0, 35.0, "%")


def test_few_readings_come_back_where_they_were(coop: Database) -> None:
    sensor = soil_sensor(coop, None)
    channel = channel_ids(coop, sensor)["soil_temperature"]
    moments = [START + dt.timedelta(minutes=10 * i) for i in range(6)]
    store_readings(coop, SYSTEM, channel, [(at, 20.0 + i) for i, at in enumerate(moments)])
    (series,) = chart_series(coop, SYSTEM, sensor_id=sensor, kind="soil_temperature",
                             start=START, end=START + dt.timedelta(hours=1))
    assert series.times == tuple(at.timestamp() for at in moments)
    assert series.values == (20.0, 21.0, 22.0, 23.0, 24.0, 25.0)
    assert reading_span(coop, SYSTEM, sensor_id=sensor) == (moments[0], moments[-1])


def test_a_plot_gives_a_series_per_sensor_and_bad_ranges_are_refused(coop: Database) -> None:
    plot = greenhouse(coop)
    first, second = soil_sensor(coop, plot, "S-01", 1), soil_sensor(coop, plot, "S-02", 2)
    store_readings(coop, SYSTEM, channel_ids(coop, second)["soil_moisture"],
                   [(START, 30.0)])
    series = chart_series(coop, SYSTEM, plot_id=plot, kind="soil_moisture", start=START,
                          end=START + dt.timedelta(days=1))
    assert [(s.sensor_code, s.readings) for s in series] == [("S-01", 0), ("S-02", 1)]
    assert channel_kinds(coop, SYSTEM, plot_id=plot) == [ChannelKind.SOIL_MOISTURE,
                                                          ChannelKind.SOIL_TEMPERATURE]
    with pytest.raises(ValidationError) as backwards:
        chart_series(coop, SYSTEM, sensor_id=first, kind="soil_moisture", start=START,
                     end=START)
    assert backwards.value.code == "sensor.range"
    with pytest.raises(ValidationError):
        chart_series(coop, SYSTEM, kind="soil_moisture", start=START,
                     end=START + dt.timedelta(days=1))


def test_a_poll_is_stored_as_one_batch_and_a_stranger_channel_writes_nothing(
        coop: Database) -> None:
    sensor = soil_sensor(coop, greenhouse(coop))
    other = soil_sensor(coop, None, "S-09", 9)
    channels = channel_ids(coop, sensor)
    at = dt.datetime(2026, 8, 1, 8, 0, tzinfo=dt.UTC)
    assert store_poll(coop, SYSTEM, sensor, at, {channels["soil_moisture"]: 23.4,
                                                 channels["soil_temperature"]: 14.2}) == 2
    with pytest.raises(ValidationError):
        store_poll(coop, SYSTEM, sensor, at, {channels["soil_moisture"]: 1.0,
                                              channel_ids(coop, other)["soil_moisture"]: 2.0})
    assert rows(coop, SensorReading) == 2
    (target,) = [t for t in poll_targets(coop, SYSTEM) if t.code == "S-01"]
    assert (target.address, dict(target.channels)) == (1, channels)


def test_alerts_name_sensor_plot_channel_value_and_threshold(coop: Database) -> None:
    plot = greenhouse(coop)
    sensor = soil_sensor(coop, plot)
    channels = channel_ids(coop, sensor)
    now = dt.datetime.now(dt.UTC)
    store_poll(coop, SYSTEM, sensor, now - dt.timedelta(minutes=5),
               {channels["soil_moisture"]: 12.5, channels["soil_temperature"]: 20.0})
    work = todays_work(coop, SYSTEM)
    (alert,) = work.of_kind("sensor")
    assert alert.code == "S-01" and alert.text.startswith("S-01: ")
    for part in ("温室土壤传感器", "GH-01", "soil moisture", "12.5 %", "below", "18 %"):
        assert part in alert.text, part
    (row,) = sensor_list(coop, SYSTEM)
    assert row.state(now) == "alert" and row.place == "GH-01 3号日光温室"
    assert row.last_text() == "12.5 % · 20 °C"


def test_a_silent_sensor_is_reported_and_an_inactive_one_is_not(coop: Database) -> None:
    plot = greenhouse(coop)
    quiet = soil_sensor(coop, plot, "S-01", 1, poll_seconds=60)
    never = soil_sensor(coop, plot, "S-02", 2, poll_seconds=60)
    channels = channel_ids(coop, quiet)
    now = dt.datetime.now(dt.UTC)
    last = now - dt.timedelta(minutes=2)
    store_poll(coop, SYSTEM, quiet, last, {channels["soil_moisture"]: 25.0})
    with coop.read() as session:
        assert sensor_alerts(session, now) == []  # S-02 was registered just now
        alerts = sensor_alerts(session, now + dt.timedelta(minutes=4))
    assert [code for code, _ in alerts] == ["S-01", "S-02"]
    assert "no reading since " + last.astimezone().strftime("%Y-%m-%d %H:%M") in alerts[0][1]
    assert "every 1 min" in alerts[0][1]
    with coop.write() as session:
        session.execute(text("UPDATE sensors SET active = :no WHERE id = :id"),
                        {"no": False, "id": never})
    with coop.read() as session:
        later = sensor_alerts(session, now + dt.timedelta(minutes=4))
    assert [code for code, _ in later] == ["S-01"]


def test_the_latest_readings_are_index_lookups(sqlite_coop: Database) -> None:
    sensor = soil_sensor(sqlite_coop, None)
    store_readings(sqlite_coop, SYSTEM, channel_ids(sqlite_coop, sensor)["soil_moisture"],
                   [(START + dt.timedelta(minutes=i), 20.0) for i in range(500)])
    statements: list[str] = []

    def keep(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    event.listen(sqlite_coop.engine, "before_cursor_execute", keep)
    try:
        with sqlite_coop.read() as session:
            sensor_alerts(session)
    finally:
        event.remove(sqlite_coop.engine, "before_cursor_execute", keep)
    (query,) = [s for s in statements if "sensor_readings" in s]
    with sqlite_coop.engine.connect() as connection:
        plan = " | ".join(row[3] for row in connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + query, (1,) * query.count("?")))
    assert "ix_sensor_readings_channel_time" in plan
    assert "SCAN sensor_readings" not in plan, plan


def test_the_season_starts_on_the_first_of_march() -> None:
    assert season_start(dt.date(2026, 8, 20)) == dt.date(2026, 3, 1)
    assert season_start(dt.date(2026, 3, 1)) == dt.date(2026, 3, 1)
    assert season_start(dt.date(2026, 1, 15)) == dt.date(2025, 3, 1)
