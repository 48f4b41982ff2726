"""Today's work: the warnings the home page shows, from real records."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from coop_desktop.domain.models import SensorChannel
from coop_desktop.services.certifications import record_certification
from coop_desktop.services.home import todays_work
from coop_desktop.services.livestock import record_animal_event, register_animal
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.production import record_activity
from coop_desktop.services.sensors import ChannelInput, register_sensor, store_readings
from coop_desktop.storage.database import Database
from tests.services.builders import (
    TODAY,
    grow,
    harvest_of,
    lot_from,
    make_member,
    make_product,
    passing_test,
)


def test_warnings_of_every_kind(coop: Database) -> None:
    melon = make_product(coop)
    crop = grow(coop, melon)
    lot_from(coop, "HM-UNTESTED", harvest_of(coop, crop.batch_id, "50"), "50", melon)
    tested = lot_from(coop, "HM-TESTED", harvest_of(coop, crop.batch_id, "50"), "50", melon)
    passing_test(coop, tested, "Q-1")
    record_activity(coop, SYSTEM, batch_id=crop.batch_id, kind="plant_protection",
                    performed_on=TODAY - dt.timedelta(days=2), input_name="吡虫啉", phi_days=7)
    owner = make_member(coop, "M900")
    sheep = register_animal(coop, SYSTEM, ear_tag="620001", species="sheep",
                            owner_member_id=owner)
    record_animal_event(coop, SYSTEM, animal_id=sheep, kind="treatment",
                        occurred_on=TODAY - dt.timedelta(days=1), product_name="青霉素",
                        withdrawal_days=28)
    record_certification(coop, SYSTEM, scheme="green_food", number="LB-SOON",
                         certifier="中绿华夏", valid_from=TODAY - dt.timedelta(days=1000),
                         valid_until=TODAY + dt.timedelta(days=20), product_ids=[melon])
    record_certification(coop, SYSTEM, scheme="organic", number="ORG-LATER",
                         certifier="CQC", valid_from=TODAY - dt.timedelta(days=10),
                         valid_until=TODAY + dt.timedelta(days=300), product_ids=[melon])
    sensor = register_sensor(coop, SYSTEM, code="SOIL-9", name="", profile="renke-soil",
                             channels=[ChannelInput("soil_moisture", "%", 20.0, 80.0)])
    with coop.read() as session:
        channel = session.execute(select(SensorChannel.id).where(
            SensorChannel.sensor_id == sensor)).scalar_one()
    now = dt.datetime.now(dt.UTC)
    store_readings(coop, SYSTEM, channel, [(now - dt.timedelta(hours=1), 35.0),
                                           (now, 12.5)])

    work = todays_work(coop, SYSTEM, TODAY)
    assert [alert.code for alert in work.of_kind("quality")] == ["HM-UNTESTED"]
    phi = work.of_kind("phi")
    assert [alert.code for alert in phi] == ["B001"]
    assert str(TODAY + dt.timedelta(days=5)) in phi[0].text
    assert [alert.code for alert in work.of_kind("withdrawal")] == ["620001"]
    assert [alert.code for alert in work.of_kind("certificate")] == ["LB-SOON"]
    sensor_alerts = work.of_kind("sensor")
    assert [alert.code for alert in sensor_alerts] == ["SOIL-9"] and "12.5" in sensor_alerts[0].text


def test_a_quiet_day(coop: Database) -> None:
    assert todays_work(coop, SYSTEM).alerts == []
