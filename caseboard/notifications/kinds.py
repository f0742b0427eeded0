"""The kinds of notice and of email, with the words members read about each.

A notice's kind is stored with it; an email preference names the kind it turns on. Some
notice kinds share another kind's preference (a sanction or an appeal's outcome is a
moderation decision), so members choose among a few plain topics, not every code.
"""

from __future__ import annotations

from dataclasses import dataclass

from caseboard.curation.digest import DIGEST

VERDICTS = "verdicts"  # new verdicts on my case (batched)
CLOSED = "closed"  # my case's window closed, with its outcome
EXTENDED = "extended"  # my case's window was extended for want of verdicts (emailed as closed)
FOLLOW_UP = "follow_up"  # 30 and 90 days after the close: how did it play out?
REPLY = "reply"  # a reply to my case, my verdict or my reply (batched)
FEATURED = "featured"  # my case is in a highlight edition
MODERATION = "moderation"  # a moderator's decision about what I wrote
SANCTION = "sanction"  # a warning or suspension (emailed as moderation)
APPEAL = "appeal"  # the outcome of my appeal (emailed as moderation)
FOLLOWING = "following"  # a case I follow was updated, extended or closed
LOGIN_FAILED = "login_failed"  # a wrong password was given for my account (batched)


@dataclass(frozen=True)
class EmailKind:
    """How one kind of email is named on the settings page, the unsubscribe page and in the
    subject line."""

    label: str
    about: str
    subject: str


# In the order the settings page lists them.
EMAIL_KINDS: dict[str, EmailKind] = {
    DIGEST: EmailKind(
        "Weekly highlights digest",
        "the weekly highlights",
        "Caseboard highlights",
    ),
    VERDICTS: EmailKind(
        "New verdicts on my cases (one email, not one per verdict)",
        "new verdicts on your cases",
        "New verdicts on your case",
    ),
    CLOSED: EmailKind(
        "My case closed, with its outcome",
        "your cases closing",
        "Your case has closed",
    ),
    FOLLOWING: EmailKind(
        "Cases I follow: updates, extensions and closings",
        "cases you follow",
        "News about a case you follow",
    ),
    FOLLOW_UP: EmailKind(
        "Questions about how my case played out (30 and 90 days after it closes)",
        "questions about how your cases played out",
        "How did it play out?",
    ),
    REPLY: EmailKind(
        "Replies to my cases, verdicts and replies (one email, not one per reply)",
        "replies to your cases, verdicts and replies",
        "A new reply to what you wrote",
    ),
    FEATURED: EmailKind(
        "My case featured in the weekly highlights",
        "your cases being featured",
        "Your case is featured in the highlights",
    ),
    MODERATION: EmailKind(
        "Moderators' decisions about what I wrote",
        "moderators' decisions about what you wrote",
        "A moderator's decision about what you wrote",
    ),
}

# Notice kinds that are emailed under another kind's preference.
EMAILED_AS = {SANCTION: MODERATION, APPEAL: MODERATION, EXTENDED: CLOSED}


def preference_for(notice_kind: str) -> str | None:
    """The email preference that covers a notice kind, or None if it is never emailed."""
    kind = EMAILED_AS.get(notice_kind, notice_kind)
    return kind if kind in EMAIL_KINDS and kind != DIGEST else None
