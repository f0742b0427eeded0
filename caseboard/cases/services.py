"""What members do to cases: post, update, judge, reply, vote. No request objects here."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from caseboard import aggregation, lifecycle, queueing
from caseboard.cache import drop_cached_pages
from caseboard.cases.counts import (
    count_reply,
    count_verdict,
    recount_case,
    refresh_best_score,
    shift_label,
)
from caseboard.database import insert_or_refuse
from caseboard.errors import Closed, Conflict, NotAllowed, NotFound, Refused, ServiceError
from caseboard.extensions import db
from caseboard.following.services import author_follows
from caseboard.models import (
    Case,
    CaseUpdate,
    ContentStatus,
    HelpfulVote,
    ItemKind,
    Member,
    Reply,
    Verdict,
)
from caseboard.models.base import utcnow
from caseboard.moderation import pipeline, queue, slow_mode
from caseboard.moderation.sanctions import ensure_can_write
from caseboard.notifications import triggers
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

    def texts(self) -> dict[str, str]:
        """The member's words by form field, as the moderation checks read them."""
        return {
            "title": self.title,
            "situation": self.situation,
            "why_wrong": self.why_wrong,
            "help_wanted": self.help_wanted,
        }


def post_case(
    author: Member,
    draft: CaseDraft,
    *,
    now: datetime | None = None,
    moderate: bool = True,
    signals: tuple[str, ...] = (),
) -> Case:
    """Post a case: published at once, or held for a moderator if a check asks for it.

    Its text is rendered once, here, and frozen from publication on. `moderate=False` is
    for trusted content only (the demo seed). `signals`: what looked scripted about the
    form it came in (caseboard/form_guard.py).
    """
    now = now or utcnow()
    ensure_can_write(author)
    decision = screen("case", author, draft.texts(), signals=signals) if moderate else None
    case = Case(author_id=author.id, created_at=now)
    _fill_case(case, draft)
    db.session.add(case)
    author_follows(case)  # told when it is extended or closed, as its follower
    if decision is not None and decision.outcome == pipeline.HOLD:
        case.status = ContentStatus.HELD
        db.session.flush()
        queue.open_item(ItemKind.HELD, case, decision.findings)
        db.session.commit()
        return case
    if moderate:
        let_through(case, now)
    else:  # the demo's cases are shown as posted
        publish(case, now)
    db.session.commit()
    queue_next_step(case)
    return case


def revise_case(case: Case, member: Member, draft: CaseDraft) -> Case:
    """The author edits a case a moderator has not let through yet; it waits for one again."""
    require_own(case.author_id, member, "case")
    ensure_can_write(member)
    if case.status not in (ContentStatus.HELD, ContentStatus.RETURNED):
        raise NotAllowed(
            "Only a case waiting for a moderator can be edited; add an update instead."
        )
    _require_not_under_review(case)
    decision = screen("case", member, draft.texts(), editing_id=case.id)
    _fill_case(case, draft)
    case.status = ContentStatus.HELD
    queue.open_item(ItemKind.HELD, case, decision.findings)
    db.session.commit()
    return case


def _fill_case(case: Case, draft: CaseDraft) -> None:
    case.title = draft.title
    case.situation_md = draft.situation
    case.situation_html = render_markdown(draft.situation)
    case.why_wrong_md = draft.why_wrong
    case.why_wrong_html = render_markdown(draft.why_wrong)
    case.help_wanted_md = draft.help_wanted
    case.help_wanted_html = render_markdown(draft.help_wanted) if draft.help_wanted else ""
    case.discipline = draft.discipline
    case.level = draft.level
    case.topic = draft.topic
    case.support_kind = draft.support_kind


def screen(
    kind: str,
    member: Member,
    fields: dict[str, str],
    *,
    case_id: int | None = None,
    editing_id: int | None = None,
    signals: tuple[str, ...] = (),
) -> pipeline.Decision:
    """Run the moderation checks; a refusal stops here with reasons the member can act on."""
    decision = pipeline.screen(
        pipeline.Submission(
            kind, member.id, fields, case_id=case_id, editing_id=editing_id, signals=signals
        )
    )
    if decision.outcome == pipeline.REFUSE:
        raise Refused(decision.reasons(pipeline.Severity.REFUSE))
    return decision


