"""The public highlights and library: what readers see, filter, search, and what stays hidden."""

from datetime import timedelta

import pytest

from caseboard.cases import services
from caseboard.curation import editions
from caseboard.extensions import db
from caseboard.models.base import utcnow
from caseboard.moderation import decisions
from tests.conftest import shown
from tests.functional.curation_helpers import (
    close_case,
    closed_case,
    moderator,
    published_edition,
)
from tests.functional.test_query_counts import counting_queries

LAST_WEEK = utcnow() - timedelta(weeks=1)
DECIDED_NTA = ("NTA",) * 4  # four agreeing verdicts: enough for a leading label


def _draft_edition(mod, cases, when):
    """An edition with takeaways, left unpublished."""
    from caseboard.curation import weeks

    edition = editions.start_edition(mod, *weeks.week_of(when))
    for case in cases:
        highlight = editions.add_case(edition, mod, case)
        editions.update_highlight(
            highlight, mod, takeaway="Draft takeaway.", questions="", version=highlight.version
        )
    return edition


def _verdict_text(word: str) -> str:
    return (
        f"{word}: you had covered on-call twice this quarter already, which is more than a fair "
        "share, and saying no once is reasonable as long as you explain why you said no."
    )


# -- /highlights -------------------------------------------------------------------------------


def test_highlights_lists_published_editions_newest_first_with_their_case_counts(
    client, make_case, make_member
):
    mod = moderator(make_member)
    older = published_edition(
        mod, [closed_case(make_case, make_member, title="An older story")], when=LAST_WEEK
    )
    newer = published_edition(
        mod,
        [
            closed_case(make_case, make_member, title="A newer story"),
            closed_case(make_case, make_member, title="Another newer story"),
        ],
    )
    page = client.get("/highlights").text
    assert page.index(f"/highlights/{newer.key}") < page.index(f"/highlights/{older.key}")
    assert "2 cases" in page and "1 case" in page
    assert f"Week {newer.iso_week} of {newer.iso_year}" in page


def test_draft_and_scheduled_editions_do_not_exist_for_readers(client, make_case, make_member):
    mod = moderator(make_member)
    draft = _draft_edition(mod, [closed_case(make_case, make_member)], LAST_WEEK)
    scheduled = _draft_edition(
        mod, [closed_case(make_case, make_member)], LAST_WEEK - timedelta(weeks=1)
    )
    db.session.refresh(scheduled)
    editions.schedule(
        scheduled,
        mod,
        at=utcnow() + timedelta(days=1),
        previewed=editions.fingerprint(scheduled),
    )
    for edition in (draft, scheduled):
        assert client.get(f"/highlights/{edition.key}").status_code == 404
        assert client.get(f"/highlights/{edition.key}.md").status_code == 404
        assert client.get(f"/highlights/{edition.key}/print").status_code == 404
    listing = client.get("/highlights").text
    assert draft.key not in listing and scheduled.key not in listing
    assert "No highlights have been published yet" in listing


@pytest.mark.parametrize(
    "key",
    ["2026-W99", "2026-W00", "2021-W53", "2026-w48", "2026-W4", "..%2Fx", "%00", "2026-W48%00"]
    + ["x" * 3000, "%F0%9F%92%A9", "2026-W48;DROP"],
)
def test_bad_edition_keys_are_a_404_page_never_an_error(client, key):
    for suffix in ("", ".md", "/print"):
        response = client.get(f"/highlights/{key}{suffix}")
        assert response.status_code == 404, (key, suffix)
        assert "<!doctype html>" in response.text  # the 404 page, not a traceback


def test_highlights_are_paged(client, make_case, make_member, monkeypatch):
    from caseboard.curation import public

    monkeypatch.setattr(public, "EDITIONS_PER_PAGE", 1)
    mod = moderator(make_member)
    older = published_edition(mod, [closed_case(make_case, make_member)], when=LAST_WEEK)
    newer = published_edition(mod, [closed_case(make_case, make_member)])
    first = client.get("/highlights").text
    assert newer.key in first and older.key not in first and 'rel="next"' in first
    second = client.get("/highlights?page=2").text
    assert older.key in second and newer.key not in second
    assert client.get("/highlights?page=abc").status_code == 200


