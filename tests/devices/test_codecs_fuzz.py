"""Hypothesis: random bytes and mutated valid streams never raise, never trip the codecs' safety
net, and never yield a reading from a frame whose checksum is wrong."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from coop_desktop.devices.codecs import codec_names, make_codec
from coop_desktop.devices.codecs._base import xor_of
from coop_desktop.devices.codecs.toledo import checksum as toledo_checksum
from coop_desktop.devices.codecs.yaohua import xor_chars
from coop_desktop.devices.readings import Reading
from tests.devices.golden import GOLDEN


def _yaohua_ok(covered: bytes, sent: bytes) -> bool:
    return sent in (xor_chars(covered, "hex"), xor_chars(covered, "plus30"))


_W_CHECKED = re.compile(rb"(?i)(kg|lb|ol|lo|g|t)([0-9a-f]{2})$")


def _w_ok(raw: bytes) -> bool:
    """A line that ends in unit + two hex characters carries a checksum: it must be right."""
    line = raw.rstrip(b"\r\n").strip(b" \x00\x02")
    match = _W_CHECKED.search(line)
    return match is None or xor_of(line[: match.start(2)]) == int(match[2], 16)


ORACLES: dict[str, Callable[[bytes], bool]] = {
    "yaohua_tf0": lambda raw: _yaohua_ok(raw[1:9], raw[9:11]),
    "yaohua_tf1": lambda raw: _yaohua_ok(raw[1:11], raw[11:13]),
    "toledo": lambda raw: raw[17] & 0x7F == toledo_checksum(bytes(b & 0x7F for b in raw[:17])),
    "eid_wl134": lambda raw: raw[27] == xor_of(raw[1:27]) and raw[28] == raw[27] ^ 0xFF,
    "yaohua_w": _w_ok,
}

TF1_REPLY = b"\x02AB+0012342" + xor_chars(b"AB+0012342") + b"\x03"
SAMPLES: dict[str, bytes] = dict.fromkeys(codec_names(), b"")
for g in GOLDEN:
    if not g.options:
        SAMPLES[g.protocol] += g.frame
SAMPLES["yaohua_tf1"] = TF1_REPLY + b"\x02AB03\x03" + TF1_REPLY
SAMPLES["yaohua_eq"] = b"=000.3000=00.1000-=000.3000="
CODECS = sorted(SAMPLES)


def _check(protocol: str, readings: list[Reading], stats_reasons: dict[str, int]) -> None:
    assert "internal_error" not in stats_reasons
    oracle = ORACLES.get(protocol)
    for reading in readings:
        assert reading.value is None or reading.value.is_finite()
        if oracle is not None:
            assert oracle(reading.raw), reading.raw


def _chunks(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts} | {0, len(data)})
    return [data[a:b] for a, b in itertools.pairwise(points)]


@settings(max_examples=200, deadline=None)
@given(protocol=st.sampled_from(CODECS), data=st.binary(max_size=300),
       cuts=st.lists(st.integers(min_value=0, max_value=300), max_size=8))
def test_random_bytes_never_raise(protocol: str, data: bytes, cuts: list[int]) -> None:
    codec = make_codec(protocol)
    readings = [r for chunk in _chunks(data, cuts) for r in codec.feed(chunk)]
    _check(protocol, readings, codec.stats.reasons)


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    protocol = draw(st.sampled_from(CODECS))
    stream = bytearray(SAMPLES[protocol] * draw(st.integers(1, 3)))
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["flip", "insert", "delete", "replace"]))
        at = draw(st.integers(0, max(len(stream) - 1, 0)))
        if action == "flip" and stream:
            stream[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            stream[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif action == "delete" and stream:
            del stream[at]
        elif stream:
            stream[at] = draw(st.integers(0, 255))
    return protocol, bytes(stream)


@settings(max_examples=300, deadline=None)
@given(case=_mutated(), cuts=st.lists(st.integers(min_value=0, max_value=300), max_size=8))
def test_mutated_streams_never_yield_bad_checksums(case: tuple[str, bytes],
                                                    cuts: list[int]) -> None:
    protocol, stream = case
    codec = make_codec(protocol)
    readings = [r for chunk in _chunks(stream, cuts) for r in codec.feed(chunk)]
    _check(protocol, readings, codec.stats.reasons)


@settings(max_examples=100, deadline=None)
@given(protocol=st.sampled_from(CODECS), cuts=st.lists(st.integers(0, 300), max_size=10))
def test_clean_streams_lose_nothing_however_split(protocol: str, cuts: list[int]) -> None:
    stream = SAMPLES[protocol] * 2
    whole = make_codec(protocol).feed(stream)
    codec = make_codec(protocol)
    split = [r for chunk in _chunks(stream, cuts) for r in codec.feed(chunk)]
    assert split == whole
    assert whole
