"""People and employers together: the order their rules run in, and the rules that choose
between the two kinds.

The rules run in a fixed order and a word taken by one is not looked at again: first the
employers whose evidence is their own shape or a phrase around them (a company suffix, a
listed name, a union's local, "called X" after a word for an organization, "Company is X",
a name in brackets after one, an email domain), then people named by a mailbox, after a
title or in quotes as a nickname, then each remaining capitalized word (an employer when a
cue says so, else a person when it is a listed first name or a cue says so), employers in
capitals and in lowercase, listed names written in lowercase, lists, and last the other
mentions of everything found.

- lists: capitalized words in one list ("A, B, C and D", "X or Y") share a kind: people when
  one of them is a person, "me" is among them, or a group of people is named just before
  ("The panel was ...", "including ..."); employers when one of them is an employer.
- other mentions: once a name or employer has been found, its other mentions in the same text
  are found too ("Globex ... Globex is upset", "Karthik's wife", "priya. priya keeps").
"""

from __future__ import annotations

from .contacts import contact_evidence
from .employers import (
    acronym_employers,
    ampersand_employers,
    bodies_asked_about,
    chain_employers,
    described_employers,
    employer_acronym,
    employer_by_cue,
    employers_called,
    employers_in_other_languages,
    employers_named_as_such,
    employers_named_by_domains,
    former_employers,
    headed_names,
    institutions,
    lowercase_employers,
    named_after_comma,
    named_inside_parentheses,
    parenthesized_employers,
    platforms_worked_on,
    possessive_businesses,
    public_bodies,
    quoted_employers,
    runs_before_employer_words,
    runs_before_unit_nouns,
    saint_institutions,
    suffixed_employers,
    union_locals,
    well_known_employers,
)
from .findings import Finding
from .names import (
    PLACE_PREPOSITIONS,
    does_what_people_do,
    lowercase_names,
    name_end,
    people_named_by_mailboxes,
    person_cue,
    quoted_nicknames,
    strong_person_cue,
    titled_people,
)
from .scan import Scan
from .wordlists import (
    AMBIGUOUS_FIRST_NAMES,
    COMPANY_SUFFIXES,
    JOB_WORDS,
    LOWERCASE_WORDS,
    NOT_PEOPLE_GROUPS,
    PEOPLE_GROUPS,
    PRODUCT_COMPANIES,
    STOP_WORDS,
    TITLES,
)

_LIST_CUE_WORDS = 6  # how far back before a list a group of people may be named
_LIST_GAPS = frozenset({", ", " & ", ", & "})
_CONJUNCTIONS = frozenset({"and", "or"})
_SELF = frozenset({"me", "myself", "i"})
_PLACE_PREFIXES = frozenset({"San", "Santa", "Santo", "São", "St", "Saint", "Los", "Las", "Port"})
_TITLE_OPENERS = frozenset({"my", "our", "the", "a", "an", "his", "her", "their", "your"})


def find_people_and_employers(text: str, contact_findings: list[Finding]) -> list[Finding]:
    """People and employers in `text`, using the emails and handles found in it as evidence."""
    scan = Scan(text, contact_evidence(contact_findings))
    saint_institutions(scan)
    suffixed_employers(scan)
    union_locals(scan)  # before the list: "Unite Here Local 54", not "Unite Here"
    well_known_employers(scan)
    chain_employers(scan)
    former_employers(scan)
    institutions(scan)
    public_bodies(scan)
    headed_names(scan)
    employers_called(scan)
    described_employers(scan)
    possessive_businesses(scan)
    parenthesized_employers(scan)
    named_inside_parentheses(scan)
    quoted_employers(scan)
    employers_named_as_such(scan)
    named_after_comma(scan)
    ampersand_employers(scan)
    employers_in_other_languages(scan)
    platforms_worked_on(scan)
    employers_named_by_domains(scan)
    people_named_by_mailboxes(scan)
    titled_people(scan)
    quoted_nicknames(scan)
    scan.before_employer_words = runs_before_employer_words(scan)
    scan.modifier_runs = runs_before_unit_nouns(scan)
    _cued_words(scan)
    acronym_employers(scan)
    bodies_asked_about(scan)
    lowercase_employers(scan)
    lowercase_names(scan)
    _lists(scan)
    _other_mentions(scan)
    return scan.found


