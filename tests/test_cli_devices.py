"""``devices list``, ``read`` and ``simulate``, end to end in subprocesses over a pty."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

COMMAND = [sys.executable, "-m", "coop_desktop", "--lang", "en"]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="ptys are POSIX only")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=30,
                          check=False)


@contextmanager
def _simulator(profile: str) -> Iterator[str]:
    process = subprocess.Popen([*COMMAND, "simulate", "--profile", profile, "--pty",
                                "--seed", "1"], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        code = process.wait(timeout=5)
        if process.stdout is not None:
            process.stdout.close()
        assert code == 0


def test_devices_list_names_profiles() -> None:
    result = _cli("devices", "list")
    assert result.returncode == 0, result.stderr
    assert "serial ports:" in result.stdout
    assert "yaohua-xk3190-a9\tscale\tyaohua_tf0" in result.stdout
    assert "renke-soil\tsensor\tmodbus_rtu" in result.stdout


def test_read_a_simulated_scale() -> None:
    with _simulator("yaohua-xk3190-a9") as path:
        result = _cli("read", "--profile", "yaohua-xk3190-a9", "--port", path, "--count", "5")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 5
    for line in lines:
        assert line["unit"] == "kg" and isinstance(line["value"], float)
        assert bytes.fromhex(line["raw"])[0] == 0x02 and len(line["raw"]) == 24


@pytest.mark.parametrize(("profile", "ending"), [("mt-sics", b"kg\r\n"),
                                                  ("yaohua-xk3190-command", b"\x03")])
def test_read_polls_a_simulated_polled_scale(profile: str, ending: bytes) -> None:
    with _simulator(profile) as path:
        result = _cli("read", "--profile", profile, "--port", path, "--count", "3")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3
    for line in lines:
        assert isinstance(line["value"], float)
        assert bytes.fromhex(line["raw"]).endswith(ending)


def test_read_a_simulated_soil_sensor() -> None:
    with _simulator("renke-soil") as path:
        result = _cli("read", "--profile", "renke-soil", "--port", path, "--count", "3")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["channel"] for line in lines] == ["soil_moisture", "soil_temperature",
                                                   "soil_ec"]
    assert lines[0]["unit"] == "%" and 15 < lines[0]["value"] < 35
    assert bytes.fromhex(lines[0]["raw"])[:2] == b"\x01\x03"


def test_read_unknown_profile_or_missing_port_exits_2() -> None:
    unknown = _cli("read", "--profile", "no-such-scale", "--port", "/dev/null")
    assert unknown.returncode == 2
    assert "no device profile" in unknown.stderr
    missing = _cli("read", "--profile", "renke-soil", "--port", "/dev/no-such-port")
    assert missing.returncode == 2
    assert "cannot open /dev/no-such-port" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
