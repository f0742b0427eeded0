"""Highlight candidates: the closed cases of a week, ranked by instructive value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import defer

from caseboard.curation import scoring
from caseboard.extensions import db
from caseboard.models import Case, CaseUpdate, ContentStatus, Highlight, Report, Verdict
from caseboard.models.cases import CASE_TEXT_COLUMNS
from caseboard.search import apply_filters


@dataclass
class Candidate:
    """A closed case with the signals behind its score (shown, so moderators can judge it)."""

    case: Case
    signals: scoring.Signals
    value: float | None  # None: open reports keep it out until they are settled


def candidates(
    closed_from: datetime,
    closed_until: datetime,
    filters: dict[str, str],
    *,
    limit: int,
) -> list[Candidate]:
    """Cases closed in [closed_from, closed_until) and never featured, best first; those
    with open reports come last, marked, so a moderator sees why they are not ranked."""
    shown = and_(Verdict.case_id == Case.id, Verdict.status == ContentStatus.PUBLISHED)
    reasoned = (
        select(func.count())
        .where(shown, func.length(Verdict.reasoning_md) >= scoring.REASONED_CHARACTERS)
        .scalar_subquery()
    )
    helpful = select(func.coalesce(func.sum(Verdict.helpful_count), 0)).where(shown)
    open_reports = select(func.count()).where(Report.case_id == Case.id, Report.status == "open")
    stmt = apply_filters(
        select(
            Case,
            reasoned.label("reasoned"),
            helpful.scalar_subquery().label("helpful"),
            exists().where(CaseUpdate.case_id == Case.id).label("has_update"),
            open_reports.scalar_subquery().label("open_reports"),
        )
        .where(
            Case.status == ContentStatus.PUBLISHED,
            Case.closed_at >= closed_from,
            Case.closed_at < closed_until,
            ~exists().where(Highlight.case_id == Case.id),
        )
        .options(*(defer(column) for column in CASE_TEXT_COLUMNS)),
        filters,
    )
    found = []
    for case, reasoned_count, helpful_count, has_update, reports in db.session.execute(stmt):
        signals = scoring.Signals(
            reasoned_verdicts=reasoned_count,
            helpful_votes=int(helpful_count),
            verdict_count=case.verdict_count,
            has_label=case.outcome_label is not None,
            confidence=case.outcome_confidence or 0.0,
            divisiveness=case.divisiveness,
            has_update=bool(has_update),
            open_reports=reports,
        )
        found.append(Candidate(case, signals, scoring.instructive_value(signals)))
    found.sort(key=lambda c: (c.value is None, -(c.value or 0.0), -c.case.id))
    return found[:limit]
