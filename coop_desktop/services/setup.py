"""Setting up the cooperative a database belongs to."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from coop_desktop.domain.models import Cooperative, SerialCounter
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.work import get_for_edit, required_text, unit_of_work
from coop_desktop.storage.database import Database

DEFAULT_COMMITMENT = (
    "我承诺对生产销售的食用农产品：不使用禁用农药兽药、停用兽药和非法添加物；"
    "常规农药兽药残留不超标；对承诺的真实性负责。"
)


def create_cooperative(db: Database, actor: Actor, *, name: str, name_en: str = "",
                       registration_code: str | None = None, province: str = "",
                       county: str = "", address: str = "", phone: str = "",
                       gs1_company_prefix: str | None = None, trace_base_url: str = "",
                       commitment_text: str = DEFAULT_COMMITMENT) -> int:
    with unit_of_work(db, actor, Permission.MANAGE_COOPERATIVE) as work:
        cooperative = Cooperative(
            name=required_text(name, "name"), name_en=name_en or None,
            registration_code=registration_code, province=province, county=county,
            address=address, phone=phone, gs1_company_prefix=gs1_company_prefix,
            trace_base_url=trace_base_url.rstrip("/"), commitment_text=commitment_text)
        work.session.add(cooperative)
        work.session.flush()
        work.session.add(SerialCounter(cooperative_id=cooperative.id, next_serial=1))
        work.audit("create", cooperative)
        return cooperative.id


def edit_cooperative(db: Database, actor: Actor, cooperative_id: int, version: int | None,
                     **changes: Any) -> None:
    allowed = {"name", "name_en", "registration_code", "province", "county", "address", "phone",
               "gs1_company_prefix", "trace_base_url", "commitment_text"}
    with unit_of_work(db, actor, Permission.MANAGE_COOPERATIVE) as work:
        cooperative, before = get_for_edit(work.session, Cooperative, cooperative_id, version)
        for key, value in changes.items():
            if key not in allowed:
                raise TypeError(f"Cooperative.{key} cannot be edited")
            setattr(cooperative, key, value)
        work.audit("edit", cooperative, before)


def has_cooperative(db: Database) -> bool:
    with db.read() as session:
        return session.execute(select(Cooperative.id).limit(1)).first() is not None
