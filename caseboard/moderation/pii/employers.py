"""Employers: the rules that find an organization someone works or worked for.

- Capitalized words ending in a company suffix ("Initech LLC", "Globex Corporation", "Acme
  Corp", "Cyberdyne Robotics"; "Larkspur Energy" only inside a sentence).
- Capitalized words after an employer cue ("at X", "work for X", "our client X", "joined X",
  "left X", "anyone from X", "offers from X", "applied to X", "a startup called X"), before
  one ("the Datadog offer", "Zentrix's CEO", "Paylio, a Berlin fintech,", "Quantix acquired
  ...", "Zentrix went bust").
- Capitalized names joined by " & " ("Lumen & Hale", "Brandt & Söhne").
- Capitalized words used as a modifier of a part of an organization, or of a dealing with
  one, after a determiner or as a possessive: "our Initech team", "the Shopify checkout
  team", "our Atlassian rep", "a Globex engagement", "Hooli's promo committee".
- A capitalized phrase spelling the domain of an email in the same text ("Larkspur Energy"
  and ethics@larkspur-energy.com).

"&" joins an employer's name ("Pixel & Pine"). Companies named like their tools (Slack, Zoom,
Stripe) need a cue that speaks of a job ("interviewing at Stripe"); big employers named like
their products (Google, Amazon) need a strong cue ("joined Amazon").
"""

from __future__ import annotations

import re

from .scan import RUN_WORDS, Scan
from .text import Token, squash
from .wordlists import (
    COMPANY_SUFFIXES,
    EMPLOYER_CUE_PHRASES,
    EMPLOYER_CUE_WORDS,
    EMPLOYER_OWNED_NOUNS,
    EMPLOYER_UNIT_NOUNS,
    EMPLOYER_WORDS_AFTER,
    GENERIC_MODIFIERS,
    JOB_WORDS,
    NOT_AFTER_EMPLOYER,
    NOT_FIRM_WORDS,
    NOUN_EMPLOYER_CUES,
    PRODUCT_COMPANIES,
    STOP_WORDS,
    STRONG_EMPLOYER_CUES,
    TOOL_COMPANIES,
    WEAK_COMPANY_SUFFIXES,
    WORKPLACE_ACRONYMS,
)

_STOP_NOT_COMPANY = STOP_WORDS - PRODUCT_COMPANIES  # "Google Cloud Services" keeps "Google"
# After a capitalized word: what only an employer does. "Quantix acquired Lumos", "Zentrix
# went bust", "Paylio laid off 30%".
_EMPLOYER_VERB_AFTER = re.compile(
    r"[ \t]+(?:acquired|laid[ \t]+off|went[ \t]+(?:public|bust|under)|shut[ \t]+down|pivoted"
    r"|rebranded|announced[ \t]+layoffs|filed[ \t]+for|raised[ \t]+(?:a|an|\$|\d|its|their))\b"
)


def suffixed_employers(scan: Scan) -> None:
    """Capitalized words ending in a company suffix: "Blue Yonder Logistics Ltd",
    "Acme Corp", "Cyberdyne Robotics"; "Larkspur Energy" only inside a sentence."""
    tokens = scan.tokens
    for index, t in enumerate(tokens):
        weak = t.lower in WEAK_COMPANY_SUFFIXES
        if index == 0 or not (t.lower in COMPANY_SUFFIXES or weak) or not scan.free(index):
            continue
        if not (t.word[0].isupper() or t.word == "plc"):
            continue
        nxt = index + 1
        if nxt < len(tokens) and scan.joined(index, nxt):
            if tokens[nxt].lower in NOT_AFTER_EMPLOYER:
                continue
            if tokens[nxt].lower in COMPANY_SUFFIXES and tokens[nxt].word[0].isupper():
                continue  # "Acme Holdings Ltd": the last suffix ends the name
        first = _suffix_run_start(scan, index)
        distinctive = [
            tokens[i]
            for i in range(first, index)
            if tokens[i].lower in PRODUCT_COMPANIES
            or (tokens[i].lower not in STOP_WORDS and tokens[i].lower not in COMPANY_SUFFIXES)
        ]
        if not distinctive:
            continue
        while tokens[first].lower in _STOP_NOT_COMPANY:
            first += 1
        if weak and (
            tokens[first].initial
            or any(tokens[i].lower in GENERIC_MODIFIERS for i in range(first, index))
        ):
            continue
        scan.add("organization", first, index)


