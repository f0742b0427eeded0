"""Cases and everything said about them: updates, verdicts, replies and helpful votes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseboard.extensions import db
from caseboard.models.base import UTCDateTime, random_public_id, utcnow
from caseboard.taxonomy import LABEL_CODES


class ContentStatus:
    """Where a case, verdict or reply is in moderation. Only published content is shown
    to others or counted; the author still sees their own, with why it is not shown."""

    PUBLISHED = "published"
    SCHEDULED = "scheduled"  # a case let through, shown from its published_at (a few minutes on)
    HELD = "held"  # waiting for a moderator: flagged by a check, or hidden by reports
    RETURNED = "returned"  # sent back to the author to edit, with a note
    REJECTED = "rejected"  # refused before it was ever published
    REMOVED = "removed"  # taken down after publication


class Case(db.Model):
    """An anonymized dilemma. Its text is frozen once published; updates follow below it."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_status_hot", "status", "hot_score"),
        Index("ix_cases_status_published", "status", "published_at"),
        Index("ix_cases_author", "author_id"),
        Index("ix_cases_status_divisiveness", "status", "divisiveness"),
        Index("ix_cases_status_needs_verdicts", "status", "verdict_count", "published_at"),
        Index("ix_cases_status_closes", "status", "closes_at"),
        # The follow-up sweep: closed cases whose next question is due.
        Index("ix_cases_follow_up_due", "follow_up_asks", "closed_at"),
        # Search with filters over the whole board (migration 0007).
        Index("ix_cases_status_filters", "status", "discipline", "level", "topic", "support_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16), unique=True, default=random_public_id)
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    title: Mapped[str] = mapped_column(String(150))
    situation_md: Mapped[str] = mapped_column(Text)
    situation_html: Mapped[str] = mapped_column(Text)
    why_wrong_md: Mapped[str] = mapped_column(Text)
    why_wrong_html: Mapped[str] = mapped_column(Text)
    help_wanted_md: Mapped[str] = mapped_column(Text, default="")
    help_wanted_html: Mapped[str] = mapped_column(Text, default="")
    discipline: Mapped[str] = mapped_column(String(32))
    level: Mapped[str] = mapped_column(String(32))
    topic: Mapped[str] = mapped_column(String(32))
    support_kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=ContentStatus.HELD)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A locked case stays readable but takes no new verdicts, replies or updates.
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Stored counts, changed by atomic UPDATEs in the same transaction as the rows they count.
    verdict_count: Mapped[int] = mapped_column(Integer, default=0)
    reply_count: Mapped[int] = mapped_column(Integer, default=0)
    yta_count: Mapped[int] = mapped_column(Integer, default=0)
    nta_count: Mapped[int] = mapped_column(Integer, default=0)
    esh_count: Mapped[int] = mapped_column(Integer, default=0)
    nah_count: Mapped[int] = mapped_column(Integer, default=0)
    info_count: Mapped[int] = mapped_column(Integer, default=0)
    hot_score: Mapped[float] = mapped_column(Float, default=0.0)
    divisiveness: Mapped[float] = mapped_column(Float, default=0.0)

    # Set once, when the window closes (caseboard/lifecycle.py): the outcome as it was then.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome_state: Mapped[str | None] = mapped_column(String(8))  # aggregation.OutcomeState
    outcome_label: Mapped[str | None] = mapped_column(String(4))  # when decided or leaning
    outcome_confidence: Mapped[float | None] = mapped_column(Float)
    # The prior the outcome was worked out with (None: uniform), so its intervals can be
    # shown again exactly as they were.
    outcome_prior_id: Mapped[int | None] = mapped_column(ForeignKey("outcome_priors.id"))
    # Set when the window reached its end with too few verdicts and was extended, once.
    extended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # What happened next (caseboard/follow_ups.py): how many of the author's follow-up
    # questions (30 and 90 days after the close) have been asked, and the latest answer.
    follow_up_asks: Mapped[int] = mapped_column(Integer, default=0)
    followed_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    advice_helped: Mapped[str | None] = mapped_column(String(12))  # taxonomy.ADVICE_HELPED

    outcome_prior: Mapped[OutcomePrior | None] = relationship()
    updates: Mapped[list[CaseUpdate]] = relationship(
        back_populates="case", order_by="CaseUpdate.created_at", cascade="all, delete-orphan"
    )

    @property
    def tally(self) -> dict[str, int]:
        """Verdicts per label, in label order."""
        return {code: getattr(self, label_count_column(code)) for code in LABEL_CODES}

    def is_open(self, now: datetime) -> bool:
        """Whether the window for verdicts is open (a locked case is also refused them, by the
        services, but stays open: its tally and labels stay blind until the window closes)."""
        return self.status == ContentStatus.PUBLISHED and (
            self.closes_at is None or now < self.closes_at
        )

    def __repr__(self) -> str:
        return f"<Case {self.public_id}>"


