"""People: the rules that find a person's name.

A first name from `FIRST_NAMES` (accents optional: "Sofia" finds "Sofía") counts anywhere,
alone or possessive; any other capitalized word needs a cue around it:

- a title ("Dr.", "Ms.") or a role or relation word before it ("my manager Sarah", "our
  director, Samantha Reyes", "a colleague named Aisha", "my lead is Priya", "my wife Ana");
- a phrase before it ("Ask for Hélène", "we call her Gosia", "talked to Jun-ho", "I asked
  Kemi", "everyone knows Thorvald", "me and Thorvald", "said Marguerite", "hey, it's Grace",
  "1:1 with Obiora", a signature "— Tadeusz");
- what follows it: a speech verb ("Lars replied"), "(she/her)", "Apinya got let go",
  "Thorvald is on leave", "Chad, who ...", "Minh and I", "Nadia from marketing", ", our new
  CTO," or "(my manager)", or a possessive with a personal noun ("Karthik's wife");
- the first part of a mailbox or handle in the same text (Grace and grace.obi@outlook.com),
  or a hyphenated Korean given name inside a sentence ("Jun-ho").

A sentence's first word needs more: only verbs that a document cannot do ("Quentin told me",
not "Contract says 3"), and "what follows" cues only when it is not a plural. A name runs over
its surnames and particles ("Nguyen Thi Lan", "Siobhan Ní Bhriain", "Juan Carlos de la
Fuente"). First names that are also ordinary words, months or places
(`AMBIGUOUS_FIRST_NAMES`: Will, May, Grace, Sydney…) need a cue or a surname. Listed names in
lowercase count with a cue ("my coworker bernardo", "adebayo and I"), and in a text written in
lowercase so does an unlisted word between a role and a verb ("my coworker tavita keeps").
"""

from __future__ import annotations

import re

from .dictionary import common_word, ordinary_word
from .scan import Scan
from .text import Token, squash
from .wordlists import (
    AMBIGUOUS_FIRST_NAMES,
    ARTICLES,
    COMPANY_SUFFIXES,
    CORE_SPEECH_VERBS,
    DETERMINERS,
    JOB_WORDS,
    LOWERCASE_WORDS,
    NAME_PARTICLES,
    NOT_KOREAN_NAMES,
    NOT_LOWERCASE_NAMES,
    OCCUPATIONS,
    PERSON_CUE_PHRASES,
    PERSONAL_NOUNS,
    ROLE_CUES,
    SELF_INTRODUCTION_WORDS,
    SPEECH_VERBS,
    STOP_WORDS,
    TIME_WITH_PERSON,
    TITLES,
    VERBS_AFTER_LOWERCASE_NAME,
    WORDS_BEFORE_PERSON,
    alternation,
)

