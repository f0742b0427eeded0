"""Curation: weekly highlight editions, the teaching examples in them, and email settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseboard.extensions import db
from caseboard.models.base import UTCDateTime, utcnow
from caseboard.models.cases import Case


class EditionStatus:
    """Where an edition is: moderators build a draft, then publish it now or at a set time."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"


class Edition(db.Model):
    """One ISO week's highlight edition. `version` is the optimistic lock: an UPDATE written
    from a stale copy matches no row, so one moderator never silently overwrites another."""

    __tablename__ = "editions"
    __table_args__ = (
        UniqueConstraint("iso_year", "iso_week", name="uq_editions_week"),
        Index("ix_editions_status_published", "status", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    iso_year: Mapped[int] = mapped_column(Integer)
    iso_week: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(150), default="")
    intro_md: Mapped[str] = mapped_column(Text, default="")
    intro_html: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default=EditionStatus.DRAFT)
    publish_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # when scheduled
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    highlights: Mapped[list[Highlight]] = relationship(
        back_populates="edition",
        order_by="Highlight.position",
        cascade="all, delete-orphan",
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def key(self) -> str:
        """The edition's address and name: ISO year and week, as in 2026-W48."""
        return f"{self.iso_year}-W{self.iso_week:02d}"

    @property
    def is_published(self) -> bool:
        return self.status == EditionStatus.PUBLISHED

    def __repr__(self) -> str:
        return f"<Edition {self.key}>"


class Highlight(db.Model):
    """A case featured in an edition, with the moderators' takeaway: a teaching example.

    A case is featured once (unique case_id), so the library lists each story once.
    """

    __tablename__ = "highlights"
    __table_args__ = (
        UniqueConstraint("case_id", name="uq_highlights_case"),
        Index("ix_highlights_edition_position", "edition_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("editions.id", ondelete="CASCADE"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    takeaway_md: Mapped[str] = mapped_column(Text, default="")
    takeaway_html: Mapped[str] = mapped_column(Text, default="")
    questions_md: Mapped[str] = mapped_column(Text, default="")
    questions_html: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    edition: Mapped[Edition] = relationship(back_populates="highlights")
    case: Mapped[Case] = relationship()

    __mapper_args__ = {"version_id_col": version}


class EmailPreference(db.Model):
    """One kind of email a member asked for (the digest, or a kind of notification).

    A row means yes; no row means no, so every email is off until the member turns it on.
    """

    __tablename__ = "email_preferences"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DigestDelivery(db.Model):
    """One member's copy of one edition's digest: claimed by the worker sending it, then sent.

    A claim older than MAIL_CLAIM_SECONDS with nothing sent belongs to a worker that died
    mid-send; the next sender takes it over, so every member gets the digest at least once.
    """

    __tablename__ = "digest_deliveries"
    __table_args__ = (
        UniqueConstraint("edition_id", "member_id", name="uq_digest_deliveries_once"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("editions.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set once the mail server (or the outbox) has taken the message.
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