# A case's long texts: lists that show titles and context load without them (`defer`).
CASE_TEXT_COLUMNS = (
    Case.situation_md,
    Case.situation_html,
    Case.why_wrong_md,
    Case.why_wrong_html,
    Case.help_wanted_md,
    Case.help_wanted_html,
)


class OutcomePrior(db.Model):
    """A Dirichlet prior fitted to the site's closed cases (aggregation.fit_prior). Rows are
    never changed: each refit adds one, and a case keeps the one its outcome used."""

    __tablename__ = "outcome_priors"

    id: Mapped[int] = mapped_column(primary_key=True)
    fitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    case_count: Mapped[int] = mapped_column(Integer)  # closed cases it was fitted to
    yta: Mapped[float] = mapped_column(Float)
    nta: Mapped[float] = mapped_column(Float)
    esh: Mapped[float] = mapped_column(Float)
    nah: Mapped[float] = mapped_column(Float)
    info: Mapped[float] = mapped_column(Float)

    @property
    def weights(self) -> tuple[float, ...]:
        """The prior's weights in label order, as aggregation.summarize takes them."""
        return tuple(getattr(self, code.lower()) for code in LABEL_CODES)


def label_count_column(label: str) -> str:
    """The Case column that counts verdicts with this label."""
    return f"{label.lower()}_count"


class CaseUpdate(db.Model):
    """The author's follow-up ("how it played out"), shown below the frozen original."""

    __tablename__ = "case_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    body_md: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when the update answers "did the crowd's advice help?" (a follow-up after the close).
    advice_helped: Mapped[str | None] = mapped_column(String(12))

    case: Mapped[Case] = relationship(back_populates="updates")


class Verdict(db.Model):
    """One member's judgement on a case, with the reasoning that makes it worth reading."""

    __tablename__ = "verdicts"
    __table_args__ = (
        UniqueConstraint("case_id", "member_id", name="uq_verdicts_one_per_member"),
        CheckConstraint(
            "label IN (" + ", ".join(f"'{code}'" for code in LABEL_CODES) + ")", name="known_label"
        ),
        Index("ix_verdicts_case_best", "case_id", "best_score"),
        Index("ix_verdicts_member", "member_id"),
        Index("ix_verdicts_status_created", "status", "created_at"),  # the dashboard's weeks
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16), unique=True, default=random_public_id)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    label: Mapped[str] = mapped_column(String(4))
    reasoning_md: Mapped[str] = mapped_column(Text)
    reasoning_html: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=ContentStatus.PUBLISHED)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    helpful_count: Mapped[int] = mapped_column(Integer, default=0)
    not_helpful_count: Mapped[int] = mapped_column(Integer, default=0)
    reply_count: Mapped[int] = mapped_column(Integer, default=0)
    # Wilson lower bound of the helpful share, stored so "best" order is an index scan.
    best_score: Mapped[float] = mapped_column(Float, default=0.0)

    case: Mapped[Case] = relationship()


class Reply(db.Model):
    """A threaded comment under a verdict, or on the case itself when verdict_id is empty."""

    __tablename__ = "replies"
    __table_args__ = (
        Index("ix_replies_case_created", "case_id", "created_at"),
        Index("ix_replies_verdict", "verdict_id"),
        Index("ix_replies_member_case", "member_id", "case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16), unique=True, default=random_public_id)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    # A reply outlives the verdict it answered: it falls back to the case's discussion.
    verdict_id: Mapped[int | None] = mapped_column(ForeignKey("verdicts.id", ondelete="SET NULL"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("replies.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    body_md: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=ContentStatus.PUBLISHED)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A deleted reply keeps its place so the replies under it still make sense.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    helpful_count: Mapped[int] = mapped_column(Integer, default=0)
    not_helpful_count: Mapped[int] = mapped_column(Integer, default=0)

    case: Mapped[Case] = relationship()


class HelpfulVote(db.Model):
    """A member marking one verdict or one reply helpful (or not helpful)."""

    __tablename__ = "helpful_votes"
    __table_args__ = (
        UniqueConstraint("member_id", "verdict_id", name="uq_helpful_votes_member_verdict"),
        UniqueConstraint("member_id", "reply_id", name="uq_helpful_votes_member_reply"),
        CheckConstraint("(verdict_id IS NULL) <> (reply_id IS NULL)", name="exactly_one_target"),
        Index("ix_helpful_votes_verdict", "verdict_id"),
        Index("ix_helpful_votes_reply", "reply_id"),
        # Which of a case page's verdicts and replies the member voted on: one index range.
        Index("ix_helpful_votes_member_case", "member_id", "case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    verdict_id: Mapped[int | None] = mapped_column(ForeignKey("verdicts.id", ondelete="CASCADE"))
    reply_id: Mapped[int | None] = mapped_column(ForeignKey("replies.id", ondelete="CASCADE"))
    helpful: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
