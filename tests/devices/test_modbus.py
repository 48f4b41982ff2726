"""Modbus RTU: golden frames from devices.md §4.3, the incremental decoder, register decoding and
the master polling a simulated soil sensor over a real pseudo-terminal."""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop_desktop.devices.modbus import (
    READ_HOLDING,
    READ_INPUT,
    Expectation,
    ModbusError,
    ModbusExceptionResponse,
    ModbusFrameError,
    ModbusMaster,
    ModbusTimeout,
    RegisterField,
    Response,
    ResponseDecoder,
    build_read_request,
    build_write_single,
    crc16,
    crc_ok,
    decode_value,
    encode_value,
    parse_response,
    register_span,
    with_crc,
)
from coop_desktop.devices.simulators import (
    ModbusBusSimulator,
    ModbusSlaveSimulator,
    PtyDevice,
    registers_for,
)
from coop_desktop.devices.transports import SerialTransport

H = bytes.fromhex

# Golden frames, devices.md §4.3.
READ3 = H("01 03 00 00 00 03 05 CB")
REPLY3 = H("01 03 06 01 64 FF DD 04 D2 73 DF")  # 35.6 %, -3.5 °C, 1234
READ7 = H("01 03 00 00 00 07 04 08")
REPLY7 = H("01 03 0E 01 2C 00 FA 01 F4 00 41 00 1E 00 0F 00 50 0D 9B")
JXCT_MOISTURE = H("01 03 00 12 00 01 24 0F")
JXCT_TEMP = H("01 03 00 13 00 01 75 CF")
JXCT_NPK = H("01 03 00 1E 00 03 65 CD")
XY_READ = H("01 04 00 01 00 02 20 0B")
XY_REPLY = H("01 04 04 01 0E 01 9F DA 43")  # 27.0 °C, 41.5 %
EXCEPTION_02 = H("01 83 02 C0 F1")
WRITE_0010 = H("01 06 00 10 00 01 49 CF")

SOIL_7IN1 = [
    RegisterField("soil_moisture", 0, "u16", Decimal("0.1"), "%"),
    RegisterField("soil_temperature", 1, "s16", Decimal("0.1"), "°C"),
    RegisterField("soil_ec", 2, "u16", 1, "µS/cm"),
    RegisterField("soil_ph", 3, "u16", Decimal("0.1"), "pH"),
    RegisterField("soil_n", 4, "u16", 1, "mg/kg"),
    RegisterField("soil_p", 5, "u16", 1, "mg/kg"),
    RegisterField("soil_k", 6, "u16", 1, "mg/kg"),
]
SOIL_4 = SOIL_7IN1[:4]

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


# --- golden frames -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "args"),
    [
        (READ3, (1, 0, 3, READ_HOLDING)),
        (READ7, (1, 0, 7, READ_HOLDING)),
        (JXCT_MOISTURE, (1, 0x12, 1, READ_HOLDING)),
        (JXCT_TEMP, (1, 0x13, 1, READ_HOLDING)),
        (JXCT_NPK, (1, 0x1E, 3, READ_HOLDING)),
        (XY_READ, (1, 1, 2, READ_INPUT)),
    ],
)
def test_read_requests_match_the_reference(frame: bytes, args: tuple[int, int, int, int]) -> None:
    assert build_read_request(*args) == frame
    assert crc_ok(frame)


def test_write_single_matches_the_reference() -> None:
    assert build_write_single(1, 0x10, 1) == WRITE_0010


def test_crc_check_value_and_byte_order() -> None:
    assert crc16(b"123456789") == 0x4B37  # the CRC-16/MODBUS check value
    assert with_crc(H("01 83 02")) == EXCEPTION_02  # low byte first
    assert not crc_ok(H("01 03 00 12 00 01 92 92"))  # a circulating wrong CRC (§4.3)


@pytest.mark.parametrize(
    ("frame", "registers"),
    [
        (REPLY3, (0x0164, 0xFFDD, 0x04D2)),
        (REPLY7, (300, 250, 500, 65, 30, 15, 80)),
        (XY_REPLY, (270, 415)),
    ],
)
def test_replies_parse_to_registers(frame: bytes, registers: tuple[int, ...]) -> None:
    response = parse_response(frame)
    assert response.slave == 1
    assert response.registers == registers
    assert response.exception is None
    assert response.raw == frame


