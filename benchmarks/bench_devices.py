"""Scales and readers: codec throughput, a stream at full rate through a pty, and latency to the
Qt signal, each against a baseline measured in the same run.

1. Codecs: frames/s each profile's codec decodes from generated data (``--frames`` frames from
   its simulator, about 5% garbage mixed in, fed in 4 KiB chunks as the reader reads them),
   against the frames/s a 115,200 baud line carries (10 bits a byte): the ratio is the headroom.
2. Stream: a simulated Yaohua tF=0 indicator writes frames at 115,200 baud worth of frames/s
   into a pseudo-terminal for ``--seconds``; SerialTransport and the codec read the other end.
   Frames sent, decoded, lost (exit status 1 if any frame is lost).
3. Latency: from the last byte of a frame written to the pty to DeviceReader's ``reading`` signal
   in the GUI thread (QCoreApplication, offscreen), median and p99 over ``--latency-frames``,
   against a bare pyserial read loop (and the same codec) in a plain thread on the same pty.

    python benchmarks/bench_devices.py [--seconds 60] [--frames 200000] [--latency-frames 2000]

POSIX only (pseudo-terminals). Results are printed and written to benchmarks/out/devices.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import statistics
import sys
import threading
import time
import tty
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from coop_desktop.devices.codecs.yaohua import encode_tf0  # noqa: E402
from coop_desktop.devices.profiles import (  # noqa: E402
    DeviceProfile,
    ProfileKind,
    available_profiles,
    load_profile,
)
from coop_desktop.devices.readings import Reading  # noqa: E402
from coop_desktop.devices.simulators import EidSimulator, ScaleSimulator  # noqa: E402
from coop_desktop.devices.transports import SerialTransport  # noqa: E402

OUT_DIR = Path(__file__).resolve().parent / "out"
BAUD = 115_200
BITS_PER_BYTE = 10  # start, 8 data, stop
BYTES_PER_S = BAUD / BITS_PER_BYTE
CHUNK = 4096
UNIQUE_FRAMES = 5_000  # distinct frames generated; the data repeats them
GARBAGE_SHARE = 0.05
STREAM_PROFILE = "yaohua-xk3190-a9"
_END = {"yaohua_eq": b"="}  # '=' frames end only when the next one starts


# --- 1. codec throughput -----------------------------------------------------------------------


@dataclass(frozen=True)
class CodecResult:
    profile: str
    protocol: str
    frame_bytes: float
    frames: int
    decoded: int
    seconds: float

    @property
    def frames_per_s(self) -> float:
        return self.decoded / self.seconds if self.seconds else float("inf")

    @property
    def line_frames_per_s(self) -> float:
        return BYTES_PER_S / self.frame_bytes

    @property
    def ratio(self) -> float:
        return self.frames_per_s / self.line_frames_per_s


def stream_profiles() -> list[DeviceProfile]:
    """Every scale and EID reader profile shipped in devices/."""
    return [p for p in map(load_profile, available_profiles())
            if p.kind in (ProfileKind.SCALE, ProfileKind.EID)]


def sample_frames(profile: DeviceProfile, count: int, seed: int = 1) -> list[bytes]:
    """``count`` frames as the profile's simulator sends them (a polled scale made to stream,
    as MT-SICS SIR does), repeating a cycle of at most :data:`UNIQUE_FRAMES`."""
    if profile.kind is ProfileKind.EID:
        reader = EidSimulator(seed=seed, protocol=profile.protocol)
        unique = [reader.next_frame() for _ in range(min(count, 50))]
    else:
        scale = ScaleSimulator(profile, seed=seed, polled=False)
        unique = [scale.next_frame() or b"" for _ in range(min(count, UNIQUE_FRAMES))]
    return [unique[i % len(unique)] for i in range(count)]


def mixed_data(frames: list[bytes], seed: int = 1) -> bytes:
    """The frames with random garbage between some of them, about :data:`GARBAGE_SHARE` of the
    bytes."""
    rng = random.Random(seed)
    average = sum(map(len, frames[:100])) / min(len(frames), 100)
    out = bytearray()
    for frame in frames:
        if rng.random() < GARBAGE_SHARE:
            out += rng.randbytes(max(1, round(average)))
        out += frame
    return bytes(out)


def codec_throughput(profile: DeviceProfile, frames: int, seed: int = 1) -> CodecResult:
    sample = sample_frames(profile, frames, seed)
    data = mixed_data(sample, seed) + _END.get(profile.protocol, b"")
    codec = profile.make_codec()
    decoded = 0
    began = time.perf_counter()
    for start in range(0, len(data), CHUNK):
        decoded += len(codec.feed(data[start:start + CHUNK]))
    seconds = time.perf_counter() - began
    frame_bytes = sum(map(len, sample)) / len(sample)
    return CodecResult(profile.name, profile.protocol, frame_bytes, frames, decoded, seconds)


# --- 2. a stream at full rate through a pty ----------------------------------------------------


@contextlib.contextmanager
def pty_pair() -> Iterator[tuple[int, str]]:
    """The master side's file descriptor and the slave tty's path (raw)."""
    master, slave = os.openpty()
    tty.setraw(slave)
    try:
        yield master, os.ttyname(slave)
    finally:
        for fd in (master, slave):
            with contextlib.suppress(OSError):
                os.close(fd)


@dataclass(frozen=True)
class StreamResult:
    profile: str
    seconds: float
    frames_per_s_target: float
    sent: int
    decoded: int
    lost: int
    wrong: int  # decoded, but not the frame that was sent in that place


def stream(seconds: float, profile_name: str = STREAM_PROFILE, seed: int = 1) -> StreamResult:
    profile = load_profile(profile_name)
    simulator = ScaleSimulator(profile, seed=seed, polled=False)
    frame_bytes = len(simulator.next_frame() or b"")
    rate = BYTES_PER_S / frame_bytes
    sent: list[bytes] = []
    done = threading.Event()

    def write(master: int) -> None:
        began = time.perf_counter()
        while (elapsed := time.perf_counter() - began) < seconds:
            due = int(elapsed * rate) - len(sent)
            batch = [simulator.next_frame() or b"" for _ in range(max(0, due))]
            if batch:
                os.write(master, b"".join(batch))  # blocks while the pty is full: never drops
                sent.extend(batch)
            time.sleep(0.005)
        done.set()

    decoded: list[Reading] = []
    with pty_pair() as (master, path):
        transport = SerialTransport(path, baudrate=BAUD)
        codec = profile.make_codec()
        transport.open()
        writer = threading.Thread(target=write, args=(master,), name="stream writer")
        writer.start()
        try:
            quiet_since: float | None = None
            while True:
                data = transport.read(CHUNK, 0.05)
                decoded.extend(codec.feed(data))
                if data or not done.is_set():
                    quiet_since = None
                    continue
                quiet_since = quiet_since or time.perf_counter()
                if time.perf_counter() - quiet_since > 0.5:
                    break
        finally:
            writer.join()
            transport.close()
    wrong = sum(1 for r, f in zip(decoded, sent, strict=False) if r.raw != f)
    return StreamResult(profile.name, seconds, rate, len(sent), len(decoded),
                        len(sent) - len(decoded), wrong)


# --- 3. latency to the Qt signal ---------------------------------------------------------------


@dataclass(frozen=True)
class LatencyResult:
    frames: int
    received: int
    median_ms: float
    p99_ms: float
    baseline_received: int
    baseline_median_ms: float
    baseline_p99_ms: float

    @property
    def median_ratio(self) -> float:
        return self.median_ms / self.baseline_median_ms

    @property
    def p99_ratio(self) -> float:
        return self.p99_ms / self.baseline_p99_ms


def _frame(index: int) -> bytes:
    return encode_tf0(Decimal(index).scaleb(-2), 2)  # frame i reads i/100 kg


def _index(reading: Reading) -> int:
    assert reading.value is not None
    return int(reading.value.scaleb(2))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def latency_qt(frames: int, gap_s: float = 0.002, timeout_s: float = 2.0) -> list[float]:
    """Seconds from the write of each frame's last byte to DeviceReader's ``reading`` signal in
    the GUI thread; frames that never arrive are left out."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from coop_desktop.gui.devices.reader import DeviceReader

    app = QCoreApplication.instance() or QCoreApplication([])
    written: dict[int, float] = {}
    arrived: dict[int, float] = {}
    profile = load_profile(STREAM_PROFILE)
    with pty_pair() as (master, path):
        reader = DeviceReader.for_profile(profile, path)
        state = {"next": 0}
        watchdog = QTimer()
        watchdog.setSingleShot(True)
        watchdog.setInterval(round(timeout_s * 1000))

        def write_next() -> None:
            index = state["next"]
            if index >= frames:
                app.quit()
                return
            state["next"] = index + 1
            frame = _frame(index + 1)  # never 0: the first reading of a quiet line
            os.write(master, frame)
            written[index + 1] = time.perf_counter()
            watchdog.start()

        def on_reading(reading: Reading) -> None:
            now = time.perf_counter()
            index = _index(reading)
            if index in written and index not in arrived:
                arrived[index] = now
                watchdog.stop()
                QTimer.singleShot(round(gap_s * 1000), write_next)

        def on_status(_text: str) -> None:
            if state["next"] == 0:
                QTimer.singleShot(50, write_next)

        watchdog.timeout.connect(write_next)  # a frame that got lost: go on with the next
        reader.reading.connect(on_reading)
        reader.status.connect(on_status)
        watchdog.start()  # begins even if the port never says it opened
        reader.start()
        try:
            app.exec()
        finally:
            watchdog.stop()
            reader.stop()
            reader.deleteLater()
    return [arrived[i] - written[i] for i in arrived]


