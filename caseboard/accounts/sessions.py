"""Where a member is signed in: one row per login, so the server can end a session.

A session used to be a signed cookie and nothing more, so a copied cookie kept working after
logging out, and after a password change on another device. Now the cookie carries a random
key (Flask-Login's id is "member id:key", Member.get_id) and the login's query looks its
hash up here (web.load_member): ending the row ends the session, wherever the cookie is.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from caseboard.extensions import db
from caseboard.models import Member, MemberSession
from caseboard.models.base import utcnow


def key_hash(key: str) -> str:
    """What is stored of a session key: enough to find the session, not to sign in with."""
    return hashlib.sha256(key.encode()).hexdigest()


def signed_in_since(now: datetime) -> datetime:
    """Sessions made before this have ended on their own (SESSION_DAYS after login)."""
    return now - timedelta(days=current_app.config["SESSION_DAYS"])


def open_session(member: Member) -> str:
    """Sign the member in on one more device; commits. Returns the key for its cookie, and
    leaves it on `member` for Flask-Login's id."""
    key = secrets.token_urlsafe(32)
    db.session.add(MemberSession(member_id=member.id, key_hash=key_hash(key)))
    db.session.commit()
    member.session_key = key
    return key


def close_session(member: Member) -> None:
    """End the session `member` was signed in with (logging out); commits."""
    if member.session_key:
        db.session.execute(
            delete(MemberSession).where(MemberSession.key_hash == key_hash(member.session_key))
        )
        db.session.commit()


def close_sessions(member_id: int, *, keep: str | None = None) -> int:
    """End every session of the member (but the one with key `keep`); the caller commits.
    Returns how many ended."""
    statement = delete(MemberSession).where(MemberSession.member_id == member_id)
    if keep:
        statement = statement.where(MemberSession.key_hash != key_hash(keep))
    return db.session.execute(statement).rowcount


def session_count(member_id: int) -> int:
    """On how many devices (or browsers) the member is signed in, counting sessions not
    ended since: a browser closed without logging out still counts until SESSION_DAYS."""
    return db.session.scalar(
        select(func.count())
        .select_from(MemberSession)
        .where(
            MemberSession.member_id == member_id,
            MemberSession.created_at >= signed_in_since(utcnow()),
        )
    )


def forget_ended_sessions(now: datetime | None = None) -> int:
    """Delete the sessions past SESSION_DAYS (a step of the worker's periodic pass)."""
    ended = db.session.execute(
        delete(MemberSession).where(MemberSession.created_at < signed_in_since(now or utcnow()))
    ).rowcount
    db.session.commit()
    return ended
