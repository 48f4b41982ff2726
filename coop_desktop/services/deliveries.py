"""What member households deliver to the co-op, weighed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coop_desktop.domain.codes import normalize_code
from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import Member, MemberDelivery, PlantingBatch, Product
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.production import check_harvest_allowed
from coop_desktop.services.weighings import WeighingInput, store_weighing, weighed_quantity
from coop_desktop.services.work import (
    ensure_unique,
    non_negative,
    past_date,
    positive_quantity,
    unit_of_work,
)
from coop_desktop.storage.database import Database


def record_delivery(db: Database, actor: Actor, *, code: str, member_id: int, product_id: int,
                    delivered_on: dt.date | str, quantity: Decimal | str | float | None = None,
                    weighing: WeighingInput | None = None, batch_id: int | None = None,
                    grade: str = "", unit_price: Decimal | str | None = None) -> int:
    """Record a delivery. With a weighing the quantity is its net weight. A delivery from a
    planting batch is a harvest too, so the batch's pre-harvest intervals apply."""
    with unit_of_work(db, actor, Permission.RECORD_DELIVERIES) as work:
        member = work.session.get(Member, member_id)
        if member is None:
            raise ValidationError("not_found", field="member_id", entity="member",
                                  value=member_id)
        product = work.session.get(Product, product_id)
        if product is None:
            raise ValidationError("not_found", field="product_id", entity="product",
                                  value=product_id)
        day = past_date(delivered_on, "delivered_on")
        if weighing is not None:
            amount = weighed_quantity(weighing, product.unit, "quantity")
        elif quantity is not None:
            amount = positive_quantity(quantity, "quantity")
        else:
            raise ValidationError("value.required", field="quantity")
        if batch_id is not None:
            batch = work.session.get(PlantingBatch, batch_id)
            if batch is None:
                raise ValidationError("not_found", field="batch_id", entity="planting batch",
                                      value=batch_id)
            if batch.plot.member_id != member.id or batch.product_id != product.id:
                raise ValidationError("delivery.batch_mismatch", field="batch_id",
                                      batch=batch.code, member=member.code,
                                      product=product.name_zh)
            check_harvest_allowed(work.session, batch.id, day)
        delivery = MemberDelivery(
            code=normalize_code(code), member_id=member.id, product_id=product.id,
            batch_id=batch_id, delivered_on=day, quantity=amount, unit=product.unit,
            grade=grade,
            unit_price=non_negative(unit_price, "unit_price") if unit_price is not None else None)
        ensure_unique(work.session, MemberDelivery, "code", delivery.code, "delivery")
        if weighing is not None:
            delivery.weighing_id = store_weighing(work.session, weighing).id
        work.session.add(delivery)
        work.audit("create", delivery)
        return delivery.id
