from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from caseboard.aggregation import case_engagement, hot_score, wilson_lower_bound


def test_wilson_lower_bound_is_zero_without_votes():
    assert wilson_lower_bound(0, 0) == 0.0


def test_wilson_prefers_many_good_votes_to_a_few_perfect_ones():
    assert wilson_lower_bound(40, 5) > wilson_lower_bound(3, 0)


def test_wilson_matches_the_80_percent_interval():
    # 8 of 10 with z = 1.2816: (0.8821 - 0.1817) / 1.1643, worked by hand.
    assert abs(wilson_lower_bound(8, 2) - 0.6016) < 0.001


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_wilson_stays_between_zero_and_the_observed_share(positive, negative):
    bound = wilson_lower_bound(positive, negative)
    total = positive + negative
    assert 0.0 <= bound <= (positive / total if total else 0.0) + 1e-12


def test_hot_score_rewards_engagement_and_newness():
    now = datetime(2026, 11, 25, tzinfo=UTC)
    assert hot_score(100, now) > hot_score(10, now)
    assert hot_score(10, now) > hot_score(10, now - timedelta(days=1))
    # Ten times the engagement is worth 12.5 hours of newness.
    assert abs(hot_score(100, now - timedelta(seconds=45_000)) - hot_score(10, now)) < 1e-6


def test_engagement_counts_verdicts_double():
    assert case_engagement(3, 1) == 7
