"""What each record list shows: its columns, its filters and the date its range applies to.

Header texts are marked for translation here and translated when shown (context "Columns").
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication

from coop_desktop.domain.models import (
    AnimalStatus,
    BatchStatus,
    LandType,
    LotStatus,
    PackageStatus,
    QualityKind,
    QualityResult,
    Scheme,
    Sex,
    Species,
)
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.gui.i18n import QT_TRANSLATE_NOOP
from coop_desktop.gui.models.record_table import Column


def enum_text(enum_class: type[enum.Enum]) -> Callable[[Any], str]:
    def show(value: Any) -> str:
        if value is None or value == "":
            return ""
        try:
            return name_of(enum_class(value))
        except ValueError:
            return str(value)
    return show


def yes_no(value: Any) -> str:
    return QCoreApplication.translate("Columns", "yes") if value else ""


def moment(value: Any) -> str:
    """An ISO timestamp from a row, shown to the minute in local time."""
    if not value:
        return ""
    return dt.datetime.fromisoformat(str(value)).astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class FilterSpec:
    field: str
    label: str
    choices: type[enum.Enum] | None = None  # a closed list; None: the values in the database
    reference: str | None = None  # a listing kind whose records are the choices (products)
    display: Callable[[Any], str] | None = None  # how a value from the database reads


#: What the audit trail calls each kind of record (its table), as people say it.
RECORD_NAMES = {
    "cooperatives": QT_TRANSLATE_NOOP("Records", "Cooperative"),
    "members": QT_TRANSLATE_NOOP("Records", "Member"),
    "plots": QT_TRANSLATE_NOOP("Records", "Plot"),
    "products": QT_TRANSLATE_NOOP("Records", "Product"),
    "planting_batches": QT_TRANSLATE_NOOP("Records", "Planting batch"),
    "field_activities": QT_TRANSLATE_NOOP("Records", "Field activity"),
    "harvests": QT_TRANSLATE_NOOP("Records", "Harvest"),
    "member_deliveries": QT_TRANSLATE_NOOP("Records", "Delivery"),
    "animals": QT_TRANSLATE_NOOP("Records", "Animal"),
    "animal_events": QT_TRANSLATE_NOOP("Records", "Animal event"),
    "lots": QT_TRANSLATE_NOOP("Records", "Lot"),
    "packages": QT_TRANSLATE_NOOP("Records", "Labels"),
    "quality_records": QT_TRANSLATE_NOOP("Records", "Quality record"),
    "certifications": QT_TRANSLATE_NOOP("Records", "Certificate"),
    "customers": QT_TRANSLATE_NOOP("Records", "Customer"),
    "shipments": QT_TRANSLATE_NOOP("Records", "Shipment"),
    "shipment_temperatures": QT_TRANSLATE_NOOP("Records", "Cold-chain temperatures"),
    "sensors": QT_TRANSLATE_NOOP("Records", "Sensor"),
    "sensor_channels": QT_TRANSLATE_NOOP("Records", "Sensor readings"),
    "users": QT_TRANSLATE_NOOP("Records", "User"),
}


def record_name(table: Any) -> str:
    name = RECORD_NAMES.get(str(table))
    return QCoreApplication.translate("Records", name) if name else str(table or "")


@dataclass(frozen=True)
class ListSpec:
    kind: str
    title: str
    columns: tuple[Column, ...]
    filters: tuple[FilterSpec, ...] = ()
    date_label: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


C = Column

LIST_SPECS: dict[str, ListSpec] = {spec.kind: spec for spec in (
    ListSpec("members", QT_TRANSLATE_NOOP("Pages", "Members"), (
        C("code", QT_TRANSLATE_NOOP("Columns", "Code")), C("name", QT_TRANSLATE_NOOP("Columns", "Head of household")),
        C("township", QT_TRANSLATE_NOOP("Columns", "Township")), C("village", QT_TRANSLATE_NOOP("Columns", "Village")),
        C("household_size", QT_TRANSLATE_NOOP("Columns", "Household size"), numeric=True),
        C("phone", QT_TRANSLATE_NOOP("Columns", "Phone")), C("joined_on", QT_TRANSLATE_NOOP("Columns", "Joined")),
        C("left_on", QT_TRANSLATE_NOOP("Columns", "Left")),
    ), (FilterSpec("township", QT_TRANSLATE_NOOP("Filters", "Township")),
        FilterSpec("village", QT_TRANSLATE_NOOP("Filters", "Village"))), QT_TRANSLATE_NOOP("Filters", "Joined")),
    ListSpec("plots", QT_TRANSLATE_NOOP("Pages", "Plots"), (
        C("code", QT_TRANSLATE_NOOP("Columns", "Code")), C("name", QT_TRANSLATE_NOOP("Columns", "Name")),
        C("member", QT_TRANSLATE_NOOP("Columns", "Member"), sortable=False),
        C("village", QT_TRANSLATE_NOOP("Columns", "Village")),
        C("area_mu", QT_TRANSLATE_NOOP("Columns", "Area (mu)"), numeric=True),
        C("land_type", QT_TRANSLATE_NOOP("Columns", "Land type"), enum_text(LandType)),
        C("in_gi_area", QT_TRANSLATE_NOOP("Columns", "In GI area"), yes_no),
    ), (FilterSpec("village", QT_TRANSLATE_NOOP("Filters", "Village")),
        FilterSpec("land_type", QT_TRANSLATE_NOOP("Filters", "Land type"), LandType))),
    ListSpec("batches", QT_TRANSLATE_NOOP("Pages", "Planting"), (
        C("code", QT_TRANSLATE_NOOP("Columns", "Code")), C("product", QT_TRANSLATE_NOOP("Columns", "Product"), sortable=False),
        C("plot", QT_TRANSLATE_NOOP("Columns", "Plot"), sortable=False), C("season", QT_TRANSLATE_NOOP("Columns", "Season")),
        C("planted_on", QT_TRANSLATE_NOOP("Columns", "Planted")),
        C("area_mu", QT_TRANSLATE_NOOP("Columns", "Area (mu)"), numeric=True),
        C("seed_lot", QT_TRANSLATE_NOOP("Columns", "Seed lot")),
        C("status", QT_TRANSLATE_NOOP("Columns", "Status"), enum_text(BatchStatus)),
    ), (FilterSpec("status", QT_TRANSLATE_NOOP("Filters", "Status"), BatchStatus),
        FilterSpec("product_id", QT_TRANSLATE_NOOP("Filters", "Product"), reference="products")),
        QT_TRANSLATE_NOOP("Filters", "Planted")),
    ListSpec("animals", QT_TRANSLATE_NOOP("Pages", "Livestock"), (
        C("ear_tag", QT_TRANSLATE_NOOP("Columns", "Ear tag")), C("eid", QT_TRANSLATE_NOOP("Columns", "Electronic ID")),
        C("species", QT_TRANSLATE_NOOP("Columns", "Species"), enum_text(Species)),
        C("breed", QT_TRANSLATE_NOOP("Columns", "Breed")), C("sex", QT_TRANSLATE_NOOP("Columns", "Sex"), enum_text(Sex)),
        C("birth_date", QT_TRANSLATE_NOOP("Columns", "Born")),
        C("owner", QT_TRANSLATE_NOOP("Columns", "Owner"), sortable=False), C("herd", QT_TRANSLATE_NOOP("Columns", "Herd")),
        C("status", QT_TRANSLATE_NOOP("Columns", "Status"), enum_text(AnimalStatus)),
    ), (FilterSpec("species", QT_TRANSLATE_NOOP("Filters", "Species"), Species),
        FilterSpec("status", QT_TRANSLATE_NOOP("Filters", "Status"), AnimalStatus),
        FilterSpec("herd", QT_TRANSLATE_NOOP("Filters", "Herd"))), QT_TRANSLATE_NOOP("Filters", "Born")),
    ListSpec("deliveries", QT_TRANSLATE_NOOP("Pages", "Deliveries"), (
        C("code", QT_TRANSLATE_NOOP("Columns", "Code")), C("delivered_on", QT_TRANSLATE_NOOP("Columns", "Delivered")),
        C("member", QT_TRANSLATE_NOOP("Columns", "Member"), sortable=False),
        C("product", QT_TRANSLATE_NOOP("Columns", "Product"), sortable=False),
        C("batch", QT_TRANSLATE_NOOP("Columns", "Planting batch"), sortable=False),
        C("quantity", QT_TRANSLATE_NOOP("Columns", "Quantity"), numeric=True), C("unit", QT_TRANSLATE_NOOP("Columns", "Unit")),
        C("grade", QT_TRANSLATE_NOOP("Columns", "Grade")),
        C("unit_price", QT_TRANSLATE_NOOP("Columns", "Unit price"), numeric=True),
    ), (FilterSpec("product_id", QT_TRANSLATE_NOOP("Filters", "Product"), reference="products"),),
        QT_TRANSLATE_NOOP("Filters", "Delivered")),
    ListSpec("lots", QT_TRANSLATE_NOOP("Pages", "Lots"), (
        C("code", QT_TRANSLATE_NOOP("Columns", "Lot")), C("product", QT_TRANSLATE_NOOP("Columns", "Product"), sortable=False),
        C("quantity", QT_TRANSLATE_NOOP("Columns", "Quantity"), numeric=True), C("unit", QT_TRANSLATE_NOOP("Columns", "Unit")),
        C("grade", QT_TRANSLATE_NOOP("Columns", "Grade")), C("harvest_date", QT_TRANSLATE_NOOP("Columns", "Harvested")),
        C("pack_date", QT_TRANSLATE_NOOP("Columns", "Packed")), C("best_before", QT_TRANSLATE_NOOP("Columns", "Best before")),
        C("status", QT_TRANSLATE_NOOP("Columns", "Status"), enum_text(LotStatus)),
    ), (FilterSpec("status", QT_TRANSLATE_NOOP("Filters", "Status"), LotStatus),
        FilterSpec("product_id", QT_TRANSLATE_NOOP("Filters", "Product"), reference="products")),
        QT_TRANSLATE_NOOP("Filters", "Packed")),
    ListSpec("quality", QT_TRANSLATE_NOOP("Pages", "Quality"), (
        C("code", QT_TRANSLATE_NOOP("Columns", "Record")), C("tested_on", QT_TRANSLATE_NOOP("Columns", "Tested")),
        C("kind", QT_TRANSLATE_NOOP("Columns", "Kind"), enum_text(QualityKind)),
        C("lot", QT_TRANSLATE_NOOP("Columns", "Lot"), sortable=False),
        C("batch", QT_TRANSLATE_NOOP("Columns", "Planting batch"), sortable=False),
        C("result", QT_TRANSLATE_NOOP("Columns", "Result"), enum_text(QualityResult)),
        C("laboratory", QT_TRANSLATE_NOOP("Columns", "Laboratory")),
        C("report_number", QT_TRANSLATE_NOOP("Columns", "Report no.")),
        C("tested_by", QT_TRANSLATE_NOOP("Columns", "Tested by")),
    ), (FilterSpec("kind", QT_TRANSLATE_NOOP("Filters", "Kind"), QualityKind),
        FilterSpec("result", QT_TRANSLATE_NOOP("Filters", "Result"), QualityResult)), QT_TRANSLATE_NOOP("Filters", "Tested")),
    ListSpec("certifications", QT_TRANSLATE_NOOP("Pages", "Certifications"), (
        C("number", QT_TRANSLATE_NOOP("Columns", "Certificate")),
        C("scheme", QT_TRANSLATE_NOOP("Columns", "Scheme"), enum_text(Scheme)),
        C("certifier", QT_TRANSLATE_NOOP("Columns", "Certifier")),
        C("valid_from", QT_TRANSLATE_NOOP("Columns", "Valid from")),
        C("valid_until", QT_TRANSLATE_NOOP("Columns", "Valid until")),
    ), (FilterSpec("scheme", QT_TRANSLATE_NOOP("Filters", "Scheme"), Scheme),), QT_TRANSLATE_NOOP("Filters", "Valid until")),
    ListSpec("shipments", QT_TRANSLATE_NOOP("Pages", "Sales"), (
        C("code", QT_TRANSLATE_NOOP("Columns", "Shipment")), C("shipped_on", QT_TRANSLATE_NOOP("Columns", "Shipped")),
        C("customer", QT_TRANSLATE_NOOP("Columns", "Customer"), sortable=False),
        C("vehicle", QT_TRANSLATE_NOOP("Columns", "Vehicle")), C("driver", QT_TRANSLATE_NOOP("Columns", "Driver")),
    ), (FilterSpec("customer_id", QT_TRANSLATE_NOOP("Filters", "Customer"), reference="customers"),),
        QT_TRANSLATE_NOOP("Filters", "Shipped")),
    ListSpec("sensors", QT_TRANSLATE_NOOP("Pages", "Sensors"), (
        C("code", QT_TRANSLATE_NOOP("Columns", "Sensor")), C("name", QT_TRANSLATE_NOOP("Columns", "Name")),
        C("profile", QT_TRANSLATE_NOOP("Columns", "Model")), C("plot", QT_TRANSLATE_NOOP("Columns", "Plot"), sortable=False),
        C("location", QT_TRANSLATE_NOOP("Columns", "Location")),
        C("poll_seconds", QT_TRANSLATE_NOOP("Columns", "Poll every (s)"), numeric=True),
        C("active", QT_TRANSLATE_NOOP("Columns", "Active"), yes_no),
    )),
    # A million labels: sorting only by indexed columns keeps the list instant.
    ListSpec("labels", QT_TRANSLATE_NOOP("Pages", "Labels"), (
        C("serial", QT_TRANSLATE_NOOP("Columns", "Serial"), numeric=True),
        C("lot", QT_TRANSLATE_NOOP("Columns", "Lot"), sortable=False),
        C("net_weight", QT_TRANSLATE_NOOP("Columns", "Net weight"), numeric=True, sortable=False),
        C("unit", QT_TRANSLATE_NOOP("Columns", "Unit"), sortable=False), C("template", QT_TRANSLATE_NOOP("Columns", "Template"), sortable=False),
        C("printer", QT_TRANSLATE_NOOP("Columns", "Printer"), sortable=False),
        C("printed_at", QT_TRANSLATE_NOOP("Columns", "Printed"), moment),
        C("printed_by", QT_TRANSLATE_NOOP("Columns", "Printed by"), sortable=False),
        C("status", QT_TRANSLATE_NOOP("Columns", "Status"), enum_text(PackageStatus)),
        C("void_reason", QT_TRANSLATE_NOOP("Columns", "Void reason"), sortable=False),
    ), (FilterSpec("status", QT_TRANSLATE_NOOP("Filters", "Status"), PackageStatus),), QT_TRANSLATE_NOOP("Filters", "Printed")),
    ListSpec("audit", QT_TRANSLATE_NOOP("Pages", "Audit"), (
        C("id", QT_TRANSLATE_NOOP("Columns", "No."), numeric=True),
        C("recorded_at", QT_TRANSLATE_NOOP("Columns", "When"), moment),
        C("username", QT_TRANSLATE_NOOP("Columns", "Who")), C("action", QT_TRANSLATE_NOOP("Columns", "Action")),
        C("entity", QT_TRANSLATE_NOOP("Columns", "Record"), record_name), C("entity_code", QT_TRANSLATE_NOOP("Columns", "Code")),
        C("reason", QT_TRANSLATE_NOOP("Columns", "Reason")),
    ), (FilterSpec("entity", QT_TRANSLATE_NOOP("Filters", "Record"), display=record_name),
        FilterSpec("username", QT_TRANSLATE_NOOP("Filters", "Who"))), QT_TRANSLATE_NOOP("Filters", "When")),
)}
