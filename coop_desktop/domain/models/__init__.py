"""Every record of the cooperative, as SQLAlchemy 2 typed models sharing one metadata."""

from __future__ import annotations

from coop_desktop.domain.models.base import Base
from coop_desktop.domain.models.certification import (
    Certification,
    certification_members,
    certification_plots,
    certification_products,
)
from coop_desktop.domain.models.enums import (
    ActivityKind,
    AnimalEventKind,
    AnimalStatus,
    BatchStatus,
    CertStatus,
    ChannelKind,
    CustomerKind,
    LandType,
    LotStatus,
    PackageStatus,
    PovertyStatus,
    ProductKind,
    QualityKind,
    QualityResult,
    Role,
    Scheme,
    Sex,
    Species,
    TransformationKind,
)
from coop_desktop.domain.models.livestock import Animal, AnimalEvent
from coop_desktop.domain.models.lots import (
    Lot,
    LotLink,
    LotSource,
    Package,
    SerialCounter,
    Transformation,
)
from coop_desktop.domain.models.organisation import (
    AuditEntry,
    AuditHead,
    Cooperative,
    Member,
    Plot,
    PlotCertificationStatus,
    User,
)
from coop_desktop.domain.models.production import (
    FieldActivity,
    Harvest,
    MemberDelivery,
    PlantingBatch,
    Product,
    Weighing,
)
from coop_desktop.domain.models.quality import Attachment, QualityParameter, QualityRecord
from coop_desktop.domain.models.sales import Customer, Shipment, ShipmentLine, ShipmentTemperature
from coop_desktop.domain.models.sensors import Sensor, SensorChannel, SensorReading

__all__ = [
    "ActivityKind", "Animal", "AnimalEvent", "AnimalEventKind", "AnimalStatus", "Attachment",
    "AuditEntry", "AuditHead", "Base", "BatchStatus", "CertStatus", "Certification",
    "ChannelKind", "Cooperative", "Customer", "CustomerKind", "FieldActivity", "Harvest",
    "LandType", "Lot", "LotLink", "LotSource", "LotStatus", "Member", "MemberDelivery",
    "Package", "PackageStatus", "PlantingBatch", "Plot", "PlotCertificationStatus",
    "PovertyStatus", "Product", "ProductKind", "QualityKind", "QualityParameter",
    "QualityRecord", "QualityResult", "Role", "Scheme", "SensorChannel", "Sensor",
    "SensorReading", "SerialCounter", "Sex", "Shipment", "ShipmentLine", "ShipmentTemperature",
    "Species", "Transformation", "TransformationKind", "User", "Weighing",
    "certification_members", "certification_plots", "certification_products",
]
