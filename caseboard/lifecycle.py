"""The case window: while open, verdicts come in; when it closes, they become the outcome.

A window that reaches its end with fewer than MIN_VERDICTS_TO_CLOSE verdicts is extended
once, by CASE_EXTENSION_HOURS, so a poster who asked at a quiet time still gets an answer;
after the extension it closes with whatever it has.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from caseboard import queueing
from caseboard.aggregation import Outcome, summarize
from caseboard.cache import drop_cached_pages
from caseboard.extensions import db
from caseboard.models import Case, ContentStatus
from caseboard.models.base import utcnow
from caseboard.notifications import triggers
from caseboard.priors import UNIFORM, ClosingPrior, prior_for_closing

CLOSE_BATCH = 500


def labels_hidden(case: Case, viewer_id: int | None, has_judged: bool, now: datetime) -> bool:
    """Blind mode: while a case is open, its tally and verdict labels stay hidden from anyone
    who might still judge it, until they have. The author cannot judge, so sees them."""
    if not case.is_open(now):
        return False
    return viewer_id != case.author_id and not has_judged


def stored_outcome(case: Case) -> Outcome:
    """The outcome stored when the window closed, with its shares and intervals worked out
    again from the frozen tally and the prior it was closed with."""
    prior = case.outcome_prior.weights if case.outcome_prior_id is not None else None
    live = summarize(case.tally, prior)
    return replace(
        live,
        leading=case.outcome_label,
        confidence=case.outcome_confidence or 0.0,
        divisiveness=case.divisiveness,
        state=case.outcome_state or live.state,
    )


def is_young(case: Case, now: datetime, young_hours: float) -> bool:
    """Whether the case is in its first hours, when verdicts are shown shuffled."""
    if case.published_at is None or not case.is_open(now):
        return False
    return (now - case.published_at).total_seconds() < young_hours * 3600


def close_expired_windows(now: datetime | None = None) -> int:
    """Close (or extend, once) every published case whose window has passed; returns how
    many it closed. The job scheduled for each window's end, and a step of the periodic
    pass, which closes those whose job was lost."""
    now = now or utcnow()
    prior = prior_for_closing(now)
    closed = 0
    while True:
        due = db.session.scalars(
            select(Case.id)
            .where(
                Case.status == ContentStatus.PUBLISHED,
                Case.closed_at.is_(None),
                Case.closes_at <= now,
            )
            .order_by(Case.closes_at)
            .limit(CLOSE_BATCH)
        ).all()
        settled = [close_window(case_id, now, prior) for case_id in due]
        closed += sum(result == CLOSED for result in settled)
        # A short batch is the last; a full one that settled nothing would repeat forever.
        if len(due) < CLOSE_BATCH or not any(settled):
            current_app.logger.info("closed %d case windows", closed)
            return closed


CLOSED = "closed"
EXTENDED = "extended"


def close_window(case_id: int, now: datetime, prior: ClosingPrior = UNIFORM) -> str | None:
    """Store a case's outcome as its verdicts stand, or extend a thin case's window once;
    returns CLOSED, EXTENDED, or None if another worker got there first.

    The row is locked before the tally is read, so a verdict being counted right now is
    either in the outcome or refused (services refuse to count on a closed case), and the
    update only applies to a case not yet closed, so two workers never both close it.
    """
    case = db.session.scalar(
        select(Case)
        .where(Case.id == case_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if case is None:  # deleted since the sweep listed it
        db.session.rollback()
        return None
    if _wants_extension(case):
        return _extend_window(case, now)
    outcome = summarize(case.tally, prior.weights)
    closed = db.session.execute(
        update(Case)
        .where(Case.id == case_id, Case.closed_at.is_(None), Case.closes_at <= now)
        .values(
            closed_at=now,
            outcome_state=outcome.state,
            outcome_label=outcome.leading,
            outcome_confidence=outcome.confidence,
            outcome_prior_id=prior.id,
            divisiveness=outcome.divisiveness,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if closed:
        triggers.window_closed(case, outcome)  # with the outcome, in the same transaction
    db.session.commit()
    if closed:
        drop_cached_pages(case_id)
    return CLOSED if closed else None


def _wants_extension(case: Case) -> bool:
    """Too few verdicts, never extended, and not locked (a locked case takes none)."""
    config = current_app.config
    return (
        case.extended_at is None
        and case.locked_at is None
        and config["CASE_EXTENSION_HOURS"] > 0
        and case.verdict_count < config["MIN_VERDICTS_TO_CLOSE"]
    )


def _extend_window(case: Case, now: datetime) -> str | None:
    """Push the closing time back once; the author is told and the case goes to the top of
    "needs verdicts". Counted from the planned close, so a late sweep gives no extra time,
    but never to a moment already past."""
    hours = timedelta(hours=current_app.config["CASE_EXTENSION_HOURS"])
    closes_at = max(case.closes_at + hours, now + timedelta(minutes=1))
    extended = db.session.execute(
        update(Case)
        .where(Case.id == case.id, Case.closed_at.is_(None), Case.extended_at.is_(None))
        .values(closes_at=closes_at, extended_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if extended:
        triggers.window_extended(case, closes_at)
    db.session.commit()
    if not extended:
        return None
    drop_cached_pages(case.id)
    queueing.schedule(close_expired_windows, closes_at)
    return EXTENDED
