"""How outcomes are shown: the closed case page (words, chart, table), the public "How
outcomes work" page, the lists, the curation pages and the dashboard, in the four states."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import update

from caseboard import aggregation, outcome_text
from caseboard.aggregation import OutcomeState, summarize
from caseboard.cases import services
from caseboard.curation import dashboard as figures
from caseboard.curation import weeks
from caseboard.extensions import db
from caseboard.lifecycle import close_expired_windows
from caseboard.models import Case
from caseboard.models.base import utcnow
from tests.conftest import REASONING
from tests.functional.curation_helpers import closed_case
from tests.functional.moderation_helpers import become_moderator

LABEL_CODE = re.compile(r"\b(YTA|NTA|ESH|NAH|INFO)\b")


def _judged(make_case, make_member, labels, **fields) -> Case:
    case = make_case(**fields)
    for label in labels:
        services.give_verdict(case, make_member(), label, REASONING)
    return case


def _closed(make_case, make_member, labels, **fields) -> Case:
    """A case with these verdicts whose window has closed, its outcome stored."""
    case = _judged(make_case, make_member, labels, **fields)
    db.session.execute(
        update(Case).where(Case.id == case.id).values(closes_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()
    close_expired_windows()
    db.session.refresh(case)
    return case


def _outcome_section(html: str) -> str:
    start = html.index('<section class="outcome')
    return html[start : html.index("</section>", start)]


class _Table(HTMLParser):
    """The outcome table's body rows, as lists of cell texts."""

    def __init__(self, html: str):
        super().__init__()
        self.rows: list[list[str]] = []
        self._inside = False
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "outcome-table" in (dict(attrs).get("class") or ""):
            self._inside = True
        elif self._inside and tag == "tr":
            self.rows.append([])
        elif self._inside and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._inside = False
        elif self._inside and tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


# -- the closed case page ------------------------------------------------------------------


def test_a_decided_case_shows_its_answer_distribution_table_and_chart(
    client, make_case, make_member
):
    labels = ("NTA",) * 5 + ("YTA",)
    case = _closed(make_case, make_member, labels)
    assert case.outcome_state == OutcomeState.DECIDED
    page = client.get(f"/cases/{case.public_id}").text
    section = _outcome_section(page)
    assert (
        "<strong>Decided: not in the wrong</strong> — "
        "about 9 in 10 chance a much larger group would say the same." in section
    )
    assert "6 verdicts. Most said NTA; some said YTA. Some disagreement." in section

    # The table: every label with its verdicts, share and the 80 % range of a larger group.
    outcome = summarize({"NTA": 5, "YTA": 1})
    header, *rows = _Table(section).rows
    assert header == ["Label", "Verdicts", "Share", "A much larger group: 80 % range"]
    assert [row[0].split()[0] for row in rows] == list(aggregation.LABEL_ORDER)
    for row in rows:
        code = row[0].split()[0]
        low, high = outcome.intervals[code]
        assert row[1:] == [
            str(labels.count(code)),
            f"{round(100 * labels.count(code) / 6)} %",
            f"{round(100 * low)}–{round(100 * high)} %",
        ]
    assert rows[1][0] == "NTA Not in the wrong" and re.fullmatch(r"\d+–\d+ %", rows[1][3])

    # The chart: an image named in words, which says what the table says.
    chart = section[section.index('<svg class="outcome-chart"') : section.index("</svg>")]
    assert 'role="img"' in chart
    assert 'aria-labelledby="outcome-chart-title outcome-chart-desc"' in chart
    assert '<title id="outcome-chart-title">' in chart
    low, high = outcome.intervals["NTA"]
    assert (
        f"NTA, not in the wrong: 5 of 6 verdicts (83 %); a much larger group: "
        f"{round(100 * low)}–{round(100 * high)} %." in chart
    )
    assert " style=" not in section  # the Content-Security-Policy forbids inline styles
    # One view at a time, switched by real links to the other's id.
    assert 'id="outcome-chart"' in section and 'id="outcome-table"' in section
    assert '<a href="#outcome-table">Show as a table</a>' in section
    assert '<a href="#outcome-chart">Show as a chart</a>' in section
    assert "4 times in 5 the true share is inside it" in section
    assert '<a href="/how-outcomes-work">How outcomes work</a>' in section


