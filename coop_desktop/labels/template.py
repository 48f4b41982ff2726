"""Label templates: data in ``resources/labels/<name>.toml``, named by the file's stem.

A template gives the label's size and its elements in millimetres. Each element is bound to
fields of the label's values: text elements carry a pattern such as ``"批次 {lot}"``, the ``qr``
element draws the ``qr`` value, the ``gs1_128`` element the ``gs1`` element string. An element
with ``when = "gtin"`` is drawn only when that value is not empty (``"!gtin"``: only when it is).
A sheet template (``[sheet]``) places copies of another template on an A4 page.

Loading checks everything it can without values: sizes, that every element lies inside the
label minus its margin, known field names, known kinds. A template that does not check out
raises :class:`~coop_desktop.domain.errors.ValidationError` naming the file and the element.
"""

from __future__ import annotations

import enum
import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from coop_desktop import paths
from coop_desktop.domain.errors import ValidationError

#: The values a label can show (bound by services.label_content).
FIELDS = frozenset({
    "product", "product_en", "variety", "grade", "lot", "net_weight", "quantity", "count",
    "pack_date", "harvest_date", "best_before", "origin", "village", "county", "coop_name",
    "coop_phone", "marks", "organic_code", "serial", "qr", "gs1", "gs1_hri", "gtin", "producer",
    "basis", "issued_at", "commitment", "certificate_title",
})


class ElementKind(enum.StrEnum):
    TEXT = "text"
    QR = "qr"
    GS1_128 = "gs1_128"
    BOX = "box"  # an outline
    RULE = "rule"  # a filled bar: a line when thin


