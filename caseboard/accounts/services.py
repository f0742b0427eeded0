"""Account work: register, authenticate, change password, export and delete one's data."""

from __future__ import annotations

import secrets

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from caseboard import queueing
from caseboard.accounts import sessions
from caseboard.accounts.passwords import require_strong
from caseboard.cache import drop_cached_pages
from caseboard.cases.counts import recount_case
from caseboard.errors import Conflict, NotAllowed
from caseboard.extensions import db
from caseboard.following.services import follows_of, forget_member
from caseboard.identity import pseudonym
from caseboard.models import (
    Case,
    CaseUpdate,
    HelpfulVote,
    Member,
    ModerationItem,
    Notification,
    Reply,
    Report,
    Sanction,
    Verdict,
)
from caseboard.models.base import utcnow
from caseboard.notifications import kinds
from caseboard.notifications import services as notifications


def register(
    username: str,
    password: str,
    email: str | None = None,
    *,
    password_hash: str | None = None,
    typed_email: str | None = None,
    limited_reason: str | None = None,
) -> Member:
    """Create a member; the username and email are unique and private.

    `email` is for an address known to be the member's (the demo, a bulk import): one a
    person types waits for its confirmation link instead (addresses.ask_to_confirm), and is
    `typed_email` here only so the password may not be built from it either.
    `password_hash` lets bulk loaders (the demo seed) reuse one hash for many accounts; a
    password they give is not checked (the demo's is public anyway).
    `limited_reason`: the account starts limited, for this reason (caseboard/form_guard.py).
    """
    member = Member(
        username=username,
        email=email or None,
        email_confirmed_at=utcnow() if email else None,
        limited_reason=limited_reason,
    )
    if password_hash:
        member.password_hash = password_hash
    else:
        require_strong(password, username, [email, typed_email])
        member.set_password(password)
    db.session.add(member)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("That username is already taken. Choose another, or log in.") from None
    return member


def authenticate(username: str, password: str) -> Member | None:
    """The member with these credentials, or None; never says which part was wrong."""
    member = db.session.scalar(
        select(Member).where(Member.username == username, Member.deleted_at.is_(None))
    )
    if member is None:
        # Hash anyway, so a failed login takes as long whether or not the username exists.
        Member().set_password(password)
        return None
    if member.check_password(password):
        return member
    _tell_of_failed_login(member)
    return None


def _tell_of_failed_login(member: Member) -> None:
    """A notice in the member's inbox (one that counts up while unread), so a stranger's
    guessing does not go unseen. It says nothing of where the tries came from."""
    notifications.notify_batched(
        member.id,
        kinds.LOGIN_FAILED,
        "failed-logins",
        None,
        first="Someone tried to log in to your account with a wrong password. If it was not "
        "you, choose a stronger password on your account page.",
        more=" tries to log in to your account with a wrong password. If they were not you, "
        "choose a stronger password on your account page.",
    )
    db.session.commit()


def change_password(member: Member, current: str, new: str) -> int:
    """Set a new password and end the member's other sessions: whoever knew the old one is
    signed out everywhere but here. Returns how many sessions ended."""
    if not member.check_password(current):
        raise NotAllowed("Your current password is not right.")
    return replace_password(member, new, keep_session=member.session_key)


def replace_password(member: Member, new: str, *, keep_session: str | None = None) -> int:
    """Set a new password and end every session of the member but `keep_session` (whoever
    knew the old password is signed out); commits. A guessable password is refused
    (WeakPassword). Returns how many sessions ended."""
    require_strong(new, member.username, [member.email, member.pending_email])
    member.set_password(new)
    ended = sessions.close_sessions(member.id, keep=keep_session)
    db.session.commit()
    return ended


def delete_account(member: Member, *, keep_content: bool) -> None:
    """Delete an account: identifying data always goes; content stays or goes as chosen.

    The row itself stays as a tombstone, so the pseudonyms on kept content stay stable and
    nothing links that content to a person any more. Removing content can touch many rows,
    so a background job does it.
    """
    member.username = f"deleted-{secrets.token_hex(8)}"
    member.email = None
    member.pending_email = None
    member.password_hash = None
    member.deleted_at = utcnow()
    sessions.close_sessions(member.id)
    forget_member(member.id)  # what they followed said what they read
    db.session.commit()
    if not keep_content:
        queueing.enqueue(remove_member_content, member.id)


def remove_member_content(member_id: int) -> None:
    """The job that removes a deleted account's content (it can touch many rows)."""
    member = db.session.get(Member, member_id)
    if member is None:
        return
    changed = remove_content(member)
    db.session.commit()
    for case_id in changed:
        drop_cached_pages(case_id)
    current_app.logger.info("removed the content of a deleted account")