def test_a_leaning_case_says_how_likely(client, make_case, make_member):
    case = _closed(make_case, make_member, ("NTA", "NTA", "NTA", "ESH", "ESH"))
    assert case.outcome_state == OutcomeState.LEANING
    section = _outcome_section(client.get(f"/cases/{case.public_id}").text)
    assert "<strong>Leaning: not in the wrong</strong>" in section
    assert "about 3 in 5 chance a much larger group would say the same." in section
    assert "Most said NTA; ESH was a strong second." in section


def test_a_split_case_names_its_tied_labels(client, make_case, make_member):
    case = _closed(make_case, make_member, ("NTA", "YTA", "ESH", "NTA", "YTA"))
    assert case.outcome_state == OutcomeState.SPLIT and case.outcome_label is None
    section = _outcome_section(client.get(f"/cases/{case.public_id}").text)
    assert "<strong>Split: you&#39;re in the wrong or not in the wrong</strong>" in section
    assert "reasonable people disagree: 2 labels tied for the most" in section
    assert "Verdicts tied between YTA and NTA." in section
    assert "The tied labels:" in section and "with 2 verdicts each." in section
    assert len(_Table(section).rows) == 6


def test_too_few_verdicts_says_so_and_still_shows_the_counts(client, make_case, make_member):
    case = _closed(make_case, make_member, ("NTA", "YTA"))
    assert case.outcome_state == OutcomeState.TOO_FEW
    section = _outcome_section(client.get(f"/cases/{case.public_id}").text)
    assert "<strong>Too few verdicts</strong>" in section
    assert "fewer than 3 verdicts are not enough to name an answer." in section
    assert "With 2 verdicts there is no answer to name yet, but here is how they fell." in section
    assert "More said" not in section  # a 1–1 tie has no "more"
    counts = {row[0].split()[0]: row[1] for row in _Table(section).rows[1:]}
    assert counts == {"YTA": "1", "NTA": "1", "ESH": "0", "NAH": "0", "INFO": "0"}
    assert "agreement" not in section and "divided" not in section  # 2 verdicts: no figure


def test_no_verdicts_at_all_says_so_without_a_chart(client, make_case, make_member):
    case = _closed(make_case, make_member, ())
    section = _outcome_section(client.get(f"/cases/{case.public_id}").text)
    assert "<strong>No verdicts</strong>" in section
    assert "outcome-chart" not in section and "<table" not in section


def test_an_open_case_shows_no_outcome(client, make_case, make_member):
    case = _judged(make_case, make_member, ("NTA", "NTA", "NTA"))
    page = client.get(f"/cases/{case.public_id}").text
    assert 'class="outcome' not in page and "Show as a table" not in page


# -- the "How outcomes work" page ----------------------------------------------------------


def test_how_outcomes_work_is_public_and_uses_the_configured_numbers(make_app, monkeypatch):
    app = make_app(MIN_VERDICTS_TO_CLOSE=7, CASE_EXTENSION_HOURS=36, FOLLOW_UP_DAYS=(30, 90))
    monkeypatch.setattr(aggregation, "MIN_VERDICTS", 4)
    monkeypatch.setattr(aggregation, "DECIDED_CONFIDENCE", 0.8)
    response = app.test_client().get("/how-outcomes-work")
    assert response.status_code == 200
    html = " ".join(response.text.split())
    for words in (
        "<dt>Decided</dt>",
        "<dt>Leaning</dt>",
        "<dt>Split</dt>",
        "<dt>Too few verdicts</dt>",
        "At least 4 verdicts",  # aggregation.MIN_VERDICTS, read at request time
        "is 80 in 100 or more (about 4 in 5)",  # aggregation.DECIDED_CONFIDENCE
        "Fewer than 4 verdicts",
        "about 3 in 4 chance a much larger group would say the same",
        "<strong>calibrated</strong>",
        f"Until Caseboard has {aggregation.MIN_CASES_FOR_PRIOR} closed cases",
        "the labels are not equally likely",
        "The 80 % ranges",
        "fewer than 7 verdicts",  # MIN_VERDICTS_TO_CLOSE
        "extended, once, by 36 hours",  # CASE_EXTENSION_HOURS
        'top of <a href="/needs-verdicts">Needs verdicts</a>',
        "its author is told",
        "30 and 90 days after a case closes",
        "whether the advice helped",
    ):
        assert words in html, words


