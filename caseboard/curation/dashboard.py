"""The moderators' dashboard: how the queue, posting and outcomes went, week by week.

Aggregates only: nothing here names or counts a single member. Five queries whatever the
data size; weeks are ISO weeks in UTC. Rows are put in weeks by comparing with the weeks'
boundaries (a CASE over bound datetimes), not with a date function, so the same SQL runs on
SQLite and PostgreSQL. Only the decided items' two timestamps come back row by row: the
median and 90th percentile need every duration, and neither database computes them alike.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, case, func, literal_column, or_, select, union_all

from caseboard.aggregation import MIN_VERDICTS, OutcomeState
from caseboard.curation import weeks as iso
from caseboard.extensions import db
from caseboard.models import Case, ContentStatus, ModerationItem, Verdict
from caseboard.models.base import utcnow
from caseboard.outcome_text import STATE_NAMES
from caseboard.taxonomy import ADVICE_HELPED, DISCIPLINES, LABELS

WEEK_CHOICES = (4, 12, 26, 52)
DEFAULT_WEEKS = 12
# Outcome columns in the order the chart stacks them, with the words people read: a label
# for the cases decided or leaning that way, then the cases with no single answer.
OUTCOMES: dict[str, str] = {
    **{code: words for code, (words, _) in LABELS.items()},
    OutcomeState.SPLIT: "Split",
    OutcomeState.TOO_FEW: "Too few verdicts",
}
_BEFORE_RANGE = -1  # the bucket of queue items still open when the range starts


@dataclass(frozen=True)
class Week:
    """One ISO week's figures."""

    key: str  # "2026-W48"
    starts: date  # its Monday
    entered: int  # moderation items opened
    decided: int  # moderation items closed
    open_at_end: int  # items open when the week ended (now, for the current week)
    median_hours: float | None  # time to decision of the items decided that week
    p90_hours: float | None
    cases: int  # cases published
    verdicts: int  # verdicts given (and still shown)

    @property
    def short(self) -> str:
        """ "W48": enough for an axis, where the year is in the chart's description."""
        return self.key.split("-")[1]


@dataclass(frozen=True)
class DisciplineOutcomes:
    """How the cases of one discipline that closed in the range came out."""

    code: str
    name: str
    counts: dict[str, int]  # OUTCOMES key -> cases, in OUTCOMES order
    total: int

    def share(self, outcome: str) -> float:
        return self.counts[outcome] / self.total if self.total else 0.0


@dataclass(frozen=True)
class StateFollowUps:
    """What the authors of the cases that closed in the range with one outcome state said
    when asked how it played out. Only the cases closed long enough ago were asked."""

    state: str  # an OutcomeState
    name: str
    closed: int  # closed in the range
    asked: int  # of those, closed by the cutoff: old enough to have been asked
    answers: dict[str, int]  # ADVICE_HELPED key -> asked cases whose latest answer said so

    @property
    def followed_up(self) -> int:
        return sum(self.answers.values())

    @property
    def not_followed_up(self) -> int:
        return self.asked - self.followed_up

    @property
    def followed_up_share(self) -> float:
        return self.followed_up / self.asked if self.asked else 0.0

    def answer_share(self, answer: str) -> float:
        """The share of the followed-up cases whose author gave this answer."""
        return self.answers[answer] / self.followed_up if self.followed_up else 0.0


@dataclass(frozen=True)
class FollowUps:
    """What happened next, per outcome state, for the cases closed in the range."""

    asked_by: datetime  # cases closed by then can have been asked
    days: int  # the first question comes this many days after a case closes
    states: list[StateFollowUps]  # in OutcomeState.ALL order
    unstated: int  # closed before states were stored (none once migrated): left out


@dataclass(frozen=True)
class Dashboard:
    """Everything the page shows, for the last `weeks` ISO weeks up to the current one."""

    weeks: int
    series: list[Week]
    outcomes: list[DisciplineOutcomes]
    follow_ups: FollowUps
    median_hours: float | None  # over every decision in the range
    p90_hours: float | None

    @property
    def first(self) -> str:
        return self.series[0].key

    @property
    def last(self) -> str:
        return self.series[-1].key

    @property
    def entered(self) -> int:
        return sum(week.entered for week in self.series)

    @property
    def decided(self) -> int:
        return sum(week.decided for week in self.series)

    @property
    def open_now(self) -> int:
        return self.series[-1].open_at_end

    @property
    def cases(self) -> int:
        return sum(week.cases for week in self.series)

    @property
    def verdicts(self) -> int:
        return sum(week.verdicts for week in self.series)

    @property
    def closed_cases(self) -> int:
        return sum(row.total for row in self.outcomes)