# -- /highlights/<key> -------------------------------------------------------------------------


def test_an_edition_shows_its_examples_in_order_with_outcome_takeaway_and_questions(
    client, make_case, make_member
):
    mod = moderator(make_member)
    decided = closed_case(
        make_case, make_member, labels=DECIDED_NTA, title="Decided story", discipline="design"
    )
    split = closed_case(
        make_case, make_member, labels=("YTA", "NTA"), title="Split story", level="director"
    )
    edition = published_edition(mod, [decided, split], takeaway="Say *no* early and kindly.")
    editions.update_edition(
        edition,
        mod,
        title="Saying no",
        intro="This week: **boundaries**.",
        version=edition.version,
        note="Adding the title.",
    )
    page = client.get(f"/highlights/{edition.key}").text
    assert '<h1 id="edition-title">Saying no</h1>' in page
    assert "<strong>boundaries</strong>" in page
    assert page.index("Decided story") < page.index("Split story")
    assert f'href="/library/{decided.public_id}"' in page
    assert f'href="/cases/{decided.public_id}"' in page
    assert "Design" in page and "Director and above" in page
    assert "Leaning: not in the wrong" in page  # four verdicts, all NTA
    assert "Too few verdicts" in page and "Undecided" not in page  # two verdicts
    assert "Say <em>no</em> early and kindly." in page
    assert "What would you do?" in page


def test_an_edition_leaves_out_a_case_removed_by_moderation(client, make_case, make_member):
    mod, other_mod = moderator(make_member), moderator(make_member)
    kept = closed_case(make_case, make_member, title="The case that stays")
    removed = closed_case(make_case, make_member, title="The case that was removed")
    edition = published_edition(mod, [kept, removed])
    assert "The case that was removed" in client.get(f"/highlights/{edition.key}").text
    decisions.act(removed, other_mod, "remove", reason_code="unkind")
    page = client.get(f"/highlights/{edition.key}").text
    assert "The case that stays" in page and "The case that was removed" not in page
    assert "1 case" in client.get("/highlights").text
    assert "The case that was removed" not in client.get("/library").text
    assert client.get(f"/library/{removed.public_id}").status_code == 404


# -- /library ----------------------------------------------------------------------------------


def test_the_library_lists_examples_newest_edition_first(client, make_case, make_member):
    mod = moderator(make_member)
    published_edition(
        mod, [closed_case(make_case, make_member, title="Last week's story")], when=LAST_WEEK
    )
    published_edition(mod, [closed_case(make_case, make_member, title="This week's story")])
    page = client.get("/library").text
    assert page.index(shown("This week's story")) < page.index(shown("Last week's story"))


def test_the_library_shows_the_two_best_verdicts_by_their_case_aliases(
    client, make_case, make_member
):
    case = make_case(title="A case with helpful verdicts")
    judges = [make_member() for _ in range(3)]
    verdicts = [
        services.give_verdict(case, judge, label, _verdict_text(word))
        for judge, label, word in zip(
            judges, ("NTA", "ESH", "NTA"), ("Plain", "Most helpful", "Second best"), strict=True
        )
    ]
    for voter in (make_member() for _ in range(3)):
        services.vote_helpful(voter, verdicts[1], True)
    services.vote_helpful(make_member(), verdicts[2], True)
    close_case(case)
    published_edition(moderator(make_member), [case])
    page = client.get("/library").text
    best, second = page.index("Most helpful:"), page.index("Second best:")
    assert best < second and "Plain:" not in page
    from caseboard.cases.queries import alias_on

    assert alias_on(case, verdicts[1]) in page and alias_on(case, verdicts[2]) in page
    assert "Everyone shares the blame" in page