def test_reply_values_scale_and_sign() -> None:
    registers = dict(enumerate(parse_response(REPLY3).registers))
    values = [decode_value(spec, registers) for spec in SOIL_4[:3]]
    assert values == [Decimal("35.6"), Decimal("-3.5"), Decimal(1234)]
    temperature = RegisterField("t", 0, "s16", Decimal("0.1"), "°C")
    assert decode_value(temperature, {0: 0xFF9B}) == Decimal("-10.1")


def test_exception_response_parses_and_raises() -> None:
    response = parse_response(EXCEPTION_02)
    assert (response.function, response.exception) == (READ_HOLDING, 0x02)
    with pytest.raises(ModbusExceptionResponse, match="illegal data address") as info:
        response.raise_for_exception()
    assert info.value.code == 2


@pytest.mark.parametrize(
    "frame",
    [REPLY3[:-1] + b"\x00", REPLY3[:-2], REPLY3 + b"\x00", H("01 03 00 00 00 03 05 CB"), b""],
)
def test_parse_response_rejects_bad_frames(frame: bytes) -> None:
    with pytest.raises(ModbusFrameError):
        parse_response(frame)


def test_request_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="slave"):
        build_read_request(0, 0, 1)
    with pytest.raises(ValueError, match="count"):
        build_read_request(1, 0, 126)
    with pytest.raises(ValueError, match="function"):
        build_read_request(1, 0, 1, function=0x06)
    with pytest.raises(ValueError, match="outside"):
        build_read_request(1, 0xFFFF, 2)


# --- the incremental decoder ---------------------------------------------------------------------


def test_decoder_handles_a_split_at_every_offset() -> None:
    stream = REPLY3 + XY_REPLY + EXCEPTION_02 + WRITE_0010
    for cut in range(len(stream) + 1):
        decoder = ResponseDecoder()
        responses = decoder.feed(stream[:cut]) + decoder.feed(stream[cut:])
        assert [r.raw for r in responses] == [REPLY3, XY_REPLY, EXCEPTION_02, WRITE_0010]
        assert decoder.stats.frames == 4
        assert decoder.stats.dropped_bytes == 0


def test_decoder_byte_by_byte() -> None:
    decoder = ResponseDecoder()
    responses = [r for b in REPLY7 for r in decoder.feed(bytes([b]))]
    assert [r.registers for r in responses] == [(300, 250, 500, 65, 30, 15, 80)]


def test_decoder_resyncs_after_garbage_and_an_echoed_request() -> None:
    decoder = ResponseDecoder(Expectation(1, READ_HOLDING, 3))
    responses = decoder.feed(H("00 FF 13 37") + READ3 + REPLY3)
    assert [r.raw for r in responses] == [REPLY3]
    assert decoder.stats.dropped_bytes == 4 + len(READ3)


def test_bad_crc_is_rejected_counted_and_the_next_frame_found() -> None:
    bad = REPLY3[:-1] + bytes([REPLY3[-1] ^ 0x01])
    decoder = ResponseDecoder()
    responses = decoder.feed(bad + REPLY3)
    assert [r.raw for r in responses] == [REPLY3]
    assert decoder.stats.bad_checksums >= 1
    assert decoder.stats.reasons["bad CRC"] >= 1
    assert decoder.stats.frames == 1


def test_expectation_skips_other_slaves_and_wrong_counts() -> None:
    other_slave = with_crc(H("02 03 06 01 64 FF DD 04 D2"))
    decoder = ResponseDecoder(Expectation(1, READ_HOLDING, 3))
    assert decoder.feed(other_slave + XY_REPLY + REPLY7) == []
    assert [r.raw for r in decoder.feed(EXCEPTION_02 + REPLY3)] == [EXCEPTION_02, REPLY3]


def test_reset_forgets_a_half_frame() -> None:
    decoder = ResponseDecoder()
    assert decoder.feed(REPLY3[:5]) == []
    decoder.reset()
    assert [r.raw for r in decoder.feed(REPLY3)] == [REPLY3]


