"""Trust levels: how far Caseboard lets a member's writing through without a moderator.

A level is worked out when it matters (a post, a report, the member's account page), from
what the database already holds, and never stored: it rises by itself as an account ages
and its verdicts are found helpful, and drops with upheld reports, without a job to keep a
column right. The one stored part is `Member.limited_reason`, set when an account starts
limited (registered without the proof of work, or the way a script fills a form) and
cleared when a moderator approves something the member wrote.

- LIMITED: `limited_reason` is set, or TRUST_LIMITED_AFTER_UPHELD of the member's cases,
  verdicts and replies had reports upheld in the last TRUST_REPORT_DAYS.
- NEW: the account is younger than TRUST_MIN_DAYS, or fewer than TRUST_MIN_HELPFUL of its
  verdicts were marked helpful by others, or one of its items had a report upheld lately.
- TRUSTED: everyone else, and every moderator and admin.

At most two indexed queries, none when the role or `limited_reason` settles it; inside a
request the answer is kept for the rest of it (`current_level`), so the rate limit and the
moderation check that both ask cost one reckoning. Pages ask only on the account page: what
a form needs (the proof of work, `needs_proof_of_work`) is read from the member's own row,
already loaded with the login, without a query.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum

from flask import current_app, g, has_request_context
from sqlalchemy import String, cast, func, literal, select, union_all

from caseboard.extensions import db
from caseboard.models import Case, ContentStatus, Member, Reply, Report, Verdict
from caseboard.models.base import utcnow

log = logging.getLogger(__name__)


class TrustLevel(IntEnum):
    """Ordered so `level < TrustLevel.TRUSTED` reads as "still held back somewhere"."""

    LIMITED = 0
    NEW = 1
    TRUSTED = 2


# What the member is told they are, on their account page (nobody else is told).
LEVEL_NAMES = {
    TrustLevel.LIMITED: "Limited",
    TrustLevel.NEW: "New member",
    TrustLevel.TRUSTED: "Member",
}


class LimitedReason:
    """Values of `Member.limited_reason`: why an account started limited."""

    NO_PROOF_OF_WORK = "no_proof_of_work"  # registered without JavaScript's proof of work
    FORM_SIGNALS = "form_signals"  # the form was filled the way a script fills one


# Why an account started limited, and what that does, in the one wording its member meets
# (the registration's message, their account page, a held post's note).
LIMITED_WHY = {
    LimitedReason.NO_PROOF_OF_WORK: (
        "When you registered, your browser did not run the small check that tells a person "
        "from a script (it needs JavaScript). Plenty of people browse without JavaScript, "
        "and that is fine: it only means Caseboard could not tell."
    ),
    LimitedReason.FORM_SIGNALS: (
        "When you registered, the form looked as if a script had sent it (it came back "
        "faster than people type, or with a hidden field filled in). If that was you, no "
        "harm done."
    ),
}
LIMITED_EFFECT = (
    "A moderator reads each case, verdict and reply you post before anyone else sees it "
    "(usually within a day). The limit is lifted as soon as a moderator approves something "
    "you wrote."
)


@dataclass(frozen=True)
class Standing:
    """A member's level with the facts behind it, for their own account page."""

    level: TrustLevel
    limited_reason: str | None
    upheld: int  # their items with a report upheld within TRUST_REPORT_DAYS
    helpful: int  # their published verdicts someone else marked helpful (counted up to need)
    helpful_needed: int
    days_left: int  # until the account is old enough (0: it is)
    proof_of_work: bool  # their posts carry the proof of work (needs_proof_of_work)

    @property
    def name(self) -> str:
        return LEVEL_NAMES[self.level]


def needs_proof_of_work(member: Member, now: datetime | None = None) -> bool:
    """Whether a member's posts carry the proof of work: a new member's first posts, while
    the account is younger than TRUST_MIN_DAYS, and a limited account's (moderators never).
    Decided from the member's row alone, so drawing a form costs no query; a member who has
    the days but not yet the helpful verdicts is not asked, or without JavaScript they
    might wait for a moderator for good."""
    if member.is_moderator:
        return False
    return bool(member.limited_reason) or _days_left(member, now or utcnow()) > 0


def level_of(member: Member, now: datetime | None = None) -> TrustLevel:
    """The member's trust level now, with as few queries as the answer needs."""
    settled = _settled(member)
    if settled is not None:
        return settled
    now = now or utcnow()
    needed = current_app.config["TRUST_MIN_HELPFUL"]
    return _level(
        member,
        upheld_report_count(member.id, now),
        _days_left(member, now),
        lambda: helpful_verdict_count(member.id, needed),
    )


