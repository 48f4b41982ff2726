"""What every codec produces, and the shape every codec has."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol


class WeightKind(enum.StrEnum):
    GROSS = "gross"
    NET = "net"
    TARE = "tare"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Reading:
    """One value a device reported.

    ``stable`` is None when the protocol does not say (a stability detector decides then);
    ``overload`` marks an over- or under-range frame, which never carries a usable value;
    ``raw`` is the frame exactly as received, kept as proof with a stored weighing.
    """

    value: Decimal | None
    unit: str
    stable: bool | None
    raw: bytes
    kind: WeightKind = WeightKind.UNKNOWN
    overload: bool = False
    channel: str | None = None  # a sensor's channel (soil_moisture…) or an EID reader's "eid"
    text: str | None = None  # an EID or ear tag read as text


@dataclass
class CodecStats:
    """What a codec saw: frames decoded, and bytes and frames it had to drop, by reason."""

    frames: int = 0
    dropped_bytes: int = 0
    bad_checksums: int = 0
    malformed: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    def drop(self, reason: str, count: int = 1) -> None:
        self.reasons[reason] = self.reasons.get(reason, 0) + count


class Codec(Protocol):
    """Incremental and pure: bytes in (split or merged anywhere), readings out; garbage is
    skipped and counted, never raised."""

    stats: CodecStats

    def feed(self, data: bytes) -> list[Reading]: ...

    def reset(self) -> None: ...
