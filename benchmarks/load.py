"""Run wrk against one loopback URL for a fixed time and read its numbers."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_PERCENTILE = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


@dataclass(frozen=True)
class LoadSettings:
    """wrk's knobs; the defaults keep a run to ten seconds per target."""

    threads: int = 2
    connections: int = 16
    duration: int = 10


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx responses plus socket errors


def wrk_path() -> str | None:
    return shutil.which("wrk")


def run_wrk(
    url: str,
    settings: LoadSettings,
    duration: int | None = None,
    headers: dict[str, str] | None = None,
) -> WrkResult:
    """One bounded wrk run; only ever pointed at the servers this benchmark started."""
    return parse_wrk(wrk_output(url, settings, duration, headers))


def wrk_output(
    url: str,
    settings: LoadSettings,
    duration: int | None = None,
    headers: dict[str, str] | None = None,
    script: Path | None = None,
    script_args: list[str] | None = None,
) -> str:
    """wrk's printed report, with each header on every request, and the Lua `script` (given
    `script_args`) if any."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"refusing to load anything but this machine's loopback: {url}")
    seconds = duration or settings.duration
    command = [
        "wrk",
        f"-t{settings.threads}",
        f"-c{settings.connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script is not None:
        command += ["-s", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed on {url}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def parse_wrk(output: str) -> WrkResult:
    """Requests/s, the 50 % and 99 % latency lines (in ms), and error counts."""
    rate = _RATE.search(output)
    total = _TOTAL.search(output)
    percentiles = {
        key: float(value) * _UNITS_MS[unit] for key, value, unit in _PERCENTILE.findall(output)
    }
    if rate is None or total is None or set(percentiles) != {"50", "99"}:
        raise ValueError(f"could not read wrk's output:\n{output}")
    non_2xx = _NON_2XX.search(output)
    socket_errors = _SOCKET_ERRORS.search(output)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(count) for count in socket_errors.groups())
    return WrkResult(
        requests_per_second=float(rate.group(1)),
        p50_ms=percentiles["50"],
        p99_ms=percentiles["99"],
        requests=int(total.group(1)),
        errors=errors,
    )
