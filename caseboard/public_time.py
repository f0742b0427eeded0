"""Times as Caseboard shows them about anyone's content: to the day, never to the minute.

A colleague who saw someone typing at 23:41 could match an exact time on a page to them, so
every page, fragment, feed, export and email gives the time of a case, verdict, reply,
update, notification or moderation entry as a day ("today", "yesterday", "3 days ago", or a
date), in its text and in its `datetime` attribute alike, and a case's closing as the hours
or days left. A member's own data export keeps exact times: it is theirs alone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from markupsafe import Markup

from caseboard.models.base import utcnow

# Up to this many days back, a day is said as "N days ago"; further back, as its date.
DAYS_SAID_AS_AGO = 6


def day_of(moment: datetime) -> date:
    """The UTC calendar day of `moment` (stored times are UTC, naive on SQLite)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.date()


def day_words(moment: datetime, now: datetime) -> str:
    """ "today", "yesterday", "3 days ago" within a week, else the date: "4 Dec 2026"."""
    days = (day_of(now) - day_of(moment)).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days <= DAYS_SAID_AS_AGO:
        return f"{days} days ago"
    day = day_of(moment)
    return f"{day.day} {day:%b %Y}"


def on_day(moment: datetime | None, now: datetime | None = None) -> Markup:
    """A <time> element for `moment` at day grain, in words and in its attribute ("" for
    none). Templates use it as the `on_day` filter."""
    if moment is None:
        return Markup("")
    words = day_words(moment, now or utcnow())
    return Markup('<time datetime="{}">{}</time>').format(day_of(moment).isoformat(), words)


def time_left(closes_at: datetime, now: datetime | None = None) -> str:
    """How long a window stays open, at the hour-or-day grain a cached page can keep for a
    minute: "3 days left", "5 hours left", "less than an hour left"."""
    hours = int((closes_at - (now or utcnow())).total_seconds() // 3600)
    if hours >= 48:
        return f"{hours // 24} days left"
    if hours >= 1:
        return f"{hours} hour{'' if hours == 1 else 's'} left"
    return "less than an hour left"
