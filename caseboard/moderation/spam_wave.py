"""A spam wave, stopped in one action: everything the author of one item wrote (cases,
verdicts, replies; shown or waiting) is taken down as spam and remembered, their open queue
items are closed, and the account is suspended.

The moderator acts on the item, as with every decision, and never learns whose account it
was. The log gets one entry naming the item, with neither the author nor how many items went.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from caseboard.cache import drop_cached_pages
from caseboard.cases.counts import recount_case
from caseboard.errors import Conflict, NotFound
from caseboard.extensions import db
from caseboard.models import (
    Case,
    ContentStatus,
    Member,
    ModAction,
    ModerationItem,
    ReasonTemplate,
    Reply,
    Report,
    Verdict,
)
from caseboard.models.base import utcnow
from caseboard.moderation import decisions, log, reports, sanctions, spam_memory, subjects
from caseboard.moderation.subjects import Subject

ACTION = "spam_wave"  # the log's word for it (log.ACTION_WORDS)
# What a wave takes down, and what it leaves each in: shown content is removed, content
# never shown (waiting, scheduled, returned) is rejected, as single decisions would.
SHOWN = (ContentStatus.PUBLISHED,)
NOT_YET_SHOWN = (ContentStatus.SCHEDULED, ContentStatus.HELD, ContentStatus.RETURNED)
# Lock order, the same as decisions.decide's: queue items first, then content; verdicts
# and replies before cases, as every other writer (a recount locks the case after its
# verdicts).
MODELS = (("verdict", Verdict), ("reply", Reply), ("case", Case))


@dataclass(frozen=True)
class Wave:
    """What one spam-wave action did: its log entry, and how many items it took down."""

    entry: ModAction
    removed: int


def remove_everything_by_author(subject: Subject, moderator: Member) -> Wave:
    """Take down everything by the author of `subject` as spam, suspend them, and log it once."""
    decisions.require_moderator(moderator)
    decisions.require_not_involved(subject, moderator)
    template = db.session.scalar(
        select(ReasonTemplate).where(ReasonTemplate.code == spam_memory.SPAM_REASON)
    )
    if template is None:
        raise NotFound("The spam reason is missing from the reason templates.")
    author = subjects.author_id(subject)
    now = utcnow()
    _lock_open_items(author)
    taken: list[tuple[str, int, int, list[str]]] = []  # kind, id, case id, texts by field
    for kind, model in MODELS:
        taken += _take_down(kind, model, author, SHOWN, ContentStatus.REMOVED)
        taken += _take_down(kind, model, author, NOT_YET_SHOWN, ContentStatus.REJECTED)
    if not taken:
        db.session.rollback()
        raise Conflict("Everything by the author of this item has been taken down already.")
    keys = [f"{kind}:{row_id}" for kind, row_id, _, _ in taken]
    _settle_queue(keys, now)
    cases = sorted({case_id for _, _, case_id, _ in taken})
    for case_id in cases:
        recount_case(case_id)
    for key, (_, _, _, texts) in zip(keys, taken, strict=True):
        spam_memory.remember(texts, key)
    entry = _suspend(subject, moderator, template, len(taken), now)
    db.session.commit()
    for position, case_id in enumerate(cases):
        drop_cached_pages(case_id, lists=position == 0)
    return Wave(entry, len(taken))


def _lock_open_items(author: int) -> None:
    """Lock the open queue items about the author's content, in id order, before any content
    row: decisions.decide locks its item, then the content, and a wave locking the other way
    round could wait on a decision that waits on it (PostgreSQL aborts one of the two). An
    item a decision closes meanwhile is skipped once the decision commits."""
    keys = [
        f"{kind}:{row_id}"
        for kind, model in MODELS
        for row_id in db.session.scalars(
            select(model.id).where(*_by_author(model, author, SHOWN + NOT_YET_SHOWN))
        )
    ]
    if keys:
        db.session.execute(
            select(ModerationItem.id)
            .where(ModerationItem.subject_key.in_(keys), ModerationItem.closed_at.is_(None))
            .order_by(ModerationItem.id)
            .with_for_update()
        )


def _by_author(model, author: int, statuses) -> list:
    """The conditions for the author's content of one kind in `statuses`."""
    author_column = model.author_id if model is Case else model.member_id
    conditions = [author_column == author, model.status.in_(statuses)]
    if model is Reply:
        conditions.append(Reply.deleted_at.is_(None))  # blanked: nothing to remove
    return conditions


def _take_down(kind, model, author, statuses, new_status) -> list[tuple[str, int, int, list]]:
    """Set the author's content of one kind in `statuses` to `new_status`; what changed, with
    its text (read in the same statement, so a concurrent wave can't take it twice)."""
    case_column = model.id if model is Case else model.case_id
    fields = subjects.TEXT_FIELDS[kind].values()
    text_columns = [getattr(model, attribute) for attribute, _ in fields]
    statement = update(model).where(*_by_author(model, author, statuses))
    rows = db.session.execute(
        statement.values(status=new_status)
        .returning(model.id, case_column, *text_columns)
        .execution_options(synchronize_session=False)
    ).all()
    return [(kind, row[0], row[1], [part or "" for part in row[2:]]) for row in rows]


def _settle_queue(keys: list[str], now: datetime) -> None:
    """Close every open item about the content taken down (held, reported, appealed) and
    uphold the reports on it."""
    db.session.execute(
        update(ModerationItem)
        .where(ModerationItem.subject_key.in_(keys), ModerationItem.closed_at.is_(None))
        .values(closed_at=now, outcome=ACTION)
        .execution_options(synchronize_session=False)
    )
    reported = db.session.scalars(
        select(Report.subject_key)
        .where(Report.subject_key.in_(keys), Report.status == "open")
        .distinct()
    ).all()
    for key in reported:
        reports.resolve_key(key, upheld=True, now=now)


def _suspend(subject, moderator, template, removed, now) -> ModAction:
    """The one log entry, and the suspension it stands for (decisions.sanction_author: the
    author is told, and signed out everywhere)."""
    days = current_app.config["SPAM_WAVE_SUSPEND_DAYS"]
    entry = log.record(
        moderator,
        ACTION,
        subject,
        reason_code=template.code,
        # Not how many: many items vanishing at once beside a count would tie them to one
        # account for anyone reading the public log. The moderator's flash says how many.
        reason_text="Taken down as spam.",
        until=now + timedelta(days=days) if days else None,
    )
    decisions.sanction_author(
        subject,
        entry,
        sanctions.SUSPEND if days else sanctions.BAN,
        decisions.reason_words(template, ""),
        told=f"A moderator took down everything you wrote ({removed} item"
        f"{'s' if removed != 1 else ''}) as spam.",
    )
    return entry