_NAME_PARTS = 6  # at most "Juan Carlos de la Fuente" or "Nguyen Thi Lan"
# Capitalized words that are never a surname ("Tom Nguyen" yes, "Will Review" no).
_NOT_SURNAMES = STOP_WORDS | COMPANY_SUFFIXES
# "1:1 with Ifeoma", "lunch with Bram": time spent with someone.
_WITH_PERSON = re.compile(rf"\b(?:{alternation(TIME_WITH_PERSON)})[ \t]+with[ \t]+$", re.IGNORECASE)
# A signature on its own line: "— Tomás", "-- Priya".
_SIGNATURE_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:—|–|--|~)[ \t]*$")
_SIGNATURE_AFTER = re.compile(r"[ \t]*(?:$|\n)")
# After a capitalized word: what only a person does or is.
_DEPARTMENT = (
    r"(?:marketing|sales|finance|legal|hr|it|ops|operations|engineering|accounts|accounting"
    r"|payroll|procurement|compliance|support|design|product|research|purchasing|logistics"
    r"|admin|reception|security|billing|claims|underwriting|facilities|dispatch|housekeeping"
    r"|team|dept|department)"
)
# "priya from accounts", "tomasz from it": a lowercase name and where in the company.
_FROM_DEPARTMENT = re.compile(rf"[ \t]+from[ \t]+(?:(?:the|my|our)[ \t]+)?{_DEPARTMENT}\b")
_PERSON_AFTER = re.compile(
    r"[ \t]*\((?:she|he|they)/"
    r"|[ \t]+(?:sir|ma['’]am|madam|ji|bhai|didi)\b"  # "Shivakumar sir, if you're reading this"
    r"|[ \t]+please[ \t]+(?:stop|don['’]t|just|leave|give|pay|answer|reply|call)\b"
    r"|[ \t]+(?:just\s+)?(?:got|was|were|has\s+been|had\s+been|is\s+being|been)\s+"
    r"(?:fired|let\s+go|laid\s+off|promoted|demoted|hired|pipped|sacked|poached|terminated)\b"
    r"|[ \t]+(?:apologi[sz]ed|resigned|retired|cried|quit)\b"
    # what a colleague does to or for others: "Kirra gave out my mobile", "Mikkel wants me",
    # "Oluwadamilare keeps cc'ing", "Chase overruled her", "Barb literally wrote"
    r"|[ \t]+(?:(?:still|literally|just|always|never|also|then|now)[ \t]+)?"
    r"(?:wants[ \t]+(?:me|us|everyone|to)|keeps[ \t]+[\w']+ing|gave[ \t]+(?:out|me|us|away)"
    r"|overruled|presented[ \t]+(?:it|my|our)|wrote[ \t]+(?:my|our|\d+)"
    r"|sent[ \t]+(?:me|us|the|my|out)|owns[ \t]+the|took[ \t]+(?:over|credit)"
    r"|brought[ \t]+(?:in|up|store|her|his|their|a|the)|stole|reads[ \t]+(?:every|all|my)"
    r"|talked[ \t]+(?:to|down|over)[ \t]+(?:me|us|her|him)"
    r"|got[ \t]+(?:the|a|my)[ \t]+(?:promotion|raise|job|role|bonus|lead|position)"
    r"|covers[ \t]+(?:my|for[ \t]+me|for[ \t]+us)"
    r"|blamed[ \t]+(?:me|us)|cc'?(?:ed|s|ing))\b"
    # "Sharma ji makes juniors stand", "Tanaka-sama": an honorific after a name
    r"|[ \t]+(?:ji|san|sama|sahib|saab)\b"
    # "Ama Owusu is my real name", "Summer (yes that's her real name)"
    r"|[ \t]*\(?(?:yes,?[ \t]+)?(?:is|that['’]?s|it['’]?s)[ \t]+(?:my|her|his|their)[ \t]+"
    r"(?:real|actual|legal|full)[ \t]+name"
    r"|[ \t]+is[ \t]+(?:kind[ \t]+of[ \t]+|quite[ \t]+|a[ \t]+)?(?:a[ \t]+)?(?:unique|rare|unusual)"
    r"[ \t]+name"
    # "Anneliese Vogt <a.vogt@example.com>": the name of an email's sender or recipient
    r"|[ \t]*<[^<>@\s]+@"
    # "Sophie-Anne in marketing": a person and their department
    # "siobhan in billing", "chris in my team"
    rf"|[ \t]+in[ \t]+(?:(?:the|my|our)[ \t]+)?{_DEPARTMENT}\b"
    r"|[ \t]+is[ \t]+(?:going|off|away)[ \t]+on[ \t]+(?:mat|maternity|paternity|parental"
    r"|sick|medical|annual|study)?[ \t]*leave\b"
    r"|[ \t]+(?:is|was)[ \t]+(?:leaving|quitting|retiring|pregnant|out[ \t]+sick"
    r"|on[ \t]+(?:leave|vacation|holiday|PTO|parental|maternity|paternity|sick))\b"
)
# Inside a sentence, also: "Chad, who keeps posting", "Minh and I", "adebayo and i".
_PERSON_AFTER_INSIDE = re.compile(
    r",?[ \t]+who\b|[ \t]+and[ \t]+(?:[Ii]|me)\b|[ \t]+(?:left|joined)[ \t]+(?:the|our|us|my)\b"
)
# "Sky is his nephew", "Dana is my skip-level", "Mark is the CEO": who the word is.
_IS_MY_ROLE = re.compile(
    r"[ \t]+(?:is|was)[ \t]+(?:(?:still|now|also)[ \t]+)?(?:his|her|my|their|our|the)[ \t]+"
    r"(?:(?:new|own|old|best|former|current|favourite|favorite)[ \t]+)?"
    rf"(?i:{alternation(ROLE_CUES)})\b(?!['’])"  # "Mark is the CEO"; not "is the manager's job"
)
HONORIFIC_ENDINGS = ("-san", "-sama", "-kun", "-chan", "-sensei", "-ji")
# Words before a place: a capitalized word after one is a place, not a person ("a school in
# Osaka and I ...", "my coworker Sydney moved to Sydney").
PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near", "of", "via", "outside"})
_IS_ME = re.compile(r"[ \t]+is[ \t]+me\b")  # "jess is me"
# "Grace my team lead literally has none": who the word is, with no comma.
_MY_ROLE_AFTER = re.compile(
    rf"[ \t]+(?:my|our)[ \t]+(?:(?:new|team|shift|line|store)[ \t]+)?(?:{alternation(ROLE_CUES)})\b"
    r"(?!['’])"
)
_AND_I = re.compile(r"[ \t]+and[ \t]+(?:I|me)\b")
# "Nadia from marketing", "Sipho from the Johannesburg office": a person and where they work.
_FROM_TEAM = re.compile(r" from (?:the|our|my|their)\b| from [a-z]| from [A-Z]{2,4}\b")
# A sentence's first word needs what they then did too: "Jordan from legal said no", "Sunny
# from HR said", not "Pushback from legal was ...".
_FROM_TEAM_THEN_ACTS = re.compile(
    r" (?:from|in) (?:the[ \t]+)?(?:[A-Z]{2,4}|[a-z]+)[ \t]+"
    r"(?:said|says|told|asked|called|emailed|messaged|texted|clicked|wants|wanted|keeps|"
    r"approved|refused|rejected|insisted|replied|sent|gave|shared|forwarded|marked|took|"
    r"moved|closed|changed|booked|cancell?ed|reassigned|escalated)\b"
)
# "hey, it's Grace", "Hi all, I'm Tomás": a greeting and a self-introduction.
_INTRODUCTION = re.compile(
    r"\b(?:hi|hey|hello|hiya|dear|greetings)\b[\s,!.]*(?:(?:all|everyone|folks|team|there)\b"
    r"[\s,!.]*)?(?:it['’]?s|i['’]?m|this\s+is|my\s+name\s+is)\s+$",
    re.IGNORECASE,
)
# Korean given names are usually two syllables joined by a hyphen ("Jun-ho", "Seo-yeon"); an
# English hyphenated word rarely splits into two syllables that romanized Korean allows.
_KOREAN_SYLLABLE = (
    r"(?:[bdghjkmnprstwy]|ch|kk|tt|pp|ss|jj)?"
    r"(?:a|ae|e|eo|eu|i|o|oe|oo|u|ui|ya|yae|ye|yeo|yo|yu|wa|wae|we|wi|wo|ee)(?:ng|n|m|k|l|p)?"
)
_KOREAN_NAME = re.compile(rf"{_KOREAN_SYLLABLE}-{_KOREAN_SYLLABLE}")


