"""Search that finds: any word matches, the best matches first, "phrases" and -exclusions,
highlighted snippets, broader searches when nothing is found, on SQLite and PostgreSQL."""

from __future__ import annotations

import html
import re

import pytest

from caseboard import search
from caseboard.curation.similar import find_similar
from caseboard.search import search_cases
from tests.functional.curation_helpers import closed_case, moderator, published_edition
from tests.functional.test_browse import _titles

FILLER = "We talked it over at length in the weekly sync and nothing was settled by the end."


def _case(make_case, title: str, situation: str = FILLER, **fields):
    return make_case(title=title, situation=situation, **fields)


def _found(query: str, **filters) -> list[str]:
    return [case.title for case in search_cases(query, filters=filters, limit=20)]


def _links(page: str) -> dict[str, str]:
    """The links of the broader-search suggestions: address to words."""
    section = page[page.index('class="search-suggestions"') :]
    found = re.findall(r'<a href="([^"]+)">([^<]+)</a>', section)
    return {html.unescape(href): html.unescape(text) for href, text in found}


def _snippets(page: str) -> list[str]:
    return re.findall(r'<p class="snippet">(.*?)</p>', page, re.S)


def test_several_words_find_cases_with_any_of_them(client, make_case):
    _case(make_case, "AITA for not congratulating a colleague who was promoted?")
    _case(make_case, "AITA for telling a friend at work to stop oversharing?")
    _case(make_case, "AITA for skipping the offsite dinner?")
    page = client.get("/search?q=promoted friend").text
    assert sorted(_titles(page)) == [
        "AITA for not congratulating a colleague who was promoted?",
        "AITA for telling a friend at work to stop oversharing?",
    ]


def test_cases_matching_more_of_the_words_come_first(app, make_case):
    _case(make_case, "Promoted, promoted: AITA?", "Promoted and promoted again. " + FILLER)
    _case(make_case, "AITA about coffee", "My friend was promoted over me. " + FILLER)
    _case(make_case, "AITA about tea", "My friend was promoted; I missed a deadline. " + FILLER)
    assert _found("promoted friend deadline") == [
        "AITA about tea",  # all three words
        "AITA about coffee",  # two of them
        "Promoted, promoted: AITA?",  # one, however often and even in the title
    ]


def test_matches_in_the_title_come_before_matches_in_the_text(app, make_case):
    _case(make_case, "AITA for cutting the standup short when it overran past its slot?")
    _case(
        make_case,
        "AITA for leaving meetings early?",
        "The standup overran; the standup always overruns; standup again. " + FILLER,
        why_wrong="The standup matters to some, and the standup is where news is shared.",
        help_wanted="Should I stay for the whole standup?",
    )
    assert _found("standup") == [
        "AITA for cutting the standup short when it overran past its slot?",
        "AITA for leaving meetings early?",  # more mentions, none in its title
    ]


def test_a_quoted_phrase_finds_only_those_words_together(client, make_case):
    _case(make_case, "AITA for asking for a pay rise in my review?")
    _case(make_case, "AITA for refusing extra pay when the workload will rise?")
    assert _titles(client.get('/search?q="pay rise"').text) == [
        "AITA for asking for a pay rise in my review?"
    ]


def test_a_minus_sign_leaves_out_cases_with_a_word_or_a_phrase(client, make_case):
    _case(make_case, "AITA for skipping the offsite dinner?")
    _case(make_case, "AITA for booking the offsite venue late?")
    _case(make_case, "AITA for leaving the offsite team dinner early?")
    assert _titles(client.get("/search?q=offsite -dinner").text) == [
        "AITA for booking the offsite venue late?"
    ]
    assert sorted(_titles(client.get('/search?q=offsite -"offsite dinner"').text)) == [
        "AITA for booking the offsite venue late?",
        "AITA for leaving the offsite team dinner early?",
    ]


def test_words_are_stemmed(app, make_case):
    _case(make_case, "AITA for not applying for the promotion?")
    assert _found("promoted") == ["AITA for not applying for the promotion?"]


