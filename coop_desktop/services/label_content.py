"""What a lot's labels say: the values a label template binds, gathered once per lot.

The facts come from the lot's trace (the same walk the Trace page shows): product, origin
villages, the quality record, certificates, inputs and their pre-harvest intervals. Origin is
villages and the county, never a household: no name, ID number, phone or poverty status goes on
a label. Certification marks appear only when the certificate is valid on the pack date and
covers the product and every origin plot.

QR content (DESIGN.md, "Identifiers on labels"): with a GTIN, a GS1 Digital Link address
``{base}/01/{GTIN-14}/10/{lot}/21/{serial}``; without one, ``{base}/l/{lot}/{serial}``. Pack
date, weight and origin are left out of the query string: the resolver reads them from the
database, and the QR stays at version 3–4 with error correction M (labels-and-printing.md §6.2).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import Cooperative, Lot, QualityKind, QualityResult, Scheme
from coop_desktop.services.lots import quality_passed
from coop_desktop.services.trace import TraceResult, trace_in

SCHEME_MARKS = {Scheme.ORGANIC: "有机产品", Scheme.GREEN_FOOD: "绿色食品",
                Scheme.GEOGRAPHICAL_INDICATION: "地理标志产品", Scheme.GAP: "GAP"}
BASIS = {"control": "质量安全控制", "self_test": "自行检测", "commissioned": "委托检测"}


@dataclass(frozen=True)
class OpenInterval:
    """An input whose pre-harvest interval (or a treatment whose withdrawal period) had not
    ended when the lot's produce was harvested (or the animal slaughtered)."""

    what: str
    applied_on: dt.date
    ends_on: dt.date
    harvested_on: dt.date


@dataclass(frozen=True)
class LotLabelFacts:
    lot_id: int
    lot: str
    unit: str
    quantity: Decimal
    product: str
    product_en: str
    variety: str
    grade: str
    gtin: str
    pack_date: dt.date | None
    best_before: dt.date | None
    harvest_date: dt.date | None
    villages: tuple[str, ...]
    county: str
    coop_name: str
    coop_phone: str
    base_url: str
    commitment: str
    marks: tuple[str, ...]
    basis: str
    quality_passed: bool
    quality_record: str
    open_intervals: tuple[OpenInterval, ...] = field(default=())

    @property
    def origin(self) -> str:
        places = [self.county] if self.county else []
        places += list(self.villages[:2])
        if len(self.villages) > 2:
            places[-1] += "等"
        return " ".join(places)


def qr_address(base_url: str, lot: str, serial: int | None, gtin: str = "") -> str:
    if not base_url:
        return ""
    base = base_url.rstrip("/")
    if gtin:
        address = f"{base}/01/{gtin.zfill(14)}/10/{lot}"
        return f"{address}/21/{serial}" if serial is not None else address
    return f"{base}/l/{lot}/{serial}" if serial is not None else f"{base}/l/{lot}"


def _basis(records: list[dict[str, object]]) -> str:
    passed = [record for record in records if record["result"] == QualityResult.PASS]
    if not passed:
        return BASIS["control"]
    latest = max(passed, key=lambda record: str(record["tested_on"]))
    if latest["kind"] == QualityKind.LAB_REPORT or latest.get("laboratory"):
        return f"{BASIS['commissioned']}（合格）"
    return f"{BASIS['self_test']}（合格）"


