"""GS1 EPCIS 2.0 JSON-LD: the cooperative's lots as events (standards.md §4).

- a first-generation lot (from harvests, member deliveries or animals): ObjectEvent ADD,
  ``commissioning``, its quantity as a lot class with harvest dates, best before and variety in
  ``ilmd``;
- a split, merge or processing step: TransformationEvent, inputs to outputs, with the declared
  loss as ``coop:lossQuantity`` so that inputs = outputs + loss can be checked;
- the labels of a lot printed on one day: ObjectEvent ADD, ``packing``, each crate's label as a
  serialised item (``…/21/{serial}``) and the packed net weight as a lot quantity. A labelled
  crate is an item of its lot, not a container of it, so this is no AggregationEvent;
- a shipment line: ObjectEvent OBSERVE, ``shipping``, to the customer, with the shipment code
  as the despatch advice;
- the cold-chain log of a shipment: ObjectEvent OBSERVE, ``sensor_reporting``.

Identifiers are GS1 Digital Link URIs on ``id.gs1.org`` when the product has a GTIN
(``https://id.gs1.org/01/{GTIN-14}/10/{lot}``), else addresses under the cooperative's
traceability address (``{base}/l/{lot}``, as its labels' QR codes), else URNs. Places are GLNs
(``https://id.gs1.org/414/{GLN}``, a plot as the GLN extension ``/254/{plot}``) when the
cooperative has a GS1 company prefix, else addresses under its own. Times are local
(``+08:00``); a day without a time is taken at noon. No member household appears.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from coop_desktop.domain.gs1 import check_digit
from coop_desktop.services.exports import CHINA, ExportData, LotRow

EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
OFFSET = "+08:00"
UOM = {"kg": "KGM", "g": "GRM", "t": "TNE", "head": "H87", "头": "H87", "只": "H87",
       "piece": "H87", "box": "H87"}
_NOON = dt.time(12, 0)


def _number(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def _time(value: dt.date | dt.datetime) -> str:
    moment = (value.astimezone(CHINA) if isinstance(value, dt.datetime)
              else dt.datetime.combine(value, _NOON, CHINA))
    return moment.isoformat(timespec="seconds")


class Identifiers:
    """The URIs of the cooperative's lots, labels, places and partners."""

    def __init__(self, data: ExportData) -> None:
        coop = data.cooperative
        self.base = coop.base_url
        key = quote(coop.registration_code or "coop", safe="")
        self.urn = f"urn:coop-desktop:{key}"
        self.gln = ""
        prefix = coop.gs1_company_prefix
        if prefix.isdigit() and 6 <= len(prefix) <= 12:
            body = prefix.ljust(12, "0")
            self.gln = body + str(check_digit(body))
        #: The JSON-LD namespace of the cooperative's own fields (``coop:…``).
        self.namespace = f"{self.base}/epcis/" if self.base else f"{self.urn}:epcis:"
        self._site = f"https://id.gs1.org/414/{self.gln}" if self.gln else self._own("site")
        self._party = f"https://id.gs1.org/417/{self.gln}" if self.gln else self._own("party")
        self._classes: dict[str, str] = {}  # a month's labels name few lots many times

    def _own(self, *parts: str) -> str:
        path = "/".join(quote(part, safe="") for part in parts)
        if self.base:
            return f"{self.base}/{path}"
        return f"{self.urn}:{path.replace('/', ':')}"

    def lot_class(self, lot: LotRow) -> str:
        known = self._classes.get(lot.code)
        if known is None:
            known = (f"https://id.gs1.org/01/{lot.gtin.zfill(14)}/10/{quote(lot.code, safe='')}"
                     if lot.gtin else self._own("l", lot.code))
            self._classes[lot.code] = known
        return known

    def item(self, lot: LotRow, serial: int) -> str:
        if lot.gtin:
            return f"{self.lot_class(lot)}/21/{serial}"
        return f"{self.lot_class(lot)}{'/' if self.base else ':'}{serial}"

    def site(self) -> str:
        return self._site

    def plot(self, code: str) -> str:
        if not code:
            return self.site()
        if self.gln:
            return f"{self.site()}/254/{quote(code, safe='')}"
        return self._own("site", code)

    def party(self) -> str:
        return self._party

    def customer(self, code: str) -> str:
        return self._own("customer", code)

    def shipment(self, code: str) -> str:
        return self._own("shipment", code)

    def event_id(self, *key: object) -> str:
        name = "|".join(str(part) for part in (self.urn, *key))
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def _quantity(ids: Identifiers, lot: LotRow, amount: Decimal) -> dict[str, Any]:
    element: dict[str, Any] = {"epcClass": ids.lot_class(lot), "quantity": _number(amount)}
    uom = UOM.get(lot.unit.strip().lower())
    if uom:
        element["uom"] = uom
    return element


def _ilmd(lot: LotRow, harvest_days: list[dt.date]) -> dict[str, Any]:
    ilmd: dict[str, Any] = {"cbvmda:countryOfOrigin": "CN"}
    if harvest_days:
        ilmd["cbvmda:harvestStartDate"] = min(harvest_days).isoformat()
        ilmd["cbvmda:harvestEndDate"] = max(harvest_days).isoformat()
    if lot.best_before:
        ilmd["cbvmda:bestBeforeDate"] = lot.best_before.isoformat()
    if lot.variety:
        ilmd["coop:variety"] = lot.variety
    if lot.grade:
        ilmd["coop:grade"] = lot.grade
    return ilmd


