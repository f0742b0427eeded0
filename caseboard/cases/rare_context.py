"""Whether a case's context is rare enough to point at its author.

A director of design writing about a rare topic may be one of a handful of people at their
company. Lists can be filtered by discipline, level and topic, so anyone can count how many
cases share a combination; when fewer than RARE_CONTEXT_MIN_CASES others did in the last
RARE_CONTEXT_DAYS, the preview says so and suggests a level or topic that more cases share.
The author decides. Their own earlier cases don't count: they hide nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from caseboard.extensions import db
from caseboard.models import Case, ContentStatus
from caseboard.taxonomy import LEVELS, TOPICS

# Topics suggested at most, beside the nearest common level.
TOPICS_SUGGESTED = 2


@dataclass(frozen=True)
class Suggestion:
    """A broader choice for one field, and how many recent cases share the context with it."""

    field: str  # "level" or "topic"
    code: str
    words: str
    cases: int


@dataclass(frozen=True)
class RareContext:
    """A combination that fewer than `minimum` recent cases by others share."""

    cases: int
    minimum: int
    days: int
    suggestions: list[Suggestion]


def rare_context(
    discipline: str, level: str, topic: str, author_id: int, now: datetime
) -> RareContext | None:
    """The warning for a case about to be posted with this context, or None when enough
    recent cases by others share it."""
    minimum = current_app.config["RARE_CONTEXT_MIN_CASES"]
    days = current_app.config["RARE_CONTEXT_DAYS"]
    counts = _recent_counts(discipline, author_id, now - timedelta(days=days))
    shared = counts.get((level, topic), 0)
    if shared >= minimum:
        return None
    return RareContext(shared, minimum, days, _broader(counts, level, topic, minimum))


def _recent_counts(discipline: str, author_id: int, since: datetime) -> dict[tuple, int]:
    """Published cases by others since `since` in the discipline, by (level, topic): one
    grouped query answers every alternative."""
    rows = db.session.execute(
        select(Case.level, Case.topic, func.count())
        .where(
            Case.status == ContentStatus.PUBLISHED,
            Case.discipline == discipline,
            Case.published_at >= since,
            Case.author_id != author_id,
        )
        .group_by(Case.level, Case.topic)
    )
    return {(row_level, row_topic): count for row_level, row_topic, count in rows}


def _broader(counts: dict[tuple, int], level: str, topic: str, minimum: int) -> list[Suggestion]:
    """The nearest level (by seniority) that enough cases share with this topic, and the
    topics most shared at this level."""
    suggestions = []
    order = list(LEVELS)
    at = order.index(level) if level in order else 0
    common_levels = [
        code for code in order if code != level and counts.get((code, topic), 0) >= minimum
    ]
    if common_levels:
        nearest = min(common_levels, key=lambda code: abs(order.index(code) - at))
        suggestions.append(Suggestion("level", nearest, LEVELS[nearest], counts[nearest, topic]))
    common_topics = sorted(
        (
            (counts.get((level, code), 0), code)
            for code in TOPICS
            if code != topic and counts.get((level, code), 0) >= minimum
        ),
        reverse=True,
    )
    for shared, code in common_topics[:TOPICS_SUGGESTED]:
        suggestions.append(Suggestion("topic", code, TOPICS[code], shared))
    return suggestions