def let_through(case: Case, now: datetime) -> None:
    """A case that passed moderation: it is published a random number of seconds from now,
    within CASE_PUBLISH_DELAY_SECONDS (2 to 10 minutes), so the time others see does not
    match the moment it was written or approved; until then only its author sees it. The
    caller commits, then calls queue_next_step."""
    low, high = current_app.config["CASE_PUBLISH_DELAY_SECONDS"]
    delay = low + secrets.randbelow(high - low + 1)
    if not delay:
        publish(case, now)
        return
    case.status = ContentStatus.SCHEDULED
    case.published_at = now + timedelta(seconds=delay)


def queue_next_step(case: Case) -> None:
    """Once a case is let through: publish it on time, or, if it is shown already, drop the
    lists it joins and close its window on time. Safe before the commit as well as after:
    each job does only what the database says is due."""
    if case.status == ContentStatus.SCHEDULED:
        queueing.schedule(publish_due_cases, case.published_at)
    elif case.status == ContentStatus.PUBLISHED:
        drop_cached_pages(case.id)
        queueing.schedule(lifecycle.close_expired_windows, case.closes_at)


def publish(case: Case, now: datetime) -> None:
    """Make a case visible and open its window for verdicts."""
    for name, value in _published(now).items():
        setattr(case, name, value)


def _published(now: datetime) -> dict:
    """What publishing a case at `now` sets on it."""
    return {
        "status": ContentStatus.PUBLISHED,
        "published_at": now,
        "closes_at": now + timedelta(hours=current_app.config["CASE_WINDOW_HOURS"]),
        "hot_score": aggregation.hot_score(0, now),
        "divisiveness": 0.0,
    }


def publish_due_cases(now: datetime | None = None) -> int:
    """Publish the cases let through whose time has come (a job queued for each one's time,
    and a step of the worker's periodic pass, which catches a job that was lost). Each is
    published once, whoever gets to it first. Returns how many this call published."""
    now = now or utcnow()
    due = db.session.scalars(
        select(Case.id).where(Case.status == ContentStatus.SCHEDULED, Case.published_at <= now)
    ).all()
    published = []
    for case_id in due:
        changed = db.session.execute(
            update(Case)
            .where(Case.id == case_id, Case.status == ContentStatus.SCHEDULED)
            .values(**_published(now))
            .execution_options(synchronize_session=False)
        ).rowcount
        if changed:
            published.append(case_id)
    db.session.commit()
    for case_id in published:
        drop_cached_pages(case_id)
    if published:
        queueing.schedule(
            lifecycle.close_expired_windows,
            now + timedelta(hours=current_app.config["CASE_WINDOW_HOURS"]),
        )
    return len(published)


def add_update(
    case: Case,
    member: Member,
    body: str,
    *,
    moderate: bool = True,
    advice_helped: str | None = None,
) -> CaseUpdate:
    """The author's follow-up; the original stays as it was. With `advice_helped` it also
    answers "did the advice help?", stored on the case in the same commit as the update."""
    if case.author_id != member.id:
        raise NotAllowed("Only the person who posted this case can add an update.")
    if case.status != ContentStatus.PUBLISHED:
        raise NotAllowed("Updates can only be added to a published case.")
    _require_unlocked(case)
    ensure_can_write(member)
    # An update cannot wait for a moderator on its own, so whatever would hold it refuses it.
    decision = screen("update", member, {"body": body}, case_id=case.id) if moderate else None
    if decision is not None and decision.outcome == pipeline.HOLD:
        raise Refused(decision.reasons(pipeline.Severity.HOLD))
    now = utcnow()
    case_update = CaseUpdate(
        case_id=case.id,
        body_md=body,
        body_html=render_markdown(body),
        created_at=now,
        advice_helped=advice_helped,
    )
    db.session.add(case_update)
    if advice_helped is not None:
        case.followed_up_at, case.advice_helped = now, advice_helped
    triggers.case_updated(case, case_update)
    db.session.commit()
    # A follow-up shows in the library and editions, which are cached lists.
    drop_cached_pages(case.id, lists=advice_helped is not None)
    return case_update