def latency_baseline(frames: int, gap_s: float = 0.002, timeout_s: float = 2.0) -> list[float]:
    """The same, to a bare pyserial read loop with the codec in a plain thread."""
    import serial

    from coop_desktop.devices.codecs import make_codec

    arrived: dict[int, float] = {}
    got = threading.Event()
    stop = threading.Event()
    with pty_pair() as (master, path):
        port = serial.Serial(path, baudrate=BAUD, timeout=0.05)

        def read() -> None:
            codec = make_codec("yaohua_tf0")
            while not stop.is_set():
                data = port.read(max(1, port.in_waiting))
                for reading in codec.feed(data):
                    arrived.setdefault(_index(reading), time.perf_counter())
                    got.set()

        thread = threading.Thread(target=read, name="baseline reader")
        thread.start()
        written: dict[int, float] = {}
        try:
            for index in range(1, frames + 1):
                got.clear()
                os.write(master, _frame(index))
                written[index] = time.perf_counter()
                got.wait(timeout_s)
                time.sleep(gap_s)
        finally:
            stop.set()
            thread.join()
            port.close()
    return [arrived[i] - written[i] for i in arrived if i in written]


def latency(frames: int) -> LatencyResult:
    qt = latency_qt(frames)
    bare = latency_baseline(frames)
    if not qt or not bare:
        raise RuntimeError("no frame arrived: the pty does not work here")
    ms = 1000.0
    return LatencyResult(frames, len(qt), statistics.median(qt) * ms,
                         _percentile(qt, 0.99) * ms, len(bare),
                         statistics.median(bare) * ms, _percentile(bare, 0.99) * ms)


