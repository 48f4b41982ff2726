"""The label benchmark's own parts on tiny sizes: the rows follow the gLabels sample, our PDF of
them scans, the thermal job rates come out."""

from __future__ import annotations

from pathlib import Path

from benchmarks.bench_labels import decode_first_page, rows, run_coop, thermal_rate, write_csv


def test_rows_follow_the_glabels_sample(tmp_path: Path) -> None:
    first = next(rows(1))
    assert first == ("Minqin honeydew melon", "L2026-00000", "10.0 kg",
                     "https://trace.example.coop/01/06912345678905/10/L2026-00000/21/100000")
    write_csv(3, tmp_path / "data.csv")
    assert (tmp_path / "data.csv").read_bytes().count(b"\r\n") == 4


def test_our_sheet_pdf_of_the_benchmark_rows_scans(tmp_path: Path) -> None:
    out = tmp_path / "coop.pdf"
    run_coop(25, out)
    assert decode_first_page(out) == 21


def test_thermal_rates_are_measured() -> None:
    rates = thermal_rate(5)
    assert rates["tspl_per_s"] > 0 and rates["zpl_bytes_per_label"] > 1000
