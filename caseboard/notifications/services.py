"""Writing notices, marking them read, and the member's email preferences.

Notices are written in the caller's transaction, so a notice exists exactly when the change
it reports does. When the member asked for email about that kind of notice, the email job
is queued only once that transaction has committed (a session event below): a worker never
looks for a row that is not there yet, and a rolled-back change sends nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Select, String, cast, delete, event, inspect, literal, select, update
from sqlalchemy.orm import Session

from caseboard.database import upsert
from caseboard.extensions import db
from caseboard.models import EmailPreference, Member, Notification
from caseboard.models.base import UTCDateTime, utcnow
from caseboard.moderation import subjects
from caseboard.moderation.subjects import Subject
from caseboard.notifications import emails
from caseboard.notifications.kinds import EMAIL_KINDS, preference_for

# Notices written in the open transaction whose email waits for its commit.
_EMAIL_AFTER_COMMIT = "caseboard.notices_to_email"


def _about(subject: Subject | None) -> dict:
    """The notice's columns naming what it is about, for the link the inbox builds."""
    if subject is None:
        return {"subject_kind": None, "subject_public_id": None}
    return {"subject_kind": subjects.kind_of(subject), "subject_public_id": subject.public_id}


def notify(member_id: int, kind: str, message: str, subject: Subject | None = None) -> None:
    """Write a notice for the member, about `subject` if given; the caller commits it with the
    change it reports. Never name who did it: aliases are per case, usernames private."""
    emailed = wants_email(member_id, kind)
    note = Notification(
        member_id=member_id,
        kind=kind,
        message=message,
        **_about(subject),
        email_due_at=utcnow() if emailed else None,
    )
    db.session.add(note)
    if emailed:
        db.session.info.setdefault(_EMAIL_AFTER_COMMIT, []).append(note)


def notify_many(recipients: Select, kind: str, message: str, subject: Subject) -> int:
    """Write the same notice for every member `recipients` selects (a SELECT of member ids,
    such as a case's followers), in the caller's transaction; returns how many were written.

    One INSERT ... SELECT writes them all, however many there are, and one query finds who
    asked for this kind of email (queued once the caller commits, as `notify` does).
    """
    table = Notification.__table__
    members = recipients.subquery()
    member_id = members.c[0]
    rows = select(
        member_id,
        literal(kind, String),
        literal(message, String),
        literal(subjects.kind_of(subject), String),
        literal(subject.public_id, String),
        literal(utcnow(), UTCDateTime),
    )
    statement = (
        table.insert()
        .from_select(
            ["member_id", "kind", "message", "subject_kind", "subject_public_id", "created_at"],
            rows,
        )
        .returning(table.c.id, table.c.member_id)
    )
    with db.session.no_autoflush:
        written = db.session.execute(statement).all()
        email_kind = preference_for(kind)
        wanting = (
            set(
                db.session.scalars(
                    _wanting_email(email_kind, EmailPreference.member_id.in_(select(member_id)))
                )
            )
            if written and email_kind is not None
            else set()
        )
    emailed = [note_id for note_id, member in written if member in wanting]
    if emailed:
        _owe_emails(emailed)
    return len(written)


def notify_batched(
    member_id: int, kind: str, batch_key: str, subject: Subject | None, *, first: str, more: str
) -> None:
    """Write a notice, or add one to the member's unread notice with the same `batch_key`.

    The first notice reads `first`; each later one, until the member reads it, raises its
    count and rewrites it as "<count><more>" ("3" + " new verdicts on your case …"). One
    atomic upsert on the partial unique index of unread batches does it, so concurrent
    writers never make two rows or lose a count. Only a new batch is emailed.
    """
    table = Notification.__table__
    now = utcnow()
    statement = upsert(table).values(
        member_id=member_id,
        kind=kind,
        message=first,
        **_about(subject),
        batch_key=batch_key,
        count=1,
        created_at=now,
    )
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.member_id, table.c.batch_key],
        index_where=table.c.read_at.is_(None) & table.c.batch_key.is_not(None),
        set_={
            "count": table.c.count + 1,
            "message": cast(table.c.count + 1, String) + literal(more, String),
            # The batch moves to the top of the inbox with its latest news.
            "created_at": now,
        },
    ).returning(table.c.id, table.c.count)
    with db.session.no_autoflush:
        note_id, count = db.session.execute(statement).one()
    if count == 1 and wants_email(member_id, kind):
        _owe_emails([note_id])


