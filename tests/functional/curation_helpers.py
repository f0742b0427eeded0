"""Closed cases and highlight editions for the curation tests, made through the services."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from caseboard.cases import services
from caseboard.curation import editions, weeks
from caseboard.extensions import db
from caseboard.lifecycle import close_expired_windows
from caseboard.models import Case, Member, Role
from caseboard.models.base import utcnow

LONG_REASONING = (
    "You had covered on-call twice this quarter already, which is more than a fair share. "
    "Saying no once is reasonable, and the escalation to your manager was the wrong move on "
    "their part; still, say why you said no so it does not look like indifference."
)


def close_case(case: Case, closed_at=None) -> Case:
    """Close the case's window now (or at `closed_at`) and store its outcome."""
    closed_at = closed_at or utcnow()
    db.session.execute(
        update(Case).where(Case.id == case.id).values(closes_at=closed_at - timedelta(seconds=1))
    )
    db.session.commit()
    close_expired_windows(closed_at)
    db.session.refresh(case)
    return case


def closed_case(make_case, make_member, *, labels=("NTA", "NTA", "NTA"), closed_at=None, **fields):
    """A case with one reasoned verdict per label, closed with its outcome stored."""
    case = make_case(**fields)
    for label in labels:
        services.give_verdict(case, make_member(), label, LONG_REASONING)
    return close_case(case, closed_at)


def moderator(make_member, username: str | None = None) -> Member:
    member = make_member(username)
    member.role = Role.MODERATOR
    db.session.commit()
    return member


def published_edition(
    mod: Member,
    cases,
    *,
    takeaway="Say no early and kindly.",
    questions="- What would you do?",
    when=None,
):
    """An edition for the current ISO week (or `when`'s) featuring `cases`, published."""
    year, week = weeks.week_of(when or utcnow())
    edition = editions.start_edition(mod, year, week)
    for case in cases:
        highlight = editions.add_case(edition, mod, case)
        editions.update_highlight(
            highlight,
            mod,
            takeaway=takeaway,
            questions=questions,
            version=highlight.version,
        )
    db.session.refresh(edition)
    editions.publish(edition, mod, previewed=editions.fingerprint(edition))
    return edition
