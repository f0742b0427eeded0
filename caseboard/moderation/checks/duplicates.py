"""Near-duplicates: a new case whose text is nearly that of a recent one.

The member's own near-copy is refused (a double post, or a retry after a hold); anyone
else's is held, since copying a stranger's dilemma is either spam or a mistake.
"""

from __future__ import annotations

import re
from datetime import timedelta

from flask import current_app
from sqlalchemy import or_, select

from caseboard.extensions import db
from caseboard.models import Case, ContentStatus
from caseboard.models.base import utcnow
from caseboard.moderation.pipeline import Finding, Severity, Submission

SIMILARITY = 0.6  # Jaccard similarity of word triples above which two texts are near-copies
CANDIDATES = 300
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[tuple[str, ...]]:
    """The text's overlapping word triples, lower-cased: what near-copies share."""
    words = [word.lower() for word in _WORD.findall(text)]
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def similarity(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def check(submission: Submission) -> list[Finding]:
    days = current_app.config["DUPLICATE_WINDOW_DAYS"]
    if submission.kind != "case" or days <= 0:
        return []
    mine = shingles(
        _case_text(submission.fields.get("title", ""), submission.fields.get("situation", ""))
    )
    since = utcnow() - timedelta(days=days)
    query = (
        select(Case.id, Case.public_id, Case.author_id, Case.status, Case.title, Case.situation_md)
        .where(
            Case.created_at >= since,
            or_(Case.status == ContentStatus.PUBLISHED, Case.author_id == submission.author_id),
        )
        .order_by(Case.created_at.desc())
        .limit(CANDIDATES)
    )
    if submission.editing_id is not None:
        query = query.where(Case.id != submission.editing_id)
    for row in db.session.execute(query):
        if similarity(mine, shingles(_case_text(row.title, row.situation_md))) < SIMILARITY:
            continue
        if row.author_id == submission.author_id:
            return [
                Finding(
                    check="duplicates",
                    severity=Severity.REFUSE,
                    kind="own_duplicate",
                    message=(
                        "You have already posted this case. Add an update to it instead of "
                        "posting it again."
                    ),
                )
            ]
        return [
            Finding(
                check="duplicates",
                severity=Severity.HOLD,
                kind="near_duplicate",
                message=(
                    f"It is nearly the same as the case “{row.title}” already on Caseboard. "
                    "A moderator will check it before it is shown."
                ),
            )
        ]
    return []


def _case_text(title: str, situation: str) -> str:
    return f"{title}\n{situation}"