class Align(enum.StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Element:
    kind: ElementKind
    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float
    text: str = ""  # text: a pattern of {fields}
    size_mm: float = 3.0  # text: the largest font size (em height)
    min_size_mm: float = 3.0  # text: it shrinks down to this to fit, then is cut with "…"
    bold: bool = False
    align: Align = Align.LEFT
    lines: int = 1  # text: at most this many lines, wrapped
    module_mm: float = 0.5  # qr and gs1_128: the module (narrow bar) size, rounded to dots
    max_version: int = 4  # qr: a larger symbol is an error, never drawn smaller
    error_correction: str = "M"  # qr
    hri: bool = True  # gs1_128: the bracketed text under the bars
    thickness_mm: float = 0.3  # box
    when: str = ""  # "field" or "!field"
    ais: tuple[str, ...] = ()  # gs1_128: only these AIs of the label's element string


    def fields(self) -> set[str]:
        names = {name for _, name, _, _ in string.Formatter().parse(self.text) if name}
        if self.when:
            names.add(self.when.lstrip("!"))
        if self.kind is ElementKind.QR:
            names.add("qr")
        if self.kind is ElementKind.GS1_128:
            names.update({"gs1", "gs1_hri"})
        return names

    def applies(self, values: Mapping[str, str]) -> bool:
        if not self.when:
            return True
        wanted = not self.when.startswith("!")
        present = bool(values.get(self.when.lstrip("!")))
        return present is wanted


@dataclass(frozen=True)
class Sheet:
    """Copies of ``label`` in a grid on a page, for office printers and label sheets."""

    label: str  # the template placed on the sheet
    page_width_mm: float
    page_height_mm: float
    columns: int
    rows: int
    left_mm: float
    top_mm: float
    column_pitch_mm: float
    row_pitch_mm: float


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    title_zh: str
    width_mm: float
    height_mm: float
    margin_mm: float = 1.0
    elements: tuple[Element, ...] = ()
    sheet: Sheet | None = None
    path: Path | None = None

    @property
    def per_page(self) -> int:
        return self.sheet.columns * self.sheet.rows if self.sheet else 1

    def fields(self) -> set[str]:
        found: set[str] = set()
        for element in self.elements:
            found |= element.fields()
        return found


# --- loading ---------------------------------------------------------------------------------

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ELEMENT_KEYS = {"kind", "x_mm", "y_mm", "width_mm", "height_mm", "text", "size_mm",
                 "min_size_mm", "bold", "align", "lines", "module_mm", "max_version",
                 "error_correction", "hri", "thickness_mm", "when", "ais"}
_TOP_KEYS = {"title", "title_zh", "width_mm", "height_mm", "margin_mm", "element", "sheet"}
_SHEET_KEYS = {"label", "page_width_mm", "page_height_mm", "columns", "rows", "left_mm",
               "top_mm", "column_pitch_mm", "row_pitch_mm"}


def templates_dir() -> Path:
    return paths.resources_dir() / "labels"


def available_templates(directory: Path | None = None) -> list[str]:
    folder = directory or templates_dir()
    return sorted(path.stem for path in folder.glob("*.toml"))


def load_template(name: str, directory: Path | None = None) -> Template:
    if not _NAME.match(name):
        raise ValidationError("label.template_unknown", field="template", name=name,
                              known=", ".join(available_templates(directory)))
    path = (directory or templates_dir()) / f"{name}.toml"
    if not path.is_file():
        raise ValidationError("label.template_unknown", field="template", name=name,
                              known=", ".join(available_templates(directory)))
    return load_template_file(path)


def _bad(path: Path, where: str, problem: str) -> ValidationError:
    return ValidationError("label.template_invalid", field="template", file=path.name,
                           where=where, problem=problem)


def _number(path: Path, data: Mapping[str, object], key: str, where: str,
            default: float | None = None) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(path, where, f"{key} must be a number")
    return float(value)


def load_template_file(path: Path) -> Template:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise _bad(path, "file", str(error)) from error
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise _bad(path, "top", f"unknown keys {', '.join(sorted(unknown))}")
    title = str(data.get("title", path.stem))
    sheet = None
    if "sheet" in data:
        sheet = _sheet(path, data["sheet"])
    width = _number(path, data, "width_mm", "top", sheet.page_width_mm if sheet else None)
    height = _number(path, data, "height_mm", "top", sheet.page_height_mm if sheet else None)
    margin = _number(path, data, "margin_mm", "top", 1.0)
    if not (5 <= width <= 300 and 5 <= height <= 300):
        raise _bad(path, "top", "width_mm and height_mm must be between 5 and 300")
    raw_elements = data.get("element", [])
    if not isinstance(raw_elements, list):
        raise _bad(path, "element", "use [[element]] tables")
    elements = tuple(_element(path, index, raw, width, height, margin)
                     for index, raw in enumerate(raw_elements, start=1))
    if sheet is None and not elements:
        raise _bad(path, "element", "a label needs at least one element")
    return Template(name=path.stem, title=title, title_zh=str(data.get("title_zh", title)),
                    width_mm=width, height_mm=height, margin_mm=margin, elements=elements,
                    sheet=sheet, path=path)


def _sheet(path: Path, raw: object) -> Sheet:
    if not isinstance(raw, dict):
        raise _bad(path, "sheet", "[sheet] must be a table")
    unknown = set(raw) - _SHEET_KEYS
    if unknown:
        raise _bad(path, "sheet", f"unknown keys {', '.join(sorted(unknown))}")
    label = raw.get("label")
    if not isinstance(label, str) or not _NAME.match(label):
        raise _bad(path, "sheet", "label must name another template")
    numbers = {key: _number(path, raw, key, "sheet") for key in _SHEET_KEYS - {"label"}}
    sheet = Sheet(label=label, page_width_mm=numbers["page_width_mm"],
                  page_height_mm=numbers["page_height_mm"], columns=int(numbers["columns"]),
                  rows=int(numbers["rows"]), left_mm=numbers["left_mm"], top_mm=numbers["top_mm"],
                  column_pitch_mm=numbers["column_pitch_mm"], row_pitch_mm=numbers["row_pitch_mm"])
    if sheet.columns < 1 or sheet.rows < 1:
        raise _bad(path, "sheet", "columns and rows must be at least 1")
    return sheet


def _element(path: Path, index: int, raw: object, width: float, height: float,
             margin: float) -> Element:
    where = f"element {index}"
    if not isinstance(raw, dict):
        raise _bad(path, where, "must be a table")
    unknown = set(raw) - _ELEMENT_KEYS
    if unknown:
        raise _bad(path, where, f"unknown keys {', '.join(sorted(unknown))}")
    try:
        kind = ElementKind(str(raw.get("kind", "")))
    except ValueError:
        raise _bad(path, where, f"kind must be one of {', '.join(ElementKind)}") from None
    where = f"element {index} ({kind.value})"
    x = _number(path, raw, "x_mm", where)
    y = _number(path, raw, "y_mm", where)
    w = _number(path, raw, "width_mm", where, 0.0)
    h = _number(path, raw, "height_mm", where, 0.0)
    if kind in (ElementKind.TEXT, ElementKind.BOX, ElementKind.RULE) and (w <= 0 or h <= 0):
        raise _bad(path, where, "width_mm and height_mm must be greater than zero")
    if kind is ElementKind.GS1_128 and (w <= 0 or h <= 0):
        raise _bad(path, where, "width_mm (room for the bars) and height_mm are needed")
    right, bottom = x + max(w, 0.0), y + max(h, 0.0)
    edge = margin if kind is not ElementKind.BOX else 0.0
    if x < edge or y < edge or right > width - edge + 1e-9 or bottom > height - edge + 1e-9:
        raise _bad(path, where, f"lies outside the label ({x:g}, {y:g}) to ({right:g}, "
                                f"{bottom:g}) mm; the label is {width:g} × {height:g} mm with "
                                f"a {edge:g} mm margin")
    try:
        align = Align(str(raw.get("align", "left")))
    except ValueError:
        raise _bad(path, where, "align must be left, center or right") from None
    element = Element(
        kind=kind, x_mm=x, y_mm=y, width_mm=w, height_mm=h, text=str(raw.get("text", "")),
        size_mm=_number(path, raw, "size_mm", where, 3.0),
        min_size_mm=_number(path, raw, "min_size_mm", where,
                            min(3.0, _number(path, raw, "size_mm", where, 3.0))),
        bold=bool(raw.get("bold", False)), align=align,
        lines=int(_number(path, raw, "lines", where, 1)),
        module_mm=_number(path, raw, "module_mm", where, 0.5 if kind is ElementKind.QR else 0.25),
        max_version=int(_number(path, raw, "max_version", where, 4)),
        error_correction=str(raw.get("error_correction", "M")).upper(),
        hri=bool(raw.get("hri", True)),
        thickness_mm=_number(path, raw, "thickness_mm", where, 0.3),
        when=str(raw.get("when", "")),
        ais=tuple(str(ai) for ai in raw.get("ais", [])))
    try:
        names = element.fields()
    except ValueError as error:
        raise _bad(path, where, f"text pattern: {error}") from None
    unknown_fields = names - FIELDS
    if unknown_fields:
        raise _bad(path, where, f"unknown fields {', '.join(sorted(unknown_fields))}; "
                                f"known: {', '.join(sorted(FIELDS))}")
    if element.error_correction not in ("L", "M", "Q", "H"):
        raise _bad(path, where, "error_correction must be L, M, Q or H")
    if not 1 <= element.max_version <= 40:
        raise _bad(path, where, "max_version must be between 1 and 40")
    if element.min_size_mm > element.size_mm or element.lines < 1:
        raise _bad(path, where, "min_size_mm must not exceed size_mm, lines must be ≥ 1")
    return element
