"""`make run`: set up instance/, start Redis (embedded unless REDIS_URL is set), migrate, seed
the demo content on first run, then run an RQ worker beside gunicorn until Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


def main() -> int:
    from caseboard.config import generate_secret_key
    from caseboard.embedded_redis import EmbeddedRedis

    INSTANCE.mkdir(exist_ok=True)
    generate_secret_key(str(INSTANCE))
    embedded = None
    if not os.environ.get("REDIS_URL"):
        embedded = EmbeddedRedis(INSTANCE / "redis").start()
        os.environ["REDIS_URL"] = embedded.url
    children: list[subprocess.Popen] = []
    try:
        port = os.environ.get("PORT", "5000")
        # Links in emails and feeds point where this run serves, unless told otherwise.
        os.environ.setdefault("CASEBOARD_PUBLIC_URL", f"http://127.0.0.1:{port}")
        prepare_database()
        flask = [sys.executable, "-m", "flask", "--app", "caseboard"]
        children.append(subprocess.Popen([*flask, "worker"], cwd=ROOT))
        children.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--workers",
                    os.environ.get("WEB_CONCURRENCY", "2"),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--access-logfile",
                    "-",
                    "caseboard:create_app()",
                ],
                cwd=ROOT,
            )
        )
        print(
            f"\n  Caseboard is serving on http://127.0.0.1:{port}  (Ctrl-C stops it)\n", flush=True
        )
        return wait_for_exit(children)
    except KeyboardInterrupt:
        return 0
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        if embedded is not None:
            embedded.stop()


def prepare_database() -> None:
    """Apply migrations, then load the demo content into the local database on first run.

    A database named by DATABASE_URL is someone's real one: it never gets the demo accounts,
    whose password is public.
    """
    from flask_migrate import upgrade

    from caseboard import create_app
    from caseboard.demo import seed_demo

    app = create_app()
    with app.app_context():
        upgrade()
        if not os.environ.get("DATABASE_URL"):
            added = seed_demo()
            if added:
                print(f"Loaded {added} demo cases.", flush=True)


def wait_for_exit(children: list[subprocess.Popen]) -> int:
    """Return when any child stops (the others are then stopped too)."""
    while True:
        for child in children:
            code = child.poll()
            if code is not None:
                return code
        time.sleep(0.5)


if __name__ == "__main__":
    sys.exit(main())
