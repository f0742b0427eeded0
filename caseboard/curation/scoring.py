"""How instructive a closed case is, to rank highlight candidates. Pure math, no database.

    instructive value = 1.0 × reasoned verdicts (at most 20)
                      + 2.0 × log2(1 + helpful votes on its verdicts)
                      + 4.0 × clarity
                      + 3.0 × (1 if the author posted an update)

* A **reasoned verdict** is a published verdict whose reasoning runs to at least
  REASONED_CHARACTERS characters: the teaching is in the reasoning, not the label. Capped, so
  one crowded case does not drown every other signal.
* **Helpful votes** are summed over its verdicts, on a log scale: the first votes say the most.
* **Clarity** is 0 to 1: the confidence of the crowd's label when the outcome names one
  (decided or leaning: a clear consensus teaches one lesson well), or, for a split case or
  one with too few verdicts, its divisiveness when it has at least
  MIN_VERDICTS_FOR_DIVISIVE verdicts (an instructive split teaches that reasonable peers
  differ). A thin case with no label scores 0.
* An **update** ("how it played out") is what readers cannot find elsewhere.
* A case with **open reports** is not a candidate at all (value None) until they are settled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from caseboard.aggregation import MIN_VERDICTS_FOR_DIVISIVE

REASONED_CHARACTERS = 200
REASONED_CAP = 20
WEIGHTS = {"reasoned": 1.0, "helpful": 2.0, "clarity": 4.0, "update": 3.0}


@dataclass(frozen=True)
class Signals:
    """What the score is made of, for one closed case."""

    reasoned_verdicts: int
    helpful_votes: int
    verdict_count: int
    has_label: bool  # the outcome names the crowd's label: decided or leaning
    confidence: float
    divisiveness: float
    has_update: bool
    open_reports: int = 0


def clarity(signals: Signals) -> float:
    """A clear consensus (confidence) or an instructive split (divisiveness), 0 to 1."""
    if signals.has_label:
        return max(0.0, min(1.0, signals.confidence))
    if signals.verdict_count >= MIN_VERDICTS_FOR_DIVISIVE:
        return max(0.0, min(1.0, signals.divisiveness))
    return 0.0


def instructive_value(signals: Signals) -> float | None:
    """The documented score above; None when open reports rule the case out."""
    if signals.open_reports:
        return None
    return (
        WEIGHTS["reasoned"] * min(signals.reasoned_verdicts, REASONED_CAP)
        + WEIGHTS["helpful"] * math.log2(1 + max(0, signals.helpful_votes))
        + WEIGHTS["clarity"] * clarity(signals)
        + WEIGHTS["update"] * (1.0 if signals.has_update else 0.0)
    )
