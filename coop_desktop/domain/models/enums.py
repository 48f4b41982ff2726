"""The closed lists a record's fields take their values from."""

from __future__ import annotations

import enum


class PovertyStatus(enum.StrEnum):
    NONE = "none"
    REGISTERED = "registered"  # 建档立卡户
    MONITORED = "monitored"  # 监测户 (防返贫监测对象)


class LandType(enum.StrEnum):
    IRRIGATED = "irrigated"  # 水浇地
    DRYLAND = "dryland"  # 旱地
    SUNLIGHT_GREENHOUSE = "sunlight_greenhouse"  # 日光温室
    ARCHED_SHED = "arched_shed"  # 塑料大棚
    PASTURE = "pasture"  # 草场


class Scheme(enum.StrEnum):
    ORGANIC = "organic"  # GB/T 19630
    GREEN_FOOD = "green_food"  # 绿色食品
    GEOGRAPHICAL_INDICATION = "gi"  # 地理标志
    GAP = "gap"  # 良好农业规范


class CertStatus(enum.StrEnum):
    CONVENTIONAL = "conventional"
    IN_CONVERSION = "in_conversion"
    CERTIFIED = "certified"
    SUSPENDED = "suspended"


class ProductKind(enum.StrEnum):
    CROP = "crop"
    ANIMAL = "animal"
    PROCESSED = "processed"


class BatchStatus(enum.StrEnum):
    GROWING = "growing"
    HARVESTING = "harvesting"
    FINISHED = "finished"


class ActivityKind(enum.StrEnum):
    TILLAGE = "tillage"
    SOWING = "sowing"
    FERTILISING = "fertilising"
    PLANT_PROTECTION = "plant_protection"
    IRRIGATION = "irrigation"
    SCOUTING = "scouting"
    HARVESTING = "harvesting"
    OTHER = "other"


class Species(enum.StrEnum):
    SHEEP = "sheep"
    GOAT = "goat"
    CATTLE = "cattle"
    YAK = "yak"
    PIG = "pig"
    OTHER = "other"


class Sex(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    CASTRATED = "castrated"
    UNKNOWN = "unknown"


class AnimalStatus(enum.StrEnum):
    ALIVE = "alive"
    SOLD = "sold"
    DEAD = "dead"
    SLAUGHTERED = "slaughtered"


class AnimalEventKind(enum.StrEnum):
    BIRTH = "birth"
    PURCHASE = "purchase"
    WEIGHING = "weighing"
    VACCINATION = "vaccination"
    TREATMENT = "treatment"
    MOVEMENT = "movement"
    DEATH = "death"
    SALE = "sale"
    SLAUGHTER = "slaughter"


class LotStatus(enum.StrEnum):
    OPEN = "open"
    HELD = "held"
    RELEASED = "released"
    SHIPPED = "shipped"
    RECALLED = "recalled"
    CONSUMED = "consumed"  # wholly used up by a split, merge or processing step


class TransformationKind(enum.StrEnum):
    SPLIT = "split"
    MERGE = "merge"
    PROCESS = "process"


class PackageStatus(enum.StrEnum):
    PRINTED = "printed"
    VOIDED = "voided"


class QualityKind(enum.StrEnum):
    RAPID_RESIDUE = "rapid_residue"  # 农残速测
    LAB_REPORT = "lab_report"
    GRADING = "grading"
    QUARANTINE = "quarantine"  # 检疫证


class QualityResult(enum.StrEnum):
    PASS = "pass"
    FAIL = "fail"


class CustomerKind(enum.StrEnum):
    WHOLESALE = "wholesale"
    SUPERMARKET = "supermarket"
    ONLINE_SHOP = "online_shop"
    PROCESSOR = "processor"
    OTHER = "other"


class ChannelKind(enum.StrEnum):
    SOIL_MOISTURE = "soil_moisture"  # %
    SOIL_TEMPERATURE = "soil_temperature"  # °C
    SOIL_EC = "soil_ec"  # µS/cm
    SOIL_PH = "soil_ph"
    SOIL_N = "soil_n"  # mg/kg
    SOIL_P = "soil_p"
    SOIL_K = "soil_k"
    AIR_TEMPERATURE = "air_temperature"
    AIR_HUMIDITY = "air_humidity"  # %RH


class Role(enum.StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    CLERK = "clerk"
    PACKER = "packer"
    QUALITY_OFFICER = "quality_officer"
    AUDITOR = "auditor"