# 'everyone calls her "Generał"', 'who goes by "Pops"': a nickname in quotes after a naming
# verb; and 'Mine is "Grubas"', 'Tomek is \'Łysy\'' where the text speaks of nicknames.
_QUOTED_NICKNAME = re.compile(
    r"\b(?P<cue>call(?:s|ed|ing)?[ \t]+(?:me|him|her|them|us|everyone)|nicknamed|goes[ \t]+by"
    r"|went[ \t]+by|known[ \t]+as|mine['’]s|mine[ \t]+is|is)[ \t]+[\"“'‘]"
    r"(?P<name>[A-ZÀ-ÖØ-Þ\u0100-\u017f][\w’-]{1,20})[\"”'’]"
)
_NICKNAME_TALK = re.compile(r"\bnick\s?names?\b", re.IGNORECASE)
_NICKNAME_TALK_REACH = 200  # characters before 'is "…"' in which nicknames are spoken of


def quoted_nicknames(scan: Scan) -> None:
    """People's nicknames in quotes: 'everyone calls her "Generał"', 'goes by "Pops"', and
    'Mine is "Grubas"' in a text that speaks of nicknames (not 'the answer is "No"')."""
    if '"' not in scan.text and "“" not in scan.text and "'" not in scan.text:
        return
    for m in _QUOTED_NICKNAME.finditer(scan.text):
        if m["cue"] in ("is", "mine is", "mine's", "mine’s") and not _NICKNAME_TALK.search(
            scan.text, max(0, m.start() - _NICKNAME_TALK_REACH), m.start()
        ):
            continue
        index = scan.token_at.get(m.start("name"))
        if index is None or not scan.free(index) or scan.tokens[index].lower in JOB_WORDS:
            continue  # 'My job title is "Coordinator"'
        if scan.tokens[index].end == m.end("name"):
            scan.add("person", index, index)


def people_named_by_mailboxes(scan: Scan) -> None:
    """A first name and surname that spell a mailbox of the same text, whole or by the first
    initial: "Alana Reyes" with areyes@reyeslaborlaw.com, "Tom Keane" with tomkeane@..."""
    whole_names = scan.contacts.whole_names
    if not whole_names:
        return
    tokens = scan.tokens
    for index in range(len(tokens) - 1):
        first, last = tokens[index], tokens[index + 1]
        if not (first.cap and last.cap and scan.joined(index, index + 1)):
            continue
        given, surname = squash(first.word), squash(last.word)
        spelled = {given + surname, given[:1] + surname, given + surname[:1]}
        if spelled & whole_names and scan.free(index) and scan.free(index + 1):
            scan.add("person", index, index + 1)


