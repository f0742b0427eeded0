"""ISO weeks, which name editions: `2026-W48` is the edition of the 48th ISO week of 2026."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

_KEY = re.compile(r"([0-9]{4})-W([0-9]{2})")

# The years editions are made for. Far beyond them, a week's bounds leave the calendar Python
# can count in (the week after 9999-W52 is in the year 10000), and nobody means them anyway.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def parse_key(key: str) -> tuple[int, int] | None:
    """(year, week) from "2026-W48"; None for anything that is not a real ISO week of the
    years FIRST_YEAR to LAST_YEAR."""
    match = _KEY.fullmatch(key or "")
    if match is None:
        return None
    year, week = int(match[1]), int(match[2])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:  # week 53 exists only in some years; 0 and 54+ never
        return None
    return year, week


def week_key(year: int, week: int) -> str:
    return f"{year}-W{week:02d}"


def week_of(moment: datetime) -> tuple[int, int]:
    """The ISO (year, week) a moment falls in, in UTC."""
    calendar = moment.astimezone(UTC).isocalendar()
    return calendar.year, calendar.week


def bounds(year: int, week: int) -> tuple[datetime, datetime]:
    """Monday 00:00 UTC of the week, and of the week after."""
    start = datetime.combine(date.fromisocalendar(year, week, 1), datetime.min.time(), UTC)
    return start, start + timedelta(days=7)


def shift(year: int, week: int, weeks: int) -> tuple[int, int]:
    """The ISO week `weeks` weeks after (or before, if negative) the given one."""
    start, _ = bounds(year, week)
    return week_of(start + timedelta(weeks=weeks))