def test_the_library_filters_by_discipline_level_topic_and_support(client, make_case, make_member):
    design = closed_case(
        make_case,
        make_member,
        title="Design story",
        discipline="design",
        level="early-career",
        topic="feedback",
        support_kind="stories",
    )
    data = closed_case(make_case, make_member, title="Data story", discipline="data")
    published_edition(moderator(make_member), [design, data])
    for query in (
        "discipline=design",
        "level=early-career",
        "topic=feedback",
        "support=stories",
        "discipline=design&level=early-career&topic=feedback&support=stories",
    ):
        page = client.get(f"/library?{query}").text
        assert "Design story" in page and "Data story" not in page, query
    page = client.get("/library?discipline=data&level=early-career").text
    assert "No teaching examples match these filters" in page


def test_the_library_filters_by_outcome(client, make_case, make_member):
    nta = closed_case(make_case, make_member, labels=DECIDED_NTA, title="Clearly fine")
    yta = closed_case(make_case, make_member, labels=("YTA",) * 4, title="Clearly wrong")
    split = closed_case(make_case, make_member, labels=("YTA", "NTA"), title="Nobody knows")
    published_edition(moderator(make_member), [nta, yta, split])
    expected = {"NTA": "Clearly fine", "YTA": "Clearly wrong", "undecided": "Nobody knows"}
    for code, title in expected.items():
        page = client.get(f"/library?outcome={code}").text
        assert title in page, code
        assert all(other not in page for other in expected.values() if other != title), code
    assert "No teaching examples match" in client.get("/library?outcome=ESH").text


@pytest.mark.parametrize(
    "query",
    [
        "outcome=BOGUS",
        "outcome=yta",
        "outcome=%00",
        "discipline=astronaut",
        "level=%00",
        "page=-1",
        "page=99999999999",
        "topic=" + "x" * 5000,
    ],
)
def test_unknown_filter_values_are_ignored_not_errors(client, make_case, make_member, query):
    published_edition(moderator(make_member), [closed_case(make_case, make_member)])
    response = client.get(f"/library?{query}")
    assert response.status_code == 200


def test_library_search_finds_only_featured_cases(client, make_case, make_member):
    featured = closed_case(
        make_case, make_member, title="Standup ran long", situation="The standup ran an hour."
    )
    closed_case(make_case, make_member, title="Standup elsewhere", situation="Another standup.")
    closed_case(make_case, make_member, title="Unrelated featured", situation="Nothing alike.")
    published_edition(
        moderator(make_member), [featured, closed_case(make_case, make_member, title="Other")]
    )
    page = client.get("/library?q=standup").text
    assert "Standup ran long" in page and "Standup elsewhere" not in page
    assert "Unrelated featured" not in page and ">Other<" not in page
    assert "No teaching examples match “giraffe”" in client.get("/library?q=giraffe").text
    assert featured.title in client.get("/library?q=standup&discipline=engineering").text
    assert "No teaching examples match" in client.get("/library?q=standup&discipline=data").text


def test_library_search_results_show_the_matched_words_in_a_snippet(client, make_case, make_member):
    featured = closed_case(
        make_case,
        make_member,
        title="A meeting that ran long",
        situation="Every morning the standup ran an hour, and <b>nobody</b> stopped it.",
    )
    published_edition(moderator(make_member), [featured])
    page = client.get("/library?q=standup").text
    assert '<p class="snippet">' in page
    assert "<mark>standup</mark>" in page
    assert "<b>nobody</b>" not in page  # member text stays text


@pytest.mark.parametrize(
    "q",
    [
        "%00",
        "standup%00",
        "x" * 10_000,
        "standup " * 500,
        '"',
        "standup*",
        "NEAR(standup",
        "-standup",
        "standup OR",
        "!!!",
        "%F0%9F%92%A9",
        "a:b",
    ],
)
def test_hostile_library_searches_get_a_page_never_an_error(client, make_case, make_member, q):
    published_edition(moderator(make_member), [closed_case(make_case, make_member)])
    response = client.get(f"/library?q={q}")
    assert response.status_code == 200
    assert "\x00" not in response.text


