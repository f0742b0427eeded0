"""Email addresses that are confirmed before use, and passwords reset through them.

Nothing here tells anyone whether an address belongs to an account: giving an address (at
registration or on the account page) and asking for a reset link answer the same either way,
and only the mailbox's owner learns more, by following a link. Links are signed and expire;
a confirmation link names the address it confirms, and a reset link the password it replaces,
so each works once.
"""

from __future__ import annotations

import hashlib

from flask import current_app, render_template
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from caseboard import mail, queueing
from caseboard.errors import Conflict, ServiceError
from caseboard.extensions import db
from caseboard.links import external_url
from caseboard.models import Member
from caseboard.models.base import utcnow

CONFIRM_SALT = "caseboard-confirm-email"
RESET_SALT = "caseboard-reset-password"
CONFIRM_HOURS = 48
RESET_MINUTES = 60


class LinkNotValid(ServiceError):
    """A link that was changed, has expired, or was used already."""

    status = 400


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


# -- confirming an address -------------------------------------------------------------------


def ask_to_confirm(member: Member, address: str) -> None:
    """Keep `address` as the member's address-to-be and send it a confirmation link; commits.
    Until the link is followed, no other email goes there (nor does the old address change)."""
    member.pending_email = address
    member.ensure_mail_key()  # names the member in the link instead of the account number
    db.session.commit()
    queueing.enqueue(
        send_confirmation_email, member.id, retry=queueing.MAIL_RETRY, run_here_if_down=False
    )


def confirmation_token(member: Member) -> str:
    return _serializer(CONFIRM_SALT).dumps([member.mail_key, member.pending_email])


def confirm(token: str) -> Member:
    """Make the address the link names the member's address; commits. Only its mailbox's
    owner has the link, so saying that the address is taken tells nobody else anything."""
    try:
        mail_key, address = _serializer(CONFIRM_SALT).loads(token, max_age=CONFIRM_HOURS * 3600)
    except (BadData, ValueError, TypeError):
        raise LinkNotValid(
            "This confirmation link is damaged or more than two days old. Give your address "
            "again on your account page for a new one."
        ) from None
    member = db.session.scalar(
        select(Member).where(
            Member.mail_key == mail_key,
            Member.pending_email == address,
            Member.deleted_at.is_(None),
        )
    )
    if member is None:
        raise LinkNotValid(
            "This link was used already, or a newer address was given since. Your account "
            "page shows which address is confirmed."
        )
    member.email, member.email_confirmed_at, member.pending_email = address, utcnow(), None
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(
            "This address is already confirmed on another Caseboard account, so it was not "
            "added to this one."
        ) from None
    return member


def remove_address(member: Member) -> None:
    """No address any more, confirmed or waiting; commits."""
    member.email = member.email_confirmed_at = member.pending_email = None
    db.session.commit()


def send_confirmation_email(member_id: int) -> None:
    """The job that sends the confirmation link to the address waiting for it."""
    member = db.session.get(Member, member_id)
    if member is None or member.deleted_at is not None or not member.pending_email:
        return
    link = external_url("accounts.confirm_email", token=confirmation_token(member))
    message = mail.new_message(
        member.pending_email,
        "Confirm your email address for Caseboard",
        render_template("accounts/email/confirm.txt", link=link, hours=CONFIRM_HOURS),
        identity=("confirm", member.id, member.pending_email),
    )
    mail.send(message)


# -- resetting a forgotten password ----------------------------------------------------------


def ask_for_reset(address: str) -> None:
    """Send a reset link if `address` is an account's confirmed address, nothing otherwise.
    The page answers the same either way, and as fast: a job sends the email later."""
    member = db.session.scalar(
        select(Member).where(Member.email == address, Member.deleted_at.is_(None))
    )
    if member is not None:
        queueing.enqueue(send_reset_email, member.id, run_here_if_down=False)


def _password_mark(member: Member) -> str:
    """Changes whenever the password does, so a reset link works once."""
    return hashlib.sha256((member.password_hash or "").encode()).hexdigest()[:16]


def reset_token(member: Member) -> str:
    return _serializer(RESET_SALT).dumps([member.mail_key, _password_mark(member)])


def member_to_reset(token: str) -> Member:
    """The member a reset link is for, while it is valid."""
    try:
        mail_key, mark = _serializer(RESET_SALT).loads(token, max_age=RESET_MINUTES * 60)
    except (BadData, ValueError, TypeError):
        mail_key = mark = None
    member = (
        db.session.scalar(
            select(Member).where(Member.mail_key == mail_key, Member.deleted_at.is_(None))
        )
        if isinstance(mail_key, str)
        else None
    )
    if member is None or member.email is None or _password_mark(member) != mark:
        raise LinkNotValid(
            "This reset link was used already, is more than an hour old, or is damaged. Ask "
            "for a new one."
        )
    return member


def send_reset_email(member_id: int) -> None:
    """The job that sends a password reset link to the member's confirmed address."""
    member = db.session.get(Member, member_id)
    if member is None or member.deleted_at is not None or not member.email:
        return
    member.ensure_mail_key()
    db.session.commit()
    link = external_url("accounts.reset_password", token=reset_token(member))
    message = mail.new_message(
        member.email,
        "Reset your Caseboard password",
        render_template("accounts/email/reset.txt", link=link, minutes=RESET_MINUTES),
        identity=("reset", member.id, _password_mark(member), utcnow().isoformat()),
    )
    mail.send(message)
