"""Reports: any member flags content once, with a reason; enough weight hides it for review.

A reporter's weight starts at 1, grows towards 2 as their reports are upheld and falls
towards 0 as they are dismissed, so flagging everything loses its force; a new or limited
member's counts for less (accounts/trust.py).
"""

from __future__ import annotations

import math
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select, update

from caseboard.accounts import trust
from caseboard.cache import drop_cached_pages
from caseboard.cases.counts import recount_case
from caseboard.database import insert_or_refuse
from caseboard.errors import Conflict, NotAllowed, NotFound, ServiceError
from caseboard.extensions import db
from caseboard.models import Case, ContentStatus, ItemKind, Member, Report
from caseboard.moderation import queue, subjects
from caseboard.moderation.sanctions import ensure_can_write
from caseboard.moderation.subjects import Subject

REASONS = {
    "identifying": "It identifies someone (a name, employer or contact details)",
    "unkind": "It is unkind or harassing",
    "spam": "It is spam",
    "fake": "It is fake or trolling",
    "off_topic": "It is off-topic",
    "other": "Something else (say what)",
}
MAX_DETAILS = 1000


def reporter_weight(member: Member) -> float:
    """How much this member's next report counts by their track record alone:
    2 * (upheld + 1) / (judged + 2)."""
    return _weight(member.reports_upheld, member.reports_dismissed)


def report_weight(member: Member) -> float:
    """What this member's report weighs now: their track record times their trust level's
    factor, so a batch of fresh accounts can't hide something by themselves."""
    return reporter_weight(member) * trust.report_weight_factor(trust.current_level(member))


def _weight(upheld: int, dismissed: int) -> float:
    return 2.0 * (upheld + 1) / (upheld + dismissed + 2)


def reporters_to_hide(threshold: float) -> int:
    """How many members it takes to hide something when none of their reports has been
    judged yet (for telling readers how hiding works)."""
    return math.ceil(threshold / _weight(0, 0) - 1e-9)


def report(member: Member, subject: Subject, reason_code: str, details: str = "") -> Report:
    """File a member's one report on a case, verdict or reply, and hide the subject for review
    once the weight of distinct reporters reaches REPORT_HIDE_THRESHOLD."""
    ensure_can_write(member)
    if reason_code not in REASONS:
        raise ServiceError("Choose one of the listed reasons.")
    details = details.strip()
    if reason_code == "other" and not details:
        raise ServiceError("Say in a few words what is wrong, so a moderator can check it.")
    if len(details) > MAX_DETAILS:
        raise ServiceError(f"Keep the details under {MAX_DETAILS} characters.")
    case = subjects.case_of(subject)
    if not subjects.is_shown(subject):
        raise NotFound("This is no longer shown, so there is nothing to report.")
    if subjects.author_id(subject) == member.id:
        raise NotAllowed("You can't report what you wrote. You can edit or delete it instead.")
    row = Report(
        reporter_id=member.id,
        subject_key=subjects.key_of(subject),
        reason_code=reason_code,
        details=details,
        weight=report_weight(member),
        **subjects.columns(subject),
    )
    insert_or_refuse(row, Conflict("You have already reported this. A moderator will look at it."))
    queue.open_item(ItemKind.REPORTED, subject)
    # Hiding recounts the case, taking row locks verdicts first, then the case, the same
    # order as every other writer, so concurrent replies and edits can't deadlock with it.
    hidden = _hide_if_over_threshold(subject)
    db.session.commit()
    drop_cached_pages(case.id, lists=hidden)
    return row


def open_weight(subject: Subject) -> float:
    return db.session.scalar(
        select(func.coalesce(func.sum(Report.weight), 0.0)).where(
            Report.subject_key == subjects.key_of(subject), Report.status == "open"
        )
    )


def _hide_if_over_threshold(subject: Subject) -> bool:
    if open_weight(subject) < current_app.config["REPORT_HIDE_THRESHOLD"] - 1e-9:
        return False
    model = type(subject)
    hidden = db.session.execute(
        update(model)
        .where(model.id == subject.id, model.status == ContentStatus.PUBLISHED)
        .values(status=ContentStatus.HELD)
        .execution_options(synchronize_session=False)
    ).rowcount
    if hidden and not isinstance(subject, Case):
        recount_case(subject.case_id)
    db.session.refresh(subject)
    return bool(hidden)


def resolve(subject: Subject, *, upheld: bool, now: datetime) -> None:
    """Settle the open reports on a subject, and move each reporter's track record."""
    resolve_key(subjects.key_of(subject), upheld=upheld, now=now)


def resolve_key(key: str, *, upheld: bool, now: datetime) -> None:
    """`resolve` for the subject with this key (subjects.key_of)."""
    reporter_ids = db.session.scalars(
        select(Report.reporter_id).where(Report.subject_key == key, Report.status == "open")
    ).all()
    if not reporter_ids:
        return
    db.session.execute(
        update(Report)
        .where(Report.subject_key == key, Report.status == "open")
        .values(status="upheld" if upheld else "dismissed", resolved_at=now)
        .execution_options(synchronize_session=False)
    )
    column = Member.reports_upheld if upheld else Member.reports_dismissed
    db.session.execute(
        update(Member)
        .where(Member.id.in_(reporter_ids))
        .values({column: column + 1})
        .execution_options(synchronize_session=False)
    )
