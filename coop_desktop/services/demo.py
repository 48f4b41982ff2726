"""Demo data: a realistic farmers' cooperative in Wuwei, Gansu, made through the public services.

``load_demo`` fills an empty database (migrated to head) with member households from Liangzhou
District and Minqin, Gulang and Tianzhu counties, their plots and planting batches with a full
field record (fertiliser, drip irrigation, sprays with their pre-harvest intervals), harvests and
weighed member deliveries, sheep and white yak with vaccinations and treatments, lots made,
merged, split and processed, rapid residue tests (exactly one failed, its lot held), one lab
report, labels, shipments to a Lanzhou wholesale market, an online shop and a supermarket (one
with cold-chain temperatures and a short excursion above 8 °C), a green food certificate close to
expiry, an organic certificate, and a season of soil and greenhouse sensor readings.

Every record is written by the same service functions the program uses, as the program itself
(``SYSTEM``), so each has its audit entry and the audit chain verifies. Everything is drawn from
``random.Random(seed)`` and dated relative to ``today``: the same seed and day give the same
records. Nothing is dated after ``today``.

Stories worth showing (the summary's ``sample_lot`` is the first):

- the sample lot: melons harvested from two sprayed batches, two lots tested and merged, a lab
  report on the merged lot, then split; the sample lot is the gift-box part, labelled box by box
  and shipped to the online shop;
- one tomato lot failed its rapid residue test and is held;
- one tomato batch was sprayed two days before ``today``: harvesting it is refused until its
  pre-harvest interval ends;
- one lamb is inside the withdrawal period of an antibiotic: it cannot be slaughtered;
- fresh wolfberry lots were dried into two grades of dried wolfberry with the water loss declared;
- the green food certificate of the melons expires 30 to 45 days after ``today``.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from sqlalchemy import select

from coop_desktop.devices.simulators import DEMO_TAGS
from coop_desktop.domain.errors import StorageError
from coop_desktop.domain.gs1 import check_digit
from coop_desktop.domain.id_numbers import id_check_char
from coop_desktop.domain.models import (
    ActivityKind,
    AnimalEventKind,
    CertStatus,
    ChannelKind,
    Cooperative,
    CustomerKind,
    LandType,
    Lot,
    Member,
    PovertyStatus,
    ProductKind,
    QualityKind,
    Role,
    Scheme,
    SensorChannel,
    Sex,
    Species,
    User,
)
from coop_desktop.services.certifications import attach_document, record_certification
from coop_desktop.services.deliveries import record_delivery
from coop_desktop.services.demo_compliance import load_compliance
from coop_desktop.services.labels import print_labels
from coop_desktop.services.livestock import record_animal_event, register_animal
from coop_desktop.services.lots import (
    OutputInput,
    SourceInput,
    create_lot,
    merge_lots,
    process_lots,
    release_lot,
    split_lot,
    suggest_lot_code,
)
from coop_desktop.services.members import register_member, register_plot, set_plot_certification
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.production import record_activity, record_harvest, register_batch
from coop_desktop.services.products import register_product
from coop_desktop.services.quality import AttachmentInput, ParameterInput, record_quality
from coop_desktop.services.sales import (
    LineInput,
    add_temperatures,
    record_shipment,
    register_customer,
)
from coop_desktop.services.sensors import (
    ChannelInput,
    register_sensor,
    season_start,
    store_readings,
)
from coop_desktop.services.setup import create_cooperative
from coop_desktop.services.users import add_user
from coop_desktop.services.weighings import WeighingInput
from coop_desktop.storage.database import Database

#: The demo's users, one per role: (user name, role, password). README lists them.
DEMO_USERS: tuple[tuple[str, Role, str], ...] = (
    ("admin", Role.ADMIN, "demo-admin"),
    ("manager", Role.MANAGER, "demo-manager"),
    ("clerk", Role.CLERK, "demo-clerk"),
    ("packer", Role.PACKER, "demo-packer"),
    ("quality", Role.QUALITY_OFFICER, "demo-quality"),
    ("auditor", Role.AUDITOR, "demo-auditor"),
)

#: Fewer households cannot carry every story (two melon growers, tomatoes, wolfberry, livestock).
MIN_MEMBERS = 10

CST = dt.timezone(dt.timedelta(hours=8), "CST")  # China Standard Time, where the co-op works
_SENSOR_MAX_DAYS = 184  # readings go back to 1 March, but never more than half a year


@dataclass(frozen=True)
class DemoSummary:
    """How many records the demo wrote, and the lot to trace first."""

    members: int
    plots: int
    batches: int
    activities: int
    harvests: int
    deliveries: int
    animals: int
    lots: int
    quality_records: int
    labels: int
    shipments: int
    certifications: int
    sensors: int
    readings: int
    users: int
    sample_lot: str
    payouts: int = 0
    inspections: int = 0
    trainings: int = 0
    organic_codes: int = 0  # 有机码 used on labels


def load_demo(db: Database, *, members: int = 60, seed: int = 7,
              today: dt.date | None = None) -> DemoSummary:
    """Fill an empty database with a demo cooperative of about ``members`` households.

    Refuses (``storage.not_empty``) a database that already holds a cooperative, a member or a
    lot, before writing anything. Users that already exist (say, an administrator created at
    the first start) are kept, and the demo user of that name is skipped.
    """
    with db.read() as session:
        for model in (Cooperative, Member, Lot):
            if session.execute(select(model.id).limit(1)).first() is not None:
                raise StorageError("storage.not_empty", target=db.describe())
        existing_users = set(session.execute(select(User.username)).scalars())
    builder = _DemoBuilder(db, random.Random(seed), today or dt.date.today(),
                           max(int(members), MIN_MEMBERS), existing_users)
    return builder.build()


# --- places, people, things --------------------------------------------------------------------

@dataclass(frozen=True)
class _Township:
    county: str
    area_code: str  # GB/T 2260 code of the county, the first six digits of an ID number
    name: str
    villages: tuple[str, ...]
    latitude: float
    longitude: float


_LIANGZHOU, _MINQIN, _GULANG, _TIANZHU = "凉州区", "民勤县", "古浪县", "天祝藏族自治县"
_TOWNSHIPS: dict[str, _Township] = {town.name: town for town in (
    _Township(_LIANGZHOU, "620602", "清源镇", ("王庄村", "蔡寨村", "发展村", "清源村"),
              37.985, 102.531),
    _Township(_LIANGZHOU, "620602", "黄羊镇", ("新店村", "上庄村", "七里村", "黄羊村"),
              37.712, 102.738),
    _Township(_LIANGZHOU, "620602", "永昌镇", ("白云村", "石碑村", "下二截村"), 38.047, 102.720),
    _Township(_LIANGZHOU, "620602", "双城镇", ("双城村", "南安村", "河东村"), 38.101, 102.633),
    _Township(_LIANGZHOU, "620602", "武南镇", ("武南村", "新华村", "新关村"), 37.803, 102.752),
    _Township(_MINQIN, "620621", "薛百镇", ("双茨科村", "宋和村", "何家村"), 38.552, 103.051),
    _Township(_MINQIN, "620621", "苏武镇", ("羊路村", "龙二村", "西湖村"), 38.603, 103.102),
    _Township(_MINQIN, "620621", "东坝镇", ("东坝村", "六坝村", "小西村"), 38.472, 103.031),
    _Township(_GULANG, "620622", "黄花滩镇", ("康宁村", "富民新村", "旱滩坡村"), 37.622, 103.221),
    _Township(_GULANG, "620622", "西靖镇", ("阳光新村", "感恩新村", "西靖村"), 37.551, 103.018),
    _Township(_GULANG, "620622", "土门镇", ("土门村", "新胜村", "和乐村"), 37.601, 102.952),
    _Township(_TIANZHU, "620623", "抓喜秀龙镇", ("南泥沟村", "永丰村", "代乾村"), 37.203, 102.631),
    _Township(_TIANZHU, "620623", "华藏寺镇", ("华藏寺村", "岔口驿村"), 36.982, 103.131),
)}

# What a household mainly does, and where such households live.
_SPECIALTY_TOWNSHIPS: dict[str, tuple[str, ...]] = {
    "HM": ("清源镇", "永昌镇", "双城镇", "薛百镇", "苏武镇", "东坝镇"),
    "BL": ("清源镇", "双城镇", "永昌镇"),
    "TM": ("黄羊镇", "武南镇", "清源镇"),
    "GF": ("清源镇", "苏武镇", "黄羊镇"),
    "WB": ("黄花滩镇", "西靖镇", "薛百镇"),
    "sheep": ("永昌镇", "土门镇", "西靖镇", "东坝镇", "黄羊镇"),
    "yak": ("抓喜秀龙镇", "华藏寺镇"),
}
_CROP_SHARES = (("BL", 0.10), ("TM", 0.20), ("GF", 0.15), ("WB", 0.20))  # the rest grow HM

_SURNAMES = "王李张刘陈杨赵马魏孙徐段郭何石蒋雷贾苏周韩朱罗高谢"
_GIVEN_MALE = ("建国", "永红", "国庆", "志强", "玉福", "德明", "学军", "海军", "万福", "长春",
               "生荣", "吉祥", "有才", "正文", "发祥", "天禄", "克俭", "世杰", "振华", "兴旺",
               "立新", "金山", "玉林", "春生", "进财", "守仁")
_GIVEN_FEMALE = ("秀兰", "桂英", "玉梅", "翠花", "淑珍", "桂芳", "红霞", "文娟", "小燕", "兰英",
                 "金花", "凤英")
_TIBETAN_NAMES = (("才让东珠", True), ("扎西卓玛", False), ("多杰才旦", True), ("拉毛草", False),
                  ("桑吉加", True), ("才让卓玛", False), ("尕藏扎西", True), ("旦增多杰", True),
                  ("东智才让", True), ("卓玛吉", False))
_PHONE_PREFIXES = ("138", "139", "135", "137", "150", "151", "152", "157", "158", "182", "187",
                   "188", "130", "131", "132", "155", "156", "186", "133", "153", "180", "181",
                   "189", "177", "199")
_BANKS = (("中国农业银行武威分行", "622848"), ("甘肃省农村信用社", "622955"),
          ("中国邮政储蓄银行武威市分行", "621799"))


@dataclass(frozen=True)
class _ProductSpec:
    code: str
    name_zh: str
    name_en: str
    variety: str
    kind: ProductKind
    item_reference: str | None  # with the company prefix, the GTIN-13 body
    shelf_life_days: int
    grades: tuple[str, ...]


_PRODUCTS = (
    _ProductSpec("HM", "蜜瓜", "Honeydew melon", "西州蜜25号", ProductKind.CROP, "001", 20,
                 ("特级", "一级", "二级")),
    _ProductSpec("BL", "白兰瓜", "Bailan melon", "白兰瓜", ProductKind.CROP, "002", 25,
                 ("特级", "一级", "二级")),
    _ProductSpec("GF", "人参果", "Pepino (ginseng fruit)", "大紫", ProductKind.CROP, "003", 15,
                 ("一级", "二级")),
    _ProductSpec("WB", "鲜枸杞", "Fresh wolfberry", "宁杞7号", ProductKind.CROP, None, 5,
                 ("一级", "二级")),
    _ProductSpec("TM", "番茄", "Greenhouse tomato", "粉冠", ProductKind.CROP, None, 12,
                 ("一级", "二级")),
    _ProductSpec("DW", "枸杞干果", "Dried wolfberry", "宁杞7号", ProductKind.PROCESSED, "004", 540,
                 ("特优", "特级", "甲级", "乙级")),
    _ProductSpec("MT", "羊肉", "Mutton (chilled)", "滩羊、湖羊", ProductKind.ANIMAL, "005", 7,
                 ("一级", "二级")),
    _ProductSpec("YK", "牦牛肉", "White yak beef (chilled)", "天祝白牦牛", ProductKind.ANIMAL, None,
                 10, ("一级",)),
)
_CROPS = ("HM", "BL", "TM", "GF", "WB")
_PRICES = {"HM": (2.8, 3.6), "BL": (2.4, 3.0), "TM": (2.6, 3.4), "GF": (4.5, 6.5),
           "WB": (9.0, 13.0)}  # yuan per kg paid to members
_WHOLESALE = {"HM": (4.4, 5.0), "BL": (3.6, 4.2), "TM": (3.8, 4.6), "GF": (7.2, 8.6)}
_GROWTH_DAYS = {"HM": 95, "BL": 100, "TM": 85, "GF": 140, "WB": 95}  # planting to first pick
_PICK_KG_PER_MU = {"HM": (900, 1300), "BL": (800, 1100), "TM": (1200, 1800), "GF": (600, 900),
                   "WB": (120, 200)}
# The co-op collects each crop on fixed days: so many days before today, every few days.
_COLLECTION_DAYS = {"HM": range(45, 2, -3), "BL": range(45, 2, -3), "TM": range(44, 3, -4),
                    "GF": range(45, 4, -5), "WB": range(42, 5, -6)}
_PLANTS_PER_MU = {"HM": 600, "BL": 600, "TM": 2200, "GF": 2500}


@dataclass(frozen=True)
class _Pesticide:
    name: str
    registration_no: str  # 农药登记证号
    active_ingredient: str
    dose_per_mu: int
    unit: str
    phi_days: int  # 安全间隔期
    target: str


_IMIDACLOPRID = _Pesticide("10%吡虫啉可湿性粉剂", "PD20083264", "吡虫啉 10%", 20, "g", 7, "蚜虫")
_CHLOROTHALONIL = _Pesticide("75%百菌清可湿性粉剂", "PD20092681", "百菌清 75%", 100, "g", 7,
                             "早疫病")
_SPRAYS: dict[str, tuple[_Pesticide, ...]] = {
    "melon": (
        _IMIDACLOPRID,
        _Pesticide("250克/升嘧菌酯悬浮剂", "PD20130872", "嘧菌酯 250 g/L", 60, "mL", 7, "白粉病"),
        _Pesticide("70%甲基硫菌灵可湿性粉剂", "PD20096031", "甲基硫菌灵 70%", 50, "g", 14,
                   "蔓枯病"),
        _Pesticide("43%戊唑醇悬浮剂", "PD20101427", "戊唑醇 43%", 15, "mL", 21, "白粉病"),
    ),
    "greenhouse": (
        _CHLOROTHALONIL,
        _IMIDACLOPRID,
        _Pesticide("22.4%螺虫乙酯悬浮剂", "PD20120341", "螺虫乙酯 22.4%", 30, "mL", 7, "烟粉虱"),
        _Pesticide("50%腐霉利可湿性粉剂", "PD20093758", "腐霉利 50%", 60, "g", 14, "灰霉病"),
        _Pesticide("1.8%阿维菌素乳油", "PD20070152", "阿维菌素 1.8%", 40, "mL", 14, "红蜘蛛"),
    ),
    "organic": (  # allowed under GB/T 19630
        _Pesticide("0.3%苦参碱水剂", "PD20101906", "苦参碱 0.3%", 150, "mL", 10, "枸杞蚜虫"),
        _Pesticide("1%印楝素微乳剂", "PD20121850", "印楝素 1%", 50, "mL", 7, "枸杞木虱"),
        _Pesticide("45%石硫合剂结晶粉", "PD86109", "多硫化钙 45%", 250, "g", 15, "枸杞锈螨"),
    ),
}
_SPRAY_GROUP = {"HM": "melon", "BL": "melon", "TM": "greenhouse", "GF": "greenhouse",
                "WB": "organic"}


@dataclass(frozen=True)
class _Drug:
    name: str
    registration_no: str  # 兽药批准文号
    dose: str
    withdrawal_days: int | None  # 休药期; None for vaccines


_PPR_VACCINE = _Drug("小反刍兽疫活疫苗（Clone9株）", "兽药生字(2019)050162005", "1 mL/只", None)
_FMD_VACCINE = _Drug("口蹄疫O型、A型二价灭活疫苗", "兽药生字(2021)150345073", "1 mL/只", None)
_FMD_VACCINE_CATTLE = _Drug(_FMD_VACCINE.name, _FMD_VACCINE.registration_no, "2 mL/头", None)
_BRUCELLA_VACCINE = _Drug("布鲁氏菌病活疫苗（S2株）", "兽药生字(2020)150012301", "口服 1头份", None)
_ALBENDAZOLE = _Drug("阿苯达唑片", "兽药字(2020)110012345", "10 mg/kg 体重，口服", 4)
_IVERMECTIN = _Drug("伊维菌素注射液", "兽药字(2019)150342211", "0.2 mg/kg 体重，皮下注射", 35)
_OXYTETRACYCLINE = _Drug("盐酸土霉素注射液", "兽药字(2021)110058762", "10 mg/kg 体重，肌内注射",
                         28)

_STAFF_TECHNICIAN = "农技员 郭志强"
_STAFF_CREW = "合作社采收队"
_STAFF_BASE = "合作社基地生产组"
_STAFF_SPRAYERS = "植保队 赵永红"
_STAFF_WEIGHER = "过磅员 马玉福"
_STAFF_QUALITY = "内检员 陈玉梅"
_STAFF_VET = "村级防疫员 何德明"


# --- what the builder keeps about what it wrote --------------------------------------------

@dataclass
class _Household:
    member_id: int
    code: str
    name: str
    township: _Township
    village: str
    specialty: str


@dataclass
class _PlotInfo:
    plot_id: int
    code: str
    household: _Household
    product: str | None
    area: Decimal
    land_type: LandType


@dataclass
class _BatchInfo:
    batch_id: int
    code: str
    plot: _PlotInfo
    product: str
    planted_on: dt.date
    picks: list[dt.date]
    by_crew: bool  # the co-op's crew harvests it; otherwise the household delivers
    seed_lot: str


@dataclass
class _Source:
    kind: Literal["harvest", "delivery"]
    record_id: int  # the harvest or delivery; 0 while only planned
    batch_id: int
    product: str
    day: dt.date
    quantity: Decimal
    grade: str


@dataclass
class _LotInfo:
    lot_id: int
    code: str
    product: str
    day: dt.date
    quantity: Decimal
    sources: list[_Source] = field(default_factory=list)


@dataclass
class _AnimalInfo:
    animal_id: int
    ear_tag: str
    species: Species
    sex: Sex
    birth_date: dt.date
    household: _Household
    weight: Decimal | None = None
    alive: bool = True
    kept: bool = False  # not for slaughter now (inside a withdrawal period, or for breeding)


def _spec(code: str) -> _ProductSpec:
    return next(spec for spec in _PRODUCTS if spec.code == code)


def _q(value: float | Decimal | int, places: str = "0.001") -> Decimal:
    """A decimal rounded to what its column keeps, so audit snapshots match the stored value."""
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _luhn_digit(body: str) -> str:
    total = 0
    for index, digit in enumerate(reversed(body)):
        value = int(digit) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _credit_code(prefix: str, organisation: str) -> str:
    """A unified social credit code (GB 32100): prefix, organisation code with its GB 11714
    check character, and the final check character."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum((int(ch) if ch.isdigit() else ord(ch) - 55) * weight
                for ch, weight in zip(organisation, weights, strict=True))
    check = 11 - total % 11
    body = prefix + organisation + {10: "X", 11: "0"}.get(check, str(check))
    total = sum(_USCC_CHARS.index(ch) * weight
                for ch, weight in zip(body, _USCC_WEIGHTS, strict=True))
    return body + _USCC_CHARS[(31 - total % 31) % 31]


