from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from coop_desktop.devices.codecs import CODECS, MODBUS_RTU
from coop_desktop.devices.profiles import (
    ProfileKind,
    available_profiles,
    load_profile,
    load_profile_file,
)
from coop_desktop.domain.models.enums import ChannelKind

REQUIRED = {"yaohua-xk3190-a9", "yaohua-xk3190-command", "yaohua-reverse", "yaohua-a12e",
            "toledo-continuous", "mt-sics", "and-st-gs", "cas-22", "ohaus", "sartorius-sbi",
            "eid-ascii", "eid-wl134", "renke-soil", "jxct-soil-npk", "rs485-air-th"}


def test_the_required_profiles_ship() -> None:
    assert set(available_profiles()) >= REQUIRED


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_every_profile_loads_and_names_an_existing_codec(name: str) -> None:
    profile = load_profile(name)
    assert profile.name == name and profile.label
    if profile.protocol == MODBUS_RTU:
        assert profile.kind is ProfileKind.SENSOR and profile.modbus is not None
        assert profile.modbus.registers
        assert all(isinstance(r.channel, ChannelKind) for r in profile.modbus.registers)
    else:
        assert profile.protocol in CODECS
        codec = profile.make_codec()
        assert codec.feed(b"\x00garbage\r\n") == []


def test_register_maps_match_the_reference() -> None:
    renke = load_profile("renke-soil").modbus
    assert renke is not None and renke.span() == (0, 7)
    temp = next(r for r in renke.registers if r.channel is ChannelKind.SOIL_TEMPERATURE)
    assert (temp.address, temp.signed, temp.type, temp.unit) == (1, True, "s16", "°C")
    # 01 03 06 01 64 FF DD 04 D2 73 DF: 35.6 %, -3.5 °C, 1234
    words = [0x0164, 0xFFDD, 0x04D2]
    assert [r.decode([w]) for r, w in zip(renke.registers, words, strict=False)] == [
        Decimal("35.6"), Decimal("-3.5"), Decimal(1234)]
    jxct = load_profile("jxct-soil-npk").modbus
    assert jxct is not None
    assert {r.channel.value: r.address for r in jxct.registers}["soil_k"] == 0x20
    air = load_profile("rs485-air-th")
    assert air.serial.baudrate == 4800
    assert air.modbus is not None and air.modbus.registers[1].name == "air_temperature"


def test_poll_commands_are_bytes() -> None:
    assert load_profile("yaohua-xk3190-command").poll == bytes.fromhex("02 41 42 30 33 03")
    assert load_profile("sartorius-sbi").poll == b"\x1bP\r\n"
    assert load_profile("mt-sics").poll == b"SI\r\n"


def test_zero_and_tare_commands_where_the_reference_has_them() -> None:
    assert load_profile("mt-sics").commands == {"zero": b"Z\r\n", "tare": b"T\r\n",
                                                "clear_tare": b"TAC\r\n"}
    assert load_profile("sartorius-sbi").commands == {"zero": b"\x1bV\r\n",
                                                      "tare": b"\x1bU\r\n"}
    assert load_profile("and-st-gs").commands == {"zero": b"Z\r\n", "tare": b"T\r\n"}
    assert load_profile("ohaus").commands == {"zero": b"Z\r\n", "tare": b"T\r\n"}
    assert load_profile("cas-22").commands == {"zero": b"D01KZ\r\n"}
    for name in ("yaohua-xk3190-a9", "yaohua-xk3190-command", "toledo-continuous", "eid-wl134"):
        assert load_profile(name).commands == {}, name


def test_a_new_st_gs_scale_needs_only_a_file(tmp_path: Path) -> None:
    (tmp_path / "acme-w1.toml").write_text(
        'label = "Acme W1"\nkind = "scale"\nprotocol = "st_gs"\nunits = ["kg"]\n'
        '[serial]\nbaudrate = 4800\n'
        '[options]\nseparator = ";"\nstable = ["S"]\nunstable = ["M"]\n'
        'layouts = [["status", "weight", "unit"]]\n', encoding="utf-8")
    profile = load_profile("acme-w1", tmp_path)
    (reading,) = profile.make_codec().feed(b"S;+0012.5;kg\r\n")
    assert (reading.value, reading.unit, reading.stable) == (Decimal("12.5"), "kg", True)


@pytest.mark.parametrize(("text", "message"), [
    ('label = "x"\nkind = "scale"\nprotocol = "nope"\n', "key 'protocol'"),
    ('label = "x"\nkind = "fridge"\nprotocol = "toledo"\n', "key 'kind'"),
    ('label = "x"\nkind = "scale"\nprotocol = "toledo"\n[serial]\nbaudrate = "fast"\n',
     "key 'serial.baudrate'"),
    ('label = "x"\nkind = "scale"\nprotocol = "toledo"\n[serial]\nparity = "Q"\n',
     "key 'serial.parity'"),
    ('label = "x"\nkind = "scale"\nprotocol = "toledo"\n[options]\nchecksum = "yes"\n',
     "key 'options'"),
    ('label = "x"\nkind = "scale"\nprotocol = "toledo"\nbaud = 9600\n', "key 'baud'"),
    ('label = "x"\nkind = "sensor"\nprotocol = "modbus_rtu"\n', "key 'modbus'"),
    ('label = "x"\nkind = "sensor"\nprotocol = "modbus_rtu"\n[modbus]\n'
     '[[modbus.registers]]\nchannel = "soil_colour"\naddress = 0\n',
     "key 'modbus.registers[0].channel'"),
    ('label = "x"\nkind = "sensor"\nprotocol = "modbus_rtu"\n[modbus]\n'
     '[[modbus.registers]]\nchannel = "soil_ph"\n', "key 'modbus.registers[0].address'"),
    ("label = [", "not valid TOML"),
    ('label = "x"\nkind = "scale"\nprotocol = "mt_sics"\n[commands]\nreboot = "R\\r\\n"\n',
     "key 'commands.reboot' is not a known command (known: zero, tare, clear_tare)"),
    ('label = "x"\nkind = "scale"\nprotocol = "mt_sics"\n[commands]\nzero = 5\n',
     "key 'commands.zero' is missing or is not a text string"),
    ('label = "x"\nkind = "scale"\nprotocol = "mt_sics"\n[commands]\ntare = "\\u4e00"\n',
     "key 'commands.tare' must hold bytes"),
    ('label = "x"\nkind = "scale"\nprotocol = "mt_sics"\ncommands = "Z"\n',
     "key 'commands' must be a table"),
])
def test_bad_profiles_say_which_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.toml") as caught:
        load_profile_file(path)
    assert message in str(caught.value)


def test_missing_profile(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no device profile 'ghost'"):
        load_profile("ghost", tmp_path)
