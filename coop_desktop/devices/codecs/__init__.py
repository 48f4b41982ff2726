"""The codec registry: a profile's ``protocol`` names one of these, its ``[options]`` table
configures it. ``modbus_rtu`` is a polled protocol handled by the Modbus master, not a stream
codec; profiles may name it but :func:`make_codec` does not build it."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from coop_desktop.devices.codecs import ascii_scales, eid, sics, toledo, yaohua
from coop_desktop.devices.readings import Codec

CodecFactory = Callable[[Mapping[str, object]], Codec]

CODECS: dict[str, CodecFactory] = {
    "yaohua_tf0": yaohua.make_tf0,
    "yaohua_tf1": yaohua.make_tf1,
    "yaohua_eq": yaohua.make_eq,
    "yaohua_w": yaohua.make_w,
    "toledo": toledo.make_toledo,
    "mt_sics": sics.make_sics,
    "st_gs": ascii_scales.make_st_gs,
    "ohaus": ascii_scales.make_ohaus,
    "sartorius_sbi": ascii_scales.make_sartorius,
    "eid_ascii": eid.make_eid_ascii,
    "eid_wl134": eid.make_wl134,
}

MODBUS_RTU = "modbus_rtu"
PROTOCOLS = (*CODECS, MODBUS_RTU)


def codec_names() -> list[str]:
    return sorted(CODECS)


def make_codec(protocol: str, options: Mapping[str, object] | None = None) -> Codec:
    """A fresh codec for ``protocol``; ValueError names an unknown protocol or a bad option."""
    factory = CODECS.get(protocol)
    if factory is None:
        raise ValueError(
            f"unknown codec {protocol!r} (known: {', '.join(codec_names())})")
    return factory(options or {})
