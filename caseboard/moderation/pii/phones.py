"""Phone numbers, found by `phonenumbers` among the digit runs that could be one.

Digit runs with 7 to 15 digits are checked with `phonenumbers.PhoneNumberMatcher` (leniency
VALID) for the regions in `PHONE_REGIONS`; international `+` forms that are only *possible*
(e.g. a fictional range) count too, as does a number written in the North American way
("555-867-5309", "(312) 555 0147"), and a seven-digit local number ("555-0147") when the
sentence speaks of a phone ("my cell, 555-0147"). An extension ("ext 301", "x301") is part
of the number, and one on its own ("ext. 4417") is a phone. Numbers spelled out, wholly or in
part ("07700 nine one two 443"), count too. Runs that read as dates, times, money,
percentages, ranges of round numbers, ticket ids ("JIRA-1234") or versions are skipped. Only
the few runs that pass these checks are handed to `phonenumbers`, and its answer is cached
per run.
"""

from __future__ import annotations

import functools
import re

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from .findings import Finding
from .text import YEAR
from .wordlists import NUMBER_LABELS, PHONE_CUE_WORDS, alternation

# Regions whose national forms count anywhere; any other region's count where the sentence
# speaks of a phone (_match_phone_anywhere), for at most ANYWHERE_LOOKUPS runs a text.
PHONE_REGIONS = ("US", "GB", "DE", "FR", "IN", "AU", "CA")
_ALL_REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)
ANYWHERE_LOOKUPS = 10

# A run never ends right before ":30", so "2024-03-15 12:30" stays a date and a time.
_PHONE_RUN = re.compile(r"(?<![\w.,/#-])(?:\+\s?)?\(?\d[\d \t().\-/]{5,24}\d(?!\d|[.,:]\d)")
_DIGIT_GROUP = re.compile(r"\d+")
# "2024-2025", "2024-03-15", "15.03.2024": a date or a range of years, and a code of that
# shape ("4471-2209-18"); not a mobile number in three groups after its trunk zero
# ("0912-555-608", "0812-5555-6190").
_DATE_LIKE = re.compile(
    r"\d{4}\s*[-–/.]\s*\d{1,4}|[1-9]\d{3}\s*[-–/.]\s*\d{1,4}\s*[-–/.]\s*\d{1,4}"
    r"|\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}|(?:19|20)\d{6}"
)
_MONEY_BEFORE = re.compile(r"(?:[$€£¥₹]|\b(?:USD|EUR|GBP|INR|CAD|AUD))\s*$")
_AFTER_NUMBER = re.compile(
    r"^\s*(?:%|(?:percent|per\s?cent|USD|EUR|GBP|dollars|euros|pounds|[kKmM]|million|billion"
    r"|ms|MB|GB|TB|px|rpm|rps|qps|users|requests|words|lines|rows|hours|days|weeks|years)\b)"
)
# "ext 301", "ext. 12", "x301", "/ x2231": an extension belongs to the number it follows.
_EXTENSION = re.compile(
    r"[ \t]*[,/]?[ \t]*(?:(?:ext|extn|extension)\.?[ \t]*|x)\d{1,6}(?![\w.,]\d|\w)",
    re.IGNORECASE,
)
# "555-0147": a North American number without its area code, read as one only where the text
# speaks of a phone ("my cell, 555-0147"), since such a run is also a range or a code.
_LOCAL_NUMBER = re.compile(r"[2-9]\d{2}[-. ]\d{4}")
# "555-867-5309", "(312) 555 0147", "312 5550147": a North American number written as one,
# with its area code set apart, counts even where its range is fictional or unassigned, as
# the 555 numbers of films and of examples are.
_NORTH_AMERICAN = re.compile(r"\(?[2-9]\d{2}(?:\)[ ]?|[-. ])[2-9]\d{2}[-. ]?\d{4}")
# "(21) 99876-5432", "(02) 8651-7800": an area code in brackets, then the number in two
# groups, as Brazil, the Philippines and others write one; no date or amount looks like it.
_BRACKETED_AREA_CODE = re.compile(r"\(\d{2,3}\) ?\d{4,5}-\d{4}")
# "her work line", "my direct line"; not a bare "line" ("line 555-0147 of the log").
_PHONE_WORDS = re.compile(
    rf"\b(?:{alternation(PHONE_CUE_WORDS)}|(?:work|direct|office|desk|personal)\s+line)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.!?;\n]\s")
