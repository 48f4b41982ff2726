"""CSV export of sensor readings: a byte-order mark for Excel, local times, the agreed columns,
the range respected, nothing about the household that farms the plot, nothing left when
cancelled."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from coop_desktop.domain import i18n
from coop_desktop.domain.errors import ValidationError
from coop_desktop.services.members import register_plot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.sensor_export import BATCH, export_readings
from coop_desktop.services.sensors import store_readings
from coop_desktop.storage.database import Database
from tests.services.builders import make_member
from tests.services.test_sensors import START, channel_ids, soil_sensor

PHONE, ID_NUMBER, NAME = "13912345678", "620602198001011236", "王建国"


def farmed_greenhouse(db: Database) -> int:
    member = make_member(db, "M007", name=NAME, phone=PHONE, id_number=ID_NUMBER)
    return register_plot(db, SYSTEM, member_id=member, code="GH-07", area_mu="1.0",
                         land_type="sunlight_greenhouse", name="7号日光温室")


def test_the_csv_opens_in_excel_with_local_times_and_no_personal_data(
        coop: Database, tmp_path: Path) -> None:
    sensor = soil_sensor(coop, farmed_greenhouse(coop))
    channels = channel_ids(coop, sensor)
    store_readings(coop, SYSTEM, channels["soil_moisture"],
                   [(START + dt.timedelta(minutes=10 * i), 20.0 + i) for i in range(10)])
    store_readings(coop, SYSTEM, channels["soil_temperature"], [(START, 14.25)])
    path = tmp_path / "readings.csv"
    written = export_readings(coop, SYSTEM, path, sensor_ids=[sensor], start=START,
                              end=START + dt.timedelta(minutes=30))
    assert written == 4
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    content = raw.decode("utf-8-sig")
    assert NAME not in content and PHONE not in content and ID_NUMBER not in content
    table = list(csv.reader(content.splitlines()))
    assert table[0] == ["time (local)", "sensor", "plot", "channel", "unit", "value"]
    local = START.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert table[1] == [local, "S-01", "GH-07 7号日光温室", "soil moisture", "%", "20"]
    assert table[2] == [local, "S-01", "GH-07 7号日光温室", "soil temperature", "°C", "14.25"]
    assert [row[5] for row in table[3:]] == ["21", "22"]


def test_chinese_headers_and_refusals(coop: Database, tmp_path: Path) -> None:
    sensor = soil_sensor(coop, None)
    i18n.set_language("zh")
    try:
        export_readings(coop, SYSTEM, tmp_path / "empty.csv", sensor_ids=[sensor], start=START,
                        end=START + dt.timedelta(days=1))
    finally:
        i18n.set_language("en")
    header = (tmp_path / "empty.csv").read_text(encoding="utf-8-sig").splitlines()
    assert header == ["时间（本地）,传感器,地块,通道,单位,数值"]
    with pytest.raises(ValidationError) as backwards:
        export_readings(coop, SYSTEM, tmp_path / "no.csv", sensor_ids=[sensor], start=START,
                        end=START - dt.timedelta(days=1))
    assert backwards.value.code == "sensor.range"
    assert not (tmp_path / "no.csv").exists()


def test_a_cancelled_export_leaves_no_file(coop: Database, tmp_path: Path) -> None:
    sensor = soil_sensor(coop, None)
    store_readings(coop, SYSTEM, channel_ids(coop, sensor)["soil_moisture"],
                   [(START + dt.timedelta(minutes=i), 1.0) for i in range(BATCH + 10)])
    seen: list[tuple[int, int]] = []

    def cancel(done: int, total: int) -> bool:
        seen.append((done, total))
        return False

    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(ValidationError) as cancelled:
        export_readings(coop, SYSTEM, folder / "cut.csv", sensor_ids=[sensor], start=START,
                        end=START + dt.timedelta(days=30), progress=cancel)
    assert cancelled.value.code == "sensor.export_cancelled"
    assert seen == [(BATCH, BATCH + 10)]
    assert list(folder.iterdir()) == []
