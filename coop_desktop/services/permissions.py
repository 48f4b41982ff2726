"""Who may do what. The GUI disables what a role may not do; the services refuse it."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from coop_desktop.domain import i18n
from coop_desktop.domain.errors import PermissionDenied
from coop_desktop.domain.models import Role


class Permission(enum.StrEnum):
    READ = "read"
    MANAGE_COOPERATIVE = "manage_cooperative"
    MANAGE_USERS = "manage_users"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_PRODUCTS = "manage_products"
    MANAGE_PRODUCTION = "manage_production"  # plots, batches, field activities, harvests
    MANAGE_LIVESTOCK = "manage_livestock"
    RECORD_DELIVERIES = "record_deliveries"
    MANAGE_LOTS = "manage_lots"
    RECORD_QUALITY = "record_quality"
    RELEASE_LOTS = "release_lots"
    PRINT_LABELS = "print_labels"
    MANAGE_SALES = "manage_sales"
    MANAGE_CERTIFICATIONS = "manage_certifications"
    MANAGE_SENSORS = "manage_sensors"


_ACTIONS_ZH = {
    Permission.READ: "查看记录",
    Permission.MANAGE_COOPERATIVE: "修改合作社信息",
    Permission.MANAGE_USERS: "管理用户",
    Permission.MANAGE_MEMBERS: "管理社员",
    Permission.MANAGE_PRODUCTS: "管理产品",
    Permission.MANAGE_PRODUCTION: "记录生产",
    Permission.MANAGE_LIVESTOCK: "管理牲畜",
    Permission.RECORD_DELIVERIES: "记录交售",
    Permission.MANAGE_LOTS: "管理批次",
    Permission.RECORD_QUALITY: "记录质检",
    Permission.RELEASE_LOTS: "放行或扣留批次",
    Permission.PRINT_LABELS: "打印标签",
    Permission.MANAGE_SALES: "管理销售",
    Permission.MANAGE_CERTIFICATIONS: "管理认证",
    Permission.MANAGE_SENSORS: "管理传感器",
}

_ALL = frozenset(Permission)
GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: _ALL,
    Role.MANAGER: _ALL - {Permission.MANAGE_USERS},
    Role.CLERK: frozenset({
        Permission.READ, Permission.MANAGE_MEMBERS, Permission.MANAGE_PRODUCTS,
        Permission.MANAGE_PRODUCTION, Permission.MANAGE_LIVESTOCK, Permission.RECORD_DELIVERIES,
        Permission.MANAGE_LOTS, Permission.MANAGE_SALES, Permission.MANAGE_SENSORS,
    }),
    Role.PACKER: frozenset({
        Permission.READ, Permission.RECORD_DELIVERIES, Permission.PRINT_LABELS,
        Permission.MANAGE_LOTS,
    }),
    Role.QUALITY_OFFICER: frozenset({
        Permission.READ, Permission.RECORD_QUALITY, Permission.RELEASE_LOTS,
        Permission.MANAGE_LOTS, Permission.MANAGE_CERTIFICATIONS,
    }),
    Role.AUDITOR: frozenset({Permission.READ}),
}


@dataclass(frozen=True)
class Actor:
    """The user on whose behalf a service acts."""

    username: str
    role: Role
    user_id: int | None = None

    def may(self, permission: Permission) -> bool:
        return permission in GRANTS[self.role]


#: The program itself: demo data, migrations, the command line run by IT staff.
SYSTEM = Actor(username="system", role=Role.ADMIN)


def require(actor: Actor, permission: Permission) -> None:
    if not actor.may(permission):
        action = _ACTIONS_ZH[permission] if i18n.language() == "zh" else permission.value.replace(
            "_", " ")
        raise PermissionDenied("permission.denied", user=actor.username, role=actor.role.value,
                               action=action)
