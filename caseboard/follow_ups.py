"""What happened next: 30 and 90 days after a case closes, its author is asked how it played
out and whether the crowd's advice helped; the answer is an update that says so.

The database is the truth of what is due: `Case.follow_up_asks` counts the questions asked,
so question i is due once `closed_at + FOLLOW_UP_DAYS[i]` has passed and the count is still i.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import load_only

from caseboard.cases import services
from caseboard.errors import Conflict, NotAllowed, ServiceError
from caseboard.extensions import db
from caseboard.models import Case, CaseUpdate, ContentStatus, Member
from caseboard.models.base import utcnow
from caseboard.notifications import services as notifications
from caseboard.notifications.kinds import FOLLOW_UP
from caseboard.taxonomy import ADVICE_HELPED

FOLLOW_UP_BATCH = 500


class UnknownAdvice(ServiceError):
    """The answer to "did the advice help?" is not one of the choices offered."""

    status = 400


# -- asking --------------------------------------------------------------------------------


def ask_due_follow_ups(now: datetime | None = None) -> int:
    """Ask every author whose case has a follow-up question due; returns how many were asked.

    Questions go in order, so a case whose first question is skipped (stale, or already
    answered) can get its next one in the same run.
    """
    now = now or utcnow()
    days: Sequence[int] = current_app.config["FOLLOW_UP_DAYS"]
    asked = sum(_ask_question(question, days, now) for question in range(len(days)))
    current_app.logger.info("asked %d follow-up questions", asked)
    return asked


def _ask_question(question: int, days: Sequence[int], now: datetime) -> int:
    """Settle question number `question` for every case it is due on, a batch at a time."""
    asked = 0
    while True:
        due = _due_batch(question, now - timedelta(days=days[question]))
        claimed = _claim([case.id for case, _ in due], question)
        for case, author_deleted in due:
            if case.id in claimed and _worth_asking(case, author_deleted, question, days, now):
                _ask(case, days[question])
                asked += 1
        db.session.commit()  # each bump with its notice, or neither
        # A short batch is the last; a full one claimed by another worker is theirs to finish.
        if len(due) < FOLLOW_UP_BATCH or not claimed:
            return asked


def _due_batch(question: int, closed_by: datetime) -> list[tuple[Case, datetime | None]]:
    """Published cases closed by `closed_by` still waiting for this question, with whether
    their author's account is deleted (read through ix_cases_follow_up_due)."""
    rows = db.session.execute(
        select(Case, Member.deleted_at)
        .join(Member, Member.id == Case.author_id)
        .options(
            load_only(
                Case.id,
                Case.public_id,
                Case.title,
                Case.author_id,
                Case.closed_at,
                Case.followed_up_at,
                Case.verdict_count,
                Case.locked_at,
            )
        )
        .where(
            Case.follow_up_asks == question,
            Case.closed_at <= closed_by,
            Case.status == ContentStatus.PUBLISHED,
        )
        .order_by(Case.closed_at, Case.id)
        .limit(FOLLOW_UP_BATCH)
        # A case already in the session may carry an answer read before it was given.
        .execution_options(populate_existing=True)
    ).all()
    return [(row[0], row[1]) for row in rows]


def _claim(case_ids: list[int], question: int) -> set[int]:
    """Count the question as asked on these cases, but only where nobody has yet: two
    workers sweeping at once each get the ones they moved, never the same case."""
    if not case_ids:
        return set()
    moved = db.session.execute(
        update(Case)
        .where(Case.id.in_(case_ids), Case.follow_up_asks == question)
        .values(follow_up_asks=question + 1)
        .returning(Case.id)
        .execution_options(synchronize_session=False)
    )
    return set(moved.scalars())


def _worth_asking(
    case: Case, author_deleted: datetime | None, question: int, days: Sequence[int], now: datetime
) -> bool:
    """Whether the author should get this question, now that its turn is counted: not for a
    deleted account, a case nobody judged (there was no advice) or a locked one (it takes
    no updates), not if they answered since the previous milestone, and not if the next
    question is due already (a late sweep asks once, the latest question)."""
    if author_deleted is not None or not case.verdict_count or case.locked_at is not None:
        return False
    since = case.closed_at + timedelta(days=days[question - 1] if question else 0)
    if case.followed_up_at is not None and case.followed_up_at >= since:
        return False
    is_last = question + 1 >= len(days)
    return is_last or now < case.closed_at + timedelta(days=days[question + 1])


def _ask(case: Case, days: int) -> None:
    """Write the author's notice (emailed if they asked for follow-up emails) in the caller's
    transaction; it links to the case, where the answer form is."""
    message = (
        f"It's been {days} days since your case “{case.title}” closed. "
        "How did it play out, and did the advice help?"
    )
    notifications.notify(case.author_id, FOLLOW_UP, message, case)


# -- answering -----------------------------------------------------------------------------


def require_can_answer(case: Case, member: Member) -> None:
    """Only the author answers, and only once the case has closed with its outcome (the
    views check it before showing or reading the form)."""
    if case.author_id != member.id:
        raise NotAllowed("Only the person who posted this case can say how it played out.")
    if case.closed_at is None:
        raise Conflict(
            "This case is still open for verdicts. Once it closes you can say how it played "
            "out and whether the advice helped; until then you can add an update."
        )


def answer_follow_up(case: Case, member: Member, body: str, advice_helped: str) -> CaseUpdate:
    """Add the author's follow-up: an update that also says whether the advice helped, kept
    on the case as its latest answer. The update's own checks (published, not locked, not
    suspended, moderation) are add_update's."""
    require_can_answer(case, member)
    if advice_helped not in ADVICE_HELPED:
        choices = ", ".join(f"“{words}”" for words in ADVICE_HELPED.values())
        raise UnknownAdvice(f"Say whether the advice helped: choose one of {choices}.")
    return services.add_update(case, member, body, advice_helped=advice_helped)
