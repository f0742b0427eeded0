"""Names of groups, chats, servers and pages, told by the word for what they are.

A group's name finds the people in it as surely as a handle does ("Lidl Castlebar Night
Fill" is one store's night shift), so it is found as a handle. Each word for a group (an app,
"WhatsApp", or a noun, "group chat", "server", or both) is found first, then the name:
- after it: 'our group chat "Craig's Angels"', "a WhatsApp called Greggs Early Birds", "the
  rota WhatsApp is Rosewood Nights Team", "a discord server (BAH Ops Lounge)", "a Teams chat
  XPO Rugby B-shift", 'there are 3 groups: "SNH Nurses Official", "SNH Night Shift Gist"';
- or before it: "the Queenstown Hospo Workers Facebook group", "in the AP Squad chat",
  '"Praca Dodatkowa Poznań" telegram group';
- or a few words on, after "called": 'a group chat with everyone but me called "cubicle row
  4"', 'a shared Spotify playlist at work called "3rd Floor Bangers"'.
Some names come without the word for them: 'calling me a scab in "CCEP Wakey Shop Floor"'
(a quoted name posted in), 'added me to "aldi crew 💙"' (a quoted name someone is put in or
taken out of, or made: 'Farah made "KL Makan Club 2"'), "It's called Standup Survivors" or
"it's called noodle gang" once a group was named, or a guild's tag in angle brackets ("a
raid guild, <Moonlit Cartographers>"). Quotes may be single too ("our grupo 'Agencia
Miraflores'"), never an apostrophe.
A name without quotes is a run of capitalized words or numbers (an emoji may end it); a name
in quotes is anything short that does not read as something said ('said in the chat "Can
someone cover Friday?"'), in lowercase too right after the word for a group ('our group
"wagas kitchen fam"'). An app's name alone ("on WhatsApp Business") names no group.
"""

from __future__ import annotations

import re

from .dictionary import made_up
from .findings import Finding
from .text import YEAR
from .wordlists import (
    ARTICLES,
    CHAT_APPS,
    EMPLOYER_NOUNS,
    FIRST_NAMES,
    GROUP_NOUNS,
    HANDLE_PLATFORMS,
    STOP_WORDS,
    alternation,
)

# Lists and stories that name a circle of people: 'the "Level 4 Birthdays" email list', 'a
# whatsapp broadcast list she calls ...', 'an insta close friends story called ...'.
_LIST_NOUN = r"(?:broadcast|e-?mail|mailing|distribution|close[ \t]+friends)[ \t]+(?:list|story)"
_NOUN = rf"(?i:{_LIST_NOUN}|{alternation(GROUP_NOUNS)})s?"
_HEAD = re.compile(
    rf"(?<![\w-])(?:(?P<app>(?i:{alternation(CHAT_APPS)}))"
    rf"(?:(?:[ \t]+|-)(?P<app_noun>{_NOUN}|(?i:room)))?"  # "Discord-Server", "KakaoTalk room"
    # and "group chat", "group text", "group DM"
    rf"|(?:open[ \t]+)?(?P<noun>{_NOUN}))(?:[ \t]+(?i:chat|text|dm))?(?![\w-])"
)
# What may come between the word for a group and its name: "called", "is", "name", ":".
_CUE = re.compile(
    # what it is for, or who is in it, before "called": 'a group chat for our shift called
    # "Eastern Creek D-Shift"', 'a group chat with everyone ... except me called "cubicle row
    # 4"'; or who or what it is for before a bracket: "a whatsapp for riders (TO Riders Pay
    # Fairly)", "a Telegram channel for the warehouse (Depot 7 Updates)"
    r"(?:(?P<gap>[ \t]+(?:[\w'’-]+[ \t]+){0,10}?[\w'’-]+"
    r"(?=,?[ \t]+(?:called|named|calls(?=[ \t]+[\"“]))\b))"  # 'a list she calls "..."'
    r"|[ \t]+(?:for|with|without)[ \t]+(?:[\w'’-]+[ \t]+){0,7}?(?P<for_whom>[\w'’-]+)"
    # "a slack community for indie hackers, Bootstrapped Bharat,"
    r"(?=[ \t]+\(|,[ \t]*(?:[\"“]|(?-i:[A-Z]))))?"
    r"(?:(?:['’]s|[ \t]+(?:is|was))(?:[ \t]+(?P<called>called|named))?"
    r"|,?[ \t]+\(?(?P<named>called|named|calls(?=[ \t]+[\"“]))|[ \t]+na"
    r"|[ \t]+name(?:[ \t]+is)?|[ \t]*(?P<colon>:)|(?P<comma>,))?[ \t]+(?:\([ \t]*)?",
    re.IGNORECASE,
)
# A short name in straight or curly quotes, on one line.
_DOUBLE_QUOTED_NAME = r"[\"“](?P<name>[^\"“”\n]{2,50})[\"”]"
# Or in single quotes, which an apostrophe does not open or close: "our group 'Tripulantes
# BOG'", "in 'Las Chicas de Sucursal 12'" (`_quoted` reads either).
_QUOTED_NAME = (
    rf"(?:{_DOUBLE_QUOTED_NAME}"
    r"|(?<![\w'‘])['‘](?P<single_name>[^'‘’\n]{2,50})['’](?![\w'’]))"
)
_QUOTED = re.compile(_QUOTED_NAME)
_NEXT_QUOTED = re.compile(rf"[ \t]*(?:,|and|or|&)[ \t]*{_QUOTED_NAME}")
_QUOTED_BEFORE = re.compile(
    rf"{_DOUBLE_QUOTED_NAME}[ \t]+$"
    r"|(?<![\w'’])['‘](?P<single_name>[A-Z][^'‘’\n]{1,48})['’][ \t]+$"
)  # and "in the 'Boots Till Girls' chat'
_BRACKETED = re.compile(r"(?P<name>[^()\n]{2,60})\)")
_TOKEN = re.compile(r"\S+")
# Inside a name: "Overheard at Tesco Bury", "Form 3 Parents & Teachers", "ONA Members – Region 3".
_JOINING_WORDS = frozenset({"of", "the", "at", "&", "de", "da", "do", "du", "del", "la", "le"})
_JOINING_WORDS |= frozenset({"des", "van", "von", "x", "–", "-", "y", "e", "à", "às"})
_JOINING_WORDS |= frozenset({"in", "for"})  # "Women in Tech Hyderabad", "Parents for Change"
_BRACKETED_JOINING_WORDS = _JOINING_WORDS | {"on", "and"}  # "(Jobs in Leicester)"
# How something said in a chat begins: 'she wrote in the chat "Who took my lunch"'.
_SAID_OPENINGS = frozenset(
    {"i", "i'm", "we", "you", "he", "she", "they", "it", "it's", "please", "can", "could"}
    | {"who", "what", "why", "how", "when", "hey", "hi", "hello", "thanks", "thank", "sorry"}
    | {"ok", "okay", "lol", "guys", "everyone", "yes", "no", "just", "don't", "do", "is"}
    | {"are", "this", "that", "let's", "good", "great", "well", "so", "oh", "omg", "pls"}
)
# Words of a sentence, not of a name: 'in the group "Thaís is too good to answer us"'.
_SAID_WORDS = frozenset({"is", "are", "was", "were", "you", "me", "my", "we", "i", "will"})
_SAID_WORDS |= frozenset({"can't", "don't", "have", "has", "not", "please", "your", "be", "it"})
_LONGEST_NAME = 7  # words; a longer run is a sentence, not a name
_TRAILING = ",.;:!?)"


