"""Properties of the outcome math, checked over many generated tallies."""

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseboard.aggregation import (
    DECISION_CONFIDENCE,
    LABEL_ORDER,
    _overtaken_exact,
    _overtaken_normal,
    confidence_words,
    divisiveness_words,
    summarize,
)

tallies = st.dictionaries(
    st.sampled_from(LABEL_ORDER), st.one_of(st.integers(0, 400), st.integers(0, 20_000))
)


@given(tallies)
def test_shares_sum_to_one_whenever_there_are_verdicts(counts):
    outcome = summarize(counts)
    assert outcome.total == sum(counts.values())
    if outcome.total:
        assert math.isclose(sum(outcome.shares.values()), 1.0)


@given(tallies, st.permutations(LABEL_ORDER))
def test_relabelling_moves_the_shares_and_keeps_the_figures(counts, relabelled):
    mapping = dict(zip(LABEL_ORDER, relabelled, strict=True))
    original = summarize(counts)
    moved = summarize({mapping[label]: count for label, count in counts.items()})
    assert math.isclose(moved.confidence, original.confidence, abs_tol=1e-12)
    assert math.isclose(moved.divisiveness, original.divisiveness, abs_tol=1e-12)
    for label, share in original.shares.items():
        assert math.isclose(moved.shares[mapping[label]], share)
    assert moved.leading == (mapping[original.leading] if original.leading else None)


@given(tallies)
def test_a_decided_outcome_leads_with_a_label_with_the_most_votes(counts):
    outcome = summarize(counts)
    if outcome.leading is not None:
        assert counts[outcome.leading] == max(counts.values())
        assert outcome.confidence >= DECISION_CONFIDENCE


@given(tallies)
def test_a_tie_for_the_most_votes_is_undecided(counts):
    if counts and list(counts.values()).count(max(counts.values())) > 1:
        assert summarize(counts).leading is None


@given(st.sampled_from(LABEL_ORDER), st.integers(0, 2), st.integers(0, 2))
def test_one_or_two_verdicts_never_decide(label, first, second):
    assert summarize({label: 2}).leading is None
    assert summarize({LABEL_ORDER[first]: 1, LABEL_ORDER[second + 2]: 1}).leading is None


@settings(max_examples=300)
@given(tallies)
def test_another_vote_for_the_leader_never_lowers_its_confidence(counts):
    before = summarize(counts)
    if before.total == 0:
        return
    leader = max(LABEL_ORDER, key=lambda label: counts.get(label, 0))
    after = summarize({**counts, leader: counts.get(leader, 0) + 1})
    assert after.confidence >= before.confidence - 1e-12


@given(st.sampled_from(LABEL_ORDER), st.integers(1, 1000))
def test_unanimity_is_not_divisive(label, count):
    assert summarize({label: count}).divisiveness == 0.0


@given(st.integers(1, 1000))
def test_an_even_spread_is_fully_divisive(count):
    assert math.isclose(summarize(dict.fromkeys(LABEL_ORDER, count)).divisiveness, 1.0)


def test_the_exact_pairwise_term_matches_a_simulation():
    rng = random.Random(7)
    wins = sum(rng.betavariate(4, 2) > 0.5 for _ in range(40_000)) / 40_000
    assert abs((1 - _overtaken_exact(3, 1)) - wins) < 0.01


def test_the_large_count_approximation_agrees_with_the_exact_sum():
    for wins, rival in ((1100, 1000), (1040, 1000), (990, 1010)):
        assert abs(_overtaken_normal(wins, rival) - _overtaken_exact(wins, rival)) < 1e-3


@pytest.mark.parametrize(
    ("counts", "words"),
    [
        ({}, "no verdicts"),
        ({"NTA": 3, "YTA": 3}, "undecided"),
        ({"NTA": 12}, "strong consensus"),
        ({"NTA": 5, "YTA": 1}, "leaning"),
    ],
)
def test_confidence_has_plain_words(counts, words):
    assert confidence_words(summarize(counts)) == words


def test_divisiveness_has_plain_words():
    assert divisiveness_words(0.1) == "broad agreement"
    assert divisiveness_words(0.9) == "deeply divided"


@pytest.mark.parametrize(
    "counts", [{"nta": 3}, {"NTA": -1}, {"NTA": 2.5}, {"NTA": True}, {"MAYBE": 1}]
)
def test_malformed_tallies_are_refused(counts):
    with pytest.raises(ValueError):
        summarize(counts)
