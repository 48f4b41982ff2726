"""The devices benchmark's parts run on tiny sizes and count correctly. Correctness only: the
timings are the benchmark's."""

from __future__ import annotations

import sys

import pytest
from pytestqt.qtbot import QtBot

from benchmarks.bench_devices import (
    codec_throughput,
    latency_baseline,
    latency_qt,
    mixed_data,
    sample_frames,
    stream,
    stream_profiles,
)
from coop_desktop.devices.profiles import load_profile

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


def test_every_scale_and_reader_profile_is_measured() -> None:
    names = {p.name for p in stream_profiles()}
    assert {"yaohua-xk3190-a9", "mt-sics", "sartorius-sbi", "eid-wl134", "eid-ascii"} <= names
    assert "renke-soil" not in names


def test_codec_throughput_decodes_the_generated_frames() -> None:
    for name in ("yaohua-xk3190-a9", "mt-sics"):
        result = codec_throughput(load_profile(name), 400)
        assert result.frames == 400
        assert 350 < result.decoded <= 400  # garbage may take a line frame with it
        assert result.frames_per_s > 0 and result.line_frames_per_s > 0


def test_garbage_is_about_five_percent() -> None:
    frames = sample_frames(load_profile("yaohua-xk3190-a9"), 4000)
    data = mixed_data(frames)
    clean = sum(map(len, frames))
    assert 0.03 < (len(data) - clean) / clean < 0.07


@posix_only
def test_a_short_stream_loses_nothing() -> None:
    result = stream(0.3)
    assert result.sent > 100
    assert (result.decoded, result.lost, result.wrong) == (result.sent, 0, 0)


@posix_only
def test_latency_to_the_qt_signal_and_the_baseline(qtbot: QtBot) -> None:
    assert len(latency_qt(10)) == 10
    assert len(latency_baseline(10)) == 10