# Apps whose names are also ordinary words count only when capitalized: "a Teams chat", "our
# LINE group"; never "both teams", "the line".
_APPS_THAT_ARE_WORDS = frozenset({"teams", "line", "signal", "messenger"})


# 'She posted my name in "CWU Mount Pleasant Members"', 'slagging me off in "Sky Livi
# Agents"': a quoted name posted in, in a sentence that speaks of posting; and "It's called
# ..." after a group was named.
_POSTED_IN = re.compile(rf"\bin[ \t]+{_QUOTED_NAME}")
_POSTING = re.compile(
    r"\b(?:post(?:s|ed|ing)?|wrote|shar(?:e|es|ed|ing)|sent|told|said|everyone|slagging|off"
    r"|added|mentioned|moaning|ranting|rsvp'?d"
    r"|calling|called|talking|talks|laughing|complaining|announced|poll|mod|admin|moderator)\b",
    re.IGNORECASE,
)
_ITS_CALLED = re.compile(
    r"\b(?:[Ii]t(?:['’]?s|[ \t]+(?:is|was))|[Tt]he[ \t]+(?:group|club|chat|server|page|channel)"
    r"(?:['’]s|[ \t]+is))[ \t]+(?:literally[ \t]+)?(?:called|named)[ \t]+"
)
# 'our work groupchat? it was "Hannah's Minions"': after a group was named, what "it" is,
# when the quoted words read as a name. (Not what it was renamed to: a joke name for a
# while, "Sales Squad 🔥", identifies no one.)
_IT_IS = re.compile(
    r"\b(?:[Ii]t|[Ll]atest|[Tt]he[ \t]+(?:latest|newest|new[ \t]+one))"
    r"(?:['’]s|[ \t]+(?:is|was))[ \t]+" + _QUOTED_NAME
)
# 'added me to "aldi crew 💙"', 'removed me from "Yamaha To Lap Rap 2"', 'got invited to
# "Sarah & Amir's Wedding 💍"': being put in or out of something quoted is a group's name;
# and what a name was changed to: 'changed her Teams name to "Gloria 👑 Boss"'.
_PUT_IN_OR_RENAMED = re.compile(
    r"\b(?:(?:add(?:ed)?|invit(?:e|ed)|remov(?:e|ed)|kick(?:ed)?|booted)"
    r"(?:[ \t]+(?:me|us|him|her|them|everyone))?[ \t]+(?:to|into|from|out[ \t]+of)"
    r"|(?:joined|left)"
    rf"|(?:user|display|screen|nick|group|{alternation(CHAT_APPS)})[ \t]?name[ \t]+to)[ \t]+$",
    re.IGNORECASE,
)
# 'Farah made "KL Treasury Makan Club 2" without him', 'made a new one called "Audit Fam
# (real)"': a quoted name made, once a group was named.
_MADE = re.compile(
    r"\b(?:made|created|started|set[ \t]+up)[ \t]+"
    r"(?:(?:a|another|a[ \t]+new|a[ \t]+second|their[ \t]+own)[ \t]+(?:one|group|chat|gc)"
    r"(?:[ \t]+(?:\w+[ \t]+){0,3}?(?:called|named))?[ \t]+)?$",
    re.IGNORECASE,
)
_BEFORE_A_QUOTE = 60  # characters looked at before a quote for the patterns that end there
# 'added to "Weekly Sync – Alignment"': a meeting invitation, not a group.
_MEETING = re.compile(
    r"\b(?:sync|stand-?up|meeting|retro|review|call|town\s?hall|all-hands|huddle|catch-?up"
    r"|check-?in|planning|workshop|training|webinar|1:1)\b",
    re.IGNORECASE,
)
# 'his finance youtube "CA Rohan Explains"', 'the office Strava club "Arup Runners Leeds"':
# a quoted name right after a platform that is not a chat app (those are heads above).
_ON_A_PLATFORM = re.compile(
    rf"(?<![\w-])(?i:{alternation(HANDLE_PLATFORMS - CHAT_APPS)})"
    r"(?:[ \t]+(?i:channel|page|club|group|account|profile|community))?[ \t]+$"
)
# "a raid guild, <Moonlit Cartographers>": a guild's name in angle brackets, as its game
# shows it, near the word "guild".
_GUILD_TAG = re.compile(r"<(?P<name>[A-Z][^<>\n]{1,40})>")
# The start of the last sentence: a full stop, "!" or "?" before a space (not the dot of
# "linkedin.com/in/…"), or a new line.
_SENTENCE_START = re.compile(r"(?:[.!?][ \t]|\n)(?:[^\n.!?]|[.!?](?![ \t]))*$")


