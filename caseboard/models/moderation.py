"""Moderation records: the queue's items, reports, sanctions, the append-only log, notices."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Float,
    ForeignKey,
    Index,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from caseboard.extensions import db
from caseboard.models.base import UTCDateTime, random_public_id, utcnow


class ItemKind:
    """Why something is in the moderation queue."""

    HELD = "held"
    REPORTED = "reported"
    APPEAL = "appeal"


class ModerationItem(db.Model):
    """Something waiting for a moderator. At most one open item per kind and subject."""

    __tablename__ = "moderation_items"
    __table_args__ = (
        Index(
            "uq_moderation_items_open_subject",
            "kind",
            "subject_key",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
        Index("ix_moderation_items_open", "closed_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16), unique=True, default=random_public_id)
    kind: Mapped[str] = mapped_column(String(16))
    # "case:12", "verdict:7" or "reply:3": one column to be unique on, whatever the subject.
    subject_key: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    verdict_id: Mapped[int | None] = mapped_column(ForeignKey("verdicts.id", ondelete="CASCADE"))
    reply_id: Mapped[int | None] = mapped_column(ForeignKey("replies.id", ondelete="CASCADE"))
    # What the automated checks found, as JSON: shown highlighted to the moderator.
    findings_json: Mapped[str] = mapped_column(Text, default="[]")
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(24))
    # Appeals only: the author's text, the decision appealed, and who took it (who may not
    # decide the appeal).
    appeal_text: Mapped[str | None] = mapped_column(Text)
    appealed_action_id: Mapped[int | None] = mapped_column(
        ForeignKey("mod_actions.id"), unique=True
    )
    acted_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))


class Report(db.Model):
    """One member's flag on a case, verdict or reply; one per member and subject."""

    __tablename__ = "reports"
    __table_args__ = (
        UniqueConstraint("reporter_id", "subject_key", name="uq_reports_once_per_member"),
        Index("ix_reports_subject_status", "subject_key", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    subject_key: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    verdict_id: Mapped[int | None] = mapped_column(ForeignKey("verdicts.id", ondelete="CASCADE"))
    reply_id: Mapped[int | None] = mapped_column(ForeignKey("replies.id", ondelete="CASCADE"))
    reason_code: Mapped[str] = mapped_column(String(24))
    details: Mapped[str] = mapped_column(Text, default="")
    # The reporter's weight when they reported: it grows with upheld reports, shrinks with
    # dismissed ones (caseboard/moderation/reports.py).
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    status: Mapped[str] = mapped_column(String(12), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ModAction(db.Model):
    """An append-only record of one moderator decision (database triggers refuse changes).

    The subject is named by public id, not a foreign key: the record must outlive it.
    """

    __tablename__ = "mod_actions"
    __table_args__ = (
        Index("ix_mod_actions_created", "created_at"),
        Index("ix_mod_actions_subject", "subject_kind", "subject_public_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16), unique=True, default=random_public_id)
    moderator_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    action: Mapped[str] = mapped_column(String(24))
    subject_kind: Mapped[str | None] = mapped_column(String(12))
    subject_public_id: Mapped[str | None] = mapped_column(String(16))
    case_public_id: Mapped[str | None] = mapped_column(String(16))
    reason_code: Mapped[str] = mapped_column(String(24), default="")
    reason_text: Mapped[str] = mapped_column(Text, default="")
    # Set for removals of identifying content: the public log then shows no link and no text.
    identifying: Mapped[bool] = mapped_column(default=False)
    until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReasonTemplate(db.Model):
    """A reason a moderator can pick when deciding; admins edit the wording."""

    __tablename__ = "reason_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)
    title: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Sanction(db.Model):
    """A warning or suspension of the (hidden) author of some content."""

    __tablename__ = "sanctions"
    __table_args__ = (Index("ix_sanctions_member_ends", "member_id", "ends_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    kind: Mapped[str] = mapped_column(String(12))  # warn, suspend, ban
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Suspensions end here; a permanent one never does (NULL), a warning has no end.
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    action_id: Mapped[int] = mapped_column(ForeignKey("mod_actions.id"))


class Notification(db.Model):
    """A message for one member: news about their case, verdict or reply, or a decision.

    Frequent news (verdicts on one's case) is batched: while a notice with the same
    `batch_key` is unread, the next one adds to its `count` instead of adding a row.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_member_created", "member_id", "created_at"),
        Index(
            "uq_notifications_unread_batch",
            "member_id",
            "batch_key",
            unique=True,
            sqlite_where=text("read_at IS NULL AND batch_key IS NOT NULL"),
            postgresql_where=text("read_at IS NULL AND batch_key IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    kind: Mapped[str] = mapped_column(String(24))
    message: Mapped[str] = mapped_column(Text)
    # What it is about, for a link the inbox builds (services know nothing of URLs).
    subject_kind: Mapped[str | None] = mapped_column(String(12))
    subject_public_id: Mapped[str | None] = mapped_column(String(16))
    batch_key: Mapped[str | None] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Its email: owed from email_due_at (None: the member did not ask for one) until
    # emailed_at; a sender claims it first, so two never send it at once.
    email_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    email_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SpamFingerprint(db.Model):
    """The MinHash signature of a text moderators removed as spam (moderation/spam_memory.py).

    Only the signature is kept, never the text: near-copies are found by their bands.
    """

    __tablename__ = "spam_fingerprints"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The removed item's subject key ("case:…", "verdict:…", "reply:…"), for the log.
    source_key: Mapped[str] = mapped_column(String(40))
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SpamFingerprintBand(db.Model):
    """One locality-sensitive band of a fingerprint: texts sharing a (band, bucket) pair are
    candidates for near-copies, found with one indexed lookup per band."""

    __tablename__ = "spam_fingerprint_bands"
    __table_args__ = (Index("ix_spam_fingerprint_bands_bucket", "band", "bucket"),)

    fingerprint_id: Mapped[int] = mapped_column(
        ForeignKey("spam_fingerprints.id", ondelete="CASCADE"), primary_key=True
    )
    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    bucket: Mapped[int] = mapped_column(BigInteger)
