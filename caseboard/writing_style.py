"""How closely one text's style matches another's, and what makes it so.

Research on authorship (Narayanan et al. 2012; Afroz et al. 2014) links texts by style alone:
the letters people string together, the small words they lean on, their pet phrases and
punctuation. Caseboard shows each case under its own "OP", so a member who posts several
long cases could still be linked by how they write. This module measures that for a draft
against the author's own earlier cases, with recent cases by others as the yardstick:
a similarity means little until it is compared with how similar strangers' texts are.

Pure functions of the texts given; nothing here reads or stores anything.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

# The small words whose rates mark a writer more than what they write about.
FUNCTION_WORDS = frozenset(
    line.strip()
    for line in (files("caseboard") / "data" / "function_words.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
)

# Punctuation and typing habits, by how they are described to the member.
HABITS: dict[str, re.Pattern] = {
    "ellipses (… or ...)": re.compile(r"\.\.\.|…"),
    "long dashes (— or --)": re.compile(r"—|--"),
    "spaced hyphens ( - ) as dashes": re.compile(r"\w - \w"),
    "two spaces after a full stop": re.compile(r"[.!?]  +\S"),
    "doubled !! or ??": re.compile(r"[!?]{2,}"),
    "exclamation marks": re.compile(r"!"),
    "semicolons": re.compile(r";"),
    "brackets": re.compile(r"\("),
    "a lowercase “i”": re.compile(r"(?<![\w'’])i(?![\w'’])"),
    "ampersands (&)": re.compile(r"&"),
    "emoji": re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]"),
}
# A habit is worth mentioning when the draft shows it this many times, and both the draft and
# the earlier cases use it at least HABIT_RATIO times as often as others do.
HABIT_MIN_USES = 2
HABIT_RATIO = 2.0
# What a habit nobody else shows is compared against: uses per 1,000 characters.
HABIT_FLOOR = 0.1

# The most frequent features across the texts compared that the distance is measured on.
FEATURES = 150
PHRASE_WORDS = 3  # reused phrases are built from shared runs of this many words
HINTS_SHOWN = 5
MIN_WORD_LENGTH = 6  # shorter words are too common to mark anyone
# A reused phrase is worth mentioning when it holds at least this many words that are not small.
PHRASE_CONTENT_WORDS = 2

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class StyleMatch:
    """How a draft compares with its author's earlier cases, among strangers' cases.

    `closer_than` of `strangers` recent cases by others are further from the draft in style
    than the author's own closest earlier case is."""

    earlier_cases: int
    strangers: int
    closer_than: int
    phrases: list[str]
    words: list[str]
    habits: list[str]

    @property
    def share(self) -> float:
        return self.closer_than / self.strangers if self.strangers else 0.0


def compare(draft: str, own: Sequence[str], others: Sequence[str]) -> StyleMatch:
    """The draft against the author's own earlier texts (`own`) and others' (`others`)."""
    texts = (draft, *own, *others)
    words = [_words(text) for text in texts]  # each text split into words once
    profiles = [_profile(text, text_words) for text, text_words in zip(texts, words, strict=True)]
    distances = _deltas(profiles[0], profiles[1:])
    own_best = min(distances[: len(own)])
    strangers = distances[len(own) :]
    own_words, others_words = words[1 : 1 + len(own)], words[1 + len(own) :]
    return StyleMatch(
        earlier_cases=len(own),
        strangers=len(strangers),
        closer_than=sum(1 for distance in strangers if distance > own_best),
        phrases=_reused_phrases(words[0], own_words, others_words),
        words=_shared_rare_words(words[0], own_words, others_words),
        habits=_shared_habits(draft, own, others),
    )


def _profile(text: str, words: list[str]) -> dict[str, float]:
    """A text's style features, as shares of their kind: letter trigrams with every word but
    the small ones masked, so that what it is about weighs nothing and how it is written
    (punctuation, casing, small words) weighs all (Stamatatos's text distortion); and the
    small words themselves."""
    masked = _WORD.sub(_mask, re.sub(r"\s+", " ", text))
    trigrams = Counter("c:" + masked[i : i + 3] for i in range(len(masked) - 2))
    small = Counter("w:" + word for word in words if word in FUNCTION_WORDS)
    return {**_shares(trigrams), **_shares(small)}