def _named_without_their_word(text: str) -> list[Finding]:
    found = _called_once_named(text)
    if not any(mark in text for mark in "\"“'‘"):
        return found
    found += [
        _finding(m)
        for m in _POSTED_IN.finditer(text)
        if (
            _POSTING.search(_sentence_before(text, m.start()))
            or _group_named_before(text, m.start())  # 'in Teams chats too, like in "..."'
        )
        and _capitalized(_quoted(m))
        and _quoted_name(_quoted(m), cued=False)
    ]
    # The patterns that end at a quote are tried only before each quote, not at every word.
    for quoted in _QUOTED.finditer(text):
        window = max(0, quoted.start() - _BEFORE_A_QUOTE)
        name = _quoted(quoted)
        if _PUT_IN_OR_RENAMED.search(text, window, quoted.start()) or (
            _MADE.search(text, window, quoted.start()) and _group_named_before(text, quoted.start())
        ):
            if _quoted_name(name, True) and not _MEETING.search(name):
                found.append(_finding(quoted))
        elif _ON_A_PLATFORM.search(text, window, quoted.start()) and _quoted_name(name, False):
            found.append(_finding(quoted))
    for m in _IT_IS.finditer(text):
        if not _group_named_before(text, m.start()):
            continue
        quoted = m  # and those listed with it: 'Latest is "Friday Drinks" and "Santa Ops"'
        while quoted and _quoted_name(_quoted(quoted), cued=False):
            found.append(_finding(quoted))
            quoted = _NEXT_QUOTED.match(text, quoted.end())
    return found


def _called_once_named(text: str) -> list[Finding]:
    """What a group is called, after it was named ("a group chat? It's called Standup
    Survivors", 'its literally called "sausage roll survivors"') or by "The club is called
    ...": in quotes, in any case; without, in capitalized words or in lowercase ones that end
    in a word for its people ("it's called noodle gang")."""
    found = []
    for m in _ITS_CALLED.finditer(text):
        if m.group()[0] in "Ii" and not _group_named_before(text, m.start()):
            continue
        if quoted := _QUOTED.match(text, m.end()):
            if _quoted_name(_quoted(quoted), cued=True):
                found.append(_finding(quoted))
        else:
            found += _bare_name(text, m.end(), cued=True) or _lowercase_circle_run(text, m.end())
    return found


def _group_named_before(text: str, start: int) -> bool:
    """Whether a word for a group comes in the 120 characters before `start`, so that "it"
    may be that group."""
    return bool(_HEAD.search(text, max(0, start - 120), start))


def _guild_tags(text: str) -> list[Finding]:
    if "<" not in text:
        return []
    return [
        _finding(m)
        for m in _GUILD_TAG.finditer(text)
        if "guild" in text[max(0, m.start() - 60) : m.end() + 60].lower()
    ]


def _sentence_before(text: str, start: int, reach: int = 60) -> str:
    """The words of the sentence before `start`, at most `reach` characters of them."""
    before = text[max(0, start - reach) : start]
    boundary = _SENTENCE_START.search(before)
    return before[boundary.start() + 1 :] if boundary else before


