"""A trace result told as text, for the terminal and plain-text exports, in zh or en."""

from __future__ import annotations

import enum
from typing import Any

from coop_desktop.domain import i18n
from coop_desktop.domain.models import LotStatus, TransformationKind
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.services.trace import TraceResult

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Trace of {query} ({matched}): lots {origin}", "追溯 {query}（{matched}）：批次 {origin}"),
    "lots": ("Lots", "批次"),
    "edges": ("Splits, merges and processing", "分批、合批与加工"),
    "members": ("Member households", "社员农户"),
    "plots": ("Plots", "地块"),
    "batches": ("Planting batches", "种植批次"),
    "inputs": ("Field activities and inputs", "农事记录与投入品"),
    "harvests": ("Harvests", "采收"),
    "deliveries": ("Member deliveries", "社员交售"),
    "animals": ("Animals", "牲畜"),
    "animal_events": ("Animal events", "牲畜事件"),
    "quality": ("Quality records", "质检记录"),
    "certifications": ("Certifications valid at the time", "当时有效的认证"),
    "packages": ("Labels", "标签"),
    "shipments": ("Shipments", "发货"),
    "customers": ("Customers", "客户"),
    "elapsed": ("Traced in {ms} ms.", "追溯用时 {ms} 毫秒。"),
    "harvest": ("harvest", "采收"),
    "pack": ("pack", "包装"),
    "plot": ("plot", "地块"),
    "season": ("season", "茬口"),
    "planted": ("planted", "种植"),
    "seed_lot": ("seed lot", "种子批号"),
    "lot": ("lot", "批号"),
    "reg": ("reg.", "登记证号"),
    "phi": ("PHI {days} d, ends {date}", "安全间隔期 {days} 天，至 {date}"),
    "withdrawal": ("withdrawal {days} d", "休药期 {days} 天"),
    "owner": ("owner", "畜主"),
    "total": ("total", "合计"),
    "mu": ("mu", "亩"),
    "gi": ("in GI area", "地理标志区内"),
    "more": ("... {count} more", "……另有 {count} 个"),
    "origin": ("origin", "起点"),
    "backward": ("backward", "上游"),
    "forward": ("forward", "下游"),
    "matched_lot": ("lot code", "批次号"),
    "matched_label": ("label", "标签"),
    "matched_ear_tag": ("ear tag", "耳标"),
    "matched_input_lot": ("input lot", "投入品批号"),
}


def _w(key: str, **values: Any) -> str:
    english, chinese = _WORDS[key]
    return (chinese if i18n.language() == "zh" else english).format(**values)


def _fmt(value: Any) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, enum.Enum):
        return name_of(value)
    return str(value)


def render_trace(result: TraceResult, max_labels: int = 20) -> str:
    lines = [_w("title", query=result.query, matched=_w(f"matched_{result.matched}"),
                origin=", ".join(result.origin) or "-")]

    def section(key: str, rows: list[str]) -> None:
        if rows:
            lines.append("")
            lines.append(f"{_w(key)} ({len(rows)})")
            lines.extend(f"  {row}" for row in rows)

    section("lots", [f"{lot.code:<20} {_w(lot.direction)} {lot.product} {lot.quantity} "
                     f"{lot.unit} {name_of(LotStatus(lot.status))} {_w('harvest')} "
                     f"{_fmt(lot.harvest_date)} {_w('pack')} {_fmt(lot.pack_date)}"
                     for lot in result.lots])
    section("edges", [f"{edge.parent} -> {edge.child} {edge.quantity} "
                      f"({_fmt(_kind(edge.kind))}, {edge.occurred_on})" for edge in result.edges])
    section("members", [f"{m['code']} {m['name']} {m['township']} {m['village']}"
                        for m in result.members])
    section("plots", [f"{p['code']} {p['member']} {p['village']} {p['area_mu']} {_w('mu')} "
                      f"{_fmt(p['land_type'])}" + (f" {_w('gi')}" if p["in_gi_area"] else "")
                      for p in result.plots])
    section("batches", [f"{b['code']} {b['product']} {_w('plot')} {b['plot']} {_w('season')} "
                        f"{b['season']} {_w('planted')} {b['planted_on']} {_w('seed_lot')} "
                        f"{_fmt(b['seed_lot'])}" for b in result.batches])
    section("inputs", [f"{i['batch']} {i['performed_on']} {_fmt(i['kind'])} {_fmt(i['input'])} "
                       f"{_w('lot')} {_fmt(i['input_lot'])} {_w('reg')} {_fmt(i['registration_no'])}"
                       + (f" {_w('phi', days=i['phi_days'], date=i['phi_ends'])}"
                          if i["phi_days"] is not None else "")
                       for i in result.inputs])
    section("harvests", [f"{h['batch']} {h['harvested_on']} {h['quantity']} {h['unit']} -> "
                         f"{h['into_lot']} ({h['quantity_used']})" for h in result.harvests])
    section("deliveries", [f"{d['code']} {d['member']} {d['delivered_on']} {d['quantity']} "
                           f"{d['unit']} -> {d['into_lot']} ({d['quantity_used']})"
                           for d in result.deliveries])
    section("animals", [f"{a['ear_tag']} {_fmt(a['species'])} {a['breed']} {_w('owner')} "
                        f"{a['owner']} {_fmt(a['status'])}" for a in result.animals])
    section("animal_events", [f"{e['ear_tag']} {e['occurred_on']} {_fmt(e['kind'])} "
                              f"{_fmt(e['product'])} {_w('lot')} {_fmt(e['product_lot'])}"
                              + (f" {_w('withdrawal', days=e['withdrawal_days'])}"
                                 if e["withdrawal_days"] is not None else "")
                              for e in result.animal_events])
    section("quality", [f"{q['code']} {_fmt(q['lot'] or q['batch'])} {_fmt(q['kind'])} "
                        f"{q['tested_on']} {_fmt(q['result']).upper()}" for q in result.quality])
    section("certifications", [f"{c['number']} {_fmt(c['scheme'])} {c['certifier']} "
                               f"{c['valid_from']}..{c['valid_until']}"
                               for c in result.certifications])
    labels = [f"{p['serial']} {p['lot']} {_fmt(p['net_weight'])} {p['unit']} {_fmt(p['status'])}"
              for p in result.packages]
    if len(labels) > max_labels:
        labels = [*labels[:max_labels], _w("more", count=len(result.packages) - max_labels)]
    section("packages", labels)
    section("shipments", [f"{s['code']} {s['shipped_on']} {s['lot']} {s['quantity']} {s['unit']}"
                          f" -> {s['customer']}" for s in result.shipments])
    section("customers", [f"{c['code']} {c['name']} {_fmt(c['kind'])} {_w('total')} "
                          f"{_fmt(c['quantity'])}" for c in result.customers])
    lines.append("")
    lines.append(_w("elapsed", ms=result.elapsed_ms))
    return "\n".join(lines)


def _kind(kind: str) -> enum.Enum:
    return TransformationKind(kind)