def test_how_outcomes_work_sets_no_cookie_for_a_reader(client, auth):
    response = client.get("/how-outcomes-work")
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
    auth.register()
    assert client.get("/how-outcomes-work").status_code == 200


def test_windows_not_extended_are_described_as_such(make_app):
    app = make_app(MIN_VERDICTS_TO_CLOSE=5, CASE_EXTENSION_HOURS=0)
    html = app.test_client().get("/how-outcomes-work").text
    assert "windows close on time" in html and "extended, once" not in html


def test_the_footer_links_to_how_outcomes_work(client):
    assert '<a href="/how-outcomes-work">How outcomes work</a>' in client.get("/").text


# -- lists ---------------------------------------------------------------------------------


def _items(html: str) -> dict[str, str]:
    """Each list entry's HTML, by its title."""
    items = {}
    for part in html.split('<li class="case-item">')[1:]:
        entry = part.split("</li>")[0]
        items[entry.split("</a>")[0].split(">")[-1]] = entry
    return items


@pytest.fixture
def waiting(app):
    """Windows that wait for five verdicts, extended by two days."""
    app.config.update(MIN_VERDICTS_TO_CLOSE=5, CASE_EXTENSION_HOURS=48)
    return app


def test_needs_verdicts_lists_extended_cases_first_marked_as_such(
    waiting, client, make_case, make_member
):
    fresh = make_case(title="A fresh case with no verdicts")
    extended = _judged(make_case, make_member, ("NTA", "YTA"), title="Extended with two")
    db.session.execute(
        update(Case).where(Case.id == extended.id).values(closes_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()
    close_expired_windows()
    db.session.refresh(extended)
    assert extended.extended_at is not None and extended.closed_at is None
    items = _items(client.get("/needs-verdicts").text)
    # Fewest verdicts would put the fresh case first; the extension comes before that.
    assert list(items) == [extended.title, fresh.title]
    assert "Extended: needs verdicts" in items[extended.title]
    assert "Extended" not in items[fresh.title]
    assert not LABEL_CODE.search(items[extended.title])  # blind: no label of an open case
    assert "in the wrong" not in items[extended.title]


def test_list_entries_show_a_closed_case_s_outcome_headline(client, make_case, make_member):
    decided = _closed(make_case, make_member, ("NTA",) * 5 + ("YTA",), title="Decided one")
    split = _closed(make_case, make_member, ("NTA", "YTA", "ESH", "NTA", "YTA"), title="Split")
    few = _closed(make_case, make_member, ("NAH",), title="Thin one")
    open_case = _judged(make_case, make_member, ("YTA", "YTA", "YTA"), title="Still open")
    items = _items(client.get("/new").text)
    assert "Closed · <strong>Decided: not in the wrong</strong>" in items[decided.title]
    assert (
        "Closed · <strong>Split: you&#39;re in the wrong or not in the wrong</strong>"
        in items[split.title]
    )
    assert "Closed · <strong>Too few verdicts</strong>" in items[few.title]
    entry = items[open_case.title]
    assert "Closed" not in entry and "in the wrong" not in entry
    assert not LABEL_CODE.search(entry)


# -- the short headline from stored columns ------------------------------------------------


@pytest.mark.parametrize(
    ("state", "label", "tally", "words"),
    [
        ("decided", "NTA", None, "Decided: not in the wrong"),
        ("leaning", "YTA", None, "Leaning: you're in the wrong"),
        (
            "split",
            None,
            {"YTA": 2, "NTA": 2, "ESH": 1},
            "Split: you're in the wrong or not in the wrong",
        ),
        ("split", None, None, "Split"),
        ("too_few", None, {"NTA": 1}, "Too few verdicts"),
        ("too_few", None, {"NTA": 0}, "No verdicts"),
        (None, "NAH", None, "No one is in the wrong"),  # closed before states were stored
        (None, None, None, "No single answer"),
    ],
)
def test_short_headline_from_the_stored_columns(state, label, tally, words):
    assert outcome_text.short_headline(state, label, tally) == words


def test_short_headline_matches_the_full_headline():
    for counts in ({"NTA": 5, "YTA": 1}, {"NTA": 3, "ESH": 2}, {"YTA": 2, "NTA": 2}, {"NAH": 1}):
        outcome = summarize(counts)
        tally = {code: counts.get(code, 0) for code in aggregation.LABEL_ORDER}
        assert outcome_text.short_headline(
            outcome.state, outcome.leading, tally
        ) == outcome_text.headline(outcome)
    assert outcome_text.chance_clause(0.74) == (
        "about 3 in 4 chance a much larger group would say the same"
    )
    assert outcome_text.range_words((0.241, 0.657)) == "24–66 %"


# -- curation pages and the dashboard ------------------------------------------------------


def test_the_library_offers_no_single_answer_not_undecided(client):
    html = client.get("/library").text
    assert '<option value="undecided">No single answer (split or too few)</option>' in html
    assert "Undecided" not in html


def test_similar_cases_and_the_builder_use_the_states(client, auth, make_case, make_member):
    roadmap = {"discipline": "product", "level": "senior", "topic": "priorities"}
    case = make_case(**roadmap)
    split = closed_case(make_case, make_member, labels=("YTA", "NTA", "YTA", "NTA"), **roadmap)
    leaning = closed_case(make_case, make_member, labels=("NTA",) * 3 + ("ESH",) * 2, **roadmap)
    page = client.get(f"/cases/{case.public_id}").text
    section = page[page.index('<section class="similar-cases"') :]
    assert "Outcome: Split: you&#39;re in the wrong or not in the wrong" in section
    assert "Outcome: Leaning: not in the wrong" in section
    assert "undecided" not in section

    become_moderator(client, auth)
    key = weeks.week_key(*weeks.week_of(utcnow()))
    client.post("/mod/highlights", data={"week": key})
    client.post(f"/mod/highlights/{key}/cases", data={"case": split.public_id})
    builder = client.get(f"/mod/highlights/{key}").text
    assert "Outcome: Split: you&#39;re in the wrong or not in the wrong · 4 verdicts" in builder
    candidates = builder[builder.index('class="candidate-list"') :]
    assert (
        "Leaning: not in the wrong (about 3 in 5 chance a much larger group would say the same)"
        in candidates
    )
    assert leaning.public_id in candidates
    assert "undecided" not in builder.lower()


def test_the_dashboard_counts_closed_cases_by_state(app, make_case, make_member):
    _closed(make_case, make_member, ("NTA",) * 5 + ("YTA",))  # decided NTA
    _closed(make_case, make_member, ("NTA", "NTA", "NTA", "ESH", "ESH"))  # leaning NTA
    _closed(make_case, make_member, ("NTA", "YTA", "ESH", "NTA", "YTA"))  # split
    _closed(make_case, make_member, ("NAH",))  # too few
    _closed(make_case, make_member, ())  # too few, none at all
    data = figures.dashboard(4)
    (engineering,) = [row for row in data.outcomes if row.code == "engineering"]
    assert engineering.counts == {
        "YTA": 0,
        "NTA": 2,
        "ESH": 0,
        "NAH": 0,
        "INFO": 0,
        "split": 1,
        "too_few": 2,
    }
    assert list(figures.OUTCOMES.values())[-2:] == ["Split", "Too few verdicts"]