def titled_people(scan: Scan) -> None:
    """Titles: "Dr. Rajesh Kumar", "Ms. Okafor", "Mr. De la Cruz"."""
    tokens = scan.tokens
    for index, t in enumerate(tokens[:-1]):
        if t.lower not in TITLES or not (t.word[0].isupper() or t.lower in _LOWERCASE_TITLES):
            continue  # and "signed off by mr. Delgado"
        gap = scan.text[t.end : tokens[index + 1].start]
        if gap not in (" ", ". ", ".\u00a0") or not scan.free(index + 1):
            continue
        nxt = tokens[index + 1]
        if nxt.cap and nxt.lower not in STOP_WORDS:
            scan.add("person", index + 1, name_end(scan, index + 1))
        elif (
            t.lower in _LOWERCASE_TITLES  # "Mr. Ó Briain"; not "a Chef de Partie"
            and nxt.lower in NAME_PARTICLES
            and index + 2 < len(tokens)
            and tokens[index + 2].cap
        ):
            scan.add("person", index + 1, name_end(scan, index + 2))


def person_cue(scan: Scan, index: int) -> bool:
    """Whether the words around an unlisted (or ambiguous) capitalized word say it is a
    person: a role word, a verb that takes a person, a greeting, what follows it."""
    t = scan.tokens[index]
    return (
        _role_cue(scan, index)
        or _phrase_cue(scan, index)
        or _speech_after(scan, index)
        or _person_after(scan, index)
        or _in_contacts(scan, t)
        or (not t.initial and "-" in t.word and _korean_name(t.word))
        or t.lower.endswith(HONORIFIC_ENDINGS)  # "Hiroshi-san (my senpai)"
    )


_NICKNAME_PREFIXES = frozenset({"big", "little", "young", "old"})


def strong_person_cue(scan: Scan, index: int) -> bool:
    """Cues strong enough to make a person of a name that is also a place or a season:
    "my coworker Sydney", "Paris from finance clicked it", "Summer owns the release"."""
    t = scan.tokens[index]
    return (
        _role_cue(scan, index)
        or bool(_PERSON_AFTER.match(scan.text, t.stop))
        or bool(_FROM_TEAM_THEN_ACTS.match(scan.text, t.stop))
        or (_AND_I.match(scan.text, t.stop) and scan.word_before(index) not in PLACE_PREPOSITIONS)
        or (scan.word_before(index) == "and" and scan.word_before(index, 2) == "me")  # "me and Jun"
        or (t.possessive and _personal_noun_after(scan, index))  # "Mark's response"
        or bool(_IS_MY_ROLE.match(scan.text, t.stop))  # "Mark is the CEO"
        or scan.appositive(t) == "person"  # "Paris, our new designer, renamed ..."
        or _speech_after(scan, index)  # "Summer asked me"
    )


def _in_contacts(scan: Scan, t: Token) -> bool:
    """Whether a mailbox or handle of the text is this person's: "Grace" and
    grace.obi@outlook.com, "Jun-ho" and @junho@mastodon.social."""
    key = squash(t.word)
    contacts = scan.contacts
    return key in contacts.first_names or ("-" in t.word and key in contacts.whole_names)


_RANKS = frozenset({"senior", "junior", "head", "lead", "chief", "assistant", "trainee"})


# "A PhD student, Fraser Campbell,", "The host (Lacey)", "Manager: Brent.": a person named
# right after who they are, set off by a comma, a bracket or a colon.
_PEOPLE_SET_OFF = ROLE_CUES | OCCUPATIONS | {"reader", "drummer", "singer", "guitarist", "host"}
_PEOPLE_SET_OFF |= {"creator", "student", "publicist", "guest", "fan", "parent", "neighbour"}
_PEOPLE_SET_OFF |= {"neighbor", "tenant", "landlord", "member", "influencer", "journalist"}
_PEOPLE_SET_OFF |= {"reporter", "author", "writer", "photographer", "player", "referee", "agent"}
_SET_OFF_AFTER_ROLE = re.compile(
    r"(?:\b(?:[Aa]n?|[Tt]he|[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir|[Yy]our|\w+['’]s)[ \t]+"
    rf"(?:[\w'’-]+[ \t]+){{0,2}}(?i:{alternation(_PEOPLE_SET_OFF)})(?:,[ \t]+|[ \t]*\([ \t]*)"
    rf"|(?:^|[.!?][ \t]+)(?i:{alternation(ROLE_CUES)}):[ \t]+)$"
)
# A name as names are written, not a username ("AlanWakeTruther", "GM_Bogdanovich").
_PLAIN_NAME = re.compile(r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ]+)?")
# "one of the chefs, Bill,": one of a group of workers, then a name set off by a comma.
_WORKERS = frozenset(word + "s" for word in JOB_WORDS) | {"guys", "girls", "takers"}
_ONE_OF_THE = re.compile(
    r"\bone[ \t]+of[ \t]+(?:the|my|our|his|her|their)[ \t]+(?:[\w-]+[ \t]+)?"
    rf"(?:(?i:{alternation(_WORKERS)})|[A-Z]{{2,4}}s)(?:,[ \t]+|[ \t]*\()$"  # "our MAs, Grace,"
)


