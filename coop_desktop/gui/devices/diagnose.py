"""What looks wrong with a device, from the bytes it sent and what its codec made of them.

Pure functions, no Qt: the Devices page calls :func:`diagnose` once a second with the recent raw
bytes and the codec's :class:`CodecStats`. The answer is a stable ``code`` (for tests and, later, a
translation table) and an English sentence (devices.md §1, §3.6).
"""

from __future__ import annotations

from dataclasses import dataclass

from coop_desktop.devices.readings import CodecStats

MIN_BYTES = 12  # fewer bytes than a frame or two: too early to judge
SCOREBOARD_REPEAT = 0.6  # share of bytes equal to the byte three places on (3-byte groups)
MIN_BAD_CHECKSUMS = 3  # one or two may be line noise or random garbage
BAD_CHECKSUM_SHARE = 0.3  # of frames offered, bad checksums above which the option is wrong


@dataclass(frozen=True)
class Diagnosis:
    code: str
    text: str


NO_DATA = Diagnosis("no_data", "No data: check the cable and the port.")
NO_ANSWER = Diagnosis(
    "no_answer", "No answer to the poll command: wrong address, wrong baud rate, or the "
                 "indicator is not in command mode?")
SCOREBOARD = Diagnosis(
    "scoreboard", "This looks like the scoreboard output; use the PC port.")
WRONG_LINE = Diagnosis("wrong_line_settings", "Only garbage arrives: wrong baud rate or parity?")
BAD_CHECKSUMS = Diagnosis("bad_checksums", "Checksum errors: check the protocol option.")
OK = Diagnosis("ok", "")


def looks_like_scoreboard(data: bytes) -> bool:
    """Scoreboard (大屏幕) output: 3-byte binary groups repeating the same value, next to no
    ASCII (devices.md §3.6)."""
    if len(data) < MIN_BYTES:
        return False
    text = sum(1 for byte in data if 0x20 <= byte < 0x7F)
    if text > len(data) // 2:
        return False
    repeats = sum(1 for i in range(len(data) - 3) if data[i] == data[i + 3])
    return repeats >= SCOREBOARD_REPEAT * (len(data) - 3)


def diagnose(recent: bytes, stats: CodecStats, *, polls_sent: int = 0) -> Diagnosis:
    """The most likely problem given the bytes received lately and the codec's counts since the
    test began; :data:`OK` when frames decode and nothing looks wrong (or it is too early).
    ``polls_sent`` is how many poll commands a polled device was sent meanwhile: silence after
    polls is :data:`NO_ANSWER` (a polled device says nothing unasked, so silence without polls
    means the port itself is not there: :data:`NO_DATA`)."""
    if not recent:
        return NO_ANSWER if polls_sent else NO_DATA
    offered = stats.frames + stats.bad_checksums
    if stats.bad_checksums >= MIN_BAD_CHECKSUMS and \
            stats.bad_checksums >= BAD_CHECKSUM_SHARE * offered:
        return BAD_CHECKSUMS
    if stats.frames == 0:
        if len(recent) < MIN_BYTES:
            return OK
        return SCOREBOARD if looks_like_scoreboard(recent) else WRONG_LINE
    return OK
