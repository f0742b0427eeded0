"""`make run`: set up the instance folder, start Redis (embedded unless REDIS_URL is set),
migrate, seed the demo content on first run, then run an RQ worker beside gunicorn until
Ctrl-C or SIGTERM.

Each child runs in a session of its own, so a terminal's Ctrl-C reaches the launcher alone,
and the launcher stops them in order: the worker first (it still needs Redis to finish a job
and to say it left), then gunicorn, then Redis.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade

from caseboard import create_app
from caseboard.config import generate_secret_key, read_generated_secret_key
from caseboard.demo import seed_demo
from caseboard.embedded_redis import EmbeddedRedis

ROOT = Path(__file__).resolve().parent.parent
# How long each child gets to stop after SIGTERM before its process group is killed; gunicorn
# is told a shorter graceful timeout, so it ends its own slow requests first.
STOP_SECONDS = 15
GUNICORN_GRACEFUL_SECONDS = 10
POLL_SECONDS = 0.2
WORKER_COMMAND = [sys.executable, "-m", "flask", "--app", "caseboard", "worker"]
# A closed terminal sends SIGHUP, which no longer reaches the children in their sessions.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class Stopped(BaseException):
    """A stop signal arrived. A BaseException, as KeyboardInterrupt is, so that no `except
    Exception` between the signal and main() swallows it."""


def main() -> int:
    launcher = Launcher()
    for signum in STOP_SIGNALS:
        signal.signal(signum, launcher.on_signal)
    try:
        return launcher.run()
    except Stopped:
        return 0
    finally:
        launcher.stop()


class Launcher:
    """The children of one run, and the order they start and stop in."""

    def __init__(self) -> None:
        self.redis: EmbeddedRedis | None = None
        self.worker: subprocess.Popen | None = None
        self.web: subprocess.Popen | None = None
        self.signalled = False
        self.holding = False

    def on_signal(self, signum: int, frame: object) -> None:
        """Stop the run where it is, unless a child is being started (it would be left
        unrecorded, so never stopped) or the children are being stopped already."""
        self.signalled = True
        if not self.holding:
            raise Stopped

    @contextmanager
    def signals_held(self) -> Iterator[None]:
        """Hold stop signals while a child starts; one that came meanwhile stops the run next."""
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
        if self.signalled:
            raise Stopped

    def run(self) -> int:
        """Start everything, then wait; the exit status of a child that stopped on its own."""
        instance = instance_dir()
        prepare_instance(instance)
        if not os.environ.get("REDIS_URL"):
            with self.signals_held():
                self.redis = EmbeddedRedis(instance / "redis")
                self.redis.start()
            os.environ["REDIS_URL"] = self.redis.url
        port = os.environ.get("PORT", "5000")
        # Links in emails and feeds point where this run serves, unless told otherwise.
        os.environ.setdefault("CASEBOARD_PUBLIC_URL", f"http://127.0.0.1:{port}")
        prepare_database()
        with self.signals_held():
            self.worker = start_child(WORKER_COMMAND)
        with self.signals_held():
            self.web = start_child(gunicorn_command(port))
        say(f"\n  Caseboard is serving on http://127.0.0.1:{port}  (Ctrl-C stops it)\n")
        return self.wait()

    def children(self) -> list[tuple[str, subprocess.Popen | None]]:
        """Every child by name, in the order they are stopped."""
        redis = self.redis.process if self.redis is not None else None
        return [("the worker", self.worker), ("gunicorn", self.web), ("Redis", redis)]

    def wait(self) -> int:
        """Return once a child stops on its own (the rest are then stopped too)."""
        while True:
            for name, child in self.children():
                code = child.poll() if child is not None else None
                if code is not None:
                    say(f"{name.capitalize()} stopped on its own (exit status {code}).")
                    return exit_status(code)
            time.sleep(POLL_SECONDS)

    def stop(self) -> None:
        """Stop every child still running, one after the other, in order: a second Ctrl-C
        must not cut this short."""
        self.holding = True
        if any(child is not None and child.poll() is None for _, child in self.children()):
            say("Stopping...")
        for child in (self.worker, self.web):
            if child is not None:
                stop_child(child)
        if self.redis is not None:
            self.redis.stop()


def app_instance_dir() -> Path:
    """The app's instance folder, found as Flask finds it (instance/ beside the package in a
    checkout), without building the app: that needs the secret key made here first."""
    return Path(Flask("caseboard").instance_path)


def instance_dir() -> Path:
    """Where this run keeps its database, secret key and Redis: CASEBOARD_INSTANCE_DIR (the
    launcher's tests run in a folder of their own), else the app's instance folder."""
    configured = os.environ.get("CASEBOARD_INSTANCE_DIR")
    return Path(configured) if configured else app_instance_dir()


def prepare_instance(instance: Path) -> None:
    """Make the folder and its secret key. The app (this process's and the children's) keeps
    its files in Flask's instance folder: where another folder is asked for, the app is told
    so through the settings it takes from the environment (its database, outbox and key;
    instance/config.py is still read from its own folder)."""
    instance.mkdir(parents=True, exist_ok=True)
    generate_secret_key(str(instance))
    if instance.resolve() == app_instance_dir().resolve():
        return
    database = instance / "caseboard.sqlite"
    os.environ.setdefault("CASEBOARD_SQLALCHEMY_DATABASE_URI", f"sqlite:///{database}")
    os.environ.setdefault("CASEBOARD_MAIL_OUTBOX", str(instance / "outbox"))
    if not os.environ.get("SECRET_KEY"):
        os.environ["SECRET_KEY"] = read_generated_secret_key(str(instance))


def prepare_database() -> None:
    """Apply migrations, then load the demo content into the local database on first run.

    A database named by DATABASE_URL is someone's real one: it never gets the demo accounts,
    whose password is public.
    """
    app = create_app()
    with app.app_context():
        upgrade()
        if not os.environ.get("DATABASE_URL"):
            added = seed_demo()
            if added:
                print(f"Loaded {added} demo cases.", flush=True)


def gunicorn_command(port: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        os.environ.get("WEB_CONCURRENCY", "2"),
        "--bind",
        f"127.0.0.1:{port}",
        "--graceful-timeout",
        str(GUNICORN_GRACEFUL_SECONDS),
        "--access-logfile",
        "-",
        "caseboard:create_app()",
    ]


def start_child(command: list[str]) -> subprocess.Popen:
    """Start a child in a session of its own: only the launcher decides when it stops."""
    return subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL, start_new_session=True)


def stop_child(child: subprocess.Popen) -> None:
    """SIGTERM and a while to finish, else SIGKILL; then SIGKILL for whatever is left in its
    process group too (a crashed gunicorn master's workers, a killed RQ worker's scheduler).
    A group's id is not given out again while anything is in it, and an emptied group's only
    after the pid counter has come round, not in the instant since its leader ended."""
    if child.poll() is None:
        child.terminate()
        with suppress(subprocess.TimeoutExpired):
            child.wait(timeout=STOP_SECONDS)
        if child.poll() is None:
            say(f"Process {child.pid} did not stop in {STOP_SECONDS} s: killing it.")
    with suppress(ProcessLookupError):  # the usual case: the group ended with its leader
        os.killpg(child.pid, signal.SIGKILL)
    child.wait()


def say(line: str) -> None:
    """Print a line for the person who ran `make run`; their terminal may be gone (SIGHUP),
    which must not stop the children from being stopped."""
    with suppress(OSError):
        print(line, flush=True)


def exit_status(code: int) -> int:
    """The launcher's exit status for a child's: a child killed by signal N gives 128 + N,
    as a shell says it."""
    return 128 - code if code < 0 else code


if __name__ == "__main__":
    sys.exit(main())