def _xk3190_frame(weight: Decimal, decimals: int) -> bytes:
    """A Yaohua XK3190-A9 continuous-output frame: STX, sign, six digits, the number of decimal
    places, the XOR of those eight bytes as two ASCII hex nibbles, ETX."""
    digits = f"{int(abs(weight) * 10 ** decimals):06d}"
    body = (b"-" if weight < 0 else b"+") + digits.encode("ascii") + str(decimals).encode("ascii")
    xor = 0
    for byte in body:
        xor ^= byte
    return b"\x02" + body + f"{xor:02X}".encode("ascii") + b"\x03"


class _DemoBuilder:
    """Writes the demo, step by step, remembering what later steps need."""

    def __init__(self, db: Database, rng: random.Random, today: dt.date, members: int,
                 existing_users: set[str]) -> None:
        self.db = db
        self.rng = rng
        self.today = today
        self.member_count = members
        self.existing_users = existing_users
        self.counts: Counter[str] = Counter()
        self.products: dict[str, int] = {}
        self.customers: dict[str, int] = {}
        self.households: list[_Household] = []
        self.plots: list[_PlotInfo] = []
        self.batches: list[_BatchInfo] = []
        self.sources: list[_Source] = []
        self.animals: list[_AnimalInfo] = []
        self.lot_codes: set[str] = set()
        self.record_numbers: Counter[str] = Counter()
        self.used_names: set[str] = set()
        self.used_ids: set[str] = set()
        self.used_eids: set[str] = set()
        self.ear_tag_serial = 10_000_000 + rng.randrange(500_000)
        self.input_lots = {pesticide.name: [self._input_lot(), self._input_lot()]
                           for group in _SPRAYS.values() for pesticide in group}

    # --- small helpers -------------------------------------------------------------------

    def day(self, days_ago: int) -> dt.date:
        return self.today - dt.timedelta(days=days_ago)

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), CST)

    def _input_lot(self) -> str:
        made = self.day(self.rng.randint(120, 420))
        return f"{made:%Y%m%d}{self.rng.randint(1, 12):02d}"

    def number(self, prefix: str, day: dt.date) -> str:
        """The next record number of a kind on a day: QC260815-01, FH260816-02, …"""
        key = f"{prefix}{day:%y%m%d}"
        self.record_numbers[key] += 1
        return f"{key}-{self.record_numbers[key]:02d}"

    def lot_code(self, product: str, day: dt.date) -> str:
        code = suggest_lot_code(self.db, product, day)
        # A split or processing step makes several lots at once: number them on from there.
        while code in self.lot_codes:
            code = f"{code[:-2]}{int(code[-2:]) + 1:02d}"
        self.lot_codes.add(code)
        return code

    def weighing(self, day: dt.date, net: Decimal, *, truck: bool) -> WeighingInput:
        if truck:  # a loaded farm lorry or tricycle over the weighbridge, division 1 kg
            tare = Decimal(self.rng.randrange(420, 2600, 10))
            device, decimals = "耀华 XK3190-A9 + SCS-30 地磅（收购站）", 0
        else:  # crates on the platform scale in the packing shed, division 0.5 kg
            tare = _q(self.rng.randint(10, 40) * Decimal("1.2"), "0.1")
            device, decimals = "耀华 XK3190-A9 + TCS-3000 台秤（包装车间）", 1
        gross = net + tare
        return WeighingInput(gross=gross, tare=tare, unit="kg", stable=True, device=device,
                             raw_frame=_xk3190_frame(gross, decimals), operator=_STAFF_WEIGHER,
                             weighed_at=self.at(day, self.rng.randint(7, 18),
                                                self.rng.randint(0, 59)))

    def net_weight(self, low: float, high: float, *, truck: bool) -> Decimal:
        value = self.rng.uniform(low, high)
        return _q(round(value)) if truck else _q(round(value * 2) / 2, "0.1")

    # --- the steps -------------------------------------------------------------------------

    def build(self) -> DemoSummary:
        self.cooperative()
        self.users()
        self.register_products()
        self.register_customers()
        self.register_households()
        self.register_plots()
        self.certifications()
        self.production()
        self.livestock()
        crop_lots = self.crop_lots()
        sample = self.sample_story(crop_lots)
        self.crop_quality_and_sales(crop_lots)
        self.dried_wolfberry(crop_lots["WB"])
        self.meat()
        self.sensors()
        counts = self.counts
        counts.update(load_compliance(self.db, random.Random(self.rng.random()), self.today))
        return DemoSummary(
            members=counts["members"], plots=counts["plots"], batches=counts["batches"],
            activities=counts["activities"], harvests=counts["harvests"],
            deliveries=counts["deliveries"], animals=counts["animals"], lots=counts["lots"],
            quality_records=counts["quality_records"], labels=counts["labels"],
            shipments=counts["shipments"], certifications=counts["certifications"],
            sensors=counts["sensors"], readings=counts["readings"], users=counts["users"],
            sample_lot=sample, payouts=counts["payouts"], inspections=counts["inspections"],
            trainings=counts["trainings"], organic_codes=counts["organic_codes"])

    def cooperative(self) -> None:
        create_cooperative(
            self.db, SYSTEM, name="武威市凉州区丰源瓜果种养殖农民专业合作社",
            name_en="Fengyuan Melon and Livestock Farmers' Cooperative, Liangzhou, Wuwei",
            registration_code=_credit_code("93620602", "MA72C4LN"), province="甘肃省",
            county=_LIANGZHOU, address="甘肃省武威市凉州区清源镇王庄村六组88号",
            phone="0935-2261387", gs1_company_prefix="697208134",
            trace_base_url="https://fy.example.cn")

    def users(self) -> None:
        names = {"admin": "系统管理员", "manager": "理事长 魏建国", "clerk": "文员 李秀兰",
                 "packer": "包装工 张海军", "quality": _STAFF_QUALITY,
                 "auditor": "凉州区农业农村局 监督员"}
        for username, role, password in DEMO_USERS:
            if username in self.existing_users:
                continue
            add_user(self.db, SYSTEM, username=username, role=role, password=password,
                     display_name=names[username])
            self.counts["users"] += 1

    def register_products(self) -> None:
        prefix = "697208134"
        for spec in _PRODUCTS:
            gtin = None
            if spec.item_reference is not None:
                body = prefix + spec.item_reference
                gtin = body + str(check_digit(body))
            self.products[spec.code] = register_product(
                self.db, SYSTEM, code=spec.code, name_zh=spec.name_zh, kind=spec.kind,
                name_en=spec.name_en, variety=spec.variety, unit="kg", gtin=gtin,
                shelf_life_days=spec.shelf_life_days, grades=list(spec.grades))

    def register_customers(self) -> None:
        self.customers["wholesale"] = register_customer(
            self.db, SYSTEM, code="C-DQS", name="兰州大青山蔬菜瓜果批发市场",
            kind=CustomerKind.WHOLESALE, contact="马经理", phone="0931-2513062",
            address="甘肃省兰州市七里河区大青山路1号")
        self.customers["online"] = register_customer(
            self.db, SYSTEM, code="C-WEB", name="丰源凉州优品网店（线上旗舰店）",
            kind=CustomerKind.ONLINE_SHOP, contact="李娟", phone="18809351266",
            address="甘肃省武威市凉州区电子商务产业园3号楼")
        self.customers["supermarket"] = register_customer(
            self.db, SYSTEM, code="C-HL", name="兰州华联生鲜超市（西固店）",
            kind=CustomerKind.SUPERMARKET, contact="张主管", phone="0931-7553210",
            address="甘肃省兰州市西固区福利路168号")

    # --- member households ---------------------------------------------------------------

    def _specialties(self) -> list[str]:
        rng, total = self.rng, self.member_count
        livestock = max(2, round(total * 0.2))
        yak = max(1, round(livestock / 4))
        crop_total = total - livestock
        counts = {code: max(1, round(share * crop_total)) for code, share in _CROP_SHARES}
        counts["HM"] = crop_total - sum(counts.values())
        specialties = [code for code, count in counts.items() for _ in range(count)]
        specialties += ["sheep"] * (livestock - yak) + ["yak"] * yak
        rng.shuffle(specialties)
        return specialties

    def _name(self, specialty: str) -> tuple[str, bool]:
        rng = self.rng
        for _ in range(100):
            if specialty == "yak":
                name, male = rng.choice(_TIBETAN_NAMES)
            else:
                male = rng.random() < 0.85
                name = rng.choice(_SURNAMES) + rng.choice(_GIVEN_MALE if male else _GIVEN_FEMALE)
            if name not in self.used_names:
                break
        self.used_names.add(name)
        return name, male

    def _id_number(self, township: _Township, male: bool) -> str:
        rng = self.rng
        while True:
            born = dt.date(self.today.year - rng.randint(32, 66), rng.randint(1, 12),
                           rng.randint(1, 28))
            sequence = rng.randint(1, 99) * 10 + rng.choice((1, 3, 5, 7, 9) if male
                                                            else (0, 2, 4, 6, 8))
            body = f"{township.area_code}{born:%Y%m%d}{sequence:03d}"
            number = body + id_check_char(body)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def register_households(self) -> None:
        rng = self.rng
        specialties = self._specialties()
        poor = set(rng.sample(range(len(specialties)), max(1, round(len(specialties) * 0.15))))
        for index, specialty in enumerate(specialties):
            township = _TOWNSHIPS[rng.choice(_SPECIALTY_TOWNSHIPS[specialty])]
            village = rng.choice(township.villages)
            name, male = self._name(specialty)
            bank, bin_prefix = rng.choice(_BANKS)
            account = bin_prefix + "".join(str(rng.randint(0, 9)) for _ in range(12))
            fields: dict[str, object] = {
                "id_number": self._id_number(township, male), "township": township.name,
                "village": village, "household_size": rng.choice((2, 3, 3, 4, 4, 4, 5, 5, 6, 7)),
                "phone": rng.choice(_PHONE_PREFIXES) + f"{rng.randrange(10 ** 8):08d}",
                "payout_bank": bank, "payout_account": account + _luhn_digit(account),
            }
            if index in poor:
                if rng.random() < 0.7:  # 建档立卡户, lifted out of poverty by 2020
                    since = self.today.year - rng.randint(10, 12)
                    fields.update(poverty_status=PovertyStatus.REGISTERED,
                                  poverty_since_year=since,
                                  poverty_exit_year=min(since + rng.randint(3, 5),
                                                        self.today.year - 1))
                else:  # 防返贫监测户
                    fields.update(poverty_status=PovertyStatus.MONITORED,
                                  poverty_since_year=self.today.year - rng.randint(2, 5))
            if specialty == "yak":
                fields["notes"] = "天祝白牦牛养殖户，夏季在抓喜秀龙草原放牧"
            code = f"M{index + 1:04d}"
            member_id = register_member(self.db, SYSTEM, code=code, name=name,
                                        joined_on=self.day(rng.randint(200, 2900)), **fields)
            self.counts["members"] += 1
            self.households.append(_Household(member_id, code, name, township, village,
                                              specialty))

    def register_plots(self) -> None:
        rng = self.rng
        target = round(len(self.households) * 1.5)
        second = set(rng.sample(range(len(self.households)), target - len(self.households)))
        for index, household in enumerate(self.households):
            for number in range(1, 3 if index in second else 2):
                self._register_plot(household, number)

    def _register_plot(self, household: _Household, number: int) -> None:
        rng = self.rng
        specialty = household.specialty
        product: str | None = specialty if specialty in _CROPS else None
        if specialty in ("TM", "GF"):
            land, area = LandType.SUNLIGHT_GREENHOUSE, _q(rng.choice((0.8, 1.0, 1.2, 1.5)), "0.01")
            name = f"{rng.randint(1, 30)}号日光温室"
        elif specialty == "yak":
            land, area = LandType.PASTURE, _q(rng.randrange(200, 600, 10), "0.01")
            name = f"{household.village}冬春草场" if number == 1 else "抓喜秀龙夏季草场"
        elif specialty == "sheep":
            land, area = LandType.IRRIGATED, _q(rng.randint(4, 12) / 2, "0.01")
            name = "青贮玉米饲草地"
        else:
            land = LandType.IRRIGATED
            low, high = (10, 40) if specialty == "WB" else (6, 20)
            area = _q(rng.randint(low, high) / 2, "0.01")
            name = (household.village + rng.choice("东西南北")
                    + rng.choice(("滩", "湾", "坪", "梁")) + "地")
        town = household.township
        code = f"{household.code}-{number}"
        plot_id = register_plot(
            self.db, SYSTEM, member_id=household.member_id, code=code, area_mu=area,
            land_type=land, name=name, village=household.village,
            latitude=round(town.latitude + rng.uniform(-0.04, 0.04), 6),
            longitude=round(town.longitude + rng.uniform(-0.04, 0.04), 6),
            in_gi_area=specialty == "HM" and town.county == _MINQIN)  # 民勤蜜瓜
        self.counts["plots"] += 1
        self.plots.append(_PlotInfo(plot_id, code, household, product, area, land))

    # --- certificates ----------------------------------------------------------------------

    def certifications(self) -> None:
        rng = self.rng
        melon_plots = [plot for plot in self.plots if plot.product in ("HM", "BL")]
        until = self.day(-rng.randint(30, 45))  # close to expiry: renewal is due
        since = until - dt.timedelta(days=3 * 365)  # a green food certificate runs three years
        green = record_certification(
            self.db, SYSTEM, scheme=Scheme.GREEN_FOOD,
            number=f"LB-18-{since:%y%m}62{rng.randint(1000, 9999)}A",
            certifier="中国绿色食品发展中心", valid_from=since, valid_until=until,
            product_ids=[self.products["HM"], self.products["BL"]],
            plot_ids=[plot.plot_id for plot in melon_plots],
            member_ids=sorted({plot.household.member_id for plot in melon_plots}),
            notes="绿色食品 A 级；续展申请材料请在到期前三个月提交")
        self._certificate_scan(green, "绿色食品证书", "中国绿色食品发展中心", since, until)
        self.counts["certifications"] += 1
        for plot in melon_plots:
            set_plot_certification(self.db, SYSTEM, plot.plot_id, Scheme.GREEN_FOOD,
                                   CertStatus.CERTIFIED, since=since, certified_on=since)

        wolfberry_plots = [plot for plot in self.plots if plot.product == "WB"]
        converting = {plot.plot_id for index, plot in enumerate(wolfberry_plots)
                      if index % 4 == 3}
        certified = [plot for plot in wolfberry_plots if plot.plot_id not in converting]
        organic_from = self.day(rng.randint(150, 220))
        organic = record_certification(
            self.db, SYSTEM, scheme=Scheme.ORGANIC,
            number=f"124OP{organic_from:%y}{rng.randint(100000, 999999)}",
            certifier="中绿华夏有机食品认证中心", valid_from=organic_from,
            valid_until=organic_from + dt.timedelta(days=364),
            product_ids=[self.products["WB"], self.products["DW"]],
            plot_ids=[plot.plot_id for plot in certified],
            member_ids=sorted({plot.household.member_id for plot in certified}),
            notes="GB/T 19630 有机产品认证；转换期地块不在范围内")
        self._certificate_scan(organic, "有机产品认证证书", "中绿华夏有机食品认证中心",
                               organic_from, organic_from + dt.timedelta(days=364))
        self.counts["certifications"] += 1
        for plot in wolfberry_plots:
            if plot.plot_id in converting:
                set_plot_certification(self.db, SYSTEM, plot.plot_id, Scheme.ORGANIC,
                                       CertStatus.IN_CONVERSION,
                                       since=self.day(rng.randint(300, 500)))
            else:
                first = self.day(rng.randint(900, 1500))
                set_plot_certification(self.db, SYSTEM, plot.plot_id, Scheme.ORGANIC,
                                       CertStatus.CERTIFIED, since=first,
                                       certified_on=first + dt.timedelta(days=730))

    def _certificate_scan(self, certification_id: int, title: str, certifier: str,
                          since: dt.date, until: dt.date) -> None:
        """A one-page stand-in for the certificate's scan (a real cooperative attaches its own);
        written with reportlab's invariant mode, so the demo stays the same for a seed."""
        import io

        from reportlab.pdfgen.canvas import Canvas

        from coop_desktop.labels.pdf import FONT_NAME, register_font

        register_font()
        buffer = io.BytesIO()
        page = Canvas(buffer, pagesize=(595, 842), invariant=1, initialFontName=FONT_NAME)
        page.setFont(FONT_NAME, 28)
        page.drawCentredString(297, 700, title)
        page.setFont(FONT_NAME, 14)
        for line, text in enumerate((f"发证机构：{certifier}",
                                     f"有效期：{since.isoformat()} 至 {until.isoformat()}",
                                     "（演示数据：扫描件样张）")):
            page.drawCentredString(297, 620 - 30 * line, text)
        page.showPage()
        page.save()
        attach_document(self.db, SYSTEM, certification_id,
                        AttachmentInput(f"{title}扫描件.pdf", buffer.getvalue(),
                                        "application/pdf", "证书扫描件"))

    # --- planting batches, field records, harvests and deliveries ------------------------

    def production(self) -> None:
        rng = self.rng
        crop_plots = [plot for plot in self.plots if plot.product is not None]
        melon_seen = 0
        plans: list[tuple[_PlotInfo, str, list[dt.date], bool]] = []
        for plot in crop_plots:
            assert plot.product is not None
            product = plot.product
            if product == "HM" and melon_seen < 2:
                # The two batches of the sample lot, picked by the crew 12 and 9 days ago.
                picks = [self.day(offset) for offset in ((24, 12), (21, 9))[melon_seen]]
                melon_seen += 1
                plans.append((plot, product, picks, True))
                continue
            plans.append((plot, product, [], rng.random() < 0.35))
        # Members bring about two deliveries each; the crew's batches are harvested 1-3 times.
        delivering = [index for index, plan in enumerate(plans) if not plan[3]]
        target = 2 * len(self.households)
        per_batch = dict.fromkeys(delivering, 1)
        for _ in range(max(0, target - len(delivering))):
            if not delivering:
                break
            index = rng.choice(delivering)
            per_batch[index] = min(per_batch[index] + 1, 6)
        for index, (plot, product, fixed_picks, by_crew) in enumerate(plans):
            picks = fixed_picks
            if not picks:
                offsets = list(_COLLECTION_DAYS[product])
                count = per_batch.get(index, rng.randint(1, 3))
                step = rng.choice((1, 2)) if len(offsets) >= 2 * count else 1
                start = rng.randrange(0, max(1, len(offsets) - step * (count - 1)))
                picks = [self.day(offsets[start + step * n]) for n in range(count)
                         if start + step * n < len(offsets)]
            self._batch(plot, product, sorted(picks), by_crew)
        self._pending_spray()
        self._record_sources()

    def _batch(self, plot: _PlotInfo, product: str, picks: list[dt.date], by_crew: bool) -> None:
        rng = self.rng
        first = picks[0]
        planted = first - dt.timedelta(days=_GROWTH_DAYS[product] + rng.randint(0, 8))
        sequence = sum(1 for batch in self.batches if batch.product == product) + 1
        code = f"{product}{planted:%y}-{sequence:03d}"
        season = (f"{planted.year}年采果季" if product == "WB" else
                  f"{planted.year}年{'春' if planted.month < 7 else '秋冬'}茬")
        spec = _spec(product)
        if product == "WB":
            set_out = planted.year - rng.randint(4, 8)
            source = f"宁夏枸杞苗木繁育中心 {spec.variety} 扦插苗，{set_out}年定植"
            seed_lot = f"NQ{planted.year - 6}-{rng.randint(10, 99)}"
        elif product in ("HM", "BL"):
            source = f"甘肃省农业科学院 {spec.variety} 嫁接苗（南瓜砧木）"
            seed_lot = f"YM{planted:%y%m}-{rng.randint(1, 40):02d}"
        else:
            source = f"凉州区现代农业育苗中心 {spec.variety} 穴盘苗"
            seed_lot = f"YM{planted:%y%m}-{rng.randint(1, 40):02d}"
        batch_id = register_batch(self.db, SYSTEM, code=code, plot_id=plot.plot_id,
                                  product_id=self.products[product], season=season,
                                  planted_on=planted, seed_source=source, seed_lot=seed_lot)
        self.counts["batches"] += 1
        batch = _BatchInfo(batch_id, code, plot, product, planted, picks, by_crew, seed_lot)
        self.batches.append(batch)
        self._field_record(batch)

    def _activity(self, batch: _BatchInfo, kind: ActivityKind, day: dt.date,
                  **fields: object) -> None:
        record_activity(self.db, SYSTEM, batch_id=batch.batch_id, kind=kind, performed_on=day,
                        **fields)
        self.counts["activities"] += 1

    def _field_record(self, batch: _BatchInfo) -> None:
        rng = self.rng
        product, planted, area = batch.product, batch.planted_on, batch.plot.area
        first, last = batch.picks[0], batch.picks[-1]
        farmer = _STAFF_BASE if batch.by_crew else batch.plot.household.name
        days = dt.timedelta
        if product == "WB":
            self._activity(batch, ActivityKind.OTHER, planted - days(rng.randint(6, 12)),
                           operator=farmer, notes="整形修剪、清园，剪除病虫枝")
            self._activity(batch, ActivityKind.FERTILISING, planted - days(rng.randint(2, 5)),
                           operator=farmer, input_name="商品有机肥（羊粪发酵）",
                           input_registration_no="农肥(2019)准字12637号",
                           input_lot=f"YJ{planted:%y%m}{rng.randint(1, 9)}",
                           amount=_q(1000 * area), amount_unit="kg", area_mu=area)
        else:
            self._activity(batch, ActivityKind.TILLAGE, planted - days(rng.randint(5, 9)),
                           operator=farmer,
                           notes="旋耕整地，铺设滴灌带" + ("、覆膜" if product in ("HM", "BL")
                                                       else ""))
            self._activity(batch, ActivityKind.FERTILISING, planted - days(rng.randint(2, 4)),
                           operator=farmer, input_name="硫酸钾型复合肥（15-15-15）",
                           input_lot=f"FH{planted:%y%m}-{rng.randint(1, 30):02d}",
                           amount=_q(rng.choice((40, 50)) * area), amount_unit="kg",
                           area_mu=area, notes="基肥，配施腐熟羊粪 2 m³/亩")
            self._activity(batch, ActivityKind.SOWING, planted, operator=farmer,
                           input_name=f"{_spec(product).variety} "
                                      + ("嫁接苗" if product in ("HM", "BL") else "穴盘苗"),
                           input_lot=batch.seed_lot, amount=_q(_PLANTS_PER_MU[product] * area),
                           amount_unit="株", area_mu=area, notes="定植")
        for offset in (12, 35, 60):
            if planted + days(offset) < last:
                self._activity(batch, ActivityKind.IRRIGATION, planted + days(offset),
                               operator=farmer, amount=_q(rng.randint(18, 30) * area),
                               amount_unit="m³", area_mu=area, notes="滴灌")
        if product != "WB" and planted + days(45) < first:
            self._activity(batch, ActivityKind.FERTILISING, planted + days(45), operator=farmer,
                           input_name="大量元素水溶肥料（20-20-20+TE）",
                           input_registration_no="农肥(2020)准字17085号",
                           input_lot=f"SR{planted:%y}{rng.randint(100, 999)}",
                           amount=_q(5 * area), amount_unit="kg", area_mu=area,
                           notes="随水追肥")
        # Sprays: each one's pre-harvest interval ends before the first pick.
        choices = list(_SPRAYS[_SPRAY_GROUP[product]])
        rng.shuffle(choices)
        sprays = sorted(choices[:rng.randint(1, 2)], key=lambda item: -item.phi_days)
        earliest = planted + days(25)
        for pesticide in sprays:
            latest = first - days(pesticide.phi_days + rng.randint(1, 6))
            if latest < earliest:
                continue
            day = earliest + days(rng.randint(0, (latest - earliest).days))
            earliest = day + days(1)
            self._activity(batch, ActivityKind.PLANT_PROTECTION, day,
                           operator=_STAFF_SPRAYERS if batch.by_crew else farmer,
                           input_name=pesticide.name,
                           input_registration_no=pesticide.registration_no,
                           active_ingredient=pesticide.active_ingredient,
                           input_lot=rng.choice(self.input_lots[pesticide.name]),
                           amount=_q(pesticide.dose_per_mu * area), amount_unit=pesticide.unit,
                           area_mu=area, phi_days=pesticide.phi_days,
                           notes=f"防治{pesticide.target}，安全间隔期 {pesticide.phi_days} 天")
        scouting = {"HM": "巡田：瓜蚜零星发生，白粉病未见", "BL": "巡田：长势良好，零星蔓枯病",
                    "TM": "巡棚：烟粉虱黄板诱虫量上升", "GF": "巡棚：个别植株红蜘蛛",
                    "WB": "巡园：枸杞木虱、蚜虫黄板监测"}
        self._activity(batch, ActivityKind.SCOUTING,
                       first - days(rng.randint(3, 10)), operator=_STAFF_TECHNICIAN,
                       notes=scouting[product])
        for pick in batch.picks:
            low, high = _PICK_KG_PER_MU[product]
            quantity_per_mu = rng.uniform(low, high)
            grade = rng.choices(("特级", "一级", "二级"), weights=(1, 15, 4))[0]
            if grade not in _spec(product).grades:
                grade = "一级"
            kind: Literal["harvest", "delivery"] = "harvest" if batch.by_crew else "delivery"
            if kind == "delivery":  # a household brings one load, not the whole pick
                quantity_per_mu *= rng.uniform(0.5, 0.9)
            self.sources.append(_Source(kind, 0, batch.batch_id, product, pick,
                                        _q(float(area) * quantity_per_mu), grade))

    def _pending_spray(self) -> None:
        """A tomato batch sprayed two days ago: its next pick must wait for the PHI."""
        tomatoes = [batch for batch in self.batches if batch.product == "TM"]
        batch = max(tomatoes, key=lambda item: (item.picks[-1], item.code))
        area = batch.plot.area
        self._activity(batch, ActivityKind.PLANT_PROTECTION, self.day(2),
                       operator=batch.plot.household.name, input_name=_CHLOROTHALONIL.name,
                       input_registration_no=_CHLOROTHALONIL.registration_no,
                       active_ingredient=_CHLOROTHALONIL.active_ingredient,
                       input_lot=self.input_lots[_CHLOROTHALONIL.name][0],
                       amount=_q(_CHLOROTHALONIL.dose_per_mu * area),
                       amount_unit=_CHLOROTHALONIL.unit, area_mu=area,
                       phi_days=_CHLOROTHALONIL.phi_days,
                       notes="连阴天后防治早疫病；下次采收须待安全间隔期满")

    def _record_sources(self) -> None:
        """Harvests and deliveries, day by day, as the weighbridge saw them."""
        rng = self.rng
        planned = sorted(self.sources, key=lambda item: (item.day, item.product,
                                                         item.batch_id))
        batches = {batch.batch_id: batch for batch in self.batches}
        recorded: list[_Source] = []
        for source in planned:
            batch = batches[source.batch_id]
            truck = source.quantity > 1500
            if source.kind == "harvest":
                net = (_q(round(source.quantity)) if truck
                       else _q(round(source.quantity * 2) / 2, "0.1"))
                weighing = self.weighing(source.day, net, truck=truck) if rng.random() < 0.5 \
                    else None
                record_id = record_harvest(self.db, SYSTEM, batch_id=batch.batch_id,
                                           harvested_on=source.day, quantity=net,
                                           grade=source.grade, weighing=weighing,
                                           operator=_STAFF_CREW)
                self.counts["harvests"] += 1
            else:
                net = _q(round(source.quantity))
                low, high = _PRICES[source.product]
                price = _q(rng.uniform(low, high), "0.1")
                weighed = rng.random() < 0.7
                record_id = record_delivery(
                    self.db, SYSTEM, code=self.number("JS", source.day),
                    member_id=batch.plot.household.member_id,
                    product_id=self.products[source.product], delivered_on=source.day,
                    quantity=None if weighed else net,
                    weighing=self.weighing(source.day, net, truck=True) if weighed else None,
                    batch_id=batch.batch_id, grade=source.grade, unit_price=_q(price, "0.01"))
                self.counts["deliveries"] += 1
            recorded.append(_Source(source.kind, record_id, batch.batch_id, source.product,
                                    source.day, net, source.grade))
        self.sources = recorded

    # --- livestock ---------------------------------------------------------------------

    def _ear_tag(self, species: Species, household: _Household) -> str:
        self.ear_tag_serial += self.rng.randint(1, 40)
        digit = "3" if species == Species.SHEEP else "2"  # 3 sheep and goats, 2 cattle and yak
        return f"{digit}{household.township.area_code}{self.ear_tag_serial:08d}"

    def _eid(self) -> str:
        for country, national in DEMO_TAGS:  # the simulated EID reader's tags come first
            eid = f"{country}{national:012d}"
            if eid not in self.used_eids:
                self.used_eids.add(eid)
                return eid
        while True:
            eid = f"156{self.rng.randrange(10 ** 11, 10 ** 12):012d}"  # ISO 11784, China
            if eid not in self.used_eids:
                self.used_eids.add(eid)
                return eid

    def _animal(self, household: _Household, species: Species, breed: str, sex: Sex,
                born: dt.date, herd: str, *, eid: bool, dam: _AnimalInfo | None = None,
                sire: _AnimalInfo | None = None) -> _AnimalInfo:
        ear_tag = self._ear_tag(species, household)
        animal_id = register_animal(
            self.db, SYSTEM, ear_tag=ear_tag, species=species, owner_member_id=household.member_id,
            breed=breed, sex=sex, birth_date=born, herd=herd,
            eid=self._eid() if eid else None,
            dam_id=dam.animal_id if dam else None, sire_id=sire.animal_id if sire else None)
        self.counts["animals"] += 1
        info = _AnimalInfo(animal_id, ear_tag, species, sex, born, household)
        self.animals.append(info)
        return info

    def _event(self, animal: _AnimalInfo, kind: AnimalEventKind, day: dt.date, *,
               drug: _Drug | None = None, weighing: WeighingInput | None = None,
               for_food: bool = True, **fields: object) -> None:
        if drug is not None:
            fields.update(product_name=drug.name, product_registration_no=drug.registration_no,
                          dose=drug.dose, withdrawal_days=drug.withdrawal_days,
                          product_lot=f"{day.year}{sum(map(ord, drug.name)) % 900 + 100}")
        record_animal_event(self.db, SYSTEM, animal_id=animal.animal_id, kind=kind,
                            occurred_on=day, weighing=weighing, for_food=for_food,
                            operator=_STAFF_VET, **fields)

    def _scale_reading(self, day: dt.date, kilograms: float) -> WeighingInput:
        weight = _q(round(kilograms * 2) / 2, "0.1")
        return WeighingInput(gross=weight, tare=Decimal(0), unit="kg", stable=True,
                             device="耀华 XK3190-A12E 牲畜秤", raw_frame=_xk3190_frame(weight, 1),
                             operator=_STAFF_VET,
                             weighed_at=self.at(day, self.rng.randint(7, 10),
                                                self.rng.randint(0, 59)))

    def livestock(self) -> None:
        sheep_households = [item for item in self.households if item.specialty == "sheep"]
        yak_households = [item for item in self.households if item.specialty == "yak"]
        for index, household in enumerate(sheep_households):
            self._sheep(household, index)
        for index, household in enumerate(yak_households):
            self._yak(household, index)

    def _sheep(self, household: _Household, index: int) -> None:
        rng = self.rng
        breed = "湖羊" if household.township.county in (_MINQIN, _LIANGZHOU) else "滩羊"
        herd = f"{household.village}{household.name}家羊舍"
        ram = self._animal(household, Species.SHEEP, breed, Sex.MALE,
                           self.day(rng.randint(900, 1400)), herd, eid=True)
        self._event(ram, AnimalEventKind.PURCHASE, self.day(rng.randint(300, 700)),
                    counterparty="民勤县种羊繁育场", from_place="民勤县种羊繁育场",
                    to_place=herd, notes="种公羊，附种畜禽合格证")
        ewes = [self._animal(household, Species.SHEEP, breed, Sex.FEMALE,
                             self.day(rng.randint(700, 1500)), herd, eid=rng.random() < 0.5)
                for _ in range(rng.randint(2, 3))]
        lambs: list[_AnimalInfo] = []
        for number in range(rng.randint(2, 4)):
            sex = (Sex.FEMALE if number == 0 else Sex.CASTRATED if number == 1
                   else rng.choice((Sex.MALE, Sex.CASTRATED, Sex.FEMALE)))
            lambs.append(self._animal(household, Species.SHEEP, breed, sex,
                                      self.day(rng.randint(150, 260)), herd,
                                      eid=rng.random() < 0.3, dam=rng.choice(ewes), sire=ram))
        herd_animals = [ram, *ewes, *lambs]
        ppr, fmd = self.day(rng.randint(60, 100)), self.day(rng.randint(30, 50))
        for animal in herd_animals:
            self._event(animal, AnimalEventKind.VACCINATION, ppr, drug=_PPR_VACCINE)
            self._event(animal, AnimalEventKind.VACCINATION, fmd, drug=_FMD_VACCINE)
        for animal in ewes:
            self._event(animal, AnimalEventKind.TREATMENT, self.day(rng.randint(110, 140)),
                        drug=_IVERMECTIN, notes="春季驱虫")
        deworming = self.day(rng.randint(70, 90))
        for lamb in lambs:
            self._event(lamb, AnimalEventKind.TREATMENT, deworming, drug=_ALBENDAZOLE,
                        notes="断奶后驱虫")
            last_weighing = rng.randint(12, 25)
            final_kg = rng.uniform(32, 46)
            daily_gain = rng.uniform(0.16, 0.26)  # kg a day while fattening
            for months in (3, 2, 1):  # monthly weighings before the last, for the gain chart
                earlier = self.day(last_weighing + 30 * months)
                if earlier > lamb.birth_date + dt.timedelta(days=30):
                    kilograms = final_kg - daily_gain * 30 * months + rng.uniform(-0.8, 0.8)
                    self._event(lamb, AnimalEventKind.WEIGHING, earlier,
                                weighing=self._scale_reading(earlier, kilograms))
            weighed_on = self.day(last_weighing)
            weighing = self._scale_reading(weighed_on, final_kg)
            self._event(lamb, AnimalEventKind.WEIGHING, weighed_on, weighing=weighing)
            lamb.weight = weighing.net
        if index == 0:
            patient = lambs[0]  # inside its withdrawal period until 18 days after today
            self._event(patient, AnimalEventKind.TREATMENT, self.day(10), drug=_OXYTETRACYCLINE,
                        notes="肺炎，连用 3 天；休药期内不得屠宰")
            patient.kept = True
            sold = ewes[-1]
            self._event(sold, AnimalEventKind.SALE, self.day(rng.randint(20, 40)), for_food=False,
                        counterparty="古浪县土门镇 马进财（种用）", to_place="古浪县土门镇",
                        notes="出售作种羊，附动物检疫合格证明")
            sold.alive = False
        if index == 1 or (index == 0 and len(lambs) > 2):
            lost = lambs[-1]
            self._event(lost, AnimalEventKind.DEATH, self.day(rng.randint(26, 40)),
                        notes="肠毒血症死亡，无害化处理")
            lost.alive = False

    def _yak(self, household: _Household, index: int) -> None:
        rng = self.rng
        herd = f"{household.name}家白牦牛群"
        bull = self._animal(household, Species.YAK, "天祝白牦牛", Sex.MALE,
                            self.day(rng.randint(2200, 2800)), herd, eid=True)
        cows = [self._animal(household, Species.YAK, "天祝白牦牛", Sex.FEMALE,
                             self.day(rng.randint(1500, 3000)), herd, eid=True)
                for _ in range(rng.randint(2, 3))]
        calves = [self._animal(household, Species.YAK, "天祝白牦牛",
                               rng.choice((Sex.MALE, Sex.FEMALE)),
                               self.day(rng.randint(180, 260)), herd, eid=True,
                               dam=rng.choice(cows), sire=bull)
                  for _ in range(rng.randint(1, 2))]
        steers = [self._animal(household, Species.YAK, "天祝白牦牛", Sex.CASTRATED,
                               self.day(rng.randint(1500, 1800)), herd, eid=True)
                  for _ in range(2)]
        everyone = [bull, *cows, *calves, *steers]
        moved = self.day(rng.randint(120, 150))
        for animal in everyone:
            self._event(animal, AnimalEventKind.TREATMENT, moved - dt.timedelta(days=10),
                        drug=_IVERMECTIN, notes="出牧前驱虫")
            self._event(animal, AnimalEventKind.MOVEMENT, moved,
                        from_place=f"{household.village}冬春草场", to_place="抓喜秀龙夏季牧场")
            self._event(animal, AnimalEventKind.VACCINATION, self.day(rng.randint(40, 60)),
                        drug=_FMD_VACCINE_CATTLE)
        for animal in [*cows, *calves]:
            self._event(animal, AnimalEventKind.VACCINATION, self.day(rng.randint(61, 90)),
                        drug=_BRUCELLA_VACCINE)
        for steer in steers:
            weighed_on = self.day(rng.randint(12, 20))
            weighing = self._scale_reading(weighed_on, rng.uniform(280, 340))
            self._event(steer, AnimalEventKind.WEIGHING, weighed_on, weighing=weighing)
            steer.weight = weighing.net
        if index > 0:  # other herds keep their steers for next year
            for steer in steers:
                steer.kept = True

    # --- lots ------------------------------------------------------------------------------

    def _create_lot(self, product: str, day: dt.date, sources: list[_Source],
                    notes: str = "") -> _LotInfo:
        grade = Counter(source.grade for source in sources).most_common(1)[0][0]
        code = self.lot_code(product, day)
        lot_id = create_lot(
            self.db, SYSTEM, code=code, product_id=self.products[product],
            sources=[SourceInput(source.kind, source.record_id, source.quantity)
                     for source in sources], grade=grade, pack_date=day, notes=notes)
        self.counts["lots"] += 1
        return _LotInfo(lot_id, code, product, day,
                        sum((source.quantity for source in sources), Decimal(0)), sources)

    def crop_lots(self) -> dict[str, list[_LotInfo]]:
        """One lot per crop and collection day, from that day's harvests and deliveries."""
        groups: dict[tuple[dt.date, str], list[_Source]] = defaultdict(list)
        for source in self.sources:
            groups[(source.day, source.product)].append(source)
        lots: dict[str, list[_LotInfo]] = {product: [] for product in _CROPS}
        for (day, product), sources in sorted(groups.items()):
            lots[product].append(self._create_lot(product, day, sources))
        return lots

    def _quality(self, *, kind: QualityKind, day: dt.date, parameters: list[ParameterInput],
                 lot: _LotInfo | None = None, batch_id: int | None = None, tested_by: str = "",
                 laboratory: str = "", report_number: str = "", notes: str = "",
                 attachments: list[AttachmentInput] | None = None) -> None:
        record_quality(self.db, SYSTEM, code=self.number("QC", day), kind=kind, tested_on=day,
                       parameters=parameters, lot_id=lot.lot_id if lot else None,
                       batch_id=batch_id, tested_by=tested_by, laboratory=laboratory,
                       report_number=report_number, notes=notes, attachments=attachments)
        self.counts["quality_records"] += 1

    def _rapid_test(self, lot: _LotInfo | None, day: dt.date, *, batch_id: int | None = None,
                    fail: bool = False) -> None:
        value = _q(self.rng.uniform(62.0, 71.0) if fail else self.rng.uniform(4.0, 38.0), "0.1")
        self._quality(kind=QualityKind.RAPID_RESIDUE, day=day, lot=lot, batch_id=batch_id,
                      parameters=[ParameterInput("有机磷和氨基甲酸酯类农药 酶抑制率", value, 50,
                                                 "%")],
                      tested_by=_STAFF_QUALITY,
                      notes=("GB/T 5009.199 酶抑制率法，农残速测仪" +
                             ("；阳性，已扣留，样品送实验室复检" if fail else "")))

    def _release(self, lot: _LotInfo) -> None:
        release_lot(self.db, SYSTEM, lot.lot_id)

    def _labels(self, lot: _LotInfo, weights: Sequence[Decimal], template: str,
                printer: str) -> list[int]:
        serials = print_labels(self.db, SYSTEM, lot_id=lot.lot_id, count=len(weights),
                               net_weights=list(weights), template=template, printer=printer)
        self.counts["labels"] += len(serials)
        return serials

    def _ship(self, customer: str, day: dt.date, lines: list[LineInput], *, vehicle: str,
              driver: str, notes: str = "") -> int:
        shipment_id = record_shipment(self.db, SYSTEM, code=self.number("FH", day),
                                      customer_id=self.customers[customer], shipped_on=day,
                                      lines=lines, vehicle=vehicle, driver=driver, notes=notes)
        self.counts["shipments"] += 1
        return shipment_id

    def _plate(self) -> str:
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        return (f"甘H{self.rng.choice(letters)}{self.rng.randint(0, 9)}"
                f"{self.rng.choice(letters)}{self.rng.randint(100, 999)}")

    def _driver(self) -> str:
        return self.rng.choice(_SURNAMES) + self.rng.choice(_GIVEN_MALE)

    def sample_story(self, lots: dict[str, list[_LotInfo]]) -> str:
        """Two melon lots tested, merged, lab-tested, split; the gift-box part is labelled and
        shipped to the online shop. Returns the gift-box lot's code."""
        rng = self.rng
        first_day, second_day = self.day(12), self.day(9)
        melons = lots["HM"]
        first = next(lot for lot in melons if lot.day == first_day)
        second = next(lot for lot in melons if lot.day == second_day)
        melons.remove(first)
        melons.remove(second)
        self._rapid_test(first, first_day)
        self._rapid_test(second, second_day)
        total = first.quantity + second.quantity
        loss = _q(total * Decimal("0.012"), "0.1")
        merged_code = self.lot_code("HM", second_day)
        merged_id = merge_lots(self.db, SYSTEM, [(first.lot_id, first.quantity),
                                                 (second.lot_id, second.quantity)],
                               merged_code, loss=loss,
                               loss_reason="分级挑出裂瓜、畸形瓜", occurred_on=second_day,
                               pack_date=second_day)
        self.counts["lots"] += 1
        merged = _LotInfo(merged_id, merged_code, "HM", second_day, total - loss)
        self._quality(
            kind=QualityKind.LAB_REPORT, day=second_day, lot=merged,
            parameters=[ParameterInput("吡虫啉", _q(rng.uniform(0.01, 0.05), "0.0001"), "0.2",
                                       "mg/kg"),
                        ParameterInput("嘧菌酯", _q(rng.uniform(0.005, 0.03), "0.0001"), "1",
                                       "mg/kg"),
                        ParameterInput("多菌灵", _q(rng.uniform(0.01, 0.08), "0.0001"), "0.5",
                                       "mg/kg"),
                        ParameterInput("可溶性固形物", _q(rng.uniform(13.5, 16.0), "0.1"), "12",
                                       "%", limit_is_maximum=False)],
            tested_by="武威市农产品质量安全检验检测中心",
            laboratory="武威市农产品质量安全检验检测中心（CMA 认证）",
            report_number=f"WWNJ-{second_day:%Y}-{rng.randint(1000, 4999)}",
            notes="网店入驻要求的委托检测；依据 GB 2763",
            attachments=[AttachmentInput(
                f"检测报告-{merged_code}.txt",
                f"委托检测报告 {merged_code}：吡虫啉、嘧菌酯、多菌灵均低于 GB 2763 限量，"
                "结论：合格。".encode(), "text/plain; charset=utf-8", "检测报告摘要")])
        boxes = min(60, max(10, int(merged.quantity * Decimal("0.12") / 5)))
        weights = [_q(rng.uniform(4.8, 5.3), "0.01") for _ in range(boxes)]
        boxed = sum(weights, Decimal(0))
        split_day = self.day(8)
        box_code = self.lot_code("HM", split_day)
        bulk_code = self.lot_code("HM", split_day)
        box_id, bulk_id = split_lot(
            self.db, SYSTEM, merged.lot_id,
            [OutputInput(box_code, boxed, grade="特级"),
             OutputInput(bulk_code, merged.quantity - boxed, grade="一级")],
            occurred_on=split_day, pack_date=split_day)
        self.counts["lots"] += 2
        box_lot = _LotInfo(box_id, box_code, "HM", split_day, boxed)
        bulk_lot = _LotInfo(bulk_id, bulk_code, "HM", split_day, merged.quantity - boxed)
        self._release(box_lot)
        self._release(bulk_lot)
        self._labels(box_lot, weights, "gift-box-100x70", "TSC TTP-244 Pro（包装车间）")
        self._ship("online", split_day, [LineInput(box_lot.lot_id, boxed, Decimal("9.80"))],
                   vehicle=self._plate(), driver=self._driver(),
                   notes=f"礼盒装 {boxes} 箱（每箱 2 个），发网店仓库")
        self._ship("wholesale", split_day,
                   [LineInput(bulk_lot.lot_id, bulk_lot.quantity, Decimal("4.80"))],
                   vehicle=self._plate(), driver=self._driver(), notes="散装，大青山市场 A 区")
        return box_code

    def crop_quality_and_sales(self, lots: dict[str, list[_LotInfo]]) -> None:
        """Test every crop lot older than two days (one tomato lot fails and is held), release
        the rest, and ship those older than four days to the wholesale market."""
        tomatoes = [lot for lot in lots["TM"] if (self.today - lot.day).days >= 4]
        failing = max(tomatoes, key=lambda lot: lot.day)
        for product in ("HM", "BL", "TM", "GF"):
            first_batch = next(batch for batch in self.batches if batch.product == product)
            sampled = first_batch.picks[0] - dt.timedelta(days=1)
            self._rapid_test(None, sampled, batch_id=first_batch.batch_id)
        shipping: dict[dt.date, list[_LotInfo]] = defaultdict(list)
        for lot in sorted((lot for product in ("HM", "BL", "TM", "GF") for lot in lots[product]),
                          key=lambda item: (item.day, item.code)):
            age = (self.today - lot.day).days
            if age <= 2:
                continue  # waiting for its test
            self._rapid_test(lot, lot.day, fail=lot is failing)
            if lot is failing:
                continue
            self._release(lot)
            if age > 4:
                shipping[lot.day + dt.timedelta(days=1)].append(lot)
        for day, shipped in sorted(shipping.items()):
            lines = []
            for lot in shipped:
                low, high = _WHOLESALE[lot.product]
                lines.append(LineInput(lot.lot_id, lot.quantity,
                                       _q(self.rng.uniform(low, high), "0.01")))
            self._ship("wholesale", day, lines, vehicle=self._plate(), driver=self._driver(),
                       notes="凉州—兰州，冷藏车 8–10 °C")

    def dried_wolfberry(self, fresh: list[_LotInfo]) -> None:
        """Dry fresh wolfberry in runs of up to three lots; grade, test, label and sell."""
        rng = self.rng
        runs = [fresh[start:start + 3] for start in range(0, len(fresh), 3)]
        for run in runs:
            processed_on = run[-1].day + dt.timedelta(days=3)
            if processed_on > self.day(2):
                continue  # still on the drying racks
            total = sum((lot.quantity for lot in run), Decimal(0))
            dried = total / Decimal(str(rng.uniform(4.2, 4.6)))
            premium = _q(dried * Decimal("0.65"), "0.1")
            standard = _q(dried * Decimal("0.35"), "0.1")
            codes = [self.lot_code("DW", processed_on), self.lot_code("DW", processed_on)]
            ids = process_lots(
                self.db, SYSTEM, [(lot.lot_id, lot.quantity) for lot in run],
                [OutputInput(codes[0], premium, self.products["DW"], "特级"),
                 OutputInput(codes[1], standard, self.products["DW"], "甲级")],
                loss=total - premium - standard, loss_reason="热风烘干失水及拣出杂质、油籽",
                occurred_on=processed_on, pack_date=processed_on)
            self.counts["lots"] += 2
            for lot_id, code, quantity, limit in zip(ids, codes, (premium, standard),
                                                     (370, 580), strict=True):
                lot = _LotInfo(lot_id, code, "DW", processed_on, quantity)
                tested = processed_on + dt.timedelta(days=1)
                self._quality(
                    kind=QualityKind.GRADING, day=tested, lot=lot, tested_by=_STAFF_QUALITY,
                    parameters=[ParameterInput("粒度", rng.randint(limit - 110, limit - 20),
                                               limit, "粒/50g"),
                                ParameterInput("水分", _q(rng.uniform(10.5, 12.8), "0.1"), 13,
                                               "%")],
                    notes="GB/T 18672 枸杞等级")
                self._rapid_test(lot, tested)
                self._release(lot)
                bags = min(80, int(quantity / Decimal("0.5")) - 1)
                if bags < 2:
                    continue
                weights = [_q(rng.uniform(0.500, 0.506), "0.001") for _ in range(bags)]
                self._labels(lot, weights, "bag-60x40", "TSC TTP-244 Pro（包装车间）")
                sold = weights[: bags // 2]
                shipped_on = min(tested + dt.timedelta(days=1), self.today)
                self._ship("online", shipped_on,
                           [LineInput(lot.lot_id, sum(sold, Decimal(0)),
                                      _q(60 if limit == 370 else 45, "0.01"))],
                           vehicle="顺丰速运", driver="顺丰快递员",
                           notes=f"有机枸杞干 500 g 袋装 {len(sold)} 袋")

    def meat(self) -> None:
        """Lambs and yak steers slaughtered at the designated abattoir, quarantined, packed and
        shipped chilled to Lanzhou with a temperature logger."""
        rng = self.rng
        lambs = [animal for animal in self.animals
                 if animal.species == Species.SHEEP and animal.alive and not animal.kept
                 and animal.sex in (Sex.MALE, Sex.CASTRATED) and animal.weight is not None]
        steers = [animal for animal in self.animals
                  if animal.species == Species.YAK and animal.sex == Sex.CASTRATED
                  and animal.alive and not animal.kept and animal.weight is not None]
        slaughtered_on = self.day(6)
        lines: list[LineInput] = []
        for product, animals, yield_rate, pack_kg, price in (
                ("MT", lambs[:6], 0.48, 2.5, 68), ("YK", steers[:2], 0.52, 5.0, 88)):
            if not animals:
                continue
            sources = [(animal, _q(float(animal.weight or 0) * yield_rate, "0.1"))
                       for animal in animals]
            code = self.lot_code(product, slaughtered_on)
            lot_id = create_lot(
                self.db, SYSTEM, code=code, product_id=self.products[product],
                sources=[SourceInput("animal", animal.animal_id, carcass)
                         for animal, carcass in sources],
                grade="一级", pack_date=slaughtered_on,
                notes="凉州区定点屠宰场屠宰，胴体排酸 24 小时后分割")
            self.counts["lots"] += 1
            for animal, _ in sources:
                animal.alive = False
            quantity = sum((carcass for _, carcass in sources), Decimal(0))
            lot = _LotInfo(lot_id, code, product, slaughtered_on, quantity)
            self._quality(
                kind=QualityKind.QUARANTINE, day=slaughtered_on, lot=lot,
                parameters=[ParameterInput("盐酸克伦特罗（瘦肉精）",
                                           _q(rng.uniform(0.0, 0.3), "0.01"), "0.5", "µg/kg")],
                tested_by="凉州区动物卫生监督所 官方兽医",
                report_number=f"动物检疫合格证明（产品A）62{rng.randint(10 ** 8, 10 ** 9 - 1)}",
                notes="宰前宰后检疫合格")
            self._release(lot)
            packs = max(1, min(40, int(quantity * Decimal("0.8") / Decimal(str(pack_kg)))))
            weights = [_q(rng.uniform(pack_kg * 0.96, pack_kg * 1.04), "0.01")
                       for _ in range(packs)]
            self._labels(lot, weights, "meat-100x100", "斑马 ZD888（冷库）")
            lines.append(LineInput(lot.lot_id, sum(weights, Decimal(0)), _q(price, "0.01")))
        if not lines:
            return
        shipped_on = self.day(4)
        shipment_id = self._ship("supermarket", shipped_on, lines, vehicle=self._plate(),
                                 driver=self._driver(),
                                 notes="冷藏车 0–4 °C，途经乌鞘岭，温度记录仪每 10 分钟记录")
        readings: list[tuple[dt.datetime, float]] = []
        start = self.at(shipped_on, 5, 30)
        for step in range(25):  # 05:30 to 09:30
            at = start + dt.timedelta(minutes=10 * step)
            celsius = rng.uniform(1.6, 3.6)
            if step in (13, 14):  # door opened at the Wushaoling service area
                celsius = rng.uniform(8.4, 9.6)
            readings.append((at, round(celsius, 1)))
        add_temperatures(self.db, SYSTEM, shipment_id, readings)

    # --- sensors -----------------------------------------------------------------------

    def sensors(self) -> None:
        """Soil sensors in two sunlight greenhouses and the melon field, and an air sensor, on
        one RS-485 bus (addresses 1–4), with a season of readings every 10 minutes. The NPK
        sensor's greenhouse missed its last irrigation: its soil moisture is below the lower
        threshold, so the home page shows a sensor alert."""
        melon_plot = next(plot for plot in self.plots if plot.product == "HM")
        greenhouses = [plot for plot in self.plots
                       if plot.land_type == LandType.SUNLIGHT_GREENHOUSE]
        first = greenhouses[0]
        second = greenhouses[1] if len(greenhouses) > 1 else first
        moisture = ChannelInput(ChannelKind.SOIL_MOISTURE, "%", 18, 35)
        soil_temperature = ChannelInput(ChannelKind.SOIL_TEMPERATURE, "°C", 8, 32)
        ec = ChannelInput(ChannelKind.SOIL_EC, "µS/cm", None, 2000)
        ph = ChannelInput(ChannelKind.SOIL_PH, "pH", 6.5, 8.8)
        air = [ChannelInput(ChannelKind.AIR_TEMPERATURE, "°C", 5, 35),
               ChannelInput(ChannelKind.AIR_HUMIDITY, "%RH", 30, 95)]
        for code, name, profile, plot, channels, address, minutes in (
                # A field station on a long cable is asked every half hour.
                ("SOIL-01", "瓜田土壤墒情站", "renke-soil", melon_plot,
                 [moisture, soil_temperature, ec], 1, 30),
                ("SOIL-02", "温室土壤传感器", "renke-soil", first,
                 [moisture, soil_temperature, ec, ph], 2, 10),
                ("SOIL-03", "温室土壤氮磷钾传感器", "jxct-soil-npk", second,
                 [moisture, soil_temperature, ec], 3, 10),
                ("AIR-01", "温室温湿度传感器", "rs485-air-th", first, air, 4, 10)):
            sensor_id = register_sensor(
                self.db, SYSTEM, code=code, name=name, profile=profile, channels=channels,
                plot_id=plot.plot_id, location=f"{plot.code} {plot.household.village}",
                bus_address=address, poll_seconds=minutes * 60)
            self.counts["sensors"] += 1
            with self.db.read() as session:
                channel_ids = list(session.execute(
                    select(SensorChannel.id).where(SensorChannel.sensor_id == sensor_id)
                    .order_by(SensorChannel.id)).scalars())
            for channel_id, channel in zip(channel_ids, channels, strict=True):
                readings = self._readings(ChannelKind(channel.kind), minutes,
                                          indoor=plot is not melon_plot,
                                          dry_at_the_end=code == "SOIL-03")
                self.counts["readings"] += store_readings(self.db, SYSTEM, channel_id, readings)

    def _readings(self, kind: ChannelKind, minutes: int, *, indoor: bool,
                  dry_at_the_end: bool = False) -> list[tuple[dt.datetime, float]]:
        """Every ``minutes`` from 1 March (at most half a year, at least three weeks back) up
        to the start of today: a daily cycle on a seasonal trend, irrigation with
        fertigation every third morning."""
        rng = self.rng
        first_day = max(season_start(self.today), self.day(_SENSOR_MAX_DAYS))
        first_day = min(first_day, self.day(21))
        start = self.at(first_day, 0)
        steps = (self.at(self.today, 0) - start) // dt.timedelta(minutes=minutes)
        per_day = 24 * 60 // minutes
        last_irrigation = steps - 4 * per_day if dry_at_the_end else steps
        readings: list[tuple[dt.datetime, float]] = []
        moisture, ec = 27.0, 760.0
        daily_peak = 0.0
        decimals = 2 if kind == ChannelKind.SOIL_PH else 1
        step_time = dt.timedelta(minutes=minutes)
        irrigation_step = 7 * 60 // minutes  # 07:00
        for step in range(steps):
            at = start + step * step_time
            hour = (step % per_day) * minutes / 60
            day = step // per_day
            if step % per_day == 0:
                daily_peak = rng.uniform(-3.0, 4.5)
            season = math.sin(math.pi * min(max((first_day.timetuple().tm_yday + day - 60)
                                                 / 240, 0.0), 1.0))  # 0 in March, 1 in July
            cycle = math.sin(2 * math.pi * (hour - 8) / 24)  # peaks at 14:00
            irrigation = step % (3 * per_day) == irrigation_step and step < last_irrigation
            if kind == ChannelKind.SOIL_MOISTURE:
                if irrigation:  # drip irrigation every third morning
                    moisture = rng.uniform(31.0, 33.5)
                moisture -= (0.05 + 0.05 * max(cycle, 0.0)) * (1 + season / 2) * minutes / 30
                value = max(moisture, 9.0) + rng.uniform(-0.2, 0.2)
            elif kind == ChannelKind.SOIL_TEMPERATURE:
                base = (14.0 if indoor else 6.0) + (9.0 if indoor else 16.0) * season
                value = (base + (2.5 if indoor else 4.5) * math.sin(2 * math.pi * (hour - 10) / 24)
                         + rng.uniform(-0.3, 0.3))
            elif kind == ChannelKind.SOIL_EC:
                if irrigation:
                    ec = 880.0  # fertigation
                ec = max(650.0, ec - 0.027 * minutes)
                value = ec + rng.uniform(-12, 12)
            elif kind == ChannelKind.SOIL_PH:
                value = 8.15 + rng.uniform(-0.04, 0.04)
            elif kind == ChannelKind.AIR_TEMPERATURE:
                value = (15.0 + 8.0 * season + (9.0 + daily_peak) * cycle
                         + rng.uniform(-0.4, 0.4))
            else:
                value = min(98.0, max(32.0, 68.0 - 24.0 * cycle + rng.uniform(-2.0, 2.0)))
            readings.append((at, round(value, decimals)))
        return readings