def lot_label_facts(session: Session, lot: Lot,
                    traced: TraceResult | None = None) -> LotLabelFacts:
    """Everything a label of ``lot`` shows except the serial and the weight (``traced``: the
    lot's trace when the caller has it already)."""
    cooperative = session.get(Cooperative, lot.cooperative_id)
    if cooperative is None:  # pragma: no cover - a lot always belongs to a cooperative
        raise ValidationError("not_found", field="cooperative", entity="cooperative",
                              value=lot.cooperative_id)
    result = traced if traced is not None else trace_in(session, lot.code)
    product = lot.product
    villages = sorted({plot["village"] for plot in result.plots if plot["village"]}
                      | {member["village"] for member in result.members
                         if member["village"] and not result.plots})
    day = lot.pack_date or lot.harvest_date or dt.date.today()
    marks = tuple(
        f"{SCHEME_MARKS.get(Scheme(cert['scheme']), str(cert['scheme']))} {cert['number']}"
        for cert in result.certifications
        if cert["covers_product"] and cert["covers_all_plots"]
        and cert["valid_from"] <= day <= cert["valid_until"])
    open_intervals: list[OpenInterval] = []
    harvest_days: dict[str | None, list[dt.date]] = {}
    for harvest in result.harvests:
        harvest_days.setdefault(harvest.get("batch"), []).append(harvest["harvested_on"])
    for delivery in result.deliveries:
        batch_codes = {batch["id"]: batch["code"] for batch in result.batches}
        harvest_days.setdefault(batch_codes.get(delivery.get("batch_id")), []).append(
            delivery["delivered_on"])
    for item in result.inputs:
        ends = item["phi_ends"]
        if ends is None:
            continue
        for harvested in harvest_days.get(item["batch"], []):
            if item["performed_on"] <= harvested < ends:
                open_intervals.append(OpenInterval(str(item["input"] or item["kind"]),
                                                   item["performed_on"], ends, harvested))
    passed, record = quality_passed(session, lot)
    return LotLabelFacts(
        lot_id=lot.id, lot=lot.code, unit=lot.unit, quantity=lot.quantity,
        product=product.name_zh,
        product_en=product.name_en, variety=product.variety, grade=lot.grade,
        gtin=product.gtin or "", pack_date=lot.pack_date, best_before=lot.best_before,
        harvest_date=lot.harvest_date, villages=tuple(villages), county=cooperative.county,
        coop_name=cooperative.name, coop_phone=cooperative.phone,
        base_url=cooperative.trace_base_url, commitment=cooperative.commitment_text,
        marks=marks, basis=_basis(result.quality), quality_passed=passed,
        quality_record=record.code if record is not None else "",
        open_intervals=tuple(open_intervals))


def _weight_text(weight: Decimal | None, unit: str) -> str:
    if weight is None:
        return ""
    return f"{weight.quantize(Decimal('0.01'))} {unit}"


def label_values(facts: LotLabelFacts, serial: int | None, net_weight: Decimal | None,
                 issued_at: dt.datetime | None = None
                 ) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """The field values of one label and its GS1 AIs (empty without a GTIN)."""
    issued = issued_at or dt.datetime.now()
    values = {
        "product": facts.product, "product_en": facts.product_en, "variety": facts.variety,
        "grade": facts.grade, "lot": facts.lot, "net_weight": _weight_text(net_weight, facts.unit),
        "quantity": _weight_text(net_weight if net_weight is not None else facts.quantity,
                                 facts.unit),
        "pack_date": (facts.pack_date or issued.date()).isoformat(),
        "harvest_date": facts.harvest_date.isoformat() if facts.harvest_date else "",
        "best_before": facts.best_before.isoformat() if facts.best_before else "",
        "origin": facts.origin, "village": "、".join(facts.villages), "county": facts.county,
        "coop_name": facts.coop_name, "coop_phone": facts.coop_phone,
        "marks": "  ".join(facts.marks), "serial": "" if serial is None else str(serial),
        "qr": qr_address(facts.base_url, facts.lot, serial, facts.gtin), "gtin": facts.gtin,
        "producer": facts.coop_name, "basis": facts.basis,
        "issued_at": issued.strftime("%Y-%m-%d %H:%M"), "commitment": facts.commitment,
        "certificate_title": "承诺达标合格证",
    }
    gs1: list[tuple[str, str]] = []
    if facts.gtin:
        gs1.append(("01", facts.gtin.zfill(14)))
        if net_weight is not None and facts.unit == "kg" and net_weight < 1000:
            gs1.append(("3103", f"{int(net_weight * 1000):06d}"))
        gs1.append(("13", (facts.pack_date or issued.date()).strftime("%y%m%d")))
        gs1.append(("10", facts.lot))
        values["gs1_hri"] = "".join(f"({ai}){value}" for ai, value in gs1)
    return values, tuple(gs1)