def give_verdict(
    case: Case,
    member: Member,
    label: str,
    reasoning: str,
    *,
    moderate: bool = True,
    signals: tuple[str, ...] = (),
) -> Verdict:
    """Record a member's one verdict on a case and count it in the same transaction; a
    verdict held for a moderator is counted when it is approved. `signals`: as post_case's."""
    _require_label(label)
    if case.author_id == member.id:
        raise NotAllowed("You can't give a verdict on your own case. You can reply instead.")
    _require_open(case)
    ensure_can_write(member)
    decision = (
        screen("verdict", member, {"reasoning": reasoning}, case_id=case.id, signals=signals)
        if moderate
        else None
    )
    held = decision is not None and decision.outcome == pipeline.HOLD
    verdict = Verdict(
        case_id=case.id,
        member_id=member.id,
        label=label,
        reasoning_md=reasoning,
        reasoning_html=render_markdown(reasoning),
        status=ContentStatus.HELD if held else ContentStatus.PUBLISHED,
    )
    insert_or_refuse(
        verdict,
        Conflict("You have already given a verdict on this case. You can edit it instead."),
    )
    if held:
        queue.open_item(ItemKind.HELD, verdict, decision.findings)
    else:
        count_verdict(case.id, label, +1)
        triggers.verdict_published(verdict)
    db.session.commit()
    drop_cached_pages(case.id)
    return verdict


def change_verdict(verdict: Verdict, member: Member, label: str, reasoning: str) -> Verdict:
    """Edit one's own verdict while the case is open; the tally moves with the label.

    The label is changed only if it is still the one this transaction read, so two edits in
    two tabs can never move the tally twice.
    """
    _require_label(label)
    require_own(verdict.member_id, member, "verdict")
    _require_open(verdict.case)
    ensure_can_write(member)
    _require_not_under_review(verdict)
    decision = screen(
        "verdict", member, {"reasoning": reasoning}, case_id=verdict.case_id, editing_id=verdict.id
    )
    if verdict.status != ContentStatus.PUBLISHED or decision.outcome == pipeline.HOLD:
        _hold_edit(verdict, decision, label=label, reasoning_md=reasoning)
        return verdict
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
                shift_label(verdict.case_id, old_label, label)
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
    require_own(verdict.member_id, member, "verdict")
    _require_open(verdict.case)
    ensure_can_write(member)
    case_id, verdict_id = verdict.case_id, verdict.id
    # Lock the verdict first: a reply being added under it now waits, then finds it gone,
    # instead of landing under a verdict that is about to disappear.
    row = db.session.execute(
        select(Verdict.label, Verdict.status).where(Verdict.id == verdict_id).with_for_update()
    ).first()
    if row is None:
        db.session.rollback()
        return
    label = row.label
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
    if row.status == ContentStatus.PUBLISHED:
        count_verdict(case_id, label, -1)
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
    moderate: bool = True,
    signals: tuple[str, ...] = (),
) -> Reply:
    """Reply on the case, under a verdict, or under another reply (which fixes the verdict).
    `signals`: as post_case's."""
    if case.status != ContentStatus.PUBLISHED:
        raise NotAllowed("This case is not open for discussion.")
    _require_unlocked(case)
    ensure_can_write(member)
    slow_mode.ensure_may_reply(case, member, utcnow())
    decision = (
        screen("reply", member, {"body": body}, case_id=case.id, signals=signals)
        if moderate
        else None
    )
    held = decision is not None and decision.outcome == pipeline.HOLD
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
        status=ContentStatus.HELD if held else ContentStatus.PUBLISHED,
    )
    # An IntegrityError here means what it answers was withdrawn a moment ago.
    insert_or_refuse(
        reply, NotFound("What you are answering was just withdrawn. Your reply was not sent.")
    )
    if held:
        queue.open_item(ItemKind.HELD, reply, decision.findings)
    else:
        count_reply(case.id, verdict_id, +1)
        triggers.reply_published(reply)
    db.session.commit()
    drop_cached_pages(case.id)
    return reply


def edit_reply(reply: Reply, member: Member, body: str) -> Reply:
    """Change the text of one's own reply."""
    require_own(reply.member_id, member, "reply")
    if reply.deleted_at is not None:
        raise NotFound("This reply was deleted.")
    ensure_can_write(member)
    _require_not_under_review(reply)
    decision = screen("reply", member, {"body": body}, case_id=reply.case_id, editing_id=reply.id)
    if reply.status != ContentStatus.PUBLISHED or decision.outcome == pipeline.HOLD:
        _hold_edit(reply, decision, body_md=body)
        return reply
    reply.body_md = body
    reply.body_html = render_markdown(body)
    reply.updated_at = utcnow()
    db.session.commit()
    drop_cached_pages(reply.case_id, lists=False)
    return reply