# --- the run -----------------------------------------------------------------------------------


def print_codecs(results: list[CodecResult]) -> None:
    print(f"codec throughput (about {GARBAGE_SHARE:.0%} garbage; line: {BAUD:,} baud, "
          f"{BITS_PER_BYTE} bits a byte)")
    print(f"{'profile':24}{'protocol':15}{'bytes':>7}{'decoded':>10}{'frames/s':>12}"
          f"{'line f/s':>10}{'ratio':>8}")
    for r in results:
        print(f"{r.profile:24}{r.protocol:15}{r.frame_bytes:7.1f}{r.decoded:10,}"
              f"{r.frames_per_s:12,.0f}{r.line_frames_per_s:10,.0f}{r.ratio:8.1f}")


def print_stream(r: StreamResult) -> None:
    print(f"\nstream through a pty: {r.profile}, {r.seconds:g} s at {r.frames_per_s_target:,.0f}"
          f" frames/s ({BAUD:,} baud worth)")
    print(f"sent {r.sent:,}  decoded {r.decoded:,}  lost {r.lost:,}  wrong {r.wrong:,}")


def print_latency(r: LatencyResult) -> None:
    print(f"\nlatency, last byte written -> reading ({r.frames:,} frames)")
    print(f"{'':34}{'received':>9}{'median ms':>11}{'p99 ms':>9}")
    print(f"{'DeviceReader -> Qt signal (GUI)':34}{r.received:9,}{r.median_ms:11.3f}"
          f"{r.p99_ms:9.3f}")
    print(f"{'bare pyserial loop (thread)':34}{r.baseline_received:9,}"
          f"{r.baseline_median_ms:11.3f}{r.baseline_p99_ms:9.3f}")
    print(f"{'ratio':34}{'':9}{r.median_ratio:11.2f}{r.p99_ratio:9.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0,
                        help="length of the stream through the pty (default 60)")
    parser.add_argument("--frames", type=int, default=200_000,
                        help="frames per codec for the throughput (default 200,000)")
    parser.add_argument("--latency-frames", type=int, default=2_000,
                        help="frames timed for the latency (default 2,000)")
    parser.add_argument("--json", type=Path, default=OUT_DIR / "devices.json")
    args = parser.parse_args(argv)
    if sys.platform == "win32":
        print("this benchmark needs pseudo-terminals (Linux, macOS)", file=sys.stderr)
        return 2

    codecs = [codec_throughput(p, args.frames) for p in stream_profiles()]
    print_codecs(codecs)
    streamed = stream(args.seconds)
    print_stream(streamed)
    timed = latency(args.latency_frames)
    print_latency(timed)

    args.json.parent.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {
        "codecs": [{**asdict(r), "frames_per_s": r.frames_per_s,
                    "line_frames_per_s": r.line_frames_per_s, "ratio": r.ratio}
                   for r in codecs],
        "stream": asdict(streamed),
        "latency": {**asdict(timed), "median_ratio": timed.median_ratio,
                    "p99_ratio": timed.p99_ratio},
        "machine": {"platform": platform.platform(), "python": platform.python_version(),
                    "processor": platform.machine(), "cpus": os.cpu_count()},
    }
    args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"\nwritten {args.json}")
    if streamed.lost or streamed.wrong:
        print("*** FRAMES LOST ***", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
