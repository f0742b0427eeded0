"""The email digest of a new highlight edition, for members who asked for it."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import render_template
from sqlalchemy import Select, delete, exists, or_, select, update
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


def recipients(edition: Edition, now: datetime) -> Select:
    """Members with an address who opted in and have not been sent this edition yet, and
    whose copy no live sender has claimed (a lapsed claim's sender died mid-send)."""
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
                DigestDelivery.edition_id == edition.id,
                DigestDelivery.member_id == Member.id,
                or_(
                    DigestDelivery.sent_at.is_not(None),
                    DigestDelivery.claimed_at >= mail.claim_lapsed_before(now),
                ),
            ),
        )
        .order_by(Member.id)
    )


def editions_with_pending_digests(now: datetime | None = None) -> list[int]:
    """Editions published in the last PENDING_DAYS with someone still waiting for their
    digest (a lost job, or Redis down at publishing): the periodic pass queues them again."""
    now = now or utcnow()
    since = now - timedelta(days=PENDING_DAYS)
    recent = db.session.scalars(
        select(Edition).where(
            Edition.status == EditionStatus.PUBLISHED, Edition.published_at >= since
        )
    ).all()
    return [
        edition.id
        for edition in recent
        if db.session.scalar(select(recipients(edition, now).limit(1).exists()))
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
    """Send the edition to each recipient; returns how many were sent.

    Each member's copy is claimed (committed) before it is sent, so two workers never both
    send it and no transaction stays open during an SMTP conversation, and counts as sent
    only once the mail server took it. A send that fails gives its claim back and raises
    (the retried job carries on from there); a worker that dies mid-send leaves a claim
    that lapses, and the periodic pass queues the digest again. A member can then get it
    twice, if the server took it just before the worker died: with the same Message-ID.
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
    for member in db.session.scalars(recipients(edition, utcnow())).all():
        mail_key = member.ensure_mail_key()  # saved with the claim
        if not _claim(edition.id, member.id):
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
            identity=("digest", edition.id, member.id),
        )
        mail.add_unsubscribe(message, unsubscribe)
        this_copy = (DigestDelivery.edition_id == edition.id) & (
            DigestDelivery.member_id == member.id
        )
        try:
            mail.send(message)
        except OSError:
            db.session.execute(delete(DigestDelivery).where(this_copy))
            db.session.commit()
            log.warning("could not send a digest email; the job will be retried")
            raise
        db.session.execute(update(DigestDelivery).where(this_copy).values(sent_at=utcnow()))
        db.session.commit()
        sent += 1
    log.info("sent %d digest emails", sent)
    return sent


def _claim(edition_id: int, member_id: int) -> bool:
    """Claim one member's copy, or take over a claim whose sender died; commits. False when
    another sender holds a live claim or has sent it."""
    now = utcnow()
    taken_over = db.session.execute(
        update(DigestDelivery)
        .where(
            DigestDelivery.edition_id == edition_id,
            DigestDelivery.member_id == member_id,
            DigestDelivery.sent_at.is_(None),
            DigestDelivery.claimed_at < mail.claim_lapsed_before(now),
        )
        .values(claimed_at=now)
    ).rowcount
    if not taken_over:
        db.session.add(DigestDelivery(edition_id=edition_id, member_id=member_id, claimed_at=now))
    try:
        db.session.commit()
    except IntegrityError:  # another sender has claimed it
        db.session.rollback()
        return False
    return True