def find_groups(text: str) -> list[Finding]:
    """Names of groups, chats, servers and pages (see the module docstring)."""
    found = _named_without_their_word(text) + _guild_tags(text)
    for head in _HEAD.finditer(text):
        if head["app"] and head["app"] in _APPS_THAT_ARE_WORDS and not _with_noun(head):
            after_a_name = _AFTER_A_QUOTE.search(text, max(0, head.start() - 3), head.start())
            if after_a_name and head["app"] != "line":  # not 'the "40% monthly" line'
                found += _name_before(text, head, bare=False)  # 'the "Kmart Casuals" messenger'
            continue  # "both teams"; but "a teams chat", "the signal group"
        found += _names_after(text, head)
        if head.group().lower() not in _NOT_NAMED_BEFORE:  # '"Grab support" account'
            found += _name_before(text, head, bare=_names_a_circle(head))
            found += _lowercase_name_posted_in(text, head)
    return found


_AFTER_A_QUOTE = re.compile(r"[\"”][ \t]+$")


# Words in a group's name that say it is a circle of people, even before "group" or "page":
# "our Premier Inn Night Team NW group", "the Lidl Mums page".
_CIRCLE_WORDS = frozenset(
    {"team", "crew", "squad", "gang", "fam", "family", "girls", "boys", "ladies", "lads"}
    | {"staff", "nurses", "drivers", "pickers", "mums", "moms", "parents", "juniors", "grads"}
    | {"trainees", "besties", "friends", "night", "nights", "shift", "shifts", "workers"}
    | {"residents", "directors", "managers", "members", "volunteers", "noticeboard"}
    | {"riders", "couriers", "cleaners", "carers", "agents", "teachers", "chefs", "cooks"}
    | {"baristas", "guards", "techs", "devs", "interns", "students", "temps", "coworkers"}
    | {"freshers", "alumni", "batch", "cohort", "survivors", "refugees", "sisters", "brothers"}
    | {"bros", "girlies", "homies", "owls", "testers", "playtesters", "runners"}
    | {"women", "men", "mothers", "dads", "fathers", "nightshift", "dayshift", "beginners"}
    | {"legends", "guys", "gals", "dolls", "peeps", "posse"}
)
# The same words, but "team", which a lowercase name ends in only as a phrase: "meet the
# team", "team spirit".
_PEOPLE_WORDS = _CIRCLE_WORDS - {"team"}
# Words between a group's word and "called" that make what is called something else: 'our
# Kanban board has a column called "Blocked"', "a little place called Nonna Rosa's".
_OTHER_THING = re.compile(
    r"\b(?:has|have|had|column|field|tab|sheet|file|folder|doc|document|list|place)\b", re.I
)
# Shared things with a name, found only after "called" or "named": 'a shared Spotify playlist
# called "3rd Floor Bangers"', 'a Pinterest board called "what Marta wore"', 'a private
# GitHub org called uipath-bucharest-fun'.
_NAMED_THINGS = frozenset({"playlist", "playlists", "board", "boards", "org", "thread", "space"})
_NAMED_THINGS |= {"circle", "blend"}  # 'a Life360 circle called "Okonkwo & Co Team"'
# A league is named after "called", never before it: not "the Fantasy Football league".
_LEAGUES = frozenset({"league", "leagues"})
_NAMED_THINGS |= _LEAGUES
# "a profile called Jenna Estimates": an account is named only after "called" or "named".
_ACCOUNT_NOUNS = frozenset({"profile", "profiles", "account", "accounts"})
_NOT_NAMED_BEFORE = _ACCOUNT_NOUNS | _LEAGUES
# "a local group (Bridezillas of Essex)", "a private group Xyz": a circle, not a company.
_CIRCLE_WORD_BEFORE = re.compile(
    r"\b(?:local|private|closed|secret|staff|team|crew|work|class|shift|raid|swap|hobby|study"
    r"|support|parents|friends|family|gaming)[ \t]+$",
    re.I,
)
# Around a name, "group" or "page" alone may be a company's: "the Aditya Birla group", "a
# restaurant group (Hospitality Holdings NW)".
_BARE_NOUNS_OF_COMPANIES = frozenset({"group", "groups", "page", "pages", "community", "channel"})
_BARE_NOUNS_OF_COMPANIES |= {"club", "clubs"}  # "a semi-pro club (Dartford FC)"


def _word_before_is_a_circle(text: str, start: int) -> bool:
    """Whether the word right before a group's noun says it is a circle of people, not a
    company: "a private group", "the local drivers group", "our nurses page"."""
    if _CIRCLE_WORD_BEFORE.search(text, max(0, start - 12), start):
        return True
    words = text[max(0, start - 30) : start].split()
    return bool(words) and words[-1].lower() in _CIRCLE_WORDS


def _names_its_people(name: str) -> bool:
    """Whether a word of the name says who is in it: "Cabuyao Hub Riders", "Ward 7 Nurses"."""
    return bool(_CIRCLE_WORDS.intersection(w.lower() for w in name.split()))


def _with_noun(head: re.Match) -> bool:
    return bool(head["app_noun"]) or head.group().lower().endswith("chat")