VALID_FRAMES = [REPLY3, REPLY7, XY_REPLY, EXCEPTION_02, WRITE_0010]


def _check_responses(responses: list[Response], data: bytes) -> None:
    for response in responses:
        assert crc_ok(response.raw)
        assert response.raw in data
        assert parse_response(response.raw) == response


@settings(max_examples=150, deadline=None)
@given(st.lists(st.binary(max_size=40), max_size=8))
def test_fuzz_random_bytes_never_raise_nor_yield_bad_frames(chunks: list[bytes]) -> None:
    decoder = ResponseDecoder()
    responses = [r for chunk in chunks for r in decoder.feed(chunk)]
    _check_responses(responses, b"".join(chunks))


@settings(max_examples=150, deadline=None)
@given(
    frames=st.lists(st.sampled_from(VALID_FRAMES), min_size=1, max_size=5),
    flips=st.lists(st.tuples(st.integers(0, 200), st.integers(1, 255)), max_size=3),
    cuts=st.lists(st.integers(0, 200), max_size=4),
    expect=st.booleans(),
)
def test_fuzz_mutated_streams(
    frames: list[bytes], flips: list[tuple[int, int]], cuts: list[int], expect: bool
) -> None:
    stream = bytearray(b"".join(frames))
    for position, mask in flips:
        stream[position % len(stream)] ^= mask
    data = bytes(stream)
    decoder = ResponseDecoder(Expectation(1, READ_HOLDING, 3) if expect else None)
    responses: list[Response] = []
    start = 0
    for cut in [*sorted(c % (len(data) + 1) for c in cuts), len(data)]:
        responses += decoder.feed(data[start:cut])
        start = cut
    _check_responses(responses, data)
    if not flips and not expect:
        assert [r.raw for r in responses] == frames


@settings(max_examples=150, deadline=None)
@given(garbage=st.binary(max_size=60), frame=st.sampled_from(VALID_FRAMES), cut=st.integers(0, 80))
def test_fuzz_a_valid_frame_after_garbage_is_found(garbage: bytes, frame: bytes, cut: int) -> None:
    data = garbage + frame
    decoder = ResponseDecoder()
    responses = decoder.feed(data[:cut]) + decoder.feed(data[cut:])
    _check_responses(responses, data)
    assert responses
    assert responses[-1].raw == frame


# --- register values -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "value"),
    [
        (RegisterField("m", 0, "u16", Decimal("0.1")), Decimal("35.6")),
        (RegisterField("t", 0, "s16", Decimal("0.1")), Decimal("-10.1")),
        (RegisterField("t", 0, "s16", Decimal("0.01")), Decimal("-0.05")),
        (RegisterField("ph", 6, "u16", Decimal("0.01")), Decimal("6.54")),
        (RegisterField("c", 4, "u32", 1), Decimal(100_000)),
        (RegisterField("c", 4, "s32", 1, word_order="little"), Decimal(-100_000)),
        (RegisterField("f", 2, "f32", 1), Decimal("21.5")),
        (RegisterField("f", 2, "f32", 1, word_order="little"), Decimal("-3.25")),
    ],
)
def test_encode_decode_round_trip(spec: RegisterField, value: Decimal) -> None:
    registers = encode_value(spec, value)
    assert all(0 <= r <= 0xFFFF for r in registers.values())
    assert decode_value(spec, registers) == value


def test_word_order_of_32_bit_values() -> None:
    big = RegisterField("c", 0, "u32")
    little = RegisterField("c", 0, "u32", word_order="little")
    assert encode_value(big, 0x00010002) == {0: 0x0001, 1: 0x0002}
    assert encode_value(little, 0x00010002) == {0: 0x0002, 1: 0x0001}
    assert register_span([big, RegisterField("x", 5)]) == (0, 6)


# --- the master over a scripted transport --------------------------------------------------------


class ScriptedTransport:
    """Answers each write with the next scripted reply (None: stay silent)."""

    def __init__(self, replies: list[bytes | None]) -> None:
        self.replies = replies
        self.written: list[bytes] = []
        self._pending = b""
        self.is_open = False

    def open(self) -> None:
        self.is_open = True

    def close(self) -> None:
        self.is_open = False

    def write(self, data: bytes) -> None:
        self.written.append(data)
        self._pending = self.replies.pop(0) or b""

    def read(self, n: int, timeout: float) -> bytes:
        if not self._pending:
            time.sleep(timeout)
            return b""
        data, self._pending = self._pending[:n], self._pending[n:]
        return data


