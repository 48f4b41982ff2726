"""A trace result told as text, for the terminal and plain-text exports."""

from __future__ import annotations

from typing import Any

from coop_desktop.domain import i18n
from coop_desktop.services.trace import TraceResult

_HEADINGS = {
    "origin": ("Trace of {query} ({matched}): lots {origin}", "追溯 {query}（{matched}）：批次 {origin}"),
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
}


def _heading(key: str, **values: Any) -> str:
    english, chinese = _HEADINGS[key]
    return (chinese if i18n.language() == "zh" else english).format(**values)


def _fmt(value: Any) -> str:
    if value is None or value == "":
        return "-"
    return str(getattr(value, "value", value))


def render_trace(result: TraceResult, max_labels: int = 20) -> str:
    lines = [_heading("origin", query=result.query, matched=result.matched,
                      origin=", ".join(result.origin) or "-")]

    def section(key: str, rows: list[str]) -> None:
        if rows:
            lines.append("")
            lines.append(f"{_heading(key)} ({len(rows)})")
            lines.extend(f"  {row}" for row in rows)

    section("lots", [f"{lot.code:<20} {lot.direction:<8} {lot.product} {lot.quantity} {lot.unit} "
                     f"{lot.status} harvest {_fmt(lot.harvest_date)} pack {_fmt(lot.pack_date)}"
                     for lot in result.lots])
    section("edges", [f"{edge.parent} -> {edge.child} {edge.quantity} ({edge.kind}, "
                      f"{edge.occurred_on})" for edge in result.edges])
    section("members", [f"{m['code']} {m['name']} {m['township']} {m['village']}"
                        for m in result.members])
    section("plots", [f"{p['code']} {p['member']} {p['village']} {p['area_mu']} mu "
                      f"{_fmt(p['land_type'])}{' GI' if p['in_gi_area'] else ''}"
                      for p in result.plots])
    section("batches", [f"{b['code']} {b['product']} plot {b['plot']} season {b['season']} "
                        f"planted {b['planted_on']} seed lot {_fmt(b['seed_lot'])}"
                        for b in result.batches])
    section("inputs", [f"{i['batch']} {i['performed_on']} {_fmt(i['kind'])} {_fmt(i['input'])} "
                       f"lot {_fmt(i['input_lot'])} reg {_fmt(i['registration_no'])}"
                       + (f" PHI {i['phi_days']} d, ends {i['phi_ends']}"
                          if i["phi_days"] is not None else "")
                       for i in result.inputs])
    section("harvests", [f"{h['batch']} {h['harvested_on']} {h['quantity']} {h['unit']} -> "
                         f"{h['into_lot']} ({h['quantity_used']})" for h in result.harvests])
    section("deliveries", [f"{d['code']} {d['member']} {d['delivered_on']} {d['quantity']} "
                           f"{d['unit']} -> {d['into_lot']} ({d['quantity_used']})"
                           for d in result.deliveries])
    section("animals", [f"{a['ear_tag']} {_fmt(a['species'])} {a['breed']} owner {a['owner']} "
                        f"{_fmt(a['status'])}" for a in result.animals])
    section("animal_events", [f"{e['ear_tag']} {e['occurred_on']} {_fmt(e['kind'])} "
                              f"{_fmt(e['product'])} lot {_fmt(e['product_lot'])}"
                              + (f" withdrawal {e['withdrawal_days']} d"
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
        labels = [*labels[:max_labels], f"... {len(result.packages) - max_labels} more"]
    section("packages", labels)
    section("shipments", [f"{s['code']} {s['shipped_on']} {s['lot']} {s['quantity']} {s['unit']}"
                          f" -> {s['customer']}" for s in result.shipments])
    section("customers", [f"{c['code']} {c['name']} {_fmt(c['kind'])} total {_fmt(c['quantity'])}"
                          for c in result.customers])
    lines.append("")
    lines.append(_heading("elapsed", ms=result.elapsed_ms))
    return "\n".join(lines)
