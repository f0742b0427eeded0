"""Read side of moderation: the queue, an item with everything a moderator needs, the
public log, and what an author is told about their own held or removed content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, exists, func, or_, select

from caseboard.extensions import db
from caseboard.identity import moderator_alias
from caseboard.models import (
    ContentStatus,
    ItemKind,
    ModAction,
    ModerationItem,
    ReasonTemplate,
    Report,
)
from caseboard.models.base import is_public_id, utcnow
from caseboard.moderation import queue, subjects
from caseboard.moderation.subjects import Subject

PER_PAGE = 50
APPEALABLE = ("reject", "remove")  # decisions that take content down for good
APPEALED_STATUSES = (ContentStatus.REJECTED, ContentStatus.REMOVED)  # what they leave behind
CONTENT_DECISIONS = ("approve", "reject", "return", "remove", "restore", "appeal_granted")
# The queue's "suspected spam": items a check of these found something in, or reported as spam.
SPAM_CHECKS = ("spam", "spam_memory", "form_signals", "trust")
SPAM_REPORT_REASON = "spam"


@dataclass
class QueueEntry:
    """One line of the queue: the item, its subject, and how reports on it stand."""

    item: ModerationItem
    subject: Subject | None
    report_reasons: dict[str, int]
    claimed_by: str | None


def open_items(
    now: datetime | None = None, limit: int = PER_PAGE, *, suspected_spam: bool = False
) -> list[QueueEntry]:
    """Open items, oldest first (the longest wait gets seen first); only those suspected of
    being spam if asked."""
    query = select(ModerationItem).where(ModerationItem.closed_at.is_(None))
    if suspected_spam:
        query = query.where(_suspected_spam())
    items = db.session.scalars(
        query.order_by(ModerationItem.created_at.asc(), ModerationItem.id.asc()).limit(limit)
    ).all()
    return _entries(items, now or utcnow())


def open_count(*, suspected_spam: bool = False) -> int:
    query = select(func.count()).select_from(ModerationItem)
    query = query.where(ModerationItem.closed_at.is_(None))
    return db.session.scalar(query.where(_suspected_spam()) if suspected_spam else query)


def _suspected_spam() -> ColumnElement[bool]:
    """An item a spam check found something in, or with an open report of spam. Its findings
    are JSON text: matched as text, the same way on SQLite and PostgreSQL (few items are
    open, so no index is needed)."""
    found = [
        ModerationItem.findings_json.contains(queue.finding_marker(check), autoescape=True)
        for check in SPAM_CHECKS
    ]
    reported = exists().where(
        Report.subject_key == ModerationItem.subject_key,
        Report.status == "open",
        Report.reason_code == SPAM_REPORT_REASON,
    )
    return or_(*found, reported)


def entry(item: ModerationItem, now: datetime | None = None) -> QueueEntry:
    return _entries([item], now or utcnow())[0]


def _entries(items: list[ModerationItem], now: datetime) -> list[QueueEntry]:
    """Items with their subjects and open reports by reason, in three queries however many."""
    reasons: dict[str, dict[str, int]] = {}
    for key, code, count in db.session.execute(
        select(Report.subject_key, Report.reason_code, func.count())
        .where(
            Report.subject_key.in_({item.subject_key for item in items}),
            Report.status == "open",
        )
        .group_by(Report.subject_key, Report.reason_code)
    ):
        reasons.setdefault(key, {})[code] = count
    loaded = subjects.load_many(items)
    return [
        QueueEntry(
            item=item,
            subject=loaded.get(item.subject_key),
            report_reasons=reasons.get(item.subject_key, {}),
            claimed_by=moderator_alias(item.claimed_by_id) if claim_active(item, now) else None,
        )
        for item in items
    ]


def claim_active(item: ModerationItem, now: datetime) -> bool:
    """A claim lapses after CLAIM_MINUTES, so an abandoned item is free again."""
    if item.claimed_by_id is None or item.claimed_at is None:
        return False
    return now - item.claimed_at < timedelta(minutes=current_app.config["CLAIM_MINUTES"])


def get_item(public_id: str) -> ModerationItem | None:
    if not is_public_id(public_id):
        return None
    return db.session.scalar(select(ModerationItem).where(ModerationItem.public_id == public_id))


def reports_on(item: ModerationItem) -> list[Report]:
    """The open reports on the item's subject; shown by reason, never by who."""
    return db.session.scalars(
        select(Report)
        .where(Report.subject_key == item.subject_key, Report.status == "open")
        .order_by(Report.created_at)
    ).all()


def history(subject: Subject) -> list[ModAction]:
    """Earlier decisions on the same subject, newest first."""
    return db.session.scalars(
        select(ModAction)
        .where(
            ModAction.subject_kind == subjects.kind_of(subject),
            ModAction.subject_public_id == subject.public_id,
        )
        .order_by(ModAction.created_at.desc(), ModAction.id.desc())
    ).all()


def reason_templates() -> list[ReasonTemplate]:
    return db.session.scalars(select(ReasonTemplate).order_by(ReasonTemplate.id)).all()


def appeal_of(action: ModAction) -> ModerationItem | None:
    """The appeal filed against a decision, if any (each can be appealed once)."""
    return db.session.scalar(
        select(ModerationItem).where(ModerationItem.appealed_action_id == action.id)
    )


def reason_title(code: str) -> str:
    """The current title of a reason template ("" for none)."""
    if not code:
        return ""
    title = db.session.scalar(select(ReasonTemplate.title).where(ReasonTemplate.code == code))
    return title or code


def log_page(page: int, per_page: int = PER_PAGE) -> tuple[list[ModAction], bool]:
    rows = db.session.scalars(
        select(ModAction)
        .order_by(ModAction.created_at.desc(), ModAction.id.desc())
        .limit(per_page + 1)
        .offset((page - 1) * per_page)
    ).all()
    return rows[:per_page], len(rows) > per_page


def author_view(subject: Subject) -> dict:
    """What the author of a case, verdict or reply is told about its moderation: whether it
    waits and why, the last decision with its reason, and whether it can be appealed."""
    if subject.status == ContentStatus.PUBLISHED:
        return {"moderation": None}
    item = queue.find_open(ItemKind.HELD, subjects.key_of(subject))
    decisions = history(subject)
    # The latest decision on the content itself, not a sanction or lock logged beside it.
    last = next((entry for entry in decisions if entry.action in CONTENT_DECISIONS), None)
    appealable = (
        last is not None
        and last.action in APPEALABLE
        and subject.status in APPEALED_STATUSES
        and appeal_of(last) is None
    )
    return {
        "moderation": {
            "status": subject.status,
            "findings": queue.findings_of(item) if item is not None else [],
            "decision": last,
            "can_appeal": appealable,
        }
    }
