"""Read side of curation: published editions and the library of teaching examples.

Only published editions exist for readers, and only their cases that are still published:
a case removed by moderation drops out of every edition, list, feed and export at once.
Every function here issues a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from caseboard.aggregation import Outcome
from caseboard.cases.queries import Page, alias_on
from caseboard.curation.editions import edition_of_key
from caseboard.errors import NotFound
from caseboard.extensions import db
from caseboard.lifecycle import stored_outcome
from caseboard.models import (
    Case,
    CaseUpdate,
    ContentStatus,
    Edition,
    EditionStatus,
    Highlight,
    Verdict,
)
from caseboard.models.base import is_public_id
from caseboard.search import SearchQuery, apply_filters, matching
from caseboard.taxonomy import LABEL_CODES

UNDECIDED = "undecided"
# What ?outcome= accepts: a leading label, or cases the verdicts left undecided.
OUTCOME_FILTERS: tuple[str, ...] = (*LABEL_CODES, UNDECIDED)


@dataclass
class BestVerdict:
    """A verdict as readers see it on a teaching example: by its writer's alias on the case."""

    verdict: Verdict
    alias: str


@dataclass
class TeachingExample:
    """A featured case with its edition, takeaway and outcome, ready to render or export."""

    highlight: Highlight
    case: Case
    edition: Edition
    outcome: Outcome
    best_verdicts: list[BestVerdict] = field(default_factory=list)
    # What happened next: the author's latest follow-up (an update saying whether the advice
    # helped), once `attach_follow_ups` or `with_updates` has run; None when there is none.
    follow_up: CaseUpdate | None = None


@dataclass
class EditionSummary:
    """A published edition and how many of its cases readers can still see."""

    edition: Edition
    case_count: int


def published_editions(*, page: int, per_page: int) -> Page[EditionSummary]:
    """One page of published editions, the most recently published first."""
    shown = (
        select(func.count(Highlight.id))
        .join(Case, Case.id == Highlight.case_id)
        .where(Highlight.edition_id == Edition.id, Case.status == ContentStatus.PUBLISHED)
        .correlate(Edition)
        .scalar_subquery()
    )
    stmt = (
        select(Edition, shown)
        .where(Edition.status == EditionStatus.PUBLISHED)
        .order_by(Edition.published_at.desc(), Edition.id.desc())
    )
    rows = db.session.execute(stmt.limit(per_page + 1).offset((page - 1) * per_page)).all()
    items = [EditionSummary(edition, count) for edition, count in rows[:per_page]]
    return Page(items, page, len(rows) > per_page)


def published_edition(key: str) -> Edition:
    """The published edition of an ISO week; drafts and scheduled ones do not exist yet."""
    edition = edition_of_key(key)
    if edition is None or not edition.is_published:
        raise NotFound("There are no highlights for that week (yet).")
    return edition


def edition_examples(
    edition: Edition, *, preview: bool = False, follow_ups: bool = True
) -> list[TeachingExample]:
    """The edition's teaching examples in the moderators' order (a moderator's preview shows
    them before the edition is published), with their latest follow-ups unless the caller
    attaches them from updates it loads anyway (`follow_ups=False`)."""
    rows = db.session.execute(
        _featured(unpublished_editions=preview)
        .where(Highlight.edition_id == edition.id)
        .order_by(Highlight.position.asc(), Highlight.id.asc())
    ).all()
    examples = _examples(rows)
    if follow_ups:
        attach_follow_ups(examples)
    return examples


def library_page(
    filters: dict[str, str],
    *,
    outcome: str = "",
    followed_up: bool = False,
    query: SearchQuery | None = None,
    page: int,
    per_page: int,
    verdicts_each: int = 2,
) -> Page[TeachingExample]:
    """One page of teaching examples, newest edition first (best match first when searching
    for a parsed `query`), each with its best verdicts and its latest follow-up;
    `followed_up` keeps only the cases whose author has said what happened next."""
    stmt = apply_filters(_featured(), filters)
    if outcome == UNDECIDED:
        stmt = stmt.where(Case.outcome_label.is_(None))
    elif outcome in LABEL_CODES:
        stmt = stmt.where(Case.outcome_label == outcome)
    if followed_up:
        stmt = stmt.where(Case.followed_up_at.is_not(None))
    if query is not None:
        if not query:  # only punctuation, common words or exclusions: nothing to find
            return Page([], page, False)
        stmt = matching(stmt, query)
    stmt = stmt.order_by(Edition.published_at.desc(), Edition.id.desc(), Highlight.position.asc())
    rows = db.session.execute(stmt.limit(per_page + 1).offset((page - 1) * per_page)).all()
    examples = _examples(rows[:per_page])
    attach_best_verdicts(examples, verdicts_each)
    attach_follow_ups(examples)
    return Page(examples, page, len(rows) > per_page)


