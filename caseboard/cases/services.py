"""What members do to cases: post, update, judge, reply, vote. No request objects here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from caseboard import aggregation, cache, jobs
from caseboard.errors import Closed, Conflict, NotAllowed, NotFound, ServiceError
from caseboard.extensions import db
from caseboard.models import Case, CaseStatus, CaseUpdate, HelpfulVote, Member, Reply, Verdict
from caseboard.models.base import utcnow
from caseboard.models.cases import label_count_column
from caseboard.rendering import render_markdown
from caseboard.taxonomy import LABEL_CODES


@dataclass(frozen=True)
class CaseDraft:
    """The fields a member fills in to post a case, already validated by the form."""

    title: str
    situation: str
    why_wrong: str
    help_wanted: str
    discipline: str
    level: str
    topic: str
    support_kind: str


def post_case(author: Member, draft: CaseDraft, *, now: datetime | None = None) -> Case:
    """Publish a case. Its text is rendered once, here, and frozen from now on."""
    now = now or utcnow()
    case = Case(
        author_id=author.id,
        title=draft.title,
        situation_md=draft.situation,
        situation_html=render_markdown(draft.situation),
        why_wrong_md=draft.why_wrong,
        why_wrong_html=render_markdown(draft.why_wrong),
        help_wanted_md=draft.help_wanted,
        help_wanted_html=render_markdown(draft.help_wanted) if draft.help_wanted else "",
        discipline=draft.discipline,
        level=draft.level,
        topic=draft.topic,
        support_kind=draft.support_kind,
        created_at=now,
    )
    publish(case, now)
    db.session.add(case)
    db.session.commit()
    drop_cached_pages(case.id)
    jobs.schedule(jobs.close_expired_windows, case.closes_at)
    return case


def publish(case: Case, now: datetime) -> None:
    """Make a case visible and open its window for verdicts."""
    case.status = CaseStatus.PUBLISHED
    case.published_at = now
    case.closes_at = now + timedelta(hours=current_app.config["CASE_WINDOW_HOURS"])
    case.hot_score = aggregation.hot_score(0, now)
    case.divisiveness = 0.0


def add_update(case: Case, member: Member, body: str) -> CaseUpdate:
    """The author's follow-up; the original stays as it was."""
    if case.author_id != member.id:
        raise NotAllowed("Only the person who posted this case can add an update.")
    if case.status != CaseStatus.PUBLISHED:
        raise NotAllowed("Updates can only be added to a published case.")
    case_update = CaseUpdate(case_id=case.id, body_md=body, body_html=render_markdown(body))
    db.session.add(case_update)
    db.session.commit()
    drop_cached_pages(case.id, lists=False)
    return case_update


def give_verdict(case: Case, member: Member, label: str, reasoning: str) -> Verdict:
    """Record a member's one verdict on a case and count it in the same transaction."""
    _require_label(label)
    if case.author_id == member.id:
        raise NotAllowed("You can't give a verdict on your own case. You can reply instead.")
    _require_open(case)
    verdict = Verdict(
        case_id=case.id,
        member_id=member.id,
        label=label,
        reasoning_md=reasoning,
        reasoning_html=render_markdown(reasoning),
    )
    db.session.add(verdict)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(
            "You have already given a verdict on this case. You can edit it instead."
        ) from None
    _count_verdict(case.id, label, +1)
    db.session.commit()
    drop_cached_pages(case.id)
    return verdict


def change_verdict(verdict: Verdict, member: Member, label: str, reasoning: str) -> Verdict:
    """Edit one's own verdict while the case is open; the tally moves with the label.

    The label is changed only if it is still the one this transaction read, so two edits in
    two tabs can never move the tally twice.
    """
    _require_label(label)
    _require_own(verdict.member_id, member, "verdict")
    _require_open(verdict.case)
    for _ in range(3):
        old_label = db.session.scalar(select(Verdict.label).where(Verdict.id == verdict.id))
        if old_label is None:
            raise NotFound("That verdict was withdrawn.")
        changed = db.session.execute(
            update(Verdict)
            .where(Verdict.id == verdict.id, Verdict.label == old_label)
            .values(
                label=label,
                reasoning_md=reasoning,
                reasoning_html=render_markdown(reasoning),
                updated_at=utcnow(),
            )
            .execution_options(synchronize_session=False)
        ).rowcount
        if changed:
            if old_label != label:
                _shift_label(verdict.case_id, old_label, label)
            db.session.commit()
            drop_cached_pages(verdict.case_id)
            return verdict
        db.session.rollback()
    raise Conflict("Your verdict was changed somewhere else at the same time. Reload and retry.")


