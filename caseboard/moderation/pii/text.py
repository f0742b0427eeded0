"""Text helpers: the words of a text with their offsets, case and position; accent folding."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_CONTRACTION = re.compile(r"['’](?:ll|d|ve|re|m|t)$", re.IGNORECASE)
_SENTENCE_END = frozenset(".!?:;\n\r\t•*|")
_OPENERS = " \"'“‘([{-–—"
_NOT_ALNUM = re.compile(r"[\W_]+")
# A year of the last two centuries: "2024" is a date, never a phone's or a group's number.
YEAR = re.compile(r"(?:19|20)\d\d")


def fold(word: str) -> str:
    """`word` without accents, so that "Sofia" in the list also finds "Sofía" and "Thảo"."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def squash(word: str) -> str:
    """Lowercase letters and digits only: "Larkspur Energy", "larkspur-energy" and
    "larkspurenergy" all become one key."""
    return _NOT_ALNUM.sub("", fold(word).lower())


@functools.lru_cache(maxsize=4)
def folded(names: frozenset[str]) -> frozenset[str]:
    """The accent-free forms of a name list (cached per list, so swapping the list works)."""
    return frozenset(fold(name) for name in names)


@dataclass(slots=True)
class Token:
    """A word of the text and what the rules ask of it."""

    start: int
    end: int  # without a possessive 's
    stop: int  # with it
    word: str
    lower: str
    folded: str
    cap: bool
    initial: bool
    possessive: bool


def tokenize(text: str) -> list[Token]:
    """Words with their offsets, case and position: whether each is capitalized (not an
    acronym, "I" or a contraction), starts a sentence, or is possessive ("Sarah's")."""
    tokens = []
    for m in _TOKEN.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        possessive = False
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            word, end, possessive = word[:-2], end - 2, True
        cap = len(word) > 1 and word[0].isupper() and not word.isupper()
        if cap and (_CONTRACTION.search(word) or (word[-1] == "s" and word[:-1].isupper())):
            cap = False  # "I'll", "Don't", "We've"; "PMs", "OKRs"
        position = start - 1
        while position >= 0 and text[position] in _OPENERS:
            position -= 1
        initial = position < 0 or text[position] in _SENTENCE_END
        tokens.append(
            Token(start, end, m.end(), word, word.lower(), fold(word), cap, initial, possessive)
        )
    return tokens