def _names_a_circle(head: re.Match) -> bool:
    """Whether the words for a group, after a name, say it is a group of people: "chat",
    "server", "Facebook group"; not an app alone ("the A&M Juniors WhatsApp" may be an
    employer's) or "group" alone ("the Aditya Birla group")."""
    if head["app"]:
        return _with_noun(head)
    noun = head.group().lower()
    never_before = _BARE_NOUNS_OF_COMPANIES | _ACCOUNT_NOUNS | _NAMED_THINGS  # "the X board"
    if re.fullmatch(_LIST_NOUN + "s?", noun):
        return False  # "the entire NHS Lothian mailing list" is an employer's
    return noun not in never_before and head.group().islower()


def _names_after(text: str, head: re.Match) -> list[Finding]:
    cue = _CUE.match(text, head.end())
    if not cue:
        return []
    # "called" names whatever follows; "is" only a name with a capital ('the server was
    # "acting up"'); after a colon, a name needs what it needs without a cue.
    called = bool(cue["called"] or cue["named"])
    if cue["gap"] and _OTHER_THING.search(cue["gap"]):
        return []  # "Line cook at a place called Nonna Rosa's", "a board has a column called"
    if (cue["for_whom"] or "").lower() in EMPLOYER_NOUNS:
        return []  # "we use discord for our indie studio (Lanternfish Games)": a company
    noun = head["noun"] or ""
    if noun.lower() in _NAMED_THINGS and not called:
        return []  # "a Pinterest board called ..."; never "the board (Jane Smith)"
    if noun and (noun[0].isupper() and noun != "GC" or noun.lower() in _ACCOUNT_NOUNS):
        if not cue.group().strip(" \t(:"):
            return []  # "Google Chat", "the Team Page"; but "Group is called …"
        if noun.lower() in _ACCOUNT_NOUNS and not called:
            return []  # "a profile called Jenna Estimates"; not "my account is locked"
    cued = bool(cue.group().strip(" \t(:"))
    position = cue.end()
    bracketed = "(" in cue.group()
    if (
        head.group().lower() in _BARE_NOUNS_OF_COMPANIES
        and not called
        and text[position : position + 1] not in "\"“'‘"
        and not _word_before_is_a_circle(text, head.start())
    ):  # "a restaurant group (Hospitality Holdings NW)" is a company; "the group MB
        # Parkoviště H4", "the group PUNE-BFS-L2" are not
        return [
            f
            for f in _bare_name(text, position, cued)
            if _numbered(f.text) or _shaped(f.text) or _names_its_people(f.text)
        ]  # and "a youtube channel KenjiCodesAtNight", "the page Cabuyao Hub Riders"
    quoted = _QUOTED.match(text, position)
    if cue["comma"] and not quoted:
        # 'the same WoW guild, "Taverns of Dalaran"'; "our riders Telegram, KL Riders
        # Brotherhood, that": a name set off by commas after a group of ours; never "the
        # chat, Dave Smith, said", "on WhatsApp, Microsoft Teams, and Slack" or "The GC
        # (general contractor), Havenbrook Builders,"
        if not _determined(text, head.start()) or head.group().isupper():
            return []
        return [
            f
            for f in _bare_name(text, position, cued=False)
            if text[f.end : f.end + 1] == "," and " " in f.text
        ]
    if quoted:
        if cue["colon"] and not _capitalized(_quoted(quoted)):
            return []  # 'a message on Slack: "sentimos sua falta 😉"' is something said
        # 'our group "wagas kitchen fam"', 'the discord "night shift degenerates"': right
        # after the word for a group, a quoted name in lowercase too.
        right_after = position == head.end() + 1
        strong = called or (cued and _capitalized(_quoted(quoted)))
        # and '… with the devs, "the jira club"', 'our group chat ("the day shift baddies")'
        lowercase_cued = right_after or cue["for_whom"] or bracketed
        strong = strong or (lowercase_cued and _lowercase_name(_quoted(quoted)))
        found = []
        while quoted and (
            _quoted_name(_quoted(quoted), strong)
            or (called and not noun.lower().startswith("page") and _called_so(_quoted(quoted)))
        ):
            found.append(_finding(quoted))
            quoted = _NEXT_QUOTED.match(text, quoted.end())
        return found
    if bracketed:
        inside = _BRACKETED.match(text, position)
        if inside and _bracketed_name(inside["name"]):
            return [_finding(inside)]
        return []
    if not cued and head["app"] and not head["app_noun"] and not _determined(text, head.start()):
        return []  # "on WhatsApp Business", "via Slack Connect"
    bare = _bare_name(text, position, cued)
    if not bare and (called or not cued):  # never after "is": 'the chat is dead lately 💀'
        bare = _lowercase_with_emoji(text, position)
    if not bare and called:  # "a snapchat group called pret soho squad where ..."
        return _lowercase_circle_run(text, position)
    return bare


