"""Products the cooperative sells."""

from __future__ import annotations

from typing import Any

from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.gs1 import normalize_gtin
from coop_desktop.domain.models import Product, ProductKind
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.work import (
    apply_changes,
    choice,
    ensure_unique,
    get_for_edit,
    required_text,
    to_int,
    unit_of_work,
)
from coop_desktop.storage.database import Database

PRODUCT_FIELDS: dict[str, Any] = {
    "name_zh": lambda value: required_text(value, "name_zh"),
    "name_en": lambda value: value or "",
    "variety": lambda value: value or "",
    "kind": choice(ProductKind, "kind"),
    "unit": lambda value: required_text(value, "unit"),
    "gtin": lambda value: normalize_gtin(value) if value else None,
    "shelf_life_days": lambda value: to_int(value, "shelf_life_days") if value else None,
    "grades": lambda value: [str(grade) for grade in (value or [])],
}


def register_product(db: Database, actor: Actor, *, code: str, name_zh: str,
                     kind: ProductKind | str, **fields: Any) -> int:
    with unit_of_work(db, actor, Permission.MANAGE_PRODUCTS) as work:
        product = Product(cooperative_id=work.cooperative().id, code=normalize_code(code),
                          unit="kg", grades=[])
        apply_changes(product, {"name_zh": name_zh, "kind": kind, **fields}, PRODUCT_FIELDS)
        ensure_unique(work.session, Product, "code", product.code, "product")
        ensure_unique(work.session, Product, "gtin", product.gtin, "product")
        work.session.add(product)
        work.audit("create", product)
        return product.id


def edit_product(db: Database, actor: Actor, product_id: int, version: int | None,
                 **changes: Any) -> None:
    with unit_of_work(db, actor, Permission.MANAGE_PRODUCTS) as work:
        product, before = get_for_edit(work.session, Product, product_id, version)
        apply_changes(product, changes, PRODUCT_FIELDS)
        ensure_unique(work.session, Product, "gtin", product.gtin, "product",
                      exclude_id=product.id)
        work.audit("edit", product, before)