def parse_weeks(value: str | None) -> int:
    """?weeks= as one of the offered spans; anything else means the default."""
    return int(value) if value in {str(choice) for choice in WEEK_CHOICES} else DEFAULT_WEEKS


def dashboard(weeks: int = DEFAULT_WEEKS, now: datetime | None = None) -> Dashboard:
    """The figures for the last `weeks` ISO weeks, the current (unfinished) one included."""
    if weeks not in WEEK_CHOICES:
        raise ValueError(f"weeks must be one of {WEEK_CHOICES}")
    now = now or utcnow()
    current = iso.week_of(now)
    keys = [iso.shift(*current, offset) for offset in range(1 - weeks, 1)]
    starts = [iso.bounds(*key)[0] for key in keys]
    boundaries = [*starts, iso.bounds(*current)[1]]  # weeks + 1 instants
    start, end = boundaries[0], boundaries[-1]

    open_before, entered = _queue_entries(boundaries)
    durations = _decision_hours(start, end, {key: index for index, key in enumerate(keys)})
    published = _published(boundaries)
    open_count = open_before
    series = []
    for index, key in enumerate(keys):
        hours = durations[index]
        open_count += entered[index] - len(hours)
        series.append(
            Week(
                key=iso.week_key(*key),
                starts=starts[index].date(),
                entered=entered[index],
                decided=len(hours),
                open_at_end=open_count,
                median_hours=statistics.median(hours) if hours else None,
                p90_hours=percentile(hours, 0.9),
                cases=published["cases"][index],
                verdicts=published["verdicts"][index],
            )
        )
    every = [hours for week in durations for hours in week]
    return Dashboard(
        weeks=weeks,
        series=series,
        outcomes=_outcomes(start, end),
        follow_ups=_follow_ups(start, end, now),
        median_hours=statistics.median(every) if every else None,
        p90_hours=percentile(every, 0.9),
    )


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The value below which `fraction` of `values` lie, interpolating between neighbours
    (numpy's default); None for no values. A median alone hides the long waits."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _week_index(column, boundaries: list[datetime]) -> ColumnElement:
    """Which week of the range a timestamp falls in (0 is the first), by comparison with
    the boundaries. The numbers are inlined: bound integers in a CASE can leave PostgreSQL
    guessing their type."""
    return case(
        *[
            (column < boundary, literal_column(str(index)))
            for index, boundary in enumerate(boundaries[1:])
        ],
        else_=None,
    )


def _counts(rows, weeks: int) -> list[int]:
    counts = [0] * weeks
    for index, count in rows:
        counts[index] = count
    return counts


def _queue_entries(boundaries: list[datetime]) -> tuple[int, list[int]]:
    """Items still open when the range starts, and items opened in each week of it."""
    start, end = boundaries[0], boundaries[-1]
    created = ModerationItem.created_at
    bucket = case(
        (created < start, literal_column(str(_BEFORE_RANGE))),
        else_=_week_index(created, boundaries),
    )
    items = (
        select(bucket.label("week"))
        .where(
            created < end,
            or_(ModerationItem.closed_at.is_(None), ModerationItem.closed_at >= start),
        )
        .subquery()
    )
    # Grouping by the subquery's column, not by the CASE itself: PostgreSQL would see the
    # select list's and the GROUP BY's parameters as different expressions.
    grouped = select(items.c.week, func.count()).group_by(items.c.week)
    rows = {week: count for week, count in db.session.execute(grouped)}
    open_before = rows.pop(_BEFORE_RANGE, 0)
    return open_before, _counts(rows.items(), len(boundaries) - 1)


def _decision_hours(
    start: datetime, end: datetime, index_of: dict[tuple[int, int], int]
) -> list[list[float]]:
    """Per week, the hours each item decided that week waited, from its two timestamps:
    one row per decision in the range (moderators' own pace bounds it)."""
    hours: list[list[float]] = [[] for _ in index_of]
    rows = db.session.execute(
        select(ModerationItem.created_at, ModerationItem.closed_at).where(
            ModerationItem.closed_at >= start, ModerationItem.closed_at < end
        )
    )
    for created_at, closed_at in rows:
        waited = max((closed_at - created_at).total_seconds(), 0.0) / 3600
        hours[index_of[iso.week_of(closed_at)]].append(waited)
    return hours


def _published(boundaries: list[datetime]) -> dict[str, list[int]]:
    """Cases published and verdicts given per week, both in one round trip."""
    start, end = boundaries[0], boundaries[-1]
    cases = select(
        literal_column("'cases'").label("series"),
        _week_index(Case.published_at, boundaries).label("week"),
    ).where(
        Case.status == ContentStatus.PUBLISHED,
        Case.published_at >= start,
        Case.published_at < end,
    )
    verdicts = select(
        literal_column("'verdicts'").label("series"),
        _week_index(Verdict.created_at, boundaries).label("week"),
    ).where(
        Verdict.status == ContentStatus.PUBLISHED,
        Verdict.created_at >= start,
        Verdict.created_at < end,
    )
    both = union_all(cases, verdicts).subquery()
    rows = db.session.execute(
        select(both.c.series, both.c.week, func.count()).group_by(both.c.series, both.c.week)
    )
    found: dict[str, list[tuple[int, int]]] = {"cases": [], "verdicts": []}
    for series, week, count in rows:
        found[series].append((week, count))
    weeks = len(boundaries) - 1
    return {series: _counts(counts, weeks) for series, counts in found.items()}


def _outcome_column() -> ColumnElement:
    """Which OUTCOMES column a closed case counts in, by its stored state: its label when
    decided or leaning, else split or too few. A case closed before states were stored
    counts by its label, or with none by its number of verdicts. Constants are inlined, as
    in `_week_index`."""
    split, too_few = OutcomeState.SPLIT, OutcomeState.TOO_FEW
    return case(
        (Case.outcome_state == literal_column(f"'{split}'"), literal_column(f"'{split}'")),
        (Case.outcome_state == literal_column(f"'{too_few}'"), literal_column(f"'{too_few}'")),
        (Case.outcome_label.is_not(None), Case.outcome_label),
        (Case.verdict_count < literal_column(str(MIN_VERDICTS)), literal_column(f"'{too_few}'")),
        else_=literal_column(f"'{split}'"),
    )


def _outcomes(start: datetime, end: datetime) -> list[DisciplineOutcomes]:
    """Outcomes of the cases that closed in the range, per discipline; every discipline is
    listed, so one with no closed cases shows as such instead of going missing."""
    closed = (
        select(Case.discipline, _outcome_column().label("outcome"))
        .where(
            Case.status == ContentStatus.PUBLISHED,
            Case.closed_at >= start,
            Case.closed_at < end,
        )
        .subquery()
    )
    # Grouped by the subquery's column, as in `_queue_entries`.
    rows = db.session.execute(
        select(closed.c.discipline, closed.c.outcome, func.count()).group_by(
            closed.c.discipline, closed.c.outcome
        )
    )
    tallies: dict[str, dict[str, int]] = {code: dict.fromkeys(OUTCOMES, 0) for code in DISCIPLINES}
    for discipline, outcome, count in rows:
        key = outcome if outcome in OUTCOMES else OutcomeState.TOO_FEW
        tallies.setdefault(discipline, dict.fromkeys(OUTCOMES, 0))[key] += count
    return [
        DisciplineOutcomes(
            code=code,
            name=DISCIPLINES.get(code, code),
            counts=counts,
            total=sum(counts.values()),
        )
        for code, counts in tallies.items()
    ]


def _follow_ups(start: datetime, end: datetime, now: datetime) -> FollowUps:
    """Follow-up answers of the cases that closed in the range, per outcome state, in one
    grouped query. The range ends with the current, unfinished week, so the cutoff counts
    from now: a case closed less than the first follow-up's days ago was not asked yet, and
    counts as closed but not as asked (nor does an answer its author gave unasked)."""
    days = current_app.config["FOLLOW_UP_DAYS"][0]
    asked_by = now - timedelta(days=days)
    asked = Case.closed_at <= asked_by
    rows = db.session.execute(
        select(
            Case.outcome_state,
            Case.advice_helped,
            func.count(),
            func.count(case((asked, literal_column("1")))),
            func.count(case((asked, Case.followed_up_at))),
        )
        .where(
            Case.status == ContentStatus.PUBLISHED,
            Case.closed_at >= start,
            Case.closed_at < end,
        )
        .group_by(Case.outcome_state, Case.advice_helped)
    )
    closed = dict.fromkeys(OutcomeState.ALL, 0)
    old_enough = dict.fromkeys(OutcomeState.ALL, 0)
    answers = {state: dict.fromkeys(ADVICE_HELPED, 0) for state in OutcomeState.ALL}
    unstated = 0
    for state, advice, count, asked_count, followed in rows:
        if state not in closed:
            unstated += count
            continue
        closed[state] += count
        old_enough[state] += asked_count
        if advice in ADVICE_HELPED:  # every answer says; a stray value counts as no answer
            answers[state][advice] += followed
    return FollowUps(
        asked_by=asked_by,
        days=days,
        states=[
            StateFollowUps(
                state=state,
                name=STATE_NAMES[state],
                closed=closed[state],
                asked=old_enough[state],
                answers=answers[state],
            )
            for state in OutcomeState.ALL
        ],
        unstated=unstated,
    )
