"""Putting things in front of moderators: one open queue item per kind and subject."""

from __future__ import annotations

import json

from sqlalchemy import select

from caseboard.extensions import db
from caseboard.models import ModerationItem
from caseboard.moderation.pipeline import Finding
from caseboard.moderation.subjects import Subject, columns, key_of


def open_item(kind: str, subject: Subject, findings: list[Finding] = ()) -> ModerationItem:
    """The open item of this kind for the subject, made if there is none; its findings are
    replaced by the latest ones (the author may have redacted since). Does not commit."""
    key = key_of(subject)
    item = _find_open(kind, key)
    if item is None:
        savepoint = db.session.begin_nested()
        item = ModerationItem(kind=kind, subject_key=key, **columns(subject))
        db.session.add(item)
        try:
            savepoint.commit()
        except Exception:  # another request opened it a moment ago (the partial unique index)
            savepoint.rollback()
            item = _find_open(kind, key)
    item.findings_json = json.dumps([finding.to_dict() for finding in findings])
    return item


def _find_open(kind: str, key: str) -> ModerationItem | None:
    return db.session.scalar(
        select(ModerationItem).where(
            ModerationItem.kind == kind,
            ModerationItem.subject_key == key,
            ModerationItem.closed_at.is_(None),
        )
    )


def findings_of(item: ModerationItem) -> list[Finding]:
    return [Finding(**data) for data in json.loads(item.findings_json or "[]")]
