"""TSPL and ZPL jobs byte for byte against golden files: a fixed label (GB18030-free: text goes
as bitmaps) must produce exactly the stored job, so that a change to the printer languages is
seen and reviewed. ``COOP_UPDATE_GOLDEN=1`` rewrites the files after a deliberate change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coop_desktop.labels.layout import lay_out
from coop_desktop.labels.template import load_template
from coop_desktop.labels.thermal import ThermalSettings, tspl_job, zpl_job
from tests.labels.values import GS1_CASE, GS1_CRATE, VALUES

GOLDEN = Path(__file__).parent / "golden"
CASES = [("crate-60x40", 203, GS1_CRATE), ("crate-60x40", 300, GS1_CRATE),
         ("case-100x70", 203, GS1_CASE), ("certificate-70x60", 203, ())]


JOBS = {"tspl": tspl_job, "zpl": zpl_job}


@pytest.mark.parametrize("language", sorted(JOBS))
@pytest.mark.parametrize(("template", "dpi", "gs1"), CASES)
def test_jobs_match_their_golden_files(template: str, dpi: int,
                                       gs1: tuple[tuple[str, str], ...], language: str) -> None:
    layout = lay_out(load_template(template), VALUES, dpi=dpi, gs1=gs1)
    data = JOBS[language]([layout], ThermalSettings(dpi=dpi, darkness=9, offset_x_mm=0.5))
    golden = GOLDEN / f"{template}-{dpi}.{language}"
    if os.environ.get("COOP_UPDATE_GOLDEN") == "1":
        golden.write_bytes(data)
    assert golden.is_file(), f"no golden file {golden.name}: run with COOP_UPDATE_GOLDEN=1"
    assert data == golden.read_bytes()
