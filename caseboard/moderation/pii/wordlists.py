"""The detector's word lists, each read once from its file in `data/` when the package loads.

A list is a plain-text file, one entry a line, so that adding a name or a cue is an edit to
data and not to code; the header of each file says what its words do. Lists of pairs hold two
words a line. Sets that combine lists are made here too, once, rather than on every token.

`FIRST_NAMES` is read through this module at each scan (`wordlists.FIRST_NAMES`), never
copied: the benchmark swaps it (`pii.FIRST_NAMES = ...`) to measure recall on unlisted names.
"""

from __future__ import annotations

import re
from importlib.resources import files

from .text import tokenize

DATA = files(__package__) / "data"


def _entries(name: str) -> list[list[str]]:
    """The words of each entry of `data/<name>.txt`, without comments and blank lines."""
    entries = []
    for line in (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            entries.append(words)
    return entries


def load_words(name: str) -> frozenset[str]:
    """A list of single words. An entry of two words is an error: tokens never hold a space,
    so it could never match ("new york" is listed as "new" and "york")."""
    entries = _entries(name)
    for words in entries:
        if len(words) != 1:
            raise ValueError(f"{name}.txt: {' '.join(words)!r} is not one word")
    return frozenset(words[0] for words in entries)


def load_pairs(name: str) -> frozenset[tuple[str, str]]:
    """A list of two-word phrases, such as "work for"."""
    entries = _entries(name)
    for words in entries:
        if len(words) != 2:
            raise ValueError(f"{name}.txt: {' '.join(words)!r} is not two words")
    return frozenset((first, second) for first, second in entries)


def load_names(name: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """A list of names of one or more words, as the detector's tokens spell them, keyed by
    their first word and longest first: "goldman sachs" under "goldman". A word listed
    with "'s" keeps it ("lowe's"): it matches only a possessive, never the surname "Lowe"."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in _entries(name):
        tokens = tokenize(" ".join(words))
        spelled = tuple(t.lower + ("'s" if t.possessive else "") for t in tokens)
        by_first.setdefault(tokens[0].lower, []).append(spelled)
    return {first: tuple(sorted(names, key=len, reverse=True)) for first, names in by_first.items()}


def alternation(words: frozenset[str]) -> str:
    """A regex alternation of `words`, for a pattern that needs a list inside it."""
    return "|".join(re.escape(word) for word in sorted(words))


# Links, emails and handles.
TLDS = load_words("tlds")
WEAK_TLDS = load_words("weak_tlds")
NOT_HOSTS = load_words("not_hosts")
NOT_HANDLES = load_words("not_handles")
MODERN_WORDS = load_words("modern_words")
CHANNEL_NAMES = load_words("channel_names")
CODE_NOUNS = load_words("code_nouns")
CODE_NAME_PARTS = load_words("code_name_parts")
PUBLIC_DOMAINS = load_words("public_domains")
MAILBOX_WORDS = load_words("mailbox_words")

# Phone numbers.
PHONE_CUE_WORDS = load_words("phone_cue_words")
NUMBER_LABELS = load_words("number_labels")

# People.
FIRST_NAMES = load_words("first_names")
AMBIGUOUS_FIRST_NAMES = load_words("ambiguous_first_names")
LOWERCASE_WORDS = load_words("lowercase_words")
VERBS_AFTER_LOWERCASE_NAME = load_words("verbs_after_lowercase_name")
NOT_LOWERCASE_NAMES = load_words("not_lowercase_names")
TITLES = load_words("titles")
ROLE_CUES = load_words("role_cues")
SPEECH_VERBS = load_words("speech_verbs")
CORE_SPEECH_VERBS = load_words("core_speech_verbs")
DETERMINERS = load_words("determiners")
ARTICLES = DETERMINERS | load_words("articles")
NAME_PARTICLES = load_words("name_particles")
PERSON_CUE_PHRASES = load_pairs("person_cue_phrases")
WORDS_BEFORE_PERSON = load_words("words_before_person")
TIME_WITH_PERSON = load_words("time_with_person")
PERSONAL_NOUNS = load_words("personal_nouns")
SELF_INTRODUCTION_WORDS = load_words("self_introduction_words")
NOT_KOREAN_NAMES = load_words("not_korean_names")
PEOPLE_GROUPS = load_words("people_groups")
NOT_PEOPLE_GROUPS = load_words("not_people_groups")

# Employers.
COMPANY_SUFFIXES = load_words("company_suffixes")
WEAK_COMPANY_SUFFIXES = load_words("weak_company_suffixes")
GENERIC_MODIFIERS = load_words("generic_modifiers")
NOT_AFTER_EMPLOYER = load_words("not_after_employer")
EMPLOYER_CUE_WORDS = load_words("employer_cue_words")
NOUN_EMPLOYER_CUES = load_words("noun_employer_cues")
EMPLOYER_NOUNS = load_words("employer_nouns")
PEOPLE_FROM_EMPLOYER = load_words("people_from_employer")
EMPLOYER_CUE_PHRASES = (
    load_pairs("employer_cue_phrases")
    | {(person, "from") for person in PEOPLE_FROM_EMPLOYER}  # "a recruiter from X"
    | {(noun, verb) for noun in EMPLOYER_NOUNS for verb in ("called", "named")}
)
EMPLOYER_OWNED_NOUNS = load_words("employer_owned_nouns")
APPOSITIVE_NOT_PEOPLE = load_words("appositive_not_people")
APPOSITIVE_EMPLOYER_NOUNS = EMPLOYER_NOUNS | load_words("appositive_employer_nouns")
STRONG_EMPLOYER_CUES = load_words("strong_employer_cues")
OCCUPATIONS = load_words("occupations")
# "engineer at Stripe", "interviewing at Stripe"
JOB_WORDS = ROLE_CUES | OCCUPATIONS | load_words("job_words")
TOOL_COMPANIES = load_words("tool_companies")
PRODUCT_COMPANIES = load_words("big_employers") | TOOL_COMPANIES
EMPLOYER_WORDS_AFTER = load_words("employer_words_after")
EMPLOYER_UNIT_NOUNS = load_words("employer_unit_nouns")
EMPLOYER_PEOPLE_NOUNS = load_words("employer_people_nouns")
NOT_MAILBOXES = load_words("not_mailboxes")
HANDLE_PLATFORMS = load_words("handle_platforms")
CHAT_APPS = load_words("chat_apps")
GROUP_NOUNS = load_words("group_nouns")
NOT_FIRM_WORDS = load_words("not_firm_words")
WORKPLACE_ACRONYMS = load_words("workplace_acronyms")
WELL_KNOWN_EMPLOYERS = load_names("well_known_employers")
NUMBERED_EMPLOYERS = tuple(" ".join(words) for words in _entries("numbered_employers"))
CHAIN_EMPLOYERS = load_names("chain_employers")
INSTITUTION_HEADS = load_words("institution_heads")
SITE_NOUNS = load_words("site_nouns")
NAME_OPENING_HEADS = load_words("name_opening_heads")

# Words that are never a name or an employer on their own.
STOP_WORDS = load_words("tools") | load_words("stop_words")