def remove_content(member: Member) -> set[int]:
    """Remove the member's cases, verdicts and replies, and their votes, then fix the counts.

    Replies that others wrote to the member's verdicts move to the case's discussion, as
    when a verdict is withdrawn; the member's own replies are blanked but keep their place.
    Returns the ids of the cases whose pages changed.
    """
    touched = _cases_touched_by(member.id)
    own_cases = list(db.session.scalars(select(Case).where(Case.author_id == member.id)))
    db.session.execute(delete(HelpfulVote).where(HelpfulVote.member_id == member.id))
    verdict_ids = select(Verdict.id).where(Verdict.member_id == member.id).scalar_subquery()
    db.session.execute(
        update(Reply)
        .where(Reply.verdict_id.in_(verdict_ids))
        .values(verdict_id=None)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(delete(HelpfulVote).where(HelpfulVote.verdict_id.in_(verdict_ids)))
    db.session.execute(delete(Verdict).where(Verdict.member_id == member.id))
    db.session.execute(
        update(Reply)
        .where(Reply.member_id == member.id, Reply.deleted_at.is_(None))
        .values(body_md="", body_html="", deleted_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    # Blanked replies leave nothing for a moderator to read (the rest goes with its rows).
    db.session.execute(
        update(ModerationItem)
        .where(
            ModerationItem.reply_id.in_(select(Reply.id).where(Reply.member_id == member.id)),
            ModerationItem.closed_at.is_(None),
        )
        .values(closed_at=utcnow(), outcome="deleted")
        .execution_options(synchronize_session=False)
    )
    for case in own_cases:
        _delete_case(case)
    own_ids = {case.id for case in own_cases}
    for case_id in touched - own_ids:
        recount_case(case_id)
    return touched | own_ids


def _cases_touched_by(member_id: int) -> set[int]:
    """Cases where the member judged, replied or voted: their counts change on removal."""
    voted_verdicts = (
        select(Verdict.case_id)
        .join(HelpfulVote, HelpfulVote.verdict_id == Verdict.id)
        .where(HelpfulVote.member_id == member_id)
    )
    voted_replies = (
        select(Reply.case_id)
        .join(HelpfulVote, HelpfulVote.reply_id == Reply.id)
        .where(HelpfulVote.member_id == member_id)
    )
    statements = [
        select(Verdict.case_id).where(Verdict.member_id == member_id),
        select(Reply.case_id).where(Reply.member_id == member_id),
        voted_verdicts,
        voted_replies,
    ]
    return {case_id for stmt in statements for case_id in db.session.scalars(stmt)}


def _delete_case(case: Case) -> None:
    """Delete a case with everything under it, in an order that needs no cascades."""
    verdict_ids = select(Verdict.id).where(Verdict.case_id == case.id).scalar_subquery()
    reply_ids = select(Reply.id).where(Reply.case_id == case.id).scalar_subquery()
    db.session.execute(delete(HelpfulVote).where(HelpfulVote.verdict_id.in_(verdict_ids)))
    db.session.execute(delete(HelpfulVote).where(HelpfulVote.reply_id.in_(reply_ids)))
    db.session.execute(
        update(Reply)
        .where(Reply.case_id == case.id)
        .values(parent_id=None)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(delete(Reply).where(Reply.case_id == case.id))
    db.session.execute(delete(Verdict).where(Verdict.case_id == case.id))
    db.session.execute(delete(CaseUpdate).where(CaseUpdate.case_id == case.id))
    db.session.delete(case)


def export_member_data(member: Member) -> dict:
    """Everything Caseboard holds that the member wrote or chose, as JSON-ready data."""
    cases = db.session.scalars(select(Case).where(Case.author_id == member.id)).all()
    verdicts = db.session.execute(
        select(Verdict, Case.public_id).join(Case).where(Verdict.member_id == member.id)
    ).all()
    replies = db.session.execute(
        select(Reply, Case.public_id, Case.author_id)
        .join(Case, Reply.case_id == Case.id)
        .where(Reply.member_id == member.id)
    ).all()
    votes = db.session.scalars(select(HelpfulVote).where(HelpfulVote.member_id == member.id))
    return {
        "account": {
            "username": member.username,
            "email": member.email,
            "email_waiting_for_confirmation": member.pending_email,
            "created_at": member.created_at.isoformat(),
        },
        "cases": [
            {
                "public_id": case.public_id,
                "status": case.status,
                "title": case.title,
                "situation": case.situation_md,
                "why_i_might_be_wrong": case.why_wrong_md,
                "help_wanted": case.help_wanted_md,
                "discipline": case.discipline,
                "level": case.level,
                "topic": case.topic,
                "support_kind": case.support_kind,
                "created_at": case.created_at.isoformat(),
                "updates": [
                    {"body": item.body_md, "created_at": item.created_at.isoformat()}
                    for item in case.updates
                ],
            }
            for case in cases
        ],
        "verdicts": [
            {
                "case": public_id,
                "shown_as": pseudonym(member.id, verdict.case_id, -1),
                "label": verdict.label,
                "reasoning": verdict.reasoning_md,
                "status": verdict.status,
                "created_at": verdict.created_at.isoformat(),
            }
            for verdict, public_id in verdicts
        ],
        "replies": [
            {
                "case": public_id,
                "shown_as": pseudonym(member.id, reply.case_id, author_id),
                "body": reply.body_md,
                "deleted": reply.deleted_at is not None,
                "status": reply.status,
                "created_at": reply.created_at.isoformat(),
            }
            for reply, public_id, author_id in replies
        ],
        "helpful_votes": [
            {
                "verdict": vote.verdict_id,
                "reply": vote.reply_id,
                "helpful": vote.helpful,
                "created_at": vote.created_at.isoformat(),
            }
            for vote in votes
        ],
        "following": [
            {"case": public_id, "since": since} for public_id, since in follows_of(member.id)
        ],
        "reports": [
            {
                "about": report.subject_key.split(":")[0],
                "reason": report.reason_code,
                "details": report.details,
                "status": report.status,
                "created_at": report.created_at.isoformat(),
            }
            for report in db.session.scalars(select(Report).where(Report.reporter_id == member.id))
        ],
        "notifications": [
            {"message": note.message, "created_at": note.created_at.isoformat()}
            for note in db.session.scalars(
                select(Notification).where(Notification.member_id == member.id)
            )
        ],
        "sanctions": [
            {
                "kind": sanction.kind,
                "reason": sanction.reason,
                "ends_at": sanction.ends_at.isoformat() if sanction.ends_at else None,
            }
            for sanction in db.session.scalars(
                select(Sanction).where(Sanction.member_id == member.id)
            )
        ],
    }