def _stop_words_joined(word: str) -> bool:
    """Different stop words joined by "-": "Japanese-English"; not a nickname ("Jun-Jun")."""
    parts = word.split("-")
    return len(set(parts)) > 1 and all(part in STOP_WORDS for part in parts)


def _cued_words(scan: Scan) -> None:
    """Each capitalized word: an employer after a cue, else a person when it is a known
    first name or a cue says so."""
    for index, t in enumerate(scan.tokens):
        if not scan.free(index) or not t.cap:
            continue
        if employer_by_cue(scan, index):
            continue
        if t.word in scan.employers and not scan.known(t):
            continue  # "Gerry says Sisk owes him" after "Main contractor is Sisk": the firm
        if (
            index
            and scan.tokens[index - 1].word in _PLACE_PREFIXES
            and scan.text[scan.tokens[index - 1].stop : t.start] in (" ", ". ")
        ):
            continue  # "San Diego", "St. Louis", "Santa Clara": a place
        if t.lower in STOP_WORDS or t.lower in TITLES or _stop_words_joined(t.lower):
            if t.word in AMBIGUOUS_FIRST_NAMES and strong_person_cue(scan, index):
                scan.add("person", index, name_end(scan, index))
            continue
        if t.lower in JOB_WORDS and _job_not_name(scan, index):
            continue  # "the Charge Nurse", "My Supervisor": a job, not "my coworker Porter"
        last = name_end(scan, index)
        if scan.known(t):
            scan.add("person", index, last)
        elif t.lower in COMPANY_SUFFIXES:
            continue
        elif person_cue(scan, index) or (t.word in AMBIGUOUS_FIRST_NAMES and last > index):
            scan.add("person", index, last)
        elif (
            t.word in AMBIGUOUS_FIRST_NAMES
            and not t.initial
            and does_what_people_do(scan, index)
            and not _determined(scan, index)
        ):
            scan.add("person", index, last)  # "we work at Hooters and Destiny has been taking"


def _determined(scan: Scan, index: int) -> bool:
    """Whether an article or a possessive comes right before: "the Victoria has", "my
    uncle's Will was read" speak of a thing."""
    before = scan.word_before(index)
    return before in ("the", "a", "an", "this", "that") or before.endswith("'s")


def _job_not_name(scan: Scan, index: int) -> bool:
    """Whether a capitalized job word is a job, not a name: after another capitalized word
    ("Charge Nurse"), a determiner ("My Supervisor") or at a sentence's start ("Coworker
    said I was deflecting")."""
    if scan.tokens[index].initial:
        return True
    if index == 0:
        return False
    previous = scan.tokens[index - 1]
    return scan.joined(index - 1, index) and (previous.cap or previous.lower in _TITLE_OPENERS)


def _lists(scan: Scan) -> None:
    """A list of capitalized words is of one kind: "Karthik, Meenakshi, Sofía, Wojtek,
    and me" are all people once one of them is a known name (or "me" is in it), and "from
    Shopify or Atlassian" are both employers once one is."""
    index = 0
    while index < len(scan.tokens):
        items, conjunction = _list_at(scan, index)
        if len(items) >= 3 or (len(items) == 2 and conjunction):
            _label_list(scan, items)
            index = items[-1][1] + 1
        else:
            index += 1


def _list_at(scan: Scan, index: int) -> tuple[list[tuple[int, int]], bool]:
    """The items (first, last token) of a list starting at `index`, and whether it has
    an "and"/"or"."""
    tokens, items, conjunction = scan.tokens, [], False
    first = index
    while first < len(tokens):
        t = tokens[first]
        if t.lower in _SELF and not t.cap:
            last = first
        elif t.cap or scan.kind_at.get(first) == "organization":  # "the NHS and Capita"
            last = _item_end(scan, first)
        else:
            break
        items.append((first, last))
        nxt = last + 1
        if nxt >= len(tokens) or tokens[last].possessive:
            break
        gap = scan.text[tokens[last].stop : tokens[nxt].start]
        if gap in (" ", ", ") and tokens[nxt].lower in _CONJUNCTIONS:
            if nxt + 1 >= len(tokens) or scan.text[tokens[nxt].stop : tokens[nxt + 1].start] != " ":
                break
            conjunction, first = True, nxt + 1
        elif gap in _LIST_GAPS:
            conjunction = conjunction or "&" in gap
            first = nxt
        else:
            break
    return items, conjunction


