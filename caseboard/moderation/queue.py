"""Putting things in front of moderators: one open queue item per kind and subject."""

from __future__ import annotations

import json

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from caseboard.extensions import db
from caseboard.models import ItemKind, ModerationItem
from caseboard.models.base import utcnow
from caseboard.moderation.pipeline import Finding
from caseboard.moderation.subjects import Subject, columns, key_of


def open_item(kind: str, subject: Subject, findings: list[Finding] = ()) -> ModerationItem:
    """The open item of this kind for the subject, made if there is none; its findings are
    replaced by the latest ones (the author may have redacted since). Does not commit."""
    key = key_of(subject)
    item = find_open(kind, key)
    if item is None:
        savepoint = db.session.begin_nested()
        item = ModerationItem(kind=kind, subject_key=key, **columns(subject))
        db.session.add(item)
        try:
            savepoint.commit()
        except IntegrityError:  # another request opened it a moment ago (the unique index)
            savepoint.rollback()
            item = find_open(kind, key)
    item.findings_json = json.dumps([finding.to_dict() for finding in findings])
    return item


def under_review(subject: Subject) -> bool:
    """Whether reports on the subject wait for a moderator: its author may not change it
    meanwhile, or the moderator would judge other words than the ones reported."""
    return find_open(ItemKind.REPORTED, key_of(subject)) is not None


def close_open(subject: Subject, outcome: str) -> None:
    """Close every open item about a subject that went away (a held reply deleted, say)."""
    db.session.execute(
        update(ModerationItem)
        .where(ModerationItem.subject_key == key_of(subject), ModerationItem.closed_at.is_(None))
        .values(closed_at=utcnow(), outcome=outcome)
        .execution_options(synchronize_session=False)
    )


def find_open(kind: str, key: str) -> ModerationItem | None:
    """The open item of this kind about the subject with this key, if any."""
    return db.session.scalar(
        select(ModerationItem).where(
            ModerationItem.kind == kind,
            ModerationItem.subject_key == key,
            ModerationItem.closed_at.is_(None),
        )
    )


def finding_marker(check: str) -> str:
    """The text every finding of this check has in an item's findings_json, written by the
    same json.dumps as open_item, so a query can find items by check on either database."""
    return json.dumps({"check": check})[1:-1]


def findings_of(item: ModerationItem) -> list[Finding]:
    return [Finding(**data) for data in json.loads(item.findings_json or "[]")]