def _settled(member: Member) -> TrustLevel | None:
    """The level the member's row settles without counting anything, if it does."""
    if member.is_moderator:
        return TrustLevel.TRUSTED
    if member.limited_reason:
        return TrustLevel.LIMITED
    return None


def _level(member: Member, upheld: int, days_left: int, helpful: Callable[[], int]) -> TrustLevel:
    """The rules for a member `_settled` leaves open, from the facts; `helpful` is asked
    last, only when the answer needs it."""
    config = current_app.config
    if upheld >= config["TRUST_LIMITED_AFTER_UPHELD"]:
        return TrustLevel.LIMITED
    if upheld or days_left or helpful() < config["TRUST_MIN_HELPFUL"]:
        return TrustLevel.NEW
    return TrustLevel.TRUSTED


def current_level(member: Member) -> TrustLevel:
    """`level_of`, reckoned once per request for the member (a rate limit and a check both
    ask); outside a request, reckoned afresh each time."""
    if not has_request_context():
        return level_of(member)
    known = g.setdefault("trust_levels", {})
    key = (member.id, member.role, member.limited_reason)
    if key not in known:
        known[key] = level_of(member)
    return known[key]


def let_out(member_id: int) -> bool:
    """Lift the limit an account started with: a moderator approved something its member
    wrote, so a person is behind it. Limits from upheld reports are not stored and lapse by
    themselves. Logged without saying whose account (the caller commits)."""
    member = db.session.get(Member, member_id)
    if member is None or not member.limited_reason:
        return False
    member.limited_reason = None
    log.info("A moderator's approval lifted the limit an account started with.")
    return True


def report_weight_factor(level: TrustLevel) -> float:
    """What a member's report weight is multiplied by at this level."""
    if level == TrustLevel.LIMITED:
        return current_app.config["TRUST_LIMITED_REPORT_WEIGHT"]
    if level == TrustLevel.NEW:
        return current_app.config["TRUST_NEW_REPORT_WEIGHT"]
    return 1.0


def standing(member: Member, now: datetime | None = None) -> Standing:
    """Everything the account page says about the member's level (two queries)."""
    now = now or utcnow()
    needed = current_app.config["TRUST_MIN_HELPFUL"]
    upheld = upheld_report_count(member.id, now)
    helpful = helpful_verdict_count(member.id, needed)
    days_left = _days_left(member, now)
    level = _settled(member)
    if level is None:  # (LIMITED is 0: not `or`)
        level = _level(member, upheld, days_left, lambda: helpful)
    proof = current_app.config["PROOF_OF_WORK_ENABLED"] and needs_proof_of_work(member, now)
    return Standing(level, member.limited_reason, upheld, helpful, needed, days_left, proof)


def helpful_verdict_count(member_id: int, enough: int) -> int:
    """How many of the member's published verdicts were marked helpful (members can't vote
    on their own, so these are others' votes), counted only up to `enough`."""
    if enough <= 0:
        return 0
    found = (
        select(Verdict.id)
        .where(
            Verdict.member_id == member_id,
            Verdict.status == ContentStatus.PUBLISHED,
            Verdict.helpful_count > 0,
        )
        .limit(enough)
        .subquery()
    )
    return db.session.scalar(select(func.count()).select_from(found)) or 0


def upheld_report_count(member_id: int, now: datetime) -> int:
    """How many of the member's cases, verdicts and replies had a report upheld in the last
    TRUST_REPORT_DAYS. An item counts once however many members reported it.

    Found from the member's own items through the reports' (subject_key, status) index, not
    by scanning every upheld report on the board.
    """
    since = now - timedelta(days=current_app.config["TRUST_REPORT_DAYS"])
    owned = (
        ("case", Case.id, Case.author_id),
        ("verdict", Verdict.id, Verdict.member_id),
        ("reply", Reply.id, Reply.member_id),
    )
    keys = union_all(
        *(
            select((literal(f"{kind}:") + cast(row_id, String)).label("key")).where(
                owner == member_id
            )
            for kind, row_id, owner in owned
        )
    ).subquery()
    return (
        db.session.scalar(
            select(func.count(func.distinct(Report.subject_key)))
            .join(keys, Report.subject_key == keys.c.key)
            .where(Report.status == "upheld", Report.resolved_at >= since)
        )
        or 0
    )


def _days_left(member: Member, now: datetime) -> int:
    """Whole days (rounded up) until the account is TRUST_MIN_DAYS old."""
    ready = member.created_at + timedelta(days=current_app.config["TRUST_MIN_DAYS"])
    return max(0, math.ceil((ready - now) / timedelta(days=1)))
