"""The state of one search for people and employers, and the helpers all of its rules use.

A `Scan` holds the words of one text and what has been found so far. The rules (in `names`,
`employers` and `mentions`) read its tokens and record findings through `Scan.add`; a token
taken by an earlier rule is not looked at again (`Scan.free`).
"""

from __future__ import annotations

import re
from functools import cached_property

from . import wordlists
from .contacts import ContactEvidence
from .findings import Finding
from .text import Token, folded, tokenize
from .wordlists import (
    AMBIGUOUS_FIRST_NAMES,
    APPOSITIVE_EMPLOYER_NOUNS,
    APPOSITIVE_NOT_PEOPLE,
    COMPANY_SUFFIXES,
    NAME_PARTICLES,
    ROLE_CUES,
    STOP_WORDS,
)

_ADJECTIVE_ENDINGS = (
    "-based",
    "-owned",
    "-run",
    "-born",
    "-headquartered",
    "-trained",
    "-educated",
)
RUN_WORDS = 6  # at most "First National Bank of Greater Springfield" before a suffix
_STOP_NOT_SUFFIX = STOP_WORDS - COMPANY_SUFFIXES  # "Acme Holdings Ltd" runs through suffixes
# ", our new CTO," / " (my manager)" / ", a Berlin fintech," after a name: the head noun of
# the phrase says person or employer.
_APPOSITIVE = re.compile(
    r"(?:,|[ \t]*\()[ \t]*(?:my|our|the|his|her|their|a|an)[ \t]+"
    r"(?:[\w-]+[ \t]+){0,3}?(?P<noun>[\w-]+)"
    r"(?=[ \t]*[,.;:!?)]|[ \t]+(?:of|at|for|from|in|on|who|that|which|and|with)\b"
    r"|[ \t]+(?:the|we|I|my|our|he|she|they)[ \t])"  # "a firm the VP recommended"
)


