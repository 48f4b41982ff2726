"""Printing a lot's labels: check, lay out, connect, reserve serials, send, confirm.

The order keeps both promises the label register makes:

1. the lot is checked (a passing quality record, no input inside its pre-harvest interval; a
   manager may override with a written reason, audited), and one label is laid out with the
   largest serial it could get, so that a template that cannot hold the values (a QR over its
   version cap, a barcode too wide) fails before anything happens;
2. the printer is connected: one that is off or refuses raw data fails here, and **no serial is
   consumed for a label that was not sent**;
3. serials are taken and the package rows written, in one transaction, committed *before* the
   job is sent, so every label that leaves the printer has its row, whatever happens next;
4. the job is sent; if the printer stops part-way, the job's rows are voided with the reason
   (a recorded gap, never a silent one) and the labels can be printed again.

File outputs (PDF, PNG, TSPL, ZPL) are written inside the transaction: a file that cannot be
written consumes no serial.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.domain.errors import DomainError, RuleViolation, ValidationError
from coop_desktop.domain.models import (
    Lot,
    LotStatus,
    Package,
    PackageStatus,
    Role,
    SerialCounter,
)
from coop_desktop.labels.layout import Layout, lay_out
from coop_desktop.labels.pdf import write_pdf
from coop_desktop.labels.printers import PrinterError, RawPrinter, open_printer
from coop_desktop.labels.raster import render
from coop_desktop.labels.template import Template, load_template
from coop_desktop.labels.thermal import ThermalSettings, tspl_job, zpl_job
from coop_desktop.services.audit import record_audit
from coop_desktop.services.label_content import LotLabelFacts, label_values, lot_label_facts
from coop_desktop.services.labels import MAX_LABELS_PER_RUN, take_serials
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.weighings import WeighingInput, check_weighing, store_weighing
from coop_desktop.services.work import positive_quantity, reading, unit_of_work
from coop_desktop.storage.database import Database

DEFAULT_TEMPLATE = "crate-60x40"


class OutputFormat(enum.StrEnum):
    PDF = "pdf"
    PNG = "png"
    TSPL = "tspl"
    ZPL = "zpl"


@dataclass(frozen=True)
class LabelRequest:
    lot_id: int
    count: int
    template: str = DEFAULT_TEMPLATE
    net_weights: Sequence[Decimal | str | float | None] | None = None
    override_reason: str | None = None
    #: One weighing per label from the scale (the packing station): stored with its raw
    #: frame and linked to its package; the label's net weight is the weighing's.
    weighings: Sequence[WeighingInput] | None = None


@dataclass(frozen=True)
class Destination:
    """Where the job goes: a file (``out``), a raw printer (``printer`` address), or a
    ``driver`` that paints the laid-out labels itself (the GUI's QPrinter path, through the
    Windows or CUPS driver: it is called once the rows are committed, like a send, and raises
    PrinterError when the printer fails)."""

    format: OutputFormat
    out: Path | None = None
    printer: str | None = None
    dpi: int = 203
    settings: ThermalSettings = field(default_factory=ThermalSettings)
    driver: Callable[[list[Layout]], None] | None = None
    driver_name: str = ""

    @property
    def name(self) -> str:
        return self.printer or self.driver_name or (str(self.out) if self.out else "")


@dataclass(frozen=True)
class IssuedLabels:
    lot: str
    serials: list[int]
    template: str
    destination: str
    files: list[Path] = field(default_factory=list)
    warnings: tuple[str, ...] = ()


def check_labelable(session: Session, actor: Actor, lot: Lot, facts: LotLabelFacts,
                    override_reason: str | None) -> bool:
    """Refuse a lot that must get no label; True when a manager's override let it through."""
    if lot.status in (LotStatus.RECALLED, LotStatus.HELD, LotStatus.CONSUMED):
        raise RuleViolation("lot.not_usable", code=lot.code, status=lot.status.value)
    may_override = (actor.role in (Role.ADMIN, Role.MANAGER)
                    and bool(override_reason and override_reason.strip()))
    if facts.open_intervals and not may_override:
        first = facts.open_intervals[0]
        raise RuleViolation("label.phi_open", code=lot.code, input=first.what,
                            applied=first.applied_on.isoformat(),
                            ends=first.ends_on.isoformat(),
                            harvested=first.harvested_on.isoformat())
    if not facts.quality_passed and not may_override:
        raise RuleViolation("label.needs_pass", code=lot.code)
    return bool(facts.open_intervals or not facts.quality_passed)


