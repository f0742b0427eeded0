"""The search box's language: words, "phrases" and -exclusions, read safely from any input."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caseboard.search import (
    MAX_TERMS,
    SearchQuery,
    Term,
    broader_searches,
    clean_query,
    highlight,
    parse_query,
)


def _texts(terms) -> list[str]:
    return [term.text for term in terms]


def test_words_are_each_a_term_to_find():
    query = parse_query("promoted friend")
    assert _texts(query.include) == ["promoted", "friend"] and query.exclude == ()


def test_quoted_words_are_a_phrase():
    query = parse_query('"pay rise" manager')
    assert query.include == (Term(("pay", "rise")), Term(("manager",)))


def test_a_minus_sign_leaves_out_a_word_or_a_phrase():
    query = parse_query('deadline -manager -"team lead"')
    assert _texts(query.include) == ["deadline"]
    assert _texts(query.exclude) == ["manager", '"team lead"']


def test_an_unclosed_quote_runs_to_the_end():
    assert _texts(parse_query('offsite "missed the dinner').include) == [
        "offsite",
        '"missed the dinner"',
    ]


def test_phone_punctuation_works_like_plain_quotes_and_hyphens():
    query = parse_query("“pay rise” −manager")
    assert _texts(query.include) == ['"pay rise"'] and _texts(query.exclude) == ["manager"]


def test_words_joined_by_a_hyphen_stay_a_phrase_other_punctuation_separates():
    assert _texts(parse_query("pull-request manager,boss").include) == [
        '"pull request"',
        "manager",
        "boss",
    ]


def test_a_phrase_loses_the_common_words_at_its_ends_as_postgresql_drops_them():
    assert _texts(parse_query('follow-up "the pay rise of"').include) == ["follow", '"pay rise"']
    assert _texts(parse_query('"state of play"').include) == ['"state of play"']
    assert parse_query('"to be"').ignored == ('"to be"',)


def test_common_words_are_left_out_and_reported():
    query = parse_query("the promoted AND friend OR not")
    assert _texts(query.include) == ["promoted", "friend"]
    assert query.ignored == ("the", "AND", "OR", "not")


def test_a_phrase_keeps_its_common_words_unless_it_is_nothing_else():
    query = parse_query('"promoted to manager" "to the"')
    assert _texts(query.include) == ['"promoted to manager"'] and query.ignored == ('"to the"',)


def test_repeated_terms_count_once_whatever_their_case():
    assert _texts(parse_query("Promoted promoted PROMOTED").include) == ["Promoted"]


def test_exclusions_alone_find_nothing():
    query = parse_query("-manager")
    assert not query and _texts(query.exclude) == ["manager"]


def test_at_most_max_terms_are_searched_for_and_the_rest_is_reported():
    query = parse_query(" ".join(f"word{n}" for n in range(MAX_TERMS + 3)))
    assert len(query.include) == MAX_TERMS and query.truncated
    assert not parse_query("a few words").truncated


@pytest.mark.parametrize(
    "hostile",
    ['"', "-", '-"', "NEAR(", "*", "a*", "AND", "(a OR b)", "title:x", "\x00", "^", "!!!", "'"],
)
def test_query_syntax_is_only_punctuation(hostile):
    for term in (*parse_query(hostile).include, *parse_query(hostile).exclude):
        assert all(re.fullmatch(r"[^\W_]+", word) for word in term.words)


@given(st.text(max_size=300))
def test_any_input_parses_into_plain_words_and_reads_back_the_same(text):
    query = parse_query(text)
    for term in (*query.include, *query.exclude):
        assert term.words and all(re.fullmatch(r"[^\W_]+", word) for word in term.words)
    assert parse_query(query.text) == SearchQuery(query.include, query.exclude)


def test_the_shown_query_has_no_control_characters_and_is_bounded():
    assert clean_query("a\x00b\tc\n\n d" + "x" * 500) == "a b c d" + "x" * 193


def test_broader_searches_drop_quotes_and_exclusions():
    broader = broader_searches(parse_query('"pay rise" -manager'))
    assert [(b.change, b.query) for b in broader] == [
        ("without the quotes", "pay rise -manager"),
        ("without leaving any words out", '"pay rise"'),
        ("any of the words, nothing left out", "pay rise"),
    ]


def test_a_search_of_exclusions_alone_is_offered_as_a_search_for_them():
    [broader] = broader_searches(parse_query("-manager -deadline"))
    assert broader.query == "manager deadline"


def test_plain_words_have_no_broader_search():
    assert broader_searches(parse_query("promoted friend")) == []


def test_a_highlighted_snippet_escapes_the_text_and_marks_the_matches():
    html = highlight("<b>**my** \x02friend\x03 & [link](http://x)</b>\x03 \x02open")
    assert html == "&lt;b&gt;my <mark>friend</mark> &amp; link&lt;/b&gt; <mark>open</mark>"
