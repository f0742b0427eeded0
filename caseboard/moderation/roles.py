"""Roles: admins make and unmake moderators; the first admin comes from the CLI."""

from __future__ import annotations

from sqlalchemy import select

from caseboard.accounts import sessions
from caseboard.errors import NotAllowed, NotFound
from caseboard.extensions import db
from caseboard.models import Member, Role
from caseboard.moderation.sanctions import ensure_can_write


def find_member(username: str) -> Member:
    member = db.session.scalar(
        select(Member).where(Member.username == username.strip(), Member.deleted_at.is_(None))
    )
    if member is None:
        raise NotFound("There is no member with that username.")
    return member


def set_moderator(admin: Member, member: Member, moderator: bool) -> None:
    """Grant or revoke the moderator role; admins stay admins."""
    if not admin.is_admin:
        raise NotAllowed("Only admins can change who moderates.")
    ensure_can_write(admin)
    if member.is_admin:
        raise NotAllowed("Admins are moderators already; that can't be changed here.")
    member.role = Role.MODERATOR if moderator else Role.MEMBER
    # Their open sessions were given under the old role: they sign in again under the new.
    sessions.close_sessions(member.id)
    db.session.commit()


def moderators() -> list[Member]:
    return db.session.scalars(
        select(Member)
        .where(Member.role.in_(Role.MODERATING), Member.deleted_at.is_(None))
        .order_by(Member.username)
    ).all()