def _name_before(text: str, head: re.Match, bare: bool) -> list[Finding]:
    """The name before the word for a group: in quotes before any ('the "Tesco Extra Night
    Crew" whatsapp'), in capitalized words before one that names a circle (`bare`), or a
    group, page or channel whose name says it is a circle ("our Premier Inn Night Team NW
    group") or has a number ("the AU Site 14 Swaps group"); in lowercase words only when they
    end in a word for its people and one of them is made up ("the whole tesco extra crew
    chat")."""
    window = text[max(0, head.start() - 80) : head.start()].rsplit("\n", 1)[-1]
    offset = head.start() - len(window)
    if quoted := _QUOTED_BEFORE.search(window):
        name = _quoted(quoted)
        if _quoted_name(name, cued=False) or _lowercase_circle(name):
            found = _finding(quoted)
            return [Finding("handle", offset + found.start, offset + found.end, name)]
        return []
    tokens = list(_TOKEN.finditer(window))
    name: list[re.Match] = []
    for position, token in reversed(list(enumerate(tokens))):
        word = token.group()
        if word.lstrip('("“').lower() in _BEFORE_A_NAME or word.endswith(("'s", "’s", "s'")):
            # 'shares our numbers in the TP Cebu Wave 12 group': a name posted in is a circle
            bare = bare or _posted_in_or_run(text, tokens[:position], word, head.start())
            break  # and "(the PixelForge HQ server)"
        # "the whole tesco extra crew chat": lowercase words before one for who is in it
        ends_in_people = (name[-1].group() if name else word) in _PEOPLE_WORDS
        if word[-1] in _TRAILING or not (
            _capitalized(word)
            or word.lower() in _JOINING_WORDS
            or (name == [] and _symbol(word))
            or (word.islower() and ends_in_people and len(name) < _LOWERCASE_WORDS_BEFORE)
        ):
            return []  # no determiner before the name: "Workers at Queenstown Hospo chat"
        name.insert(0, token)
    else:
        return []
    while name and name[0].group().lower() in _JOINING_WORDS:
        name.pop(0)
    words = [t.group() for t in name]
    lowercase = [w for w in words if w.islower() and w not in _JOINING_WORDS]
    if lowercase and (len(lowercase) < len(words) or not any(made_up(w, 3) for w in words)):
        return []  # "the night shift crew chat" is everyone's, "the Primark staff group" an
        # employer's; "the cov depot lads chat" is one circle's
    joined = " ".join(words)
    says_so = bare or _names_its_people(joined) or _numbered(joined)
    if not _name_words_ok(words) or not says_so:  # and "the AU Site 14 Swaps group"
        return []
    start, end = offset + name[0].start(), offset + name[-1].end()
    return [Finding("handle", start, end, text[start:end])]


_LOWERCASE_WORDS_BEFORE = 4
_LOWERCASE_NAME_BEFORE = re.compile(
    r"\b(?:in|to|into)[ \t]+the[ \t]+"
    r"(?P<name>[a-z0-9][\w'’&-]*(?:[ \t]+[a-z0-9][\w'’&-]*){1,3})[ \t]+$"
)


def _lowercase_name_posted_in(text: str, head: re.Match) -> list[Finding]:
    """A lowercase name with a made-up word or a store's number in it, before the word for a
    group that someone posts in or sends to: 'sent it to the jbhf chaddy crew chat', 'posts
    it in the tgt 1942 overnight group chat'; never 'in the night shift group' (words
    everyone uses) or 'the 2024 planning chat'."""
    m = _LOWERCASE_NAME_BEFORE.search(text, max(0, head.start() - 60), head.start())
    if not m or not _POSTING.search(_sentence_before(text, m.start())):
        return []
    words = m["name"].split()
    specific = any(
        made_up(w, 3) or (w.isdigit() and len(w) >= 3 and not YEAR.fullmatch(w)) for w in words
    )
    if any(_said_word(w) for w in words) or not specific:
        return []  # and "the tgt 1942 overnight group chat": a store's number is specific
    return [_finding(m)]


def _posted_in_or_run(text: str, before: list[re.Match], article: str, head_start: int) -> bool:
    """Whether the words before a group's name are "in the" or "to the", in a sentence that
    speaks of posting: 'moaning about it in the Big4 CPA Grind discord', 'sent it to the
    jbhf chaddy crew chat'; not 'I work in the Tata group'. Or someone runs it: "I mod the
    Cozy Cryptids discord"."""
    if article.lower() != "the" or not before:
        return False
    word = before[-1].group().lower()
    if word in _RUNNING_A_GROUP:
        return True
    return word in ("in", "to", "into") and bool(
        _POSTING.search(_sentence_before(text, head_start, reach=120))
    )


_RUNNING_A_GROUP = frozenset({"mod", "mods", "moderate", "moderates", "admin", "admins", "run"})
_RUNNING_A_GROUP |= {"runs", "started", "created", "made", "own", "owns", "manage", "manages"}


# What ends the words before a group's name: "the AP Squad chat", "the whole Grab HR SG chat".
_BEFORE_A_NAME = ARTICLES | {"whole", "entire"}


