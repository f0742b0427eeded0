"""The moderators' dashboard: who may see it, and that its figures add up."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import update

from caseboard.cases import services
from caseboard.curation import dashboard as figures
from caseboard.curation import weeks
from caseboard.extensions import db
from caseboard.follow_ups import answer_follow_up
from caseboard.models import Case, ContentStatus, ItemKind, Member, ModerationItem, Verdict
from caseboard.models.base import utcnow
from caseboard.moderation import queue
from tests.conftest import CASE_FIELDS, REASONING
from tests.functional.curation_helpers import closed_case
from tests.functional.moderation_helpers import become_moderator, promote
from tests.functional.test_query_counts import counting_queries

# A Wednesday noon well in the future, in a range that crosses a new year (2029-W52 to
# 2030-W11 for twelve weeks): rows the services stamp with today's clock stay out of it.
CURRENT = (2030, 11)
NOW = weeks.bounds(*CURRENT)[0] + timedelta(days=2, hours=12)


def at(offset: int, *, days: float = 0, hours: float = 0, current=CURRENT):
    """A moment `offset` weeks from the current week's Monday, plus days and hours."""
    start, _ = weeks.bounds(*weeks.shift(*current, offset))
    return start + timedelta(days=days, hours=hours)


def key(offset: int, current=CURRENT) -> str:
    return weeks.week_key(*weeks.shift(*current, offset))


def queue_item(make_case, created, closed=None) -> ModerationItem:
    """An item put in the queue by the moderation service, then dated."""
    item = queue.open_item(ItemKind.HELD, make_case())
    db.session.commit()
    db.session.execute(
        update(ModerationItem)
        .where(ModerationItem.id == item.id)
        .values(created_at=created, closed_at=closed, outcome="approve" if closed else None)
    )
    db.session.commit()
    return item


def published_case(make_case, when, **fields) -> Case:
    case = make_case(**fields)
    db.session.execute(update(Case).where(Case.id == case.id).values(published_at=when))
    db.session.commit()
    return case


def verdict_on(case, make_member, when) -> Verdict:
    verdict = services.give_verdict(case, make_member(), "NTA", REASONING)
    db.session.execute(update(Verdict).where(Verdict.id == verdict.id).values(created_at=when))
    db.session.commit()
    return verdict


def stored_outcome(case: Case, label: str | None, state: str | None = "decided") -> None:
    """Set the outcome the window's closing stored, to make every label and state appear
    (state None: a case closed before states were stored)."""
    db.session.execute(
        update(Case).where(Case.id == case.id).values(outcome_label=label, outcome_state=state)
    )
    db.session.commit()


