"""What a scanned or typed code names: one resolver for the scanner, the search box and trace.

A USB scanner types whatever its symbol holds, so ``identify`` accepts every form a code takes
on the farm and in the packing shed:

- lot codes (``LA1``, any case);
- label serials typed as digits (``2``);
- label QR contents: GS1 Digital Link URIs ``https://host[/path]/01/{GTIN}/10/{lot}/21/{serial}?…``
  (the serial wins, else the lot) and short cooperative addresses ``{base}/l/{lot}[/{serial}]``;
- GS1 element strings as scanners send them from GS1-128 and GS1 DataMatrix/QR: a symbology
  prefix (``]C1``, ``]d2``, ``]Q3``), FNC1 sent as the GS character (ASCII 29), or bracketed
  human-readable text ``(01)…(10)…(21)…``;
- ear tags and ISO 11784 electronic IDs (``982000123456789``, also ``982 000123456789``);
- input lots: a field activity's input lot, an animal event's drug lot, also when read from the
  GS1 code on the bottle or bag;
- seed lots, also inside a crop-seed label QR (variety, producer, unit code and traceability
  line on separate lines or between ``|``): the part that is a known seed lot names it;
- planting batch, plot, member and shipment codes.

Precedence, first match wins (the ``kinds`` argument leaves kinds out, as trace does):

1. a label's contents — a Digital Link URI, a short address, a GS1 element string — is a label
   (or, without a known serial, the lot it names; a GTIN in it must be the product's);
2. a multi-part seed label QR is a seed lot (or an input lot);
3. otherwise the text as a code: lot, ear tag or EID, input lot, seed lot, planting batch, plot,
   member, shipment;
4. last, digits as a label serial. A code stored as written beats a number read as a serial:
   pesticide lot numbers are often digits, and serials soon cover every small number;
5. an element string sent without symbology prefix or separators (``0106901234567892…``).

Every query is an equality or ``IN`` on a unique or indexed column: a label by the unique
index ``(serial, cooperative_id)``, a member by ``(cooperative_id, code)``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, get_args
from urllib.parse import SplitResult, parse_qsl, unquote, urlsplit

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from coop_desktop.domain.gs1 import GTIN_LENGTHS, is_valid_gtin
from coop_desktop.domain.models import (
    Animal,
    AnimalEvent,
    Cooperative,
    FieldActivity,
    Lot,
    Member,
    Package,
    PlantingBatch,
    Plot,
    Product,
    Shipment,
)
from coop_desktop.services.permissions import Actor
from coop_desktop.services.work import reading
from coop_desktop.storage.database import Database

Kind = Literal["lot", "label", "animal", "input_lot", "seed_lot", "batch", "member", "plot",
               "shipment"]
KINDS: frozenset[Kind] = frozenset(get_args(Kind))

MAX_SERIAL_DIGITS = 12
GS = "\x1d"  # FNC1 as a scanner transmits it inside an element string


@dataclass(frozen=True)
class Match:
    """The record a code names.

    ``entity`` is the table ``record_id`` belongs to: an input lot is found through the first
    field activity (``field_activities``) or animal event (``animal_events``) that used it, a
    seed lot through the first planting batch sown from it. A label carries its serial and its
    lot (code and id); ``record_id`` is then the package.
    """

    kind: Kind
    record_id: int
    code: str
    entity: str
    serial: int | None = None
    lot: str | None = None
    lot_id: int | None = None


def identify(db: Database, actor: Actor, text: str,
             kinds: Collection[Kind] = KINDS) -> Match | None:
    """The record ``text`` names, or None. Needs the right to read records."""
    with reading(db, actor) as session:
        return identify_in(session, text, kinds)


def identify_in(session: Session, text: str, kinds: Collection[Kind] = KINDS) -> Match | None:
    """``identify`` inside a session the caller holds (trace resolves its code this way)."""
    return _Lookup(session, frozenset(kinds)).identify(text)


# --- GS1 data on labels, bottles and bags ------------------------------------------------

@dataclass(frozen=True)
class Gs1Data:
    """Application identifiers read from a code, by AI: ``{"01": "0690…", "10": "LA1"}``."""

    ais: Mapping[str, str] = field(hash=False)

    @property
    def gtin(self) -> str | None:
        value = self.ais.get("01")
        return value if value and is_valid_gtin(value) else None

    @property
    def lot(self) -> str | None:
        return self.ais.get("10") or None

    @property
    def serial(self) -> str | None:
        return self.ais.get("21") or None

    def date(self, ai: str, today: dt.date | None = None) -> dt.date | None:
        """A YYMMDD date (AI 11, 13, 15, 17…) with the GS1 century rule; day 00 is the last
        day of the month."""
        value = self.ais.get(ai)
        return gs1_date(value, today) if value else None

    @property
    def net_weight_kg(self) -> Decimal | None:
        """AI 310n: six digits with n decimals (``3103`` ``012500`` is 12.500 kg)."""
        for decimals in range(6):
            value = self.ais.get(f"310{decimals}")
            if value is not None and _digits(value):
                return Decimal(int(value)).scaleb(-decimals)
        return None


def gs1_date(value: str, today: dt.date | None = None) -> dt.date | None:
    if len(value) != 6 or not _digits(value):
        return None
    current = (today or dt.date.today()).year
    year = current // 100 * 100 + int(value[:2])
    if year - current > 50:
        year -= 100
    elif year - current < -49:
        year += 100
    month, day = int(value[2:4]), int(value[4:])
    if not 1 <= month <= 12:
        return None
    try:
        if day == 0:
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(year, month, day)
    except ValueError:
        return None


# Symbology identifiers (ISO/IEC 15424) a scanner may put before the data; these say "GS1".
GS1_SYMBOLOGIES = frozenset({"]C1", "]d2", "]Q3", "]e0", "]J1"})
_SYMBOLOGY = re.compile(r"\][A-Za-z][0-9A-Za-z]")
# AIs whose data length is predefined by their first two digits: no FNC1 after them.
_PREDEFINED = {"00": 18, "01": 14, "02": 14, "03": 14, "04": 16, "11": 6, "12": 6, "13": 6,
               "14": 6, "15": 6, "16": 6, "17": 6, "18": 6, "19": 6, "20": 2, "31": 6, "32": 6,
               "33": 6, "34": 6, "35": 6, "36": 6, "41": 13}
# Longest value of the variable-length AIs we read; others may hold up to 90 characters.
_MAXIMUM = {"10": 20, "21": 20, "22": 20, "30": 8, "37": 8, "422": 3, "424": 3, "426": 3,
            "427": 3, "7007": 12}
_THREE_DIGIT = frozenset({23, 24, 25, 40, 41, 42, 71})
_FOUR_DIGIT = frozenset({31, 32, 33, 34, 35, 36, 39, 43, 70, 72, 80, 81, 82})
_HRI = re.compile(r"\((\d{2,4})\)([^()]*)")
_DL_PATH_AIS = frozenset({"22", "10", "21", "235"})


def _ai_length(data: str, pos: int) -> int | None:
    """How many digits the AI starting at ``pos`` has, from its first two digits."""
    head = data[pos:pos + 2]
    if len(head) < 2 or not _digits(head):
        return None
    number = int(head)
    if number <= 22 or number in (30, 37) or number >= 90:
        return 2
    if number in _THREE_DIGIT:
        return 3
    if number in _FOUR_DIGIT:
        return 4
    return None


def parse_element_string(data: str) -> tuple[dict[str, str], bool]:
    """The AIs of an unbracketed element string (FNC1 as GS), and whether all of it was read.

    Predefined-length AIs (01, 11–17, 310n…) take their fixed number of digits; any other AI
    (10, 21, 7007…) runs to the next GS or to the end. Reading stops at anything unreadable.
    """
    ais: dict[str, str] = {}
    pos = 0
    while pos < len(data):
        if data[pos] == GS:
            pos += 1
            continue
        length = _ai_length(data, pos)
        if length is None or not _digits(data[pos:pos + length]):
            return ais, False
        ai = data[pos:pos + length]
        start = pos + length
        fixed = _PREDEFINED.get(ai[:2])
        if fixed is not None:
            value = data[start:start + fixed]
            if len(value) != fixed or not _digits(value):
                return ais, False
            pos = start + fixed
        else:
            end = data.find(GS, start)
            end = len(data) if end < 0 else end
            value = data[start:end]
            if not value or len(value) > _MAXIMUM.get(ai, 90):
                return ais, False
            pos = end
        ais[ai] = value
    return ais, True


def parse_bracketed(text: str) -> dict[str, str] | None:
    """The AIs of human-readable text ``(01)06901234567892(3103)012500(10)LA1``."""
    ais: dict[str, str] = {}
    pos = 0
    for found in _HRI.finditer(text):
        if text[pos:found.start()].strip():
            return None
        ais[found[1]] = "".join(found[2].split())
        pos = found.end()
    return ais if ais and not text[pos:].strip() else None


def parse_digital_link(address: SplitResult) -> dict[str, str] | None:
    """The AIs of a GS1 Digital Link URI: ``…/01/{GTIN}/10/{lot}/21/{serial}?13=…&3103=…``."""
    segments = [unquote(part) for part in address.path.split("/") if part]
    for index, segment in enumerate(segments[:-1]):
        gtin = segments[index + 1]
        if segment == "01" and _digits(gtin) and len(gtin) in GTIN_LENGTHS:
            ais = {"01": gtin.zfill(14)}
            rest = segments[index + 2:]
            for ai, value in zip(rest[::2], rest[1::2], strict=False):
                if ai in _DL_PATH_AIS:
                    ais[ai] = value
            for ai, value in parse_qsl(address.query):
                if _digits(ai):
                    ais.setdefault(ai, value)
            return ais
    return None


def _digits(text: str) -> bool:
    """ASCII digits only: str.isdigit() is also true for '²' and other digits int() refuses."""
    return text.isascii() and text.isdigit()


def split_symbology(text: str) -> tuple[str, str]:
    """A scan's symbology identifier (``]C1``, ``]Q1``…; empty when the scanner sends none) and
    the data after it."""
    body = text.strip()
    return (body[:3], body[3:]) if _SYMBOLOGY.match(body) else ("", body)


def _is_element_string(prefix: str, body: str) -> bool:
    return (prefix in GS1_SYMBOLOGIES or body.startswith(GS)
            or (GS in body and _digits(body[:2])))


def read_gs1(text: str) -> Gs1Data | None:
    """GS1 data in a scan that says it carries some: an element string with a GS1 symbology
    prefix or FNC1 separators, bracketed text, or a Digital Link URI. Else None."""
    prefix, body = split_symbology(text)
    ais: dict[str, str] | None = None
    if _is_element_string(prefix, body):
        ais = parse_element_string(body)[0]
    elif body.startswith("("):
        ais = parse_bracketed(body)
    elif (address := _as_address(body)) is not None:
        ais = parse_digital_link(address)
    return Gs1Data(ais) if ais else None


_HOST = re.compile(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d+)?/")


def _as_address(text: str) -> SplitResult | None:
    """A web address, also one whose scheme the scanner was set to leave out."""
    if "://" not in text and not _HOST.match(text):
        return None
    try:
        address = urlsplit(text if "://" in text else f"https://{text}")
    except ValueError:
        return None
    return address if address.netloc else None


def _short_address(address: SplitResult) -> tuple[str, str | None] | None:
    """``{base}/l/{lot}`` or ``{base}/l/{lot}/{serial}``: the lot and the serial."""
    segments = [unquote(part) for part in address.path.split("/") if part]
    for index in range(len(segments) - 2, -1, -1):
        if segments[index] == "l" and len(segments) - index <= 3:
            serial = segments[index + 2] if len(segments) - index == 3 else None
            return segments[index + 1], serial
    return None


def _serial(text: str | None) -> int | None:
    if text and _digits(text) and len(text) <= MAX_SERIAL_DIGITS:
        return int(text)
    return None


_SEED_QR_PARTS = re.compile(r"[\r\n|\t]+")
_LABELLED = re.compile(r"^[^:：]{1,20}[:：]\s*(.+)$")
_EID_NOISE = re.compile(r"[\s._-]")


def _seed_qr_parts(text: str) -> list[str]:
    """Where a seed lot may stand in a multi-part seed label QR: the whole text, then each part
    from the last (the traceability line) up, each also without a label such as ``追溯码：``,
    and for a web address its last path segment and query values."""
    found: list[str] = [text]
    for line in reversed(_SEED_QR_PARTS.split(text)):
        part = line.strip()
        found.append(part)
        address = _as_address(part)
        if address is not None:
            found.append(unquote(address.path.rstrip("/").rsplit("/", 1)[-1]))
            found.extend(value for _, value in parse_qsl(address.query))
        elif (labelled := _LABELLED.match(part)) is not None:
            found.append(labelled[1].strip())
    return [item for item in dict.fromkeys(found) if item]


# --- the lookups -----------------------------------------------------------------------

class _Lookup:
    """The queries one ``identify`` call makes, each skipped when its kind is left out."""

    def __init__(self, session: Session, kinds: frozenset[Kind]) -> None:
        self.session = session
        self.kinds = kinds
        self._cooperative_id: int | None = None
        self._cooperative_known = False

    def identify(self, text: str) -> Match | None:
        prefix, body = split_symbology(text)
        if not body:
            return None
        if _is_element_string(prefix, body):
            return self.gs1(parse_element_string(body)[0])
        bracketed = parse_bracketed(body) if body.startswith("(") else None
        if bracketed:
            return self.gs1(bracketed)
        address = _as_address(body)
        if address is not None:
            found = self.address(address)
            if found is not None:
                return found
        if _SEED_QR_PARTS.search(body):
            parts = _seed_qr_parts(body)
            return self.first(lambda: self.seed_lot(parts), lambda: self.input_lot(parts))
        variants = list(dict.fromkeys((body, body.upper())))
        return self.first(
            lambda: self.lot(body),
            lambda: self.animal(body),
            lambda: self.input_lot(variants),
            lambda: self.seed_lot(variants),
            lambda: self.by_code("batch", PlantingBatch, variants),
            lambda: self.by_code("plot", Plot, variants),
            lambda: self.member(variants),
            lambda: self.by_code("shipment", Shipment, variants),
            lambda: self.label(_serial(body)),
            lambda: self.unmarked_element_string(body),
        )

    @staticmethod
    def first(*attempts: Callable[[], Match | None]) -> Match | None:
        for attempt in attempts:
            found = attempt()
            if found is not None:
                return found
        return None

    # label contents

    def gs1(self, ais: Mapping[str, str]) -> Match | None:
        """A label (serial wins), else its lot; a GTIN in the code must be the product's.
        A lot that is not ours may be an input's: the GS1 code on a pesticide bottle."""
        gtin = ais.get("01")
        lot = ais.get("10")
        found = self.label(_serial(ais.get("21")), gtin)
        if found is None and lot:
            found = self.lot(lot, gtin)
        if found is None and lot and "21" not in ais:
            # A scanner that drops FNC1 runs the serial into the lot: "10LA1" "21" "2".
            for split in re.finditer(r"21(?=\d{1,12}$)", lot):
                candidate = self.label(int(lot[split.end():]), gtin)
                if candidate is not None and candidate.lot == lot[:split.start()].upper():
                    return candidate
        if found is None and lot:
            found = self.first(lambda: self.input_lot([lot]), lambda: self.seed_lot([lot]))
        return found

    def address(self, address: SplitResult) -> Match | None:
        linked = parse_digital_link(address)
        if linked is not None:
            return self.gs1(linked)
        short = _short_address(address)
        if short is not None:
            lot, serial = short
            return self.first(lambda: self.label(_serial(serial)), lambda: self.lot(lot))
        return self.label(_serial(address.path.rstrip("/").rsplit("/", 1)[-1]))

    def unmarked_element_string(self, text: str) -> Match | None:
        """``01`` + a valid GTIN-14 and AIs read to the end: an element string after all."""
        if len(text) < 16 or not text.startswith("01") or not is_valid_gtin(text[2:16]):
            return None
        ais, complete = parse_element_string(text)
        return self.gs1(ais) if complete else None

    # records

    def cooperative_id(self) -> int | None:
        """The cooperative whose labels and members these are (the first, as elsewhere)."""
        if not self._cooperative_known:
            self._cooperative_id = self.session.execute(
                select(func.min(Cooperative.id))).scalar_one_or_none()
            self._cooperative_known = True
        return self._cooperative_id

    def label(self, serial: int | None, gtin: str | None = None) -> Match | None:
        if serial is None or "label" not in self.kinds:
            return None
        cooperative_id = self.cooperative_id()
        if cooperative_id is None:
            return None
        row = self.session.execute(
            select(Package.id, Package.serial, Package.lot_id, Lot.code, Product.gtin)
            .join(Lot, Lot.id == Package.lot_id).join(Product, Product.id == Lot.product_id)
            .where(Package.serial == serial, Package.cooperative_id == cooperative_id)).first()
        if row is None or not _same_gtin(gtin, row.gtin):
            return None
        return Match("label", row.id, str(row.serial), "packages", serial=row.serial,
                     lot=row.code, lot_id=row.lot_id)

    def lot(self, code: str, gtin: str | None = None) -> Match | None:
        if "lot" not in self.kinds:
            return None
        row = self.session.execute(
            select(Lot.id, Lot.code, Product.gtin).join(Product, Product.id == Lot.product_id)
            .where(Lot.code == code.strip().upper())).first()
        if row is None or not _same_gtin(gtin, row.gtin):
            return None
        return Match("lot", row.id, row.code, "lots")

    def animal(self, text: str) -> Match | None:
        if "animal" not in self.kinds:
            return None
        tags = {text.upper(), "".join(text.split()).upper()}
        condition: ColumnElement[bool] = Animal.ear_tag.in_(tags)
        eid = _EID_NOISE.sub("", text)
        if len(eid) == 15 and _digits(eid):
            condition = or_(condition, Animal.eid == eid)
        rows = self.session.execute(select(Animal.id, Animal.ear_tag).where(condition)).all()
        if not rows:
            return None
        row = min(rows, key=lambda row: (row.ear_tag not in tags, row.id))
        return Match("animal", row.id, row.ear_tag, "animals")

    def input_lot(self, candidates: Sequence[str]) -> Match | None:
        """An input's own lot, preferring a field activity to an animal event."""
        if "input_lot" not in self.kinds:
            return None
        for column, entity in ((FieldActivity.input_lot, "field_activities"),
                               (AnimalEvent.product_lot, "animal_events")):
            found = self._first_user(column, candidates)
            if found is not None:
                return Match("input_lot", found[1], found[0], entity)
        return None

    def seed_lot(self, candidates: Sequence[str]) -> Match | None:
        if "seed_lot" not in self.kinds:
            return None
        found = self._first_user(PlantingBatch.seed_lot, candidates)
        return Match("seed_lot", found[1], found[0], "planting_batches") if found else None

    def _first_user(self, column: Any, candidates: Sequence[str]) -> tuple[str, int] | None:
        """The first candidate some row holds in ``column``, and the first such row."""
        wanted = [value for value in candidates if value]
        if not wanted:
            return None
        table = column.class_
        first_ids = dict(self.session.execute(
            select(column, func.min(table.id)).where(column.in_(wanted)).group_by(column)
        ).tuples().all())
        return next(((value, first_ids[value]) for value in wanted if value in first_ids), None)

    def by_code(self, kind: Kind, model: Any, variants: Sequence[str]) -> Match | None:
        if kind not in self.kinds:
            return None
        rows = self.session.execute(select(model.id, model.code)
                                    .where(model.code.in_(variants))).all()
        return _best(kind, model.__tablename__, rows, variants)

    def member(self, variants: Sequence[str]) -> Match | None:
        if "member" not in self.kinds:
            return None
        cooperative_id = self.cooperative_id()
        if cooperative_id is None:
            return None
        rows = self.session.execute(select(Member.id, Member.code).where(
            Member.cooperative_id == cooperative_id, Member.code.in_(variants))).all()
        return _best("member", "members", rows, variants)


def _best(kind: Kind, entity: str, rows: Iterable[Any], variants: Sequence[str]
          ) -> Match | None:
    """The row whose code is the text as written, else as capitals."""
    by_code = {row.code: row.id for row in rows}
    code = next((variant for variant in variants if variant in by_code), None)
    return Match(kind, by_code[code], code, entity) if code is not None else None


def _same_gtin(scanned: str | None, product: str | None) -> bool:
    """No GTIN in the code, or the product's own (a foreign GTIN is someone else's item)."""
    return scanned is None or (product is not None and scanned.zfill(14) == product.zfill(14))
