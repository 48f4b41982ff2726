"""What the values of the closed lists are called, in Chinese and English, for reports and
exports made without Qt (the GUI translates its own widgets)."""

from __future__ import annotations

import enum

from coop_desktop.domain import i18n
from coop_desktop.domain.models import enums

_PAIRS: list[tuple[enum.Enum, str]] = [
    (enums.PovertyStatus.NONE, "非脱贫户"), (enums.PovertyStatus.REGISTERED, "建档立卡户"),
    (enums.PovertyStatus.MONITORED, "监测户"),
    (enums.LandType.IRRIGATED, "水浇地"), (enums.LandType.DRYLAND, "旱地"),
    (enums.LandType.SUNLIGHT_GREENHOUSE, "日光温室"), (enums.LandType.ARCHED_SHED, "塑料大棚"),
    (enums.LandType.PASTURE, "草场"),
    (enums.Scheme.ORGANIC, "有机产品"), (enums.Scheme.GREEN_FOOD, "绿色食品"),
    (enums.Scheme.GEOGRAPHICAL_INDICATION, "地理标志"), (enums.Scheme.GAP, "良好农业规范"),
    (enums.CertStatus.CONVENTIONAL, "常规"), (enums.CertStatus.IN_CONVERSION, "转换期"),
    (enums.CertStatus.CERTIFIED, "已认证"), (enums.CertStatus.SUSPENDED, "暂停"),
    (enums.ProductKind.CROP, "种植产品"), (enums.ProductKind.ANIMAL, "畜产品"),
    (enums.ProductKind.PROCESSED, "加工产品"),
    (enums.BatchStatus.GROWING, "生长中"), (enums.BatchStatus.HARVESTING, "采收中"),
    (enums.BatchStatus.FINISHED, "已结束"),
    (enums.ActivityKind.TILLAGE, "整地"), (enums.ActivityKind.SOWING, "播种定植"),
    (enums.ActivityKind.FERTILISING, "施肥"), (enums.ActivityKind.PLANT_PROTECTION, "植保用药"),
    (enums.ActivityKind.IRRIGATION, "灌溉"), (enums.ActivityKind.SCOUTING, "田间巡查"),
    (enums.ActivityKind.HARVESTING, "采收"), (enums.ActivityKind.OTHER, "其他"),
    (enums.Species.SHEEP, "绵羊"), (enums.Species.GOAT, "山羊"), (enums.Species.CATTLE, "牛"),
    (enums.Species.YAK, "牦牛"), (enums.Species.PIG, "猪"), (enums.Species.OTHER, "其他"),
    (enums.Sex.FEMALE, "母"), (enums.Sex.MALE, "公"), (enums.Sex.CASTRATED, "阉"),
    (enums.Sex.UNKNOWN, "未知"),
    (enums.AnimalStatus.ALIVE, "在栏"), (enums.AnimalStatus.SOLD, "已出售"),
    (enums.AnimalStatus.DEAD, "死亡"), (enums.AnimalStatus.SLAUGHTERED, "已屠宰"),
    (enums.AnimalEventKind.BIRTH, "出生"), (enums.AnimalEventKind.PURCHASE, "购入"),
    (enums.AnimalEventKind.WEIGHING, "称重"), (enums.AnimalEventKind.VACCINATION, "免疫"),
    (enums.AnimalEventKind.TREATMENT, "治疗"), (enums.AnimalEventKind.MOVEMENT, "转群"),
    (enums.AnimalEventKind.DEATH, "死亡"), (enums.AnimalEventKind.SALE, "出售"),
    (enums.AnimalEventKind.SLAUGHTER, "屠宰"),
    (enums.LotStatus.OPEN, "待检"), (enums.LotStatus.HELD, "扣留"), (enums.LotStatus.RELEASED, "已放行"),
    (enums.LotStatus.SHIPPED, "已发货"), (enums.LotStatus.RECALLED, "已召回"),
    (enums.LotStatus.CONSUMED, "已用完"),
    (enums.TransformationKind.SPLIT, "分批"), (enums.TransformationKind.MERGE, "合批"),
    (enums.TransformationKind.PROCESS, "加工"),
    (enums.PackageStatus.PRINTED, "已打印"), (enums.PackageStatus.VOIDED, "已作废"),
    (enums.QualityKind.RAPID_RESIDUE, "农残速测"), (enums.QualityKind.LAB_REPORT, "检测报告"),
    (enums.QualityKind.GRADING, "分级"), (enums.QualityKind.QUARANTINE, "检疫"),
    (enums.QualityResult.PASS, "合格"), (enums.QualityResult.FAIL, "不合格"),
    (enums.CustomerKind.WHOLESALE, "批发市场"), (enums.CustomerKind.SUPERMARKET, "超市"),
    (enums.CustomerKind.ONLINE_SHOP, "网店"), (enums.CustomerKind.PROCESSOR, "加工企业"),
    (enums.CustomerKind.OTHER, "其他"),
    (enums.ChannelKind.SOIL_MOISTURE, "土壤水分"), (enums.ChannelKind.SOIL_TEMPERATURE, "土壤温度"),
    (enums.ChannelKind.SOIL_EC, "土壤电导率"), (enums.ChannelKind.SOIL_PH, "土壤pH"),
    (enums.ChannelKind.SOIL_N, "土壤氮"), (enums.ChannelKind.SOIL_P, "土壤磷"),
    (enums.ChannelKind.SOIL_K, "土壤钾"), (enums.ChannelKind.AIR_TEMPERATURE, "空气温度"),
    (enums.ChannelKind.AIR_HUMIDITY, "空气湿度"),
    (enums.Role.ADMIN, "管理员"), (enums.Role.MANAGER, "理事长"), (enums.Role.CLERK, "文员"),
    (enums.Role.PACKER, "包装工"), (enums.Role.QUALITY_OFFICER, "内检员"), (enums.Role.AUDITOR, "审核员"),
]
# Keyed by list and value: "harvesting" is both a batch status and a kind of activity.
_ZH = {(type(member), member.value): text for member, text in _PAIRS}


def name_of(value: enum.Enum, language: str | None = None) -> str:
    """The value as a person reads it: Chinese from the table, English from the value."""
    key = (type(value), value.value)
    if (language or i18n.language()) == "zh" and key in _ZH:
        return _ZH[key]
    return str(value.value).replace("_", " ")


def missing_names() -> list[enum.Enum]:
    """Values with no Chinese name (a test keeps this empty)."""
    return [member for enum_class in _closed_lists() for member in enum_class
            if (enum_class, member.value) not in _ZH]


def _closed_lists() -> list[type[enum.Enum]]:
    return [value for value in vars(enums).values()
            if isinstance(value, type) and issubclass(value, enum.Enum)
            and value.__module__ == enums.__name__]