class Tables(HTMLParser):
    """The page's tables, by caption: rows of cell texts (header cells included)."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._caption: str | None = None
        self._rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in_caption = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._caption, self._rows = "", []
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self.tables[self._caption] = self._rows

    def handle_data(self, data):
        if self._in_caption:
            self._caption += data
        elif self._cell is not None:
            self._cell.append(data)

    def rows(self, caption_start: str) -> dict[str, list[str]]:
        """The body rows of the table whose caption starts so, by their header cell (a week's
        without the date of its Monday)."""
        (rows,) = [
            rows for caption, rows in self.tables.items() if caption.startswith(caption_start)
        ]
        return {row[0].split(" from ")[0]: row[1:] for row in rows[1:]}


# -- who may see it ------------------------------------------------------------------------


def test_readers_are_sent_to_log_in_and_members_are_refused(client, auth):
    response = client.get("/mod/dashboard")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    auth.register("member1")
    assert client.get("/mod/dashboard").status_code == 403


CHARTS = ("chart-queue", "chart-decision-time", "chart-activity", "chart-outcomes")
CHARTS += ("chart-follow-ups",)


def test_moderators_see_five_charts_each_with_a_table(client, auth):
    become_moderator(client, auth)
    response = client.get("/mod/dashboard")
    assert response.status_code == 200
    html = response.text
    assert html.count('role="img"') == 5
    assert html.count("<summary>Show as a table</summary>") == 5
    for chart in CHARTS:
        start = html.index(f'aria-labelledby="{chart}-title {chart}-desc"')
        svg = html[html.rindex("<svg", 0, start) : html.index("</svg>", start) + 6]
        ET.fromstring(svg)  # well-formed, so also fine inside HTML
    assert 'style="' not in html and "<style" not in html  # the CSP allows no inline styles
    assert 'scope="col"' in html and 'scope="row"' in html


def test_the_queue_page_links_to_the_dashboard(client, auth):
    become_moderator(client, auth)
    assert 'href="/mod/dashboard"' in client.get("/mod/queue").text


@pytest.mark.parametrize(
    ("given", "shown"), [("4", 4), ("26", 26), ("52", 52), ("5", 12), ("x", 12), ("", 12)]
)
def test_weeks_are_one_of_the_offered_spans(client, auth, given, shown):
    become_moderator(client, auth)
    tables = Tables(client.get(f"/mod/dashboard?weeks={given}").text)
    assert len(tables.rows("Moderation queue per week")) == shown
    assert len(tables.rows("Cases published")) == shown


# -- the figures ----------------------------------------------------------------------------


def test_queue_inflow_outflow_size_and_time_to_decision(app, make_case):
    before = at(-13)  # before the range: 2029-W50
    queue_item(make_case, before)  # still open: in every week's queue
    queue_item(make_case, before, closed=at(-9, hours=10))  # decided in the range
    queue_item(make_case, before, closed=at(-12))  # decided before the range: not counted
    queue_item(make_case, at(-6, days=1, hours=10), closed=at(-6, days=1, hours=12))  # 2 h
    queue_item(make_case, at(-6, days=2), closed=at(-5, days=2))  # a week: 168 h
    queue_item(make_case, at(-6, days=3), closed=at(-6, days=3, hours=4))  # 4 h
    queue_item(make_case, at(0, hours=1))  # this week, open
    queue_item(make_case, at(1))  # next week: not yet

    data = figures.dashboard(12, now=NOW)
    by_week = {week.key: week for week in data.series}
    assert [week.key for week in data.series] == [key(offset) for offset in range(-11, 1)]
    assert data.first == "2029-W52" and data.last == "2030-W11"
    entered = {k: w.entered for k, w in by_week.items() if w.entered}
    decided = {k: w.decided for k, w in by_week.items() if w.decided}
    assert entered == {key(-6): 3, key(0): 1}
    assert decided == {key(-9): 1, key(-6): 2, key(-5): 1}
    assert [week.open_at_end for week in data.series] == [2, 2, 1, 1, 1, 2, 1, 1, 1, 1, 1, 2]
    assert data.open_now == 2 and data.entered == 4 and data.decided == 4

    waited_from_before = (at(-9, hours=10) - before).total_seconds() / 3600
    assert by_week[key(-9)].median_hours == pytest.approx(waited_from_before)
    assert by_week[key(-6)].median_hours == pytest.approx(3.0)
    assert by_week[key(-6)].p90_hours == pytest.approx(3.8)  # 2 + 0.9 × (4 − 2)
    assert by_week[key(-5)].median_hours == pytest.approx(168.0)
    assert by_week[key(-4)].median_hours is None and by_week[key(-4)].p90_hours is None
    assert data.median_hours == pytest.approx((4 + 168) / 2)
    assert data.p90_hours == pytest.approx(168 + 0.7 * (waited_from_before - 168))


def test_cases_and_verdicts_per_week_count_only_what_is_shown(app, make_case, make_member):
    first = published_case(make_case, at(-11))  # the range's first instant
    published_case(make_case, at(-3, days=4))
    published_case(make_case, at(-3, days=6, hours=23.9))
    published_case(make_case, at(-12, days=6, hours=23.9))  # the week before: out
    held = published_case(make_case, at(-3, days=1))
    db.session.execute(update(Case).where(Case.id == held.id).values(status=ContentStatus.HELD))
    verdict_on(first, make_member, at(-11, days=3))
    verdict_on(first, make_member, at(0))
    removed = verdict_on(first, make_member, at(0, hours=2))
    db.session.execute(
        update(Verdict).where(Verdict.id == removed.id).values(status=ContentStatus.REMOVED)
    )
    db.session.commit()

    data = figures.dashboard(12, now=NOW)
    cases = {week.key: week.cases for week in data.series if week.cases}
    verdicts = {week.key: week.verdicts for week in data.series if week.verdicts}
    assert cases == {key(-11): 1, key(-3): 2}
    assert verdicts == {key(-11): 1, key(0): 1}
    assert (data.cases, data.verdicts) == (3, 2)


def test_outcomes_per_discipline_of_the_cases_closed_in_the_range(app, make_case, make_member):
    # closed_case closes every window due by its moment, so the closed cases come first.
    def closed(discipline, label, when, state="decided", labels=()):
        case = closed_case(
            make_case, make_member, labels=labels, closed_at=when, discipline=discipline
        )
        stored_outcome(case, label, state)
        return case

    closed("engineering", "NTA", at(-2))
    closed("engineering", "NTA", at(-1), state="leaning")  # decided or leaning: its label
    closed("engineering", "YTA", at(-1))
    closed("engineering", None, at(0), state="split")
    closed("engineering", None, at(0), state="too_few")
    closed("engineering", None, at(0), state="too_few")
    closed("engineering", "NTA", at(0), state=None)  # closed before states: by its label
    closed("engineering", None, at(0), state=None)  # ... or, with no label, its verdicts
    closed("engineering", None, at(0), state=None, labels=("NTA", "YTA", "ESH"))
    closed("design", "INFO", at(-10))
    closed("design", "ESH", at(-20))  # closed before the range: out
    gone = closed("data", "NAH", at(-2))
    db.session.execute(update(Case).where(Case.id == gone.id).values(status=ContentStatus.REMOVED))
    db.session.commit()
    make_case(discipline="product")  # open: not counted

    data = figures.dashboard(12, now=NOW)
    rows = {row.code: row for row in data.outcomes}
    assert [row.name for row in data.outcomes] == [
        "Engineering",
        "Product management",
        "Design",
        "Engineering management",
        "Data",
    ]
    assert rows["engineering"].counts == {
        "YTA": 1,
        "NTA": 3,
        "ESH": 0,
        "NAH": 0,
        "INFO": 0,
        "split": 2,
        "too_few": 3,
    }
    assert rows["engineering"].total == 9 and rows["engineering"].share("too_few") == 3 / 9
    assert rows["design"].counts["INFO"] == 1 and rows["design"].total == 1
    assert rows["data"].total == rows["product"].total == 0
    assert rows["product"].share("NTA") == 0.0
    assert data.closed_cases == 10


def test_an_empty_site_draws_every_chart(app):
    data = figures.dashboard(4, now=NOW)
    assert [week.entered + week.cases + week.open_at_end for week in data.series] == [0] * 4
    assert data.median_hours is None and data.closed_cases == 0


def test_the_page_shows_the_figures_in_its_tables(client, auth, app, make_case, make_member):
    current = weeks.week_of(utcnow())
    become_moderator(client, auth)
    queue_item(make_case, at(-1, days=1, current=current), closed=at(0, current=current))
    queue_item(make_case, at(-1, days=2, current=current))
    case = published_case(make_case, at(-2, days=3, current=current))
    verdict_on(case, make_member, at(-1, days=4, current=current))
    verdict_on(case, make_member, at(-1, days=5, current=current))
    closed = closed_case(make_case, make_member, labels=(), closed_at=at(-1, current=current))
    stored_outcome(closed, "NAH")

    tables = Tables(client.get("/mod/dashboard").text)
    last, this = key(-1, current), key(0, current)
    flow = tables.rows("Moderation queue per week")
    assert flow[last] == ["2", "0", "2"] and flow[this] == ["0", "1", "1"]
    timing = tables.rows("Hours from entering")
    assert timing[this] == ["1", "144.0", "144.0"]  # six days, Tuesday to Monday
    assert timing[last] == ["0", "none decided", "none decided"]
    activity = tables.rows("Cases published")
    assert activity[key(-2, current)] == ["1", "0"] and activity[last] == ["0", "2"]
    outcomes = tables.rows("Outcomes of the cases closed")
    assert outcomes["Engineering"][3] == "1 (100%)"  # NAH, the fourth label
    assert outcomes["Engineering"][5:] == ["0 (0%)", "0 (0%)", "1"]  # split, too few, all
    assert outcomes["Design"] == ["0"] * 8
    header = Tables(client.get("/mod/dashboard").text).tables
    (outcome_rows,) = [rows for caption, rows in header.items() if caption.startswith("Outcomes")]
    assert outcome_rows[0][-3:] == ["Split", "Too few verdicts", "Closed cases"]
    assert "Undecided" not in client.get("/mod/dashboard").text


def test_nothing_on_the_page_identifies_a_member(client, auth, make_case, make_member):
    author = make_member("pseudonymous_author", "author@example.com")
    case = make_case(author=author, title="AITA for a title only the case page shows?")
    verdict_on(case, make_member, utcnow())
    queue_item(make_case, utcnow())
    become_moderator(client, auth, name="watchful_mod")
    html = client.get("/mod/dashboard").text
    for private in ("pseudonymous_author", "author@example.com", case.title, case.public_id):
        assert private not in html
    assert "someone" not in html  # make_member's usernames
    assert CASE_FIELDS["title"] not in html


def test_the_page_runs_a_fixed_number_of_queries(client, auth, make_case, make_member):
    become_moderator(client, auth)

    def queries() -> int:
        with counting_queries() as statements:
            assert client.get("/mod/dashboard?weeks=52").status_code == 200
        return len(statements)

    small = queries()
    current = weeks.week_of(utcnow())
    for offset in range(-20, 0, 2):
        when = at(offset, days=1, current=current)
        case = published_case(make_case, when)
        verdict_on(case, make_member, when)
        queue_item(make_case, when, closed=when + timedelta(hours=5))
        closed = closed_case(make_case, make_member, labels=(), closed_at=when)
        closed.followed_up_at, closed.advice_helped = when + timedelta(days=31), "partly"
        db.session.commit()
    assert queries() == small
    assert 4 < small <= 10  # counted for real: the header's and the dashboard's own


def test_promoted_members_get_in(client, auth):
    auth.register("member2")
    assert client.get("/mod/dashboard").status_code == 403
    promote("member2")
    assert client.get("/mod/dashboard").status_code == 200


# -- what happened next -----------------------------------------------------------------------


def closed_with(make_case, make_member, state, when, advice=None) -> Case:
    """A case closed at `when` with this outcome state, its author's latest follow-up answer
    `advice` (None: no answer) given 31 days later."""
    case = closed_case(make_case, make_member, labels=(), closed_at=when)
    stored_outcome(case, None if state in ("split", "too_few") else "NTA", state)
    if advice:
        db.session.execute(
            update(Case)
            .where(Case.id == case.id)
            .values(followed_up_at=when + timedelta(days=31), advice_helped=advice)
        )
        db.session.commit()
    return case


def test_follow_ups_per_outcome_state_count_the_closed_the_asked_and_their_answers(
    app, make_case, make_member
):
    for advice in ("helped", "helped", "partly", None):
        closed_with(make_case, make_member, "decided", at(-8), advice)
    for advice in ("didnt_help", None, None):
        closed_with(make_case, make_member, "leaning", at(-6, days=2), advice)
    closed_with(make_case, make_member, "split", at(-10), "partly")
    closed_with(make_case, make_member, "decided", at(-13), "helped")  # closed before: out
    gone = closed_with(make_case, make_member, "split", at(-7), "helped")
    db.session.execute(update(Case).where(Case.id == gone.id).values(status=ContentStatus.REMOVED))
    db.session.commit()
    # The author answering through the service counts like the columns set above.
    answered = closed_with(make_case, make_member, "leaning", at(-9))
    author = db.session.get(Member, answered.author_id)
    answer_follow_up(
        answered, author, "We rotated the on-call weeks fairly across the team.", "helped"
    )

    data = figures.dashboard(12, now=NOW)
    states = {row.state: row for row in data.follow_ups.states}
    assert list(states) == ["decided", "leaning", "split", "too_few"]
    assert [row.name for row in data.follow_ups.states] == [
        "Decided",
        "Leaning",
        "Split",
        "Too few verdicts",
    ]
    decided, leaning, split, too_few = states.values()
    assert (decided.closed, decided.asked, decided.followed_up) == (4, 4, 3)
    assert decided.answers == {"helped": 2, "partly": 1, "didnt_help": 0}
    assert decided.followed_up_share == 3 / 4 and decided.answer_share("helped") == 2 / 3
    assert (leaning.closed, leaning.asked, leaning.followed_up) == (4, 4, 2)
    assert leaning.answers == {"helped": 1, "partly": 0, "didnt_help": 1}
    assert leaning.not_followed_up == 2 and leaning.answer_share("didnt_help") == 1 / 2
    assert (split.closed, split.asked, split.answers["partly"]) == (1, 1, 1)
    assert split.followed_up_share == 1.0
    assert (too_few.closed, too_few.asked, too_few.followed_up) == (0, 0, 0)
    assert too_few.followed_up_share == too_few.answer_share("helped") == 0.0
    assert data.follow_ups.unstated == 0


def test_cases_closed_less_than_30_days_ago_are_closed_but_not_asked(app, make_case, make_member):
    thirty = timedelta(days=30)
    closed_with(make_case, make_member, "decided", NOW - thirty - timedelta(hours=1), "helped")
    closed_with(make_case, make_member, "decided", NOW - thirty, "partly")  # just asked
    closed_with(make_case, make_member, "decided", NOW - thirty + timedelta(hours=1))
    early = closed_with(make_case, make_member, "decided", NOW - timedelta(days=3))
    # An answer given before the question (the form is there once the case closes) does not
    # make a case asked, nor count among the answers of the asked.
    db.session.execute(
        update(Case)
        .where(Case.id == early.id)
        .values(followed_up_at=NOW - timedelta(days=1), advice_helped="didnt_help")
    )
    db.session.commit()

    follow_ups = figures.dashboard(12, now=NOW).follow_ups
    decided = follow_ups.states[0]
    assert follow_ups.asked_by == NOW - thirty and follow_ups.days == 30
    assert (decided.closed, decided.asked, decided.followed_up) == (4, 2, 2)
    assert decided.answers == {"helped": 1, "partly": 1, "didnt_help": 0}
    assert decided.followed_up_share == 1.0


def test_the_follow_up_chart_is_an_image_and_its_table_gives_its_numbers(
    client, auth, app, make_case, make_member
):
    become_moderator(client, auth)
    now = utcnow()
    for advice in ("helped", "didnt_help", None):
        closed_with(make_case, make_member, "decided", now - timedelta(days=40), advice)
    closed_with(make_case, make_member, "split", now - timedelta(days=35), "partly")
    closed_with(make_case, make_member, "split", now - timedelta(days=2))  # not asked yet

    html = client.get("/mod/dashboard").text
    start = html.index('aria-labelledby="chart-follow-ups-title chart-follow-ups-desc"')
    svg = ET.fromstring(html[html.rindex("<svg", 0, start) : html.index("</svg>", start) + 6])
    assert svg.get("role") == "img"
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.find(f"{ns}title").text == "What happened next, per outcome state"
    drawn = [t.text for t in svg.iter(f"{ns}text")]
    assert "Decided (n = 3)" in drawn and "Split (n = 1)" in drawn
    assert "Leaning (n = 0)" in drawn and "None asked yet" in drawn
    segments = sorted(t.text for t in svg.iter(f"{ns}title") if t.text.startswith("Decided, "))
    assert segments == [
        "Decided, It didn't help: 1 of 3 (33%)",
        "Decided, It helped: 1 of 3 (33%)",
        "Decided, No follow-up: 1 of 3 (33%)",
    ]
    assert "at least 30 days ago" in html

    tables = Tables(html)
    (table,) = [rows for caption, rows in tables.tables.items() if caption.startswith("Follow")]
    assert table[0] == [
        "Outcome state",
        "Closed",
        "Asked",
        "Followed up",
        "It helped",
        "It partly helped",
        "It didn't help",
    ]
    rows = tables.rows("Follow-ups of the cases closed")
    assert rows["Decided"] == ["3", "3", "2 (67%)", "1 (50%)", "0 (0%)", "1 (50%)"]
    assert rows["Split"] == ["2", "1", "1 (100%)", "0 (0%)", "1 (100%)", "0 (0%)"]
    assert rows["Leaning"] == rows["Too few verdicts"] == ["0", "0", "0", "0", "0", "0"]
