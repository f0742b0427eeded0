"""The email copy of a notice, for members who asked for that kind (sent by a job)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, render_template
from sqlalchemy import select

from caseboard import mail
from caseboard.extensions import db
from caseboard.links import external_url
from caseboard.models import EmailPreference, Member, Notification
from caseboard.notifications.kinds import EMAIL_KINDS, preference_for


@dataclass(frozen=True)
class _Email:
    mail_key: str
    address: str
    kind: str
    text: str


def send_notification_email(notification_id: int) -> bool:
    """Email one notice to its member; False when there is nothing to send.

    The read ends before the send, so no transaction stays open while a mail server answers.
    """
    found = _email_for(notification_id)
    db.session.commit()  # ends the read (and saves a new mail key) before the send
    if found is None:
        return False
    unsubscribe = external_url(
        "notifications.unsubscribe", token=mail.unsubscribe_token(found.mail_key, found.kind)
    )
    context = {
        "message": found.text,
        "about": EMAIL_KINDS[found.kind].about,
        "inbox": external_url("notifications.inbox"),
        "settings": external_url("notifications.settings"),
        "unsubscribe": unsubscribe,
    }
    message = mail.new_message(
        found.address,
        EMAIL_KINDS[found.kind].subject,
        render_template("notifications/email/notice.txt", **context),
    )
    mail.add_unsubscribe(message, unsubscribe)
    mail.send(message)
    current_app.logger.info("sent a notification email")
    return True


def _email_for(notification_id: int) -> _Email | None:
    """What to send, checked again now: since the notice was written the member may have
    turned the email off, removed their address or deleted their account. The text is the
    notice as it reads now (a batch may have grown meanwhile)."""
    note = db.session.get(Notification, notification_id)
    if note is None:
        return None
    kind = preference_for(note.kind)
    member = db.session.get(Member, note.member_id)
    if kind is None or member is None or member.deleted_at is not None or not member.email:
        return None
    wanted = db.session.scalar(
        select(EmailPreference.kind).where(
            EmailPreference.member_id == member.id, EmailPreference.kind == kind
        )
    )
    if wanted is None:
        return None
    return _Email(member.ensure_mail_key(), member.email, kind, note.message)