def withdraw_verdict(verdict: Verdict, member: Member) -> None:
    """Delete one's own verdict while the case is open.

    Replies to it were written by other people: they move to the case's discussion rather
    than disappear with the verdict.
    """
    _require_own(verdict.member_id, member, "verdict")
    _require_open(verdict.case)
    case_id, verdict_id = verdict.case_id, verdict.id
    # Lock the verdict first: a reply being added under it now waits, then finds it gone,
    # instead of landing under a verdict that is about to disappear.
    label = db.session.scalar(
        select(Verdict.label).where(Verdict.id == verdict_id).with_for_update()
    )
    if label is None:
        db.session.rollback()
        return
    db.session.execute(
        update(Reply)
        .where(Reply.verdict_id == verdict_id)
        .values(verdict_id=None)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(delete(HelpfulVote).where(HelpfulVote.verdict_id == verdict_id))
    deleted = db.session.execute(
        delete(Verdict)
        .where(Verdict.id == verdict_id, Verdict.label == label)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not deleted:  # withdrawn (or edited) in another tab at the same moment
        db.session.rollback()
        return
    _count_verdict(case_id, label, -1)
    db.session.expunge(verdict)
    db.session.commit()
    drop_cached_pages(case_id)


def add_reply(
    case: Case,
    member: Member,
    body: str,
    *,
    verdict: Verdict | None = None,
    parent: Reply | None = None,
) -> Reply:
    """Reply on the case, under a verdict, or under another reply (which fixes the verdict)."""
    if case.status != CaseStatus.PUBLISHED:
        raise NotAllowed("This case is not open for discussion.")
    if parent is not None:
        if parent.case_id != case.id:
            raise NotFound("The reply you are answering is not on this case.")
        if parent.deleted_at is not None:
            raise NotAllowed("You can't answer a deleted reply.")
        verdict_id = parent.verdict_id
    else:
        if verdict is not None and verdict.case_id != case.id:
            raise NotFound("The verdict you are answering is not on this case.")
        verdict_id = verdict.id if verdict else None
    reply = Reply(
        case_id=case.id,
        verdict_id=verdict_id,
        parent_id=parent.id if parent else None,
        member_id=member.id,
        body_md=body,
        body_html=render_markdown(body),
    )
    db.session.add(reply)
    try:
        db.session.flush()
    except IntegrityError:  # what it answers was withdrawn or deleted a moment ago
        db.session.rollback()
        raise NotFound(
            "What you are answering was just withdrawn. Your reply was not sent."
        ) from None
    _count_reply(case.id, verdict_id, +1)
    db.session.commit()
    drop_cached_pages(case.id)
    return reply


def edit_reply(reply: Reply, member: Member, body: str) -> Reply:
    """Change the text of one's own reply."""
    _require_own(reply.member_id, member, "reply")
    if reply.deleted_at is not None:
        raise NotFound("This reply was deleted.")
    reply.body_md = body
    reply.body_html = render_markdown(body)
    reply.updated_at = utcnow()
    db.session.commit()
    drop_cached_pages(reply.case_id, lists=False)
    return reply


def delete_reply(reply: Reply, member: Member) -> None:
    """Blank one's own reply but keep its place, so the answers under it still make sense."""
    _require_own(reply.member_id, member, "reply")
    blanked = db.session.execute(
        update(Reply)
        .where(Reply.id == reply.id, Reply.deleted_at.is_(None))
        .values(deleted_at=utcnow(), body_md="", body_html="")
        .execution_options(synchronize_session=False)
    ).rowcount
    if blanked:  # not already deleted, in another tab
        _count_reply(reply.case_id, reply.verdict_id, -1)
    db.session.commit()
    drop_cached_pages(reply.case_id)


@dataclass(frozen=True)
class VoteResult:
    """Where a verdict or reply stands after a vote, and what this member's vote now is."""

    helpful_count: int
    not_helpful_count: int
    my_vote: bool | None  # True helpful, False not helpful, None no vote


def vote_helpful(member: Member, target: Verdict | Reply, helpful: bool) -> VoteResult:
    """Mark a verdict or reply helpful or not; the same vote again takes it back.

    Each change is conditional on the vote row as this transaction saw it, and the counts
    move only when the row really changed, so double clicks and races cannot skew them.
    """
    if target.member_id == member.id:
        raise NotAllowed("You can't vote on what you wrote yourself.")
    if isinstance(target, Reply) and target.deleted_at is not None:
        raise NotFound("This reply was deleted.")
    model = type(target)
    target_column = HelpfulVote.verdict_id if model is Verdict else HelpfulVote.reply_id
    existing = db.session.execute(
        select(HelpfulVote.id, HelpfulVote.helpful).where(
            HelpfulVote.member_id == member.id, target_column == target.id
        )
    ).first()
    deltas = {True: 0, False: 0}
    if existing is None:
        vote = HelpfulVote(member_id=member.id, helpful=helpful)
        setattr(vote, "verdict_id" if model is Verdict else "reply_id", target.id)
        db.session.add(vote)
        try:
            db.session.flush()
        except IntegrityError:  # a double click raced us: the first vote stands
            db.session.rollback()
            return _vote_result(member, target)
        deltas[helpful] += 1
    elif existing.helpful == helpful:
        removed = db.session.execute(
            delete(HelpfulVote).where(HelpfulVote.id == existing.id, HelpfulVote.helpful == helpful)
        ).rowcount
        deltas[helpful] -= removed
    else:
        switched = db.session.execute(
            update(HelpfulVote)
            .where(HelpfulVote.id == existing.id, HelpfulVote.helpful == (not helpful))
            .values(helpful=helpful)
        ).rowcount
        deltas[helpful] += switched
        deltas[not helpful] -= switched
    if deltas[True] or deltas[False]:
        db.session.execute(
            update(model)
            .where(model.id == target.id)
            .values(
                helpful_count=model.helpful_count + deltas[True],
                not_helpful_count=model.not_helpful_count + deltas[False],
            )
            .execution_options(synchronize_session=False)
        )
        if model is Verdict:
            _refresh_best_score(target.id)
    db.session.commit()
    drop_cached_pages(target.case_id, lists=False)
    return _vote_result(member, target)


def _vote_result(member: Member, target: Verdict | Reply) -> VoteResult:
    db.session.refresh(target)
    column = HelpfulVote.verdict_id if isinstance(target, Verdict) else HelpfulVote.reply_id
    mine = db.session.scalar(
        select(HelpfulVote.helpful).where(HelpfulVote.member_id == member.id, column == target.id)
    )
    return VoteResult(target.helpful_count, target.not_helpful_count, mine)


def recount_case(case_id: int) -> bool:
    """Set every stored count of a case, its verdicts and replies from the rows.

    Used after bulk changes (account removal, the demo seed) and by `flask recount` to
    repair drift. Returns whether anything had to change. The caller commits, then calls
    drop_cached_pages.
    """
    before = _stored_counts(case_id)
    live_replies = Reply.deleted_at.is_(None)
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
        _refresh_best_score(verdict_id)
    label_counts = dict(
        db.session.execute(
            select(Verdict.label, func.count())
            .where(Verdict.case_id == case_id)
            .group_by(Verdict.label)
        ).all()
    )
    replies = db.session.scalar(
        select(func.count()).select_from(Reply).where(Reply.case_id == case_id, live_replies)
    )
    values = {label_count_column(code): label_counts.get(code, 0) for code in LABEL_CODES}
    db.session.execute(
        update(Case)
        .where(Case.id == case_id)
        .values(verdict_count=sum(label_counts.values()), reply_count=replies or 0, **values)
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


def drop_cached_pages(case_id: int, *, lists: bool = True) -> None:
    """Drop the cached pages a committed write made stale: the case's, and the lists'."""
    cache.invalidate(cache.case_scope(case_id))
    if lists:
        cache.invalidate(cache.LISTS)


# -- helpers -------------------------------------------------------------------------------


def _require_label(label: str) -> None:
    if label not in LABEL_CODES:
        raise ServiceError(f"Unknown verdict label. Choose one of {', '.join(LABEL_CODES)}.")


def _require_open(case: Case) -> None:
    if not case.is_open(utcnow()):
        raise Closed("This case is closed: verdicts can no longer be given or changed.")


def _require_own(owner_id: int, member: Member, what: str) -> None:
    if owner_id != member.id:
        raise NotAllowed(f"You can only change your own {what}.")


def _count_verdict(case_id: int, label: str, delta: int) -> None:
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


def _shift_label(case_id: int, old: str, new: str) -> None:
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
    )
    if not moved:
        db.session.rollback()
        raise Closed("This case has just closed: verdicts can no longer be given or changed.")
    _refresh_rankings(case_id)


def _count_reply(case_id: int, verdict_id: int | None, delta: int) -> None:
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
    tally = dict(zip(LABEL_CODES, row[3:], strict=True))
    db.session.execute(
        update(Case)
        .where(Case.id == case_id)
        .values(
            hot_score=aggregation.hot_score(engagement, row.published_at),
            divisiveness=aggregation.summarize(tally).divisiveness,
        )
        .execution_options(synchronize_session=False)
    )


def _refresh_best_score(verdict_id: int) -> None:
    row = db.session.execute(
        select(Verdict.helpful_count, Verdict.not_helpful_count).where(Verdict.id == verdict_id)
    ).one()
    db.session.execute(
        update(Verdict)
        .where(Verdict.id == verdict_id)
        .values(best_score=aggregation.wilson_lower_bound(*row))
        .execution_options(synchronize_session=False)
    )
