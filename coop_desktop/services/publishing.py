"""What the public traceability pages say about each lot: the facts a buyer or a consumer may
see, gathered from the records, and nothing personal.

A lot's public facts are its product, grade, origin villages and county, harvest, pack and
best-before dates, the certificates that cover it, its quality result and the cooperative's own
contact. Member households, their names, ID numbers, phones, poverty status and payout accounts
never appear; a test reads every written page for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from coop_desktop.domain.models import Cooperative, Lot, LotStatus, QualityResult, Scheme
from coop_desktop.services.label_content import lot_label_facts, qr_address
from coop_desktop.services.permissions import Actor
from coop_desktop.services.trace import trace_in
from coop_desktop.services.work import reading, the_cooperative
from coop_desktop.storage.database import Database


@dataclass(frozen=True)
class PublicCertificate:
    scheme: Scheme
    number: str
    certifier: str
    valid_from: dt.date
    valid_until: dt.date


@dataclass(frozen=True)
class PublicQuality:
    kind: str
    tested_on: dt.date
    passed: bool
    laboratory: str


@dataclass(frozen=True)
class PublicLot:
    code: str
    gtin: str
    product: str
    product_en: str
    variety: str
    grade: str
    villages: tuple[str, ...]
    county: str
    harvest_date: dt.date | None
    pack_date: dt.date | None
    best_before: dt.date | None
    recalled: bool
    certificates: tuple[PublicCertificate, ...] = ()
    quality: tuple[PublicQuality, ...] = ()
    address: str = ""  # where its QR codes point (without a serial)


@dataclass(frozen=True)
class PublicSite:
    base_url: str
    cooperative: str
    cooperative_en: str
    phone: str
    address: str
    province: str
    county: str
    generated_at: dt.datetime
    lots: list[PublicLot] = field(default_factory=list)


#: Lots worth a page: everything that may carry a label (drafts and consumed lots do too: a
#: consumer may hold a crate of a lot that was later merged).
def gather_site(db: Database, actor: Actor) -> PublicSite:
    with reading(db, actor) as session:
        cooperative: Cooperative = the_cooperative(session)
        site = PublicSite(base_url=cooperative.trace_base_url, cooperative=cooperative.name,
                          cooperative_en=cooperative.name_en or "", phone=cooperative.phone,
                          address=cooperative.address, province=cooperative.province,
                          county=cooperative.county, generated_at=dt.datetime.now(dt.UTC))
        for lot in session.execute(select(Lot).order_by(Lot.code)).scalars():
            traced = trace_in(session, lot.code)  # once: the label facts read it too
            facts = lot_label_facts(session, lot, traced)
            day = lot.pack_date or lot.harvest_date
            certificates = tuple(
                PublicCertificate(Scheme(cert["scheme"]), cert["number"], cert["certifier"],
                                  cert["valid_from"], cert["valid_until"])
                for cert in traced.certifications
                if cert["covers_product"] and cert["covers_all_plots"] and day is not None
                and cert["valid_from"] <= day <= cert["valid_until"])
            own_lots = {node.code for node in traced.lots
                        if node.direction in ("origin", "backward")}
            quality = tuple(
                PublicQuality(str(record["kind"]), record["tested_on"],
                              record["result"] == QualityResult.PASS,
                              str(record["laboratory"] or ""))
                for record in traced.quality
                if record["lot"] in own_lots or record["batch"] is not None)
            site.lots.append(PublicLot(
                code=lot.code, gtin=facts.gtin, product=facts.product,
                product_en=facts.product_en, variety=facts.variety, grade=facts.grade,
                villages=facts.villages, county=facts.county, harvest_date=lot.harvest_date,
                pack_date=lot.pack_date, best_before=lot.best_before,
                recalled=lot.status == LotStatus.RECALLED, certificates=certificates,
                quality=quality, address=qr_address(facts.base_url, lot.code, None, facts.gtin)))
    return site