class Scan:
    """One text's tokens and findings, with what the rules ask of them."""

    def __init__(self, text: str, contacts: ContactEvidence) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.contacts = contacts
        # Read at each scan, not at import: the benchmark swaps the list.
        self.names = folded(wordlists.FIRST_NAMES)
        self.found: list[Finding] = []
        self.kind_at: dict[int, str] = {}
        self.last_at: dict[int, int] = {}  # token -> last token of the finding it is in
        self.people: set[str] = set()
        self.employers: set[str] = set()
        self.before_employer_words: set[int] = set()
        # Names used as an employer's before a unit noun: "our Initech team".
        self.modifier_runs: set[int] = set()
        self._casual: bool | None = None

    @cached_property
    def token_at(self) -> dict[int, int]:
        """The index of the token starting at each offset: for rules that find a name by a
        pattern over the text ('worked at "Sunny Side Up"')."""
        return {t.start: index for index, t in enumerate(self.tokens)}

    def casual(self) -> bool:
        """Whether the text is written in lowercase ("ok so my coworker ... i said"), where
        names are too; in capitalized text a lowercase word after a role is a noun."""
        if self._casual is None:
            self._casual = any(
                t.word == "i" or (t.initial and t.word.islower()) for t in self.tokens
            )
        return self._casual

    def known(self, t: Token) -> bool:
        """A listed first name that is not also an ordinary word."""
        if t.folded in self.names:
            return t.word not in AMBIGUOUS_FIRST_NAMES
        # "Jean-Baptiste", "Sophie-Anne": two given names joined by a hyphen
        first, _, second = t.folded.partition("-")
        return (
            second[:1].isupper()
            and first in self.names
            and first not in AMBIGUOUS_FIRST_NAMES
            and (second in self.names or second.isalpha())
        )

    def name_word(self, t: Token) -> bool:
        """Capitalized and not a stop word or company suffix, nor a place made an adjective
        ("Seoul-based"): can be (part of) a name."""
        return (
            t.cap
            and t.lower not in STOP_WORDS
            and t.lower not in COMPANY_SUFFIXES
            and not t.lower.endswith(_ADJECTIVE_ENDINGS)
        )

    def joined(self, left: int, right: int) -> bool:
        """Whether two tokens are adjacent words of one name ("Tom Nguyen")."""
        a, b = self.tokens[left], self.tokens[right]
        return self.text[a.end : b.start] in (" ", "\u00a0") and not a.possessive

    def org_joined(self, left: int, right: int) -> bool:
        """Like `joined`, and "&" joins the words of an employer ("Pixel & Pine")."""
        a, b = self.tokens[left], self.tokens[right]
        return self.joined(left, right) or (
            self.text[a.end : b.start] == " & " and not a.possessive and b.cap
        )

    def word_before(self, index: int, distance: int = 1) -> str:
        """The lowercase word `distance` tokens back, if the words in between are close
        (a space, ", " or " (" apart, as a cue and the name after it are)."""
        for step in range(distance):
            right = index - step
            if right < 1:
                return ""
            left = self.tokens[right - 1]
            gap = self.text[left.stop : self.tokens[right].start]
            if gap not in (" ", ", ", " (", "\u00a0") or (step > 0 and gap != " "):
                return ""
        left = self.tokens[index - distance]
        return left.lower + "'s" if left.possessive else left.lower

    def free(self, index: int) -> bool:
        """Not yet part of a finding."""
        return index not in self.kind_at

    def add(self, kind: str, first: int, last: int, end: int | None = None) -> None:
        """Record a finding over tokens `first`..`last` (or on to `end`, past what is not a
        word: "IBEW Local 46") and remember its words, so that other mentions of them are
        found too."""
        start, end = self.tokens[first].start, end or self.tokens[last].end
        if kind == "organization" and end < len(self.text) and self.text[end] == ".":
            after = self.text[end + 1 : end + 3]
            abbreviation = self.tokens[last].lower in ("inc", "corp", "co", "ltd")
            if abbreviation and after[:1] == " " and after[1:2].islower():
                end += 1  # "Monsters Inc. and ...", but not "Virtucon Ltd. My ..."
        self.found.append(Finding(kind, start, end, self.text[start:end]))
        for index in range(first, last + 1):
            self.kind_at[index] = kind
            self.last_at[index] = last
            t = self.tokens[index]
            if kind == "person" and t.lower not in NAME_PARTICLES and len(t.word) > 1:
                self.people.add(t.folded)
        if kind == "organization" and self.tokens[first].lower not in STOP_WORDS:
            self.employers.add(self.tokens[first].word)

    def run_end(self, index: int) -> int:
        """The last token of a run of capitalized words starting at `index`."""
        last = index
        while (
            last - index < RUN_WORDS
            and last + 1 < len(self.tokens)
            and self.org_joined(last, last + 1)
        ):
            t = self.tokens[last + 1]
            ampersand = self.text[self.tokens[last].end : t.start] == " & "
            # A suffix may be lowercase ("Initech inc"), but not a two-letter one: "Initech
            # as a vendor" is not Initech AS.
            suffix = t.lower in COMPANY_SUFFIXES and (len(t.word) > 2 or t.word.isupper())
            if not (t.cap or suffix):
                break
            if t.lower in _STOP_NOT_SUFFIX and not ampersand:
                break  # but "Bright & Early" is one name
            last += 1
        return last

    def run_start(self, last: int, words: int = RUN_WORDS) -> int:
        """The first token of a run of name words ending at `last` (at most `words` words
        back): "Northwind" in "the Northwind Games crunch"."""
        first = last
        while (
            last - first < words
            and first > 0
            and self.org_joined(first - 1, first)
            and self.name_word(self.tokens[first - 1])
        ):
            first -= 1
        return first

    def appositive(self, t: Token) -> str:
        """ "person" or "organization" when a phrase set off after the word says which:
        "Dmitri Volkov, our new CTO," or "Paylio, a Berlin fintech,"."""
        m = _APPOSITIVE.match(self.text, t.stop)
        if not m:
            return ""
        noun = m.group("noun").lower()
        if noun in APPOSITIVE_EMPLOYER_NOUNS:
            return "organization"
        if noun.startswith("co-"):
            noun = noun[3:]  # "Grace, my co-manager at Zambrero,"
        if noun in ROLE_CUES and noun not in APPOSITIVE_NOT_PEOPLE:
            return "person"
        return ""