def _owe_emails(note_ids: list[int]) -> None:
    """Record that these notices owe an email, and queue it once the caller commits."""
    db.session.execute(
        update(Notification)
        .where(Notification.id.in_(note_ids))
        .values(email_due_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.info.setdefault(_EMAIL_AFTER_COMMIT, []).extend(note_ids)


def mark_read(member_id: int, through: datetime | None = None) -> int:
    """Mark the member's unread notices read (only those last changed at or before `through`,
    if given: the newest news they were shown; a batch that grew since has moved on), and
    commit; returns how many changed."""
    statement = update(Notification).where(
        Notification.member_id == member_id, Notification.read_at.is_(None)
    )
    if through is not None:
        statement = statement.where(Notification.created_at <= through)
    changed = db.session.execute(
        statement.values(read_at=utcnow()).execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return changed


# -- email preferences ---------------------------------------------------------------------


def email_preferences(member_id: int) -> set[str]:
    """The kinds of email the member turned on (everything is off until they do)."""
    return set(
        db.session.scalars(
            select(EmailPreference.kind).where(EmailPreference.member_id == member_id)
        )
    )


def set_email_preferences(member_id: int, kinds: Iterable[str]) -> None:
    """Turn on exactly these kinds of email, turning the others off; commits.

    Inserting ignores rows that are already there, so two saves at once cannot collide.
    """
    wanted = {kind for kind in kinds if kind in EMAIL_KINDS}
    db.session.execute(
        delete(EmailPreference).where(
            EmailPreference.member_id == member_id, EmailPreference.kind.not_in(wanted)
        )
    )
    if wanted:
        db.session.execute(
            upsert(EmailPreference.__table__)
            .values(
                [{"member_id": member_id, "kind": kind, "created_at": utcnow()} for kind in wanted]
            )
            .on_conflict_do_nothing(index_elements=["member_id", "kind"])
        )
    db.session.commit()


def unsubscribe(member_id: int, kind: str) -> bool:
    """Turn one kind of email off; commits. Returns whether it was on (doing it twice is fine)."""
    removed = db.session.execute(
        delete(EmailPreference).where(
            EmailPreference.member_id == member_id, EmailPreference.kind == kind
        )
    ).rowcount
    db.session.commit()
    return bool(removed)


def member_by_mail_key(mail_key: str) -> int | None:
    """The account an unsubscribe link names, unless it was deleted (links outlive them)."""
    return db.session.scalar(
        select(Member.id).where(Member.mail_key == mail_key, Member.deleted_at.is_(None))
    )


def wants_email(member_id: int, notice_kind: str) -> bool:
    """Whether this notice should also be emailed: the member turned its kind on and has an
    address. Read without flushing the caller's pending changes (their flush stays theirs)."""
    kind = preference_for(notice_kind)
    if kind is None:
        return False
    with db.session.no_autoflush:
        found = db.session.scalar(_wanting_email(kind, EmailPreference.member_id == member_id))
    return found is not None


def _wanting_email(kind: str, which) -> Select:
    """The ids of the members `which` picks who turned this kind of email on and can get
    it: an address, and an account not deleted."""
    return (
        select(EmailPreference.member_id)
        .join(Member, Member.id == EmailPreference.member_id)
        .where(
            which,
            EmailPreference.kind == kind,
            Member.deleted_at.is_(None),
            Member.email.is_not(None),
            Member.email != "",
        )
    )


# -- queuing emails once the notices are committed -----------------------------------------


@event.listens_for(db.session, "after_commit")
def _queue_emails(session: Session) -> None:
    """Queue the email of every notice this transaction wrote for a member who wants it.

    No SQL can run here (the transaction is over), so if Redis is down the email is skipped
    with a warning rather than sent in the request: the notice itself is in the inbox.
    """
    pending = session.info.pop(_EMAIL_AFTER_COMMIT, None)
    if not pending:
        return
    for item in pending:
        if isinstance(item, int):
            note_id = item
        else:
            identity = inspect(item).identity  # known without a query, even once expired
            if identity is None:
                continue
            note_id = identity[0]
        emails.queue_notification_email(note_id)


@event.listens_for(db.session, "after_transaction_end")
def _forget_emails(session: Session, transaction) -> None:
    """A transaction that ended without committing (rolled back, closed) emails nothing."""
    if transaction.parent is None:
        session.info.pop(_EMAIL_AFTER_COMMIT, None)