def epcis_events(data: ExportData) -> list[dict[str, Any]]:
    """The events of ``data`` in time order."""
    ids = Identifiers(data)
    lots = data.lots
    events: list[tuple[str, int, dict[str, Any]]] = []

    def add(order: int, event: dict[str, Any]) -> None:
        events.append((event["eventTime"], order, event))

    for item in data.commissionings:
        lot = lots[item.lot_id]
        plots = [source.plot_code for source in item.sources if source.plot_code]
        add(0, {
            "type": "ObjectEvent",
            "eventID": ids.event_id("commissioning", lot.code),
            "eventTime": _time(item.day), "eventTimeZoneOffset": OFFSET,
            "action": "ADD", "bizStep": "commissioning", "disposition": "active",
            "epcList": [],
            "quantityList": [_quantity(ids, lot, lot.quantity)],
            "readPoint": {"id": ids.plot(plots[0] if plots else "")},
            "bizLocation": {"id": ids.site()},
            "ilmd": _ilmd(lot, [source.day for source in item.sources
                                if source.kind != "animal"]),
        })
    for step in data.transformations:
        outputs = [lots[lot_id] for lot_id, _ in step.outputs]
        event: dict[str, Any] = {
            "type": "TransformationEvent",
            "eventID": ids.event_id("transformation", step.id),
            "eventTime": _time(step.day), "eventTimeZoneOffset": OFFSET,
            "transformationID": ids.event_id("transformation-id", step.id),
            "inputQuantityList": [_quantity(ids, lots[lot_id], amount)
                                  for lot_id, amount in step.inputs],
            "outputQuantityList": [_quantity(ids, lots[lot_id], amount)
                                   for lot_id, amount in step.outputs],
            "bizStep": "commissioning" if step.kind == "process" else "repackaging",
            "disposition": "active",
            "bizLocation": {"id": ids.site()},
            "coop:transformationKind": step.kind,
            "coop:lossQuantity": _number(step.loss),
        }
        best_before = {lot.best_before for lot in outputs}
        common = best_before.pop() if len(best_before) == 1 else None
        if common is not None:
            event["ilmd"] = {"cbvmda:bestBeforeDate": common.isoformat()}
        add(1, event)
    for packing in data.packings:
        lot = lots[packing.lot_id]
        event = {
            "type": "ObjectEvent",
            "eventID": ids.event_id("packing", lot.code, packing.day),
            "eventTime": _time(packing.last_printed_at), "eventTimeZoneOffset": OFFSET,
            "action": "ADD", "bizStep": "packing", "disposition": "active",
            "epcList": [ids.item(lot, serial) for serial in packing.serials],
            "readPoint": {"id": ids.site()}, "bizLocation": {"id": ids.site()},
        }
        if packing.net_total > 0:
            event["quantityList"] = [_quantity(ids, lot, packing.net_total)]
        add(2, event)
    for line in data.shipments:
        lot = lots[line.lot_id]
        event = {
            "type": "ObjectEvent",
            "eventID": ids.event_id("shipping", line.line_id),
            "eventTime": _time(line.shipped_on), "eventTimeZoneOffset": OFFSET,
            "action": "OBSERVE", "bizStep": "shipping", "disposition": "in_transit",
            "epcList": [ids.item(lot, line.serial)] if line.serial is not None else [],
            "quantityList": [_quantity(ids, lot, line.quantity)],
            "readPoint": {"id": ids.site()},
            "bizTransactionList": [{"type": "desadv",
                                    "bizTransaction": ids.shipment(line.shipment_code)}],
            "sourceList": [{"type": "owning_party", "source": ids.party()},
                           {"type": "location", "source": ids.site()}],
            "destinationList": [{"type": "owning_party",
                                 "destination": ids.customer(line.customer_code)}],
        }
        add(3, event)
    for log in data.temperatures:
        reports = [{"type": "Temperature", "value": round(celsius, 2), "uom": "CEL",
                    "time": _time(at)} for at, celsius in log.readings]
        add(4, {
            "type": "ObjectEvent",
            "eventID": ids.event_id("sensor_reporting", log.shipment_code),
            "eventTime": _time(log.readings[-1][0]), "eventTimeZoneOffset": OFFSET,
            "action": "OBSERVE", "bizStep": "sensor_reporting", "disposition": "in_transit",
            "epcList": [],
            "quantityList": [{"epcClass": ids.lot_class(lots[lot_id])}
                             for lot_id in log.lot_ids],
            "bizTransactionList": [{"type": "desadv",
                                    "bizTransaction": ids.shipment(log.shipment_code)}],
            "sensorElementList": [{
                "sensorMetadata": {"startTime": _time(log.readings[0][0]),
                                   "endTime": _time(log.readings[-1][0])},
                "sensorReport": reports}],
        })
    events.sort(key=lambda item: (item[0], item[1]))
    return [event for _, _, event in events]


def epcis_document(data: ExportData, created: dt.datetime | None = None) -> dict[str, Any]:
    """The EPCISDocument of ``data``."""
    ids = Identifiers(data)
    moment = (created or dt.datetime.now(dt.UTC)).astimezone(CHINA)
    return {
        "@context": [EPCIS_CONTEXT, {"coop": ids.namespace}],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": moment.isoformat(timespec="seconds"),
        "epcisBody": {"eventList": epcis_events(data)},
    }


def write_epcis(data: ExportData, path: Path, created: dt.datetime | None = None) -> int:
    """Write the document as UTF-8 JSON-LD; returns the number of events. Written to a
    temporary name first, so a failed write leaves no half file."""
    document = epcis_document(data, created)
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                           encoding="utf-8")
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return len(document["epcisBody"]["eventList"])
