"""Members: the private side of an account (username, email, password, role)."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from caseboard.extensions import db
from caseboard.models.base import UTCDateTime, utcnow


class Role:
    """What a member may do: moderators act on content, admins also manage moderators."""

    MEMBER = "member"
    MODERATOR = "moderator"
    ADMIN = "admin"
    # Who may moderate: moderators, and admins, who are moderators too.
    MODERATING = (MODERATOR, ADMIN)


class Member(UserMixin, db.Model):
    """A registered account. Its username and email are shown to nobody but the member."""

    __tablename__ = "members"
    __table_args__ = (Index("uq_members_mail_key", "mail_key", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(30), unique=True)
    # A confirmed address (accounts/addresses.py): the only one any email is sent to.
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # An address given but not confirmed yet: nothing but the confirmation link goes there.
    pending_email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default=Role.MEMBER)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # How this member's past reports were judged: their next report weighs accordingly.
    reports_upheld: Mapped[int] = mapped_column(Integer, default=0)
    reports_dismissed: Mapped[int] = mapped_column(Integer, default=0)
    # Names the member in unsubscribe links instead of the account id, so a forwarded email
    # gives nothing away; made when the first email is written.
    mail_key: Mapped[str | None] = mapped_column(String(24))
    # Set when the member deletes the account: the row stays so pseudonyms stay stable,
    # but everything that identified the person is gone.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the account started limited (accounts/trust.py): registered without the proof
    # of work, or with a form filled the way a script fills it. Says why; cleared when a
    # moderator lets the member out.
    limited_reason: Mapped[str | None] = mapped_column(String(32))

    # The key of the session this object was signed in with (accounts/sessions.py), in
    # Flask-Login's id: a session ended on the server no longer loads a member.
    session_key = None  # not mapped: set per request (str), never stored

    def get_id(self) -> str:
        return f"{self.id}:{self.session_key}"

    def ensure_mail_key(self) -> str:
        """The member's key for unsubscribe links, made on first use (the caller commits)."""
        if not self.mail_key:
            self.mail_key = secrets.token_urlsafe(12)
        return self.mail_key

    def set_password(self, password: str) -> None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    @property
    def is_moderator(self) -> bool:
        return self.role in Role.MODERATING

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_active(self) -> bool:  # Flask-Login: deleted accounts cannot log in
        return self.deleted_at is None

    def __repr__(self) -> str:  # never the username: reprs end up in logs
        return f"<Member #{self.id}>"


class MemberSession(db.Model):
    """One place a member is signed in: made at login, ended by logging out there, by a
    password change elsewhere, a role change or a suspension, or after SESSION_DAYS. The
    browser's cookie carries a random key; only its hash is kept, so a copy of this table
    signs nobody in."""

    __tablename__ = "member_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
