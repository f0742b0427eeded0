"""The case window: while open, verdicts come in; when it closes, they become the outcome."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from caseboard.aggregation import Outcome, summarize
from caseboard.cases.services import drop_cached_pages
from caseboard.extensions import db
from caseboard.models import Case, ContentStatus
from caseboard.models.base import utcnow
from caseboard.notifications import triggers

CLOSE_BATCH = 500


def labels_hidden(case: Case, viewer_id: int | None, has_judged: bool, now: datetime) -> bool:
    """Blind mode: while a case is open, its tally and verdict labels stay hidden from anyone
    who might still judge it, until they have. The author cannot judge, so sees them."""
    if not case.is_open(now):
        return False
    return viewer_id != case.author_id and not has_judged


def stored_outcome(case: Case) -> Outcome:
    """The outcome stored when the window closed; the shares as the verdicts stand."""
    live = summarize(case.tally)
    return Outcome(
        total=live.total,
        shares=live.shares,
        leading=case.outcome_label,
        confidence=case.outcome_confidence or 0.0,
        divisiveness=case.divisiveness,
    )


def is_young(case: Case, now: datetime, young_hours: float) -> bool:
    """Whether the case is in its first hours, when verdicts are shown shuffled."""
    if case.published_at is None or not case.is_open(now):
        return False
    return (now - case.published_at).total_seconds() < young_hours * 3600


def close_expired_windows(now: datetime | None = None) -> int:
    """Close every published case whose window has passed; returns how many it closed."""
    now = now or utcnow()
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
        closed_now = sum(close_window(case_id, now) for case_id in due)
        closed += closed_now
        # A short batch is the last; a full one that closed nothing would repeat forever.
        if len(due) < CLOSE_BATCH or not closed_now:
            return closed


def close_window(case_id: int, now: datetime) -> bool:
    """Store a case's outcome as its verdicts stand; False if it was closed already.

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
        return False
    outcome = summarize(case.tally)
    closed = db.session.execute(
        update(Case)
        .where(Case.id == case_id, Case.closed_at.is_(None), Case.closes_at <= now)
        .values(
            closed_at=now,
            outcome_label=outcome.leading,
            outcome_confidence=outcome.confidence,
            divisiveness=outcome.divisiveness,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if closed:
        triggers.window_closed(case, outcome)  # with the outcome, in the same transaction
    db.session.commit()
    if closed:
        drop_cached_pages(case_id)
    return bool(closed)
