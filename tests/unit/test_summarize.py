"""Properties of the outcome math, checked over many generated tallies."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseboard.aggregation import (
    DECIDED_CONFIDENCE,
    LABEL_ORDER,
    MAX_PRIOR_TOTAL,
    MIN_CASES_FOR_PRIOR,
    MIN_VERDICTS,
    OutcomeState,
    chance_of_most,
    fit_prior,
    summarize,
)

tallies = st.dictionaries(
    st.sampled_from(LABEL_ORDER), st.one_of(st.integers(0, 40), st.integers(0, 5_000))
)
priors = st.one_of(st.none(), st.tuples(*[st.floats(0.05, 20, allow_nan=False)] * len(LABEL_ORDER)))


def unique_plurality(counts) -> bool:
    values = [counts.get(label, 0) for label in LABEL_ORDER]
    return values.count(max(values)) == 1


@given(tallies, priors)
def test_shares_sum_to_one_whenever_there_are_verdicts(counts, prior):
    outcome = summarize(counts, prior)
    assert outcome.total == sum(counts.values())
    if outcome.total:
        assert math.isclose(sum(outcome.shares.values()), 1.0)


@given(tallies, priors)
def test_the_state_follows_the_count_and_the_plurality(counts, prior):
    outcome = summarize(counts, prior)
    if outcome.total < MIN_VERDICTS:
        assert outcome.state == OutcomeState.TOO_FEW and outcome.leading is None
    elif unique_plurality(counts):
        assert outcome.state in (OutcomeState.DECIDED, OutcomeState.LEANING)
        assert counts[outcome.leading] == max(counts.values())
    else:
        assert outcome.state == OutcomeState.SPLIT and outcome.leading is None
        assert len(outcome.contenders) > 1
        assert {counts[label] for label in outcome.contenders} == {max(counts.values())}


@given(tallies, priors)
def test_decided_means_the_stated_confidence_reaches_the_bar(counts, prior):
    outcome = summarize(counts, prior)
    assert (outcome.state == OutcomeState.DECIDED) == (
        outcome.leading is not None and outcome.confidence >= DECIDED_CONFIDENCE
    )
    assert 0.0 <= outcome.confidence <= 1.0


@settings(max_examples=300)
@given(tallies, priors)
def test_another_verdict_for_the_leader_never_lowers_its_confidence_or_its_state(counts, prior):
    before = summarize(counts, prior)
    if before.leading is None:
        return
    after = summarize({**counts, before.leading: counts[before.leading] + 1}, prior)
    assert after.leading == before.leading
    assert after.confidence >= before.confidence - 1e-9
    assert not (before.decided and not after.decided)


@settings(max_examples=200)
@given(tallies, st.sampled_from(LABEL_ORDER))
def test_a_verdict_for_a_rival_never_raises_the_leaders_confidence(counts, rival):
    before = summarize(counts)
    if before.leading is None or rival == before.leading:
        return
    after = summarize({**counts, rival: counts.get(rival, 0) + 1})
    if after.leading == before.leading:
        assert after.confidence <= before.confidence + 1e-9


@given(tallies, priors)
def test_each_interval_is_an_ordered_range_of_shares(counts, prior):
    for low, high in summarize(counts, prior).intervals.values():
        assert 0.0 <= low < high <= 1.0


@given(st.sampled_from(LABEL_ORDER), st.integers(5, 200))
def test_unanimity_is_decided_and_not_divisive(label, count):
    outcome = summarize({label: count})
    assert outcome.state == OutcomeState.DECIDED and outcome.divisiveness == 0.0


@given(st.integers(1, 1000))
def test_an_even_spread_is_fully_divisive_and_split(count):
    outcome = summarize(dict.fromkeys(LABEL_ORDER, count))
    assert math.isclose(outcome.divisiveness, 1.0)
    assert outcome.state == (
        OutcomeState.SPLIT if count * 5 >= MIN_VERDICTS else OutcomeState.TOO_FEW
    )


def test_three_of_four_is_an_answer_not_silence():
    outcome = summarize({"NTA": 3, "YTA": 1})
    assert outcome.state == OutcomeState.LEANING and outcome.leading == "NTA"
    assert 0.6 < outcome.confidence < 0.8


@pytest.mark.parametrize(
    ("alpha", "index"), [((4, 2, 1, 1, 1), 0), ((1.5, 2.2, 1.1, 1, 0.3), 1), ((60, 58, 3, 1, 1), 1)]
)
def test_the_chance_of_being_the_most_matches_a_simulation(alpha, index):
    draws = np.random.default_rng(7).dirichlet(alpha, 200_000)
    simulated = float((draws.argmax(axis=1) == index).mean())
    assert abs(chance_of_most(alpha, index) - simulated) < 0.005


def test_the_intervals_hold_eighty_percent_of_the_posterior():
    outcome = summarize({"NTA": 7, "ESH": 3})
    draws = np.random.default_rng(3).dirichlet([1 + 0, 1 + 7, 1 + 3, 1, 1], 200_000)
    low, high = outcome.intervals["NTA"]
    inside = float(((draws[:, 1] >= low) & (draws[:, 1] <= high)).mean())
    assert abs(inside - 0.8) < 0.005


def test_a_prior_fitted_to_many_cases_recovers_the_community_that_made_them():
    rng = np.random.default_rng(11)
    truth = np.array([1.2, 3.0, 0.6, 0.5, 0.2])
    shares = rng.dirichlet(truth, 3_000)
    tallies = [rng.multinomial(rng.integers(3, 30), p) for p in shares]
    fitted = np.array(fit_prior(tallies))
    assert np.allclose(fitted, truth, rtol=0.15)


def test_too_few_closed_cases_keep_the_uniform_prior():
    assert fit_prior([(3, 1, 0, 0, 0)] * (MIN_CASES_FOR_PRIOR - 1)) is None


def test_a_fitted_prior_moves_a_thin_case_towards_the_communitys_habits():
    nta_heavy = (0.5, 3.0, 0.5, 0.5, 0.5)
    # Two verdicts to one: a community that mostly says NTA makes NTA the likelier answer.
    uniform, fitted = summarize({"NTA": 2, "YTA": 1}), summarize({"NTA": 2, "YTA": 1}, nta_heavy)
    assert fitted.confidence > uniform.confidence


@pytest.mark.parametrize(
    "counts", [{"nta": 3}, {"NTA": -1}, {"NTA": 2.5}, {"NTA": True}, {"MAYBE": 1}]
)
def test_malformed_tallies_are_refused(counts):
    with pytest.raises(ValueError):
        summarize(counts)


@pytest.mark.parametrize("prior", [(1, 1, 1), (1, 1, 1, 1, 0), (1, 1, 1, 1, float("nan"))])
def test_malformed_priors_are_refused(prior):
    with pytest.raises(ValueError):
        summarize({"NTA": 3}, prior)


def test_a_board_whose_cases_all_split_alike_cannot_outweigh_a_cases_own_verdicts():
    rng = np.random.default_rng(5)
    same = [rng.multinomial(12, [0.2, 0.6, 0.1, 0.05, 0.05]) for _ in range(600)]
    fitted = fit_prior(same)
    assert sum(fitted) <= MAX_PRIOR_TOTAL + 1e-6
    outcome = summarize({"YTA": 5, "NTA": 1}, fitted)
    assert outcome.leading == "YTA" and outcome.intervals["YTA"][1] > 0.5
