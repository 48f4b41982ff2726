"""diagnose() on synthetic bytes fed through a real codec: silence, random bytes, the
scoreboard's 3-byte binary output (devices.md §3.6), bad checksums and good frames."""

from __future__ import annotations

import random
from decimal import Decimal

from coop_desktop.devices.codecs import make_codec
from coop_desktop.devices.codecs.yaohua import encode_tf0
from coop_desktop.devices.readings import CodecStats
from coop_desktop.gui.devices import diagnose
from coop_desktop.gui.devices.diagnose import looks_like_scoreboard


def fed(data: bytes) -> tuple[bytes, CodecStats]:
    codec = make_codec("yaohua_tf0")
    codec.feed(data)
    return data, codec.stats


def scoreboard(grams: int, point: int = 2, negative: bool = False) -> bytes:
    """One value as the scoreboard port sends it, the mark (ninth) bit lost at 8N1."""
    first = point & 0x07 | (0x08 if negative else 0) | ((grams >> 16) & 0x07) << 4
    return bytes([first, (grams >> 8) & 0xFF, grams & 0xFF])


def test_silence_is_no_data() -> None:
    found = diagnose.diagnose(b"", CodecStats())
    assert found.code == "no_data"
    assert found.text == "No data: check the cable and the port."


def test_data_that_stopped_is_no_data_too() -> None:
    _, stats = fed(encode_tf0(Decimal("1.00"), 2) * 3)
    assert diagnose.diagnose(b"", stats) is diagnose.NO_DATA


def test_random_bytes_mean_wrong_line_settings() -> None:
    data = random.Random(4).randbytes(600)
    found = diagnose.diagnose(*fed(data))
    assert found.code == "wrong_line_settings"
    assert "wrong baud rate or parity" in found.text


def test_scoreboard_output_is_recognised() -> None:
    data = scoreboard(123_456) * 20
    assert looks_like_scoreboard(data)
    found = diagnose.diagnose(*fed(data))
    assert found.code == "scoreboard"
    assert found.text == "This looks like the scoreboard output; use the PC port."
    # a value changing now and then is still the scoreboard
    moving = b"".join(scoreboard(1000 + step // 5) for step in range(40))
    assert diagnose.diagnose(*fed(moving)) is diagnose.SCOREBOARD


def test_text_and_random_bytes_are_not_the_scoreboard() -> None:
    assert not looks_like_scoreboard(b"ST,GS,+0001.23kg\r\n" * 4)
    assert not looks_like_scoreboard(random.Random(1).randbytes(300))
    assert not looks_like_scoreboard(scoreboard(5))  # too short to judge


def test_bad_checksums() -> None:
    frames = b""
    for value in ("1.00", "2.00", "3.00", "4.00"):
        frame = bytearray(encode_tf0(Decimal(value), 2))
        frame[-2] ^= 0x01  # the last checksum character
        frames += bytes(frame)
    data, stats = fed(frames)
    assert stats.bad_checksums == 4 and stats.frames == 0
    found = diagnose.diagnose(data, stats)
    assert found.code == "bad_checksums"
    assert found.text == "Checksum errors: check the protocol option."


def test_good_frames_are_no_problem() -> None:
    data, stats = fed(encode_tf0(Decimal("12.34"), 2) * 10)
    assert stats.frames == 10
    assert diagnose.diagnose(data, stats) is diagnose.OK
    # a few bytes of power-up garbage before good frames are fine as well
    data, stats = fed(b"\xff\x00\x13" + encode_tf0(Decimal("5.00"), 2) * 10)
    assert diagnose.diagnose(data, stats) is diagnose.OK


def test_too_little_to_judge() -> None:
    assert diagnose.diagnose(*fed(b"\x81\x92")) is diagnose.OK


def test_silence_after_polls_is_no_answer() -> None:
    found = diagnose.diagnose(b"", CodecStats(), polls_sent=5)
    assert found.code == "no_answer"
    assert found.text == ("No answer to the poll command: wrong address, wrong baud rate, or "
                          "the indicator is not in command mode?")
    # without polls (the port never opened) silence is still no data
    assert diagnose.diagnose(b"", CodecStats(), polls_sent=0) is diagnose.NO_DATA
    # answers that decode are fine whatever was sent
    data, stats = fed(encode_tf0(Decimal("1.00"), 2) * 3)
    assert diagnose.diagnose(data, stats, polls_sent=3) is diagnose.OK