def _bare_name(text: str, position: int, cued: bool) -> list[Finding]:
    """The capitalized words (or numbers, or a closing emoji) that start at `position`, or
    one lowercase name joined by "-" ("our drivers' discord grubhub-bay-area")."""
    name: list[tuple[int, str]] = []
    line_end = text.find("\n", position)
    end_of_window = min(len(text) if line_end < 0 else line_end, position + 100)
    for token in _TOKEN.finditer(text, position, end_of_window):
        word = token.group().rstrip(_TRAILING)
        if not name and _lowercase_joined(word):
            return [Finding("handle", token.start(), token.start() + len(word), word)]
        fits = _capitalized(word) or (name and (word.lower() in _JOINING_WORDS or _symbol(word)))
        if not word or not fits or len(name) == _LONGEST_NAME or (name and word[0] == "("):
            break  # and "Facebook Messenger (I'm … on there)": a bracket opens an aside
        name.append((token.start(), word))
        if word != token.group():
            break  # "Reply All Anonymous, as a joke" ends at "Anonymous"
    while name and name[-1][1].lower() in _JOINING_WORDS:
        name.pop()
    words = [word for _, word in name]
    if not (_name_words_ok(words) or (len(words) == 1 and _shaped(words[0]))):
        return []
    if not cued and len(words) == 2 and words[0] in _FIRST_NAMES_CAPITALIZED:
        return []  # "in the group chat Dave Smith said": a person
    start, end = name[0][0], name[-1][0] + len(name[-1][1])
    return [Finding("handle", start, end, text[start:end])]


_FIRST_NAMES_CAPITALIZED = frozenset(name.capitalize() for name in FIRST_NAMES)


def _numbered(name: str) -> bool:
    """A name with a number in it, as shifts', lines' and classes' groups have."""
    return any(c.isdigit() for c in name)


def _quoted_name(name: str, cued: bool) -> bool:
    """A short name in quotes, not something said: '"Craig's Angels"', not '"Can someone
    cover Friday?"'. Without a cue ("called", "is") it needs a capital, a number or a script
    without case, and two words unless shaped."""
    words = name.split()
    if not words or len(words) > _LONGEST_NAME or name.rstrip()[-1] in ".?!,":
        return False
    if words[0].lower() in _SAID_OPENINGS:
        return False
    if cued:
        return True
    if any(_said_word(w) for w in words[1:]):
        return False  # 'He wrote in the group "Thaís is too good to answer us"'

    if len(words) == 1:  # '"ops-banter"', '"CC-Shift-B-Escalations"', '"上海办公室八卦"'
        return (
            _shaped(name)
            or _lowercase_joined(name)
            or bool(_JOINED_WORDS.fullmatch(name))
            or _caseless(name)
        )
    return _capitalized(words[0]) or any(c.isdigit() for c in name) or any(map(_symbol, words))


def _lowercase_name(name: str) -> bool:
    """A short lowercase name of a few words, none of them a word of a sentence: "wagas
    kitchen fam", "cozy keyboards"; not "lol" or "who took my lunch"."""
    words = name.split()
    return (
        2 <= len(words) <= 5
        and name.islower()
        and "," not in name
        and words[0] not in _PHRASE_OPENINGS
        and not any(_said_word(w) for w in words)
    )


_LOWERCASE_WORDS_AFTER = re.compile(r"[a-z0-9][\w'’&]*(?:[ \t]+[a-z0-9][\w'’&]*){0,4}")


def _lowercase_circle_run(text: str, position: int) -> list[Finding]:
    """Lowercase words from `position` up to the last that says who is in the group, when
    it is the second word or later: "noodle gang", "pret soho squad" (and on, "where ...",
    is not the name)."""
    m = _LOWERCASE_WORDS_AFTER.match(text, position)
    words = list(_TOKEN.finditer(text, position, m.end())) if m else []
    ends = [i for i, w in enumerate(words) if w.group() in _PEOPLE_WORDS]
    if not ends or ends[-1] == 0:
        return []
    name = words[: ends[-1] + 1]
    if any(_said_word(w.group()) for w in name):
        return []
    return [Finding("handle", position, name[-1].end(), text[position : name[-1].end()])]


# "our group chat chipotle closers 🌯", "a gc called closers only 🛒": lowercase words that an
# emoji ends, as a group's name is often written.
_LOWERCASE_THEN_EMOJI = re.compile(
    r"[a-z0-9][\w'’&]*(?:[ \t]+[a-z0-9][\w'’&]*){0,3}[ \t]+(?P<emoji>[^\w\s]{1,3})(?=\s|$|[,.!?])"
)


def _lowercase_with_emoji(text: str, position: int) -> list[Finding]:
    m = _LOWERCASE_THEN_EMOJI.match(text, position)
    if not m or not _symbol(m["emoji"]) or any(c in m["emoji"] for c in ".,;:!?()'\"-"):
        return []
    words = m.group().split()[:-1]
    opening = words[0] in _PHRASE_OPENINGS or words[0] in _ADVERBS
    if opening or any(_said_word(w) or w in _PREPOSITIONS for w in words):
        return []  # "the group chat literally reacts with 👀" is what it does
    return [Finding("handle", m.start(), m.end(), m.group())]


_ADVERBS = frozenset({"literally", "always", "never", "still", "then", "also", "basically"})
_PREPOSITIONS = frozenset({"with", "to", "at", "in", "on", "for", "of", "from", "about"})


def _called_so(name: str) -> bool:
    """After "called", a short quoted name that is no question or sentence, even when it
    opens like one: 'a group DM called "no managers allowed 🙅"'."""
    words = name.split()
    return 0 < len(words) <= _LONGEST_NAME and name.rstrip()[-1] not in ".?!,"