# People someone works with, whose name may follow their employer's.
COLLEAGUES = frozenset(
    {"coworker", "co-worker", "colleague", "boss", "manager", "supervisor", "teammate"}
    | {"friend", "lead", "mate", "coworkers", "colleagues"}
)
# "My coworker at Texas Roadhouse, Kaylee,": a role at a named employer, then the name set
# off by a comma or in brackets.
_ROLE_AT_EMPLOYER = re.compile(
    rf"\b(?i:{alternation(COLLEAGUES)})[ \t]+(?:at|from)[ \t]+(?:the[ \t]+)?"
    r"[A-Za-z][\w'’&.-]*(?:[ \t]+[A-Za-z][\w'’&.-]*){0,3}(?:,[ \t]+|[ \t]+\()$"
)


def _name_closes(scan: Scan, index: int, bracket_after: bool = False) -> bool:
    """Whether the name (and a surname) ends at a comma or a bracket: "(Makayla)", ", Kaylee
    Ross,"; not "(Obajana plant)". With `bracket_after`, also before one or at a full stop:
    "Maddie Rourke (@maddierourkeee)", "Manager: Brent."."""
    last = index + 1 if index + 1 < len(scan.tokens) and scan.tokens[index + 1].cap else index
    after = scan.text[scan.tokens[last].stop : scan.tokens[last].stop + 2]
    return after[:1] in (",", ")") or (bracket_after and (after == " (" or after[:1] == "."))


# What sets a name off after who the person is: checked before the patterns below, which
# would cost a search at every capitalized word.
_SET_OFF_MARKS = frozenset({", ", " (", ": "}) | {"(" + c for c in " abcdefghijklmnopqrstuvwxyz"}


def _set_off_after_who(scan: Scan, index: int) -> bool:
    """A name set off right after who the person is: "My coworker at Texas Roadhouse,
    Kaylee,", "A PhD student, Fraser Campbell,", "The host (Lacey)", "Manager: Brent.", "one
    of the chefs, Bill,"."""
    start = scan.tokens[index].start
    window = max(0, start - 60)
    if _ROLE_AT_EMPLOYER.search(scan.text, window, start) and _name_closes(scan, index):
        return True
    if (
        _SET_OFF_AFTER_ROLE.search(scan.text, window, start)
        and _name_closes(scan, index, bracket_after=True)
        and _PLAIN_NAME.fullmatch(scan.tokens[index].word)
        and not STOP_WORDS.intersection(scan.tokens[index].lower.split("-"))
    ):
        return True
    return bool(_ONE_OF_THE.search(scan.text, window, start))


def _role_cue(scan: Scan, index: int) -> bool:
    """ "my manager Sarah", "PM Marisol", "a colleague named Aisha", "my lead is priya";
    not inside a capitalized title ("Engineering Manager Training")."""
    if index == 0:
        return False
    previous = scan.tokens[index - 1]
    before, before2 = scan.word_before(index), scan.word_before(index, 2)
    running = previous.word.islower() or previous.word.isupper()
    if running and before in ROLE_CUES and (before != "named" or before2):
        return True
    if (
        running
        and before in OCCUPATIONS
        and (before2 in DETERMINERS or before2 in ("a", "an") or before2 in _RANKS)
    ):
        return True  # "a barista, Tama, wants ...", "our courier Dave", "senior stylist Bex"
    if before == "called" and before2 in ("is", "was") and scan.word_before(index, 3) in ROLE_CUES:
        return True  # "Manager is called Shona"
    if previous.initial and before in ROLE_CUES and _name_before_lowercase(scan, index):
        return True  # "Owner Paddy won't answer", "Manager Raj said"
    if previous.initial and before in ROLE_CUES and _in_parentheses(scan, index):
        return True  # "Recruiter (Holly) now says"
    start = scan.tokens[index].start
    if scan.text[max(0, start - 2) : start] in _SET_OFF_MARKS and _set_off_after_who(scan, index):
        return True
    if before in _NICKNAME_PREFIXES and previous.cap and _may_be_a_name(scan, index):
        return True  # "Big Sal", "Little Mo"; not "Big Data"
    # "my lead is priya", "our lead engineer is kofi", "Supervisor is Dale."
    return (
        before in ("is", "was")
        and before2 in ROLE_CUES
        and (
            scan.word_before(index, 3) in DETERMINERS
            or scan.word_before(index, 4) in DETERMINERS
            or (scan.tokens[index - 2].initial and _may_be_a_name(scan, index))
        )
    )


