"""Following: a member asking to hear when a case is updated, extended or closed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseboard.extensions import db
from caseboard.models.base import UTCDateTime, utcnow
from caseboard.models.cases import Case


class CaseFollow(db.Model):
    """One member following one case (at most once: the pair is the key).

    Private to the member: nothing shows who follows a case, or how many do, so following
    can never link a member to what they read or wrote. Authors follow their own cases.
    """

    __tablename__ = "case_follows"
    __table_args__ = (
        # A notice to every follower of a case reads them by case (the key leads by member,
        # which serves "what do I follow").
        Index("ix_case_follows_case", "case_id"),
    )

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    case: Mapped[Case] = relationship()

    def __repr__(self) -> str:  # no member id: reprs end up in logs
        return f"<CaseFollow of {self.case_id}>"