def _weights(request: LabelRequest) -> list[Decimal | None]:
    if not 1 <= request.count <= MAX_LABELS_PER_RUN:
        raise ValidationError("serial.count", value=request.count, maximum=MAX_LABELS_PER_RUN)
    if request.weighings is not None:
        if len(request.weighings) != request.count:
            raise ValidationError("label.weights_count", field="net_weights",
                                  count=request.count, weights=len(request.weighings))
        for weighing in request.weighings:
            check_weighing(weighing)
        return [positive_quantity(weighing.net, "net_weight") for weighing in request.weighings]
    if request.net_weights is None:
        return [None] * request.count
    weights = [positive_quantity(weight, "net_weight") if weight not in (None, "") else None
               for weight in request.net_weights]
    if len(weights) != request.count:
        raise ValidationError("label.weights_count", field="net_weights", count=request.count,
                              weights=len(weights))
    return weights


def _label_template(name: str, destination: Destination) -> tuple[Template, Template | None]:
    """The label template and, for a sheet, the sheet it is placed on."""
    template = load_template(name)
    if template.sheet is None:
        return template, None
    if destination.format is not OutputFormat.PDF:
        raise ValidationError("label.sheet_needs_pdf", field="template", name=name)
    return load_template(template.sheet.label), template


def lay_out_labels(template: Template, facts: LotLabelFacts, serials: Sequence[int],
                   weights: Sequence[Decimal | None], dpi: int,
                   issued_at: dt.datetime | None = None) -> list[Layout]:
    layouts: list[Layout] = []
    for serial, weight in zip(serials, weights, strict=True):
        values, gs1 = label_values(facts, serial, weight, issued_at)
        layouts.append(lay_out(template, values, dpi=dpi, gs1=gs1))
    return layouts


def render_job(layouts: list[Layout], destination: Destination, sheet: Template | None,
               title: str) -> bytes:
    if destination.format is OutputFormat.TSPL:
        return tspl_job(layouts, destination.settings)
    if destination.format is OutputFormat.ZPL:
        return zpl_job(layouts, destination.settings)
    if destination.format is OutputFormat.PDF:
        buffer = io.BytesIO()
        write_pdf(layouts, buffer, sheet=sheet.sheet if sheet else None, title=title,
                  offset_mm=(destination.settings.offset_x_mm, destination.settings.offset_y_mm))
        return buffer.getvalue()
    raise ValueError("PNG labels are files, one per label")  # pragma: no cover


def _write_files(layouts: list[Layout], serials: Sequence[int], destination: Destination,
                 sheet: Template | None, title: str) -> list[Path]:
    out = destination.out
    assert out is not None
    try:
        if destination.format is OutputFormat.PNG:
            paths = ([out] if len(layouts) == 1 else
                     [out.with_name(f"{out.stem}-{serial}{out.suffix}") for serial in serials])
            for layout, path in zip(layouts, paths, strict=True):
                render(layout).save(path, dpi=(layout.dpi, layout.dpi))
            return paths
        out.write_bytes(render_job(layouts, destination, sheet, title))
        return [out]
    except OSError as error:
        raise ValidationError("label.file_failed", field="out", path=str(out),
                              reason=error.strerror or str(error)) from error


