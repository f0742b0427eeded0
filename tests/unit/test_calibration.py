"""The stated confidence of an outcome is honest on a simulated board (a small version of
`python -m benchmarks.calibration`): a stated 0.8 is right about 8 times in 10."""

from __future__ import annotations

import math

import pytest

from benchmarks import calibration
from caseboard.aggregation import LABEL_ORDER

TOLERANCE = 0.07  # looser than the benchmark's 5 points: fewer cases, more noise


@pytest.fixture(scope="module")
def result():
    return calibration.evaluate(ks=(5, 12), cases=1_500, history=1_500, seed=7)


def test_the_fitted_prior_recovers_the_board(result):
    for label, fitted, true in zip(LABEL_ORDER, result.prior, calibration.TRUE_PRIOR, strict=True):
        assert fitted == pytest.approx(true, rel=0.3, abs=0.05), label


def test_stated_confidence_matches_agreement_with_the_fitted_prior(result):
    for row in result.rows["fitted"]:
        assert row.cases == 1_500
        assert abs(row.agreement - row.mean_confidence) <= TOLERANCE, row


def test_decided_labels_are_right_nine_times_in_ten(result):
    for row in result.rows["fitted"]:
        assert row.decided_share > 0.2
        assert row.decided_agreement >= 0.9 - 0.02, row


def test_a_unique_plurality_gets_a_label(result):
    row = next(r for r in result.rows["fitted"] if r.k == 5)
    assert row.labelled_share >= calibration.LABELLED_TARGET


def test_reliability_bins_are_calibrated(result):
    for (low, high), stated, observed, count in result.reliability["fitted"]:
        if count >= 200:
            assert low <= stated <= high
            assert not math.isnan(observed) and abs(observed - stated) <= 0.1, (low, high)
