from __future__ import annotations

from decimal import Decimal

import pytest

from coop_desktop.devices.readings import Reading
from coop_desktop.devices.stability import AnimalWeigher, StabilityDetector

D = Decimal


def test_time_window_needs_the_whole_window_and_enough_frames() -> None:
    detector = StabilityDetector(window_s=1.0, min_frames=5, tolerance=D("0.02"))
    results = [detector.feed(i * 0.1, D("12.34")) for i in range(11)]
    assert results[:10] == [False] * 10  # 0.0 … 0.9 s: not a full second yet
    assert results[10] is True


def test_a_jump_restarts_the_window_and_drift_within_tolerance_is_stable() -> None:
    detector = StabilityDetector(window_s=1.0, min_frames=5, tolerance=D("0.02"))
    for i in range(11):
        detector.feed(i * 0.1, D("10.00") + D("0.01") * (i % 2))
    assert detector.stable
    assert detector.feed(1.1, D("10.50")) is False
    assert [detector.feed(1.1 + i * 0.1, D("10.50")) for i in range(1, 11)][-1] is True


def test_count_window() -> None:
    detector = StabilityDetector(window_s=None, window_count=5, tolerance=D(0))
    assert [detector.feed(i, D(5)) for i in range(5)] == [False] * 4 + [True]
    assert detector.feed(5, D(6)) is False


def test_min_load_and_slow_frames() -> None:
    detector = StabilityDetector(window_s=1.0, min_frames=5, min_load=D(1))
    assert not any(detector.feed(i * 0.5, D("0.5")) for i in range(10))
    detector = StabilityDetector(window_s=1.0, min_frames=5)
    assert [detector.feed(t, D(3)) for t in (0, 0.5, 1.0)] == [False, False, False]  # 3 frames


def test_clock_going_back_resets() -> None:
    detector = StabilityDetector(window_s=1.0, min_frames=2)
    detector.feed(10.0, D(1))
    assert detector.feed(11.0, D(1)) is True
    assert detector.feed(5.0, D(1)) is False


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        StabilityDetector(window_s=1.0, window_count=3)
    with pytest.raises(ValueError, match="tolerance"):
        StabilityDetector(tolerance=D(-1))


def test_judge_keeps_device_flags_and_fills_missing_ones() -> None:
    detector = StabilityDetector(window_s=None, window_count=2)
    flagged = Reading(value=D(1), unit="kg", stable=False, raw=b"x")
    assert detector.judge(0, flagged) is flagged
    unflagged = Reading(value=D(1), unit="kg", stable=None, raw=b"x")
    assert detector.judge(1, unflagged).stable is True
    over = Reading(value=None, unit="kg", stable=None, raw=b"x", overload=True)
    assert detector.judge(2, over).stable is False
    assert detector.judge(3, unflagged).stable is False  # the overload restarted the window


def test_animal_weigher_drops_outliers_reports_once_and_unlocks() -> None:
    weigher = AnimalWeigher(min_load=D(20), settle_s=2.0, min_samples=5, places=1)
    stream = [D(0), D(150), D(420), D(431), D(429), D(430), D(600), D(430), D(431), D(429)]
    results = [weigher.feed(i * 0.5, v) for i, v in enumerate(stream)]
    found = [r for r in results if r is not None]
    assert len(found) == 1
    weight = found[0]
    assert weight.value == D("430.0")
    assert weight.dropped >= 2  # 150 and 600 (the animal stepping on and kicking)
    assert weight.spread <= D(2)
    assert weigher.feed(6.0, D(431)) is None  # locked while the animal stays
    assert weigher.feed(6.5, D(5)) is None  # platform empty: unlocked
    assert [weigher.feed(7 + i, D(300)) for i in range(5)][-1] is not None