def test_master_sends_the_reference_request_and_decodes() -> None:
    transport = ScriptedTransport([READ3 + REPLY3])  # an echoing dongle
    master = ModbusMaster(transport, timeout=0.1, retries=0, gap=0)
    readings = master.poll(1, SOIL_4[:3])
    assert transport.written == [READ3]
    assert [(r.channel, r.value, r.unit) for r in readings] == [
        ("soil_moisture", Decimal("35.6"), "%"),
        ("soil_temperature", Decimal("-3.5"), "°C"),
        ("soil_ec", Decimal(1234), "µS/cm"),
    ]
    assert all(r.raw == REPLY3 and r.stable is None for r in readings)


def test_master_fc04_reads_input_registers() -> None:
    transport = ScriptedTransport([XY_REPLY])
    master = ModbusMaster(transport, timeout=0.1, retries=0, gap=0)
    assert master.read_registers(1, 1, 2, READ_INPUT) == [270, 415]
    assert transport.written == [XY_READ]


def test_master_retries_after_a_bad_crc_and_counts_it() -> None:
    bad = REPLY3[:-2] + b"\x00\x00"
    transport = ScriptedTransport([bad, REPLY3])
    master = ModbusMaster(transport, timeout=0.05, retries=1, gap=0)
    assert master.read_registers(1, 0, 3) == [0x0164, 0xFFDD, 0x04D2]
    assert master.stats.decoder.bad_checksums >= 1
    assert (master.stats.timeouts, master.stats.retries) == (1, 1)


def test_master_raises_exception_responses_without_retrying() -> None:
    transport = ScriptedTransport([EXCEPTION_02, REPLY3])
    master = ModbusMaster(transport, timeout=0.05, retries=2, gap=0)
    with pytest.raises(ModbusExceptionResponse):
        master.read_registers(1, 0, 3)
    assert len(transport.written) == 1
    assert master.stats.exceptions == 1


def test_master_times_out_after_every_retry() -> None:
    transport = ScriptedTransport([None, None, None])
    master = ModbusMaster(transport, timeout=0.03, retries=2, gap=0)
    with pytest.raises(ModbusTimeout, match="3 attempts"):
        master.read_registers(1, 0, 3)
    assert master.stats.timeouts == 3
    assert transport.written == [READ3] * 3


def test_master_write_register_checks_the_echo() -> None:
    master = ModbusMaster(ScriptedTransport([WRITE_0010]), timeout=0.05, retries=0, gap=0)
    master.write_register(1, 0x10, 1)


# --- end to end over a pseudo-terminal -----------------------------------------------------------


def soil_sensor(address: int = 1) -> ModbusSlaveSimulator:
    sensor = ModbusSlaveSimulator(address)
    sensor.set_values(
        SOIL_7IN1,
        {
            "soil_moisture": Decimal("30.0"),
            "soil_temperature": Decimal("-3.5"),
            "soil_ec": 500,
            "soil_ph": Decimal("6.5"),
            "soil_n": 30,
            "soil_p": 15,
            "soil_k": 80,
        },
    )
    return sensor


def test_simulator_answers_the_reference_frames() -> None:
    sensor = ModbusSlaveSimulator(1, holding={0: 0x0164, 1: 0xFFDD, 2: 0x04D2})
    assert sensor.feed(READ3[:3]) == b""
    assert sensor.feed(READ3[3:]) == REPLY3
    assert sensor.feed(build_read_request(1, 0, 7)) == EXCEPTION_02
    assert sensor.feed(build_read_request(2, 0, 3)) == b""  # another address: silent
    assert sensor.feed(b"\x00\x01" + READ3) == REPLY3  # resync after noise
    air = ModbusSlaveSimulator(1, input_registers={1: 270, 2: 415})
    assert air.feed(XY_READ) == XY_REPLY
    sensor.holding[0x10] = 0
    assert sensor.feed(WRITE_0010) == WRITE_0010
    assert sensor.holding[0x10] == 1


