"""Following a case: who hears when it is updated, extended or closed.

Follows are private. Only the member sees what they follow; nothing counts or lists a case's
followers, so following never links a member to a case. An author follows their own case
from the moment it is posted, and the notices they always had (extended, closed) come to
them as its follower: unfollowing their own case quiets it like any other.
"""

from __future__ import annotations

from sqlalchemy import Select, delete, select

from caseboard.database import upsert
from caseboard.errors import NotFound
from caseboard.extensions import db
from caseboard.models import Case, CaseFollow, ContentStatus, Member
from caseboard.models.base import utcnow


def follow(member: Member, case: Case) -> bool:
    """Follow a case the member can see; commits. Returns whether it is new: following twice
    (a double click, two tabs) changes nothing and is no error."""
    if case.status != ContentStatus.PUBLISHED and case.author_id != member.id:
        raise NotFound("There is no case at this address. It may have been removed.")
    added = db.session.execute(
        upsert(CaseFollow.__table__)
        .values(member_id=member.id, case_id=case.id, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["member_id", "case_id"])
    ).rowcount
    db.session.commit()
    return bool(added)


def unfollow(member: Member, case: Case) -> bool:
    """Stop following a case; commits. Returns whether the member was following it."""
    removed = db.session.execute(
        delete(CaseFollow).where(CaseFollow.member_id == member.id, CaseFollow.case_id == case.id)
    ).rowcount
    db.session.commit()
    return bool(removed)


def is_following(member_id: int, case_id: int) -> bool:
    """Whether the member follows the case (read without flushing the caller's changes)."""
    with db.session.no_autoflush:
        found = db.session.scalar(
            select(CaseFollow.case_id).where(
                CaseFollow.member_id == member_id, CaseFollow.case_id == case_id
            )
        )
    return found is not None


def followers_of(case_id: int, *, excluding: int | None = None) -> Select:
    """The ids of the case's followers (but `excluding`), as a statement: a notice to all of
    them is then one INSERT ... SELECT, however many there are."""
    statement = select(CaseFollow.member_id).where(CaseFollow.case_id == case_id)
    if excluding is not None:
        statement = statement.where(CaseFollow.member_id != excluding)
    return statement


def author_follows(case: Case) -> None:
    """The author follows the case they are posting, in the caller's transaction (the case
    may have no id yet: the relationship inserts it first)."""
    db.session.add(CaseFollow(member_id=case.author_id, case=case))


def follows_of(member_id: int) -> list[tuple[str, str]]:
    """The public ids of the cases the member follows, with when they began, oldest first
    (for the member's data export)."""
    rows = db.session.execute(
        select(Case.public_id, CaseFollow.created_at)
        .join(Case, Case.id == CaseFollow.case_id)
        .where(CaseFollow.member_id == member_id)
        .order_by(CaseFollow.created_at, Case.public_id)
    )
    return [(public_id, created_at.isoformat()) for public_id, created_at in rows]


def forget_member(member_id: int) -> None:
    """Drop everything the member follows (a deleted account); the caller commits."""
    db.session.execute(delete(CaseFollow).where(CaseFollow.member_id == member_id))
