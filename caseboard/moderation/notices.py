"""Telling a member what happened to their content (the inbox grows with curation)."""

from __future__ import annotations

from sqlalchemy import update

from caseboard.extensions import db
from caseboard.models import Notification
from caseboard.models.base import utcnow
from caseboard.moderation import subjects
from caseboard.moderation.subjects import Subject


def notify(member_id: int, kind: str, message: str, subject: Subject | None = None) -> None:
    """Queue a notice for the member, about `subject` if given; the caller commits with the
    change it reports."""
    db.session.add(
        Notification(
            member_id=member_id,
            kind=kind,
            message=message,
            subject_kind=subjects.kind_of(subject) if subject is not None else None,
            subject_public_id=subject.public_id if subject is not None else None,
        )
    )


def mark_read(member_id: int) -> None:
    db.session.execute(
        update(Notification)
        .where(Notification.member_id == member_id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.commit()