def test_the_library_filter_form_works_without_javascript_and_is_labelled(client):
    page = client.get("/library").text
    form = page[page.index('<form class="filters library-filters"') :]
    form = form[: form.index("</form>")]
    assert 'method="get"' in form and 'action="/library"' in form
    assert "<legend>Find teaching examples</legend>" in form
    for name in ("q", "discipline", "level", "topic", "support", "outcome"):
        assert f'id="library-{name}" ' in form or f'id="library-{name}"' in form
        assert f'<label for="library-{name}">' in form, name
        assert f'name="{name}"' in form
    assert '<button type="submit">' in form and "<script" not in page.split("</head>")[1]


def test_the_library_is_paged_and_its_links_keep_the_filters(make_app, make_case, make_member):
    client = make_app(LIBRARY_PER_PAGE=1).test_client()
    cases = [
        closed_case(make_case, make_member, labels=DECIDED_NTA, title=f"Story {n}")
        for n in range(2)
    ]
    published_edition(moderator(make_member), cases)
    first = client.get("/library?discipline=engineering&outcome=NTA").text
    assert "Story 0" in first and "Story 1" not in first
    assert 'href="/library?page=2&amp;discipline=engineering&amp;outcome=NTA"' in first
    second = client.get("/library?page=2&discipline=engineering&outcome=NTA").text
    assert "Story 1" in second and "Story 0" not in second


def test_an_empty_library_says_so(client):
    page = client.get("/library").text
    assert "No teaching examples yet" in page


# -- /library/<public_id> ----------------------------------------------------------------------


def test_a_teaching_example_page_shows_the_case_outcome_takeaway_questions_and_verdicts(
    client, make_case, make_member
):
    case = make_case(title="The teaching case", help_wanted="How do I repair it?")
    verdict = services.give_verdict(case, make_member(), "NTA", _verdict_text("Reasoned"))
    for label in ("NTA", "NTA"):
        services.give_verdict(case, make_member(), label, _verdict_text("Another"))
    services.add_update(case, case_author(case), "It worked out: we talked it through.")
    close_case(case)
    edition = published_edition(moderator(make_member), [case], takeaway="Explain your no.")
    page = client.get(f"/library/{case.public_id}").text
    for text in (
        "The teaching case",
        "What happened",
        "Why I might be in the wrong",
        "How do I repair it?",
        "It worked out: we talked it through.",
        "Outcome",
        "Not in the wrong",
        "Explain your no.",
        "What would you do?",
        "Reasoned:",
    ):
        assert shown(text) in page, text
    for link in (
        f"/highlights/{edition.key}",
        f"/library/{case.public_id}.md",
        f"/library/{case.public_id}/print",
        f"/cases/{case.public_id}",
    ):
        assert f'href="{link}"' in page, link
    from caseboard.cases.queries import alias_on

    assert alias_on(case, verdict) in page


def case_author(case):
    from caseboard.models import Member

    return db.session.get(Member, case.author_id)


def test_a_case_that_is_not_a_published_teaching_example_has_no_library_page(
    client, make_case, make_member
):
    mod = moderator(make_member)
    plain = closed_case(make_case, make_member)
    drafted = closed_case(make_case, make_member)
    _draft_edition(mod, [drafted], LAST_WEEK)
    for public_id in (plain.public_id, drafted.public_id, "nope", "%00", "a" * 300, "..%2Fx"):
        for suffix in ("", ".md", "/print"):
            response = client.get(f"/library/{public_id}{suffix}")
            assert response.status_code == 404, (public_id, suffix)


# -- caching, speed, resilience ----------------------------------------------------------------


