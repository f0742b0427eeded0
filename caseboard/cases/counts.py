"""Stored counts: moved atomically with the rows they count, and recomputed from the rows.

Counts live on the case and verdict rows so lists and pages never count rows on the fly.
Every change is an UPDATE ... SET n = n + 1 in the writer's own transaction; never a read,
then a write from Python.
"""

from __future__ import annotations

from sqlalchemy import func, select, update

from caseboard import aggregation
from caseboard.errors import Closed
from caseboard.extensions import db
from caseboard.models import Case, ContentStatus, HelpfulVote, Reply, Verdict
from caseboard.models.cases import label_count_column
from caseboard.taxonomy import LABEL_CODES


def recount_case(case_id: int) -> bool:
    """Set every stored count of a case, its verdicts and replies from the rows.

    Used after bulk changes (account removal, the demo seed) and by `flask recount` to
    repair drift. Returns whether anything had to change. The caller commits, then calls
    drop_cached_pages.
    """
    before = _stored_counts(case_id)
    # Only what readers can see counts: not deleted, and not waiting for (or taken down by)
    # a moderator.
    live_replies = Reply.deleted_at.is_(None) & (Reply.status == ContentStatus.PUBLISHED)
    shown_verdicts = Verdict.status == ContentStatus.PUBLISHED
    db.session.execute(
        update(Reply)
        .where(Reply.case_id == case_id)
        .values(
            helpful_count=_vote_count(HelpfulVote.reply_id == Reply.id, True),
            not_helpful_count=_vote_count(HelpfulVote.reply_id == Reply.id, False),
        )
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(Verdict)
        .where(Verdict.case_id == case_id)
        .values(
            helpful_count=_vote_count(HelpfulVote.verdict_id == Verdict.id, True),
            not_helpful_count=_vote_count(HelpfulVote.verdict_id == Verdict.id, False),
            reply_count=select(func.count())
            .where(Reply.verdict_id == Verdict.id, live_replies)
            .scalar_subquery(),
        )
        .execution_options(synchronize_session=False)
    )
    for verdict_id in db.session.scalars(select(Verdict.id).where(Verdict.case_id == case_id)):
        refresh_best_score(verdict_id)
    label_counts = dict(
        db.session.execute(
            select(Verdict.label, func.count())
            .where(Verdict.case_id == case_id, shown_verdicts)
            .group_by(Verdict.label)
        ).all()
    )
    replies = db.session.scalar(
        select(func.count()).select_from(Reply).where(Reply.case_id == case_id, live_replies)
    )
    values = {label_count_column(code): label_counts.get(code, 0) for code in LABEL_CODES}
    values["verdict_count"] = sum(label_counts.values())
    db.session.execute(
        update(Case)
        .where(Case.id == case_id)
        .values(reply_count=replies or 0)
        .execution_options(synchronize_session=False)
    )
    # A closed case's tally is its outcome's, final: a verdict approved or removed by a
    # moderator afterwards changes what is shown, not what was decided.
    db.session.execute(
        update(Case)
        .where(Case.id == case_id, Case.closed_at.is_(None))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    _refresh_rankings(case_id)
    return _stored_counts(case_id) != before


def _vote_count(target_matches, helpful: bool):
    return (
        select(func.count())
        .select_from(HelpfulVote)
        .where(target_matches, HelpfulVote.helpful.is_(helpful))
        .scalar_subquery()
    )


def _stored_counts(case_id: int) -> tuple:
    """Every stored count that recount_case sets, for telling whether it changed any."""
    case_row = db.session.execute(
        select(
            Case.verdict_count,
            Case.reply_count,
            Case.hot_score,
            Case.divisiveness,
            *_label_columns(),
        ).where(Case.id == case_id)
    ).one()
    verdict_rows = db.session.execute(
        select(
            Verdict.id,
            Verdict.helpful_count,
            Verdict.not_helpful_count,
            Verdict.reply_count,
            Verdict.best_score,
        )
        .where(Verdict.case_id == case_id)
        .order_by(Verdict.id)
    ).all()
    reply_rows = db.session.execute(
        select(Reply.id, Reply.helpful_count, Reply.not_helpful_count)
        .where(Reply.case_id == case_id)
        .order_by(Reply.id)
    ).all()
    return tuple(case_row), tuple(map(tuple, verdict_rows)), tuple(map(tuple, reply_rows))


def _label_columns():
    return [getattr(Case, label_count_column(code)) for code in LABEL_CODES]


def count_verdict(case_id: int, label: str, delta: int) -> None:
    """Atomically move a case's verdict counts: no read-modify-write in Python.

    Only while the case is not closed: if the closing job got the row first, the tally it
    stored is final and this change is refused (and rolled back) instead.
    """
    column = label_count_column(label)
    moved = db.session.execute(
        update(Case)
        .where(Case.id == case_id, Case.closed_at.is_(None))
        .values(
            verdict_count=Case.verdict_count + delta,
            **{column: getattr(Case, column) + delta},
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if not moved:
        db.session.rollback()
        raise Closed("This case has just closed: verdicts can no longer be given or changed.")
    _refresh_rankings(case_id)


def shift_label(case_id: int, old: str, new: str) -> None:
    """Move one verdict from one label's count to another's, refused like count_verdict once
    the case has closed."""
    old_column, new_column = label_count_column(old), label_count_column(new)
    moved = db.session.execute(
        update(Case)
        .where(Case.id == case_id, Case.closed_at.is_(None))
        .values(
            **{
                old_column: getattr(Case, old_column) - 1,
                new_column: getattr(Case, new_column) + 1,
            }
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if not moved:
        db.session.rollback()
        raise Closed("This case has just closed: verdicts can no longer be given or changed.")
    _refresh_rankings(case_id)


def count_reply(case_id: int, verdict_id: int | None, delta: int) -> None:
    # Row locks are always taken verdict first, then case (as change_verdict and
    # withdraw_verdict do), so concurrent writers can never deadlock on the pair.
    if verdict_id is not None:
        db.session.execute(
            update(Verdict)
            .where(Verdict.id == verdict_id)
            .values(reply_count=Verdict.reply_count + delta)
            .execution_options(synchronize_session=False)
        )
    db.session.execute(
        update(Case)
        .where(Case.id == case_id)
        .values(reply_count=Case.reply_count + delta)
        .execution_options(synchronize_session=False)
    )
    _refresh_rankings(case_id)


def _refresh_rankings(case_id: int) -> None:
    """Recompute the stored hot score and divisiveness from the stored counts.

    The row is already locked by this transaction's UPDATE of those counts, so nothing can
    change them between this read and this write.
    """
    row = db.session.execute(
        select(Case.verdict_count, Case.reply_count, Case.published_at, *_label_columns()).where(
            Case.id == case_id
        )
    ).one()
    if row.published_at is None:
        return
    engagement = aggregation.case_engagement(row.verdict_count, row.reply_count)
    db.session.execute(
        update(Case)
        .where(Case.id == case_id)
        .values(
            hot_score=aggregation.hot_score(engagement, row.published_at),
            divisiveness=aggregation.divisiveness(aggregation.label_shares(row[3:])),
        )
        .execution_options(synchronize_session=False)
    )


def refresh_best_score(verdict_id: int) -> None:
    row = db.session.execute(
        select(Verdict.helpful_count, Verdict.not_helpful_count).where(Verdict.id == verdict_id)
    ).one()
    db.session.execute(
        update(Verdict)
        .where(Verdict.id == verdict_id)
        .values(best_score=aggregation.wilson_lower_bound(*row))
        .execution_options(synchronize_session=False)
    )
