"""New-member hold: a member's first cases are read by a moderator before they appear."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select

from caseboard.extensions import db
from caseboard.models import Case
from caseboard.moderation.pipeline import Finding, Severity, Submission


def check(submission: Submission) -> list[Finding]:
    held_cases = current_app.config["NEW_MEMBER_HELD_CASES"]
    if submission.kind != "case" or held_cases <= 0:
        return []
    published = db.session.scalar(
        select(func.count())
        .select_from(Case)
        .where(Case.author_id == submission.author_id, Case.published_at.is_not(None))
    )
    if published >= held_cases:
        return []
    return [
        Finding(
            check="new_member",
            severity=Severity.HOLD,
            kind="new_member",
            message=(
                "New members' first cases are read by a moderator before they appear, to keep "
                "spam out. This usually takes less than a day."
            ),
        )
    ]
