"""Moderators' decisions on queue items and content: claim, approve, reject, return,
remove, restore, lock, sanction. Each is logged, and the author is told why."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from caseboard.accounts import sessions as account_sessions
from caseboard.accounts import trust
from caseboard.cache import drop_cached_pages
from caseboard.cases import services as case_services
from caseboard.cases.counts import recount_case
from caseboard.errors import Conflict, NotAllowed, NotFound, ServiceError
from caseboard.extensions import db
from caseboard.identity import moderator_alias
from caseboard.models import (
    Case,
    ContentStatus,
    ItemKind,
    Member,
    ModAction,
    ModerationItem,
    ReasonTemplate,
    Sanction,
)
from caseboard.models.base import utcnow
from caseboard.moderation import log, reports, sanctions, spam_memory, subjects
from caseboard.moderation.queries import APPEALABLE, APPEALED_STATUSES, claim_active
from caseboard.moderation.sanctions import BAN, SUSPEND, WARN, ensure_can_write
from caseboard.moderation.subjects import Subject
from caseboard.notifications import services as notifications
from caseboard.notifications import triggers

# Which decisions fit which item, and the status each one leaves the subject in.
ITEM_ACTIONS = {
    ItemKind.HELD: ("approve", "reject", "return"),
    ItemKind.REPORTED: ("approve", "remove", "return"),
    ItemKind.APPEAL: ("grant", "deny"),
}
NEW_STATUS = {
    "approve": ContentStatus.PUBLISHED,
    "reject": ContentStatus.REJECTED,
    "return": ContentStatus.RETURNED,
    "remove": ContentStatus.REMOVED,
    "restore": ContentStatus.PUBLISHED,
}
# Decisions that take content down: the reports behind them were right.
TAKES_DOWN = ("reject", "return", "remove")
SANCTION_KINDS = (WARN, SUSPEND, BAN)


def require_moderator(member: Member) -> None:
    """Moderators only, and not while suspended themselves."""
    if not member.is_moderator:
        raise NotAllowed("Only moderators can do that.")
    ensure_can_write(member)


def claim(item: ModerationItem, moderator: Member, now: datetime | None = None) -> None:
    """Take an item so two moderators don't work on it at once (the claim lapses)."""
    now = now or utcnow()
    _require_may_decide(item, moderator, now)
    claimed = db.session.execute(
        update(ModerationItem)
        .where(ModerationItem.id == item.id, ModerationItem.closed_at.is_(None))
        .where(_claimable_by(moderator, now))
        .values(claimed_by_id=moderator.id, claimed_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if not claimed:
        db.session.refresh(item)
        raise Conflict(f"{moderator_alias(item.claimed_by_id)} is already working on this item.")


def release(item: ModerationItem, moderator: Member) -> None:
    db.session.execute(
        update(ModerationItem)
        .where(ModerationItem.id == item.id, ModerationItem.claimed_by_id == moderator.id)
        .values(claimed_by_id=None, claimed_at=None)
    )
    db.session.commit()


def decide(
    item: ModerationItem,
    moderator: Member,
    action: str,
    *,
    reason_code: str,
    reason_text: str = "",
    sanction: str = "",
    suspend_days: int = 0,
) -> ModAction:
    """Close a queue item with a decision, apply it to its subject, log it, tell the author."""
    now = utcnow()
    _require_may_decide(item, moderator, now)
    if action not in ITEM_ACTIONS[item.kind]:
        raise ServiceError(f"Choose one of: {', '.join(ITEM_ACTIONS[item.kind])}.")
    template = _reason(reason_code, required=action not in ("approve", "grant") or bool(sanction))
    if sanction:
        _check_sanction(sanction, suspend_days)
    subject = subjects.of_item(item)
    if subject is None:
        raise NotFound("What this item was about has been deleted.")
    if item.kind == ItemKind.APPEAL and subject.status not in APPEALED_STATUSES:
        raise Conflict("The decision appealed no longer stands, so there is nothing to decide.")
    # Close the item first, only if still open and not claimed by someone else meanwhile:
    # two moderators can't both decide it.
    closed = db.session.execute(
        update(ModerationItem)
        .where(ModerationItem.id == item.id, ModerationItem.closed_at.is_(None))
        .where(_claimable_by(moderator, now))
        .values(closed_at=now, outcome=action)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not closed:
        db.session.rollback()
        raise Conflict("Another moderator took or decided this item a moment ago.")
    if item.kind == ItemKind.APPEAL:
        entry = _decide_appeal(item, subject, moderator, action, template, reason_text, now)
    else:
        entry = _apply(subject, moderator, action, template, reason_text, now)
        if item.kind == ItemKind.HELD and action == "approve":
            triggers.first_published(subject)  # held when written: announce it now
            trust.let_out(subjects.author_id(subject))
    if sanction:
        _impose(subject, moderator, sanction, suspend_days, template, reason_text, entry)
    db.session.commit()
    _after_change(subject)
    return entry


def act(
    subject: Subject,
    moderator: Member,
    action: str,
    *,
    reason_code: str,
    reason_text: str = "",
) -> ModAction:
    """A decision outside the queue: remove published content, restore removed content,
    lock or unlock a case."""
    require_moderator(moderator)
    require_not_involved(subject, moderator)
    if action == "remove" and subject.status != ContentStatus.PUBLISHED:
        raise Conflict("Only content that is shown can be removed; decide its queue item.")
    elif action == "restore" and subject.status != ContentStatus.REMOVED:
        raise Conflict("Only removed content can be restored; anything else goes to the queue.")
    elif action in ("lock", "unlock") and not isinstance(subject, Case):
        raise ServiceError("Only a case can be locked.")
    elif action not in ("remove", "restore", "lock", "unlock"):
        raise ServiceError("Choose remove, restore, lock or unlock.")
    template = _reason(reason_code, required=action in ("remove", "lock"))
    entry = _apply(subject, moderator, action, template, reason_text, utcnow())
    db.session.commit()
    _after_change(subject)
    return entry


def next_item_for(moderator: Member) -> ModerationItem | None:
    """The oldest open item this moderator may decide: not an appeal of their own decision,
    not about their own writing."""
    candidates = db.session.scalars(
        select(ModerationItem)
        .where(ModerationItem.closed_at.is_(None))
        .order_by(ModerationItem.created_at, ModerationItem.id)
        .limit(20)
    )
    for candidate in candidates:
        subject = subjects.of_item(candidate)
        own_appeal = candidate.kind == ItemKind.APPEAL and candidate.acted_by_id == moderator.id
        if subject is not None and not own_appeal and not _involved(subject, moderator):
            return candidate
    return None


# -- applying a decision -------------------------------------------------------------------


def _apply(
    subject: Subject,
    moderator: Member,
    action: str,
    template: ReasonTemplate | None,
    reason_text: str,
    now: datetime,
) -> ModAction:
    unchanged = action == "approve" and subject.status == ContentStatus.PUBLISHED
    if action in ("lock", "unlock"):
        subject.locked_at = now if action == "lock" else None
    else:
        _set_status(subject, NEW_STATUS[action], now)
        _close_open_items(subject, now, action)
        # Whatever settles the content settles the reports on it, and the reporters' record.
        reports.resolve(subject, upheld=action in TAKES_DOWN, now=now)
        _remember_spam(subject, action, template)
    entry = log.record(
        moderator,
        action,
        subject,
        reason_code=template.code if template else "",
        reason_text=reason_text,
        identifying=_identifying(template, action),
    )
    # Dismissing reports on content that stayed up changes nothing its author needs to hear.
    if not unchanged:
        _tell_author(subject, entry, template, reason_text)
    return entry


def _remember_spam(subject: Subject, action: str, template: ReasonTemplate | None) -> None:
    """Text taken down as spam is remembered (its signature only), so near-copies are held;
    content restored is forgotten (a granted appeal forgets it in _decide_appeal)."""
    key = subjects.key_of(subject)
    if action in ("reject", "remove") and template and template.code == spam_memory.SPAM_REASON:
        spam_memory.remember(subjects.texts_of(subject), key)
    elif action == "restore":  # (an approval puts back nothing that was taken down)
        spam_memory.forget(key)


def _identifying(template: ReasonTemplate | None, action: str) -> bool:
    """Taken down for identifying someone: the public log then shows no link and no note."""
    return template is not None and template.code == "identifying" and action in TAKES_DOWN


def _set_status(subject: Subject, status: str, now: datetime) -> None:
    subject.status = status
    first_publication = isinstance(subject, Case) and subject.published_at is None
    if status == ContentStatus.PUBLISHED and first_publication:  # shown a few minutes on
        case_services.let_through(subject, now)
        db.session.flush()
        case_services.queue_next_step(subject)
    db.session.flush()
    if not isinstance(subject, Case):
        recount_case(subject.case_id)


def _close_open_items(subject: Subject, now: datetime, action: str) -> None:
    """A decision on the content settles every other open item about it; an appeal too, when
    the content is back up (there is nothing left to appeal)."""
    kinds = [ItemKind.HELD, ItemKind.REPORTED]
    if NEW_STATUS.get(action) == ContentStatus.PUBLISHED:
        kinds.append(ItemKind.APPEAL)
    db.session.execute(
        update(ModerationItem)
        .where(
            ModerationItem.kind.in_(kinds),
            ModerationItem.subject_key == subjects.key_of(subject),
            ModerationItem.closed_at.is_(None),
        )
        .values(closed_at=now, outcome=action)
        .execution_options(synchronize_session=False)
    )


def _decide_appeal(item, subject, moderator, action, template, reason_text, now) -> ModAction:
    appealed = db.session.get(ModAction, item.appealed_action_id)
    granted = action == "grant"
    if granted:
        _set_status(subject, ContentStatus.PUBLISHED, now)
        spam_memory.forget(subjects.key_of(subject))
        if appealed is not None and appealed.action == "reject":  # it was never shown
            triggers.first_published(subject)
    entry = log.record(
        moderator,
        "appeal_granted" if granted else "appeal_denied",
        subject,
        reason_code=template.code if template else "",
        reason_text=reason_text,
        identifying=appealed is not None and appealed.identifying,
    )
    outcome = "granted: it is back up" if granted else "denied: the decision stands"
    note = f" Moderator's note: {reason_text}" if reason_text else ""
    notifications.notify(
        subjects.author_id(subject),
        "appeal",
        f"Your appeal about {subjects.describe(subject)} was {outcome}.{note}",
        subject,
    )
    return entry


def _check_sanction(kind: str, suspend_days: int) -> None:
    if kind not in SANCTION_KINDS:
        raise ServiceError("Choose warn, suspend or permanently suspend.")
    if kind == SUSPEND and not 1 <= suspend_days <= 365:
        raise ServiceError("A suspension lasts from 1 to 365 days.")


def _impose(subject, moderator, kind, suspend_days, template, reason_text, decision) -> Sanction:
    """Warn or suspend the hidden author of `subject`; the moderator never learns who. The
    log entry inherits the decision's discretion: an identifying removal stays unlinked."""
    ends_at = utcnow() + timedelta(days=suspend_days) if kind == SUSPEND else None
    entry = log.record(
        moderator,
        kind,
        subject,
        reason_code=template.code if template else "",
        reason_text=reason_text,
        identifying=decision.identifying,
        until=ends_at,
    )
    return sanction_author(subject, entry, kind, reason_words(template, reason_text))


def sanction_author(
    subject: Subject, entry: ModAction, kind: str, reason: str, told: str = ""
) -> Sanction:
    """The sanction the log `entry` records (ending at its `until`) on the hidden author of
    `subject`: stored, the author signed out everywhere if suspended, and told why, after
    `told` (what else was done). Decisions and spam waves (spam_wave.py) both sanction here."""
    author = subjects.author_id(subject)
    sanction = Sanction(
        member_id=author, kind=kind, reason=reason, ends_at=entry.until, action_id=entry.id
    )
    db.session.add(sanction)
    if kind == WARN:
        message = f"A moderator warned you about {subjects.describe(subject)}. {reason}"
    else:
        message = f"{sanctions.describe(sanction)} {sanctions.STILL_ALLOWED}"
        # Signed out everywhere: they sign in again to a read-only account, told why.
        account_sessions.close_sessions(author)
    notifications.notify(author, "sanction", f"{told} {message}".lstrip(), subject)
    return sanction


def _tell_author(subject, entry, template, reason_text) -> None:
    what = subjects.describe(subject)
    words = log.ACTION_WORDS[entry.action]
    message = f"A moderator {words} {what}."
    if entry.action not in ("approve", "restore", "unlock"):
        message += " " + reason_words(template, reason_text)
    if entry.action == "lock":
        message += " It stays readable; nobody can add verdicts, replies or updates."
    if isinstance(subject, Case) and subject.status == ContentStatus.SCHEDULED:
        message += " It appears on the board in a few minutes."
    if entry.action in APPEALABLE:
        message += " You can appeal this decision once."
    notifications.notify(subjects.author_id(subject), "moderation", message, subject)


def _after_change(subject: Subject) -> None:
    drop_cached_pages(subjects.case_of(subject).id)


def _require_may_decide(item: ModerationItem, moderator: Member, now: datetime) -> None:
    require_moderator(moderator)
    if item.closed_at is not None:
        raise Conflict("This item has already been decided.")
    if item.kind == ItemKind.APPEAL and item.acted_by_id == moderator.id:
        raise NotAllowed(
            "You took the decision being appealed, so another moderator must decide the appeal."
        )
    if claim_active(item, now) and item.claimed_by_id != moderator.id:
        raise Conflict(f"{moderator_alias(item.claimed_by_id)} is already working on this item.")
    subject = subjects.of_item(item)
    if subject is not None:
        require_not_involved(subject, moderator)


def _involved(subject: Subject, moderator: Member) -> bool:
    """Whether the moderator wrote this, or the case it is on."""
    return moderator.id in (subjects.author_id(subject), subjects.case_of(subject).author_id)


def require_not_involved(subject: Subject, moderator: Member) -> None:
    """Nobody moderates their own writing or what is said on their own case (the page only
    tells them what they know already)."""
    if _involved(subject, moderator):
        raise NotAllowed("This is on your own case or by you, so another moderator must decide it.")


def _claimable_by(moderator: Member, now: datetime):
    """Unclaimed, claimed by this moderator, or claimed so long ago the claim has lapsed."""
    lapsed = now - timedelta(minutes=current_app.config["CLAIM_MINUTES"])
    return (
        ModerationItem.claimed_by_id.is_(None)
        | (ModerationItem.claimed_by_id == moderator.id)
        | (ModerationItem.claimed_at <= lapsed)
    )


def _reason(code: str, *, required: bool) -> ReasonTemplate | None:
    if not code:
        if required:
            raise ServiceError("Choose a reason: the author is told it.")
        return None
    template = None
    if code.replace("_", "").isalnum() and code.isascii():
        template = db.session.scalar(select(ReasonTemplate).where(ReasonTemplate.code == code))
    if template is None:
        raise ServiceError("Choose one of the listed reasons.")
    return template


def reason_words(template: ReasonTemplate | None, reason_text: str) -> str:
    """What the author is told of why: the reason's title and words, and the note."""
    parts = []
    if template is not None:
        parts.append(f"Reason: {template.title}. {template.body}")
    if reason_text:
        parts.append(f"Moderator's note: {reason_text}")
    return " ".join(parts)
