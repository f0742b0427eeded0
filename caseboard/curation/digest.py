"""The email digest of a new highlight edition, for members who asked for it."""

from __future__ import annotations

import logging

from flask import render_template
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from caseboard import mail
from caseboard.extensions import db
from caseboard.models import DigestDelivery, Edition, EmailPreference, Member

log = logging.getLogger(__name__)

DIGEST = "digest"  # the email preference kind


def recipients(edition: Edition) -> list[Member]:
    """Members with an address who opted in and have not been sent this edition yet."""
    return db.session.scalars(
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
    ).all()


def send_edition_digest(edition_id: int) -> int:
    """Send the edition to each recipient once; returns how many were sent.

    Each delivery is recorded in the same transaction that follows the send, so a job retried
    after a crash skips those already sent; a send that fails leaves no record and is retried.
    """
    edition = db.session.get(Edition, edition_id)
    if edition is None or not edition.is_published:
        return 0
    with mail.as_if_requested():
        return _send_to_recipients(edition)


def _send_to_recipients(edition: Edition) -> int:
    highlights = [h for h in edition.highlights if h.case.status == "published"]
    links = {
        "edition": mail.external_url("curation.edition", key=edition.key),
        "cases": {
            h.id: mail.external_url("curation.example", public_id=h.case.public_id)
            for h in highlights
        },
        "settings": mail.external_url("notifications.settings"),
    }
    sent = 0
    for member in recipients(edition):
        db.session.add(DigestDelivery(edition_id=edition.id, member_id=member.id))
        try:
            db.session.flush()
        except IntegrityError:  # another worker is sending this one
            db.session.rollback()
            continue
        unsubscribe = mail.external_url(
            "notifications.unsubscribe", token=mail.unsubscribe_token(member.id, DIGEST)
        )
        context = {
            "edition": edition,
            "highlights": highlights,
            "links": links,
            "unsubscribe": unsubscribe,
        }
        message = mail.new_message(
            member.email,
            f"Caseboard highlights, {edition.key}: {edition.title or 'this week’s cases'}",
            render_template("curation/email/digest.txt", **context),
            render_template("curation/email/digest.html", **context),
        )
        mail.add_unsubscribe(message, unsubscribe)
        try:
            mail.send(message)
        except OSError:
            db.session.rollback()
            log.warning("could not send a digest email; the job can be retried")
            raise
        db.session.commit()
        sent += 1
    return sent
