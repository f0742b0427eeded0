"""The moderation log: every decision appended, never changed, and exported on request."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from typing import TextIO

from sqlalchemy import select

from caseboard.extensions import db
from caseboard.identity import moderator_alias
from caseboard.models import Member, ModAction
from caseboard.moderation import subjects
from caseboard.moderation.subjects import Subject
from caseboard.public_time import day_of

# Plain words for each action, for the public page and for notices.
ACTION_WORDS = {
    "approve": "approved",
    "reject": "rejected",
    "return": "returned for edits",
    "remove": "removed",
    "restore": "restored",
    "lock": "locked",
    "unlock": "unlocked",
    "warn": "warned the author of",
    "suspend": "suspended the author of",
    "ban": "permanently suspended the author of",
    "spam_wave": "took down everything, as spam, by the author of",
    "appeal_granted": "granted an appeal on",
    "appeal_denied": "denied an appeal on",
    "identity_lookup": "looked up the account behind",
    "publish_edition": "published",
    "correct_edition": "corrected",
}

EXPORT_FIELDS = (
    "id",
    "created_on",
    "moderator",
    "action",
    "subject_kind",
    "subject_id",
    "case_id",
    "reason_code",
    "reason_text",
    "identifying",
    "until",
)


def record(
    moderator: Member,
    action: str,
    subject: Subject | None = None,
    *,
    reason_code: str = "",
    reason_text: str = "",
    identifying: bool = False,
    until: datetime | None = None,
) -> ModAction:
    """Append one decision to the log (the caller commits with the change it records)."""
    entry = ModAction(
        moderator_id=moderator.id,
        action=action,
        subject_kind=subjects.kind_of(subject) if subject is not None else None,
        subject_public_id=subject.public_id if subject is not None else None,
        case_public_id=subjects.case_of(subject).public_id if subject is not None else None,
        reason_code=reason_code,
        reason_text=reason_text,
        identifying=identifying,
        until=until,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def record_edition(
    moderator: Member,
    action: str,
    edition_key: str,
    *,
    case_public_id: str | None = None,
    reason_text: str = "",
) -> ModAction:
    """Append a decision about a highlight edition (publishing it, or correcting it)."""
    entry = ModAction(
        moderator_id=moderator.id,
        action=action,
        subject_kind="edition",
        subject_public_id=edition_key,
        case_public_id=case_public_id,
        reason_text=reason_text,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def as_row(entry: ModAction) -> dict:
    """One log entry for export: the moderator as their alias, never their account, and
    its day, never its minute (caseboard/public_time.py)."""
    return {
        "id": entry.public_id,
        "created_on": day_of(entry.created_at).isoformat(),
        "moderator": moderator_alias(entry.moderator_id),
        "action": entry.action,
        "subject_kind": entry.subject_kind or "",
        "subject_id": entry.subject_public_id or "",
        "case_id": entry.case_public_id or "",
        "reason_code": entry.reason_code,
        "reason_text": entry.reason_text,
        "identifying": entry.identifying,
        "until": day_of(entry.until).isoformat() if entry.until else "",
    }


def export(stream: TextIO, fmt: str) -> int:
    """Write the whole log, oldest first, as CSV or JSON; returns how many entries."""
    rows = [
        as_row(entry)
        for entry in db.session.scalars(select(ModAction).order_by(ModAction.id)).all()
    ]
    if fmt == "json":
        json.dump(rows, stream, indent=2, ensure_ascii=False)
        stream.write("\n")
    else:
        writer = csv.DictWriter(stream, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
