from datetime import timedelta

import pytest
from sqlalchemy import select, update

from caseboard.cases import services
from caseboard.cases.counts import recount_case
from caseboard.extensions import db
from caseboard.lifecycle import close_expired_windows
from caseboard.models import Case
from caseboard.models.base import utcnow
from tests.conftest import CASE_FIELDS, REASONING, shown


def _age(case, days):
    published = utcnow() - timedelta(days=days)
    db.session.execute(update(Case).where(Case.id == case.id).values(published_at=published))
    recount_case(case.id)
    db.session.commit()


def _titles(html: str) -> list[str]:
    return [part.split("</a>")[0].split(">")[-1] for part in html.split('class="case-item"')[1:]]


def test_home_ranks_discussed_recent_cases_first(client, make_case, make_member):
    quiet = make_case(title="A quiet case from this morning")
    busy = make_case(title="A busy case from this morning")
    for _ in range(3):
        services.give_verdict(busy, make_member(), "NTA", REASONING)
    old = make_case(title="A busy case from last month")
    for _ in range(3):
        services.give_verdict(old, make_member(), "NTA", REASONING)
    _age(old, 30)
    assert _titles(client.get("/").text) == [busy.title, quiet.title, old.title]


def test_new_lists_the_newest_first(client, make_case):
    older = make_case(title="Posted two days ago, older")
    _age(older, 2)
    newer = make_case(title="Posted just now, newer one")
    assert _titles(client.get("/new").text) == [newer.title, older.title]


@pytest.mark.parametrize(("period", "expected"), [("day", 1), ("week", 2), ("all", 3)])
def test_top_keeps_to_its_period(client, make_case, period, expected):
    for days in (0, 3, 40):
        _age(make_case(title=f"A case from {days} days ago"), days)
    assert len(_titles(client.get(f"/top?period={period}").text)) == expected


def test_filters_narrow_every_list(client, make_case):
    make_case(title="An engineering dilemma here", discipline="engineering")
    make_case(title="A design dilemma over there", discipline="design", level="director")
    for path in ("/", "/new", "/top?period=all"):
        sep = "&" if "?" in path else "?"
        assert _titles(client.get(f"{path}{sep}discipline=design").text) == [
            "A design dilemma over there"
        ]
    assert _titles(client.get("/?discipline=design&level=senior").text) == []
    # An unknown filter value is ignored rather than an error.
    assert len(_titles(client.get("/?discipline=astrology").text)) == 2


def test_lists_are_paginated(make_app, make_member):
    app = make_app(CASES_PER_PAGE=2)
    with app.app_context():
        author = make_member()
        from tests.conftest import CASE_FIELDS

        for index in range(5):
            services.post_case(
                author, services.CaseDraft(**{**CASE_FIELDS, "title": f"Paginated case {index}"})
            )
        client = app.test_client()
        first = client.get("/new").text
        assert 'rel="next" href="/new?page=2"' in first
        third = client.get("/new?page=3").text
        assert len(_titles(third)) == 1 and 'rel="next"' not in third
        assert client.get("/new?page=abc").status_code == 200


def test_search_finds_cases_by_their_words(client, make_case):
    make_case(title="AITA for rewriting a junior's pull request?", situation="x" * 60)
    make_case(title="Skipped the offsite to finish the migration", discipline="data")
    page = client.get("/search?q=offsite migration").text
    assert _titles(page) == ["Skipped the offsite to finish the migration"]
    assert _titles(client.get("/search?q=migration&discipline=engineering").text) == []
    assert "No cases match" in client.get("/search?q=astronaut").text


def test_search_stems_words(client, make_case):
    make_case(title="AITA for interviewing candidates without preparation?")
    assert len(_titles(client.get("/search?q=interview").text)) == 1


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "AND OR NOT", "NEAR(", "*", "'; DROP TABLE cases; --", "\x00", "é" * 500],
)
def test_search_survives_hostile_queries(client, make_case, query):
    make_case()
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200


def test_search_only_shows_published_cases(client, make_case):
    case = make_case(title="A removed case about offsites")
    case.status = "removed"
    db.session.commit()
    assert _titles(client.get("/search?q=offsites").text) == []
    assert client.get(f"/cases/{case.public_id}").status_code == 404


def test_the_author_sees_the_tally_of_an_open_case(client, auth, make_member):
    auth.register("author")
    url = client.post("/cases/new", data={**CASE_FIELDS, "action": "post"}).headers["Location"]
    case = db.session.scalar(select(Case))
    for label in ("NTA", "NTA", "YTA"):
        services.give_verdict(case, make_member(), label, REASONING)
    page = client.get(url).text
    tally = page.split('class="tally"')[1].split("</table>")[0]
    assert "NTA</abbr>" in tally and "<td>2</td>" in tally and "<td>1</td>" in tally
    assert shown(REASONING) in page


def test_divisive_ranks_split_cases_with_enough_verdicts(client, make_case, make_member):
    split = make_case(title="Split evenly between views")
    agreed = make_case(title="Everyone agrees on this one")
    thin = make_case(title="Too few verdicts to judge")
    for label in ("NTA", "YTA", "ESH", "NAH", "INFO", "NTA"):
        services.give_verdict(split, make_member(), label, REASONING)
    for _ in range(6):
        services.give_verdict(agreed, make_member(), "NTA", REASONING)
    for label in ("NTA", "YTA"):
        services.give_verdict(thin, make_member(), label, REASONING)
    still_open = make_case(title="Split but still open")
    for label in ("NTA", "YTA", "ESH", "NAH", "INFO"):
        services.give_verdict(still_open, make_member(), label, REASONING)
    for case in (split, agreed, thin):
        case.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    close_expired_windows()
    # Open cases stay out: ranking them by their split would reveal the hidden tally.
    assert _titles(client.get("/divisive").text) == [split.title, agreed.title]


def test_needs_verdicts_lists_open_cases_fewest_verdicts_oldest_first(
    client, make_case, make_member
):
    older_empty = make_case(title="Waiting longest with none")
    _age(older_empty, 1)
    newer_empty = make_case(title="Newer case with none yet")
    helped = make_case(title="Already has one verdict")
    services.give_verdict(helped, make_member(), "NTA", REASONING)
    closed = make_case(title="Closed before anyone came")
    closed.closes_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    assert _titles(client.get("/needs-verdicts").text) == [
        older_empty.title,
        newer_empty.title,
        helped.title,
    ]
