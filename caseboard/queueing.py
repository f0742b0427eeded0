"""Putting work on the background queue: now, or at a moment in the future.

The bottom of the house for background work: it knows the queue and nothing above it. Each
job's body lives beside the service it belongs to, and the worker (caseboard/worker.py) sits
at the top; a service hands its own function here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import redis
from rq import Retry

from caseboard.extensions import redis_connection

log = logging.getLogger(__name__)

# An SMTP hiccup should not cost an email: a failed run is tried again (it skips what was sent).
MAIL_RETRY = Retry(max=3, interval=[60, 600, 3600])


def enqueue(
    job: Callable, *args, retry: Retry | None = None, run_here_if_down: bool = True
) -> None:
    """Queue a job; if Redis is down, do the work now rather than lose it, unless the caller
    says not to: slow work like sending email never runs in a request (the worker's periodic
    pass finds what is owed in the database and queues it once Redis is back)."""
    try:
        # The description names the job only: arguments could identify a member in logs.
        redis_connection.queue().enqueue(job, *args, description=job.__name__, retry=retry)
    except redis.RedisError:
        if not run_here_if_down:
            log.warning("queue unavailable; %s was not queued", job.__name__)
            return
        log.warning("queue unavailable; running %s in the request", job.__name__)
        job(*args)


def schedule(job: Callable, at: datetime, *args) -> None:
    """Queue a job for a moment in the future. Losing one is harmless: every job scheduled
    here does work the database says is due, which the periodic pass also does."""
    try:
        redis_connection.queue().enqueue_at(at, job, *args, description=job.__name__)
    except redis.RedisError:
        log.warning("queue unavailable; %s was not scheduled", job.__name__)
