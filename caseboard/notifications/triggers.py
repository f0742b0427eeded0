"""What each happening tells whom: a verdict, a reply, a closed window, held content let through.

Called inside the transaction of the change (the caller commits). Notices say what happened,
never who did it: usernames are private and aliases belong to one case.
"""

from __future__ import annotations

from caseboard import outcome_text
from caseboard.aggregation import Outcome
from caseboard.extensions import db
from caseboard.following.services import followers_of, is_following
from caseboard.models import Case, CaseUpdate, Reply, Verdict
from caseboard.notifications import kinds
from caseboard.notifications.services import notify, notify_batched, notify_many


def verdict_published(verdict: Verdict) -> None:
    """Tell the case's author; verdicts pile up into one unread notice per case."""
    case = verdict.case
    notify_batched(
        case.author_id,
        kinds.VERDICTS,
        f"verdicts:case:{case.id}",
        case,
        first=f"A new verdict on your case “{case.title}”",
        more=f" new verdicts on your case “{case.title}”",
    )


def reply_published(reply: Reply) -> None:
    """Tell the author of what it answers (a reply, a verdict, or the case itself, whose
    author is OP), unless they answered themselves."""
    case = reply.case
    if reply.parent_id is not None:
        answered = db.session.get(Reply, reply.parent_id)
        what, on = "reply", f"to your reply on the case “{case.title}”"
    elif reply.verdict_id is not None:
        answered = db.session.get(Verdict, reply.verdict_id)
        what, on = "verdict", f"to your verdict on the case “{case.title}”"
    else:
        answered, what, on = case, "case", f"on your case “{case.title}”"
    if answered is None:
        return
    author_id = answered.author_id if isinstance(answered, Case) else answered.member_id
    if author_id == reply.member_id:
        return
    notify_batched(
        author_id,
        kinds.REPLY,
        f"reply:{what}:{answered.id}",
        case,
        first=f"A new reply {on}",
        more=f" new replies {on}",
    )


def first_published(subject: Case | Verdict | Reply) -> None:
    """A verdict or reply a moderator let through after it was held when written: now it
    tells whom it would have told then.

    Content never edited since it was written has no `updated_at`; an edit that was held
    (of something already shown and announced) has one, and announces nothing again.
    """
    if isinstance(subject, Verdict) and subject.updated_at is None:
        verdict_published(subject)
    elif isinstance(subject, Reply) and subject.updated_at is None:
        reply_published(subject)


def window_closed(case: Case, outcome: Outcome) -> None:
    """Tell the case's followers it closed, and what the verdicts came to: its author (who
    follows it unless they chose not to) in the words they always had, the others once each."""
    if is_following(case.author_id, case.id):
        notify(case.author_id, kinds.CLOSED, outcome_message(case.title, outcome), case)
    message = outcome_message(case.title, outcome, followed=True)
    notify_many(followers_of(case.id, excluding=case.author_id), kinds.FOLLOWING, message, case)


def outcome_message(title: str, outcome: Outcome, *, followed: bool = False) -> str:
    """The outcome in words, as the case page says it, to its author or (`followed`) to a
    follower."""
    if followed:
        closed = f"A case you follow, “{title}”, has closed."
    else:
        closed = f"Your case “{title}” has closed."
    if outcome.total == 0:
        return f"{closed} No verdicts were given while it was open."
    verdicts = f"{outcome.total} verdict{'' if outcome.total == 1 else 's'}"
    return f"{closed} {verdicts}. {outcome_text.sentence(outcome)}"


def window_extended(case: Case, closes_at) -> None:
    """Tell the case's followers it is getting more time, and why: its author as before, the
    others once each (a follower may still give the verdict it needs)."""
    why = (
        f"has too few verdicts for a good answer yet, so it stays open until "
        f"{closes_at:%A %d %B, %H:%M} UTC and is now first on “Needs verdicts”."
    )
    if is_following(case.author_id, case.id):
        notify(case.author_id, kinds.EXTENDED, f"Your case “{case.title}” {why}", case)
    message = f"A case you follow, “{case.title}”, {why}"
    notify_many(followers_of(case.id, excluding=case.author_id), kinds.FOLLOWING, message, case)


def case_updated(case: Case, update: CaseUpdate) -> None:
    """Tell the case's followers OP added an update, or said how it played out (a follow-up);
    never the author, who wrote it."""
    if update.advice_helped is not None:
        message = (
            "OP said how it played out, and whether the advice helped, on a case you "
            f"follow: “{case.title}”"
        )
    else:
        message = f"OP added an update to a case you follow: “{case.title}”"
    notify_many(followers_of(case.id, excluding=case.author_id), kinds.FOLLOWING, message, case)