# "text HOME to 741741", "call the ministry on 80060", "DOLE hotline is 1349": a short service
# number, right after talk of calling it; not a year or a round number.
_SHORT_NUMBER = re.compile(r"(?<![\w.,/#$£€-])(?:\d{4,6}|13 \d\d \d\d)(?![\w/-]|[.,:]\d)")
_CALL_BEFORE = re.compile(
    r"\b(?:call(?:ed)?|r[iau]ng|text(?:ed)?|dial(?:led)?|phoned?|hotline|helpline)\b"
    r"[^.?!\n\d]{0,40}$",
    re.IGNORECASE,
)


# "seven one three, five five five, zero one nine two", "07700 nine one two 443", "oh seven
# seven double oh": a number spelled out, wholly or in part, to slip past filters. A piece is
# a digit word, "double" or "triple" before one, or a group of digits; a run of pieces counts
# when it holds at least two digit words, seven digits or more in all, and no year.
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_NUMBER_PIECE = rf"(?:(?:double|triple)[ \t-]+{_DIGIT_WORD}|{_DIGIT_WORD}|\d{{1,5}})"
_SPELLED_NUMBER = re.compile(
    rf"(?<![\w.,/#$£€-]){_NUMBER_PIECE}(?:(?:[ \t]*[,-][ \t]*|[ \t]+){_NUMBER_PIECE}){{1,14}}\b",
    re.IGNORECASE,
)
_SPELLED_DIGIT = re.compile(rf"\b(?:(double|triple)[ \t-]+)?{_DIGIT_WORD}\b", re.IGNORECASE)
_REPEATS = {None: 1, "double": 2, "triple": 3}


def _spelled_numbers(text: str) -> list[Finding]:
    found = []
    for m in _SPELLED_NUMBER.finditer(text):
        number = m.group().rstrip(" \t,-")
        words = list(_SPELLED_DIGIT.finditer(number))
        spelled = sum(_REPEATS[w.group(1) and w.group(1).lower()] for w in words)
        groups = _DIGIT_GROUP.findall(number)
        if any(YEAR.fullmatch(group) for group in groups):
            continue  # "in 2020 one two three people left"
        if len(words) >= 2 and spelled + sum(map(len, groups)) >= 7:
            found.append(Finding("phone", m.start(), m.start() + len(number), number))
    return found


def _short_numbers(text: str) -> list[Finding]:
    return [
        Finding("phone", m.start(), m.end(), m.group())
        for m in _SHORT_NUMBER.finditer(text)
        if not YEAR.fullmatch(m.group())
        and not m.group().endswith("00")
        and _CALL_BEFORE.search(text, max(0, m.start() - 50), m.start())
    ]


# "my desk phone extension (ext. 4417)": an extension on its own reaches one person's desk.
# "x301" counts only after a number (_EXTENSION): alone it is as often a codec or a size.
_BARE_EXTENSION = re.compile(
    r"\b(?:ext|extn)\.?[ \t]*\d{2,6}\b|\bextension[ \t]+\d{3,6}\b", re.IGNORECASE
)


def _bare_extensions(text: str) -> list[Finding]:
    return [Finding("phone", m.start(), m.end(), m.group()) for m in _BARE_EXTENSION.finditer(text)]


# A label, a ticket key or "#" before the run ("ticket 555 0147", "JIRA-1234"): an id.
_ID_BEFORE = re.compile(
    rf"(?:\b[A-Za-z]+-|#|\b(?:{alternation(NUMBER_LABELS)})\.?\s*)$", re.IGNORECASE
)