def issue_labels(db: Database, actor: Actor, request: LabelRequest, destination: Destination,
                 *, now: dt.datetime | None = None) -> IssuedLabels:
    """Print (or write) ``request.count`` labels of a lot; see the module's docstring."""
    weights = _weights(request)
    template, sheet = _label_template(request.template, destination)
    if destination.printer is None and destination.out is None and destination.driver is None:
        raise ValidationError("label.no_destination", field="out")
    with reading(db, actor) as session:
        lot = session.get(Lot, request.lot_id)
        if lot is None:
            raise ValidationError("not_found", field="lot_id", entity="lot",
                                  value=request.lot_id)
        facts = lot_label_facts(session, lot)
        overridden = check_labelable(session, actor, lot, facts, request.override_reason)
        next_serial = session.execute(select(SerialCounter.next_serial).where(
            SerialCounter.cooperative_id == lot.cooperative_id)).scalar_one_or_none() or 1
    # 1. A serial as long as the longest this job can get must fit the template.
    longest = 10 ** len(str(next_serial + request.count)) - 1
    trial = lay_out_labels(template, facts, [longest], [max(
        (weight for weight in weights if weight is not None), default=None)],
        destination.dpi, now)
    printer: RawPrinter | None = None
    if destination.printer is not None:
        printer = open_printer(destination.printer)  # 2. an offline printer costs no serial
    try:
        with unit_of_work(db, actor, Permission.PRINT_LABELS) as work:
            lot = work.session.get(Lot, request.lot_id)
            assert lot is not None
            serials = take_serials(work.session, lot.cooperative_id, request.count)
            template_name = request.template
            weighing_ids: list[int | None] = [
                store_weighing(work.session, weighing).id for weighing in request.weighings
            ] if request.weighings is not None else [None] * request.count
            work.session.add_all([
                Package(cooperative_id=lot.cooperative_id, serial=serial, lot_id=lot.id,
                        net_weight=weight, unit=lot.unit, template=template_name,
                        printer=destination.name[:100], printed_by=actor.username,
                        weighing_id=weighing_id)
                for serial, weight, weighing_id in zip(serials, weights, weighing_ids,
                                                       strict=True)])
            record_audit(work.session, actor, "print_labels", entity="packages",
                         entity_id=None, entity_code=lot.code,
                         after={"lot": lot.code, "first_serial": serials.start,
                                "last_serial": serials.stop - 1, "count": request.count,
                                "template": template_name, "to": destination.name,
                                "override": overridden},
                         reason=request.override_reason if overridden else None)
            layouts = lay_out_labels(template, facts, serials, weights, destination.dpi, now)
            files: list[Path] = []
            job = b""
            if printer is not None:
                job = render_job(layouts, destination, sheet, f"Lot {lot.code}")
            elif destination.driver is None:
                files = _write_files(layouts, serials, destination, sheet, f"Lot {lot.code}")
        # 3. committed: every label that is sent now has its row.
        try:
            if printer is not None:
                printer.send(job)
            elif destination.driver is not None:
                destination.driver(layouts)
        except PrinterError as error:
            _void_unsent(db, actor, lot.cooperative_id, list(serials), error)
            raise
    finally:
        if printer is not None:
            printer.close()
    return IssuedLabels(lot=facts.lot, serials=list(serials), template=request.template,
                        destination=destination.name, files=files,
                        warnings=tuple(w for layout in layouts for w in layout.warnings)
                        or trial[0].warnings)


def _void_unsent(db: Database, actor: Actor, cooperative_id: int, serials: list[int],
                 error: DomainError) -> None:
    reason = error.message("zh")
    with unit_of_work(db, actor, Permission.PRINT_LABELS) as work:
        packages = work.session.execute(select(Package).where(
            Package.cooperative_id == cooperative_id, Package.serial.in_(serials))).scalars()
        for package in packages:
            package.status = PackageStatus.VOIDED
            package.void_reason = reason
        record_audit(work.session, actor, "void_label", entity="packages", entity_id=None,
                     entity_code=f"{serials[0]}-{serials[-1]}",
                     after={"first_serial": serials[0], "last_serial": serials[-1],
                            "status": "voided"}, reason=reason)


