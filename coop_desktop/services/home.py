"""Today's work and warnings, for the home page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from coop_desktop.domain import i18n
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
    Scheme,
)
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.services.permissions import Actor
from coop_desktop.services.sensors import sensor_alerts
from coop_desktop.services.work import reading
from coop_desktop.storage.database import Database

CERTIFICATE_WARNING_DAYS = 60
#: The alert sharpens as expiry nears: it names the smallest of these a certificate is within.
CERTIFICATE_THRESHOLDS = (7, 30, CERTIFICATE_WARNING_DAYS)


def certificate_alert_text(number: str, scheme: Scheme, until: dt.date, day: dt.date) -> str:
    """The certificate alert, naming the threshold (60, 30 or 7 days) crossed."""
    left = (until - day).days
    threshold = next(days for days in CERTIFICATE_THRESHOLDS if left <= days)
    if i18n.language() == "zh":
        return f"{number}（{name_of(scheme)}）{until} 到期，剩余 {left} 天（不足 {threshold} 天）"
    return f"{number} ({name_of(scheme)}) expires on {until}: {left} days left, within " \
           f"{threshold} days"


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
                                     certificate_alert_text(number, scheme, until, day)))
        for code, text in sensor_alerts(session):
            work.alerts.append(Alert("sensor", code, f"{code}: {text}"))
    return work