def test_registers_for_matches_the_golden_reply() -> None:
    values = {"soil_moisture": 30, "soil_temperature": 25, "soil_ec": 500, "soil_ph": "6.5"}
    values |= {"soil_n": 30, "soil_p": 15, "soil_k": 80}
    registers = registers_for(SOIL_7IN1, {k: Decimal(str(v)) for k, v in values.items()})
    sensor = ModbusSlaveSimulator(1, holding=registers)
    assert sensor.feed(READ7) == REPLY7


@posix_only
def test_master_polls_a_soil_sensor_over_a_pty() -> None:
    with PtyDevice(soil_sensor()) as device:
        transport = SerialTransport(device.path, baudrate=9600)
        master = ModbusMaster(transport, timeout=0.5, retries=1, gap=0.0)
        try:
            readings = master.poll(1, SOIL_4)
        finally:
            transport.close()
    assert {r.channel: r.value for r in readings} == {
        "soil_moisture": Decimal("30.0"),
        "soil_temperature": Decimal("-3.5"),
        "soil_ec": Decimal(500),
        "soil_ph": Decimal("6.5"),
    }
    assert device.received == build_read_request(1, 0, 4)


@posix_only
def test_two_sensors_on_one_bus_over_a_pty() -> None:
    second = soil_sensor(address=2)
    second.set_values(SOIL_4, {"soil_moisture": Decimal("12.3")})
    with PtyDevice(ModbusBusSimulator([soil_sensor(1), second])) as device:
        transport = SerialTransport(device.path)
        master = ModbusMaster(transport, timeout=0.3, retries=0, gap=0.01)
        try:
            first_values = master.read_registers(1, 0, 1)
            second_values = master.read_registers(2, 0, 1)
            with pytest.raises(ModbusTimeout):
                master.read_registers(3, 0, 1)  # nobody at 3
            with pytest.raises(ModbusExceptionResponse):
                master.read_registers(1, 0x40, 1)  # no such register
        finally:
            transport.close()
    assert (first_values, second_values) == ([300], [123])


@posix_only
def test_silent_simulator_times_out_then_the_retry_succeeds() -> None:
    sensor = soil_sensor()
    sensor.silent = 1
    with PtyDevice(sensor) as device:
        transport = SerialTransport(device.path)
        master = ModbusMaster(transport, timeout=0.2, retries=1, gap=0.0)
        try:
            started = time.monotonic()
            readings = master.poll(1, SOIL_4[:2])
            elapsed = time.monotonic() - started
        finally:
            transport.close()
    assert [r.value for r in readings] == [Decimal("30.0"), Decimal("-3.5")]
    assert (master.stats.timeouts, master.stats.retries) == (1, 1)
    assert 0.2 <= elapsed < 1.0
    assert len(sensor.requests) == 2


@posix_only
def test_corrupted_answer_is_counted_and_retried_over_a_pty() -> None:
    sensor = soil_sensor()
    sensor.corrupt = 1
    with PtyDevice(sensor) as device:
        transport = SerialTransport(device.path)
        master = ModbusMaster(transport, timeout=0.2, retries=1, gap=0.0)
        try:
            assert master.read_registers(1, 0, 2) == [300, 0xFFDD]
        finally:
            transport.close()
    assert master.stats.decoder.bad_checksums >= 1


@posix_only
def test_master_recovers_when_the_port_comes_back(tmp_path: Path) -> None:
    link = tmp_path / "ttyV0"
    transport = SerialTransport(str(link), reconnect_interval=0.0)
    master = ModbusMaster(transport, timeout=0.2, retries=1, gap=0.0)
    try:
        with PtyDevice(soil_sensor(), link=link):
            assert master.read_registers(1, 0, 1) == [300]
        with pytest.raises(ModbusError):  # unplugged: the port is gone
            master.read_registers(1, 0, 1)
        assert master.stats.transport_errors >= 1
        sensor = soil_sensor()
        sensor.set_values(SOIL_4, {"soil_moisture": Decimal("41.0")})
        with PtyDevice(sensor, link=link):  # plugged back in under the same name
            assert master.read_registers(1, 0, 1) == [410]
    finally:
        transport.close()
    assert transport.reconnects == 1
