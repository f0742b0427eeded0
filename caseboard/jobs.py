"""Background jobs, run by RQ workers inside an app context (see `flask worker`)."""

from __future__ import annotations

import logging
from datetime import timedelta

import redis
from flask import current_app
from rq import Retry

from caseboard import database
from caseboard.extensions import redis_connection
from caseboard.models.base import utcnow

log = logging.getLogger(__name__)


def enqueue(job, *args, retry: Retry | None = None, run_here_if_down: bool = True) -> None:
    """Queue a job; if Redis is down, do the work now rather than lose it, unless the caller
    says not to: slow work like sending email never runs in a request (the digest's sweep
    queues it again later; a notice's email is skipped, the notice stays in the inbox)."""
    try:
        # The description names the job only: arguments could identify a member in logs.
        redis_connection.queue().enqueue(job, *args, description=job.__name__, retry=retry)
    except redis.RedisError:
        if not run_here_if_down:
            log.warning("queue unavailable; %s was not queued", job.__name__)
            return
        log.warning("queue unavailable; running %s in the request", job.__name__)
        job(*args)


# An SMTP hiccup should not cost a digest: a failed run is tried again (it skips the members
# already sent to).
MAIL_RETRY = Retry(max=3, interval=[60, 600, 3600])


def enqueue_digest(edition_id: int) -> None:
    """Queue an edition's digest; if Redis is down, the sweep sends it once Redis is back."""
    enqueue(send_edition_digest, edition_id, retry=MAIL_RETRY, run_here_if_down=False)


SWEEP_JOB_ID = "caseboard-window-sweep"
SWEEP_INTERVAL = timedelta(minutes=5)


def schedule(job, at, *args, job_id: str | None = None) -> None:
    """Queue a job for a moment in the future; the periodic sweep catches any that is lost."""
    try:
        redis_connection.queue().enqueue_at(at, job, *args, description=job.__name__, job_id=job_id)
    except redis.RedisError:
        log.warning("queue unavailable; %s was not scheduled", job.__name__)


def sweep_windows() -> None:
    """Close whatever is due, ask the follow-up questions that are due, and publish scheduled
    editions whose time has come, and keep the planner's statistics fresh; then come back in a
    few minutes (one chain: a fixed job id).

    A case's own closing and an edition's publishing are scheduled jobs of their own; this
    sweep covers those that could not be scheduled (Redis was down) or were lost.
    """
    close_expired_windows()
    ask_follow_ups()
    publish_due_editions()
    send_pending_digests()
    database.refresh_planner_statistics()
    schedule(sweep_windows, utcnow() + SWEEP_INTERVAL, job_id=SWEEP_JOB_ID)


def close_expired_windows() -> None:
    """Give every case whose window has passed its outcome."""
    from caseboard.lifecycle import close_expired_windows as close

    closed = close()
    current_app.logger.info("closed %d case windows", closed)


def ask_follow_ups() -> None:
    """Ask the authors of cases closed 30 or 90 days ago how it played out."""
    from caseboard.follow_ups import ask_due_follow_ups

    asked = ask_due_follow_ups()
    current_app.logger.info("asked %d follow-up questions", asked)


def publish_due_editions() -> None:
    """Publish the highlight editions whose scheduled time has come, then send their digests."""
    from caseboard.curation.editions import publish_due

    for edition_id in publish_due():
        current_app.logger.info("published a scheduled highlight edition")
        enqueue_digest(edition_id)


def send_pending_digests() -> None:
    """Queue the digest of any recent edition with members still waiting for it (its job was
    lost, or Redis was down when it was published)."""
    from caseboard.curation.digest import editions_with_pending_digests

    for edition_id in editions_with_pending_digests():
        enqueue_digest(edition_id)


def send_edition_digest(edition_id: int) -> None:
    """Email a newly published edition to every member who asked for the digest."""
    from caseboard.curation.digest import send_edition_digest as send

    sent = send(edition_id)
    current_app.logger.info("sent %d digest emails", sent)


def remove_member_content(member_id: int) -> None:
    """Remove a deleted account's cases, verdicts and replies (can touch many rows)."""
    from caseboard.accounts.services import remove_content
    from caseboard.cases.services import drop_cached_pages
    from caseboard.extensions import db
    from caseboard.models import Member

    member = db.session.get(Member, member_id)
    if member is None:
        return
    changed = remove_content(member)
    db.session.commit()
    for case_id in changed:
        drop_cached_pages(case_id)
    current_app.logger.info("removed the content of a deleted account")


def run_worker(*, burst: bool = False) -> None:
    """Process jobs from the app's queue until stopped (or until empty, with burst)."""
    from rq import Worker

    redis_connection.queue().enqueue(
        sweep_windows, job_id=SWEEP_JOB_ID, description=sweep_windows.__name__
    )
    worker = Worker(
        [redis_connection.queue()],
        connection=redis_connection.client,
        log_job_description=False,
    )
    # The scheduler moves jobs queued for later (window closings) onto the queue when due.
    worker.work(burst=burst, with_scheduler=True, logging_level="WARNING" if burst else "INFO")


def send_notification_email(notification_id: int) -> None:
    """Email one notice to a member who asked for that kind (queued once it is committed)."""
    from caseboard.notifications.emails import send_notification_email as send

    if send(notification_id):
        current_app.logger.info("sent a notification email")