HOSTILE = [
    '"',
    '""',
    '"""',
    "-",
    '-"',
    "--",
    "- -",
    "NEAR(",
    "NEAR(promoted friend, 2)",
    "*",
    "promoted*",
    "^promoted",
    "AND",
    "AND OR NOT",
    "promoted AND",
    "(promoted",
    "title:promoted",
    "{title}: promoted",
    '"unbalanced',
    'promoted "friend',
    "'; DROP TABLE cases; --",
    "a & b | !c <-> d:*",
    "\x00",
    "promoted\x00friend",
    "\u202eright to left\u202c",
    "e\u0301te\u0301 ﬁancé ＦＵＬＬＷＩＤＴＨ 𝔉𝔯𝔞𝔨𝔱𝔲𝔯 ٣٤٥ 日本語",
    "🙂" * 50,
    "é" * 500,
    "promoted " * 100,
    "-promoted " * 100,
    "_ __ ___init__",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_any_input_gets_a_page_never_an_error(client, make_case, query):
    _case(make_case, "AITA for not congratulating a colleague who was promoted?")
    for path in ("/search", "/library"):
        response = client.get(path, query_string={"q": query, "discipline": "engineering"})
        assert response.status_code == 200, (path, query)
        assert "\x00" not in response.text and "\u202e" not in response.text


def test_results_show_a_snippet_with_the_matched_words_marked(client, make_case):
    situation = (
        "Last spring my closest friend on the team was promoted to lead, and since then "
        "our lunches have stopped. " + FILLER
    )
    _case(make_case, "AITA for keeping my distance?", situation)
    [snippet] = _snippets(client.get("/search?q=promoted friend").text)
    assert "<mark>friend</mark>" in snippet and "<mark>promoted</mark>" in snippet
    assert len(html.unescape(re.sub("<[^>]+>", "", snippet)).split()) <= 40  # short


def test_a_snippet_cannot_carry_html_from_the_text(client, make_case):
    situation = (
        'The promoted one wrote <script>alert(1)</script> & <b onclick="x()">bold</b> '
        "in **our** chat. " + FILLER
    )
    _case(make_case, "AITA for reporting a prank?", situation)
    page = client.get("/search?q=promoted").text
    [snippet] = _snippets(page)
    assert re.findall(r"</?(\w+)", snippet) == ["mark", "mark"]  # no other tag survives
    assert "<script>alert" not in page and "<b onclick" not in page
    assert " &amp; " in snippet  # the text is escaped (PostgreSQL drops the tags themselves)
    assert "**" not in snippet  # Markdown marks are left out


def test_the_note_names_words_too_common_to_search_for(client, make_case):
    _case(make_case, "AITA for not congratulating a colleague who was promoted?")
    page = client.get("/search?q=the promoted").text
    assert "Left out as too common to search for: the." in page
    assert len(_titles(page)) == 1


def test_an_empty_result_suggests_searches_without_quotes_or_exclusions(client, make_case):
    _case(make_case, "AITA for asking for extra pay after the workload rose?")
    query = '"pay rise" -workload'
    page = client.get("/search", query_string={"q": query}).text
    assert _titles(page) == [] and "No cases match" in page
    links = _links(page)
    expected = {
        "/search?q=pay+rise+-workload": "Search without the quotes: “pay rise -workload”",
        "/search?q=%22pay+rise%22": 'Search without leaving any words out: “"pay rise"”',
        "/search?q=pay+rise": "Search any of the words, nothing left out: “pay rise”",
    }
    assert {href: text for href, text in links.items() if href in expected} == expected
    assert _titles(client.get("/search?q=pay+rise").text) == [
        "AITA for asking for extra pay after the workload rose?"
    ]


def test_an_empty_result_links_to_the_same_search_without_each_filter(client, make_case):
    _case(make_case, "AITA for skipping the offsite dinner?", discipline="engineering")
    page = client.get("/search?q=offsite&discipline=data&level=senior").text
    assert _titles(page) == []
    links = _links(page)
    assert links["/search?q=offsite&level=senior"].endswith("filter Discipline: Data")
    assert links["/search?q=offsite&discipline=data"].endswith("filter Level: Senior")
    assert links["/search?q=offsite"] == "Search without any filters"
    assert _titles(client.get("/search?q=offsite&level=senior").text) == [
        "AITA for skipping the offsite dinner?"
    ]


def test_results_found_leave_out_the_suggestions(client, make_case):
    _case(make_case, "AITA for skipping the offsite dinner?")
    assert "search-suggestions" not in client.get("/search?q=offsite -venue").text


def test_exclusions_alone_find_nothing_and_say_why(client, make_case):
    _case(make_case, "AITA for skipping the offsite dinner?")
    page = client.get("/search?q=-venue").text
    assert _titles(page) == []
    assert "a search needs at least one word to find as well" in page
    assert 'href="/search?q=venue"' in page  # offered as a search for the word instead


def test_library_search_reads_phrases_and_exclusions_too(client, make_case, make_member):
    ran_long = closed_case(make_case, make_member, title="Standup ran long", situation=FILLER)
    standup_retro = closed_case(
        make_case, make_member, title="Standup and retro clash", situation=FILLER
    )
    published_edition(moderator(make_member), [ran_long, standup_retro])
    page = client.get("/library?q=standup -retro").text
    assert "Standup ran long" in page and "Standup and retro clash" not in page
    page = client.get('/library?q="retro clash" standup').text
    assert page.index("Standup and retro clash") < page.index("Standup ran long")


def test_site_library_and_similar_cases_share_one_ranked_search(
    client, make_case, make_member, monkeypatch
):
    """Each goes through `search.matching`, whose dialect half is looked up at call time."""
    calls = []
    for name in ("_sqlite", "_postgres"):
        original = getattr(search, name)
        monkeypatch.setattr(search, name, lambda *args, _o=original: calls.append(1) or _o(*args))
    featured = closed_case(make_case, make_member, title="Roadmap rewrite", situation=FILLER)
    published_edition(moderator(make_member), [featured])
    client.get("/search?q=roadmap")
    client.get("/library?q=roadmap")
    assert len(calls) == 2
    assert find_similar(_case(make_case, "Another roadmap rewrite"), 5) == [featured]
    assert len(calls) == 3


def test_a_hyphenated_phrase_with_a_common_word_finds_the_same_on_both_databases(make_case):
    _case(make_case, "AITA for skipping the follow-up meeting?")
    _case(make_case, "AITA for refusing to follow the new process?")
    _case(make_case, "AITA for a late invoice?")
    assert sorted(_found("follow-up")) == [
        "AITA for refusing to follow the new process?",
        "AITA for skipping the follow-up meeting?",
    ]


def test_an_old_case_with_all_the_words_leads_newer_cases_with_one(make_case, monkeypatch):
    """Only the newest cases having each word are ranked (two each: a window of four split
    between two words) and the newest four having them all, so the oldest case, the only
    one with both words, still comes first; the older cases with one word still follow."""
    monkeypatch.setattr(search, "WINDOW", 4)
    both = _case(make_case, "AITA for merging the standup into the retro?").title
    titles = [both]
    for number in range(3):
        for word in ("standup", "retro"):
            titles.append(_case(make_case, f"AITA for skipping {word} number {number}?").title)
    found = _found("standup retro")
    assert found[0] == both
    assert sorted(found) == sorted(titles)


def test_pages_of_a_common_word_list_every_match_once_the_ranked_first(make_case, monkeypatch):
    """More matches than the window: the newest are ranked (the title match first), the
    rest follow newest first, and pages past the ranked ones skip none and repeat none."""
    monkeypatch.setattr(search, "WINDOW", 3)
    titles = []
    for week in range(7):
        title = f"AITA about the standup in week {week}?" if week == 5 else f"AITA, week {week}?"
        _case(make_case, title, f"The standup ran long in week {week}. {FILLER}")
        titles.append(title)
    pages = [
        [case.title for case in search_cases("standup", filters={}, limit=3, offset=offset)]
        for offset in (0, 3, 6, 9)
    ]
    assert pages[0][0] == "AITA about the standup in week 5?"
    assert sorted(pages[0]) == sorted(titles[4:])
    assert pages[1:] == [titles[3:0:-1], titles[:1], []]


def test_a_search_with_two_filters_ranks_and_finds_only_what_they_keep(make_case, monkeypatch):
    """Two filters leave few cases, which SQLite lists once instead of checking each match:
    the same ranking, the same unranked rest, nothing from outside the filters."""
    monkeypatch.setattr(search, "WINDOW", 2)
    design = {"discipline": "design", "level": "senior"}
    _case(make_case, "AITA, design week 0?", f"Our standup ran long. {FILLER}", **design)
    _case(make_case, "AITA about the design standup?", **design)
    _case(make_case, "AITA, design week 2?", f"Our standup ran long. {FILLER}", **design)
    _case(make_case, "AITA, design week 3?", **design)
    _case(make_case, "AITA about the standup?", discipline="engineering", level="senior")
    assert _found("standup", **design) == [
        "AITA about the design standup?",  # in its title, among the newest two
        "AITA, design week 2?",
        "AITA, design week 0?",  # older than the window: after the ranked ones
    ]