def _shares(counts: Counter) -> dict[str, float]:
    total = sum(counts.values())
    return {key: count / total for key, count in counts.items()} if total else {}


def _mask(match: re.Match) -> str:
    word = match.group()
    return word if word.lower() in FUNCTION_WORDS else "*"


def _deltas(draft: dict[str, float], texts: Sequence[dict[str, float]]) -> list[float]:
    """Burrows's Delta from the draft to each text: the mean difference of their z-scores
    over the FEATURES most frequent features, with the texts as the corpus that sets each
    feature's usual share and spread. Smaller means closer in style; it does not grow or
    shrink with a text's length, as a raw similarity would."""
    totals: Counter = Counter()
    for profile in (draft, *texts):
        totals.update(profile)
    features = [feature for feature, _ in totals.most_common(FEATURES)]
    spread = {}
    for feature in features:
        values = [profile.get(feature, 0.0) for profile in texts]
        mean = sum(values) / len(values)
        deviation = math.sqrt(sum((value - mean) ** 2 for value in values) / len(values))
        if deviation:
            spread[feature] = (mean, deviation)

    def z_scores(profile: dict[str, float]) -> dict[str, float]:
        return {f: (profile.get(f, 0.0) - mean) / sd for f, (mean, sd) in spread.items()}

    draft_z = z_scores(draft)
    deltas = []
    for profile in texts:
        text_z = z_scores(profile)
        deltas.append(sum(abs(draft_z[f] - text_z[f]) for f in spread) / max(len(spread), 1))
    return deltas


def _words(text: str) -> list[str]:
    return [word.replace("’", "'") for word in _WORD.findall(text.lower())]


def _phrases(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + PHRASE_WORDS]) for i in range(len(words) - PHRASE_WORDS + 1)}


def _reused_phrases(
    words: list[str], own: Sequence[list[str]], others: Sequence[list[str]]
) -> list[str]:
    """The longest runs of words the draft shares with the author's earlier cases and with
    no stranger's (built from shared runs of PHRASE_WORDS words), leaving out runs of mostly
    small words ("said in the")."""
    shared = set().union(*(_phrases(text) for text in own))
    shared -= set().union(*(_phrases(text) for text in others))
    runs: list[list[str]] = []
    previous = -2
    for i in range(len(words) - PHRASE_WORDS + 1):
        if tuple(words[i : i + PHRASE_WORDS]) not in shared:
            continue
        if i == previous + 1:  # overlaps the run before: one word longer
            runs[-1].append(words[i + PHRASE_WORDS - 1])
        else:
            runs.append(words[i : i + PHRASE_WORDS])
        previous = i
    telling = {
        " ".join(run)
        for run in runs
        if sum(word not in FUNCTION_WORDS for word in run) >= PHRASE_CONTENT_WORDS
    }
    return sorted(telling, key=lambda phrase: (-len(phrase.split()), phrase))[:HINTS_SHOWN]


def _shared_rare_words(
    words: list[str], own: Sequence[list[str]], others: Sequence[list[str]]
) -> list[str]:
    """Words (spellings, pet words) in the draft and an earlier case, but in no stranger's."""
    own_words = set().union(*own)
    strangers_words = set().union(*others)
    rare = {
        word
        for word in words
        if len(word) >= MIN_WORD_LENGTH and word in own_words and word not in strangers_words
    }
    return sorted(rare)[:HINTS_SHOWN]


def _shared_habits(draft: str, own: Sequence[str], others: Sequence[str]) -> list[str]:
    """Habits the draft and the earlier cases both show far more often than others do."""
    own_text, others_text = "\n".join(own), "\n".join(others)
    habits = []
    for name, pattern in HABITS.items():
        uses = len(pattern.findall(draft))
        if uses < HABIT_MIN_USES:
            continue
        usual = max(_rate(pattern, others_text), HABIT_FLOOR)
        if min(_rate(pattern, draft), _rate(pattern, own_text)) >= HABIT_RATIO * usual:
            habits.append(name)
    return habits


def _rate(pattern: re.Pattern, text: str) -> float:
    """Uses per 1,000 characters."""
    return 1000 * len(pattern.findall(text)) / len(text) if text else 0.0