def reprint_label(db: Database, actor: Actor, serial: int, reason: str,
                  destination: Destination, *, now: dt.datetime | None = None) -> IssuedLabels:
    """Print a label again with its own serial (a torn or smudged label): the reason is
    required and audited, the package counts its reprints; a voided label is not reprinted."""
    if not reason or not reason.strip():
        raise ValidationError("value.required", field="reason")
    with reading(db, actor) as session:
        package = session.execute(select(Package).where(Package.serial == serial)
                                  ).scalar_one_or_none()
        if package is None:
            raise ValidationError("not_found", field="serial", entity="label", value=serial)
        if package.status is PackageStatus.VOIDED:
            raise RuleViolation("label.reprint_void", serial=serial)
        lot = session.get(Lot, package.lot_id)
        assert lot is not None
        facts = lot_label_facts(session, lot)
        weight = package.net_weight
        template_name = package.template or DEFAULT_TEMPLATE
    template, sheet = _label_template(template_name, destination)
    layouts = lay_out_labels(template, facts, [serial], [weight], destination.dpi, now)
    printer = open_printer(destination.printer) if destination.printer is not None else None
    try:
        job = b""
        files: list[Path] = []
        if printer is not None:
            job = render_job(layouts, destination, sheet, f"Lot {facts.lot}")
        else:
            files = _write_files(layouts, [serial], destination, sheet, f"Lot {facts.lot}")
        if printer is not None:
            printer.send(job)
        with unit_of_work(db, actor, Permission.PRINT_LABELS) as work:
            row = work.session.execute(select(Package).where(Package.serial == serial)
                                       ).scalar_one()
            row.reprint_count += 1
            record_audit(work.session, actor, "reprint_label", entity="packages",
                         entity_id=row.id, entity_code=str(serial),
                         after={"serial": serial, "reprint_count": row.reprint_count,
                                "to": destination.name}, reason=reason.strip())
    finally:
        if printer is not None:
            printer.close()
    return IssuedLabels(lot=facts.lot, serials=[serial], template=template_name,
                        destination=destination.name, files=files)


@dataclass(frozen=True)
class Preview:
    """One label as it would print now (with the next free serial, not taken), and why the lot
    would be refused, if it would."""

    layout: Layout
    next_serial: int
    refusal: str | None
    may_override: bool


def preview_label(db: Database, actor: Actor, lot_id: int, template_name: str, *,
                  dpi: int = 203, net_weight: Decimal | None = None,
                  now: dt.datetime | None = None) -> Preview:
    template = load_template(template_name)
    if template.sheet is not None:
        template = load_template(template.sheet.label)
    with reading(db, actor) as session:
        lot = session.get(Lot, lot_id)
        if lot is None:
            raise ValidationError("not_found", field="lot_id", entity="lot", value=lot_id)
        facts = lot_label_facts(session, lot)
        next_serial = session.execute(select(SerialCounter.next_serial).where(
            SerialCounter.cooperative_id == lot.cooperative_id)).scalar_one_or_none() or 1
        refusal = None
        try:
            check_labelable(session, actor, lot, facts, None)
        except RuleViolation as error:
            refusal = str(error)
    layout = lay_out_labels(template, facts, [next_serial], [net_weight], dpi, now)[0]
    return Preview(layout, next_serial, refusal,
                   may_override=actor.role in (Role.ADMIN, Role.MANAGER))


SAMPLE_VALUES = {
    "product": "测试标签", "product_en": "Test label", "variety": "", "grade": "一级",
    "lot": "26120401", "net_weight": "12.50 kg", "quantity": "12.50 kg",
    "pack_date": "2026-12-04", "best_before": "2026-12-18", "origin": "凉州区 样例村",
    "coop_name": "合作社名称", "coop_phone": "0935-0000000", "marks": "打印测试 TEST",
    "serial": "0", "qr": "https://q.example.cn/l/26120401/0", "producer": "合作社名称",
    "issued_at": "2026-12-04 08:00", "basis": "自行检测（合格）",
    "commitment": "不使用禁用农药兽药、停用兽药和非法添加物，常规农药兽药残留不超标",
}


def print_sample(template_name: str, destination: Destination) -> None:
    """Print one sample label (no lot, no serial) to check darkness, offsets and scanning."""
    template, sheet = _label_template(template_name, destination)
    layout = lay_out(template, SAMPLE_VALUES, dpi=destination.dpi)
    if destination.printer is not None:
        printer = open_printer(destination.printer)
        try:
            printer.send(render_job([layout], destination, sheet, "Test"))
        finally:
            printer.close()
    elif destination.driver is not None:
        destination.driver([layout])
    elif destination.out is not None:
        _write_files([layout], [0], destination, sheet, "Test")
