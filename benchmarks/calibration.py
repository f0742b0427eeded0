"""`python -m benchmarks.calibration`: is the stated confidence of an outcome honest?

`aggregation.summarize` states, for the crowd's label, the chance that a much larger crowd
would pick the same label most. This checks that claim on a simulated board, with the prior
fitted the way the site fits it.

The board (fixed seed, so every run prints the same figures):

* Each case has true label shares p, what a much larger crowd would say, drawn from a
  Dirichlet whose mean follows AITA-style boards (NTA .55, YTA .22, ESH .10, NAH .09,
  INFO .04) and whose concentration is modest (2.5 in all): some cases are near-unanimous,
  some contested. The label a much larger crowd would pick most is argmax p.
* History: 3,000 closed cases with 5 to 40 verdicts each (uniformly), verdicts drawn from p;
  `fit_prior` fits the community prior to their tallies, as the site does.
* Test: for k = 3, 5, 8, 12, 20 verdicts, 5,000 fresh cases each; k verdicts drawn from p
  (multinomial), then `summarize(tally, prior)` with the fitted prior, and with the uniform
  prior for comparison (the same cases for both).

Per k it reports: the share of cases whose tally has a unique plurality; the share of those
given a label (decided or leaning); agreement, how often that label is argmax p; the mean
stated confidence over the labelled cases; and, for decided labels only, their share of the
labelled cases and their agreement. Then a reliability table (stated confidence in bins,
against observed agreement) and the targets.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass

import numpy as np

from caseboard.aggregation import (
    DECIDED_CONFIDENCE,
    LABEL_ORDER,
    OutcomeState,
    fit_prior,
    summarize,
)

SEED = 2026
# The board's true label mix, in LABEL_ORDER (YTA, NTA, ESH, NAH, INFO), and how concentrated
# each case's shares are around it (the Dirichlet's total weight).
TRUE_MEAN = (0.22, 0.55, 0.10, 0.09, 0.04)
TRUE_CONCENTRATION = 2.5
TRUE_PRIOR = tuple(share * TRUE_CONCENTRATION for share in TRUE_MEAN)
HISTORY_CASES = 3_000
HISTORY_VERDICTS = (5, 40)
VERDICT_COUNTS = (3, 5, 8, 12, 20)
CASES_PER_K = 5_000
CONFIDENCE_BINS = ((0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.0))

# What the outcome math promises.
LABELLED_TARGET_K = 5
LABELLED_TARGET = 0.85  # of cases with a unique plurality, at LABELLED_TARGET_K verdicts
CALIBRATION_TOLERANCE = 0.05  # |agreement - mean stated confidence|, at every k
DECIDED_AGREEMENT_TARGET = 0.90


@dataclass(frozen=True)
class Board:
    """Simulated cases with k verdicts each: true shares and the verdict tallies."""

    shares: np.ndarray  # (cases, labels)
    tallies: np.ndarray  # (cases, labels), ints

    @property
    def truth(self) -> np.ndarray:
        """Each case's label a much larger crowd would pick most (index into LABEL_ORDER)."""
        return self.shares.argmax(axis=1)


@dataclass(frozen=True)
class Scored:
    """What summarize said about each case of a board."""

    unique: np.ndarray  # bool: the tally has one label with the most verdicts
    labelled: np.ndarray  # bool: decided or leaning
    decided: np.ndarray  # bool
    correct: np.ndarray  # bool: the label named is argmax p (False when unlabelled)
    confidence: np.ndarray  # stated confidence


@dataclass(frozen=True)
class Row:
    """One line of the calibration table."""

    k: int
    cases: int
    unique_share: float
    labelled_share: float  # of the cases with a unique plurality
    agreement: float  # of the labelled cases
    mean_confidence: float  # of the labelled cases
    decided_share: float  # of the labelled cases
    decided_agreement: float  # nan without decided cases

    @property
    def gap(self) -> float:
        return self.agreement - self.mean_confidence


def draw_board(
    rng: np.random.Generator, cases: int, verdicts: int | tuple[int, int], prior=TRUE_PRIOR
) -> Board:
    """`cases` cases with shares from Dirichlet(prior) and `verdicts` verdicts each (or a
    uniform count between the two bounds of a pair, inclusive)."""
    shares = rng.dirichlet(prior, size=cases)
    if isinstance(verdicts, tuple):
        counts = rng.integers(verdicts[0], verdicts[1] + 1, size=cases)
    else:
        counts = np.full(cases, verdicts)
    tallies = np.array(
        [rng.multinomial(n, p) for n, p in zip(counts, shares, strict=True)], dtype=int
    )
    return Board(shares, tallies)


