"""Sanctions on the hidden author of some content: a suspended member reads but cannot write."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select

from caseboard.errors import NotAllowed
from caseboard.extensions import db
from caseboard.models import Member, Sanction
from caseboard.models.base import utcnow

WARN, SUSPEND, BAN = "warn", "suspend", "ban"


class Suspended(NotAllowed):
    """The member is suspended: they can read, and are told until when and why."""


def active_suspension(member_id: int, now: datetime | None = None) -> Sanction | None:
    """The suspension in force for a member, the longest-lasting first; None if none."""
    now = now or utcnow()
    return db.session.scalar(
        select(Sanction)
        .where(
            Sanction.member_id == member_id,
            Sanction.kind.in_((SUSPEND, BAN)),
            or_(Sanction.ends_at.is_(None), Sanction.ends_at > now),
        )
        .order_by(Sanction.ends_at.is_(None).desc(), Sanction.ends_at.desc())
        .limit(1)
    )


def describe(sanction: Sanction) -> str:
    """What a suspended member reads: until when (or that it is permanent), and why."""
    if sanction.ends_at is None:
        when = "permanently"
    else:
        when = f"until {sanction.ends_at:%-d %b %Y, %H:%M} UTC"
    return f"Your account is suspended {when}. Reason: {sanction.reason}"


def ensure_can_write(member: Member) -> None:
    """Refuse any writing by a suspended member, saying until when and why."""
    sanction = active_suspension(member.id)
    if sanction is not None:
        raise Suspended(describe(sanction) + " You can still read everything.")