def _item_end(scan: Scan, first: int) -> int:
    """The last token of a list item: of the finding it starts, or of its capitalized run."""
    return scan.last_at[first] if first in scan.last_at else scan.run_end(first)


def _people_group_before(scan: Scan, first: int) -> bool:
    """Whether the words just before a list (same sentence) name a group of people."""
    group = False
    for index in range(first - 1, max(-1, first - 1 - _LIST_CUE_WORDS), -1):
        t, after = scan.tokens[index], scan.tokens[index + 1]
        if after.initial and not scan.text[t.stop : after.start].rstrip().endswith(":"):
            break  # "Team list for the offsite: Karthik, ..." looks back past a colon only
        if t.lower in NOT_PEOPLE_GROUPS:
            return False
        group = group or t.lower in PEOPLE_GROUPS
    return group


def _label_list(scan: Scan, items: list[tuple[int, int]]) -> None:
    """Give every item the list's kind: people when an item is a person, "me" is among
    two or more names, or a group of people is named just before; else employers when
    an item is one. Stop words and tools in the list stay unlabelled."""
    kinds = {scan.kind_at.get(first) for first, _ in items}
    selves = sum(scan.tokens[first].lower in _SELF for first, _ in items)
    if "person" in kinds or (selves and len(items) - selves > 1):
        kind = "person"
    elif "organization" in kinds:
        kind = "organization"
    elif _people_group_before(scan, items[0][0]):
        kind = "person"
    else:
        return
    for first, last in items:
        t = scan.tokens[first]
        if not scan.free(first) or not t.cap or t.lower in _SELF or t.lower in TITLES:
            continue  # "Brightwell Dental and Dr. Kaur": the title is not an employer
        if t.lower in JOB_WORDS:
            continue  # "Pharmacist, Walgreens, Ohio.": a job before its employer
        if kind == "person" and scan.name_word(t) and t.lower not in PRODUCT_COMPANIES:
            scan.add("person", first, name_end(scan, first))
        elif kind == "organization" and t.folded not in scan.names and scan.name_word(t):
            scan.add("organization", first, last)
        elif kind == "organization" and t.lower in PRODUCT_COMPANIES:
            scan.add("organization", first, first)


def _other_mentions(scan: Scan) -> None:
    """Other mentions of a name or employer already found, before or after, possessive
    or not: "... Globex is upset", "Karthik's wife", "priya. priya keeps"."""
    lower_people = {
        name.lower()
        for name in scan.people
        if name.islower()
        or (
            name in scan.names
            and name not in AMBIGUOUS_FIRST_NAMES
            and name.lower() not in LOWERCASE_WORDS
            and name.lower() not in STOP_WORDS
        )
    }
    for index, t in enumerate(scan.tokens):
        if not scan.free(index):
            continue
        if t.cap and t.folded in scan.people:
            if (
                t.initial
                and t.word in AMBIGUOUS_FIRST_NAMES
                and not (t.possessive or does_what_people_do(scan, index))
            ):
                continue  # "Will it work?" after "my coworker Will"; but "Hope is great"
            if t.lower in STOP_WORDS and scan.word_before(index) in PLACE_PREPOSITIONS:
                continue  # "my coworker Sydney moved to Sydney"
            scan.found.append(Finding("person", t.start, t.end, t.word))
        elif (t.cap or employer_acronym(t)) and t.word in scan.employers:
            scan.found.append(Finding("organization", t.start, t.end, t.word))
        elif t.word.islower() and t.folded in lower_people:
            scan.found.append(Finding("person", t.start, t.end, t.word))
