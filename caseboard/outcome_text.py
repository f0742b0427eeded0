"""Outcomes in words: one place for the case page, lists, notices, exports and emails.

Every sentence says what the verdicts came to and how sure anyone can be, in plain words
("about 3 in 4 chance"), never a bare percentage without its meaning.
"""

from __future__ import annotations

from collections.abc import Mapping

from caseboard.aggregation import DECIDED_CONFIDENCE, MIN_VERDICTS, Outcome, OutcomeState
from caseboard.taxonomy import LABELS

# Chances said as small fractions, the way people say them; the nearest one is used.
_FRACTIONS = ((1, 3), (2, 5), (1, 2), (3, 5), (2, 3), (3, 4), (4, 5), (5, 6), (9, 10), (19, 20))

STATE_NAMES = {
    OutcomeState.DECIDED: "Decided",
    OutcomeState.LEANING: "Leaning",
    OutcomeState.SPLIT: "Split",
    OutcomeState.TOO_FEW: "Too few verdicts",
}


def chance_words(probability: float) -> str:
    """0.74 -> "about 3 in 4"; from 0.97 "almost certainly" (99 in 100 would overstate it).

    The nearest fraction on the same side of DECIDED_CONFIDENCE: a leaning case at 0.89 says
    "about 5 in 6", never the "9 in 10" that names a decided one.
    """
    if probability >= 0.97:
        return "almost certainly"
    if probability < 0.3:
        return "less than 1 in 3"
    decided = probability >= DECIDED_CONFIDENCE
    fractions = [f for f in _FRACTIONS if (f[0] / f[1] >= DECIDED_CONFIDENCE) == decided]
    top, bottom = min(fractions, key=lambda f: abs(f[0] / f[1] - probability))
    return f"about {top} in {bottom}"


def label_name(code: str) -> str:
    """The kinder display words of a label code."""
    return LABELS[code][0]


def headline(outcome: Outcome) -> str:
    """The answer in a few words: "Leaning: not in the wrong"."""
    if outcome.total == 0:
        return "No verdicts"
    if outcome.state == OutcomeState.SPLIT:
        return "Split: " + _either(outcome.contenders)
    if outcome.leading is None:
        return STATE_NAMES[OutcomeState.TOO_FEW]
    return f"{STATE_NAMES[outcome.state]}: {label_name(outcome.leading).lower()}"


def explanation(outcome: Outcome) -> str:
    """What stands behind the headline, in one clause."""
    if outcome.total == 0:
        return "nobody gave a verdict while the case was open"
    if outcome.state == OutcomeState.TOO_FEW:
        return f"fewer than {MIN_VERDICTS} verdicts are not enough to name an answer"
    if outcome.state == OutcomeState.SPLIT:
        return f"reasonable people disagree: {len(outcome.contenders)} labels tied for the most"
    return chance_clause(outcome.confidence)


def sentence(outcome: Outcome) -> str:
    """Headline and explanation together, as notices and exports say it."""
    return f"{headline(outcome)} — {explanation(outcome)}."


def distribution_words(outcome: Outcome) -> str:
    """How the verdicts fell: "Most said NTA; ESH was a strong second.\""""
    if outcome.total == 0:
        return "No verdicts were given."
    ranked = sorted(outcome.shares, key=lambda code: -outcome.shares[code])
    top, second = ranked[0], ranked[1]
    if outcome.shares[top] == 1:
        return f"Every verdict said {top}."
    if len(outcome.contenders) > 1:
        return f"Verdicts tied between {_and(outcome.contenders)}."
    lead = "Most said" if outcome.shares[top] > 0.5 else "More said"
    rest = "" if lead == "Most said" else " than anything else"
    if not outcome.shares[second]:
        return f"{lead} {top}{rest}."
    # A strong second: its plausible share reaches the leader's.
    strong = outcome.intervals and outcome.intervals[second][1] >= outcome.intervals[top][0]
    tail = f"{second} was a strong second" if strong else f"some said {second}"
    return f"{lead} {top}{rest}; {tail}."


def _and(codes: tuple[str, ...]) -> str:
    return ", ".join(codes[:-1]) + " and " + codes[-1] if len(codes) > 1 else codes[0]


def _either(codes: tuple[str, ...]) -> str:
    names = [label_name(code).lower() for code in codes]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


# -- for places that only have a case's stored columns (lists, similar cases, the builder) --


def short_headline(
    state: str | None, label: str | None, tally: Mapping[str, int] | None = None
) -> str:
    """The headline from a closed case's stored columns, with no Outcome to build: "Leaning:
    not in the wrong", "Split: ... or ..." (naming the tied labels when `tally` is given),
    "Too few verdicts". A case closed before states were stored falls back on its label."""
    total = sum(tally.values()) if tally is not None else None
    if total == 0:
        return "No verdicts"
    if state == OutcomeState.SPLIT:
        most = max(tally.values()) if tally else 0
        tied = tuple(code for code, count in (tally or {}).items() if most and count == most)
        return "Split: " + _either(tied) if len(tied) > 1 else STATE_NAMES[OutcomeState.SPLIT]
    if state in (OutcomeState.DECIDED, OutcomeState.LEANING) and label in LABELS:
        return f"{STATE_NAMES[state]}: {label_name(label).lower()}"
    if state is None and label in LABELS:
        return label_name(label)
    if state is None:
        return "No single answer"
    return STATE_NAMES[OutcomeState.TOO_FEW]


def chance_clause(confidence: float | None) -> str:
    """The confidence of a decided or leaning case in words, as `explanation` says it: "about
    3 in 4 chance a much larger group would say the same"; empty without a confidence."""
    if confidence is None:
        return ""
    chance = chance_words(confidence)
    if chance == "almost certainly":
        return "a much larger group would almost certainly say the same"
    return f"{chance} chance a much larger group would say the same"


def percent(share: float) -> str:
    """0.623 -> "62 %"."""
    return f"{round(100 * share)} %"


def range_words(interval: tuple[float, float]) -> str:
    """An 80 % range as people read it: (0.24, 0.66) -> "24–66 %"."""
    low, high = interval
    return f"{round(100 * low)}–{round(100 * high)} %"
