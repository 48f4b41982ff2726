"""Simulated weighing indicators, for tests, the demo, benchmarks and ``coop-desktop simulate``.

:class:`ScaleSimulator` plays one scale profile: a crate is placed (the weight ramps up in motion,
settles with noise that shrinks, then stays stable), removed (back to zero), and again. A streaming
indicator sends a frame of that cycle every ``interval`` seconds; a polled one (a profile with a
``[poll]`` command) sends nothing unasked and answers each poll with one frame of the weight on
the platform *now* (its cycle advances with time, not with polls). Both obey the zero and tare
commands of their protocol as the real one does (devices.md §2–3): zero moves the zero point to
the present load, tare makes the reading net of the present gross weight. Frames are built by the
codecs' own encoders, in the byte formats of the reference.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from coop_desktop.devices.codecs import ascii_scales, sics, toledo, yaohua
from coop_desktop.devices.codecs._base import ETX, STX
from coop_desktop.devices.codecs.ascii_scales import StGsCodec
from coop_desktop.devices.profiles import DeviceProfile
from coop_desktop.devices.readings import WeightKind

ESC = 0x1B

# What a simulated indicator does with a request, by protocol (request without its line end, or
# the letter after ESC, or the command letter of a Yaohua tF=1 frame). Requests that are not here
# get the protocol's error answer, if it has one (MT-SICS and Ohaus ``ES``), else silence.
WEIGH, WEIGH_STABLE, ZERO, TARE, CLEAR_TARE, TARE_OR_ZERO, IDENTIFY = (
    "weigh", "weigh_stable", "zero", "tare", "clear_tare", "tare_or_zero", "identify")
GROSS, TARE_VALUE, NET, HANDSHAKE = "gross", "tare_value", "net", "handshake"
REQUESTS: dict[str, dict[str, str]] = {
    # §2.1: SI now, S when stable (else "S I"), Z, T, TAC, @ (reset, answers I4)
    "mt_sics": {"SI": WEIGH, "S": WEIGH_STABLE, "Z": ZERO, "T": TARE, "TAC": CLEAR_TARE,
                "@": IDENTIFY, "I4": IDENTIFY},
    # §2.4 A&D Q, Z, T; §2.5 CAS CI "D<id>KZ" zero
    "st_gs": {"Q": WEIGH, "Z": ZERO, "T": TARE, "D01KZ": ZERO},
    # §2.3 Ohaus: IP immediate, P print, Z, T
    "ohaus": {"IP": WEIGH, "P": WEIGH, "Z": ZERO, "T": TARE},
    # §2.5 SBI: ESC P value, ESC T tare/zero key, ESC U tare, ESC V zero
    "sartorius_sbi": {"P": WEIGH, "T": TARE_OR_ZERO, "U": TARE, "V": ZERO},
    # §3.3 Yaohua tF=1: A handshake, B gross, C tare, D net
    "yaohua_tf1": {"A": HANDSHAKE, "B": GROSS, "C": TARE_VALUE, "D": NET},
}
_ERROR_ANSWER = {"mt_sics": b"ES\r\n", "ohaus": b"ES\r\n"}
MAX_REQUEST = 32  # a longer run without a line end is garbage


def _corrupt(frame: bytes) -> bytes:
    """The frame with a byte in its middle replaced by ``?``: never a digit, a delimiter or a
    valid checksum, so every codec must drop it."""
    middle = len(frame) // 2
    return frame[:middle] + b"?" + frame[middle + 1 :]


class ScaleSimulator:
    """A weighing indicator as its profile describes it (see the module's docstring).

    ``weights`` are the crates' weights in turn (default: random 12–25 kg from ``seed``);
    ``corrupt_rate`` is the share of weight frames sent with a corrupted byte (deterministic for
    a seed); :attr:`corrupted` counts them, :attr:`sent` counts weight frames. ``interval`` is
    the time of one step of the cycle (and a streaming indicator's frame period). ``polled``
    overrides the profile (False makes a polled protocol stream, as MT-SICS ``SIR`` does);
    ``clock`` is the time a polled indicator reads its cycle by.
    """

    PROTOCOLS = ("yaohua_tf0", "yaohua_tf1", "yaohua_eq", "yaohua_w", "toledo", "mt_sics",
                 "st_gs", "ohaus", "sartorius_sbi")

    def __init__(self, profile: DeviceProfile, *, seed: int = 0, corrupt_rate: float = 0.0,
                 weights: Iterable[Decimal] | None = None, interval: float = 0.1,
                 zero_frames: int = 8, ramp_frames: int = 4, settle_frames: int = 5,
                 stable_frames: int = 15, polled: bool | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if profile.protocol not in self.PROTOCOLS:
            raise ValueError(f"no scale simulator for protocol {profile.protocol!r} "
                             f"(simulated: {', '.join(self.PROTOCOLS)})")
        if not 0 <= corrupt_rate <= 1:
            raise ValueError("corrupt_rate must be between 0 and 1")
        if interval <= 0:
            raise ValueError("interval must be above zero")
        self.profile = profile
        self.polled = profile.poll is not None if polled is None else polled
        self.step_s = interval
        #: How often a frame is sent unasked: never (0) for a polled indicator.
        self.interval = 0.0 if self.polled else interval
        self.corrupt_rate = corrupt_rate
        self.corrupted = 0
        self.sent = 0
        self.decimals = 3 if profile.protocol == "yaohua_w" else 2
        division = profile.options.get("division", "0.02")
        self.division = Decimal(str(division))
        self.unit = self._unit(profile)
        address = profile.options.get("address", 1)
        self.address = address if isinstance(address, int) else 1
        self.zero_offset = Decimal(0)
        self.tare: Decimal | None = None  # None: gross mode
        self.requests: list[bytes] = []
        self._rng = random.Random(seed)
        self._faults = random.Random(f"corrupt {seed}")  # faults never change the weights
        self._weights = list(weights) if weights is not None else None
        self._shape = (zero_frames, ramp_frames, settle_frames, stable_frames)
        self._cycle = self.weights()
        self._step = -1
        self._load = Decimal(0)
        self._motion = False
        self._clock = clock
        self._started = clock()
        self._buffer = bytearray()
        codec = profile.make_codec()
        self._st_gs = codec if isinstance(codec, StGsCodec) else None

    @staticmethod
    def _unit(profile: DeviceProfile) -> str:
        unit = profile.options.get("unit")
        if isinstance(unit, str) and unit:
            return unit
        return "kg" if "kg" in profile.units or not profile.units else profile.units[0]

    # --- the weight on the platform -------------------------------------------------------

    def _next_weight(self, crate: int) -> Decimal:
        if self._weights:
            return self._weights[crate % len(self._weights)]
        return self._quantize(Decimal(str(self._rng.uniform(12, 25))))

    def _quantize(self, value: Decimal) -> Decimal:
        steps = (value / self.division).to_integral_value()
        return (steps * self.division).quantize(Decimal(1).scaleb(-self.decimals))

    def weights(self) -> Iterator[tuple[Decimal, bool]]:
        """``(load, motion)`` for ever, one per step."""
        zero, ramp, settle, stable = self._shape
        crate = 0
        while True:
            target = self._next_weight(crate)
            crate += 1
            yield from ((self._quantize(Decimal(0)), False) for _ in range(zero))
            for i in range(1, ramp + 1):  # up, overshooting a little on the last step
                yield self._quantize(target * Decimal(i) / ramp * Decimal("1.03")), True
            for i in range(settle, 0, -1):  # noise of up to i divisions, shrinking
                noise = self.division * self._rng.randint(-i, i)
                yield self._quantize(target + noise), True
            yield from ((target, False) for _ in range(stable))
            for i in range(ramp - 1, 0, -1):
                yield self._quantize(target * Decimal(i) / ramp), True

    def _advance_to(self, step: int) -> None:
        while self._step < step:
            self._load, self._motion = next(self._cycle)
            self._step += 1

    def _now(self) -> None:
        """Bring a polled indicator's cycle to the present."""
        self._advance_to(max(0, int((self._clock() - self._started) / self.step_s)))

    @property
    def gross(self) -> Decimal:
        """The gross weight shown now: the load above the zero point."""
        return self._load - self.zero_offset

    def shown(self) -> tuple[Decimal, WeightKind]:
        """What the display shows now: the net weight once tared, else the gross."""
        if self.tare is None:
            return self.gross, WeightKind.GROSS
        return self.gross - self.tare, WeightKind.NET

    # --- frames ---------------------------------------------------------------------------

    def encode(self, value: Decimal, motion: bool,
               kind: WeightKind = WeightKind.GROSS) -> bytes:
        """One weight frame of this profile's protocol."""
        options = self.profile.options
        protocol = self.profile.protocol
        stable = not motion
        net = kind is WeightKind.NET
        if protocol == "yaohua_tf0":
            return yaohua.encode_tf0(value, self.decimals)
        if protocol == "yaohua_tf1":
            command = "D" if net else "B"
            return yaohua.encode_tf1_reply(command, value, self.decimals, self.address)
        if protocol == "yaohua_eq":
            return yaohua.encode_eq(value, self.decimals, str(options.get("order", "reversed")))
        if protocol == "yaohua_w":
            return yaohua.encode_w(value, "N" if net else "G", self.unit)
        if protocol == "mt_sics":
            return sics.encode(value, self.unit, stable=stable)
        if protocol == "st_gs":
            assert self._st_gs is not None
            return self._st_gs.encode(value, self.unit, stable=stable, kind=kind)
        if protocol == "ohaus":
            return ascii_scales.encode_ohaus(value, self.unit, stable=stable, kind=kind)
        if protocol == "sartorius_sbi":
            return ascii_scales.encode_sartorius(value, self.unit, stable=stable,
                                                 ident="N" if net else "G")
        return toledo.encode(value, self.decimals, motion=motion, net=net,
                             tare=bool(options.get("tare", True)),
                             with_checksum=bool(options.get("checksum", True)))

    def _frame(self, frame: bytes | None = None) -> bytes:
        """A weight frame of the present (or ``frame``), corrupted now and then."""
        if frame is None:
            value, kind = self.shown()
            frame = self.encode(value, self._motion, kind)
        self.sent += 1
        if self.corrupt_rate and self._faults.random() < self.corrupt_rate:
            self.corrupted += 1
            frame = _corrupt(frame)
        return frame

    def next_frame(self) -> bytes | None:
        """A streaming indicator's next frame (one step of the cycle on); None for a polled one,
        which sends nothing unasked."""
        if self.polled:
            return None
        self._advance_to(self._step + 1)
        return self._frame()

    # --- requests -------------------------------------------------------------------------

    def feed(self, data: bytes) -> bytes:
        """Bytes from the PC in, the indicator's answers out."""
        self._buffer += data
        out = bytearray()
        for request in self._requests():
            self.requests.append(request)
            out += self._answer(request)
        if len(self._buffer) > MAX_REQUEST:
            self._buffer.clear()
        return bytes(out)

    def _requests(self) -> Iterator[bytes]:
        protocol = self.profile.protocol
        buffer = self._buffer
        if protocol not in REQUESTS:  # a continuous indicator ignores what it is sent
            buffer.clear()
            return
        if protocol == "yaohua_tf1":
            yield from self._tf1_requests()
            return
        if protocol == "sartorius_sbi":
            while (start := buffer.find(ESC)) >= 0 and len(buffer) > start + 1:
                letter = bytes(buffer[start + 1 : start + 2])
                del buffer[: start + 2]
                yield letter
            if ESC not in buffer:
                buffer.clear()  # line ends and stray bytes between commands
            return
        while True:
            ends = [i for i in (buffer.find(b"\r"), buffer.find(b"\n")) if i >= 0]
            if not ends:
                return
            end = min(ends)
            line = bytes(buffer[:end]).strip()
            del buffer[: end + 1]
            if line:
                yield line

    def _tf1_requests(self) -> Iterator[bytes]:
        buffer = self._buffer
        while True:
            start = buffer.find(STX)
            if start < 0:
                buffer.clear()
                return
            del buffer[:start]
            if len(buffer) < 6:
                return
            frame = bytes(buffer[:6])
            body = frame[1:3]
            if frame[5] != ETX or not any(
                    yaohua.xor_chars(body, style) == frame[3:5] for style in yaohua.XOR_STYLES):
                del buffer[:1]
                continue
            del buffer[:6]
            if body[0] - 0x40 == self.address:  # others on the bus answer theirs
                yield body[1:2]

    def _answer(self, request: bytes) -> bytes:
        protocol = self.profile.protocol
        action = REQUESTS[protocol].get(request.decode("latin-1"))
        if action is None:
            return _ERROR_ANSWER.get(protocol, b"")
        self._now()
        if action == ZERO:
            self.zero_offset = self._load
            self.tare = None
            return b"Z A\r\n" if protocol == "mt_sics" else b""
        if action == TARE or (action == TARE_OR_ZERO and self.gross > self.division):
            self.tare = self.gross
            if protocol == "mt_sics":
                return sics.encode(self.tare, self.unit, stable=True, command="T")
            return b""
        if action == TARE_OR_ZERO:
            self.zero_offset, self.tare = self._load, None
            return b""
        if action == CLEAR_TARE:
            self.tare = None
            return b"TAC A\r\n"
        if action == IDENTIFY:
            return b'I4 A "0123456789"\r\n'
        if action == HANDSHAKE:
            return b""
        if action == WEIGH_STABLE and self._motion:
            return b"S I\r\n"  # not executable: no stable weight
        if protocol == "yaohua_tf1":
            tare = self.tare or Decimal(0)
            value = {GROSS: self.gross, TARE_VALUE: tare, NET: self.gross - tare}[action]
            return self._frame(yaohua.encode_tf1_reply(request.decode("ascii"), value,
                                                       self.decimals, self.address))
        return self._frame()
