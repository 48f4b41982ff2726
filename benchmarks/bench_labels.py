"""Label benchmark: an A4 sheet PDF of N labels against gLabels 3 and a plain reportlab + qrcode
loop, the same rows in the same run; TSPL and ZPL labels per second.

    .venv/bin/python benchmarks/bench_labels.py [--counts 1000,10000] [--repeat 1]
                                                [--no-glabels] [--no-loop]

The job is the one in ``../shared/benchmarks/glabels/``: 3 × 7 labels of 70 × 42.3 mm, three text
lines (product, lot, net weight) and a QR of a trace address, rows from ``make_data.py``'s
pattern. Each engine runs in a child process of its own, so its wall time and its peak memory
(the child's maximum resident set) are its own:

- **coop**: our templates (``benchmarks/labels/bench-70x42.toml`` on the sheet
  ``bench-a4-3x7.toml``), ``lay_out`` at 600 dpi and ``write_pdf`` streaming the layouts;
- **glabels**: ``glabels-3-batch -i data.csv -o out.pdf label.glabels`` (Debian package
  ``glabels``), skipped with a note when it is not installed;
- **loop**: reportlab canvas + qrcode (module squares drawn one by one), the naive baseline.

Every output's first page is rasterised (pypdfium2, 200 dpi) and its QR codes decoded: each engine
must yield the first 21 addresses, or the run fails. Then TSPL and ZPL jobs of 1,000 crate labels
(60 × 40 mm with GS1-128, 203 dpi): labels per second. Figures go to ``benchmarks/out/labels.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: the checkout's packages
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
GLABELS_DIR = ROOT.parent / "shared" / "benchmarks" / "glabels"
TEMPLATES = ROOT / "benchmarks" / "labels"
OUT = ROOT / "benchmarks" / "out"


def rows(count: int) -> Iterator[tuple[str, str, str, str]]:
    """The rows of ``make_data.py``: product, lot, weight, trace address."""
    for i in range(count):
        weight = 10 + (i % 7) + (i % 10) / 10
        lot = f"L2026-{i:05d}"
        yield ("Minqin honeydew melon", lot, f"{weight:.1f} kg",
               f"https://trace.example.coop/01/06912345678905/10/{lot}/21/{100000 + i}")


def write_csv(count: int, out: Path) -> None:
    with out.open("w", newline="") as file:
        file.write("product,lot,weight,url\r\n")
        for row in rows(count):
            file.write(",".join(row) + "\r\n")


# --- the engines, each run as `python bench_labels.py --engine NAME --count N --out FILE` ------

def run_coop(count: int, out: Path) -> None:
    from coop_desktop.labels.layout import lay_out
    from coop_desktop.labels.pdf import write_pdf
    from coop_desktop.labels.template import load_template_file

    sheet = load_template_file(TEMPLATES / "bench-a4-3x7.toml").sheet
    label = load_template_file(TEMPLATES / "bench-70x42.toml")
    assert sheet is not None
    layouts = (lay_out(label, {"product": product, "lot": lot, "net_weight": weight,
                               "qr": url}, dpi=600)
               for product, lot, weight, url in rows(count))
    write_pdf(layouts, out, sheet=sheet, title="benchmark")


def run_loop(count: int, out: Path) -> None:
    """A plain reportlab + qrcode loop: what one writes without a layout engine."""
    import qrcode
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(out), pagesize=A4)
    for index, (product, lot, weight, url) in enumerate(rows(count)):
        position = index % 21
        if index and position == 0:
            canvas.showPage()
        column, row = position % 3, position // 3
        left, top = column * 70 * mm, A4[1] - row * 42.3 * mm
        canvas.setFont("Helvetica", 8)
        for line, text in enumerate((product, f"Lot {lot}", f"Net {weight}")):
            canvas.drawString(left + 2 * mm, top - 5 * mm - line * 3.5 * mm, text)
        code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
        code.add_data(url)
        code.make(fit=True)
        matrix = code.get_matrix()
        module = 22 * mm / len(matrix)
        for y, cells in enumerate(matrix):
            for x, dark in enumerate(cells):
                if dark:
                    canvas.rect(left + 44 * mm + x * module, top - 3 * mm - (y + 1) * module,
                                module, module, stroke=0, fill=1)
    canvas.save()


def run_glabels(count: int, out: Path) -> None:
    work = out.parent
    write_csv(count, work / "data.csv")
    shutil.copyfile(GLABELS_DIR / "label.glabels", work / "label.glabels")
    subprocess.run(["glabels-3-batch", "-i", "data.csv", "-o", str(out), "label.glabels"],
                   cwd=work, check=True, capture_output=True)


ENGINES = {"coop": run_coop, "loop": run_loop, "glabels": run_glabels}


def measure(engine: str, count: int, work: Path) -> dict[str, Any]:
    """Run one engine in a child process of a fresh watcher process, which reports the wall
    time and the engine's own peak resident memory (its children's ru_maxrss)."""
    out = work / f"{engine}-{count}.pdf"
    watched = subprocess.run(
        [sys.executable, __file__, "--watch", engine, "--count", str(count), "--out", str(out)],
        check=True, cwd=work, capture_output=True, text=True)
    seconds, peak_kib = (float(part) for part in watched.stdout.split())
    return {"engine": engine, "count": count, "seconds": round(seconds, 3),
            "peak_mib": round(peak_kib / 1024, 1), "bytes": out.stat().st_size,
            "first_page_decoded": decode_first_page(out)}


def watch(engine: str, count: int, out: Path) -> None:
    began = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--engine", engine, "--count", str(count),
                    "--out", str(out)], check=True, cwd=out.parent)
    seconds = time.perf_counter() - began
    print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def decode_first_page(pdf: Path) -> int:
    """How many of the first 21 addresses the first page yields when scanned at 200 dpi."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(str(pdf))
    image = document[0].render(scale=200 / 72).to_pil()
    document.close()
    found = {result.text for result in zxingcpp.read_barcodes(image)}
    expected = {url for _, _, _, url in rows(21)}
    return len(found & expected)


