"""Pure verdict and ranking math: no database, no Flask, so it is easy to test and reuse.

The outcome of a case (`summarize`) counts every reasoned verdict once and says how sure the
community is, instead of crowning whatever label happens to lead:

* Prior and posterior. The community's true label shares are unknown; before any verdict we
  assume every split equally likely, a uniform Dirichlet(1, 1, 1, 1, 1) prior. After n_k
  verdicts with label k the posterior is Dirichlet(n_k + 1).
* Confidence is how sure we are that the leading label L is the true plurality. For one rival
  j, P(p_L > p_j) under the posterior is exactly P(Beta(n_L + 1, n_j + 1) > 1/2), which for
  these integer parameters is the binomial sum P(Binomial(n_L + n_j + 1, 1/2) <= n_L). Beating
  every rival at once is bounded below by Bonferroni: 1 - sum over j of P(p_j >= p_L). We report
  that bound (never below 0): exact, deterministic (no sampling), cheap, and honest in that it
  can only understate certainty. Adding a verdict to L raises every pairwise term, so it never
  lowers the confidence.
* Decision. A case is decided only with at least MIN_VERDICTS_TO_DECIDE verdicts, a single
  label with the most votes, and confidence of at least DECISION_CONFIDENCE; otherwise it is
  "undecided", which is a valid outcome.
* Divisiveness is the entropy of the shares divided by log(5): 0 when everyone agrees, 1 when
  the verdicts are spread evenly over all five labels.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

LABEL_ORDER = ("YTA", "NTA", "ESH", "NAH", "INFO")
MIN_VERDICTS_TO_DECIDE = 3
DECISION_CONFIDENCE = 0.8
# The "divisive" list only ranks cases with enough verdicts for a split to mean something.
MIN_VERDICTS_FOR_DIVISIVE = 5
# Above this many trials the exact binomial sum gets slow; a normal approximation is used.
EXACT_TRIALS_LIMIT = 10_000

# z for an 80 % two-sided interval, as in Reddit's "best" comment sort.
WILSON_Z = 1.2815515655446004
# Hot scores count age from this moment; any fixed epoch works, it only shifts every score.
HOT_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)
HOT_HALF_LIFE_SECONDS = 45_000


def wilson_lower_bound(positive: int, negative: int, z: float = WILSON_Z) -> float:
    """Lower bound of the Wilson score interval of the positive share; 0 with no votes.

    Ranks "3 of 3 helpful" below "40 of 45 helpful": few votes mean little certainty.
    """
    n = positive + negative
    if n <= 0:
        return 0.0
    phat = positive / n
    z2 = z * z
    centre = phat + z2 / (2 * n)
    spread = z * math.sqrt((phat * (1 - phat) + z2 / (4 * n)) / n)
    return max(0.0, (centre - spread) / (1 + z2 / n))  # rounding can dip below 0


def hot_score(engagement: float, published_at: datetime) -> float:
    """Reddit-style hot rank: log10 of engagement plus age credit, so new cases surface.

    Every 45,000 s (12.5 h) of newness is worth ten times the engagement.
    """
    order = math.log10(max(engagement, 1.0))
    seconds = (published_at - HOT_EPOCH).total_seconds()
    return round(order + seconds / HOT_HALF_LIFE_SECONDS, 7)


def case_engagement(verdict_count: int, reply_count: int) -> float:
    """How much discussion a case has drawn: verdicts count double, they carry reasoning."""
    return 2 * verdict_count + reply_count


@dataclass(frozen=True)
class Outcome:
    """What the verdicts on a case add up to."""

    total: int
    shares: dict[str, float]
    leading: str | None  # a label with the most votes, or None when undecided
    confidence: float  # how sure we are that the top label is the true plurality (0-1)
    divisiveness: float  # 0 unanimous, 1 evenly spread over all five labels

    @property
    def decided(self) -> bool:
        return self.leading is not None


def summarize(counts: Mapping[str, int]) -> Outcome:
    """Turn verdict counts per label into an outcome; missing labels count 0."""
    unknown = set(counts) - set(LABEL_ORDER)
    if unknown:
        raise ValueError(f"unknown labels: {sorted(unknown)}")
    for value in counts.values():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"verdict counts are whole numbers of 0 or more, not {value!r}")
    tally = {label: counts.get(label, 0) for label in LABEL_ORDER}
    total = sum(tally.values())
    if total == 0:
        return Outcome(0, {label: 0.0 for label in LABEL_ORDER}, None, 0.0, 0.0)
    shares = {label: count / total for label, count in tally.items()}
    most = max(tally.values())
    top = [label for label, count in tally.items() if count == most]
    # With a tie every top label has the same bound, so any of them gives the same figure.
    confidence = _plurality_confidence(tally, top[0])
    decided = len(top) == 1 and total >= MIN_VERDICTS_TO_DECIDE
    leading = top[0] if decided and confidence >= DECISION_CONFIDENCE else None
    return Outcome(total, shares, leading, confidence, divisiveness(shares))


def divisiveness(shares: Mapping[str, float]) -> float:
    """Normalized entropy of the label shares."""
    entropy = -sum(share * math.log(share) for share in shares.values() if share > 0)
    return min(1.0, max(0.0, entropy / math.log(len(LABEL_ORDER))))


def _plurality_confidence(tally: Mapping[str, int], leader: str) -> float:
    """Bonferroni lower bound of P(leader's true share beats every other label's)."""
    risk = math.fsum(
        _overtaken(tally[leader], count) for label, count in tally.items() if label != leader
    )
    return max(0.0, 1.0 - risk)


def _overtaken(wins: int, rival: int) -> float:
    """P(p_b >= p_a): the upper binomial tail, summed directly so tiny risks stay precise."""
    if wins + rival + 1 > EXACT_TRIALS_LIMIT:  # the normal approximation is excellent here
        return _overtaken_normal(wins, rival)
    return _overtaken_exact(wins, rival)


def _overtaken_exact(wins: int, rival: int) -> float:
    trials = wins + rival + 1
    # The tail starts past the middle (the leader has at least as many votes), so its terms
    # only shrink: walk them by their ratio and stop once they no longer change the sum.
    k = wins + 1
    term = math.exp(
        math.lgamma(trials + 1)
        - math.lgamma(k + 1)
        - math.lgamma(trials - k + 1)
        - trials * math.log(2)
    )
    terms = []
    while k <= trials and term > 0:
        terms.append(term)
        if term < 1e-18 * terms[0]:
            break
        term *= (trials - k) / (k + 1)
        k += 1
    return min(1.0, math.fsum(terms))


def _overtaken_normal(wins: int, rival: int) -> float:
    trials = wins + rival + 1
    z = (wins + 0.5 - trials / 2) / math.sqrt(trials / 4)
    return 0.5 * math.erfc(z / math.sqrt(2))


def confidence_words(outcome: Outcome) -> str:
    """Plain words for how sure the community is."""
    if outcome.total == 0:
        return "no verdicts"
    if outcome.leading is None:
        return "undecided"
    if outcome.confidence >= 0.97:
        return "strong consensus"
    if outcome.confidence >= 0.9:
        return "clear consensus"
    return "leaning"


def divisiveness_words(value: float) -> str:
    """Plain words for how split the verdicts are."""
    if value < 0.25:
        return "broad agreement"
    if value < 0.5:
        return "some disagreement"
    if value < 0.75:
        return "divided"
    return "deeply divided"
