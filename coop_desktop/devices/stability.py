"""Stability for devices that send no flag (devices.md §3.9), and the animal-weighing mode.

Pure: the caller passes the time (seconds, any monotonic clock) with every value.

:class:`StabilityDetector` says a weight is stable when, over the window (``window_s`` seconds,
or the last ``window_count`` values), ``max − min ≤ tolerance``, at least ``min_frames`` values
arrived, and the weight is above ``min_load`` (when set). A device's own flag always wins
(:meth:`StabilityDetector.judge`).

:class:`AnimalWeigher` is for animals moving on a platform: once the load passes ``min_load`` it
collects values for ``settle_s`` seconds, drops outliers (median ± 2·MAD), reports the mean and
the spread once, and locks until the load falls below ``min_load`` again.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections import deque
from dataclasses import dataclass
from decimal import Decimal

from coop_desktop.devices.readings import Reading


class StabilityDetector:
    def __init__(self, *, window_s: float | None = 1.0, window_count: int | None = None,
                 tolerance: Decimal = Decimal(0), min_frames: int = 5,
                 min_load: Decimal | None = None) -> None:
        if (window_s is None) == (window_count is None):
            raise ValueError("give exactly one of window_s and window_count")
        if window_count is not None and window_count < 1:
            raise ValueError("window_count must be at least 1")
        if tolerance < 0:
            raise ValueError("tolerance must not be negative")
        self.window_s = window_s
        self.window_count = window_count
        self.tolerance = tolerance
        self.min_frames = min_frames if window_count is None else window_count
        self.min_load = min_load
        self._samples: deque[tuple[float, Decimal]] = deque()
        self._since: float | None = None  # time since which every value is within tolerance
        self._run = 0  # values since then
        self._last_t: float | None = None
        self.stable = False

    def reset(self) -> None:
        self._samples.clear()
        self._since = None
        self._run = 0
        self._last_t = None
        self.stable = False

    def feed(self, t: float, value: Decimal) -> bool:
        """Add the value seen at time ``t``; return whether the weight is now stable."""
        if self._last_t is not None and t < self._last_t:
            self.reset()  # the clock went back: start again rather than guess
        self._last_t = t
        samples = self._samples
        samples.append((t, value))
        self._run += 1
        if self._since is None:
            self._since = t
        if self.window_count is not None:
            while len(samples) > self.window_count:
                samples.popleft()
        else:
            assert self.window_s is not None
            while len(samples) > 1 and samples[0][0] < t - self.window_s:
                samples.popleft()
        values = [v for _, v in samples]
        while max(values) - min(values) > self.tolerance:
            samples.popleft()
            values.pop(0)
            self._since = samples[0][0]
            self._run = len(samples)
        if self.window_count is not None:
            steady_long_enough = len(samples) >= self.window_count
        else:
            assert self.window_s is not None
            steady_long_enough = t - self._since >= self.window_s
        loaded = self.min_load is None or value > self.min_load
        self.stable = bool(steady_long_enough and self._run >= self.min_frames and loaded)
        return self.stable

    def judge(self, t: float, reading: Reading) -> Reading:
        """``reading`` with ``stable`` filled in when the device did not say (a device flag
        wins; an overload or a missing value is never stable)."""
        if reading.value is None or reading.overload:
            self.reset()
            return reading if reading.stable is not None else dataclasses.replace(
                reading, stable=False)
        stable = self.feed(t, reading.value)
        if reading.stable is not None:
            return reading
        return dataclasses.replace(reading, stable=stable)


@dataclass(frozen=True)
class AnimalWeight:
    value: Decimal  # mean of the kept values
    spread: Decimal  # max − min of the kept values
    samples: int  # values kept
    dropped: int  # outliers dropped


class AnimalWeigher:
    def __init__(self, *, min_load: Decimal, settle_s: float = 3.0, min_samples: int = 5,
                 places: int | None = None) -> None:
        self.min_load = min_load
        self.settle_s = settle_s
        self.min_samples = min_samples
        self.places = places
        self._start: float | None = None
        self._values: list[Decimal] = []
        self.locked = False

    def reset(self) -> None:
        self._start = None
        self._values = []
        self.locked = False

    def feed(self, t: float, value: Decimal) -> AnimalWeight | None:
        """Add a value; returns the animal's weight once per animal, else None."""
        if value <= self.min_load:
            self.reset()  # the platform emptied: ready for the next animal
            return None
        if self.locked:
            return None
        if self._start is None:
            self._start = t
        self._values.append(value)
        if t - self._start < self.settle_s or len(self._values) < self.min_samples:
            return None
        self.locked = True
        return self._summarise(self._values)

    def _summarise(self, values: list[Decimal]) -> AnimalWeight:
        median = statistics.median(values)
        mad = statistics.median([abs(v - median) for v in values])
        kept = [v for v in values if abs(v - median) <= 2 * mad] if mad else [
            v for v in values if v == median] or values
        mean = sum(kept, Decimal(0)) / len(kept)
        if self.places is not None:
            mean = mean.quantize(Decimal(1).scaleb(-self.places))
        return AnimalWeight(value=mean, spread=max(kept) - min(kept), samples=len(kept),
                            dropped=len(values) - len(kept))
