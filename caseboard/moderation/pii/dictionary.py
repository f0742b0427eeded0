"""Whether a word is an ordinary English word.

A username people make up ("coffeegremlin", "GRUMPYGRAMPS") and the name of a small business
written in lowercase ("kwik fit") are words no dictionary holds, while what follows "as" or
"at" in ordinary prose ("as usual", "at lunch") is in every one. The dictionary is
pyspellchecker's English word list (about 160,000 words with their frequencies, including
common brand names), read the first time it is asked for: about 0.15 s, once per process;
with the words of workplace and online English that it lacks (`data/modern_words.txt`:
"selfie", "onboarding", "screenshotted").
"""

from __future__ import annotations

import functools

from spellchecker import SpellChecker

from . import wordlists
from .text import fold, folded


@functools.cache
def _english() -> SpellChecker:
    return SpellChecker(language="en", distance=1)


# British spellings the list lacks, and the American ones it has: "organise", "colour",
# "centre", "travelling", "analyse", "catalogue", "licence".
_BRITISH = (
    ("is", "iz"),
    ("our", "or"),
    ("tre", "ter"),
    ("ll", "l"),
    ("yse", "yze"),
    ("ogue", "og"),
    ("ence", "ense"),
)


# Endings the list may lack a word with: "expensing", "rostered", "organised".
_ENDINGS = (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


def ordinary_word(word: str) -> bool:
    """Whether `word` (any case, British or American spelling, with or without an ending
    such as "-s" or "-ing") is in the English dictionary."""
    lower = word.lower()
    stems = [lower] + [
        lower[: -len(ending)] + restored
        for ending, restored in _ENDINGS
        if lower.endswith(ending) and len(lower) - len(ending) >= 3
    ]
    return any(_spelled(stem) for stem in stems)


def _spelled(word: str) -> bool:
    english = _english()
    return (
        word in english
        or word in wordlists.MODERN_WORDS
        or any(
            british in word and word.replace(british, american) in english
            for british, american in _BRITISH
        )
    )


def made_up(word: str, min_letters: int = 5) -> bool:
    """A word of letters (digits allowed) that no dictionary holds and that is not a listed
    first name: "coffeegremlin", "quietfern", "GRUMPYGRAMPS"; never "usual" or "Priya"."""
    return (
        len(word) >= min_letters
        and word.isalnum()
        and any(c.isalpha() for c in word)
        and fold(word).capitalize() not in folded(wordlists.FIRST_NAMES)
        and not ordinary_word(word)
    )


# How often a word must occur in the dictionary's corpus to be common: "company" (160,438),
# "somehow" (64,062), "shift"; while first names that it also holds are rarer: "britney"
# (242), "dave" (2,356), "jasmine" (1,620).
COMMON_WORD_FREQUENCY = 10_000


def common_word(word: str, at_least: int = COMMON_WORD_FREQUENCY) -> bool:
    """Whether `word` is a common English word, far more often a word than anyone's name
    (the dictionary holds names too: "singh", "patel", "tonya")."""
    return _english().word_frequency[word.lower()] >= at_least
