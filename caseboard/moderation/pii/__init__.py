"""Find details that could identify someone in a case: contact details, names and employers.

`find_pii(text)` returns `Finding`s for six kinds: `email`, `phone`, `url`, `handle`, `person`
and `organization`; `redact(text, findings)` replaces them with placeholders. The detector is
rule-based on purpose (no model download, no ML) and fast enough to run on every submission:
regexes are compiled and word lists read at import, phone numbers are only handed to
`phonenumbers` for the few digit runs that look like one, and every name rule looks at a
bounded window around a word (about 0.7 ms for a short case, about 7 ms for 2,000 characters
of ordinary text, and linear in the length of any input).

Layout (each module's docstring says how its kinds are found):

- `contacts`: emails, links and handles marked by a sign ("@", "u/", "#"), and what they say
  about names in the same text.
- `usernames`: usernames written bare, told by the words around them.
- `groups`: names of group chats, channels, servers and pages, told by the word for them.
- `dictionary`: whether a word is an ordinary English word (made-up usernames are not).
- `phones`: phone numbers.
- `names`: people.
- `employers`: organizations someone works or worked for.
- `mentions`: runs the people and employer rules in order over a text, and the rules that
  choose between the two (a cued capitalized word, lists, other mentions of a name found).
- `scan`: the state those rules share for one text (tokens, findings so far) and its helpers.
- `text`: tokens with their case and position, and accent folding.
- `findings`: `Finding`, the placeholders, `redact`, and how overlapping findings are settled
  (the kind earlier in `KIND_PRIORITY` wins, then the longer span, then the earlier one).
- `wordlists`: loads every word list from `data/*.txt` (one entry a line, a header comment
  saying what the list is for): first names, stop words, cue words, company suffixes, TLDs…

Capitalized words that are job titles, team words, weekdays, months, tools and products,
places, nationalities or ordinary sentence-initial words are never a name or an employer on
their own (`STOP_WORDS`); all-caps acronyms (PM, OKR, CEO, PIP, PMs) and "I" are never
considered.
"""

from __future__ import annotations

from .contacts import find_emails, find_handles, find_urls
from .employers import hosts_naming_employers, numbered_employers
from .findings import KIND_PRIORITY, PLACEHOLDERS, Finding, redact, resolve_overlaps
from .mentions import find_people_and_employers
from .phones import PHONE_REGIONS, find_phones
from .usernames import find_usernames, is_link
from .wordlists import AMBIGUOUS_FIRST_NAMES, STOP_WORDS

__all__ = [
    "AMBIGUOUS_FIRST_NAMES",
    "KIND_PRIORITY",
    "PHONE_REGIONS",
    "PLACEHOLDERS",
    "STOP_WORDS",
    "Finding",
    "find_pii",
    "redact",
]


def find_pii(text: str) -> list[Finding]:
    """Everything in `text` that may identify someone, sorted by start, non-overlapping."""
    if not text:
        return []
    handles = find_handles(text)
    usernames = find_usernames(text, handles)
    named = {(f.start, f.end) for f in usernames}
    urls = [f for f in find_urls(text) if (f.start, f.end) not in named or is_link(f.text)]
    employer_hosts = hosts_naming_employers(text, urls)
    hosts = {(f.start, f.end) for f in employer_hosts}
    urls = [f for f in urls if (f.start, f.end) not in hosts]
    contacts = find_emails(text) + urls + handles + usernames
    people_and_employers = [
        _username_not_person(f) for f in find_people_and_employers(text, contacts)
    ]
    employers = [f for f in people_and_employers if f.kind == "organization"]
    # A word shaped like a username inside a longer employer's name is part of that name:
    # "an agency called CleanCore Solutions".
    # A group's name of several words is not: "the Barangaroo Crew group chat".
    shaped_only = {f for f in usernames if " " not in f.text and _inside_a_longer(f, employers)}
    candidates = [f for f in contacts if f not in shaped_only] + employer_hosts
    candidates += find_phones(text) + people_and_employers + numbered_employers(text)
    return resolve_overlaps(candidates)


def _inside_a_longer(finding: Finding, others: list[Finding]) -> bool:
    return any(
        o.start <= finding.start and finding.end <= o.end and o.end - o.start > len(finding.text)
        for o in others
    )


def _username_not_person(finding: Finding) -> Finding:
    """A "name" joined by "_" is a username: no one is called "Mod_Kestrel"."""
    if finding.kind == "person" and "_" in finding.text:
        return Finding("handle", finding.start, finding.end, finding.text)
    return finding
