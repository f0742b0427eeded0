"""Pure verdict and ranking math: no database, no Flask, so it is easy to test and reuse."""

from __future__ import annotations

import math
from datetime import UTC, datetime

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
