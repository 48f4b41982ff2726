"""Golden frames from devices.md (hex in, readings out), shared by the codec tests."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from coop_desktop.devices.readings import WeightKind


@dataclass(frozen=True)
class Golden:
    protocol: str
    hex: str
    value: Decimal | None
    unit: str = "kg"
    stable: bool | None = None
    kind: WeightKind = WeightKind.UNKNOWN
    overload: bool = False
    text: str | None = None
    options: tuple[tuple[str, object], ...] = ()

    @property
    def frame(self) -> bytes:
        return bytes.fromhex(self.hex)


D = Decimal
G, N, T = WeightKind.GROSS, WeightKind.NET, WeightKind.TARE

GOLDEN = [
    # §2.1 MT-SICS
    Golden("mt_sics", "53 20 53 20 20 20 20 20 20 31 32 2E 33 34 35 20 6B 67 0D 0A", D("12.345"),
           stable=True),
    Golden("mt_sics", "53 20 44 20 20 20 20 20 20 31 32 2E 33 34 30 20 6B 67 0D 0A", D("12.340"),
           stable=False),
    Golden("mt_sics", "53 20 2B 0D 0A", None, unit="", overload=True),
    # §2.2 Toledo
    Golden("toledo", "02 2C 30 20 30 30 31 32 33 34 30 30 30 30 30 30 0D 2B", D("12.34"),
           stable=True, kind=G),
    Golden("toledo", "02 2C 3A 20 30 30 31 32 33 34 30 30 30 30 30 30 0D 21", D("-12.34"),
           stable=False, kind=G),
    # §2.3 Ohaus
    Golden("ohaus", "2D 20 20 20 20 30 2E 35 30 20 6B 67 20 20 20 3F 4E 45 54 0D 0A", D("-0.50"),
           stable=False, kind=N),
    # §2.4 A&D
    Golden("st_gs", "53 54 2C 4E 54 2C 2B 30 30 31 32 2E 33 34 6B 67 0D 0A", D("12.34"),
           stable=True, kind=N),
    Golden("st_gs", "55 53 2C 47 53 2C 2D 30 30 30 30 2E 35 30 6B 67 0D 0A", D("-0.50"),
           stable=False, kind=G),
    # §2.5 CAS 22 B (the cas-22 profile's layout)
    Golden("st_gs", "53 54 2C 47 53 2C 31 E4 2C 30 30 30 31 32 2E 33 34 20 6B 67 0D 0A",
           D("12.34"), stable=True, kind=G,
           options=(("layouts", [["status", "kind", "lamp", "weight"]]),)),
    # §2.5 Sartorius SBI: unit blank = unstable
    Golden("sartorius_sbi", "2B 20 20 20 31 32 33 2E 35 36 20 20 20 20 0D 0A", D("123.56"),
           unit="", stable=False),
    # §3.2 Yaohua tF=0
    Golden("yaohua_tf0", "02 2B 30 30 30 30 30 30 30 31 42 03", D("0")),
    Golden("yaohua_tf0", "02 2B 30 30 31 35 36 30 30 31 39 03", D("1560")),
    Golden("yaohua_tf0", "02 2B 30 30 32 30 30 30 32 31 42 03", D("20.00")),
    Golden("yaohua_tf0", "02 2D 30 30 30 30 33 35 31 31 41 03", D("-3.5")),
    # §3.5 A12E
    Golden("yaohua_w", "57 47 30 30 34 2E 31 33 39 6B 67 33 44 0D 0A", D("4.139"), kind=G),
    # §5 EID
    Golden("eid_ascii", "4C 41 20 39 38 32 20 30 30 30 30 30 31 30 38 38 34 32 30 0D 0A", None,
           unit="", text="982 000001088420"),
    Golden("eid_wl134", "02 34 31 41 31 39 39 45 42 43 31 36 44 33 30 30 31 30 30 30 30 30 30 30"
           " 30 30 30 70 8F 03", None, unit="", text="982 123456789012"),
]
