"""Sanctions on the hidden author of some content: a suspended member reads but cannot write."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BindParameter, ColumnElement, Select, bindparam, or_, select

from caseboard.errors import NotAllowed
from caseboard.extensions import db
from caseboard.models import Member, Sanction
from caseboard.models.base import utcnow

WARN, SUSPEND, BAN = "warn", "suspend", "ban"
# What a suspended member keeps: nothing done with it changes what others read, and an
# appeal or leaving must never need a moderator's leave.
STILL_ALLOWED = (
    "You can still read everything, follow cases, appeal a moderator's decision, and manage "
    "your account: email settings, password, export your data or delete it."
)


class Suspended(NotAllowed):
    """The member is suspended: they can read, and are told until when and why."""


def _in_force(column, member_id: int | BindParameter, now: datetime | BindParameter) -> Select:
    """`column` (or the whole row) of a member's suspension in force, the longest-lasting."""
    return (
        select(column)
        .where(
            Sanction.member_id == member_id,
            # Not IN: SQLAlchemy expands an IN list on every execution of the header's query.
            or_(Sanction.kind == SUSPEND, Sanction.kind == BAN),
            or_(Sanction.ends_at.is_(None), Sanction.ends_at > now),
        )
        .order_by(Sanction.ends_at.is_(None).desc(), Sanction.ends_at.desc())
        .limit(1)
    )


def active_suspension(member_id: int, now: datetime | None = None) -> Sanction | None:
    """The suspension in force for a member, the longest-lasting first; None if none."""
    return db.session.scalar(_in_force(Sanction, member_id, now or utcnow()))


def suspension_columns() -> tuple[ColumnElement, ColumnElement]:
    """The reason and the end of the suspension in force as two columns (the reason is None
    when there is none), for the :member_id and :now bind parameters: the header reads them
    in the same query as the rest of what it shows (web.member_header)."""
    member_id, now = bindparam("member_id"), bindparam("now")
    return (
        _in_force(Sanction.reason, member_id, now).scalar_subquery(),
        _in_force(Sanction.ends_at, member_id, now).scalar_subquery(),
    )


def describe(sanction: Sanction) -> str:
    """What a suspended member reads: until when (or that it is permanent), and why."""
    return notice(sanction.reason, sanction.ends_at)


def notice(reason: str, ends_at: datetime | None) -> str:
    """`describe` from a suspension's reason and end (None: it never ends)."""
    when = "permanently" if ends_at is None else f"until {ends_at:%-d %b %Y, %H:%M} UTC"
    # `reason` says its own "Reason: …" and "Moderator's note: …" (decisions.reason_words).
    return f"Your account is suspended {when}. {reason}"


def ensure_can_write(member: Member) -> None:
    """Refuse any change a suspended member would make to what others read (their own
    content included: withdrawing a verdict moves a tally), saying until when, why, and what
    they can still do."""
    sanction = active_suspension(member.id)
    if sanction is not None:
        raise Suspended(f"{describe(sanction)} {STILL_ALLOWED}")