def _may_be_a_name(scan: Scan, index: int) -> bool:
    """A listed or ambiguous first name, or a word too rare to be the word ("Trent"; the
    dictionary holds names too): not "Training"."""
    t = scan.tokens[index]
    return (
        scan.known(t)
        or t.word in AMBIGUOUS_FIRST_NAMES
        or not common_word(t.word, at_least=_WORD_NOT_NAME_FREQUENCY)
    )


def _in_parentheses(scan: Scan, index: int) -> bool:
    """Whether the word alone fills a pair of parentheses: "Recruiter (Holly) says"."""
    t = scan.tokens[index]
    return scan.text[t.start - 1 : t.start] == "(" and scan.text[t.stop : t.stop + 1] == ")"


def _name_before_lowercase(scan: Scan, index: int) -> bool:
    """Whether the word is no English word and a lowercase word follows, as a verb follows a
    name ("Paddy won't"): not a title's next word ("Manager Training is on Friday")."""
    nxt = index + 1
    t = scan.tokens[index]
    return (
        nxt < len(scan.tokens)
        and scan.tokens[nxt].word.islower()
        and (t.word in AMBIGUOUS_FIRST_NAMES or not ordinary_word(t.word))  # "Owner Mick doesn't"
    )


def _phrase_cue(scan: Scan, index: int) -> bool:
    """Phrases before a person: "Ask for Hélène", "we call her Gosia", "talked to
    Jun-ho", "I asked Kemi", "hey, it's Grace"."""
    t = scan.tokens[index]
    before, before2 = scan.word_before(index), scan.word_before(index, 2)
    if (before2, before) in PERSON_CUE_PHRASES or before in WORDS_BEFORE_PERSON:
        return True
    window = max(0, t.start - 60)
    if before in SELF_INTRODUCTION_WORDS:
        return bool(_INTRODUCTION.search(scan.text, window, t.start))
    if before == "with":
        return bool(_WITH_PERSON.search(scan.text, window, t.start))
    return scan.text[window : t.start].rstrip()[-1:] in "—–-~" and bool(
        _SIGNATURE_BEFORE.search(scan.text, window, t.start)
        and _SIGNATURE_AFTER.match(scan.text, t.stop)
    )


def _speech_after(scan: Scan, index: int) -> bool:
    """A speech verb after the word: "Lars replied". A sentence's first word that is an
    English word needs a verb that a document cannot do: "Quentin told me", not "Contract
    says 3"."""
    t = scan.tokens[index]
    if index + 1 >= len(scan.tokens):
        return False
    nxt = scan.tokens[index + 1]
    if scan.text[t.stop : nxt.start] not in (" ", ", "):
        return False
    if t.initial and ordinary_word(t.word):
        return nxt.lower in CORE_SPEECH_VERBS  # "Contract says 3" is no person
    if nxt.lower in _ADVERBS_BEFORE_SPEECH and index + 2 < len(scan.tokens) and t.word.islower():
        nxt = scan.tokens[index + 2]  # "gary just replied all"
    return nxt.lower in SPEECH_VERBS  # and "Mick says it was a team effort"


_ADVERBS_BEFORE_SPEECH = frozenset(
    {"just", "also", "then", "literally", "always", "never", "basically", "actually", "still"}
)