def thermal_rate(count: int) -> dict[str, float]:
    from coop_desktop.labels.layout import lay_out
    from coop_desktop.labels.template import load_template
    from coop_desktop.labels.thermal import ThermalSettings, tspl_job, zpl_job

    template = load_template("crate-60x40")
    gtin = "06901234567892"
    began = time.perf_counter()
    layouts = [lay_out(template, {"product": "民勤蜜瓜", "grade": "一级", "lot": "26120401",
                                  "net_weight": "12.50 kg", "pack_date": "2026-12-04",
                                  "serial": str(serial), "origin": "民勤县 东湖镇",
                                  "gtin": gtin,
                                  "qr": f"https://q.example.cn/01/{gtin}/10/26120401/21/{serial}"},
                       dpi=203, gs1=(("01", gtin), ("10", "26120401")))
               for serial in range(1, count + 1)]
    layout_seconds = time.perf_counter() - began
    rates = {"layout_per_s": count / layout_seconds}
    for name, job in (("tspl", tspl_job), ("zpl", zpl_job)):
        began = time.perf_counter()
        data = job(layouts, ThermalSettings())
        seconds = time.perf_counter() - began
        rates[f"{name}_per_s"] = count / seconds
        rates[f"{name}_bytes_per_label"] = len(data) / count
    return {key: round(value, 1) for key, value in rates.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-glabels", action="store_true")
    parser.add_argument("--no-loop", action="store_true")
    parser.add_argument("--engine", choices=sorted(ENGINES), help=argparse.SUPPRESS)
    parser.add_argument("--watch", choices=sorted(ENGINES), help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        ENGINES[args.engine](args.count, args.out)
        return 0
    if args.watch:
        watch(args.watch, args.count, args.out)
        return 0
    counts = [int(part) for part in args.counts.split(",")]
    engines = ["coop"]
    if not args.no_loop:
        engines.append("loop")
    notes: list[str] = []
    if not args.no_glabels:
        if shutil.which("glabels-3-batch"):
            engines.append("glabels")
        else:
            notes.append("glabels-3-batch is not installed (Debian: apt install glabels): "
                         "gLabels skipped")
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for count in counts:
            for engine in engines:
                runs = [measure(engine, count, work) for _ in range(args.repeat)]
                median = statistics.median(run["seconds"] for run in runs)
                result = dict(runs[-1], seconds=median)
                results.append(result)
                if result["first_page_decoded"] != 21:
                    print(f"FAIL: {engine} {count}: page 1 decodes "
                          f"{result['first_page_decoded']} of 21 addresses", file=sys.stderr)
                    return 1
    print(f"{'labels':>7} {'engine':>8} {'seconds':>9} {'peak MiB':>9} {'vs gLabels':>11} "
          f"{'vs loop':>8}")
    for result in results:
        same = {r["engine"]: r for r in results if r["count"] == result["count"]}
        versus = {name: (f"{result['seconds'] / same[name]['seconds']:.3f}"
                         if name in same else "—") for name in ("glabels", "loop")}
        print(f"{result['count']:>7} {result['engine']:>8} {result['seconds']:>9.2f} "
              f"{result['peak_mib']:>9.1f} {versus['glabels']:>11} {versus['loop']:>8}")
    thermal = thermal_rate(1000)
    print(f"crate labels 60x40 at 203 dpi: layout {thermal['layout_per_s']}/s, "
          f"TSPL {thermal['tspl_per_s']}/s ({thermal['tspl_bytes_per_label']:.0f} B each), "
          f"ZPL {thermal['zpl_per_s']}/s ({thermal['zpl_bytes_per_label']:.0f} B each)")
    for note in notes:
        print(f"note: {note}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "labels.json").write_text(json.dumps({
        "machine": platform.platform(), "cpus": os.cpu_count(), "results": results,
        "thermal_1000": thermal, "notes": notes}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