def ampersand_employers(scan: Scan) -> None:
    """Capitalized names joined by " & " inside a sentence: a firm, an agency or a shop
    ("Lumen & Hale", "Brandt & Söhne", "Pixel & Pine"); two people are joined by "and", and
    departments and programmes ("Health & Safety") are not firms."""
    tokens = scan.tokens
    for index in range(len(tokens) - 1):
        left, right = tokens[index], tokens[index + 1]
        if scan.text[left.end : right.start] != " & " or left.possessive:
            continue
        if not (scan.name_word(left) and scan.name_word(right) and scan.free(index)):
            continue
        if left.initial or {left.lower, right.lower} & NOT_FIRM_WORDS:
            continue  # "Health & Safety training is mandatory"
        first = scan.run_start(index)
        if first > 0 and scan.word_before(first) == "the" and tokens[first - 1].cap:
            first -= 1  # "The Copper & Co": the article is part of the name
        scan.add("organization", first, scan.run_end(index))


def _suffix_run_start(scan: Scan, index: int) -> int:
    """The first capitalized word of the name that the suffix at `index` ends."""
    first = index
    while (
        index - first < RUN_WORDS
        and first > 0
        and scan.org_joined(first - 1, first)
        and scan.free(first - 1)
    ):
        previous = scan.tokens[first - 1]
        acronym = previous.word.isupper() and len(previous.word) > 2
        if not (previous.cap or acronym) or previous.word in ("The", "A", "An"):
            break
        if previous.initial and previous.lower in STOP_WORDS:
            break
        first -= 1
    return first


def employers_named_by_domains(scan: Scan) -> None:
    """A capitalized phrase that spells an email domain of the same text is the employer:
    "Larkspur Energy has 9,000 employees" with ethics@corp.larkspur-energy.com."""
    if not scan.contacts.domains:
        return
    tokens = scan.tokens
    for index, t in enumerate(tokens):
        if not (scan.free(index) and t.cap) or t.lower in STOP_WORDS or scan.known(t):
            continue
        key, best = "", -1
        for last in range(index, min(index + 3, len(tokens))):
            if last > index and not (scan.org_joined(last - 1, last) and scan.free(last)):
                break
            if not tokens[last].cap:
                break
            key += squash(tokens[last].word)
            if key in scan.contacts.domains:
                best = last
        if best >= 0:
            scan.add("organization", index, best)


def runs_before_employer_words(scan: Scan) -> set[int]:
    """First tokens of capitalized runs right before an employer noun: "Datadog" in "the
    Datadog offer", "Larkspur" in "my Larkspur Energy interview"."""
    firsts = set()
    for index, t in enumerate(scan.tokens):
        if t.lower not in EMPLOYER_WORDS_AFTER or index == 0 or not scan.joined(index - 1, index):
            continue
        first = scan.run_start(index - 1, RUN_WORDS - 1)
        if scan.tokens[first].cap:
            firsts.add(first)
    return firsts


# Before a name used as a modifier: "the", "our Initech team", "a Globex engagement".
_DETERMINERS = frozenset({"the", "our", "my", "their", "his", "her", "your", "a", "an"})
# Lowercase words that may come between the name and its unit noun: "checkout" in "the
# Shopify checkout team", "promo" in "Hooli's promo committee"; never a small word, which
# starts another phrase ("a Discord for our team").
_UNIT_GAP_WORDS = 2
_NOT_BETWEEN = _DETERMINERS | {"for", "of", "to", "in", "on", "at", "with", "and", "or", "by"}


def runs_before_unit_nouns(scan: Scan) -> set[int]:
    """First tokens of capitalized runs used as an employer's name before a word for a part
    of it, or a dealing with it: "our Initech team", "the Shopify checkout team", "our
    Atlassian rep", "a Globex engagement", "Hooli's promo committee". The run follows a
    determiner or is possessive, so a team named at a sentence's start ("Platform team
    said") is not taken, and team words themselves (Platform, Design) are stop words."""
    tokens = scan.tokens
    firsts = set()
    for index, t in enumerate(tokens):
        if t.lower not in EMPLOYER_UNIT_NOUNS:
            continue
        last, between = index - 1, 0
        while (
            last > 0
            and between < _UNIT_GAP_WORDS
            and tokens[last].word.islower()
            and tokens[last].lower not in _NOT_BETWEEN
            and _next_to(scan, last, last + 1)
        ):
            last, between = last - 1, between + 1
        if last < 0 or not tokens[last].cap or not _next_to(scan, last, last + 1):
            continue
        first = scan.run_start(last)
        if tokens[last].possessive or scan.word_before(first) in _DETERMINERS:
            firsts.add(first)
    return firsts