def _person_after(scan: Scan, index: int) -> bool:
    """What follows says a person: "Apinya got let go", "Chad, who ...", "Minh and I",
    "Nadia from marketing". Not after an article ("the Contractor who")."""
    t = scan.tokens[index]
    if scan.word_before(index) in ARTICLES:
        return False
    if t.possessive:
        return _personal_noun_after(scan, index)
    if scan.appositive(t) == "person" and not (t.initial and t.lower.endswith("ly")):
        return True  # "Ruairí, my tech lead, ...", but not "Frankly, our CTO, ..."
    if t.initial and t.lower.endswith("s") and t.lower[-2:-1] not in ("a", "i", "o", "u"):
        return False  # "Contractors who ...", "Recruiters got ..."
    if t.initial and len(t.word) >= 6 and t.lower.endswith("ing"):
        return False  # "Rostering keeps changing": an activity, not Jing or Ming
    if _PERSON_AFTER.match(scan.text, t.stop):
        return True
    in_run = index > 0 and scan.joined(index - 1, index) and scan.tokens[index - 1].cap
    if not in_run and _IS_MY_ROLE.match(scan.text, t.stop):
        return True  # not "Ngozi from Greenleaf Microfinance is my mentor"
    if _MY_ROLE_AFTER.match(scan.text, t.stop) and (
        t.word in AMBIGUOUS_FIRST_NAMES or (t.word[1:].islower() and not ordinary_word(t.word))
    ):  # not "DMing my teammates"
        return True  # "Grace my team lead has none"; not "Somehow my manager found out"
    if t.initial:
        if t.folded in scan.names and _AND_I.match(scan.text, t.stop):
            return True  # "Summer and I both applied"
        return bool(_FROM_TEAM_THEN_ACTS.match(scan.text, t.stop))
    if scan.word_before(index) in PLACE_PREPOSITIONS:
        return False  # "a school in Osaka and I need advice"
    return bool(
        _PERSON_AFTER_INSIDE.match(scan.text, t.stop) or _FROM_TEAM.match(scan.text, t.stop)
    )


def _personal_noun_after(scan: Scan, index: int) -> bool:
    """After a possessive, what a person has: "Karthik's wife", "marcos's girlfriend"."""
    nxt = index + 1
    return nxt < len(scan.tokens) and scan.tokens[nxt].lower in PERSONAL_NOUNS


def _korean_name(word: str) -> bool:
    """ "Jun-ho", "Seo-yeon": two romanized Korean syllables joined by a hyphen."""
    lower = word.lower()
    return (
        word[1:] == lower[1:]
        and lower not in NOT_KOREAN_NAMES
        and bool(_KOREAN_NAME.fullmatch(lower))
    )


def name_end(scan: Scan, index: int) -> int:
    """The last token of a name starting at `index`: its given name, surnames and
    particles ("Nguyen Thi Lan", "Siobhan Ní Bhriain", "Juan Carlos de la Fuente").
    Particles are only kept when a surname follows them."""
    last, nxt = index, index + 1
    while nxt < len(scan.tokens) and nxt - index < _NAME_PARTS and scan.joined(nxt - 1, nxt):
        if _surname_like(scan, nxt):
            last = nxt
        elif scan.tokens[nxt].lower not in NAME_PARTICLES:
            break
        nxt += 1
    return last


def _surname_like(scan: Scan, index: int) -> bool:
    """Can continue a name: "Nguyen" in "Tom Nguyen", not "Review" or "Will"."""
    t = scan.tokens[index]
    return (
        scan.free(index)
        and t.cap
        and t.lower not in _NOT_SURNAMES
        and t.word not in AMBIGUOUS_FIRST_NAMES
    )


def lowercase_names(scan: Scan) -> None:
    """Listed first names written in lowercase, with a cue: "my coworker bernardo",
    "my lead is priya", "adebayo and I". Never words such as "will" or "elif"."""
    for index, t in enumerate(scan.tokens):
        if not scan.free(index) or not t.word.islower() or len(t.word) < 3:
            continue
        if scan.casual() and _after_lowercase_title(scan, index):
            scan.add("person", index, index)  # "go to mr lyle", "my boss (mr. okafor)", "mrs kim"
            continue
        if t.lower in STOP_WORDS:
            continue
        if t.lower in LOWERCASE_WORDS:
            nxt = _next_word(scan, index)
            honorific = nxt is not None and nxt.cap  # "my team leader anh Tuấn"
            if scan.casual() and _role_cue(scan, index) and not honorific:
                scan.add("person", index, index)  # "my team leader dave", "my coworker tim"
            continue
        name = t.folded[0].upper() + t.folded[1:]
        if name in AMBIGUOUS_FIRST_NAMES:
            if _colleague_doing(scan, index):
                scan.add("person", index, index)  # "my coworker mark made a discord server"
            continue
        if name not in scan.names:
            if scan.casual() and _unlisted_lowercase_name(scan, index):
                scan.add("person", index, index)
            continue
        before = scan.word_before(index)
        if (
            _role_cue(scan, index)
            or _phrase_cue(scan, index)
            or _speech_after(scan, index)
            or _PERSON_AFTER.match(scan.text, t.stop)
            or _PERSON_AFTER_INSIDE.match(scan.text, t.stop)
            or _IS_MY_ROLE.match(scan.text, t.stop)
            or _IS_ME.match(scan.text, t.stop)
            or (t.possessive and _personal_noun_after(scan, index))
            or (before == "and" and scan.word_before(index, 2) == "me")
            or (scan.casual() and does_what_people_do(scan, index))
            or (scan.casual() and t.initial and _word_after_is_lowercase(scan, index))
            or _FROM_DEPARTMENT.match(scan.text, t.stop)
        ):
            scan.add("person", index, index)


