"""Today's work and warnings, for the home page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, func, select

from coop_desktop.domain.models import (
    Animal,
    AnimalEvent,
    AnimalStatus,
    BatchStatus,
    Certification,
    FieldActivity,
    Lot,
    LotStatus,
    PlantingBatch,
    QualityRecord,
    Sensor,
    SensorChannel,
    SensorReading,
)
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.services.permissions import Actor
from coop_desktop.services.work import reading
from coop_desktop.storage.database import Database

CERTIFICATE_WARNING_DAYS = 60


@dataclass(frozen=True)
class Alert:
    kind: str  # "quality", "phi", "withdrawal", "certificate", "sensor"
    code: str  # the record to open
    text: str  # what is the matter, in the user's language


@dataclass
class TodaysWork:
    today: dt.date
    alerts: list[Alert] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Alert]:
        return [alert for alert in self.alerts if alert.kind == kind]


def todays_work(db: Database, actor: Actor, today: dt.date | None = None) -> TodaysWork:
    day = today or dt.date.today()
    work = TodaysWork(today=day)
    with reading(db, actor) as session:
        tested = select(QualityRecord.lot_id).where(QualityRecord.lot_id.is_not(None))
        for code, quantity, unit in session.execute(
                select(Lot.code, Lot.quantity, Lot.unit)
                .where(Lot.status == LotStatus.OPEN, Lot.id.not_in(tested))
                .order_by(Lot.code).limit(200)):
            work.alerts.append(Alert("quality", code, f"{code}: {quantity} {unit}"))
        phi_end = FieldActivity.performed_on  # compared in Python: date arithmetic differs
        for code, name, applied_on, days in session.execute(
                select(PlantingBatch.code, FieldActivity.input_name, phi_end,
                       FieldActivity.phi_days)
                .join(FieldActivity, FieldActivity.batch_id == PlantingBatch.id)
                .where(PlantingBatch.status != BatchStatus.FINISHED,
                       FieldActivity.phi_days.is_not(None),
                       FieldActivity.performed_on > day - dt.timedelta(days=366))):
            ends = applied_on + dt.timedelta(days=days or 0)
            if applied_on <= day < ends:
                work.alerts.append(Alert("phi", code, f"{code}: {name} → {ends}"))
        for tag, drug, given_on, days in session.execute(
                select(Animal.ear_tag, AnimalEvent.product_name, AnimalEvent.occurred_on,
                       AnimalEvent.withdrawal_days)
                .join(AnimalEvent, AnimalEvent.animal_id == Animal.id)
                .where(Animal.status == AnimalStatus.ALIVE,
                       AnimalEvent.withdrawal_days.is_not(None),
                       AnimalEvent.occurred_on > day - dt.timedelta(days=501))):
            ends = given_on + dt.timedelta(days=days or 0)
            if given_on <= day < ends:
                work.alerts.append(Alert("withdrawal", tag, f"{tag}: {drug} → {ends}"))
        for number, scheme, until in session.execute(
                select(Certification.number, Certification.scheme, Certification.valid_until)
                .where(Certification.valid_until >= day,
                       Certification.valid_until <= day + dt.timedelta(
                           days=CERTIFICATE_WARNING_DAYS))
                .order_by(Certification.valid_until)):
            work.alerts.append(Alert("certificate", number,
                                         f"{number} ({name_of(scheme)}): {until}"))
        latest = (select(SensorReading.channel_id, func.max(SensorReading.recorded_at)
                         .label("at")).group_by(SensorReading.channel_id).subquery())
        for code, kind, unit, value, low, high in session.execute(
                select(Sensor.code, SensorChannel.kind, SensorChannel.unit, SensorReading.value,
                       SensorChannel.low_threshold, SensorChannel.high_threshold)
                .join(SensorChannel, SensorChannel.sensor_id == Sensor.id)
                .join(latest, latest.c.channel_id == SensorChannel.id)
                .join(SensorReading, and_(SensorReading.channel_id == SensorChannel.id,
                                          SensorReading.recorded_at == latest.c.at))):
            if (low is not None and value < low) or (high is not None and value > high):
                work.alerts.append(Alert("sensor", code,
                                             f"{code}: {name_of(kind)} {value:g} {unit}"))
    return work