def fitted_prior(rng: np.random.Generator, cases: int = HISTORY_CASES) -> tuple[float, ...]:
    """The prior the site would fit to a history of closed cases drawn from the board."""
    history = draw_board(rng, cases, HISTORY_VERDICTS)
    prior = fit_prior(history.tallies.tolist())
    if prior is None:
        raise RuntimeError("too few history cases to fit a prior")
    return prior


def score(board: Board, prior: tuple[float, ...] | None) -> Scored:
    """Summarize every tally of the board under `prior` (None: uniform)."""
    truth = board.truth
    unique, labelled, decided, correct, confidence = [], [], [], [], []
    for tally, true_index in zip(board.tallies.tolist(), truth.tolist(), strict=True):
        outcome = summarize(dict(zip(LABEL_ORDER, tally, strict=True)), prior)
        most = max(tally)
        unique.append(tally.count(most) == 1)
        is_labelled = outcome.state in (OutcomeState.DECIDED, OutcomeState.LEANING)
        labelled.append(is_labelled)
        decided.append(outcome.state == OutcomeState.DECIDED)
        correct.append(is_labelled and outcome.leading == LABEL_ORDER[true_index])
        confidence.append(outcome.confidence)
    return Scored(
        *(np.array(values) for values in (unique, labelled, decided, correct)),
        np.array(confidence, dtype=float),
    )


def row(k: int, scored: Scored) -> Row:
    labelled = scored.labelled
    decided = scored.decided
    n_labelled = int(labelled.sum())
    return Row(
        k=k,
        cases=len(labelled),
        unique_share=float(scored.unique.mean()),
        labelled_share=float((labelled & scored.unique).sum() / max(1, scored.unique.sum())),
        agreement=float(scored.correct[labelled].mean()) if n_labelled else float("nan"),
        mean_confidence=float(scored.confidence[labelled].mean()) if n_labelled else float("nan"),
        decided_share=float(decided.sum() / max(1, n_labelled)),
        decided_agreement=float(scored.correct[decided].mean()) if decided.any() else float("nan"),
    )


def reliability(scored: list[Scored]) -> list[tuple[tuple[float, float], float, float, int]]:
    """Per stated-confidence bin over the labelled cases: (bin, mean stated, observed, count)."""
    confidence = np.concatenate([s.confidence[s.labelled] for s in scored])
    correct = np.concatenate([s.correct[s.labelled] for s in scored])
    bins = []
    for low, high in CONFIDENCE_BINS:
        inside = (confidence >= low) & ((confidence < high) | (high >= 1.0))
        count = int(inside.sum())
        bins.append(
            (
                (low, high),
                float(confidence[inside].mean()) if count else float("nan"),
                float(correct[inside].mean()) if count else float("nan"),
                count,
            )
        )
    return bins


@dataclass(frozen=True)
class Result:
    prior: tuple[float, ...]
    rows: dict[str, list[Row]]  # "fitted" and "uniform"
    reliability: dict[str, list[tuple[tuple[float, float], float, float, int]]]


def evaluate(
    ks: tuple[int, ...] = VERDICT_COUNTS,
    cases: int = CASES_PER_K,
    history: int = HISTORY_CASES,
    seed: int = SEED,
) -> Result:
    """Fit the prior to a simulated history, then score fresh boards at each k."""
    rng = np.random.default_rng(seed)
    prior = fitted_prior(rng, history)
    rows: dict[str, list[Row]] = {"fitted": [], "uniform": []}
    scored: dict[str, list[Scored]] = {"fitted": [], "uniform": []}
    for k in ks:
        board = draw_board(rng, cases, k)
        for name, weights in (("fitted", prior), ("uniform", None)):
            result = score(board, weights)
            scored[name].append(result)
            rows[name].append(row(k, result))
    return Result(prior, rows, {name: reliability(s) for name, s in scored.items()})