# After a listed first name in lowercase text, what a colleague does: "aoife posted a pic".
_DONE_BY_PEOPLE = VERBS_AFTER_LOWERCASE_NAME | {"posted", "shared", "screenshotted", "added"}
_DONE_BY_PEOPLE |= {"made", "wrote", "covered", "posts", "makes", "writes"}
_DONE_BY_PEOPLE |= {"is", "was", "has", "had", "runs", "works", "knows", "got", "gets"}


def does_what_people_do(scan: Scan, index: int) -> bool:
    """Whether the next word is what a person does: "aoife posted", "Mark has"."""
    return _word_after_in(scan, index, _DONE_BY_PEOPLE)


def _word_after_is_lowercase(scan: Scan, index: int) -> bool:
    """Whether a lowercase word follows, one space on: "callum walked off", "karen then"."""
    nxt = _next_word(scan, index)
    return nxt is not None and nxt.word.islower()


def _next_word(scan: Scan, index: int) -> Token | None:
    """The next token when it is one space on ("aoife posted"), else None."""
    nxt = index + 1
    if (
        nxt < len(scan.tokens)
        and scan.text[scan.tokens[index].stop : scan.tokens[nxt].start] == " "
    ):
        return scan.tokens[nxt]
    return None


def _word_after_in(scan: Scan, index: int, words: frozenset[str]) -> bool:
    """Whether the next word, one space on, is one of `words`: "aoife posted", "tavita
    keeps"."""
    nxt = _next_word(scan, index)
    return nxt is not None and nxt.lower in words


_LOWERCASE_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "mx"})


def _colleague_doing(scan: Scan, index: int) -> bool:
    """A name that is also a word, in lowercase, between a colleague word and what people
    do: "my coworker mark made a discord server", "my coworker at amazon jordan keeps"; never
    "my coworker will help" (no verb a person does follows) or "a mark made by"."""
    if not scan.casual():
        return False
    before = scan.word_before(index)
    colleague = before in COLLEAGUES or (
        scan.word_before(index, 3) in COLLEAGUES and scan.word_before(index, 2) == "at"
    )
    return colleague and does_what_people_do(scan, index)


# A word this common in the dictionary's corpus is the word, not a name, after a title or a
# role: "dr. pepper" (7,921), "mr bean" (9,778), "Manager is Training"; names are rarer:
# "singh" (397), "lyle" (671), "smith" (1,006), "Trent".
_WORD_NOT_NAME_FREQUENCY = 5_000


def _after_lowercase_title(scan: Scan, index: int) -> bool:
    """A surname after a title written in lowercase: "mr lyle", "ms. pryor"; never an
    ordinary word ("mr nice guy", "dr. pepper")."""
    t = scan.tokens[index]
    if index == 0 or scan.tokens[index - 1].lower not in _LOWERCASE_TITLES:
        return False
    gap = scan.text[scan.tokens[index - 1].stop : t.start]
    return (
        scan.tokens[index - 1].word.islower()
        and gap in (" ", ". ")
        and t.word.isalpha()
        and not t.lower.endswith(("ed", "ing"))  # "my prof forwarded it"
        and not common_word(t.word, at_least=_WORD_NOT_NAME_FREQUENCY)
    )


def _unlisted_lowercase_name(scan: Scan, index: int) -> bool:
    """ "my coworker tavita keeps ...": an unlisted lowercase word between a role and a
    verb that a person does; not an adverb, a plural or a verb form ("my lead really")."""
    t = scan.tokens[index]
    if t.lower in NOT_LOWERCASE_NAMES or t.lower in SPEECH_VERBS or t.lower in JOB_WORDS:
        return False  # and not "the head teacher said"
    if t.lower.endswith(("ly", "ing", "ed", "s")) or not t.word.isalpha():
        return False
    if common_word(t.word):
        return False  # "the skip company doesn't": a common word after a role's is no name
    return _word_after_in(scan, index, VERBS_AFTER_LOWERCASE_NAME) and _role_cue(scan, index)
