"""The email copy of a notice, for members who asked for that kind, sent at least once.

The notice says in the database that its email is owed (`email_due_at`); a job sends it
right after the notice is committed, and the worker's periodic pass sends any still owed a
while later (Redis was down, or a worker died mid-send). A sender claims the notice before
the send, and it counts as emailed only once the mail server took it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, render_template
from sqlalchemy import or_, select, update

from caseboard import mail, queueing
from caseboard.extensions import db
from caseboard.links import external_url
from caseboard.models import EmailPreference, Member, Notification
from caseboard.models.base import utcnow
from caseboard.notifications.kinds import EMAIL_KINDS, preference_for

# The periodic pass leaves a fresh notice to the job queued when it was written; a notice
# owed for longer than OWED_DAYS is news no longer.
OWED_AFTER = timedelta(minutes=1)
OWED_DAYS = 7
OWED_BATCH = 500


@dataclass(frozen=True)
class _Email:
    mail_key: str
    address: str
    kind: str
    text: str


def queue_notification_email(notification_id: int) -> None:
    """Queue a notice's email; if Redis is down, the periodic pass sends it once it is back."""
    queueing.enqueue(
        send_notification_email,
        notification_id,
        retry=queueing.MAIL_RETRY,
        run_here_if_down=False,
    )


def queue_owed_emails(now: datetime | None = None) -> int:
    """Queue the email of every notice still owed one whose job had its chance (a step of
    the periodic pass); returns how many were queued."""
    now = now or utcnow()
    owed = db.session.scalars(
        select(Notification.id)
        .where(
            _owed(),
            Notification.email_due_at <= now - OWED_AFTER,
            Notification.email_due_at >= now - timedelta(days=OWED_DAYS),
            _claimable(now),
        )
        .order_by(Notification.email_due_at)
        .limit(OWED_BATCH)
    ).all()
    db.session.commit()
    for notification_id in owed:
        queue_notification_email(notification_id)
    return len(owed)


def send_notification_email(notification_id: int) -> bool:
    """Email one notice to its member; False when there is nothing to send (already sent,
    being sent, or no longer wanted).

    No transaction stays open while a mail server answers. A send that fails gives the
    claim back and raises (the job is retried). A worker that dies after the server took
    the message leaves the notice owed: the member gets it again, with the same Message-ID.
    """
    if not _claim(notification_id):
        return False
    found = _email_for(notification_id)
    if found is None:
        _settle(notification_id, email_due_at=None)  # nothing owed any more
        return False
    db.session.commit()  # saves a new mail key before the send
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
        identity=("notice", notification_id),
    )
    mail.add_unsubscribe(message, unsubscribe)
    try:
        mail.send(message)
    except OSError:
        _settle(notification_id, email_claimed_at=None)
        raise
    _settle(notification_id, emailed_at=utcnow())
    current_app.logger.info("sent a notification email")
    return True


def _owed():
    return Notification.email_due_at.is_not(None) & Notification.emailed_at.is_(None)


def _claimable(now: datetime):
    """Not claimed, or claimed by a sender that died."""
    return or_(
        Notification.email_claimed_at.is_(None),
        Notification.email_claimed_at < mail.claim_lapsed_before(now),
    )


def _claim(notification_id: int) -> bool:
    """Claim the notice's email for this sender; commits."""
    now = utcnow()
    claimed = db.session.execute(
        update(Notification)
        .where(Notification.id == notification_id, _owed(), _claimable(now))
        .values(email_claimed_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return bool(claimed)


def _settle(notification_id: int, **values) -> None:
    db.session.execute(
        update(Notification)
        .where(Notification.id == notification_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


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