def delete_reply(reply: Reply, member: Member) -> None:
    """Blank one's own reply but keep its place, so the answers under it still make sense.
    Refused while suspended, as every other change to what others read is (deleting the
    account, which a suspended member may, is the way to take everything down)."""
    require_own(reply.member_id, member, "reply")
    ensure_can_write(member)
    blanked = db.session.execute(
        update(Reply)
        .where(Reply.id == reply.id, Reply.deleted_at.is_(None))
        .values(deleted_at=utcnow(), body_md="", body_html="")
        .execution_options(synchronize_session=False)
    ).rowcount
    if blanked and reply.status != ContentStatus.PUBLISHED:
        queue.close_open(reply, "deleted")  # nothing left for a moderator to read
    if blanked and reply.status == ContentStatus.PUBLISHED:  # not already deleted elsewhere
        count_reply(reply.case_id, reply.verdict_id, -1)
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
    ensure_can_write(member)
    if isinstance(target, Reply) and target.deleted_at is not None:
        raise NotFound("This reply was deleted.")
    model = type(target)
    target_column = _vote_target(target)
    existing = db.session.execute(
        select(HelpfulVote.id, HelpfulVote.helpful).where(
            HelpfulVote.member_id == member.id, target_column == target.id
        )
    ).first()
    deltas = {True: 0, False: 0}
    if existing is None:
        vote = HelpfulVote(
            member_id=member.id,
            case_id=target.case_id,
            helpful=helpful,
            **{target_column.key: target.id},
        )
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
            refresh_best_score(target.id)
    db.session.commit()
    drop_cached_pages(target.case_id, lists=False)
    return _vote_result(member, target)


def _vote_result(member: Member, target: Verdict | Reply) -> VoteResult:
    db.session.refresh(target)
    mine = db.session.scalar(
        select(HelpfulVote.helpful).where(
            HelpfulVote.member_id == member.id, _vote_target(target) == target.id
        )
    )
    return VoteResult(target.helpful_count, target.not_helpful_count, mine)


def _vote_target(target: Verdict | Reply):
    """The helpful_votes column that points at this kind of target."""
    return HelpfulVote.verdict_id if isinstance(target, Verdict) else HelpfulVote.reply_id


# -- helpers -------------------------------------------------------------------------------


def _require_label(label: str) -> None:
    if label not in LABEL_CODES:
        raise ServiceError(f"Unknown verdict label. Choose one of {', '.join(LABEL_CODES)}.")


def _hold_edit(item: Verdict | Reply, decision: pipeline.Decision, **values) -> None:
    """Save an edit that must wait for a moderator: the item leaves the page (and the counts)
    until one approves it. Removed or rejected items are appealed, not edited."""
    if item.status in (ContentStatus.REMOVED, ContentStatus.REJECTED):
        raise NotAllowed("A moderator took this down. You can appeal the decision instead.")
    was_published = item.status == ContentStatus.PUBLISHED
    for name, value in values.items():
        setattr(item, name, value)
        if name.endswith("_md"):
            setattr(item, name.replace("_md", "_html"), render_markdown(value))
    item.updated_at = utcnow()
    item.status = ContentStatus.HELD
    queue.open_item(ItemKind.HELD, item, decision.findings)
    if was_published:
        db.session.flush()
        recount_case(item.case_id)
    db.session.commit()
    drop_cached_pages(item.case_id)


def _require_not_under_review(item: Case | Verdict | Reply) -> None:
    if queue.under_review(item):
        raise NotAllowed(
            "Moderators are reviewing reports about this. You can change it once they have "
            "decided; you'll be told in your inbox."
        )


def _require_unlocked(case: Case) -> None:
    if case.locked_at is not None:
        raise Closed("Moderators have locked this case: it can be read, but not added to.")


def _require_open(case: Case) -> None:
    _require_unlocked(case)
    if not case.is_open(utcnow()):
        raise Closed("This case is closed: verdicts can no longer be given or changed.")


def require_own(owner_id: int, member: Member, what: str) -> None:
    """Members change only what they wrote (the views check it too, before showing forms)."""
    if owner_id != member.id:
        raise NotAllowed(f"You can only change your own {what}.")