def _next_to(scan: Scan, left: int, right: int) -> bool:
    """One space apart, a possessive on the left allowed ("Hooli's promo")."""
    return scan.text[scan.tokens[left].stop : scan.tokens[right].start] in (" ", "\u00a0")


def employer_by_cue(scan: Scan, index: int) -> bool:
    """Employers after a cue ("at Initech", "our client, Globex", "anyone from Hooli",
    "joined Amazon") or before one ("the Datadog offer")."""
    t = scan.tokens[index]
    if t.folded in scan.names:
        return False
    if t.possessive or scan.appositive(t) == "organization":
        return _employer_with_own_cue(scan, index)
    if _EMPLOYER_VERB_AFTER.match(scan.text, t.stop):
        return _employer_with_own_cue(scan, index)
    before, before2 = scan.word_before(index), scan.word_before(index, 2)
    cue = (
        before if before in EMPLOYER_CUE_WORDS or (before2, before) in EMPLOYER_CUE_PHRASES else ""
    )
    if cue in NOUN_EMPLOYER_CUES and not scan.tokens[index - 1].word.islower():
        cue = ""  # "Customer Advisory Board" is a name, not a cue and a name
    job_cue = cue in ("from", "employer", "for", "at") or before2 in JOB_WORDS
    strong = job_cue if t.lower in TOOL_COMPANIES else job_cue or cue in STRONG_EMPLOYER_CUES
    as_modifier = index in scan.modifier_runs  # "our Initech team"
    if cue and t.word == "The" and not t.initial and _name_follows(scan, index):
        scan.add("organization", index, scan.run_end(index + 1))  # "at The Copper Pot"
        return True
    if not cue:
        if (index not in scan.before_employer_words and not as_modifier) or t.initial:
            return False
        strong = True  # "the Datadog offer"
    if t.lower in PRODUCT_COMPANIES and strong:
        scan.add("organization", index, index)
        return True
    if not scan.name_word(t):
        return False
    last = scan.run_end(index)
    team_word_after = (
        last + 1 < len(scan.tokens) and scan.tokens[last + 1].lower in NOT_AFTER_EMPLOYER
    )
    if team_word_after and not as_modifier:  # "joined the Data Analytics team"
        return True
    scan.add("organization", index, last)
    return True


def _name_follows(scan: Scan, index: int) -> bool:
    """Whether a name word comes right after the word at `index`."""
    nxt = index + 1
    return nxt < len(scan.tokens) and scan.joined(index, nxt) and scan.name_word(scan.tokens[nxt])


def employer_acronym(t: Token) -> bool:
    """An all-caps word that may be an employer's name (IBM, KPMG), not shorthand (EOD, HR)."""
    return (
        t.word.isupper()
        and 2 <= len(t.word) <= 6
        and t.word.isalpha()
        and t.lower not in WORKPLACE_ACRONYMS
    )


def acronym_employers(scan: Scan) -> None:
    """All-caps names after an employer cue or before what only an employer does or has:
    "After IBM acquired us", "our biggest client, QVX,", "an offer from KPMG", "IBM's
    layoffs"; never workplace shorthand ("at EOD", "from HR", "the QA team")."""
    tokens = scan.tokens
    for index, t in enumerate(tokens):
        if not employer_acronym(t) or not scan.free(index):
            continue
        before, before2 = scan.word_before(index), scan.word_before(index, 2)
        nxt = index + 1
        owned = nxt < len(tokens) and tokens[nxt].lower in EMPLOYER_OWNED_NOUNS
        if (
            before in EMPLOYER_CUE_WORDS
            or (before2, before) in EMPLOYER_CUE_PHRASES
            or (t.possessive and owned)
            or _EMPLOYER_VERB_AFTER.match(scan.text, t.stop)
        ):
            scan.add("organization", index, index)


def _employer_with_own_cue(scan: Scan, index: int) -> bool:
    """ "Zentrix's CEO", "Paylio, a Berlin fintech", "Quantix acquired ...": what follows
    the word says employer."""
    t = scan.tokens[index]
    if t.possessive:
        nxt = index + 1
        owned = nxt < len(scan.tokens) and scan.tokens[nxt].lower in EMPLOYER_OWNED_NOUNS
        if not owned and index not in scan.modifier_runs:  # "Hooli's promo committee"
            return False
        if t.lower in PRODUCT_COMPANIES:  # "Google's offer"
            scan.add("organization", index, index)
            return True
    if not scan.name_word(t):
        return False
    scan.add("organization", index, index)
    return True