def _lowercase_circle(name: str) -> bool:
    """A lowercase name that ends in a word for who is in it: 'the "kessler crew" chat', 'the
    "friday arvo drinks crew" whatsapp'; not 'the "team spirit" channel' or 'their "meet the
    team" page'."""
    last = name.split()[-1]
    return _lowercase_name(name) and last in _PEOPLE_WORDS


# How a phrase in quotes begins that is no name: 'his server "for team bonding"', 'our crew
# group chat "as a joke"'.
_PHRASE_OPENINGS = frozenset(
    {"for", "as", "with", "within", "to", "at", "in", "on", "about", "because", "after", "by"}
    | {"before", "until", "from", "if", "a", "an", "not", "no", "just", "only", "like", "so"}
)


_JOINED_WORDS = re.compile(
    r"[a-z0-9]{2,}(?:[-_][a-z0-9]{2,})+|[A-Za-z0-9]{2,}(?:-[A-Za-z0-9]+){2,}"
)


def _caseless(word: str) -> bool:
    """Written in a script without case ("周末加班群"): at least two letters, none of them
    upper- or lowercase."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and not any(c.isupper() or c.islower() for c in letters)


def _said_word(word: str) -> bool:
    """A word of a sentence in lowercase ("is", "you"), or "I"; "IT" in a name is no "it"."""
    word = word.strip(",.!?")
    return (word.islower() or word == "I") and word.lower() in _SAID_WORDS


def _bracketed_name(name: str) -> bool:
    """A name in brackets after a group's word: "(BAH Ops Lounge)", "(hks-mpp-2026)"; not a
    description: "(F1 fan server, like 30k people)"."""
    quoted = name.strip()[:1] in '"“'
    name = name.strip().strip('"“”')
    words = name.split()
    if not words or "," in name or len(words) > _LONGEST_NAME:
        return False
    if quoted:  # 'our group chat ("the day shift baddies")'
        return _quoted_name(name, cued=True)
    if len(words) == 1:
        return _shaped(name) or _lowercase_joined(name)
    if name.islower() and words[0] not in _PHRASE_OPENINGS:
        # "(chipotle 2189 crew 🌯)": in lowercase, a number and a word for who is in it, or
        # ending in one: "the whole depot chat (cov depot lads)"
        numbered = any(c.isdigit() for c in name) and bool(_CIRCLE_WORDS.intersection(words))
        return numbered or _lowercase_circle(name)
    return any(c.isalpha() for c in name) and all(
        _capitalized(w) or w.lower() in _BRACKETED_JOINING_WORDS or _symbol(w) for w in words
    )


def _name_words_ok(words: list[str]) -> bool:
    """Two words or more, not all of them ordinary capitalized words ("Night Shift") or apps,
    unless a number or an emoji makes them a name ("Finance Team 🍕")."""
    letters = [w for w in words if any(c.isalpha() for c in w)]
    if not letters or len(words) < 2:
        return False
    if any(any(c.isdigit() for c in w) or _symbol(w) for w in words):
        return True
    ordinary = STOP_WORDS | CHAT_APPS | GROUP_NOUNS | _JOINING_WORDS
    return not all(w.lower().strip("'’") in ordinary for w in letters)


def _capitalized(word: str) -> bool:
    """Starts with a capital or a digit, or is in a script without case ("판교")."""
    first = word.lstrip("\"'“‘([")[:1]  # and a clan's tag, "[FRG] Frags R Us"
    return bool(first) and (
        first.isupper() or first.isdigit() or (first.isalpha() and not first.islower())
    )


def _symbol(word: str) -> bool:
    """An emoji or a sign: "🍕", "💯"."""
    return bool(word) and len(word) <= 3 and not any(c.isalnum() for c in word)


def _shaped(word: str) -> bool:
    """One word that is a name by its shape: "SkyBar", "W25", "2B"; never a number alone."""
    has_letter = any(c.isalpha() for c in word)
    return has_letter and (any(c.isdigit() for c in word) or bool(re.search(r"[a-z][A-Z]", word)))


def _lowercase_joined(word: str) -> bool:
    """Lowercase parts joined by "-" or "_", one of them made up or a number:
    "grubhub-bay-area", "hks-mpp-2026"; never "re-opened" or "follow-up"."""
    parts = re.split(r"[-_]", word)
    return (
        len(parts) >= 2
        and any(c.isalpha() for c in word)
        and all(p.isalnum() for p in parts)
        and any(p.isdigit() or made_up(p) for p in parts)
    )


def _determined(text: str, start: int) -> bool:
    """Whether a determiner or a possessive is among the three words before `start`:
    "our team whatsapp", "the rota WhatsApp", "my drivers' discord"."""
    words = text[max(0, start - 40) : start].split()[-3:]
    return any(w.lower() in ARTICLES or w.endswith(("'s", "’s", "s'")) for w in words)


def _quoted(m: re.Match) -> str:
    """The name a match of `_QUOTED_NAME` found, in double or in single quotes."""
    return m["name"] if m["name"] is not None else m["single_name"]


def _finding(m: re.Match) -> Finding:
    group = "name" if m["name"] is not None else "single_name"
    return Finding("handle", m.start(group), m.end(group), m[group])
