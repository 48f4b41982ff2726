"""Every codec against the frames in devices.md: whole, split at every byte, merged, behind
garbage, and with a spoiled checksum."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coop_desktop.devices.codecs import codec_names, make_codec
from coop_desktop.devices.codecs.yaohua import encode_request, xor_chars
from coop_desktop.devices.readings import Reading
from tests.devices.golden import GOLDEN, Golden


def _codec(g: Golden):  # type: ignore[no-untyped-def]
    return make_codec(g.protocol, dict(g.options))


def _check(reading: Reading, g: Golden) -> None:
    assert reading.value == g.value
    if g.value is not None:
        assert str(reading.value) == str(g.value)  # the device's decimals are kept
    assert reading.unit == g.unit
    assert reading.stable is g.stable
    assert reading.kind == g.kind
    assert reading.overload is g.overload
    assert reading.text == g.text
    assert reading.raw == g.frame


IDS = [f"{g.protocol}-{i}" for i, g in enumerate(GOLDEN)]


def test_every_codec_has_a_golden_frame() -> None:
    assert {g.protocol for g in GOLDEN} >= set(codec_names()) - {"yaohua_tf1", "yaohua_eq"}


@pytest.mark.parametrize("g", GOLDEN, ids=IDS)
def test_golden_frame(g: Golden) -> None:
    codec = _codec(g)
    readings = codec.feed(g.frame)
    assert len(readings) == 1
    _check(readings[0], g)
    assert codec.stats.frames == 1
    assert codec.stats.dropped_bytes == 0


@pytest.mark.parametrize("g", GOLDEN, ids=IDS)
def test_split_at_every_byte(g: Golden) -> None:
    frame = g.frame
    for cut in range(1, len(frame)):
        codec = _codec(g)
        readings = codec.feed(frame[:cut]) + codec.feed(frame[cut:])
        assert len(readings) == 1, cut
        _check(readings[0], g)
    codec = _codec(g)
    readings = [r for b in frame for r in codec.feed(bytes((b,)))]
    assert len(readings) == 1
    _check(readings[0], g)


@pytest.mark.parametrize("g", GOLDEN, ids=IDS)
def test_merged_and_after_garbage(g: Golden) -> None:
    codec = _codec(g)
    garbage = b"\xff\x00\x7f\r\n" if g.protocol not in ("yaohua_tf0", "eid_wl134", "toledo") \
        else b"\xff\x00\x02\x31\x7f"
    readings = codec.feed(garbage + g.frame + g.frame + g.frame[:3])
    assert len(readings) == 2
    for reading in readings:
        _check(reading, g)
    assert codec.stats.dropped_bytes > 0 or codec.stats.malformed > 0


CHECKSUMMED = [g for g in GOLDEN if g.protocol in ("yaohua_tf0", "toledo", "yaohua_w",
                                                    "eid_wl134")]


@pytest.mark.parametrize("g", CHECKSUMMED, ids=[g.protocol for g in CHECKSUMMED])
def test_bad_checksum_yields_nothing_and_resyncs(g: Golden) -> None:
    frame = bytearray(g.frame)
    position = {"yaohua_tf0": 10, "toledo": 17, "yaohua_w": 12, "eid_wl134": 27}[g.protocol]
    frame[position] ^= 0x01
    codec = _codec(g)
    readings = codec.feed(bytes(frame) + g.frame)
    assert len(readings) == 1
    _check(readings[0], g)
    assert codec.stats.bad_checksums == 1


def test_yaohua_xor_encodings_both_accepted() -> None:
    # +000010 with 0 decimals: XOR = 2B^31 = 1A; hex "1A", A22 style "1:"
    body = b"+0000100"
    assert xor_chars(body, "hex") == b"1A"
    assert xor_chars(body, "plus30") == b"1:"
    for style in ("hex", "plus30"):
        codec = make_codec("yaohua_tf0")
        (reading,) = codec.feed(b"\x02" + body + xor_chars(body, style) + b"\x03")
        assert reading.value == Decimal(10)
    only_hex = make_codec("yaohua_tf0", {"xor_styles": ["hex"]})
    assert only_hex.feed(b"\x02" + body + b"1:\x03") == []
    assert only_hex.stats.bad_checksums == 1


def test_yaohua_requests_match_the_manual() -> None:
    assert encode_request("A").hex(" ").upper() == "02 41 41 30 30 03"
    assert encode_request("B").hex(" ").upper() == "02 41 42 30 33 03"
    assert encode_request("C").hex(" ").upper() == "02 41 43 30 32 03"
    assert encode_request("D").hex(" ").upper() == "02 41 44 30 35 03"


def test_yaohua_tf1_reply_and_echo() -> None:
    body = b"AB+0012342"  # address A, gross, +001234, 2 decimals
    reply = b"\x02" + body + xor_chars(body) + b"\x03"
    codec = make_codec("yaohua_tf1")
    readings = codec.feed(encode_request("B") + reply[:5])
    readings += codec.feed(reply[5:] + b"\x02AD+0000501" + xor_chars(b"AD+0000501") + b"\x03")
    assert [(r.value, r.kind.value) for r in readings] == [(Decimal("12.34"), "gross"),
                                                           (Decimal("5.0"), "net")]
    assert codec.stats.reasons.get("request_echo") == 1
    assert codec.stats.malformed == 0


@pytest.mark.parametrize(("stream", "order", "values"), [
    (b"=000.3000=00.1000-=000.3000=", "reversed", ["3.000", "-1.00", "3.000"]),
    (b"543.210=543.210=543.210=", "reversed", ["12.345", "12.345"]),  # first may be partial
    (b"=0003.000=-001.000=", "forward", ["3.000", "-1.000"]),
])
def test_yaohua_eq(stream: bytes, order: str, values: list[str]) -> None:
    for cut in range(len(stream) + 1):
        codec = make_codec("yaohua_eq", {"order": order})
        readings = codec.feed(stream[:cut]) + codec.feed(stream[cut:])
        assert [str(r.value) for r in readings] == values, cut
        assert all(r.stable is None for r in readings)


def test_yaohua_eq_forward_first_frame_after_sync() -> None:
    codec = make_codec("yaohua_eq", {"order": "forward"})
    # the text before the first "=" may be half a frame: dropped
    assert [str(r.value) for r in codec.feed(b"03.000=0003.000=")] == ["3.000"]
    assert codec.stats.reasons == {"unsynced": 7}


@pytest.mark.parametrize(("line", "value", "unit", "kind", "overload"), [
    (b"ww000.000lb\r\n", "0.000", "lb", "unknown", False),
    (b"wn-0000.1kg\r\n", "-0.1", "kg", "net", False),
    (b"wt000.000kg\r\n", "0.000", "kg", "tare", False),
    (b"WG         OL\r\n", None, "", "gross", True),
])
def test_yaohua_w_forms(line: bytes, value: str | None, unit: str, kind: str,
                        overload: bool) -> None:
    (reading,) = make_codec("yaohua_w").feed(line)
    assert (str(reading.value) if reading.value is not None else None) == value
    assert (reading.unit, reading.kind.value, reading.overload) == (unit, kind, overload)


def test_yaohua_w_required_checksum() -> None:
    codec = make_codec("yaohua_w", {"checksum": "required"})
    assert codec.feed(b"ww000.000lb\r\n") == []
    assert len(codec.feed(bytes.fromhex("57 47 30 30 34 2E 31 33 39 6B 67 33 44 0D 0A"))) == 1


def test_toledo_7e1_parity_bits_are_masked() -> None:
    frame = bytes.fromhex("02 2C 30 20 30 30 31 32 33 34 30 30 30 30 30 30 0D 2B")
    with_parity = bytes(b | 0x80 if bin(b).count("1") % 2 else b for b in frame)  # even parity
    (reading,) = make_codec("toledo").feed(with_parity)
    assert reading.value == Decimal("12.34")
    assert reading.raw == with_parity


def test_toledo_variants_and_overload() -> None:
    from coop_desktop.devices.codecs.toledo import encode

    short = encode(Decimal("1.5"), 1, tare=False, with_checksum=False, net=True)
    (reading,) = make_codec("toledo", {"tare": False, "checksum": False}).feed(short)
    assert (reading.value, reading.kind.value) == (Decimal("1.5"), "net")
    (over,) = make_codec("toledo").feed(encode(Decimal(0), 0, overload=True))
    assert over.overload and over.value is None
    from coop_desktop.devices.codecs.toledo import checksum

    body = b"\x02\x21\x30\x20001234000000\r"  # decimal code 1: x10
    (tens,) = make_codec("toledo").feed(body + bytes((checksum(body),)))
    assert tens.value == Decimal(12340)


def test_sics_other_replies_are_not_readings() -> None:
    codec = make_codec("mt_sics")
    assert codec.feed(b"S I\r\nZ A\r\nES\r\nS -\r\nT S 1.000 kg\r\n")[0].overload
    readings = make_codec("mt_sics").feed(b"T S 1.000 kg\r\n")
    assert readings[0].kind.value == "tare"


def test_st_gs_configured_for_a_new_scale() -> None:
    """A scale with other tokens, a semicolon and the unit in its own field: options only."""
    codec = make_codec("st_gs", {"separator": ";", "stable": ["S"], "unstable": ["M"],
                                 "overload": ["O"], "layouts": [["status", "weight", "unit"]]})
    stable, moving, over = codec.feed(b"S;+  4.876;kg\r\nM;  4.80;kg\r\nO;       ;kg\r\n")
    assert (stable.value, stable.unit, stable.stable) == (Decimal("4.876"), "kg", True)
    assert moving.stable is False
    assert over.overload and over.value is None
    assert make_codec("st_gs").feed(b"ST,+  4.876kg\r\n")[0].value == Decimal("4.876")


def test_sartorius_forms() -> None:
    codec = make_codec("sartorius_sbi")
    lines = ["+ " + "  123.56" + " " + "g  ", "N     " + "- " + "     1.5" + " " + "kg ",
             "+ " + "       H" + " " + "   "]
    stable, net, high = codec.feed("".join(line + "\r\n" for line in lines).encode())
    assert (stable.value, stable.unit, stable.stable) == (Decimal("123.56"), "g", True)
    assert (net.value, net.kind.value) == (Decimal("-1.5"), "net")
    assert high.overload


@pytest.mark.parametrize(("line", "text"), [
    (b"LA 00000 0 982 000001088420\r\n", "982 000001088420"),
    (b"LR 0006 0000000018514243\r\n", "0006 0000000018514243"),
    (b"999123456789012\r\n", "999 123456789012"),
    (b"3E7.1CBE991A14\r\n", "999 123456789012"),
])
def test_eid_ascii_forms(line: bytes, text: str) -> None:
    codec = make_codec("eid_ascii")
    (reading,) = codec.feed(b"\x02\r\n" + line)
    assert (reading.text, reading.channel) == (text, "eid")


def test_wl134_round_trip() -> None:
    from coop_desktop.devices.codecs.eid import encode_wl134

    frame = encode_wl134(982, 123456789012)
    assert frame.hex(" ").upper() == next(g for g in GOLDEN if g.protocol == "eid_wl134").hex


def test_encoders_write_the_reference_frames() -> None:
    from coop_desktop.devices.codecs import ascii_scales, sics
    from coop_desktop.devices.readings import WeightKind

    def frame(protocol: str) -> list[bytes]:
        return [g.frame for g in GOLDEN if g.protocol == protocol]

    assert sics.encode(Decimal("12.345"), "kg", stable=True) == frame("mt_sics")[0]
    assert sics.encode(Decimal("12.340"), "kg", stable=False) == frame("mt_sics")[1]
    st_gs = make_codec("st_gs")
    assert isinstance(st_gs, ascii_scales.StGsCodec)
    assert st_gs.encode(Decimal("12.34"), "kg", stable=True, kind=WeightKind.NET) == \
        frame("st_gs")[0]
    assert st_gs.encode(Decimal("-0.50"), "kg", stable=False) == frame("st_gs")[1]
    cas = make_codec("st_gs", {"layouts": [["status", "kind", "lamp", "weight"]]})
    assert isinstance(cas, ascii_scales.StGsCodec)
    assert cas.encode(Decimal("12.34"), "kg", stable=True) == frame("st_gs")[2]
    assert ascii_scales.encode_ohaus(Decimal("-0.50"), "kg", stable=False,
                                     kind=WeightKind.NET) == frame("ohaus")[0]
    assert ascii_scales.encode_sartorius(Decimal("123.56"), "g", stable=False) == \
        frame("sartorius_sbi")[0]


@pytest.mark.parametrize("value", ["0.00", "18.40", "-3.25", "1234.5"])
def test_encoders_round_trip(value: str) -> None:
    from coop_desktop.devices.codecs import ascii_scales, sics
    from coop_desktop.devices.readings import WeightKind

    number = Decimal(value)
    lines = [sics.encode(number, "kg", stable=True),
             ascii_scales.encode_ohaus(number, "kg", stable=True, kind=WeightKind.NET),
             ascii_scales.encode_sartorius(number, "kg", stable=True, ident="N")]
    codecs = [make_codec("mt_sics"), make_codec("ohaus"), make_codec("sartorius_sbi")]
    for layouts in ([["status", "kind", "weight"]], [["status", "kind", "lamp", "weight"]]):
        st_gs = make_codec("st_gs", {"layouts": layouts})
        assert isinstance(st_gs, ascii_scales.StGsCodec)
        lines.append(st_gs.encode(number, "kg", stable=True, kind=WeightKind.NET))
        codecs.append(st_gs)
    for line, codec in zip(lines, codecs, strict=True):
        (reading,) = codec.feed(line)
        assert (reading.value, reading.unit, reading.stable) == (number, "kg", True), line
