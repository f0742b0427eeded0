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
  team", "our Atlassian rep", "a Globex engagement", "Hooli's promo committee", or of the
  people who work for it, after a determiner only: "an Uber driver", "the DMV clerk".
- Institutions named for a place or a saint: "Toronto General Hospital", "St. Mary's
  Hospital".
- Names in lowercase or with an inner capital right after a job: "cashier at lidl", "my
  coworkers at sodexo", "work at eBay" (a listed employer or a word no dictionary holds).
- A capitalized name in quotes after a cue: 'worked at "Sunny Side Up"'.
- A capitalized phrase spelling the domain of an email in the same text ("Larkspur Energy"
  and ethics@larkspur-energy.com).

"&" joins an employer's name ("Pixel & Pine"). Companies named like their tools (Slack, Zoom,
Stripe) need a cue that speaks of a job ("interviewing at Stripe"); big employers named like
their products (Google, Amazon) need a strong cue ("joined Amazon").
"""

from __future__ import annotations

import re

from .dictionary import made_up, ordinary_word
from .findings import Finding
from .names import COLLEAGUES, HONORIFIC_ENDINGS
from .scan import RUN_WORDS, Scan
from .text import Token, squash
from .wordlists import (
    APPOSITIVE_EMPLOYER_NOUNS,
    ARTICLES,
    CHAIN_EMPLOYERS,
    COMPANY_SUFFIXES,
    EMPLOYER_CUE_PHRASES,
    EMPLOYER_CUE_WORDS,
    EMPLOYER_NOUNS,
    EMPLOYER_OWNED_NOUNS,
    EMPLOYER_PEOPLE_NOUNS,
    EMPLOYER_UNIT_NOUNS,
    EMPLOYER_WORDS_AFTER,
    GENERIC_MODIFIERS,
    HANDLE_PLATFORMS,
    INSTITUTION_HEADS,
    JOB_WORDS,
    NAME_OPENING_HEADS,
    NOT_AFTER_EMPLOYER,
    NOT_FIRM_WORDS,
    NOUN_EMPLOYER_CUES,
    NUMBERED_EMPLOYERS,
    OCCUPATIONS,
    PRODUCT_COMPANIES,
    ROLE_CUES,
    SITE_NOUNS,
    STOP_WORDS,
    STRONG_EMPLOYER_CUES,
    TITLES,
    TOOL_COMPANIES,
    WEAK_COMPANY_SUFFIXES,
    WELL_KNOWN_EMPLOYERS,
    WORKPLACE_ACRONYMS,
)

_STOP_NOT_COMPANY = STOP_WORDS - PRODUCT_COMPANIES  # "Google Cloud Services" keeps "Google"
# After a capitalized word: what only an employer does. "Quantix acquired Lumos", "Zentrix
# went bust", "Paylio laid off 30%".
_EMPLOYER_VERB_AFTER = re.compile(
    r"[ \t]+(?:acquired|laid[ \t]+off|went[ \t]+(?:public|bust|under)|shut[ \t]+down|pivoted"
    r"|treats[ \t]+(?:its[ \t]+|their[ \t]+)?(?:staff|employees|workers)"
    r"|rebranded|announced[ \t]+layoffs|filed[ \t]+for|raised[ \t]+(?:a|an|\$|\d|its|their)"
    r"|deactivated[ \t]+(?:me|him|her|my|his|their|them)"  # "DD deactivated me"
    r"|(?:legal|HR)[ \t]+(?:found|said|says|told|sent|called|emailed))\b"  # "Sysco legal found out"
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
            suffix_after = tokens[nxt].lower in COMPANY_SUFFIXES | WEAK_COMPANY_SUFFIXES
            if suffix_after and tokens[nxt].word[0].isupper():
                continue  # "Acme Holdings Ltd", "Aga Khan University Hospital": the last ends it
        first = _suffix_run_start(scan, index)
        distinctive = [
            tokens[i]
            for i in range(first, index)
            if tokens[i].lower in PRODUCT_COMPANIES
            or (tokens[i].lower not in STOP_WORDS and tokens[i].lower not in COMPANY_SUFFIXES)
        ]
        # "Toronto General Hospital", "Leeds General Infirmary": a place and a plain word,
        # but two capitalized words before an institution are its name.
        named_institution = (
            t.lower in _INSTITUTION_SUFFIXES
            and index - first >= 2
            and tokens[first].lower not in GENERIC_MODIFIERS
        )
        if not (distinctive or named_institution):
            continue
        while tokens[first].lower in _STOP_NOT_COMPANY and not named_institution:
            first += 1  # "the Larkspur Energy", but all of "Leeds General Infirmary"
        if weak and (
            tokens[first].initial
            or any(tokens[i].lower in GENERIC_MODIFIERS for i in range(first, index))
        ):
            continue
        scan.add("organization", first, index)


# Institutions whose names are often a place and ordinary words: "Toronto General Hospital".
_INSTITUTION_SUFFIXES = frozenset(
    {"hospital", "infirmary", "hospice", "clinic", "school", "college", "university", "academy"}
)
_SAINT = frozenset({"st", "saint", "ste", "sainte"})
# What an institution named for a saint is: "St. Luke's Medical Center", "St. Brendan's
# Primary", "St Thomas' Hospital".
_SAINT_HEADS = _INSTITUTION_SUFFIXES | {
    "primary",
    "elementary",
    "high",
    "catholic",
    "church",
    "cathedral",
    "parish",
    "medical",
    "children",
    "center",
    "centre",
}
# Not "for": "for St. X's"; "sa" is Tagalog's "at" ("nurse sa St. Luke's").
_SAINT_CUES = frozenset({"at", "from", "joined", "left", "quit", "sa"})
_SAINT_HEAD_WORDS = 3  # at most "St. Luke's Catholic Medical Center"


def saint_institutions(scan: Scan) -> None:
    """Institutions named for a saint: "St. Mary's Hospital", "St Thomas' Hospital", "St.
    Luke's Medical Center", "St. Brendan's Primary", or "St. Vincent's" alone after an
    employer cue ("a nurse at St. Vincent's"); not "St. Patrick's Day" or "moved to St. John's"."""
    tokens, text = scan.tokens, scan.text
    for saint_at, t in enumerate(tokens[:-1]):
        name_at = saint_at + 1
        name = tokens[name_at]
        if t.lower not in _SAINT or not t.word[0].isupper() or not name.cap:
            continue
        possessive = name.possessive or text[name.end : name.end + 1] in ("'", "’")
        if not possessive or text[t.end : name.start] not in (" ", ". "):
            continue
        if not scan.free(saint_at):
            continue
        last, head_at = None, name_at + 1
        while head_at < len(tokens) and head_at <= name_at + _SAINT_HEAD_WORDS:
            head = tokens[head_at]
            gap = text[tokens[head_at - 1].stop : head.start]
            if gap not in (" ", "' ", "’ ") or not head.cap or head.lower not in _SAINT_HEADS:
                break
            last, head_at = head_at, head_at + 1
        if last is not None:
            scan.add("organization", saint_at, last)
        elif _saint_alone(scan, saint_at, name_at):
            scan.add("organization", saint_at, name_at)  # "a staff nurse at St. Vincent's"


def _saint_alone(scan: Scan, saint_at: int, name_at: int) -> bool:
    """Whether "St. X's" names a place of work by itself: after an employer cue, and not
    followed by a capitalized word ("St. Patrick's Day")."""
    after = name_at + 1
    if after < len(scan.tokens) and scan.tokens[after].cap:
        return False
    before = scan.word_before(saint_at)
    return before in _SAINT_CUES or before in _PARENTHESIZED_AFTER  # "My hospital (St. Vincent's)"


_NAME_GAPS = frozenset({" ", "\u00a0", " & ", "&", ".", ". "})  # "M&S", "E.ON", "J.P. Morgan"
_CONNECTORS = frozenset({"of", "the", "and", "für", "de", "du", "des", "del", "di"})
_LOWERCASE_NAME_LETTERS = 5  # "wipro pays more" in casual text; never "ing" or "ups"
# Short lowercase words after "at" that a dictionary lacks but that are no employer's name.
_SHORT_WORDS_NOT_NAMES = frozenset({"ing", "ur", "ya", "idk", "tbh", "atm", "eod", "wfh"})


def well_known_employers(scan: Scan) -> None:
    """Listed well-known employers, with or without a cue: "Goldman Sachs isn't a big
    deal", "the Tesco quarterly review", "ex-McKinsey", "wipro pays 40% more" (lowercase
    only in text written in lowercase or after an employer cue, and only names of five
    letters or more)."""
    tokens = scan.tokens
    for index, t in enumerate(tokens):
        first = t.lower[3:] if t.lower.startswith("ex-") else t.lower  # "ex-McKinsey"
        names = WELL_KNOWN_EMPLOYERS.get(first)
        if not names or not scan.free(index):
            continue
        if t.lower in TITLES and scan.text[t.stop : t.stop + 1] == ".":
            continue  # "Ing. Ramírez" is an engineer, not ING
        for name in names:
            last = index + len(name) - 1
            if last >= len(tokens) or not _spells(scan, index, name):
                continue
            capitalized = all(
                tokens[i].cap
                or tokens[i].word.isupper()
                or _camel_case(tokens[i].word)  # "mBank", "eBay"; not "CVs"
                or tokens[i].lower.startswith("ex-")
                for i in range(index, last + 1)
                if tokens[i].lower not in _CONNECTORS
            )
            if len(name) == 1:
                lowercase = _lowercase_employer(scan, index)
            else:  # "at wells fargo", "at a tim hortons"; never "eat whole foods"
                lowercase = t.word.islower() and _cue_or_article_after_cue(scan, index)
            if capitalized or lowercase:
                scan.add("organization", index, last)
                break


_TIME_NOUNS = frozenset({"week", "weeks", "month", "months", "year", "day", "time", "shift"})
# Where a chain's staff work, or who they are, right after its name: "my Amazon warehouse
# supervisor", "Former Oracle employee"; not its shops ("the Apple store").
_WORKPLACES_AFTER_CHAIN = frozenset(
    {"warehouse", "warehouses", "fulfilment", "fulfillment", "depot", "plant", "factory"}
    | {"employee", "employees", "staff", "staffer", "colleagues", "coworkers", "hq"}
)


def chain_employers(scan: Scan) -> None:
    """Chains whose names are also words, first names or a few letters, right after a job
    and its preposition or right before an occupation, in any case: "i work at target",
    "cashier at Ross", "my supervisor at ups", "Bolt driver here"; never "hit the target",
    "my boss Ross" or "a shift for the next week"."""
    tokens = scan.tokens
    for index, t in enumerate(tokens):
        names = CHAIN_EMPLOYERS.get(t.lower)
        if not names or not scan.free(index):
            continue
        # not "a shift for the next three weeks"
        after_job = scan.word_before(index) not in ("the", "a", "an") and (
            _after_job(scan, index) or _with_after_job(scan, index)
        )
        for name in names:
            last = index + len(name) - 1
            if last >= len(tokens) or not _spells(scan, index, name):
                continue
            word_after = tokens[last + 1].lower if last + 1 < len(tokens) else ""
            if t.lower in STOP_WORDS and word_after in _TIME_NOUNS:
                break  # "an accountant from next month"
            before_job = (  # "Bolt driver here", "my Amazon warehouse"; not "next driver"
                word_after in OCCUPATIONS or word_after in _WORKPLACES_AFTER_CHAIN
            ) and (t.lower not in STOP_WORDS or t.lower in PRODUCT_COMPANIES)
            if after_job or before_job:
                scan.add("organization", index, last)  # "Bolt driver here", "a grab rider"
            break


_SERVED = frozenset({"crew", "years", "months", "year"})


def _with_after_job(scan: Scan, index: int) -> bool:
    """ "cabin crew with Emirates", "six years with Uber": a chain after "with" and a job or a
    time served; never "i work with kubernetes" (a chain is named, not a tool)."""
    before2 = scan.word_before(index, 2)
    return scan.word_before(index) == "with" and (before2 in OCCUPATIONS or before2 in _SERVED)


def _cue_or_article_after_cue(scan: Scan, index: int) -> bool:
    """ "at wells fargo", "at a tim hortons", "at the home depot"."""
    before = scan.word_before(index)
    if before in ("a", "an", "the"):
        before = scan.word_before(index, 2)
    return before in EMPLOYER_CUE_WORDS


# Members who write in Portuguese, Spanish or Polish name their employer after the words for
# "at the" and "for": "trabalho na Embraer", "call center da Claro", "Trabajo ... para
# Transportes Castores", "Pracuję jako kierowca w Raben". Only in a sentence that says it
# is about work, and never after the word for "in" ("em Curitiba"): that is a place.
_WORK_IN_OTHER_LANGUAGES = re.compile(
    r"\b(?:trabaj\w*|trabalh\w*|tramp[oa]\w*|pracuj\w*|sou|estou|jestem|atendimento)\b",
    re.IGNORECASE,
)
_AT_IN_OTHER_LANGUAGES = frozenset({"na", "no", "da", "do", "numa", "num", "para", "w", "dla"})
_WORK_WORD_REACH = 100  # characters looked back, in the sentence, for the word for work
_POLISH_PLACE_ENDINGS = ("ie", "u", "i")


def employers_in_other_languages(scan: Scan) -> None:
    """Capitalized names after "na", "da", "para", "w" in a sentence about work written in
    Portuguese, Spanish or Polish (see above); not a place, a stop word or a first name."""
    if not _WORK_IN_OTHER_LANGUAGES.search(scan.text):
        return
    for index, t in enumerate(scan.tokens):
        if not scan.free(index) or not scan.name_word(t) or scan.known(t):
            continue
        before = scan.word_before(index)
        if before not in _AT_IN_OTHER_LANGUAGES:
            continue
        if before == "w" and t.lower.endswith(_POLISH_PLACE_ENDINGS):
            continue  # "w Krakowie", "w Gdańsku": a place, in the case Polish gives it
        window = scan.text[max(0, t.start - _WORK_WORD_REACH) : t.start]
        sentence = re.split(r"[.!?]\s", window)[-1]
        if _WORK_IN_OTHER_LANGUAGES.search(sentence):
            scan.add("organization", index, scan.run_end(index))


def former_employers(scan: Scan) -> None:
    """ "ex-Ubisoft contractors", "an ex-Initech engineer": a capitalized name after "ex-"
    is a former employer, unless it is a job, a team or a person ("ex-Marine", "ex-Sarah")."""
    for index, t in enumerate(scan.tokens):
        if not t.lower.startswith("ex-") or not scan.free(index):
            continue
        name = t.word[3:]
        if (
            len(name) > 1
            and name[0].isupper()
            and (name.lower() not in STOP_WORDS or name.lower() in PRODUCT_COMPANIES)
            and name.lower() not in ROLE_CUES
            and name not in scan.names
        ):
            scan.add("organization", index, index)


def _camel_case(word: str) -> bool:
    return word[:1].islower() and any(c.isupper() for c in word[1:])


def _lowercase_employer(scan: Scan, index: int) -> bool:
    """Whether a listed employer written in lowercase is one: in lowercase text, or after
    an employer cue ("FOH at nandos"), a job and "for" ("delivery partner for swiggy") or an
    employer and "and" ("for uber and lyft"); never a short name ("ing", "ups")."""
    t = scan.tokens[index]
    if not t.word.islower():
        return False
    before, before2 = scan.word_before(index), scan.word_before(index, 2)
    cued = (
        before in EMPLOYER_CUE_WORDS
        # "Delivery partner for swiggy", "i drive for lyft"
        or (before == "for" and (before2 in JOB_WORDS or before2 in _WORK_WORDS))
        # "for uber and lyft": listed with an employer just found
        or (
            before in ("and", "or", "&")
            and index > 1
            and scan.tokens[index - 2].word in scan.employers
        )
    )
    if len(t.word) < _LOWERCASE_NAME_LETTERS:  # "at axa", "a temp at the dwp"; not "ing"
        return cued and not ordinary_word(t.word) and t.word not in _SHORT_WORDS_NOT_NAMES
    return scan.casual() or cued


def _spells(scan: Scan, index: int, name: tuple[str, ...]) -> bool:
    """Whether the tokens from `index` are the words of `name`, free and next to each other."""
    tokens = scan.tokens
    for offset, word in enumerate(name):
        position = index + offset
        written = tokens[position].lower
        if offset == 0 and written.startswith("ex-"):
            written = written[3:]
        if tokens[position].possessive and word.endswith("'s"):
            written += "'s"  # "Lowe's", listed as "lowe's"
        if written != word or not scan.free(position):
            return False
        if (
            offset
            and scan.text[tokens[position - 1].stop : tokens[position].start] not in _NAME_GAPS
        ):
            return False
        if offset < len(name) - 1 and tokens[position].possessive and not word.endswith("'s"):
            return False  # but "Sam's Club", listed as "sam's club"
    return True


_ELISION = re.compile(r"^[ldLD]['’]")
_NAME_LINKS = _CONNECTORS | {"la", "los", "las", "le", "les"}


def headed_names(scan: Scan) -> None:
    """Names opened by a word for an organization: "Grupo Tlaloc", "Hôpital Saint-Louis",
    "Universidad de los Andes", "Café Lumière"; the head must open the capitalized run."""
    tokens = scan.tokens
    for index, t in enumerate(tokens[:-1]):
        head = _ELISION.sub("", t.word)  # "l'Hôpital Saint-Louis"
        if head.lower() not in NAME_OPENING_HEADS or not head[0].isupper() or not scan.free(index):
            continue
        before = tokens[index - 1] if index else None
        if before and scan.joined(index - 1, index) and before.cap and before.lower != "the":
            continue  # "Visual Studio Code"
        first = index + 1
        while first < len(tokens) and tokens[first].lower in _NAME_LINKS:
            first += 1  # "Universidad de los Andes"
        if first >= len(tokens) or not _next_to(scan, first - 1, first):
            continue
        if tokens[first].cap and scan.name_word(tokens[first]) and scan.free(first):
            scan.add("organization", index, scan.run_end(first))


def institutions(scan: Scan) -> None:
    """Institutions named "<head> of <name>": "the Ministry of Finance", "Bank of the
    Midlands", "the Department of Veterans Affairs" (a department only when its name is
    not a team word: not "Department of Engineering")."""
    tokens = scan.tokens
    for index, t in enumerate(tokens[:-2]):
        department = t.lower == "department"
        if not (t.cap and (t.lower in INSTITUTION_HEADS or department)) or not scan.free(index):
            continue
        of = tokens[index + 1]
        if of.word not in ("of", "for") or not _next_to(scan, index, index + 1):
            continue  # "Ministry of Finance", "Department for Work and Pensions"
        first = index + 2
        if tokens[first].word == "the" and first + 1 < len(tokens):
            first += 1
        if not (tokens[first].cap and _next_to(scan, first - 1, first) and scan.free(first)):
            continue
        last = scan.run_end(first)
        if department and all(tokens[i].lower in STOP_WORDS for i in range(first, last + 1)):
            continue
        scan.add("organization", index, last)


# What a place's public body is called after the place: "Baltimore PD", "Dallas ISD", "the
# Dubai Police", "Chicago Public Schools", "Leeds City Council".
_PUBLIC_BODIES = (
    ("police",),
    ("pd",),
    ("isd",),
    ("usd",),
    ("public", "schools"),
    ("city", "council"),
    ("county", "council"),
    ("borough", "council"),
    ("district", "council"),
    ("fire", "department"),
    ("fire", "rescue"),
    ("police", "department"),
    ("ambulance", "service"),
    ("transit", "authority"),
    ("municipality",),
)


_PUBLIC_BODY_STARTS = frozenset(body[0] for body in _PUBLIC_BODIES)
_LOWERCASE_BODIES = (("pd",), ("isd",), ("usd",))


def public_bodies(scan: Scan) -> None:
    """A place's police, school district or council, named by the place: "a cop in Baltimore
    PD", "Teacher at Dallas ISD", "houston isd" in lowercase text; not "Traffic Police"
    after nothing that names a place (a word of the body's own kind is no place)."""
    tokens = scan.tokens
    for index in range(1, len(tokens)):
        if tokens[index].lower not in _PUBLIC_BODY_STARTS:
            continue  # most words: a set lookup, not a loop over every body
        for body in _PUBLIC_BODIES:
            last = index + len(body) - 1
            if last >= len(tokens) or tuple(t.lower for t in tokens[index : last + 1]) != body:
                continue
            place = tokens[index - 1]
            lowercase = (  # "houston isd"; never "call police"
                body in _LOWERCASE_BODIES and place.word.islower() and not ordinary_word(place.word)
            )
            written = all(t.cap or t.word.isupper() for t in tokens[index : last + 1])
            if not (written and place.cap or lowercase and scan.casual()):
                continue
            if place.lower in _NOT_PLACES or not _next_to(scan, index - 1, index):
                continue
            if not all(scan.free(i) for i in range(index - 1, last + 1)):
                continue
            first = scan.run_start(index - 1) if place.cap else index - 1
            scan.add("organization", first, last)


# Words before a public body's name that are not a place: "Traffic Police", "the Secret
# Police", "our local police".
_NOT_PLACES = frozenset(
    {"the", "traffic", "secret", "military", "border", "local", "state", "city", "county"}
    | {"campus", "transit", "railway", "river", "tourist", "federal", "national", "our", "my"}
)


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
    """A capitalized phrase that spells an email domain of the same text, or begins it, is
    the employer: "Larkspur Energy has 9,000 employees" with ethics@corp.larkspur-energy.com,
    "Northwind has 300 people" with allstaff@northwindtraders.com, "Keane Electrical" with a
    personal mailbox rob@keaneelectrical.co.uk (in several words: one could be a surname)."""
    domains, personal = scan.contacts.domains, scan.contacts.personal_domains
    if not domains and not personal:
        return
    tokens = scan.tokens
    for index, t in enumerate(tokens):
        if not (scan.free(index) and (t.cap or employer_acronym(t))):
            continue  # "FIDA Kenya" with info@fidakenya.org
        if index and scan.joined(index - 1, index) and scan.name_word(tokens[index - 1]):
            continue  # "Alana Reyes, areyes@reyeslaborlaw.com": her surname, not the firm
        key, best = "", -1
        for last in range(index, min(index + 3, len(tokens))):
            if last > index and not (scan.org_joined(last - 1, last) and scan.free(last)):
                break
            if not (tokens[last].cap or employer_acronym(tokens[last])):
                break
            key += squash(tokens[last].word)
            if key in domains or _starts_a_domain(key, domains):
                best = last
            elif last > index and key in personal:
                best = last  # "Keane Electrical" with rob@keaneelectrical.co.uk
        if scan.known(t) and best == index:
            continue
        # A place or a stop word alone is no employer ("Cairo"), but "Cairo Textiles" is.
        if best > index or (best == index and t.lower not in STOP_WORDS):
            scan.add("organization", index, best)


_DOMAIN_PREFIX_LETTERS = 5


def _starts_a_domain(key: str, domains: set[str]) -> bool:
    """ "Northwind" with allstaff@northwindtraders.com: the name begins the domain."""
    return len(key) >= _DOMAIN_PREFIX_LETTERS and any(d.startswith(key) for d in domains)


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
_MODIFIER_ADJECTIVES = frozenset(
    {"whole", "entire", "new", "old", "former", "current", "local", "other"}  # "any other"
)
# A name no dictionary holds before these is the employer even with no determiner: "Froedtert
# nurses come find us"; not "Joburg folks" (where they live).
_STAFF_PLURALS = frozenset({"nurses", "employees", "workers", "staffers", "associates", "drivers"})
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
        people = t.lower in EMPLOYER_PEOPLE_NOUNS  # "an Uber driver", never "Priya's coworker"
        if t.lower not in EMPLOYER_UNIT_NOUNS and not people:
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
        if last < 0 or not _next_to(scan, last, last + 1):
            continue
        if employer_acronym(tokens[last]):
            first = last  # "the LG supplier", "The HMRC inspector"
        elif tokens[last].cap:
            first = scan.run_start(last)
        else:
            continue
        if tokens[first].lower in EMPLOYER_CUE_WORDS:
            continue  # "the Client Representative": a role, not "Client" the employer
        if t.cap and tokens[first].lower in JOB_WORDS:
            continue  # "our Nurse Unit Manager": a job's title, not an employer's unit
        if people and (t.cap or between > 1 or _nationalities(tokens[first])):
            continue  # "the Structural Engineer", "an Iranian-Canadian software engineer"
        before = scan.word_before(first)
        if before in _MODIFIER_ADJECTIVES:
            before = scan.word_before(first, 2)  # "the whole Initech architecture board"
        if (tokens[last].possessive and not people) or before in _DETERMINERS:
            firsts.add(first)
        elif _opens_a_bracket(scan, first) and tokens[first].lower not in STOP_WORDS:
            firsts.add(first)  # "a small factory (Kohler supplier, won't say which)"
        elif t.lower in _STAFF_PLURALS and first == last and made_up(tokens[first].word):
            firsts.add(first)  # "Froedtert nurses come find us": a name no dictionary holds
    return firsts


def _opens_a_bracket(scan: Scan, index: int) -> bool:
    start = scan.tokens[index].start
    return scan.text[start - 1 : start] == "("


def _nationalities(t: Token) -> bool:
    """A word of stop words joined by hyphens: "Iranian-Canadian", "Anglo-French"."""
    return "-" in t.lower and all(part in STOP_WORDS for part in t.lower.split("-"))


def _next_to(scan: Scan, left: int, right: int) -> bool:
    """One space apart, a possessive on the left allowed ("Hooli's promo")."""
    return scan.text[scan.tokens[left].stop : scan.tokens[right].start] in (" ", "\u00a0")


# "Shopify is our biggest client": what a word is to the writer's employer.
_IS_OUR_CLIENT = re.compile(
    r"[ \t]+(?:as|is|was|are|were)[ \t]+(?:our|my|their|his|her)[ \t]+"
    r"(?:(?:biggest|main|largest|only|new|old|former|best|top|key)[ \t]+)?"
    r"(?:client|customer|employer|vendor|supplier|competitor|sponsor|parent[ \t]+company)\b"
)
# Nouns after which a name in parentheses is the organization's: "my company (Sakura
# Denki)", "the district (Greenfield Unified)", "a tiny café (Café Lumière)".
_PARENTHESIZED_AFTER = EMPLOYER_NOUNS | {
    "non-profit",
    "provider",
    "district",
    "school",
    "uni",
    "university",
    "college",
    "café",
    "cafe",
    "restaurant",
    "bar",
    "hospital",
    "clinic",
    "practice",
    "charity",
    "nonprofit",
    "workplace",
    "bakery",
}


# "a ramen place in Melbourne, Ramen Kaito.", "One of our subs, Desert Sun Electric,": a word
# for an organization (and where it is), then its name set off by a comma.
_NAMED_AFTER_COMMA = re.compile(
    r"\b(?P<noun>[a-z]+)"
    r"(?:[ \t]+(?:in|from|near|out[ \t]+of)[ \t]+[\w'-]+(?:[ \t][A-Z][\w'-]*)?)?"
    r"(?:,|[ \t]+[—–-])[ \t]+(?:the[ \t]+)?[\"“]?$"
)
_SET_OFF = (", ", ", the ", " — ", " – ", " - ", ', "', ", “")  # 'a tiny place, "Bijles Noord"'
_APPOSITIVE_ORG_NOUNS = _PARENTHESIZED_AFTER | {
    "place",
    "outfit",
    "subcontractor",
    "subs",
    "ngo",
    "chain",
    "hotel",
    "courier",
    "supplier",
    "practice",
    "firm",
    "store",
    "shop",
    "franchise",
    "brand",
    "union",
    "hospital",
    "trust",
    "pharmacy",
    "rescue",
    "shelter",
    "barbershop",
    "brewery",
    "winery",
    "distillery",
    "dealership",
    "garage",
    "label",
    "publisher",
    "club",
    "academy",
    "pub",
    "hostel",
    "motel",
    "farm",
    "kindergarten",
    "surgery",
}


def named_after_comma(scan: Scan) -> None:
    """A capitalized name set off by a comma after a word for an organization: "a small
    charity in Wellington, Te Whare Tiaki Trust", "a courier company in Santiago, Starken".
    Not a listed first name ("my manager, Sarah" is a person's)."""
    tokens = scan.tokens
    for index in range(1, len(tokens)):
        t = tokens[index]
        if not ((t.cap or employer_acronym(t)) and scan.free(index)) or scan.known(t):
            continue  # "the union, AMOSUP,"; but "The customer, Mrs. Kowalski," is a person
        if t.lower in TITLES:
            continue
        if scan.text[tokens[index - 1].stop : t.start] not in _SET_OFF:
            continue
        m = _NAMED_AFTER_COMMA.search(scan.text, max(0, t.start - 60), t.start)
        if m and m.group("noun") in _APPOSITIVE_ORG_NOUNS and scan.name_word(t):
            scan.add("organization", index, _capitalized_run_end(scan, index))


def _capitalized_run_end(scan: Scan, index: int) -> int:
    """The last of the capitalized words joined from `index`, whatever they are: a name set
    off by commas is whole ("Desert Sun Electric", "Colegio San Ignacio El Bosque")."""
    tokens, last = scan.tokens, index
    while last - index < RUN_WORDS and last + 1 < len(tokens) and scan.free(last + 1):
        nxt = last + 1
        if (  # "Sabores de Minas", "Trattoria da Gigi"
            tokens[nxt].lower in _NAME_CONNECTORS
            and nxt + 1 < len(tokens)
            and scan.org_joined(last, nxt)
            and scan.org_joined(nxt, nxt + 1)
            and tokens[nxt + 1].word[:1].isupper()
        ):
            last = nxt + 1
        elif scan.org_joined(last, nxt) and tokens[nxt].word[:1].isupper():
            last = nxt
        else:
            break
    return last


# Small words inside a name of several capitalized words.
_NAME_CONNECTORS = frozenset({"de", "da", "do", "dos", "das", "du", "del", "di", "van", "von"})
_NAME_CONNECTORS |= frozenset({"u", "y", "e", "of", "and", "&"})


# Words for a workplace a few words before a name in parentheses: "a grocery chain
# (Loblaw)", "a boutique investment bank in Charlotte (Harbor Crest Capital)", "in our Noida
# office (HCL, if that matters)".
_WORKPLACE_BEFORE_PARENTHESES = (
    _PARENTHESIZED_AFTER
    | SITE_NOUNS
    | {
        "chain",
        "ministry",
        "union",
        "bpo",
        "hotel",
        "pharmacy",
        "consultancy",
        "escritório",
        "station",
        "resort",
        "trattoria",
        "pastelaria",
        "chiringuito",
        "pizzeria",
        "taqueria",
        "brasserie",
        "bistro",
        "pub",
        "club",
        "clinic",
        "workshop",
        "stall",
        "kiosk",
        "warung",
        "gestoría",
        "asesoría",
        "boutique",
        "parlour",
        "parlor",
        "showroom",
        "atelier",
        # small employers, added for development set 59: "a flower farm in Ontario (Wildrose
        # Acres)", "a small landscaping business (Glen's Greenscapes)"
        "farm",
        "orchard",
        "vineyard",
        "winery",
        "brewery",
        "ranch",
        "dairy",
        "bakery",
        "business",
        "practice",
        "studio",
        "newsroom",
        "festival",
        "montessori",
        "nursery",
        "daycare",
        "salon",
        "garage",
        "diner",
        "shop",
        "charity",
    }
)
_KINDS_OF_HOME = frozenset({"care", "nursing", "retirement", "group", "funeral"})
_OPENING = (" (", ' ("', " (“")  # '(Loblaw)', '("Trattoria da Gigi")'
_PARENTHESES_WINDOW_WORDS = 6  # "at a big escritório in Rio (Pinheiro Neto, Rio office)"


def parenthesized_employers(scan: Scan) -> None:
    """A capitalized name in parentheses, closed or followed by a comma, after words for a
    workplace: "my company (Sakura Denki)", "my kid's school (Lincoln Elementary)", "a
    grocery chain (Loblaw)", "working at a Big 4 in Gurgaon (EY)", "Public servant in Ottawa
    (ESDC)"; not a person ("a customer (Mr Hargreaves)", "my coworker (Oluwaseun)")."""
    tokens = scan.tokens
    for index in range(1, len(tokens)):
        t = tokens[index]
        if scan.text[tokens[index - 1].stop : t.start] not in _OPENING or t.lower in TITLES:
            continue  # most words: checked first, as the rest costs more
        if not ((t.cap or employer_acronym(t)) and scan.free(index)):
            continue
        noun = tokens[index - 1].lower
        if noun.endswith("s") and noun[:-1] in _APPOSITIVE_ORG_NOUNS:
            noun = noun[:-1]  # "3 community colleges (Pima, Maricopa, ...)"
        right_after = noun in _APPOSITIVE_ORG_NOUNS or noun == "co"  # "a trucking co. (X)"
        if noun == "home" and scan.word_before(index - 1) in _KINDS_OF_HOME:
            right_after = True  # "Our care home (Four Seasons)"
        if noun == "job":
            right_after = True  # "without telling my main job (Brookdale)"
        if right_after:
            if scan.known(t) and (noun not in _COMPANY_NOUNS or _role_of(scan, index - 1)):
                continue  # "a client (Sarah Jones)", "the CEO of our company (Marcus X)"; but
                # "my company (Sakura Denki)"
        elif scan.known(t):
            continue  # "my coworker (Oluwaseun)"
        elif noun in JOB_WORDS and not _initials_of_a_body(t) and not _posters_job(scan, index - 1):
            continue  # "my coworker (Jaxon)"; but "My union rep (PSAC)", "a bus driver (First
            # Student)"
        elif not _workplace_before(scan, index, acronym=employer_acronym(t)):
            continue
        last = _capitalized_run_end(scan, index)  # "(Healthcare Australia)"
        # "a SaaS company (Zendesk)": a product's maker, named as the company, is one
        maker = right_after and (t.lower in PRODUCT_COMPANIES or t.lower in CHAIN_EMPLOYERS)
        if (last == index and t.lower in STOP_WORDS and not maker) or any(
            tokens[i].lower in JOB_WORDS for i in range(index, last + 1)
        ):
            continue  # "my uni lab (Kyoto)": a place; "at my level (Senior Analyst)": a job
        closing = scan.text[tokens[last].stop : tokens[last].stop + 3].lstrip('"”')
        if closing[:1] in (")", ",") or (
            right_after and closing[:1] == " " and closing[1:].islower()
        ):
            scan.add("organization", index, last)  # and "a private hospital (Pantai if ...)"


# "(a hotel, Eko Grand Suites)", "(small one, Cobaltline)": inside parentheses, a word for
# an organization, then its name set off by a comma.
_NOUN_THEN_NAME_IN_PARENTHESES = re.compile(
    r"\((?:(?:a|an|the|our|my)[ \t]+)?(?:[a-z]+[ \t]+){0,2}(?P<noun>[a-z]+),[ \t]+$"
)


_NOUNS_NAMED_IN_PARENTHESES = _APPOSITIVE_ORG_NOUNS | APPOSITIVE_EMPLOYER_NOUNS | {"one"}


def named_inside_parentheses(scan: Scan) -> None:
    """A name set off by a comma after a word for an organization, inside parentheses:
    "(a hotel, Eko Grand Suites)", "(small one, Cobaltline)"; not a person ("(a customer,
    Mrs Patel)")."""
    tokens = scan.tokens
    for index, t in enumerate(tokens):
        if scan.text[t.start - 2 : t.start] != ", " or not (t.cap or employer_acronym(t)):
            continue  # most words: checked first, as the rest costs more
        if not scan.free(index) or t.lower in TITLES:
            continue
        m = _NOUN_THEN_NAME_IN_PARENTHESES.search(scan.text, max(0, t.start - 40), t.start)
        if not m or m["noun"] not in _NOUNS_NAMED_IN_PARENTHESES:
            continue
        last = _capitalized_run_end(scan, index)
        if last > index or not scan.known(t):  # "(a hotel, Eko Grand Suites)"; not "Sarah"
            scan.add("organization", index, last)


def _posters_job(scan: Scan, noun: int) -> bool:
    """Whether the job at `noun` is the poster's own: an occupation after "a" or "an", or
    "here" ("i'm a school bus driver (First Student)", "uni tutor here (monash)"); not a
    colleague's ("my coworker (Jaxon)", "a coworker (Trish)")."""
    word = scan.tokens[noun].lower
    if word == "here":
        return scan.word_before(noun) in OCCUPATIONS
    if word not in OCCUPATIONS or word in COLLEAGUES or word in ROLE_CUES:
        return False
    return any(scan.word_before(noun, n) in ("a", "an") for n in (1, 2, 3))


def _role_of(scan: Scan, noun: int) -> bool:
    """Whether a role of the organization comes before its noun: "the CEO of our company"."""
    return (
        scan.word_before(noun) in _DETERMINERS
        and scan.word_before(noun, 2) == "of"
        and (scan.word_before(noun, 3) in JOB_WORDS)
    )


def _initials_of_a_body(t: Token) -> bool:
    """Capitals of three letters or more that are no workplace shorthand: "PSAC", not "JD"."""
    return employer_acronym(t) and len(t.word) > 2


def _workplace_before(scan: Scan, index: int, acronym: bool) -> bool:
    """Whether the words just before `index`, in its sentence, speak of a workplace ("a
    grocery chain", "working at a Big 4") or, before initials, of a job ("Public servant in
    Ottawa (ESDC)")."""
    for back in range(1, _PARENTHESES_WINDOW_WORDS + 1):
        at = index - back
        if at < 0:
            return False
        word = scan.tokens[at].lower
        if word in _WORKPLACE_BEFORE_PARENTHESES or (acronym and word in JOB_WORDS):
            return True
        if word in ("at", "for") and scan.word_before(at) in JOB_WORDS:
            # "working at a Big 4 in Gurgaon (EY)"; but "My coworker at Target (Makayla)"
            named_right_after = all(scan.tokens[i].cap for i in range(at + 1, index))
            return acronym or not (named_right_after and scan.word_before(at) in COLLEAGUES)
        if scan.tokens[at].initial:
            return False
    return False


def employer_by_cue(scan: Scan, index: int) -> bool:
    """Employers after a cue ("at Initech", "our client, Globex", "anyone from Hooli",
    "joined Amazon", "at the Copper Kettle") or before one ("the Datadog offer")."""
    t = scan.tokens[index]
    if t.lower in TITLES or t.lower.endswith(HONORIFIC_ENDINGS):
        return False  # "our client Herr Vogt", "I work with Suzuki-sensei": a person
    if _IS_OUR_CLIENT.match(scan.text, t.stop) and (
        t.lower in PRODUCT_COMPANIES or scan.name_word(t)
    ):
        scan.add("organization", index, index)
        return True
    if (
        scan.word_before(index) == "the"
        and scan.name_word(t)
        and _COMPLAINED_TO_THE.search(scan.text, max(0, t.start - 40), t.start)
        and not _names_a_job(scan, index)  # "complained to the Deputy Head"
    ):
        scan.add("organization", index, scan.run_end(index))  # "report this to the Lokayukta"
        return True
    cue, before2 = _cue_before(scan, index)
    if t.folded in scan.names and (
        not _employer_despite_name(cue, before2) or _role_of(scan, index - 1)
    ):
        return False  # and "the CEO of our company (Marcus Whitfield)" is a person
    if not cue and (t.possessive or scan.appositive(t) == "organization"):
        return _employer_with_own_cue(scan, index)
    if _EMPLOYER_VERB_AFTER.match(scan.text, t.stop) and scan.word_before(index) not in ROLE_CUES:
        return _employer_with_own_cue(scan, index)  # but "My colleague Hessa shares photos"
    if (
        _DEPARTMENT_AFTER.match(scan.text, t.stop)
        and scan.name_word(t)
        and (not t.initial or not ordinary_word(t.word))  # and "Northstack IT laughed at me"
    ):
        scan.add("organization", index, index)  # "reported her to Quantix HR"
        return True
    if scan.name_word(t) and t.lower not in EMPLOYER_NOUNS and _is_an_organization(scan, index):
        scan.add("organization", index, scan.run_end(index))  # "Brightwater Care is a ..."
        return True
    job_cue = cue in ("from", "employer", "for", "at") or before2 in JOB_WORDS
    strong = job_cue if t.lower in TOOL_COMPANIES else job_cue or cue in STRONG_EMPLOYER_CUES
    as_modifier = index in scan.modifier_runs  # "our Initech team"
    if cue and t.word == "The" and not t.initial and _name_follows(scan, index):
        scan.add("organization", index, scan.run_end(index + 1))  # "at The Copper Pot"
        return True
    if not cue:
        if index not in scan.before_employer_words and not as_modifier:
            return False
        if scan.word_before(index) in COLLEAGUES:
            return False  # "My colleague Hessa shares photos": not the "Acme shares" slump
        if t.initial and not (as_modifier and made_up(t.word)):
            return False  # but "Froedtert nurses come find us"
        strong = True  # "the Datadog offer"
    if t.lower in PRODUCT_COMPANIES and strong:
        scan.add("organization", index, index)
        return True
    if not scan.name_word(t):
        return job_cue and _named_by_later_words(scan, index)  # "at Epic Games"
    last = scan.run_end(index)
    team_word_after = (
        last + 1 < len(scan.tokens) and scan.tokens[last + 1].lower in NOT_AFTER_EMPLOYER
    )
    if team_word_after and not as_modifier:  # "joined the Data Analytics team"
        return True
    scan.add("organization", index, last)
    return True


_EVENT_WORDS = frozenset(
    {"party", "conference", "meeting", "offsite", "retreat", "dinner", "lunch", "drinks"}
    | {"awards", "summit", "gala", "fair", "expo", "hackathon", "kickoff", "festival", "day"}
)


def _named_by_later_words(scan: Scan, index: int) -> bool:
    """After a job's cue, a run whose first word is an ordinary capitalized word but a later
    one could be a name: "at Epic Games", "for Team Liquid", "at Wizards of the Coast"; not
    "at Head Office" or "for Customer Success"."""
    last = _capitalized_run_end(scan, index)
    words = range(index + 1, last + 1)
    if last == index or any(scan.tokens[i].lower in JOB_WORDS for i in range(index, last + 1)):
        return False
    if scan.tokens[last].lower in _EVENT_WORDS:
        return False  # "at the Summer Party"
    if not any(scan.name_word(scan.tokens[i]) for i in words):
        return False
    scan.add("organization", index, last)
    return True


def _names_a_job(scan: Scan, index: int) -> bool:
    """Whether the capitalized words from `index` (and the word after them) name a job:
    "the Deputy Head", "the Practice Manager"."""
    last = min(scan.run_end(index) + 1, len(scan.tokens) - 1)
    return any(scan.tokens[i].lower in JOB_WORDS for i in range(index, last + 1))


# "at the Copper Kettle", "for a Walmart DC": a cue, then an article, then the name.
_CUES_BEFORE_ARTICLE = frozenset({"at", "for"})
# Nouns after which even a first name is an employer: "my company (Sakura Denki)".
_COMPANY_NOUNS = frozenset(
    {"company", "employer", "firm", "startup", "agency", "chain", "brand", "franchise"}
)  # "a jewellery chain (Michael Hill)"


def _cue_before(scan: Scan, index: int) -> tuple[str, str]:
    """The employer cue right before the word ("" if none), and the word before that."""
    before, before2 = scan.word_before(index), scan.word_before(index, 2)
    if before in ("the", "a", "an") and before2 in _CUES_BEFORE_ARTICLE:
        after = scan.run_end(index) + 1
        at_site = after < len(scan.tokens) and scan.tokens[after].lower in SITE_NOUNS
        # "at the Joliet warehouse" is a place as often as an employer; but "at the Amazon
        # warehouse", and "at a Kumon centre" (a chain: one of its sites)
        if at_site and before == "the" and scan.tokens[index].lower not in PRODUCT_COMPANIES:
            return "", before2
        return before2, scan.word_before(index, 3)
    cued = (
        before in EMPLOYER_CUE_WORDS
        or (before2, before) in EMPLOYER_CUE_PHRASES
        or (before == "for" and before2 in JOB_WORDS)  # "a driver for Schneider"
        or (before == "for" and _work_before(scan, index - 1))  # "I work in esports for Fnatic"
        or (before == "from" and _someone_before(scan, index - 1))  # "Liam O'Shea from Devolver"
        or (before in ("through", "thru", "via") and _hired_before(scan, index - 1))  # "via Pulse"
        or (
            before == "with"
            and (before2 in OCCUPATIONS or before2 in _POSTS)
            and (
                {scan.word_before(index, n) for n in (3, 4, 5)} & _BEFORE_A_POST
                or any(_opens_with_a_post(scan, index - n) for n in (2, 3) if index >= n)
            )
        )  # "a postie with Australia Post", "I am site engineer with Arabtec", "Sparky
        # apprentice with Downer." opening a post
        or (before == "for" and before2 in SITE_NOUNS)  # "a warehouse for Amazon"
        or (before in _CUES_AFTER_PLACE and _job_and_place_before(scan, index - 1))
    )
    capitalized_noun = before in NOUN_EMPLOYER_CUES and not scan.tokens[index - 1].word.islower()
    if not cued or (capitalized_noun and not scan.tokens[index - 1].initial):
        return "", before2  # "Customer Advisory Board" is a name; "Client Fintrack owes me" a cue
    return before, before2


# What comes before one's post in "a postie with Australia Post", "I am site engineer with
# Arabtec" (as posters writing in a second language put it), "working as nurse with ...".
_BEFORE_A_POST = frozenset({"a", "an", "am", "i'm", "im", "as"})
_WORK_WORDS = frozenset({"work", "works", "worked", "working", "job", "intern", "interning"})
# "I drive a truck for Werner", "I do home visits for Bluebird Care", "subbing for Pimlico
# Plumbers": doing the work, one to four words before "for".
_WORK_WORDS |= {"drive", "drives", "driving", "deliver", "delivers", "delivering", "deliveries"}
_WORK_WORDS |= {"shifts", "visits", "subbing", "contracting", "volunteer", "volunteering"}
# Who comes from an employer: "a recruiter from Hays", "some guy from Devolver".
_FROM_SOMEONE = frozenset({"guy", "girl", "someone", "somebody", "people", "rep", "contact"})
_FROM_SOMEONE |= {"reps", "recruiter", "recruiters", "agent", "vendor", "consultant", "consultants"}
_FROM_SOMEONE |= {"auditor", "auditors", "contractor", "contractors", "salesman", "salesperson"}


def _opens_with_a_post(scan: Scan, index: int) -> bool:
    """Whether the word opens its sentence and is no article: "Sparky apprentice with
    Downer."; not "The cashier with Okonkwo was rude"."""
    t = scan.tokens[index]
    return t.initial and t.lower not in ARTICLES


def _work_before(scan: Scan, cue: int) -> bool:
    """Whether a word for working comes one to four words before "for": "I work in esports
    for Fnatic", "working on contract for Telus", "home visits for Bluebird Care"."""
    return any(scan.word_before(cue, n) in _WORK_WORDS for n in (1, 2, 3, 4))


_HIRED_WORDS = frozenset({"agency", "shifts", "placed", "hired", "contracted", "employed", "temp"})
_THROUGH_A_TIME = frozenset({"work", "working", "worked", "push", "pushed", "stay", "get", "go"})
_PAY_WORDS = frozenset({"pay", "pays", "paid", "paying", "payment", "payments", "transfer"})


# A platform a gig worker works on or through is their employer: "a freelance tutor on
# Preply", "I work freelance through iSign", "a cleaner at Heathrow (via OCS)"; never a tool,
# a day or a platform for posting ("a tutor on Discord", "got my job through LinkedIn"), a
# wallet ("paid through PayPal") or a time ("worked through Covid").
_GIG_WORKERS = frozenset({"gig", "gigs", "freelance", "freelancer", "freelancing", "tasker"})
_GIG_WORKERS |= {"seller", "tutor", "tutoring", "worker", "walker", "sitter", "babysitting"}
_WORKERS_ON = _GIG_WORKERS | OCCUPATIONS
_WORKING_THROUGH = _WORKERS_ON | JOB_WORDS | _WORK_WORDS
_THROUGH = frozenset({"through", "thru", "via"})
_WORDS_BEFORE_THROUGH = 5


def platforms_worked_on(scan: Scan) -> None:
    """A capitalized name after "on" right after a gig worker's noun, or after "through"
    with the work in the words before it, in its sentence (see above)."""
    for index, t in enumerate(scan.tokens):
        if index < 2 or not scan.free(index) or scan.known(t):
            continue
        if not (t.cap or _camel_case(t.word)) or t.lower in STOP_WORDS or t.lower in TITLES:
            continue
        if t.lower in HANDLE_PLATFORMS:
            continue
        before = scan.word_before(index)
        if before in _THROUGH:
            cued = _worked_through(scan, index - 1)
        else:
            cued = before == "on" and scan.word_before(index, 2) in _WORKERS_ON
        if cued:
            scan.add("organization", index, scan.run_end(index))


def _worked_through(scan: Scan, through: int) -> bool:
    """Whether the work comes in the few words of the sentence before "through"."""
    words = []
    for t in reversed(scan.tokens[max(0, through - _WORDS_BEFORE_THROUGH) : through]):
        words.append(t.lower)
        if t.initial:
            break  # the sentence starts here
    if not words or words[0] in _THROUGH_A_TIME or _PAY_WORDS.intersection(words):
        return False
    return bool(_WORKING_THROUGH.intersection(words))


def _hired_before(scan: Scan, cue: int) -> bool:
    """Whether a job or a word for being hired comes just before "through" or "via": "agency
    nurse (UK) via Pulse", "Supply teacher in Birmingham through Reed Education"."""
    words = [scan.word_before(cue, n) for n in (1, 2, 3, 4)]
    if _PAY_WORDS.intersection(words) or words[0] in _THROUGH_A_TIME:
        return False  # "The owner pays her through PayPal": how; "work through Tết": when
    return any(word in JOB_WORDS or word in _HIRED_WORDS for word in words)


def _someone_before(scan: Scan, cue: int) -> bool:
    """Whether a person found, or someone who comes from a firm, is right before "from";
    not a colleague's home town ("her mate from Derby", "a teacher from Wolverhampton")."""
    return scan.kind_at.get(cue - 1) == "person" or scan.word_before(cue) in _FROM_SOMEONE


# What someone holds with an employer: "a care job with Bluebird Care".
_POSTS = frozenset({"job", "gig", "placement", "contract", "internship", "apprenticeship"})
# "Delivery rider in São Paulo for iFood", "Security guard in Durban with Fidelity ADT": a
# job, where it is, then the employer.
_CUES_AFTER_PLACE = frozenset({"for", "at", "with"})
_PLACE_WORDS = 3  # at most "Rio de Janeiro"


def _job_and_place_before(scan: Scan, cue: int) -> bool:
    """Whether a job and where it is come before the cue at `cue`: "carer in Durban for",
    "I work in Buenos Aires for", "engineer in Lahore at"."""
    tokens, at = scan.tokens, cue - 1
    place_words = 0
    while at > 0 and tokens[at].cap and place_words < _PLACE_WORDS and scan.joined(at, at + 1):
        at, place_words = at - 1, place_words + 1
    if not place_words or tokens[at].lower not in ("in", "near") or not scan.joined(at, at + 1):
        return False
    before = scan.word_before(at)
    return before in JOB_WORDS or before in SITE_NOUNS  # and "a call centre in Cork for Apple"


def _employer_despite_name(cue: str, before2: str) -> bool:
    """Whether a cue says employer even of a word that is a first name: "my company (Sakura
    Denki)", "I got hired at Zara"; not "I yelled at Zara"."""
    return cue in _COMPANY_NOUNS or (cue == "at" and before2 in JOB_WORDS)


def _name_follows(scan: Scan, index: int) -> bool:
    """Whether a name word comes right after the word at `index`."""
    nxt = index + 1
    return nxt < len(scan.tokens) and scan.joined(index, nxt) and scan.name_word(scan.tokens[nxt])


def employer_acronym(t: Token) -> bool:
    """An all-caps word that may be an employer's name (IBM, KPMG), not shorthand (EOD, HR);
    not a code with digits either ("JFK8", "KS4"): a listed employer (G4S) is found by name."""
    return (
        t.word.isupper()
        and 2 <= len(t.word) <= 6
        and t.word.isalpha()
        and t.lower not in WORKPLACE_ACRONYMS
    )


def _shouted(scan: Scan, index: int) -> bool:
    """Whether the word stands among other words in capitals: "WORK FROM HOME" is shouting,
    not an employer's initials."""
    neighbours = (scan.tokens[i] for i in (index - 1, index + 1) if 0 <= i < len(scan.tokens))
    return any(len(t.word) > 1 and t.word.isupper() for t in neighbours)


# Prepositions after which a name in capitals, not workplace shorthand, is an organization:
# "our delegate from NYSNA", "partners with UNHCR", "the number for SUNAFIL".
_ACRONYM_CUES = frozenset({"from", "with", "for", "by", "through"})
# "I reported it to AHPRA", "threatening to go to ARCON": the body someone reports to.
_REPORTED_TO = re.compile(
    r"\b(?:(?:report(?:ed|ing)?|complain(?:ed|ing)?|escalat(?:e|ed|ing)|go|went|going|write|wrote"
    r"|take|took|bring|brought)"
    r"(?:[ \t]+(?:it|this|him|her|them|me|us))?[ \t]+to"
    r"|rang|ring|call(?:ed|ing)?|phoned|contact(?:ed|ing)?)[ \t]+(?:the[ \t]+)?$",
    re.IGNORECASE,
)  # and "Rang SOLAS about it", "Called the DOL wage line"
# "report this to the Lokayukta", "complained to the Ombudsman": a body a name is taken to.
_COMPLAINED_TO_THE = re.compile(
    r"\b(?:report(?:ed|ing)?|complain(?:ed|ing)?|escalat(?:e|ed|ing)|whistleblow(?:ed|ing)?)"
    r"(?:[ \t]+(?:it|this|him|her|them|me|us))?[ \t]+to[ \t]+the[ \t]+$",
    re.IGNORECASE,
)
# "INMO rep said", "QBCC said to lodge a claim", "HIQA inspection is next month": what a body
# in capitals does or has, right after its name (three letters or more: "JD said" is a person).
_BODY_AFTER = re.compile(
    r"[ \t]+(?:said|says|told|confirmed|ruled|replied|banned|fined|are[ \t]+aware|rep|reps|delegate"
    r"|organi[sz]er|inspection|inspectors?|hotline|helpline|code[ \t]+of[ \t]+practice"
    r"|local|branch|(?:are|is)[ \t]+balloting"  # a union: "My AFSCME local says"
    r"|has[ \t]+a[ \t]+(?:\w+[ \t]+)?(?:line|hotline|helpline))\b"  # "AHS has a staff line"
)
# "a translator for the UN", "at the DMV"; not "through": "go through the NIC" (the nurse
# in charge).
_CUES_BEFORE_THE = frozenset({"from", "with", "for", "by", "at"})


# "Who do I even report this to? AHPRA?", "Where do I complain, Norka?": a body asked about
# on its own after talk of reporting.
_ASKED_WHERE_TO_REPORT = re.compile(
    r"\b(?:report|complain|escalate|who\s+do\s+i\s+(?:call|contact|ring)|next\s+step)", re.I
)
_ASKED_REACH = 80  # characters before the question in which reporting is spoken of


def bodies_asked_about(scan: Scan) -> None:
    """A name or capitals standing alone as a question after talk of where to report:
    "AHPRA?", "Next step WRC?"; never a known first name ("Sarah?")."""
    if "?" not in scan.text:
        return
    tokens = scan.tokens
    for index, t in enumerate(tokens):
        if scan.text[t.stop : t.stop + 1] != "?" or not scan.free(index):
            continue
        if not (employer_acronym(t) or (scan.name_word(t) and not ordinary_word(t.word))):
            continue  # not "Sarah?" or "Oops??"
        before = scan.text[max(0, t.start - 2) : t.start]
        if not (t.initial or before == ", " or scan.word_before(index) == "step"):
            continue
        if _ASKED_WHERE_TO_REPORT.search(scan.text, max(0, t.start - _ASKED_REACH), t.start):
            scan.add("organization", index, index)


def acronym_employers(scan: Scan) -> None:
    """All-caps names after an employer cue or before what only an employer does or has:
    "After IBM acquired us", "our biggest client, QVX,", "an offer from KPMG", "IBM's
    layoffs"; never workplace shorthand ("at EOD", "from HR", "the QA team")."""
    tokens = scan.tokens
    for index, t in enumerate(tokens):
        if not employer_acronym(t) or not scan.free(index) or _shouted(scan, index):
            continue
        before, before2 = scan.word_before(index), scan.word_before(index, 2)
        if before == "the" and before2 in _CUES_BEFORE_THE:
            before, before2 = before2, scan.word_before(index, 3)  # "a translator for the UN"
        if (
            before in EMPLOYER_CUE_WORDS
            or before in _ACRONYM_CUES
            or (before2, before) in EMPLOYER_CUE_PHRASES
            or index in scan.modifier_runs  # "the HMRC inspector"
            or (t.possessive and _owned_noun_after(scan, index))
            or _EMPLOYER_VERB_AFTER.match(scan.text, t.stop)
            or _REPORTED_TO.search(scan.text, max(0, t.start - 40), t.start)
            or (len(t.word) > 2 and _BODY_AFTER.match(scan.text, t.stop))
            or (before in ("a", "an", "same") and _site_after(scan, index))  # "an HCA hospital"
        ):
            scan.add("organization", index, index)


def _site_after(scan: Scan, index: int) -> bool:
    """Whether a word for one of an employer's sites follows: "an HCA hospital"."""
    nxt = index + 1
    return nxt < len(scan.tokens) and (
        scan.tokens[nxt].lower in SITE_NOUNS or scan.tokens[nxt].lower in ("hospital", "clinic")
    )


_OWNED_GAP_WORDS = 2  # "Shell's new travel policy"


def _owned_noun_after(scan: Scan, index: int) -> bool:
    """Whether what an employer has follows, a few lowercase words on: "Zentrix's CEO",
    "Shell's new travel policy"."""
    tokens = scan.tokens
    for nxt in range(index + 1, min(index + 2 + _OWNED_GAP_WORDS, len(tokens))):
        if tokens[nxt].lower in EMPLOYER_OWNED_NOUNS:
            return True
        if not tokens[nxt].word.islower() or not _next_to(scan, nxt - 1, nxt):
            return False
    return False


# An employer's department after its name: "Quantix HR", "Globex Payroll".
_DEPARTMENT_AFTER = re.compile(
    r"[ \t]+(?:HR|IT|Payroll|Legal|Recruiting|Compliance|Security|Facilities)\b(?![ \t]+[A-Z])"
)
# "Brightwater Care is a nursing home", "Quorvex is a small agency": what the name is.
_IS_A = re.compile(r"[ \t]+(?:is|was)[ \t]+(?:a|an)[ \t]+(?P<words>[\w-]+(?:[ \t]+[\w-]+){0,2})")


_IS_A_NOUNS = _APPOSITIVE_ORG_NOUNS | {"home", "company", "startup"}


def _is_an_organization(scan: Scan, index: int) -> bool:
    """Whether the capitalized run at `index` is then said to be an organization: "Sunrise
    Dental is a small practice", "Brightwater Care is a nursing home"."""
    last = scan.run_end(index)
    m = _IS_A.match(scan.text, scan.tokens[last].stop)
    return bool(m) and any(word.lower() in _IS_A_NOUNS for word in m["words"].split())


def _employer_with_own_cue(scan: Scan, index: int) -> bool:
    """ "Zentrix's CEO", "Paylio, a Berlin fintech", "Quantix acquired ...": what follows
    the word says employer."""
    t = scan.tokens[index]
    if t.possessive:
        owned = _owned_noun_after(scan, index)
        if not owned and index not in scan.modifier_runs:  # "Hooli's promo committee"
            return False
        if t.lower in PRODUCT_COMPANIES:  # "Google's offer"
            scan.add("organization", index, index)
            return True
    elif t.lower in PRODUCT_COMPANIES:  # "Uber deactivated me", "Amazon acquired us"
        scan.add("organization", index, index)
        return True
    if not scan.name_word(t):
        return False
    scan.add("organization", index, index)
    return True


_INNER_CAPITAL = re.compile(r"[a-z]+[A-Z][A-Za-z]*")  # "eBay", "dataWeave"
_LOWERCASE_CUES = frozenset({"at", "for", "from"})  # not "with": "i work with kubernetes"
_JOINING_CUES = frozenset({"joined", "quit", "employer"})  # not "to" or "by": "to summarise"
_WORDS_BEFORE_LOWERCASE_EMPLOYER = _LOWERCASE_CUES | _JOINING_CUES | _COMPANY_NOUNS | {"the"}
_LOWERCASE_EMPLOYER_LETTERS = 4  # "lidl", "pret"; never "bp" or "ups"


def lowercase_employers(scan: Scan) -> None:
    """Employers written in lowercase or with an inner capital, right after a job and its
    preposition: "cashier at lidl", "my coworkers at sodexo", "i work at google", "i
    freelance for dataWeave", "work at eBay". A lowercase word there is an employer when
    it is one we know or a word no dictionary holds ("at lunch" is neither)."""
    tokens = scan.tokens
    for index, t in enumerate(tokens):
        if not scan.free(index) or t.cap or len(t.word) < _LOWERCASE_EMPLOYER_LETTERS:
            continue
        if index == 0 or tokens[index - 1].lower not in _WORDS_BEFORE_LOWERCASE_EMPLOYER:
            continue  # most words: checked first, as the rest costs more
        inner_capital = bool(_INNER_CAPITAL.fullmatch(t.word)) and t.lower not in STOP_WORDS
        if inner_capital and _after_job(scan, index):
            scan.add("organization", index, index)  # "work at eBay"; never "work with jQuery"
            continue
        if not t.word.islower() or not _after_job(scan, index):
            continue
        if t.lower in HANDLE_PLATFORMS or t.lower in EMPLOYER_NOUNS or t.lower in SITE_NOUNS:
            continue  # "our company minecraft server", "we work from the cafe downstairs"
        known = (t.lower,) in WELL_KNOWN_EMPLOYERS.get(t.lower, ()) or (
            t.lower in PRODUCT_COMPANIES and t.lower not in TOOL_COMPANIES  # "the company slack"
        )
        if known or made_up(t.word, _LOWERCASE_EMPLOYER_LETTERS):
            scan.add("organization", index, index)


def _after_digit(scan: Scan, index: int) -> bool:
    """Whether the token is written right after a digit ("pm" in "11pm")."""
    start = scan.tokens[index].start
    return start > 0 and scan.text[start - 1].isdigit()


# What people do at work, said as a verb or a noun of the work, before "at" or "for".
_WORK_VERBS = frozenset(
    {"bartend", "bartending", "waitress", "waitressing", "serve", "serving", "cook", "cooking"}
    | {"clean", "cleaning", "deliver", "delivering", "delivery", "deliveries", "nanny", "tutor"}
    | {"teach", "teaching", "intern", "interning", "temp", "temping", "shifts", "stocking"}
    | {"retail", "nights", "weekends"}  # "i work retail at Zara", "i work nights at a 7-Eleven"
    | {"team", "we're", "we’re", "i'm", "i’m", "im"}  # "my team at ibm", "we're at hubspot"
)


def _after_job(scan: Scan, index: int) -> bool:
    """Whether the word follows a job and its preposition ("cashier at", "work for", "laid
    off from") or a strong cue ("joined", "my company")."""
    before, before2 = scan.word_before(index), scan.word_before(index, 2)
    if before == "the":  # "i work at the dunkin"; not "a": "a talk at a meetup"
        before, before2 = before2, scan.word_before(index, 3)
        index -= 1  # and count the words before from "the"
    if index >= 2 and _after_digit(scan, index - 2):
        before2 = ""  # "at 11pm with screenshots": "pm" is a time, not a project manager
    if before in _LOWERCASE_CUES:
        return (
            before2 in JOB_WORDS
            or before2 in _WORK_VERBS  # "i bartend at hooters", "pizza delivery for dominos"
            or (before2, before) in EMPLOYER_CUE_PHRASES
            or _job_and_place_before(scan, index - 1)  # "rider in São Paulo for iFood"
        )
    return before in _JOINING_CUES or before in _COMPANY_NOUNS


# 'Worked at "Sunny Side Up" diner', "a shift at 'The Copper Pot'": a capitalized name in
# quotes right after an employer cue.
_QUOTED_AFTER_CUE = re.compile(
    r"\b(?:at|for|from|joined|quit)[ \t]+[\"“'‘](?P<name>[A-Z][\w&'’ .-]{1,40}?)[\"”'’](?!\w)"
)


def quoted_employers(scan: Scan) -> None:
    """A capitalized name in quotes after an employer cue: 'worked at "Sunny Side Up"'; its
    words are capitalized and not all of them job titles or stop words ('for "Manager"')."""
    for m in _QUOTED_AFTER_CUE.finditer(scan.text):
        first = scan.token_at.get(m.start("name"))
        if first is None:
            continue
        last = first
        while last + 1 < len(scan.tokens) and scan.tokens[last + 1].end <= m.end("name"):
            last += 1
        words = scan.tokens[first : last + 1]
        if (
            all(scan.free(i) for i in range(first, last + 1))
            and all(t.cap or t.lower in _CONNECTORS for t in words)
            and any(scan.name_word(t) for t in words)  # not 'for "Manager"'
            and words[0].word != "I"  # not a quoted sentence: 'from "I don't see..."'
            and not (len(words) == 2 and scan.known(words[0]))  # 'from "Jennifer Walsh"'
        ):
            scan.add("organization", first, last)


# The last word of "<name>'s <business>": "Tony's Auto Body", "Vince's Auto", "Murphy's
# Taproom", "Nonna's Kitchen".
_BUSINESS_WORDS = (
    COMPANY_SUFFIXES
    | WEAK_COMPANY_SUFFIXES
    | {
        "auto",
        "body",
        "garden",
        "pizza",
        "grill",
        "bar",
        "pub",
        "deli",
        "market",
        "repair",
        "repairs",
        "diner",
        "salon",
        "nails",
        "tavern",
        "taproom",
        "barbershop",
        "pizzeria",
        "garage",
        "trattoria",
        "bistro",
        "kitchen",
    }
)


def possessive_businesses(scan: Scan) -> None:
    """A name's possessive, then capitalized words ending in a word for a business, is the
    business, first name and all: "Tony's Auto Body in Joliet", "Shop is Vince's Auto"."""
    tokens = scan.tokens
    for index in range(len(tokens) - 1):
        t = tokens[index]
        if not (t.possessive and t.cap) or scan.text[t.stop : tokens[index + 1].start] != " ":
            continue
        if not tokens[index + 1].cap or not scan.free(index):
            continue
        last = _capitalized_run_end(scan, index + 1)
        if tokens[last].lower in _BUSINESS_WORDS and all(
            scan.free(i) for i in range(index, last + 1)
        ):
            scan.add("organization", index, last)


def described_employers(scan: Scan) -> None:
    """A name of several capitalized words that a phrase set off after it calls an
    organization, even when it begins with a first name: "Nova Softworks, a firm the VP
    recommended", "Harbor Lane, a small agency,"."""
    tokens = scan.tokens
    for index, t in enumerate(tokens):
        if not t.cap or not scan.free(index) or t.lower in TITLES or t.lower in STOP_WORDS:
            continue
        last = scan.run_end(index)
        if last > index and scan.appositive(tokens[last]) == "organization":
            scan.add("organization", index, last)


_CALLED_WORDS_BACK = 4  # "a small logistics startup in Yaba called Dispatchly"


def employers_called(scan: Scan) -> None:
    """A capitalized name after "called" or "named" a few words after a word for an
    organization: "a startup in Yaba called Dispatchly", "an agency called Global Care
    Pathways" (its first word may be an ordinary one); not "a client called Sarah"."""
    tokens = scan.tokens
    for index, t in enumerate(tokens):
        if not t.cap or index < 2 or tokens[index - 1].lower not in ("called", "named"):
            continue
        if not scan.free(index) or t.lower in TITLES:
            continue
        if not _org_noun_before(scan, index - 1):
            continue
        last = _capitalized_run_end(scan, index)
        if last > index or (scan.name_word(t) and not scan.known(t)):
            scan.add("organization", index, last)


def _org_noun_before(scan: Scan, index: int) -> bool:
    """Whether a word for an organization comes right before `index`, or a few words before
    it with where it is in between ("a startup in Yaba called"; not "a company created a
    role called")."""
    tokens = scan.tokens
    for at in range(index - 1, max(-1, index - 1 - _CALLED_WORDS_BACK), -1):
        if tokens[at].lower in _APPOSITIVE_ORG_NOUNS or tokens[at].lower in SITE_NOUNS:
            return at == index - 1 or tokens[at + 1].lower in ("in", "near", "from", "outside")
        if tokens[at].initial:
            return False
    return False


# "UA Local 290", "Unite Here Local 54", "AFGE Local 2578": a union's local, by its number.
_UNION_LOCAL = re.compile(r"\b(?:[A-Z][\w&-]*[ \t]+){1,3}Local[ \t]+\d{1,5}\b")


def union_locals(scan: Scan) -> None:
    """Unions' locals named by their number ("IBEW Local 46"), wherever they are written;
    never "The Local 12" or "Our Local 7" alone."""
    for m in _UNION_LOCAL.finditer(scan.text):
        first = scan.token_at.get(m.start())
        if first is None:
            continue
        if scan.tokens[first].lower in _DETERMINERS:
            first += 1  # the regex's words end at "Local": a token always follows
        if scan.tokens[first].lower == "local":
            continue
        local = first + 1
        while scan.tokens[local].lower != "local":
            local += 1
        if all(scan.free(i) for i in range(first, local + 1)):
            scan.add("organization", first, local, end=m.end())


# "Company is Sisk", "Restaurant is Nonna's Kitchen in Bristol", "Company: Ross", "Main
# contractor is Sisk": a name given as what a word for an employer is.
_EMPLOYER_IS = re.compile(
    r"\b(?:company|employer|firm|agency|restaurant|clinic|contractor|provider|salon|practice"
    r"|trust|hotel|cafe|café|venue|shop|store|school|bakery|garage|studio|union|place|pub"
    r"|bar|business|brokerage|dealership|lab|hospital|ngo|charity|nonprofit|organi[sz]ation"
    r"|district|factory|farm|resort)(?:[ \t]+name)?(?:[ \t]+daw)?"
    r"(?:[ \t]+(?:is|was)(?:[ \t]+(?:at|called|named))?[ \t]+|:[ \t]*)"
    r"(?=[A-Z])",  # and "Lab is at UCSF", "Restaurant is called Golden Lotus"
    re.IGNORECASE,
)


def employers_named_as_such(scan: Scan) -> None:
    """A capitalized name given as what the employer is: "Company is Sisk", "Clinic name is
    Coastal Motion Physio"; a single word only when no dictionary holds it ("the agency
    is Great" is not one), and never a person's title ("The firm is Mr Patel's")."""
    for m in _EMPLOYER_IS.finditer(scan.text):
        first = scan.token_at.get(m.end())
        if first is None or not scan.free(first):
            continue
        t = scan.tokens[first]
        named_the = t.word == "The" and first + 1 < len(scan.tokens) and scan.tokens[first + 1].cap
        if named_the:
            first, t = first + 1, scan.tokens[first + 1]  # "Hotel is The Grand Harbour Inn"
        if not (t.cap or employer_acronym(t)) or t.lower in TITLES or t.word == "I":
            continue
        last = _capitalized_run_end(scan, first)
        if last == first and ordinary_word(t.word) and not (scan.known(t) or named_the):
            continue  # not "the agency is Great"; but "Company: Ross", "Company is Canva"
        scan.add("organization", first, last)


# "started at monday.com", "my role at Booking.com", "employed through Care.com": a bare host
# right after an employer cue, or before a word for a job there, names the employer.
# Not "for"; and not where the host is a place to go to: "apply at amzn-jobs.net", "a form at
# meta-careers.net", "my resume is up at rachelmoorecv.com".
_CUE_BEFORE_HOST = re.compile(
    r"(?<!\bapply )(?<!\bform )(?<!\bup )(?<!\bonline )\b(?:at|through|joined)[ \t]+$",
    re.IGNORECASE,
)
_JOB_AFTER_HOST = re.compile(
    r"[ \t]+(?:role|job|team|office|offer|interview|internship|position|stint)\b", re.IGNORECASE
)
_BARE_HOST = re.compile(r"[A-Za-z0-9-]+\.(?:com|io|co|net|org|ai)")
# A host written with a capital, as a company's name is: "working in Amsterdam for
# Booking.com", "in front of Booking.com"; a link is written in lowercase.
_CAPITALIZED_HOST_CUE = re.compile(r"\b(?:for|of|with|from)[ \t]+$")


# The listed names that open with a number, spelled as listed in any case: "7-Eleven",
# "7-eleven", "84 Lumber".
_NUMBERED_EMPLOYER = re.compile(
    r"(?<![\w.$£€-])(?:" + "|".join(map(re.escape, NUMBERED_EMPLOYERS)) + r")(?![\w-])",
    re.IGNORECASE,
)


def numbered_employers(text: str) -> list[Finding]:
    """Employers whose names open with a number (`data/numbered_employers.txt`), which the
    word rules never see: "i do nights at a 7-Eleven in Osaka"."""
    if not any(c.isdigit() for c in text):
        return []
    return [
        Finding("organization", m.start(), m.end(), m.group())
        for m in _NUMBERED_EMPLOYER.finditer(text)
        if " " not in m.group()
        or not m.group().islower()  # not "played 2k games", "99 ranch hands"
    ]


def hosts_naming_employers(text: str, urls: list[Finding]) -> list[Finding]:
    """The links in `urls` that are an employer's name: a bare host ("monday.com", no path)
    after an employer cue or before a job word."""
    return [
        Finding("organization", f.start, f.end, f.text)
        for f in urls
        if _BARE_HOST.fullmatch(f.text)
        and (
            _CUE_BEFORE_HOST.search(text, max(0, f.start - 12), f.start)
            or _JOB_AFTER_HOST.match(text, f.end)
            or (
                f.text[:1].isupper()
                and _CAPITALIZED_HOST_CUE.search(text, max(0, f.start - 8), f.start)
            )
        )
    ]
