"""Gunicorn servers on free loopback ports: start, wait until they answer, stop."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchmarks import ROOT

HOST = "127.0.0.1"
WORKERS = 2


def free_port() -> int:
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def fetch(
    url: str, timeout: float = 10.0, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    """Status and body of one GET, without raising on error statuses."""
    try:
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc (Linux only, as is gunicorn here)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # it exited while we looked
            continue
        # The command name is in parentheses and may hold spaces: the parent pid follows it.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def rss_mb(pid: int) -> float:
    """VmRSS from /proc/<pid>/status, in MB (0 if the process is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Server:
    """One app under the same gunicorn command the design measures the floor with."""

    def __init__(self, name: str, app: str, log_path: Path, env: dict[str, str] | None = None):
        self.name = name
        self.app = app
        self.log_path = log_path
        self.env = {**os.environ, **(env or {})}
        self.port = 0
        self.process: subprocess.Popen | None = None

    @property
    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(WORKERS),
            "--bind",
            f"{HOST}:{self.port}",
            "--log-level",
            "warning",
            self.app,
        ]

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def start(self) -> Server:
        self.port = free_port()
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        return self

    def wait_until_answering(self, path: str, timeout: float = 60.0) -> None:
        """Poll `path` until it answers 200; fail early, with the log, if gunicorn dies."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"{self.name} server exited early:\n{self.log_tail()}")
            try:
                status, _ = fetch(self.url(path), timeout=5)
            except OSError:
                status = 0
            if status == 200:
                return
            time.sleep(0.2)
        raise RuntimeError(
            f"{self.name} did not answer {path} in {timeout:.0f}s\n{self.log_tail()}"
        )

    def worker_rss_mb(self) -> dict[int, float]:
        """Resident memory of each worker (the gunicorn master's children) by pid, in MB."""
        if self.process is None or self.process.poll() is not None:
            return {}
        return {pid: rss_mb(pid) for pid in children(self.process.pid)}

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM lets gunicorn stop its workers; kill only if it will not go."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
