"""The email digest of a new highlight edition, for members who asked for it."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import render_template
from sqlalchemy import Select, exists, select
from sqlalchemy.exc import IntegrityError

from caseboard import mail, queueing
from caseboard.extensions import db
from caseboard.links import external_url
from caseboard.models import (
    ContentStatus,
    DigestDelivery,
    Edition,
    EditionStatus,
    EmailPreference,
    Member,
)
from caseboard.models.base import utcnow

log = logging.getLogger(__name__)

DIGEST = "digest"  # the email preference kind
PENDING_DAYS = 7  # a digest not sent within a week of its edition is news no longer


def recipients(edition: Edition) -> Select:
    """Members with an address who opted in and have not been sent this edition yet."""
    return (
        select(Member)
        .join(
            EmailPreference,
            (EmailPreference.member_id == Member.id) & (EmailPreference.kind == DIGEST),
        )
        .where(
            Member.deleted_at.is_(None),
            Member.email.is_not(None),
            Member.email != "",
            ~exists().where(
                DigestDelivery.edition_id == edition.id, DigestDelivery.member_id == Member.id
            ),
        )
        .order_by(Member.id)
    )


def editions_with_pending_digests(now: datetime | None = None) -> list[int]:
    """Editions published in the last PENDING_DAYS with someone still waiting for their
    digest (a lost job, or Redis down at publishing): the sweep queues them again."""
    since = (now or utcnow()) - timedelta(days=PENDING_DAYS)
    recent = db.session.scalars(
        select(Edition).where(
            Edition.status == EditionStatus.PUBLISHED, Edition.published_at >= since
        )
    ).all()
    return [
        edition.id
        for edition in recent
        if db.session.scalar(select(recipients(edition).limit(1).exists()))
    ]


def queue_digest(edition_id: int) -> None:
    """Queue an edition's digest; if Redis is down, the periodic pass queues it once it is back."""
    queueing.enqueue(
        send_edition_digest, edition_id, retry=queueing.MAIL_RETRY, run_here_if_down=False
    )


def queue_pending_digests() -> None:
    """Queue the digest of every recent edition with members still waiting for it (its job
    was lost, or Redis was down when it was published): a step of the periodic pass."""
    for edition_id in editions_with_pending_digests():
        queue_digest(edition_id)


def send_edition_digest(edition_id: int) -> int:
    """Send the edition to each recipient once; returns how many were sent.

    Each member's delivery is claimed (committed) before their email is sent, so two workers
    never both send it and no transaction stays open during an SMTP conversation; a send that
    fails gives its claim back and raises, and the retried job carries on from there.
    """
    edition = db.session.get(Edition, edition_id)
    if edition is None or not edition.is_published:
        return 0
    highlights = [h for h in edition.highlights if h.case.status == ContentStatus.PUBLISHED]
    links = {
        "edition": external_url("curation.edition", key=edition.key),
        "cases": {
            h.id: external_url("curation.example", public_id=h.case.public_id) for h in highlights
        },
        "settings": external_url("notifications.settings"),
    }
    subject = f"Caseboard highlights, {edition.key}: {edition.title or 'this week’s cases'}"
    sent = 0
    for member in db.session.scalars(recipients(edition)).all():
        mail_key = member.ensure_mail_key()  # saved with the claim
        delivery = DigestDelivery(edition_id=edition.id, member_id=member.id)
        db.session.add(delivery)
        try:
            db.session.commit()
        except IntegrityError:  # another worker is sending this one
            db.session.rollback()
            continue
        unsubscribe = external_url(
            "notifications.unsubscribe", token=mail.unsubscribe_token(mail_key, DIGEST)
        )
        context = {
            "edition": edition,
            "highlights": highlights,
            "links": links,
            "unsubscribe": unsubscribe,
        }
        message = mail.new_message(
            member.email,
            subject,
            render_template("curation/email/digest.txt", **context),
            render_template("curation/email/digest.html", **context),
        )
        mail.add_unsubscribe(message, unsubscribe)
        try:
            mail.send(message)
        except OSError:
            db.session.delete(delivery)
            db.session.commit()
            log.warning("could not send a digest email; the job will be retried")
            raise
        sent += 1
    log.info("sent %d digest emails", sent)
    return sent
