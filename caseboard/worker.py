"""The background worker: RQ's worker on Caseboard's queue, and the periodic pass that does
whatever the database says is due, whatever happened to Redis or to a scheduled job.

The top of the house for background work: it imports the services whose jobs it runs.

Why not RQ's cron (`rq cron`): it is one more process to keep alive, it keeps its clock in
that process's memory, and an error from Redis ends it. The pass is armed instead from RQ's
own worker loop, at each maintenance tick (every PERIODIC_CHECK_SECONDS): the first worker
to find the arming key gone queues one pass and sets the key to expire after
PERIODIC_PASS_SECONDS. Nothing chains one pass to the next, so nothing is left to break:
a worker that starts, a Redis that comes back empty or from an old snapshot, a pass that
failed or died, all end with a pass within one interval. Exact times (a case's closing, an
edition's publishing) stay with RQ's scheduler (`enqueue_at`), and the pass catches any that
was lost.
"""

from __future__ import annotations

import logging
import time
import traceback
from contextlib import suppress

import redis
from flask import current_app
from rq import Worker

from caseboard import database, follow_ups, lifecycle, queueing
from caseboard.accounts import sessions
from caseboard.cases import services as case_services
from caseboard.curation import digest, editions
from caseboard.extensions import db, redis_connection
from caseboard.notifications import emails

log = logging.getLogger(__name__)

# Each step does what is due and nothing else, so running one twice is harmless.
PASS_STEPS = (
    case_services.publish_due_cases,
    lifecycle.close_expired_windows,
    follow_ups.ask_due_follow_ups,
    editions.publish_due_editions,
    digest.queue_pending_digests,
    emails.queue_owed_emails,
    sessions.forget_ended_sessions,
    database.refresh_planner_statistics,
)


def periodic_pass() -> None:
    """Run every step; one that fails is logged and the others still run."""
    for step in PASS_STEPS:
        try:
            step()
        except Exception as error:  # noqa: BLE001 - the next steps must still run
            db.session.rollback()
            # Where it failed, not the message: a database error's message carries the
            # statement's parameters, which can identify a member.
            log.error(
                "periodic pass: %s failed with %s\n%s",
                step.__qualname__,
                type(error).__name__,
                "".join(traceback.format_tb(error.__traceback__)),
            )


def arm_periodic_pass() -> bool:
    """Queue a pass unless one was queued within the last PERIODIC_PASS_SECONDS; returns
    whether this call queued it. Safe to call from every worker as often as it likes."""
    config = current_app.config
    key = f"{config['CACHE_KEY_PREFIX']}periodic-pass"
    try:
        if not redis_connection.client.set(
            key, "armed", nx=True, ex=config["PERIODIC_PASS_SECONDS"]
        ):
            return False
    except redis.RedisError:
        log.warning("queue unavailable; the periodic pass waits for it")
        return False
    queueing.enqueue(periodic_pass, run_here_if_down=False)
    return True


class CaseboardWorker(Worker):
    """RQ's worker, which also arms the periodic pass at each of its maintenance ticks."""

    asked_to_stop = False

    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()
        arm_periodic_pass()

    def request_stop(self, signum, frame) -> None:
        self.asked_to_stop = True
        super().request_stop(signum, frame)


def run_worker(*, burst: bool = False) -> None:
    """Process jobs from the app's queue until stopped (or until empty, with burst).

    RQ's worker loop retries a lost Redis while it waits for a job, but not in its heartbeat
    or its maintenance, where losing Redis ends it; and a worker cannot start without Redis.
    So this waits for Redis and starts the loop again, until a signal asks it to stop.
    """
    while True:
        _wait_for_redis()
        worker = _new_worker()
        # Redis can go away as the loop ends (RQ says it left): wait for it below.
        with suppress(redis.RedisError):
            # The scheduler moves jobs queued for later (window closings) onto the queue.
            worker.work(
                burst=burst, with_scheduler=True, logging_level="WARNING" if burst else "INFO"
            )
        if burst or worker.asked_to_stop:
            return
        log.warning("the worker lost Redis; it starts again once Redis answers")


def _new_worker() -> CaseboardWorker:
    check = current_app.config["PERIODIC_CHECK_SECONDS"]
    return CaseboardWorker(
        [redis_connection.queue()],
        connection=redis_connection.client,
        log_job_description=False,
        maintenance_interval=check,
        # RQ waits for a job for worker_ttl - 15 seconds before its loop comes round to the
        # maintenance tick again: a tick at least every `check` seconds.
        worker_ttl=check + 15,
    )


REDIS_WAIT_MAX_SECONDS = 30


def _wait_for_redis() -> None:
    """Return once Redis answers, trying again after 1, 2, 4 ... (at most 30) seconds."""
    wait = 1.0
    while True:
        try:
            redis_connection.client.ping()
            return
        except redis.RedisError:
            log.warning("Redis does not answer; the worker tries again in %d s", wait)
        time.sleep(wait)
        wait = min(wait * 2, REDIS_WAIT_MAX_SECONDS)