def test_cached_pages_show_a_new_edition_and_a_correction_at_once(client, make_case, make_member):
    mod = moderator(make_member)
    first = published_edition(mod, [closed_case(make_case, make_member)], when=LAST_WEEK)
    assert "No teaching" not in client.get("/library").text
    client.get("/highlights"), client.get(f"/highlights/{first.key}")  # cached now
    second = published_edition(mod, [closed_case(make_case, make_member, title="Brand new")])
    assert second.key in client.get("/highlights").text
    assert "Brand new" in client.get("/library").text
    highlight = first.highlights[0]
    editions.update_highlight(
        highlight,
        mod,
        takeaway="A corrected takeaway.",
        questions="- A new question?",
        version=highlight.version,
        note="Clearer wording.",
    )
    assert "A corrected takeaway." in client.get(f"/highlights/{first.key}").text
    assert "A corrected takeaway." in client.get("/library").text
    assert "A new question?" in client.get(f"/library/{highlight.case.public_id}").text


def test_a_cached_example_page_shows_new_helpful_votes(client, make_case, make_member):
    case = make_case()
    for word in ("First", "Second", "Third"):
        services.give_verdict(case, make_member(), "NTA", _verdict_text(word))
    plain = services.give_verdict(case, make_member(), "NTA", _verdict_text("Plain"))
    close_case(case)
    published_edition(moderator(make_member), [case])
    assert "Plain:" not in client.get(f"/library/{case.public_id}").text  # 3 shown, by age
    for _ in range(2):
        services.vote_helpful(make_member(), plain, True)
    assert "Plain:" in client.get(f"/library/{case.public_id}").text


def test_curation_pages_work_when_redis_is_down(make_app, make_case, make_member):
    case = closed_case(make_case, make_member, title="Readable without Redis")
    edition = published_edition(moderator(make_member), [case])
    client = make_app(REDIS_URL="redis://127.0.0.1:1/0").test_client()
    for path in (
        "/highlights",
        f"/highlights/{edition.key}",
        "/library",
        f"/library/{case.public_id}",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Readable without Redis" in response.text or path == "/highlights"


def _queries(client, path: str) -> int:
    with counting_queries() as statements:
        assert client.get(path).status_code == 200, path
    return len(statements)


def test_curation_pages_issue_a_fixed_number_of_queries(make_app, make_case, make_member):
    client = make_app(FRAGMENT_CACHE_SECONDS=0).test_client()
    mod = moderator(make_member)
    small_case = closed_case(make_case, make_member)
    small = published_edition(mod, [small_case], when=LAST_WEEK - timedelta(weeks=1))
    paths = lambda edition, case: (  # noqa: E731
        "/highlights",
        f"/highlights/{edition.key}",
        "/library",
        "/library?q=colleague&discipline=engineering",
        f"/library/{case.public_id}",
        f"/library/{case.public_id}.md",
        f"/highlights/{edition.key}.md",
        f"/library/{case.public_id}/print",
        f"/highlights/{edition.key}/print",
        "/feeds/highlights.atom",
        "/feeds/library.atom",
    )
    before = {path: _queries(client, path) for path in paths(small, small_case)}
    big_cases = [closed_case(make_case, make_member, labels=("NTA",) * 4) for _ in range(6)]
    for case in big_cases:
        services.add_update(case, case_author(case), "How it played out, part one.")
        services.add_update(case, case_author(case), "How it played out, part two.")
    big = published_edition(mod, big_cases, when=LAST_WEEK)
    after = {path: _queries(client, path) for path in paths(big, big_cases[0])}
    for (path, count), (big_path, big_count) in zip(before.items(), after.items(), strict=True):
        assert big_count == count <= 10, (path, big_path, count, big_count)


def test_readers_without_an_account_get_the_library_from_the_cache(client, make_case, make_member):
    published_edition(moderator(make_member), [closed_case(make_case, make_member)])
    client.get("/library")
    with counting_queries() as statements:
        assert client.get("/library").status_code == 200
    assert statements == []  # straight from Redis
