"""Background work through faults, with real processes: a redis-server of the test's own,
killed and started again from an old snapshot, and Caseboard's RQ worker, SIGKILLed in the
middle of a digest or of closing windows and started again at once. After each: every due
window is closed within one periodic pass, every opted-in member has their digest, and no
acknowledged write is lost. PostgreSQL only: SQLite is one machine's file, not a service
that worker processes on other hosts share."""

from __future__ import annotations

import email
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from email import policy
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update

from caseboard.cases import services
from caseboard.extensions import db
from caseboard.models import Case, DigestDelivery, EmailPreference, Notification, Verdict
from caseboard.models.base import utcnow
from tests.conftest import REASONING
from tests.faults.processes import RedisServer, WorkerProcess, wait_until, worker_settings
from tests.functional.curation_helpers import closed_case, moderator, published_edition

pytestmark = pytest.mark.postgres_only

WINDOW_SECONDS = 3
# RQ's worker retries a lost Redis after 1, 2, 4 ... seconds: it is back within this long.
RECONNECT_SECONDS = 8
WORKER_START_SECONDS = 10  # a new Python process importing Caseboard, on a busy machine


@dataclass
class Stack:
    app: Flask  # the test's own, whose context is pushed
    redis: RedisServer
    browser: FlaskClient  # requests on an app of their own, as in production
    outbox: Path
    start_worker: Callable[..., WorkerProcess]


@pytest.fixture
def stack(app, make_app, database_url, tmp_path):
    """A redis-server and a worker of this test's own, and an app (this test's) that shares
    their queue; everything stopped afterwards, before the tables are emptied."""
    server = RedisServer(tmp_path).start()
    outbox = tmp_path / "outbox"
    environment, config = worker_settings(database_url, server.url, outbox)
    settings = {"REDIS_URL": server.url, "CASE_WINDOW_HOURS": WINDOW_SECONDS / 3600, **config}
    # Pushed over the `app` fixture's context, so make_case and make_member work in it.
    own_app = make_app(**settings)
    browser = make_app(**settings).test_client()  # its own app: requests get their own context
    workers: list[WorkerProcess] = []

    def start_worker(*, listening: bool = True) -> WorkerProcess:
        worker = WorkerProcess(environment, tmp_path / "worker.log").start()
        if listening:
            worker.wait_until_listening(server.url, config["QUEUE_NAME"])
        workers.append(worker)
        return worker

    with own_app.app_context():
        yield Stack(own_app, server, browser, outbox, start_worker)
    for worker in workers:
        worker.stop()
    server.kill()


def _closed_count(case_ids) -> int:
    db.session.rollback()
    return db.session.scalar(
        select(func.count()).where(Case.id.in_(case_ids), Case.closed_at.is_not(None))
    )


def _lateness(case_ids) -> float:
    """How long after its window's end the latest of these cases was closed, in seconds."""
    db.session.rollback()
    rows = db.session.execute(
        select(Case.closes_at, Case.closed_at).where(Case.id.in_(case_ids))
    ).all()
    return max((closed - closes).total_seconds() for closes, closed in rows)


def test_redis_restarted_from_an_old_snapshot_loses_no_due_window(stack, make_case, make_member):
    stack.start_worker()
    snapshotted = [make_case().id for _ in range(3)]
    stack.redis.snapshot()
    lost_with_redis = [make_case().id for _ in range(3)]  # their closing jobs die with Redis
    open_case = make_case()
    stack.redis.kill()
    # Redis is down: pages still render and a verdict is still taken and kept.
    assert stack.browser.get("/").status_code == 200
    judge = make_member()
    verdict = services.give_verdict(open_case, judge, "NTA", REASONING)
    time.sleep(WINDOW_SECONDS)
    stack.redis.start()  # from the snapshot taken before the last cases were published
    every_case = snapshotted + lost_with_redis
    took = wait_until(
        lambda: _closed_count(every_case) == len(every_case),
        WINDOW_SECONDS + RECONNECT_SECONDS + 2 * stack.app.config["PERIODIC_PASS_SECONDS"],
        "every due window closed after Redis came back",
    )
    late = _lateness(every_case)
    print(
        f"\nRedis killed, then restarted from an old snapshot: every window closed {took:.1f} s "
        f"after Redis came back, the latest {late:.1f} s after its end"
    )
    assert db.session.get(Verdict, verdict.id) is not None


