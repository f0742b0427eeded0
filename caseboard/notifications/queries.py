"""Read side of notifications: the inbox and its unread count."""

from __future__ import annotations

from sqlalchemy import BindParameter, ColumnElement, Select, bindparam, func, select

from caseboard.extensions import db
from caseboard.models import Notification

INBOX_SIZE = 100  # the newest notices the inbox shows


def _unread(member_id: int | BindParameter) -> Select:
    return (
        select(func.count())
        .select_from(Notification)
        .where(Notification.member_id == member_id, Notification.read_at.is_(None))
    )


# Built once: the header's badge asks for it every minute in every member's open tab.
_UNREAD = _unread(bindparam("member_id"))


def unread_count(member_id: int) -> int:
    """How many notices the member has not marked read (a batch counts once)."""
    return db.session.scalar(_UNREAD, {"member_id": member_id})


def unread_count_column() -> ColumnElement:
    """The unread count as a column, for the :member_id bind parameter: the header reads it
    in the same query as the rest of what it shows (web.member_header)."""
    return _UNREAD.scalar_subquery()


def inbox(member_id: int, limit: int = INBOX_SIZE) -> list[Notification]:
    """The member's newest notices, newest first (a batch is as new as its latest news)."""
    return db.session.scalars(
        select(Notification)
        .where(Notification.member_id == member_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    ).all()