def find_phones(text: str) -> list[Finding]:
    found = _short_numbers(text) + _spelled_numbers(text) + _bare_extensions(text)
    lookups_left = ANYWHERE_LOOKUPS
    for m in _PHONE_RUN.finditer(text):
        run = m.group()
        digits = sum(c.isdigit() for c in run)
        groups = _DIGIT_GROUP.findall(run)
        if not 7 <= digits <= 15 or len(groups) > 7 or sum(len(g) == 1 for g in groups) > 2:
            continue
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() : m.end() + 12]
        # A "+" starts a number in international form, never an id ("liga no +55 11 ...").
        if _MONEY_BEFORE.search(before) or (run[0] != "+" and _ID_BEFORE.search(before)):
            continue
        if _AFTER_NUMBER.match(after) or _DATE_LIKE.fullmatch(run.strip("() ")):
            continue
        match = _match_phone(run)
        if match is None and (
            _north_american(run)
            or _BRACKETED_AREA_CODE.fullmatch(run)
            or _local_number(text, m.start(), run)
        ):
            match = (0, len(run))
        if match is None and lookups_left and _spoken_of_as_phone(text, m.start()):
            lookups_left -= 1
            match = _match_phone_anywhere(run)
        if match is not None:
            start, end = m.start() + match[0], m.start() + match[1]
            if text[start] == "(" and ")" not in text[start:end]:
                start += 1
            extension = _EXTENSION.match(text, end)
            if extension:
                end = extension.end()
            found.append(Finding("phone", start, end, text[start:end]))
    return found


def _north_american(run: str) -> bool:
    """Whether `run` is written as a North American number, and not as a range of round
    numbers ("200-300-4000")."""
    return bool(_NORTH_AMERICAN.fullmatch(run)) and not run.endswith("000")


def _local_number(text: str, start: int, run: str) -> bool:
    """Whether `run` is a seven-digit local number ("555-0147") that the words before it
    present as a phone number."""
    if not _LOCAL_NUMBER.fullmatch(run):
        return False
    exchange, line = run[:3], run[4:]
    if line.endswith("000") or (exchange.endswith("0") and line.endswith("00")):
        return False  # "200-3000", "100-1000": a range of round numbers
    # 555 is the exchange of films' and examples' phone numbers: it reads as one anywhere.
    return exchange == "555" or _spoken_of_as_phone(text, start)


def _spoken_of_as_phone(text: str, start: int) -> bool:
    """Whether the words just before `start`, in the same sentence, speak of a phone ("my
    cell", "call me on", "WhatsApp")."""
    window = max(0, start - 40)
    for clause in _CLAUSE_END.finditer(text, window, start):
        window = clause.end()  # the cue must be in the same sentence
    return bool(_PHONE_WORDS.search(text, window, start))


@functools.lru_cache(maxsize=256)
def _match_phone_anywhere(run: str) -> tuple[int, int] | None:
    """Where `run` is a number valid in any region `phonenumbers` knows, written as that
    region writes it ("0803 123 4567" in Nigeria, "090-1234-5678" in Japan). Only asked for
    a run the sentence presents as a phone: nearly any run of digits is valid somewhere.
    About 2 ms a run once the regions' data is loaded."""
    for region in _ALL_REGIONS:
        try:
            number = phonenumbers.parse(run, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return 0, len(run.rstrip(" \t-./("))
    return None


@functools.lru_cache(maxsize=1024)
def _match_phone(run: str) -> tuple[int, int] | None:
    """Where `run` holds a phone number, per `phonenumbers` (cached: a text that repeats one
    number, or a table of them, costs one look-up per distinct run)."""
    regions = (None,) if run.startswith("+") else PHONE_REGIONS
    for region in regions:
        for match in PhoneNumberMatcher(run, region or "US", leniency=Leniency.VALID):
            return match.start, match.end
    if run.startswith("+"):
        # "+44 7700 900456": a number in international form is identifying even when its
        # range is not allocated (yet), so a merely possible number counts.
        try:
            number = phonenumbers.parse(run, None)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_possible_number(number):
            return 0, len(run.rstrip(" \t-./("))
    return None