def test_a_worker_killed_mid_digest_leaves_no_member_without_it(stack, make_case, make_member):
    outbox = stack.outbox
    readers = [make_member(email=f"reader{n}@example.org") for n in range(150)]
    db.session.add_all(EmailPreference(member_id=reader.id, kind="digest") for reader in readers)
    db.session.commit()
    case = closed_case(make_case, make_member)
    worker = stack.start_worker()
    published_edition(moderator(make_member), [case])  # queues the digest
    wait_until(lambda: len(list(outbox.glob("*.eml"))) >= 10, 30, "the digest under way")
    worker.kill()
    killed = time.monotonic()
    sent_before_the_kill = len(list(outbox.glob("*.eml")))
    stack.start_worker()
    wait_until(lambda: _sent_digests() == len(readers), 30, "every opted-in member has the digest")
    took = time.monotonic() - killed
    copies = Counter(
        email.message_from_bytes(path.read_bytes(), policy=policy.default)["To"]
        for path in outbox.glob("*.eml")
    )
    duplicates = sum(copies.values()) - len(copies)
    print(
        f"\nworker killed after {sent_before_the_kill} of {len(readers)} digests: all sent "
        f"{took:.1f} s after the kill, {duplicates} sent twice"
    )
    assert sent_before_the_kill < len(readers), "the kill came too late to test anything"
    assert set(copies) == {reader.email for reader in readers}
    assert duplicates <= 1  # only one copy can be between the server and the record


def _sent_digests() -> int:
    db.session.rollback()
    return db.session.scalar(
        select(func.count()).select_from(DigestDelivery).where(DigestDelivery.sent_at.is_not(None))
    )


def test_a_worker_killed_mid_close_closes_every_window_once(stack, make_case, make_member):
    case_ids = [make_case().id for _ in range(120)]
    db.session.execute(
        update(Case).where(Case.id.in_(case_ids)).values(closes_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()
    worker = stack.start_worker()  # its first pass starts closing them
    wait_until(lambda: _closed_count(case_ids) >= 5, 30, "the closing under way")
    worker.kill()
    killed = time.monotonic()
    closed_before_the_kill = _closed_count(case_ids)
    stack.start_worker()
    wait_until(lambda: _closed_count(case_ids) == len(case_ids), 30, "every window closed")
    took = time.monotonic() - killed
    print(
        f"\nworker killed after closing {closed_before_the_kill} of {len(case_ids)} windows: "
        f"the rest closed {took:.1f} s after the kill (the worker restarted at once)"
    )
    assert closed_before_the_kill < len(case_ids), "the kill came too late to test anything"
    # A new worker starts in a few seconds; its first maintenance tick arms a pass, unless
    # the last one is under PERIODIC_PASS_SECONDS old.
    assert took <= WORKER_START_SECONDS + stack.app.config["PERIODIC_PASS_SECONDS"] + 1
    told = db.session.execute(
        select(Notification.subject_public_id, func.count())
        .where(Notification.kind == "closed")
        .group_by(Notification.subject_public_id)
    ).all()
    assert len(told) == len(case_ids) and {count for _, count in told} == {1}


def test_a_worker_started_while_redis_is_down_waits_for_it(stack, make_case):
    case = make_case()
    stack.redis.kill()
    worker = stack.start_worker(listening=False)
    time.sleep(WINDOW_SECONDS)  # the case's window ends while Redis is away
    assert worker.process.poll() is None, "the worker gave up on Redis"
    stack.redis.start()
    worker.wait_until_listening(stack.redis.url, stack.app.config["QUEUE_NAME"])
    took = wait_until(
        lambda: _closed_count([case.id]) == 1,
        RECONNECT_SECONDS + stack.app.config["PERIODIC_PASS_SECONDS"],
        "the window closed once Redis answered",
    )
    print(f"\nworker started with Redis down: the window closed {took:.1f} s after it listened")
