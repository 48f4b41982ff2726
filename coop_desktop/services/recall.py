"""A recall: from a lot, a label, an ear tag or an input's lot, everything that must be pulled
back, with quantities, who received it, and the mass balance of each affected lot.

Affected lots are the lots the code names (for an input or seed lot: every lot holding produce
that received it) and every lot made from them. For each: what it held, what went into later
lots, what was lost on the way, what was shipped to whom, and what should still be in stock.
Customers are listed with the quantity each received, as the call list of the recall. The time
the search took is part of the result: schemes ask for it (standards.md §7).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from coop_desktop.domain.models import Lot, LotLink, Transformation
from coop_desktop.services.permissions import Actor
from coop_desktop.services.trace import TraceResult, trace_in
from coop_desktop.services.work import reading
from coop_desktop.storage.database import Database

ZERO = Decimal(0)


@dataclass(frozen=True)
class RecallLot:
    code: str
    product: str
    unit: str
    status: str
    direction: str  # "origin" or "forward"
    quantity: Decimal  # what the lot held when made
    into_lots: Decimal  # went into later lots (split, merge, processing), loss excluded
    loss: Decimal  # declared loss in those transformations, this lot's share
    shipped: Decimal
    labels: int  # printed, not voided
    pack_date: dt.date | None

    @property
    def in_stock(self) -> Decimal:
        """What should still be on hand: held − into later lots − loss − shipped."""
        return self.quantity - self.into_lots - self.loss - self.shipped


@dataclass
class RecallResult:
    query: str
    matched: str
    generated_at: dt.datetime
    lots: list[RecallLot] = field(default_factory=list)
    packages: list[dict[str, Any]] = field(default_factory=list)
    shipments: list[dict[str, Any]] = field(default_factory=list)
    customers: list[dict[str, Any]] = field(default_factory=list)
    inputs: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    elapsed_ms: float = 0.0

    def totals(self) -> dict[str, Decimal]:
        """Over the origin lots: held, shipped and in stock across their whole descent (the
        origin's quantity is accounted for by the lots made from it)."""
        held = sum((lot.quantity for lot in self.lots if lot.direction == "origin"), ZERO)
        shipped = sum((lot.shipped for lot in self.lots), ZERO)
        loss = sum((lot.loss for lot in self.lots), ZERO)
        stock = sum((lot.in_stock for lot in self.lots), ZERO)
        return {"held": held, "shipped": shipped, "loss": loss, "in_stock": stock,
                "unaccounted": held - shipped - loss - stock}

    @property
    def units(self) -> set[str]:
        return {lot.unit for lot in self.lots}


def recall(db: Database, actor: Actor, code: str) -> RecallResult:
    began = time.perf_counter()
    with reading(db, actor) as session:
        traced = trace_in(session, code)
        result = _from_trace(session, traced)
    result.elapsed_ms = round((time.perf_counter() - began) * 1000, 2)
    return result


def _from_trace(session: Any, traced: TraceResult) -> RecallResult:
    result = RecallResult(query=traced.query, matched=traced.matched,
                          generated_at=dt.datetime.now(dt.UTC))
    affected = [node for node in traced.lots if node.direction in ("origin", "forward")]
    codes = {node.code for node in affected}
    ids = dict(session.execute(select(Lot.code, Lot.id).where(Lot.code.in_(codes))).all())
    by_id = {lot_id: code for code, lot_id in ids.items()}
    into: dict[str, Decimal] = defaultdict(lambda: ZERO)
    loss: dict[str, Decimal] = defaultdict(lambda: ZERO)
    links = session.execute(
        select(LotLink.parent_lot_id, LotLink.transformation_id, LotLink.quantity)
        .where(LotLink.parent_lot_id.in_(list(ids.values()) or [-1]))).all()
    taken_by_transformation: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for parent_id, transformation_id, quantity in links:
        into[by_id[parent_id]] += quantity
        shares = taken_by_transformation[transformation_id]
        shares[parent_id] = shares.get(parent_id, ZERO) + quantity
    if taken_by_transformation:
        losses = dict(session.execute(
            select(Transformation.id, Transformation.loss_quantity)
            .where(Transformation.id.in_(list(taken_by_transformation)))).all())
        for transformation_id, shares in taken_by_transformation.items():
            total = sum(shares.values(), ZERO)
            declared = losses.get(transformation_id) or ZERO
            for parent_id, share in shares.items():
                if total:
                    part = (declared * share / total).quantize(Decimal("0.001"))
                    loss[by_id[parent_id]] += part
                    into[by_id[parent_id]] -= part  # links hold what was taken, loss included
    shipped: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in traced.shipments:
        if line["lot"] in codes:
            shipped[line["lot"]] += line["quantity"]
            result.shipments.append(line)
    labels: dict[str, int] = defaultdict(int)
    for package in traced.packages:
        if package["lot"] in codes:
            result.packages.append(package)
            if str(package["status"]) != "voided":
                labels[package["lot"]] += 1
    for node in affected:
        result.lots.append(RecallLot(
            code=node.code, product=node.product, unit=node.unit, status=node.status,
            direction=node.direction, quantity=node.quantity, into_lots=into[node.code],
            loss=loss[node.code], shipped=shipped[node.code], labels=labels[node.code],
            pack_date=node.pack_date))
    result.lots.sort(key=lambda lot: (lot.direction != "origin", lot.code))
    result.customers = list(traced.customers)
    result.inputs = list(traced.inputs)
    # Households whose produce is in the recalled lots: code and village only.
    result.members = [{"code": member["code"], "village": member["village"]}
                      for member in traced.members]
    return result