def targets(rows: list[Row]) -> list[tuple[str, str, bool]]:
    """(target, figure, met) for the fitted prior's rows."""
    checks = []
    at_k = next((r for r in rows if r.k == LABELLED_TARGET_K), None)
    if at_k is not None:
        checks.append(
            (
                f"at k = {LABELLED_TARGET_K}, >= {LABELLED_TARGET:.0%} of cases with a unique "
                "plurality get a label",
                f"{at_k.labelled_share:.1%}",
                at_k.labelled_share >= LABELLED_TARGET,
            )
        )
    worst = max(rows, key=lambda r: abs(r.gap))
    checks.append(
        (
            f"at every k, |agreement - mean stated confidence| <= "
            f"{CALIBRATION_TOLERANCE * 100:.0f} points",
            f"worst {worst.gap * 100:+.1f} points at k = {worst.k}",
            all(abs(r.gap) <= CALIBRATION_TOLERANCE for r in rows),
        )
    )
    decided = [r for r in rows if not np.isnan(r.decided_agreement)]
    lowest = min(decided, key=lambda r: r.decided_agreement) if decided else None
    checks.append(
        (
            f"decided labels (confidence >= {DECIDED_CONFIDENCE:.0%}) agree >= "
            f"{DECIDED_AGREEMENT_TARGET:.0%}, at every k",
            f"lowest {lowest.decided_agreement:.1%} at k = {lowest.k}" if lowest else "none",
            lowest is not None and lowest.decided_agreement >= DECIDED_AGREEMENT_TARGET,
        )
    )
    return checks


def _weights(prior) -> str:
    return "  ".join(
        f"{label} {weight:.3f}" for label, weight in zip(LABEL_ORDER, prior, strict=True)
    )


def _pct(value: float, width: int = 8) -> str:
    return f"{'-':>{width}}" if np.isnan(value) else f"{value * 100:>{width - 1}.1f}%"


def table(rows: list[Row]) -> str:
    head = (
        f"{'k':>3}{'cases':>7}{'unique':>9}{'labelled':>10}{'agree':>8}{'stated':>8}"
        f"{'gap':>8}{'decided':>9}{'dec.agree':>11}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r.k:>3}{r.cases:>7}{_pct(r.unique_share, 9)}{_pct(r.labelled_share, 10)}"
            f"{_pct(r.agreement)}{_pct(r.mean_confidence)}{r.gap * 100:>+7.1f}p"
            f"{_pct(r.decided_share, 9)}{_pct(r.decided_agreement, 11)}"
        )
    return "\n".join(lines)


def reliability_table(result: Result) -> str:
    head = f"{'stated':<10}" + "".join(
        f"{name + ': stated':>18}{'observed':>10}{'count':>7}" for name in result.reliability
    )
    lines = [head, "-" * len(head)]
    for index, (low, high) in enumerate(CONFIDENCE_BINS):
        cells = ""
        for bins in result.reliability.values():
            _, stated, observed, count = bins[index]
            cells += f"{_pct(stated, 18)}{_pct(observed, 10)}{count:>7}"
        lines.append(f"{low:.1f}-{high:.1f}   " + cells)
    return "\n".join(lines)


def report(result: Result, seconds: float | None = None) -> str:
    model = (
        f"Board model (seed {SEED}): true shares p ~ Dirichlet(mean "
        + ", ".join(f"{label} {m:.2f}" for label, m in zip(LABEL_ORDER, TRUE_MEAN, strict=True))
        + f"; concentration {TRUE_CONCENTRATION}); a much larger crowd's label is argmax p.\n"
        f"Prior fitted to {HISTORY_CASES:,} simulated closed cases with "
        f"{HISTORY_VERDICTS[0]}-{HISTORY_VERDICTS[1]} verdicts each:\n"
        f"  true   {_weights(TRUE_PRIOR)}  (total {sum(TRUE_PRIOR):.2f})\n"
        f"  fitted {_weights(result.prior)}  (total {sum(result.prior):.2f})"
    )
    legend = (
        "unique: tallies with one label ahead; labelled: of those, decided or leaning; "
        "agree: labelled cases whose label is argmax p;\nstated: their mean stated confidence; "
        "gap: agree - stated; decided: share of labelled cases decided; dec.agree: their "
        "agreement."
    )
    parts = [
        "Outcome calibration (benchmarks/calibration.py)",
        model,
        legend,
        "With the fitted prior (what the site uses once it has history):",
        table(result.rows["fitted"]),
        "With the uniform prior (a new board), for comparison:",
        table(result.rows["uniform"]),
        "Reliability, labelled cases of every k pooled:",
        reliability_table(result),
        "Targets (fitted prior):",
        "\n".join(
            f"  [{'met' if met else 'NOT MET'}] {name}: {figure}"
            for name, figure, met in targets(result.rows["fitted"])
        ),
    ]
    if seconds is not None:
        parts.append(f"({seconds:.1f} s)")
    return "\n\n".join(parts)


def main() -> int:
    started = time.perf_counter()
    result = evaluate()
    print(report(result, time.perf_counter() - started), flush=True)
    return 0 if all(met for *_, met in targets(result.rows["fitted"])) else 1


if __name__ == "__main__":
    sys.exit(main())
