"""Generate a large cooperative in a new SQLite file, for the benchmarks.

    python benchmarks/generate.py OUT.sqlite [--members 2000] [--plots 10000] [--lots 200000]
                                             [--labels 1000000] [--scale 1.0] [--seed 1]

``--scale 0.01`` divides every count by 100. The schema is made by the program's own migrations
and the cooperative and its products by its services; everything else is bulk-inserted with
SQLAlchemy Core (``insert(Model.__table__)``, executemany in chunks, a few transactions), so the
column types (scaled-integer quantities, UTC datetimes, enums) are stored exactly as the program
stores them. Bulk rows get no audit entries: ``db verify-audit`` is not expected to pass here.

The shape: member households with plots; two seasons of planting batches per plot, each with its
field record (sprays carry their input lot and pre-harvest interval) and several harvests; some
produce arrives as member deliveries; ~60% of the lots are first-generation lots made from
harvests and deliveries, the rest come from split and merge steps inside small families of lots.
One DEEP chain (``DEEP_GENERATIONS`` generations of alternating splits and merges, with side
branches and side inputs, the same shape at every scale) ends in the lot whose code is printed and
written with the counts to ``OUT.sqlite.json``. Labels (package rows, serials 1..N) go on the
lots nobody used up; part of those lots are shipped to customers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, astuple, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Table, insert, update

if __package__ in (None, ""):  # run as a script: the checkout's package, not an installed one
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coop_desktop.domain.id_numbers import id_check_char
from coop_desktop.domain.models import (
    ActivityKind,
    Base,
    Customer,
    CustomerKind,
    FieldActivity,
    Harvest,
    LandType,
    Lot,
    LotLink,
    LotSource,
    LotStatus,
    Member,
    MemberDelivery,
    Package,
    PackageStatus,
    PlantingBatch,
    Plot,
    PovertyStatus,
    QualityKind,
    QualityParameter,
    QualityRecord,
    QualityResult,
    SerialCounter,
    Shipment,
    ShipmentLine,
    Transformation,
    TransformationKind,
)
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.products import register_product
from coop_desktop.services.setup import create_cooperative
from coop_desktop.storage.database import Database
from coop_desktop.storage.migrations import prepare

DEEP_GENERATIONS = 32  # link hops from the chain's root to its deepest leaf
FIRST_GENERATION_SHARE = 0.6
CHUNK = 20_000  # rows per executemany
SEASONS = (2024, 2025)
UTC = dt.UTC


@dataclass(frozen=True)
class Sizes:
    members: int
    plots: int
    lots: int
    labels: int

    def scaled(self, scale: float) -> Sizes:
        return Sizes(*(max(1, round(count * scale)) for count in astuple(self)))


DEFAULT_SIZES = Sizes(members=2000, plots=10_000, lots=200_000, labels=1_000_000)

# code, name_zh, name_en, variety, shelf life (days), crate net weights (kg)
PRODUCTS: tuple[tuple[str, str, str, str, int, tuple[str, ...]], ...] = (
    ("HM", "白兰瓜", "Honeydew melon", "甘蜜宝", 20, ("10", "12.5", "15")),
    ("RS", "人参果", "Pepino (ginseng fruit)", "长丰1号", 15, ("2.5", "5")),
    ("GQ", "枸杞", "Wolfberry", "宁杞7号", 365, ("0.5", "1", "5")),
    ("PT", "酿酒葡萄", "Wine grape", "赤霞珠", 7, ("10", "20")),
    ("XH", "番茄", "Tomato", "粉果", 14, ("5", "10")),
    ("HG", "黄瓜", "Cucumber", "津优35", 10, ("5", "10")),
    ("LJ", "辣椒", "Chili pepper", "线椒", 14, ("5", "8")),
    ("YC", "洋葱", "Onion", "紫皮", 120, ("10", "20", "25")),
)
DEEP_PRODUCT = "HM"
CROPS_BY_LAND: dict[LandType, tuple[str, ...]] = {
    LandType.IRRIGATED: ("HM", "HM", "PT", "GQ", "YC"),
    LandType.DRYLAND: ("GQ", "YC", "HM"),
    LandType.SUNLIGHT_GREENHOUSE: ("XH", "HG", "LJ", "RS"),
    LandType.ARCHED_SHED: ("XH", "HG", "LJ", "RS", "HM"),
}
LANDS = (LandType.IRRIGATED, LandType.SUNLIGHT_GREENHOUSE, LandType.ARCHED_SHED,
         LandType.DRYLAND)
LAND_WEIGHTS = (50, 25, 10, 15)
SURNAMES = ("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
            "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史")
GIVEN = "建国军华明伟强磊洋勇艳杰娟涛斌超波辉刚平红霞芳玉兰英秀珍文武德福贵生金银山海林春秋"
TOWNSHIPS = ("清源镇", "永昌镇", "双城镇", "丰乐镇", "高坝镇", "金羊镇", "和平镇", "羊下坝镇",
             "中坝镇", "永丰镇", "黄羊镇", "武南镇")
VILLAGE_WORDS = ("东", "西", "南", "北", "中", "新", "红星", "团结", "胜利", "光明", "建设", "和平",
                 "沙河", "五坝", "六坝", "七里")
REGION_CODES = ("620602", "620621", "620622", "620623")
PESTICIDES = (  # name, registration no., active ingredient, PHI days, dose kg
    ("吡虫啉可湿性粉剂", "PD20081234", "吡虫啉", 7, "0.02"),
    ("阿维菌素乳油", "PD20080567", "阿维菌素", 14, "0.05"),
    ("代森锰锌可湿性粉剂", "PD20060123", "代森锰锌", 15, "0.2"),
    ("苦参碱水剂", "PD20101789", "苦参碱", 10, "0.1"),
    ("嘧菌酯悬浮剂", "PD20070345", "嘧菌酯", 7, "0.06"),
    ("高效氯氟氰菊酯微囊悬浮剂", "PD20092222", "高效氯氟氰菊酯", 21, "0.01"),
)
RESIDUES = (("毒死蜱", "0.02"), ("吡虫啉", "0.5"), ("阿维菌素", "0.02"), ("嘧菌酯", "1"))
CUSTOMER_NAMES = ("兰州大青山蔬菜批发市场", "北京新发地农产品批发市场", "西安欣桥农产品市场",
                  "武威富康农产品批发市场", "成都农产品中心批发市场", "永辉超市", "华润万家",
                  "盒马鲜生", "拼多多农货店", "凉州果蔬加工厂", "深圳海吉星批发市场")
CUSTOMER_KINDS = (CustomerKind.WHOLESALE, CustomerKind.WHOLESALE, CustomerKind.WHOLESALE,
                  CustomerKind.WHOLESALE, CustomerKind.WHOLESALE, CustomerKind.SUPERMARKET,
                  CustomerKind.SUPERMARKET, CustomerKind.ONLINE_SHOP, CustomerKind.ONLINE_SHOP,
                  CustomerKind.PROCESSOR, CustomerKind.WHOLESALE)
DEEP_SIDE_PACKAGES = 3
DEEP_LEAF_PACKAGES = 24
#: The chain's first-generation lots take their harvests from this many batches of as many
#: households, at every scale, so that tracing it finds the same records in a small database.
DEEP_BATCHES = 12


class GenerateError(Exception):
    """The sizes asked for cannot be generated, or the output file exists."""


def summary_path(database: Path) -> Path:
    return Path(f"{database}.json")


def _kg(grams: int) -> Decimal:
    return Decimal(grams).scaleb(-3)


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _days(count: int) -> dt.timedelta:
    return dt.timedelta(days=count)


def chain_shape() -> dict[str, int]:
    """How many lots, first-generation lots and labels the deep chain takes (any scale)."""
    first, derived, packages, side_leaves = 1, 0, 0, 0
    for generation in range(1, DEEP_GENERATIONS + 1):
        if generation % 2 == 1:
            derived += 2
            if generation % 4 == 1:
                derived += 2
                side_leaves += 2
            else:
                side_leaves += 1
        elif generation % 8 == 0:
            first += 2
            derived += 2
        else:
            first += 1
            derived += 1
    packages = side_leaves * DEEP_SIDE_PACKAGES + DEEP_LEAF_PACKAGES
    return {"first": first, "derived": derived, "lots": first + derived, "packages": packages}


def check_sizes(sizes: Sizes) -> None:
    shape = chain_shape()
    first = round(sizes.lots * FIRST_GENERATION_SHARE)
    problems = []
    if sizes.members < 2:
        problems.append("at least 2 members")
    if sizes.plots < sizes.members:
        problems.append("at least one plot per member")
    if first <= shape["first"] or sizes.lots - first < shape["derived"]:
        minimum = int((shape["derived"] + 1) / (1 - FIRST_GENERATION_SHARE)) + 1
        problems.append(f"at least {minimum} lots (the deep chain alone takes {shape['lots']})")
    if sizes.labels < shape["packages"]:
        problems.append(f"at least {shape['packages']} labels (the deep chain's)")
    if problems:
        raise GenerateError("cannot generate these sizes: need " + "; ".join(problems))


class Plan:
    """Every bulk row, built in memory in an order that keeps the references valid."""

    def __init__(self, sizes: Sizes, seed: int, cooperative_id: int,
                 product_ids: dict[str, int]) -> None:
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.cooperative_id = cooperative_id
        self.product_ids = product_ids
        self.product_by_id = {pid: code for code, pid in product_ids.items()}
        self.products = {row[0]: row for row in PRODUCTS}
        self.members: list[dict[str, Any]] = []
        self.plots: list[dict[str, Any]] = []
        self.batches: list[dict[str, Any]] = []
        self.activities: list[dict[str, Any]] = []
        self.harvests: list[dict[str, Any]] = []
        self.deliveries: list[dict[str, Any]] = []
        self.lots: list[dict[str, Any]] = []
        self.lot_day: list[dt.date] = []  # the day each lot came into being, by id - 1
        self.sources: list[dict[str, Any]] = []
        self.transformations: list[dict[str, Any]] = []
        self.links: list[dict[str, Any]] = []
        self.quality: list[dict[str, Any]] = []
        self.parameters: list[dict[str, Any]] = []
        self.customers: list[dict[str, Any]] = []
        self.shipments: list[dict[str, Any]] = []
        self.lines: list[dict[str, Any]] = []
        self.label_counts: dict[int, int] = {}  # lot id -> labels, in serial order
        self.deep: dict[str, Any] = {}
        self._queues: dict[str, list[tuple[str, int, dt.date]]] = {}
        self._pointers: dict[str, int] = {}
        self._used: dict[tuple[str, int], int] = {}
        self._consumed: set[int] = set()
        self._harvests_of: dict[int, list[tuple[str, int, dt.date]]] = {}
        self._chain_batches: list[int] | None = None
        self._chain_taken = 0

    # --- people and land ------------------------------------------------------------------

    def people_and_land(self) -> None:
        rng = self.rng
        villages = [(town, f"{town[:2]}{word}村") for town in TOWNSHIPS for word in VILLAGE_WORDS]
        taken_ids: set[str] = set()
        for number in range(1, self.sizes.members + 1):
            town, village = rng.choice(villages)
            while True:
                birth = dt.date(1950, 1, 1) + _days(rng.randrange(365 * 45))
                first17 = (f"{rng.choice(REGION_CODES)}{birth:%Y%m%d}"
                           f"{rng.randrange(1000):03d}")
                id_number = first17 + id_check_char(first17)
                if id_number not in taken_ids:
                    taken_ids.add(id_number)
                    break
            poor = rng.random()
            status = (PovertyStatus.REGISTERED if poor < 0.12 else
                      PovertyStatus.MONITORED if poor < 0.16 else PovertyStatus.NONE)
            joined = dt.date(2012, 1, 1) + _days(rng.randrange(365 * 11))
            self.members.append({
                "id": number, "version": 1, "created_at": _at(joined), "cooperative_id":
                self.cooperative_id, "code": f"M{number:05d}",
                "name": rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2))),
                "id_number": id_number, "township": town, "village": village,
                "phone": f"1{rng.choice('3579')}{rng.randrange(10**9):09d}",
                "household_size": rng.randint(1, 7), "poverty_status": status,
                "poverty_since_year": (2014 + rng.randrange(6)
                                       if status != PovertyStatus.NONE else None),
                "poverty_exit_year": 2020 if status == PovertyStatus.REGISTERED else None,
                "joined_on": joined, "left_on": None,
                "payout_bank": "甘肃武威农村商业银行", "payout_account":
                f"62{rng.randrange(10**17):017d}", "notes": ""})
        owners = list(range(1, self.sizes.members + 1))
        owners += [rng.randint(1, self.sizes.members)
                   for _ in range(self.sizes.plots - self.sizes.members)]
        owners.sort()
        per_member: dict[int, int] = {}
        for number, member_id in enumerate(owners, start=1):
            member = self.members[member_id - 1]
            per_member[member_id] = per_member.get(member_id, 0) + 1
            land = rng.choices(LANDS, LAND_WEIGHTS)[0]
            greenhouse = land in (LandType.SUNLIGHT_GREENHOUSE, LandType.ARCHED_SHED)
            area = rng.randint(60, 160) if greenhouse else rng.randint(150, 2500)
            self.plots.append({
                "id": number, "version": 1, "created_at": member["created_at"],
                "member_id": member_id, "code": f"{member['code']}-{per_member[member_id]:02d}",
                "name": "", "village": member["village"], "area_mu": Decimal(area).scaleb(-2),
                "land_type": land, "latitude": round(37.93 + rng.uniform(-0.3, 0.3), 6),
                "longitude": round(102.64 + rng.uniform(-0.3, 0.3), 6),
                "in_gi_area": rng.random() < 0.4})

    # --- seasons: batches, field records, harvests, deliveries --------------------------

    def seasons(self) -> None:
        rng = self.rng
        for plot in self.plots:
            member = self.members[plot["member_id"] - 1]
            for year in SEASONS:
                product = rng.choice(CROPS_BY_LAND[plot["land_type"]])
                batch_id = len(self.batches) + 1
                planted = dt.date(year, 3, 20) + _days(rng.randrange(50))
                first_harvest = planted + _days(rng.randint(85, 110))
                self.batches.append({
                    "id": batch_id, "version": 1, "created_at": _at(planted),
                    "code": f"PB{year}-{batch_id:06d}", "plot_id": plot["id"],
                    "product_id": self.product_ids[product], "season": f"{year}春季",
                    "planted_on": planted,
                    "seed_source": rng.choice(("武威市种子公司", "凉州区育苗中心", "自留种")),
                    "seed_lot": f"SD{year}-{rng.randint(1, 400):04d}",
                    "area_mu": plot["area_mu"], "status": "finished"})
                self._field_record(batch_id, year, planted, first_harvest, member["name"])
                harvest_day = first_harvest
                for _ in range(rng.randint(3, 9)):
                    harvest_id = len(self.harvests) + 1
                    self.harvests.append({
                        "id": harvest_id, "version": 1, "created_at": _at(harvest_day, 18),
                        "batch_id": batch_id, "harvested_on": harvest_day, "quantity": 0,
                        "unit": "kg", "grade": rng.choice(("一级", "一级", "二级")),
                        "weighing_id": None, "operator": member["name"]})
                    self._queues.setdefault(product, []).append(
                        ("harvest", harvest_id, harvest_day))
                    self._harvests_of.setdefault(batch_id, []).append(
                        ("harvest", harvest_id, harvest_day))
                    harvest_day += _days(rng.randint(3, 6))
                if rng.random() < 0.15:
                    day = first_harvest + _days(2)
                    for _ in range(rng.randint(1, 3)):
                        delivery_id = len(self.deliveries) + 1
                        self.deliveries.append({
                            "id": delivery_id, "version": 1, "created_at": _at(day, 16),
                            "code": f"JS{year}-{delivery_id:06d}", "member_id": member["id"],
                            "product_id": self.product_ids[product], "batch_id": batch_id,
                            "delivered_on": day, "quantity": 0, "unit": "kg",
                            "grade": "一级", "unit_price": Decimal(rng.randint(150, 900))
                            .scaleb(-2), "weighing_id": None})
                        self._queues[product].append(("delivery", delivery_id, day))
                        day += _days(rng.randint(4, 8))
        for queue in self._queues.values():
            queue.sort(key=lambda item: item[2])

    def _field_record(self, batch_id: int, year: int, planted: dt.date,
                      first_harvest: dt.date, operator: str) -> None:
        rng = self.rng

        def add(kind: ActivityKind, day: dt.date, **extra: Any) -> None:
            row = {"id": len(self.activities) + 1, "version": 1, "created_at": _at(day, 19),
                   "batch_id": batch_id, "kind": kind, "performed_on": day,
                   "operator": operator, "input_name": None, "input_registration_no": None,
                   "active_ingredient": None, "input_lot": None, "amount": None,
                   "amount_unit": None, "area_mu": None, "phi_days": None, "notes": ""}
            row.update(extra)
            self.activities.append(row)

        add(ActivityKind.TILLAGE, planted - _days(7))
        add(ActivityKind.SOWING, planted, input_name="种苗",
            input_lot=f"SD{year}-{rng.randint(1, 400):04d}")
        add(ActivityKind.FERTILISING, planted + _days(15), input_name="复合肥(15-15-15)",
            input_lot=f"FZ{year}-{rng.randint(1, 200):03d}",
            amount=Decimal(rng.randint(30, 60)), amount_unit="kg")
        add(ActivityKind.IRRIGATION, planted + _days(30))
        for _ in range(rng.randint(1, 3)):
            name, registration, ingredient, phi, dose = rng.choice(PESTICIDES)
            add(ActivityKind.PLANT_PROTECTION,
                first_harvest - _days(phi + rng.randint(1, 30)), input_name=name,
                input_registration_no=registration, active_ingredient=ingredient,
                input_lot=f"{registration[-4:]}{year}{rng.randint(1, 60):03d}",
                amount=Decimal(dose), amount_unit="kg", phi_days=phi)
        add(ActivityKind.SCOUTING, planted + _days(45))

    # --- lots -------------------------------------------------------------------------------

    def _take(self, product: str, count: int) -> list[tuple[str, int, dt.date, int]]:
        """The next ``count`` harvests or deliveries of a product, with the grams taken."""
        queue = self._queues[product]
        start = self._pointers.get(product, 0)
        taken = []
        for index in range(start, start + count):
            kind, record_id, day = queue[index % len(queue)]
            grams = self.rng.randint(150, 1500) * 1000 + self.rng.randrange(1000)
            self._used[(kind, record_id)] = self._used.get((kind, record_id), 0) + grams
            taken.append((kind, record_id, day, grams))
        self._pointers[product] = start + count
        return taken

    def _lot(self, product: str, grams: int, day: dt.date, harvest_date: dt.date | None,
             code: str | None = None) -> int:
        lot_id = len(self.lots) + 1
        self.lots.append({
            "id": lot_id, "version": 1, "created_at": _at(day, 17),
            "cooperative_id": self.cooperative_id,
            "code": code or f"{product}{day:%y%m%d}-{lot_id:06d}",
            "product_id": self.product_ids[product], "quantity": grams, "unit": "kg",
            "grade": "", "harvest_date": harvest_date, "pack_date": None, "best_before": None,
            "status": LotStatus.OPEN, "notes": ""})
        self.lot_day.append(day)
        return lot_id

    def _take_for_chain(self, product: str, count: int) -> list[tuple[str, int, dt.date, int]]:
        """Harvests of the first DEEP_BATCHES first-season batches of ``product`` grown by
        different households, taken in turn."""
        if self._chain_batches is None:
            members: set[int] = set()
            self._chain_batches = []
            for batch in self.batches:
                member = self.plots[batch["plot_id"] - 1]["member_id"]
                if (batch["product_id"] == self.product_ids[product]
                        and batch["planted_on"].year == SEASONS[0] and member not in members):
                    members.add(member)
                    self._chain_batches.append(batch["id"])
                    if len(self._chain_batches) == DEEP_BATCHES:
                        break
        if not self._chain_batches:
            return self._take(product, count)
        taken = []
        for index in range(self._chain_taken, self._chain_taken + count):
            batches = len(self._chain_batches)
            harvests = self._harvests_of[self._chain_batches[index % batches]]
            kind, record_id, day = harvests[(index // batches) % len(harvests)]
            grams = self.rng.randint(150, 1500) * 1000 + self.rng.randrange(1000)
            self._used[(kind, record_id)] = self._used.get((kind, record_id), 0) + grams
            taken.append((kind, record_id, day, grams))
        self._chain_taken += count
        return taken

    def first_generation(self, product: str, sources: int, code: str | None = None,
                         chain: bool = False) -> int:
        taken = (self._take_for_chain if chain else self._take)(product, sources)
        day = max(item[2] for item in taken)
        lot_id = self._lot(product, sum(item[3] for item in taken), day, day, code)
        for kind, record_id, _, grams in taken:
            self.sources.append({
                "id": len(self.sources) + 1, "lot_id": lot_id,
                "harvest_id": record_id if kind == "harvest" else None,
                "delivery_id": record_id if kind == "delivery" else None,
                "animal_id": None, "quantity": grams})
        return lot_id

    def _transformation(self, kind: TransformationKind, day: dt.date, parents: list[int],
                        shares: list[float], codes: list[str | None] | None = None,
                        ) -> list[int]:
        rng = self.rng
        product = self.product_by_id[self.lots[parents[0] - 1]["product_id"]]
        inputs = [self.lots[parent - 1]["quantity"] for parent in parents]
        total_in = sum(inputs)
        loss = 0
        if rng.random() < 0.3:
            loss = total_in * rng.randint(5, 20) // 1000
        total_out = total_in - loss
        amounts = [int(total_out * share) for share in shares[:-1]]
        amounts.append(total_out - sum(amounts))
        harvest_date = min((self.lots[parent - 1]["harvest_date"] for parent in parents
                            if self.lots[parent - 1]["harvest_date"]), default=None)
        step_id = len(self.transformations) + 1
        self.transformations.append({
            "id": step_id, "created_at": _at(day, 15), "kind": kind, "occurred_on": day,
            "input_quantity": total_in, "output_quantity": total_out, "loss_quantity": loss,
            "loss_reason": "分拣损耗" if loss else "", "operator": "packer1"})
        children = [self._lot(product, amount, day, harvest_date,
                              codes[index] if codes else None)
                    for index, amount in enumerate(amounts)]
        for parent, given in zip(parents, inputs, strict=True):
            self._consumed.add(parent)
            self.lots[parent - 1]["status"] = LotStatus.CONSUMED
            for child, amount in zip(children, amounts, strict=True):
                self.links.append({"id": len(self.links) + 1, "transformation_id": step_id,
                                   "parent_lot_id": parent, "child_lot_id": child,
                                   "quantity": given * amount // total_out})
        return children

    def split(self, parent: int, parts: int, day: dt.date,
              codes: list[str | None] | None = None) -> list[int]:
        weights = [self.rng.uniform(1, 3) for _ in range(parts)]
        shares = [weight / sum(weights) for weight in weights]
        return self._transformation(TransformationKind.SPLIT, day, [parent], shares, codes)

    def merge(self, parents: list[int], day: dt.date, code: str | None = None) -> int:
        return self._transformation(TransformationKind.MERGE, day, parents, [1.0], [code])[0]

    def deep_chain(self) -> list[int]:
        """The chain of DEEP_GENERATIONS generations; returns its leaves (labelled lots)."""
        product = DEEP_PRODUCT if self._queues.get(DEEP_PRODUCT) else max(
            self._queues, key=lambda code: len(self._queues[code]))
        root = self.first_generation(product, 2, "DEEP-00-ROOT", chain=True)
        current, day = root, self.lot_day[root - 1]
        leaves: list[int] = []
        middle = root
        for generation in range(1, DEEP_GENERATIONS + 1):
            day += _days(1)
            tag = f"DEEP-{generation:02d}"
            main_code = f"{tag}-LEAF" if generation == DEEP_GENERATIONS else f"{tag}-M"
            if generation % 2 == 1:
                main, side = self.split(current, 2, day, [main_code, f"{tag}-S"])
                if generation % 4 == 1:
                    leaves += self.split(side, 2, day, [f"{tag}-S1", f"{tag}-S2"])
                else:
                    leaves.append(side)
            else:
                if generation % 8 == 0:
                    halves = [self.first_generation(product, 1, f"{tag}-Y{n}", chain=True)
                              for n in (1, 2)]
                    extra = self.merge(halves, max(self.lot_day[half - 1] for half in halves)
                                       + _days(1), f"{tag}-X")
                else:
                    extra = self.first_generation(product, 2 if generation % 4 == 2 else 1,
                                                  f"{tag}-X", chain=True)
                day = max(day, self.lot_day[extra - 1] + _days(1))
                main = self.merge([current, extra], day, main_code)
            current = main
            if generation == DEEP_GENERATIONS // 2:
                middle = main
        self.deep = {"product": product, "generations": DEEP_GENERATIONS,
                     "root": self.lots[root - 1]["code"], "middle": self.lots[middle - 1]["code"],
                     "leaf": self.lots[current - 1]["code"],
                     "lots": [lot["code"] for lot in self.lots[root - 1:]]}
        return [*leaves, current]

    def ordinary_lots(self, first_count: int, derived_count: int) -> None:
        """``first_count`` first-generation lots in families of 2-8; ``derived_count`` lots made
        by splitting and merging inside the families (so chains stay a few generations deep)."""
        rng = self.rng
        products = sorted(self._queues)
        total = sum(len(self._queues[code]) for code in products)
        counts = [first_count * len(self._queues[code]) // total for code in products]
        counts[products.index(max(products, key=lambda code: len(self._queues[code])))] += (
            first_count - sum(counts))
        families: list[list[int]] = []
        for product, count in zip(products, counts, strict=True):
            made = 0
            while made < count:
                size = min(rng.randint(2, 8), count - made)
                families.append([self.first_generation(product, rng.choices((1, 2, 3),
                                                                            (50, 35, 15))[0])
                                 for _ in range(size)])
                made += size
        ratio = derived_count / first_count
        quotas = [int(len(family) * ratio) for family in families]
        short = derived_count - sum(quotas)
        for index in rng.sample(range(len(families)), min(short, len(families))):
            quotas[index] += 1
        quotas[-1] += derived_count - sum(quotas)
        for family, quota in zip(families, quotas, strict=True):
            pool = list(family)
            left = quota
            while left > 0:
                day = max(self.lot_day[lot - 1] for lot in pool) + _days(rng.randint(1, 3))
                if len(pool) >= 2 and (left == 1 or rng.random() < 0.45):
                    count = min(rng.choice((2, 2, 3)), len(pool))
                    parents = [pool.pop()] if rng.random() < 0.6 else []
                    while len(parents) < count:
                        parents.append(pool.pop(rng.randrange(len(pool))))
                    pool.append(self.merge(parents, day))
                    left -= 1
                else:
                    index = len(pool) - 1 if rng.random() < 0.6 else rng.randrange(len(pool))
                    parts = min(rng.choice((2, 2, 3, 4)), left)
                    children = self.split(pool.pop(index), parts, day)
                    pool += children
                    left -= len(children)

    # --- quality, labels, shipments ---------------------------------------------------------

    def quality_records(self) -> None:
        rng = self.rng
        first_generation = {source["lot_id"] for source in self.sources}
        for lot_id in sorted(first_generation):
            lot = self.lots[lot_id - 1]
            if rng.random() >= 0.6 and not lot["code"].startswith("DEEP"):
                continue
            failed = rng.random() < 0.03 and not lot["code"].startswith("DEEP")
            day = self.lot_day[lot_id - 1]
            record_id = self._record(lot_id=lot_id, kind=QualityKind.RAPID_RESIDUE, day=day,
                                     failed=failed, laboratory="合作社速测室")
            value = rng.randint(55, 85) if failed else rng.randint(3, 45)
            self._parameter(record_id, "有机磷和氨基甲酸酯类农药(酶抑制率)", Decimal(value),
                            Decimal(50), "%", not failed)
            if failed and lot_id not in self._consumed:
                lot["status"] = LotStatus.HELD
        for batch in self.batches:
            if rng.random() >= 0.08:
                continue
            day = batch["planted_on"] + _days(80)
            record_id = self._record(batch_id=batch["id"], kind=QualityKind.LAB_REPORT,
                                     day=day, failed=False,
                                     laboratory="武威市农产品质量安全检验检测中心")
            for name, limit in rng.sample(RESIDUES, 3):
                maximum = Decimal(limit)
                self._parameter(record_id, name, (maximum * Decimal(rng.randint(0, 60)) / 100)
                                .quantize(Decimal("0.0001")), maximum, "mg/kg", True)

    def _record(self, *, kind: QualityKind, day: dt.date, failed: bool, laboratory: str,
                lot_id: int | None = None, batch_id: int | None = None) -> int:
        record_id = len(self.quality) + 1
        self.quality.append({
            "id": record_id, "version": 1, "created_at": _at(day, 11),
            "code": f"QC{day:%y}-{record_id:07d}", "lot_id": lot_id, "batch_id": batch_id,
            "animal_id": None, "kind": kind, "tested_on": day, "tested_by": "内检员",
            "laboratory": laboratory,
            "report_number": f"WW{day:%Y}{record_id:06d}" if batch_id else "",
            "result": QualityResult.FAIL if failed else QualityResult.PASS, "notes": ""})
        return record_id

    def _parameter(self, record_id: int, name: str, value: Decimal, limit: Decimal, unit: str,
                   passed: bool) -> None:
        self.parameters.append({"id": len(self.parameters) + 1, "record_id": record_id,
                                "name": name, "value": value, "limit": limit, "unit": unit,
                                "limit_is_maximum": True, "passed": passed})

    def labels_and_shipments(self, deep_leaves: list[int]) -> None:
        rng = self.rng
        count = max(3, self.sizes.members // 10)
        for number in range(1, count + 1):
            index = (number - 1) % len(CUSTOMER_NAMES)
            name = CUSTOMER_NAMES[index]
            if number > len(CUSTOMER_NAMES):
                name += f"{number // len(CUSTOMER_NAMES) + 1}号商户"
            self.customers.append({
                "id": number, "version": 1, "created_at": _at(dt.date(2023, 12, 1)),
                "cooperative_id": self.cooperative_id, "code": f"C{number:04d}", "name": name,
                "kind": CUSTOMER_KINDS[index], "contact": rng.choice(SURNAMES) + "经理",
                "phone": f"13{rng.randrange(10**9):09d}", "address": ""})

        deep = set(deep_leaves)
        leaf_of_chain = deep_leaves[-1]
        deep_counts = {lot_id: DEEP_LEAF_PACKAGES if lot_id == leaf_of_chain
                       else DEEP_SIDE_PACKAGES for lot_id in deep_leaves}
        ordinary = [lot["id"] for lot in self.lots
                    if lot["id"] not in self._consumed and lot["id"] not in deep
                    and lot["status"] != LotStatus.HELD]
        remaining = self.sizes.labels - sum(deep_counts.values())
        if ordinary:
            weights = [rng.expovariate(1.0) for _ in ordinary]
            scale = remaining / sum(weights)
            counts = [int(weight * scale) for weight in weights]
            for index in rng.choices(range(len(ordinary)), k=remaining - sum(counts)):
                counts[index] += 1
            for lot_id, labels in zip(ordinary, counts, strict=True):
                if labels:
                    self.label_counts[lot_id] = labels
        else:
            deep_counts[leaf_of_chain] += remaining
        # The chain's labels are printed last: the deep leaf has the highest serials, and
        # "label" is the first of them (a scanned label is traced like its lot).
        self.label_counts.update(deep_counts)
        self.deep["label"] = str(self.sizes.labels - deep_counts[leaf_of_chain] + 1)
        for lot_id in self.label_counts:
            lot = self.lots[lot_id - 1]
            lot["pack_date"] = self.lot_day[lot_id - 1] + _days(rng.randint(0, 2))
            shelf = self.products[self.product_by_id[lot["product_id"]]][4]
            lot["best_before"] = lot["pack_date"] + _days(shelf)
            lot["status"] = LotStatus.RELEASED
            lot["grade"] = "一级"

        # The deep chain: its leaf goes out in two shipments, every other side branch in one.
        side = deep_leaves[:-1:2]
        self._ship([(leaf_of_chain, 0.3)], customer=1)
        self._ship([(leaf_of_chain, 0.3)], customer=2)
        for lot_id in side:
            self._ship([(lot_id, 1.0)], customer=3)
        shipped = [lot_id for lot_id in sorted(self.label_counts)
                   if lot_id not in deep and rng.random() < 0.4]
        while shipped:
            size = rng.randint(1, 6)
            group, shipped = shipped[:size], shipped[size:]
            self._ship([(lot_id, 1.0 if rng.random() < 0.65 else rng.uniform(0.2, 0.8))
                        for lot_id in group], customer=rng.randint(1, len(self.customers)))

    def _ship(self, parts: list[tuple[int, float]], customer: int) -> None:
        rng = self.rng
        day = max(self.lots[lot_id - 1]["pack_date"] for lot_id, _ in parts) + _days(
            rng.randint(1, 3))
        shipment_id = len(self.shipments) + 1
        self.shipments.append({
            "id": shipment_id, "version": 1, "created_at": _at(day, 14),
            "code": f"FH{day:%y%m%d}-{shipment_id:06d}", "customer_id": customer,
            "shipped_on": day, "vehicle": f"甘H{rng.randrange(10**5):05d}",
            "driver": rng.choice(SURNAMES) + rng.choice(GIVEN), "notes": ""})
        for lot_id, share in parts:
            lot = self.lots[lot_id - 1]
            grams = int(lot["quantity"] * share)
            if share >= 1.0:
                lot["status"] = LotStatus.SHIPPED
            self.lines.append({"id": len(self.lines) + 1, "shipment_id": shipment_id,
                               "lot_id": lot_id, "package_id": None, "quantity": grams,
                               "unit_price": Decimal(rng.randint(150, 1200)).scaleb(-2)})

    def finish_quantities(self) -> None:
        """Harvests and deliveries hold what the lots took from them and a little more."""
        rng = self.rng
        for kind, rows in (("harvest", self.harvests), ("delivery", self.deliveries)):
            for row in rows:
                used = self._used.get((kind, row["id"]))
                grams = (used + used * rng.randint(0, 8) // 100 if used
                         else rng.randint(300, 3000) * 1000)
                row["quantity"] = _kg(grams)

    def packages(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        serial = 0
        for lot_id, count in self.label_counts.items():
            lot = self.lots[lot_id - 1]
            weights = [Decimal(value) for value in
                       self.products[self.product_by_id[lot["product_id"]]][5]]
            weight = rng.choice(weights)
            start = _at(lot["pack_date"], 7)
            for index in range(count):
                serial += 1
                voided = rng.random() < 0.002
                yield {"id": serial, "cooperative_id": self.cooperative_id, "serial": serial,
                       "lot_id": lot_id, "net_weight": weight, "unit": "kg",
                       "template": "crate-100x70", "printer": "TSC-包装间1",
                       "printed_at": start + dt.timedelta(seconds=12 * index),
                       "printed_by": "packer1", "weighing_id": None,
                       "status": PackageStatus.VOIDED if voided else PackageStatus.PRINTED,
                       "void_reason": "标签打印不清" if voided else None,
                       "reprint_count": 1 if voided else 0}


def _with_kg(rows: Iterable[dict[str, Any]], *fields: str) -> Iterator[dict[str, Any]]:
    """The rows with gram integers in ``fields`` turned into Decimal kilograms."""
    for row in rows:
        yield {**row, **{name: _kg(row[name]) for name in fields}}


def _insert(connection: Connection, model: type[Base], rows: Iterable[dict[str, Any]],
            log: Callable[[str], None]) -> int:
    table = cast(Table, model.__table__)
    statement = insert(table)
    count = 0
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            connection.execute(statement, chunk)
            count += len(chunk)
            chunk = []
            if count % (CHUNK * 10) == 0:
                log(f"  {table.name}: {count:,}")
    if chunk:
        connection.execute(statement, chunk)
        count += len(chunk)
    log(f"{table.name}: {count:,} rows")
    return count


def generate(out: Path | str, sizes: Sizes = DEFAULT_SIZES, seed: int = 1,
             log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Make the database ``out`` (which must not exist) and write its summary beside it;
    returns the summary."""
    out = Path(out)
    began = time.perf_counter()

    def say(message: str) -> None:
        if log is not None:
            log(f"[{time.perf_counter() - began:7.1f}s] {message}")

    check_sizes(sizes)
    if out.exists():
        raise GenerateError(f"{out} exists; generate into a new file")
    out.parent.mkdir(parents=True, exist_ok=True)
    db = Database.open(str(out))
    try:
        prepare(db)
        cooperative_id = create_cooperative(
            db, SYSTEM, name="武威市凉州区瓜果种植专业合作社(基准测试)",
            name_en="Liangzhou Melon Growers' Cooperative (benchmark)",
            registration_code="93620602MA7BENCH01", province="甘肃省", county="凉州区",
            phone="0935-1234567", trace_base_url="https://trace.example-coop.cn")
        product_ids = {code: register_product(db, SYSTEM, code=code, name_zh=name_zh,
                                              kind="crop", name_en=name_en, variety=variety,
                                              shelf_life_days=shelf, grades=["一级", "二级"])
                       for code, name_zh, name_en, variety, shelf, _ in PRODUCTS}
        say(f"schema, cooperative and {len(product_ids)} products")

        plan = Plan(sizes, seed, cooperative_id, product_ids)
        plan.people_and_land()
        plan.seasons()
        shape = chain_shape()
        first_total = round(sizes.lots * FIRST_GENERATION_SHARE)
        deep_leaves = plan.deep_chain()
        plan.ordinary_lots(first_total - shape["first"],
                           sizes.lots - first_total - shape["derived"])
        plan.quality_records()
        plan.labels_and_shipments(deep_leaves)
        plan.finish_quantities()
        assert len(plan.lots) == sizes.lots, (len(plan.lots), sizes.lots)
        say(f"planned {len(plan.lots):,} lots ({len(plan.sources):,} sources, "
            f"{len(plan.links):,} links); inserting")

        counts: dict[str, int] = {"cooperatives": 1, "products": len(product_ids),
                                  "serial_counters": 1}
        with db.engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert raw is not None
            # Generation only: nothing here needs to survive a power cut.
            raw.execute("PRAGMA synchronous = OFF")
            raw.execute("PRAGMA cache_size = -262144")
            raw.execute("PRAGMA temp_store = MEMORY")
            steps: list[list[tuple[type[Base], Iterable[dict[str, Any]]]]] = [
                [(Member, plan.members), (Plot, plan.plots),
                 (PlantingBatch, plan.batches),
                 (FieldActivity, plan.activities),
                 (Harvest, plan.harvests),
                 (MemberDelivery, plan.deliveries)],
                [(Lot, _with_kg(plan.lots, "quantity")),
                 (LotSource, _with_kg(plan.sources, "quantity")),
                 (Transformation, _with_kg(
                     plan.transformations, "input_quantity", "output_quantity",
                     "loss_quantity")),
                 (LotLink, _with_kg(plan.links, "quantity"))],
                [(QualityRecord, plan.quality),
                 (QualityParameter, plan.parameters),
                 (Customer, plan.customers)],
                [(Package, plan.packages())],
                [(Shipment, plan.shipments),
                 (ShipmentLine, _with_kg(plan.lines, "quantity"))],
            ]
            for step in steps:
                with connection.begin():
                    for model, rows in step:
                        counts[model.__tablename__] = _insert(connection, model, rows, say)
            with connection.begin():
                connection.execute(update(SerialCounter)
                                   .where(SerialCounter.cooperative_id == cooperative_id)
                                   .values(next_serial=counts["packages"] + 1))
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    seconds = round(time.perf_counter() - began, 1)
    summary = {"database": str(out), "seed": seed, "sizes": asdict(sizes), "counts": counts,
               "next_serial": counts["packages"] + 1,
               "deep": {key: value for key, value in plan.deep.items() if key != "lots"},
               "deep_lots": plan.deep["lots"], "seconds": seconds,
               "bytes": out.stat().st_size}
    summary_path(out).write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")
    say(f"done: {out} ({summary['bytes'] / 2**20:.0f} MiB) in {seconds} s; deep lot "
        f"{plan.deep['leaf']} (root {plan.deep['root']}, middle {plan.deep['middle']})")
    return summary


def sizes_from(members: int | None = None, plots: int | None = None, lots: int | None = None,
               labels: int | None = None, scale: float = 1.0) -> Sizes:
    """The counts given (the defaults for the others), each multiplied by ``scale``."""
    given = Sizes(members or DEFAULT_SIZES.members, plots or DEFAULT_SIZES.plots,
                  lots or DEFAULT_SIZES.lots, labels or DEFAULT_SIZES.labels)
    return given if scale == 1.0 else given.scaled(scale)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the SQLite file to create (must not exist)")
    parser.add_argument("--members", type=int)
    parser.add_argument("--plots", type=int)
    parser.add_argument("--lots", type=int)
    parser.add_argument("--labels", type=int)
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply every count (0.01: 100 times fewer of everything)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sizes = sizes_from(args.members, args.plots, args.lots, args.labels, args.scale)
    try:
        summary = generate(args.out, sizes, args.seed,
                           log=lambda message: print(message, flush=True))
    except GenerateError as error:
        print(f"generate: {error}", file=sys.stderr)
        return 2
    print(json.dumps({"deep": summary["deep"], "counts": summary["counts"]},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