def teaching_example(public_id: str) -> TeachingExample:
    """The teaching example of a case, by the case's public id (its best verdicts are left to
    `attach_best_verdicts`, so a page served from the cache does not load them)."""
    row = None
    if is_public_id(public_id):
        row = db.session.execute(_featured().where(Case.public_id == public_id)).first()
    if row is None:
        raise NotFound("That case is not a teaching example. It may have been removed.")
    return _examples([row])[0]


def examples_by_edition(editions: list[Edition]) -> dict[int, list[TeachingExample]]:
    """The teaching examples of several editions in one query, each edition's in order."""
    found: dict[int, list[TeachingExample]] = {edition.id: [] for edition in editions}
    if not found:
        return found
    rows = db.session.execute(
        _featured()
        .where(Highlight.edition_id.in_(found))
        .order_by(Highlight.edition_id, Highlight.position.asc(), Highlight.id.asc())
    ).all()
    for example in _examples(rows):
        found[example.edition.id].append(example)
    return found


def updates_of(cases: list[Case]) -> dict[int, list[CaseUpdate]]:
    """The authors' updates ("how it played out") of several cases, oldest first, in one
    query."""
    found: dict[int, list[CaseUpdate]] = {case.id: [] for case in cases}
    if not found:
        return found
    for update in db.session.scalars(
        select(CaseUpdate)
        .where(CaseUpdate.case_id.in_(found))
        .order_by(CaseUpdate.created_at.asc(), CaseUpdate.id.asc())
    ):
        found[update.case_id].append(update)
    return found


def attach_follow_ups(examples: list[TeachingExample]) -> None:
    """Give each example its author's latest follow-up (the latest update that says whether
    the advice helped): one query for the cases that have one, none when no case does."""
    cases = [example.case for example in examples if example.case.followed_up_at is not None]
    if cases:
        _set_follow_ups(examples, updates_of(cases))


def with_updates(examples: list[TeachingExample]) -> dict[int, list[CaseUpdate]]:
    """Every update of the examples' cases (as `updates_of`), for the pages and exports that
    show them all; each example gets its latest follow-up from them at no further query."""
    updates = updates_of([example.case for example in examples])
    _set_follow_ups(examples, updates)
    return updates


def _set_follow_ups(
    examples: list[TeachingExample], updates: Mapping[int, list[CaseUpdate]]
) -> None:
    for example in examples:
        example.follow_up = latest_follow_up(updates.get(example.case.id, []))


def latest_follow_up(updates: list[CaseUpdate]) -> CaseUpdate | None:
    """The latest follow-up among a case's updates (oldest first, as `updates_of` gives
    them), or None."""
    return next((update for update in reversed(updates) if update.advice_helped), None)


def recent_examples(limit: int) -> list[TeachingExample]:
    """The latest teaching examples, for the library feed."""
    rows = db.session.execute(
        _featured()
        .order_by(Edition.published_at.desc(), Edition.id.desc(), Highlight.position.asc())
        .limit(limit)
    ).all()
    return _examples(rows)


def attach_best_verdicts(examples: list[TeachingExample], per_case: int) -> None:
    """Give each example its `per_case` most helpful published verdicts, in one query for
    all of them (a window function ranks each case's verdicts; SQLite and PostgreSQL both
    have it)."""
    if not examples or per_case <= 0:
        return
    by_case = {example.case.id: example for example in examples}
    rank = (
        func.row_number()
        .over(
            partition_by=Verdict.case_id,
            order_by=(Verdict.best_score.desc(), Verdict.created_at.asc(), Verdict.id.asc()),
        )
        .label("rank")
    )
    ranked = (
        select(Verdict.id, rank)
        .where(Verdict.case_id.in_(by_case), Verdict.status == ContentStatus.PUBLISHED)
        .subquery()
    )
    verdicts = db.session.scalars(
        select(Verdict)
        .join(ranked, ranked.c.id == Verdict.id)
        .where(ranked.c.rank <= per_case)
        .order_by(Verdict.case_id, ranked.c.rank)
    )
    for verdict in verdicts:
        example = by_case[verdict.case_id]
        example.best_verdicts.append(BestVerdict(verdict, alias_on(example.case, verdict)))


def _featured(*, unpublished_editions: bool = False) -> Select:
    """Highlights of published editions (or any, for a preview) whose case is still
    published, with both (and the prior each case's outcome was worked out with, joined in
    the same query: `stored_outcome` reads it)."""
    stmt = (
        select(Highlight, Case, Edition)
        .join(Case, Case.id == Highlight.case_id)
        .join(Edition, Edition.id == Highlight.edition_id)
        .where(Case.status == ContentStatus.PUBLISHED)
        .options(joinedload(Case.outcome_prior))
    )
    if unpublished_editions:
        return stmt
    return stmt.where(Edition.status == EditionStatus.PUBLISHED)


def _examples(rows) -> list[TeachingExample]:
    return [
        TeachingExample(highlight, case, edition, stored_outcome(case))
        for highlight, case, edition in rows
    ]
