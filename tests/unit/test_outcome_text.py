"""The outcome in words: the chance a leaning case states never sounds like a decided one."""

from hypothesis import given
from hypothesis import strategies as st

from caseboard.aggregation import LABEL_ORDER, OutcomeState, summarize
from caseboard.outcome_text import chance_words, sentence

DECIDED_PHRASES = ("9 in 10", "19 in 20", "almost certainly")


@given(st.dictionaries(st.sampled_from(LABEL_ORDER), st.integers(0, 30)))
def test_a_leaning_sentence_never_uses_the_words_of_a_decided_one(counts):
    outcome = summarize(counts)
    words = sentence(outcome)
    if outcome.state == OutcomeState.LEANING:
        assert not any(phrase in words for phrase in DECIDED_PHRASES), words
    if outcome.state == OutcomeState.DECIDED:
        assert any(phrase in words for phrase in DECIDED_PHRASES), words


def test_chances_are_said_as_the_nearest_small_fraction():
    assert chance_words(0.74) == "about 3 in 4"
    assert chance_words(0.89) == "about 5 in 6"
    assert chance_words(0.9) == "about 9 in 10"
    assert chance_words(0.2) == "less than 1 in 3"
