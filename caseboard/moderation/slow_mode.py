"""Slow mode: the more a case's discussion is reported, the longer between one's replies.

After Lobsters' thread speed limit: a heated thread cools down when nobody can fire back
at once. No reports, no wait; each open or upheld report on the case or anything on it
doubles the wait, up to a cap. Dismissed reports don't count, so flagging a calm discussion
doesn't slow it down for long.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import func, select

from caseboard.errors import TooSoon, wait_words
from caseboard.extensions import db
from caseboard.models import Case, Member, Reply, Report


def reply_interval(report_count: int) -> int:
    """Seconds a member waits between replies on a case with this many reports."""
    if report_count <= 0:
        return 0
    base = current_app.config["SLOW_MODE_BASE_SECONDS"]
    cap = current_app.config["SLOW_MODE_MAX_SECONDS"]
    return min(cap, base * 2 ** min(report_count - 1, 20))


def heat(case: Case) -> int:
    """Reports on the case and everything on it that moderators have not dismissed."""
    return db.session.scalar(
        select(func.count())
        .select_from(Report)
        .where(Report.case_id == case.id, Report.status.in_(("open", "upheld")))
    )


def seconds_to_wait(case: Case, member: Member, now: datetime) -> int:
    interval = reply_interval(heat(case))
    if not interval:
        return 0
    last = db.session.scalar(
        select(func.max(Reply.created_at)).where(
            Reply.case_id == case.id, Reply.member_id == member.id
        )
    )
    if last is None:
        return 0
    if last.tzinfo is None:  # SQLite's MAX() hands back text the type decorator never sees
        last = last.replace(tzinfo=now.tzinfo)
    return max(0, int(interval - (now - last).total_seconds()))


def ensure_may_reply(case: Case, member: Member, now: datetime) -> None:
    wait = seconds_to_wait(case, member, now)
    if wait:
        raise TooSoon(
            "This discussion is in slow mode because it has been reported. You can reply "
            f"again in {wait_words(wait)}; your reply is below, nothing was lost.",
            retry_after=wait,
        )
