"""Usernames written bare, without a sign ("@", "u/", "#"): told by the words around them.

A bare username needs two things: a word that could be one, and a sentence that says it is.
- Could be one: shaped like a username and not like a word (`username_shaped`: "RustySpoon77",
  "lena.bakes", "xiaoyu_0912", "SaltyCroissant"), or made up, a word no dictionary holds
  ("coffeegremlin", "GRUMPYGRAMPS"; `dictionary.made_up`), or, in quotes, either.
- Says it is: a platform ("on Discord", "his xbox"), an account word ("profile", "gamertag",
  "streamer", "forum"), or a naming phrase ("goes by", "logged in as", "known as") in the same
  sentence, next to a naming word ("named", "called", "as", "is", "aka", "under").
Some need no sentence: words joined by "_" with a capital or a digit ("xX_N1ghtw0lf_Xx"),
unless they read as a file name ("Budget_FINAL_v3"); lowercase words joined by "_" in quotes
("she's 'not_a_lawyer_lol'"); the gamer's "xX…Xx" frame. Once one is found, names listed with
it and its other mentions are found too, as are an @handle's mentions without the "@".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .dictionary import common_word, made_up, ordinary_word
from .findings import Finding
from .groups import find_groups
from .wordlists import (
    AMBIGUOUS_FIRST_NAMES,
    CODE_NAME_PARTS,
    CODE_NOUNS,
    FIRST_NAMES,
    HANDLE_PLATFORMS,
    NOT_HANDLES,
    PRODUCT_COMPANIES,
    STOP_WORDS,
    TLDS,
    WEAK_TLDS,
    WELL_KNOWN_EMPLOYERS,
)

# A word shaped like a username, not like a word: letters with digits ("RustySpoon77",
# "dsantos01"), joined by "_" or "." ("lena.bakes", "xiaoyu_0912"), or in inner capitals
# ("SaltyCroissant").
# At most 40 characters in at most 6 parts, so that no pattern here can run away on a long
# run of letters.
_USERNAME = r"[A-Za-z][A-Za-z0-9]{0,39}(?:[_.][A-Za-z0-9]{1,39}){0,6}_{0,2}"  # "TheDoctorIsOut_"
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
_LONGEST_USERNAME = 40
_NOT_HANDLE_NAMES = NOT_HANDLES | STOP_WORDS  # "my username is the same", "… is Slack"
_VERSION = re.compile(r"[vV]\d+(?:\.\d+)*[a-z]?")  # "v4.12.0", "v2" are versions
_AGE_AND_SEX = re.compile(r"[MFmf]\d{2}s?|\d{2}s?[MFmf]")  # "My (F29) boss", "me (34M)", "(M40s)"
# Surnames written in inner capitals are names, not usernames: "McAllister", "DeShawn".
_NAME_PREFIX = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|O)[A-Z][a-z]+$")

# "logged in as dsantos01", "his food account, hyunwoo.eats", "renamed me smithy_the_great".
_AS_ACCOUNT = re.compile(
    r"\b(?:(?:logged|signed)[ \t]+in[ \t]+as|account,?"
    r"|(?:messaged|posted|commented|replied|plays|streams?|streaming|streamed|posts)"
    r"[ \t]+(?:\w+[ \t]+){0,3}?as"
    r"|shows?[ \t]+(?:up[ \t]+)?as|showed[ \t]+(?:up[ \t]+)?as"
    r"|(?i:dm|message|add)[ \t]+me(?:[ \t]+(?:at|on))?,?"  # "you can DM me, pixelpusher_ana"
    r"|(?i:mods|admins|moderators)(?:[ \t]+(?:are|were))?"  # "Mods are tessaplaysbass, Kenji"
    r"|renamed[ \t]+(?:me|him|her|them|himself|herself)(?:[ \t]+to)?"
    r"|under[ \t]+the[ \t]+(?:(?:shop|store|brand|stage|user|display)[ \t]+)?name"
    r"|calls?[ \t]+(?:himself|herself|themselves)"  # "who calls himself Marky_DPD_Legend"
    r"|(?:messaged|texted|dm'?e?d|followed|added)[ \t]+(?:me|us|him|her)[ \t]+(?:from|as)"
    rf"|goes[ \t]+by)[ \t]+(?P<name>{_USERNAME})"
)
# A handle given in words: "my GitHub username is anaya-s", "my Steam name is frostbyte",
# "discord username is quietquitter", "my gamer tag is xXShadowPandaXx", "I stream on Twitch
# as pixelpeng". A bare "the handle is" or "my name is" is not one.
_PLATFORM = rf"(?:{'|'.join(sorted(HANDLE_PLATFORMS))})"
_ON_PLATFORM = rf"{_PLATFORM}\s+(?:user\s?name|handle|tag|name|id)"
# A platform's name, then what is said of it: "insta: lena.bakes", "on snap (sandeep.s_22)",
# "fiverr (ayesha_designs)" after it; "goes by RustySpoon77 on xbox" before it.
_NAME_AFTER_PLATFORM = re.compile(
    rf"[ \t]*(?:\(|:|—|–|,)[ \t]*(?P<name>{_USERNAME}(?:-[a-z0-9]+)*)"  # "github (tomk-northwind)"
)
# "goes by RustySpoon77 on xbox", "joined as olusegun_a on the company Slack".
_NAME_BEFORE_PLATFORM = re.compile(
    rf"(?<![\w.@#/-])(?P<name>{_USERNAME}(?:-[a-z0-9]+)*)[ \t]+on[ \t]+"
    r"(?:(?:the|our|my|his|her|their)[ \t]+)?"
    r"(?:\w+[ \t]+)?$"
)
# "a guy on Discord named vexxed.otter", "my manager is on Valorant under 'MgrMike'", "on
# Discord I'm t0astybr3ad", "posted on our intranet forum as coffeegremlin": a name after a
# naming word, in a sentence that speaks of a platform or an account.
_NAMING = re.compile(
    r"\b(?:(?:is|was)[ \t]+(?:called|named)|named|called|under|aka|a\.k\.a\.|as|is|I['’]?m|im|by"
    r"|[Ii]t['’]s|(?:[Hh]e|[Ss]he)['’]s)"  # "It's LegendaryMooseKnuckle", "He's jaxon.builds"
    r"[ \t]+['‘\"“]?"
    rf"(?P<name>{_USERNAME})['’\"”]?(?![\w@-])"
)
_ACCOUNT_WORDS = re.compile(
    r"\b(?:profiles?|user\s?names?|handles?|accounts?|gamer\s?tags?|in-game\s+name|channel|server|"
    r"streamer|tiktoker|youtuber|forum|app|alias|screen\s?name|display\s+name|online|"
    r"group\s+chat|gaming|in[ -]game|on\s+there|nick\s?names?|dm['’]?e?d|dms)\b",
    re.IGNORECASE,
)
# Found from each " is " or " as ", then the words before it are checked: one pattern over
# the whole text, trying every platform at every word, cost a third of a millisecond.
_IS_OR_AS = re.compile(
    r"\s(is|was|as)\s+(?:(?:literally|just|still|now)\s+)?"  # "is literally Fiona.MacLeod2"
    r"(?P<name>[A-Za-z0-9_][\w.-]{1,38}[A-Za-z0-9_])"
)
_BEFORE_IS = re.compile(
    rf"(?:\b(?:my|his|her|their|your|whose|\w+'s)\s+(?:{_ON_PLATFORM}|user\s?name|handle|gamer\s?tag"
    rf"|handle\s+on\s+{_PLATFORM}"
    r"|(?:profile|display)\s+name)"
    r"|\bmy\s+(?:user\s?)?name\s+on\s+(?:there|it|that\s+\w+)"
    r"|\b(?:my|his|her|their|your|whose|\w+'s)\s+(?:tag|ign|alias)"
    r"|\b(?:user\s?)?name\s+(?:there|on\s+there)"
    rf"|\b{_ON_PLATFORM})$",
    re.IGNORECASE,
)
_ACCOUNT_NOUN_BEFORE = re.compile(r"\b(?:user\s?name|handle|gamer\s?tag|screen\s?name)$", re.I)
_BEFORE_AS = re.compile(rf"\bon\s+{_PLATFORM}$", re.IGNORECASE)
_BEFORE_WORDS = 40  # characters looked at before " is " / " as "
# "the guest account jmorales_ext": an account named with an underscore, which words never are.
# "a Keybase user called kaito_sec", "with the handle QuietOtter77", "user kmorrow-dev": a
# named account, when the name is shaped like a username.
_ACCOUNT_NAMED = re.compile(
    r"\b(?:account|user|username|display\s?name|login|alias|handle|gamer\s?(?:tag|name)|tag|ign"
    r"|admin"
    r"|streamer|viewer|mod|member"
    r"|moderator|subscriber"
    r"|follower|player|gamer|tiktoker|youtuber)(?:\s+(?:called|named|is|was)|\s+[—–]|:)?\s+['‘\"“]?"
    rf"(?P<name>{_USERNAME}(?:-[a-z0-9]+)*)(?![\w@-])",
    re.IGNORECASE,
)
# "my facebook jess.m.hollister", "his github jkw-codes", "my alt is quietfern", "my old aol
# screen name was skaterboi_1999": someone's account on a platform, then its name.
_ACCOUNT_NOUN = (
    r"(?:screen[ \t]?name|user[ \t]?name|gamer[ \t]?tag|handle|tag|name|id|mod|alt|account)"
)
_POSSESSED_ACCOUNT = re.compile(
    rf"\b(?:my|his|her|their|your|whose|\w+'s)[ \t]+"
    r"(?:(?:old|new|main|work|secret|personal|private|public|gaming|fake|real)[ \t]+)?"
    rf"(?:{_PLATFORM}[ \t]+(?:{_ACCOUNT_NOUN}[ \t]+)?|alt[ \t]+)"
    rf"(?:(?:is|was)[ \t]+)?['‘\"“]?(?P<name>{_USERNAME}(?:-[a-z0-9]+)*)(?![\w@-])",
    re.IGNORECASE,
)
# "kakao id seoulteachjobs", "discord username quietfern": after a platform's name, its id
# word, then the name (matched from each platform word found, not tried at every position).
_ID_AFTER_PLATFORM = re.compile(
    rf"[ \t]+(?:user[ \t]?name|handle|tag|id)[ \t]+(?P<name>{_USERNAME})(?![\w@-])", re.IGNORECASE
)
# "the field_ops_bot account": a name in underscores or with digits before an account word.
_ACCOUNT_AFTER_NAME = re.compile(r"[ \t](?:account|profile|handle)\b", re.IGNORECASE)
_NAME_AT_END = re.compile(rf"(?<![\w.@#/-])(?P<name>{_USERNAME})$")
# "banned GrumpyGreg1984": inner capitals and a year or number at the end are a username's
# shape wherever they are written.
_DIGITS_AFTER_LETTER = re.compile(r"[a-z]\d\d")  # cheap to find; the pattern below is not
# "xXDaveTheSlayerXx": the gamer's "xX…Xx" frame is a username wherever it is written.
_XX_FRAME = re.compile(r"(?<![\w@#/.-])xX\w{2,30}Xx(?![\w@-])")
_CAMEL_WITH_NUMBER = re.compile(r"(?<![\w@#/.-])[A-Z]?[a-z]+(?:[A-Z][a-z]+)+\d{2,4}(?![\w@-])")
# "a Twitch streamer, RetailRage, who ...": a name set off after a platform or account word.
# Found from each ", name," (cheap to find), then the word before is checked.
_SET_OFF = re.compile(
    rf",[ \t]+(?P<name>{_USERNAME})(?:,|[ \t]+and[ \t]|\.(?!\w)|[ \t]+\()"
    rf"|[ \t]\((?P<bracketed>{_USERNAME}(?:-[a-z0-9]+)*)\)"  # "A fan (AlanWakeTruther) emailed me"
    # "Two other mods (lunarmoth and Big_Tortellini)": names listed in brackets
    rf"|[ \t]\((?P<listed>{_USERNAME}(?:(?:,[ \t]*|[ \t]+and[ \t]+){_USERNAME})+)\)"
)
_ONE_USERNAME = re.compile(_USERNAME)  # each name in a bracketed list
# Who, in a game, goes by a gamer's name: "One of my players, Kairo,", "the GM (Thrallbane)",
# "Guildmates (Zaraketh, healbot9000)". There a capitalized word that is no one's first name
# is the name they play under. Each sets a name off (below).
_GAMING_NOUNS = frozenset({"player", "players", "gm", "guildmates", "teammates", "duo"})
_GAMING_NOUNS |= {"streamer", "vtuber"}
_SET_OFF_AFTER = _GAMING_NOUNS | frozenset(
    {"tiktoker", "youtuber", "account", "profile", "user", "username", "handle"}
    | {
        "gamertag",
        "mod",
        "moderator",
        "viewer",
        "member",
        "members",
        "channels",
        "guy",
        "girl",
        "someone",
        "sidekick",
        "subscriber",
        "follower",
        "bot",
        "fan",
        "regular",
        "following",
        "dev",
        "them",
        "guys",
        "leader",
        "owner",
        "committer",
        "contributor",
        "maintainer",
        "volunteer",
        "volunteers",
        "patron",
        "student",
        "creator",
        "alt",
    }
    | {"streamers", "accounts", "users", "mods", "moderators", "admins", "bots"}
)
_LAST_WORD = re.compile(r"(\w+)$")
# "the Teams channel friday-vibes": a channel named after the word "channel", but not a
# compound word ("the channel on-call", "all-hands").
_CHANNEL_NAMED_AFTER = re.compile(
    r"\bchannel[ \t]+['‘\"“]?(?P<name>[a-z0-9]+(?:[-_][a-z0-9]+)+)(?![\w-])"
)
_PARTICLES = frozenset({"on", "off", "in", "out", "all", "up", "down", "over", "to", "by"})
# The word before a name, skipping a naming verb: "the config key is 'max_retries'".
_WORD_BEFORE = re.compile(r"(\w+)[ \t]+(?:(?:is|was|called|named)[ \t]+)?['‘\"“]?$")
# A username in quotes or brackets: "she's 'not_a_lawyer_lol'", "known on the helpdesk as
# 'root_rick'", "my coworker Lexi (lexi.loves.lattes) on instagram".
_QUOTED = re.compile(rf"(?<!\w)['‘\"“(](?P<name>{_USERNAME})['’\"”)](?!\w)")
# Phrases that name an account by themselves, without a platform.
_NAMING_PHRASES = re.compile(
    r"\b(?:goes\s+by|known\s+(?:\w+\s+){0,3}as|aka|a\.k\.a\.|under\s+the\s+name|"
    r"posts?\s+as|posted\s+(?:\w+\s+){0,4}as|logged\s+in\s+as)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_SENTENCE_REACH = 160  # characters looked at each way for the end of the sentence

# "xX_N1ghtw0lf_Xx", "Pixel_Queen99": words joined by "_" with capitals or digits, which
# code is not (snake_case, CONSTANTS); `_gamer_tag` tells them from file names.
_GAMER_TAG = re.compile(
    r"(?<![\w.@#/-])(?=\w*[a-z])(?=\w*[A-Z0-9])[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+(?![\w(]|\.\w)"
)
_FILE_EXTENSIONS = frozenset(
    {"txt", "pdf", "doc", "docx", "xls", "xlsx", "csv", "ppt", "pptx", "json", "yaml", "yml"}
    | {"py", "js", "ts", "sh", "log", "png", "jpg", "jpeg", "gif", "zip", "mp4", "sql"}
)
_SHORTEST_BEFORE_ACCOUNT = 3  # "field_ops_bot account", not "Q3 account"
_SHORTEST_MADE_UP_PART = 3  # "kmorrow" in "kmorrow-dev"
_BEFORE_TAG = 80  # characters looked at before a file-like tag for a platform ("on Steam")
_FILE_NAME_PART = re.compile(r"v\d+|[A-Z0-9]{2,}|\d+|[A-Z]?[a-z]+|0x[0-9A-Fa-f]+")


def find_usernames(text: str, marked: Sequence[Finding] = ()) -> list[Finding]:
    """Bare usernames in `text` (see the module docstring). `marked` are the handles found
    by their sign ("@n.okafor"): names listed with them are usernames too, and so are their
    mentions without the sign ("n.okafor can you check this")."""
    marked = list(marked)
    found = []
    if "_" in text:
        found += [
            _whole(m)
            for m in _GAMER_TAG.finditer(text)
            if _gamer_tag(m.group())
            or _mentions_platform(text, max(0, m.start() - _BEFORE_TAG), m.start())
            or (
                m.group().islower()  # not "ERROR_CODE_0x800" near a channel
                and _ACCOUNT_WORDS.search(text, max(0, m.start() - _BEFORE_TAG), m.start())
            )
        ]  # and "Streamer coworker update: turns out rick_the_manager_77 was my manager"
    found += _names_listed_after_colon(text)
    shaped = [*_AS_ACCOUNT.finditer(text)]
    shaped += (m for m in _ACCOUNT_NAMED.finditer(text) if _hyphenated_or_not(m["name"]))
    for m in _SET_OFF.finditer(text):
        if not _set_off_after_account(text, m.start()):
            continue
        gaming = _word_before(text, m.start()) in _GAMING_NOUNS
        if m["name"]:
            if gaming and _gamer_word(m["name"]):
                found.append(_finding(m))  # "One of my players, Kairo, got clipped"
            else:
                shaped.append(m)
        elif m["listed"]:
            for name in _ONE_USERNAME.finditer(text, m.start("listed"), m.end("listed")):
                word = name.group()
                if word != "and" and (_could_be_username(word) or gaming and _gamer_word(word)):
                    found.append(_whole(name))
        elif (gaming and _gamer_word(m["bracketed"])) or (
            username_shaped(m["bracketed"])
            or _made_up_hyphenated(m["bracketed"])
            or _lowercase_hyphenated(m["bracketed"])
        ):
            # and "(Jaxon)" is a person's name; "his account (rajesh-k-dev)", "his username
            # (gerald-builds)" a username
            found.append(
                Finding("handle", m.start("bracketed"), m.end("bracketed"), m["bracketed"])
            )
    shaped += _POSSESSED_ACCOUNT.finditer(text)
    for m in _ACCOUNT_AFTER_NAME.finditer(text):
        name = _NAME_AT_END.search(text, max(0, m.start() - _BEFORE_WORDS), m.start())
        if name and _strongly_shaped(name["name"]) and len(name["name"]) > _SHORTEST_BEFORE_ACCOUNT:
            shaped.append(name)  # "the field_ops_bot account"; not "the Q3 account review"
    for m in _platform_words(text):
        shaped.append(_NAME_AFTER_PLATFORM.match(text, m.end()))
        if text[m.start() - 1 : m.start()] == "(":
            found += _bracketed_with_platform(text, m.end())
        shaped.append(_ID_AFTER_PLATFORM.match(text, m.end()))
        before = _NAME_BEFORE_PLATFORM.search(text, max(0, m.start() - _BEFORE_WORDS), m.start())
        if before and (  # never "posted screenshots on facebook"
            username_shaped(before["name"])
            or _made_up_hyphenated(before["name"])  # "jwhitfield-dev on GitHub"
            or (before["name"].islower() and made_up(before["name"]))  # "pixelpenny on twitch"
        ):
            found.append(_finding(before))
    for m in shaped:
        if m and (_could_be_username(m["name"]) or "-" in m["name"] or _named_outright(m)):
            found.append(_finding(m))
    for m in _NAMING.finditer(text):
        name = m.group("name")
        if (
            _could_be_username(name)
            and not _opens_a_longer_quote(text, m.start("name"), m.end("name"))
            and not _web_address(name)  # "Her website is lisatrancoaching.com"
            and _speaks_of_accounts(text, m.start(), m.end())
            and not _named_in_code(text, m.start("name"))
        ):
            found.append(_finding(m))
    for m in _QUOTED.finditer(text):
        name = m.group("name")
        if not _could_be_username(name) or (m.group()[0] == "(" and name.isupper()):
            continue  # "told the union (SACCAWU)": capitals in brackets are initials
        if _named_in_code(text, m.start("name")) or _host_or_file(name) or _file_like(name):
            continue
        quoted = m.group()[0] != "("  # in brackets, a lowercase "(snake_case)" may be code
        if (
            (quoted and "_" in name and name.islower())
            or _speaks_of_accounts(text, m.start(), m.end())
            or _NAMING_PHRASES.search(text, max(0, m.start() - 40), m.start())
        ):
            found.append(_finding(m))
    if _DIGITS_AFTER_LETTER.search(text):
        found += [
            _whole(m)
            for m in _CAMEL_WITH_NUMBER.finditer(text)
            if _speaks_of_accounts(text, m.start(), m.end())  # never "iPhone15"
        ]
    found += [
        _finding(m)
        for m in _CHANNEL_NAMED_AFTER.finditer(text)
        if not _PARTICLES.intersection(re.split(r"[-_]", m.group("name")))
    ]
    for m in _IS_OR_AS.finditer(text):
        before = _BEFORE_AS if m.group(1) == "as" else _BEFORE_IS
        name = m.group("name")
        if _ACCOUNT_NOUN_BEFORE.search(
            text, max(0, m.start() - 20), m.start()
        ) and _could_be_username(name):
            found.append(_finding(m))  # "Username was moonlitmathnerd."
            continue
        if not before.search(text, max(0, m.start() - _BEFORE_WORDS), m.start()):
            continue
        if name.lower() not in _NOT_HANDLE_NAMES and not name.isdigit() and not common_word(name):
            found.append(_finding(m))  # not "his username was visible"
    if "xX" in text:
        found += [_whole(m) for m in _XX_FRAME.finditer(text)]
    found += [_finding(m) for m in _AS_ON_PLATFORM.finditer(text)] + _bracketed_accounts(text)
    found += _snake_case_names(text) + _dotted_first_names(text) + _numbered_names(text)
    found += _hyphenated_names(text)
    found += _listed_with(text, found + marked)
    if found or marked:
        found += _gamer_shaped(text)
    bare = [Finding("handle", f.start + 1, f.end, f.text[1:]) for f in marked if f.text[:1] == "@"]
    return found + _other_mentions(text, found + bare) + find_groups(text)


# "A coworker (github dkowalczyk)": a platform and one name, alone in brackets.
_NAME_CLOSING_BRACKET = re.compile(rf"[ \t]+(?P<name>{_USERNAME}(?:-[a-z0-9]+)*)\)")


def _bracketed_with_platform(text: str, platform_end: int) -> list[Finding]:
    """The name after a platform's name that opens a bracket, when it is no common word:
    "(github dkowalczyk)", "(insta ruthie_b)"; never "(discord server)"."""
    m = _NAME_CLOSING_BRACKET.match(text, platform_end)
    if not m or ordinary_word(m["name"]) or m["name"].lower() in _NOT_HANDLE_NAMES:
        return []
    return [_finding(m)]


def _named_outright(m: re.Match) -> bool:
    """A capitalized name after "under the name", which says outright that it is an
    account's: "joined under the name Randalf" (but "goes by Lily" is a person's nickname)."""
    return (
        m.group().lower().startswith("under")
        and m["name"][:1].isupper()
        and m["name"].lower() not in _NOT_HANDLE_NAMES
    )


def _opens_a_longer_quote(text: str, start: int, end: int) -> bool:
    """Whether the name is the first word of longer quoted words: 'saying I'm "gatekeeping
    equipment"' quotes what was said; 'I'm "t0astybr3ad" there' names an account."""
    return start > 0 and text[start - 1] in "\"“'‘" and text[end : end + 1] == " "


# "people like nightshift_nadz say", "a patron, mossy_ghost, wants": lowercase words joined
# by "_" are a username wherever they are written, unless a part is one of code's or a
# file's ("max_retry_count", "roadmap_q3") or code names them ("the column user_ref").
_SNAKE_CASE = re.compile(
    r"(?<![\w.@#/`'‘\"“-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w(@`'’\"”-]|\.\w|[ \t]*=)"
)


def _snake_case_names(text: str) -> list[Finding]:
    if "_" not in text:
        return []
    return [
        _whole(m)
        for m in _SNAKE_CASE.finditer(text)
        if not CODE_NAME_PARTS.intersection(m.group().split("_"))
        and not _file_like(m.group())
        and not _named_in_code(text, m.start())
    ]


# "my real one (lucia.mrtz)", "on Teams (gerald.lapointe)", "arjun.k99 if ur reading this": a
# first name, a dot and a part no dictionary holds or with digits, as people pick handles;
# never a sentence run on after a full stop ("told priya.she said").
_DOTTED_NAME = re.compile(
    r"(?<![\w.@#/-])(?P<first>[A-Za-z][a-z]{2,})(?P<middle>\.[a-z0-9]{1,20})?"
    r"\.(?P<rest>[a-z0-9][a-z0-9]{0,20})(?![\w@/.-])"
)


def _dotted_first_names(text: str) -> list[Finding]:
    """Also any lowercase name of three dotted parts, with digits or with a made-up part, as
    no word or file is written: "crystal.clear.99", "priyanka.s.ds", "deano.jd"; never
    two words run together at a missing space ("no.she")."""
    if "." not in text:
        return []
    found = []
    for m in _DOTTED_NAME.finditer(text):
        rest = m["rest"]
        if rest in TLDS or rest in _FILE_EXTENSIONS or rest.isdigit() and not m["middle"]:
            continue  # "nginx.conf"; "v3.2" never matches; "section.4" is no handle
        if m["first"] == "www" or CODE_NAME_PARTS.intersection(m.group().split(".")):
            continue  # "www.yusufkaraca.photo" is a link, "session.timeout.ms" a setting
        digits = any(c.isdigit() for c in m.group())
        named = m["first"].capitalize() in FIRST_NAMES and (
            digits
            or not ordinary_word(rest)
            or (rest not in STOP_WORDS and _speaks_of_accounts(text, m.start(), m.end()))
        )  # "found my insta ... and dm'd reggie.rides"
        made_up_part = m["first"].islower() and (made_up(m["first"], 4) or made_up(rest, 4))
        if named or made_up_part or (m["first"].islower() and (m["middle"] or digits)):
            found.append(_whole(m))
    return found


# "monkeyanalyst94", "healbot9000", "kayla4471": a made-up lowercase word, or a first name,
# with a number after it is a username wherever it is written; words and products with a
# number are not made up ("password123", "windows10"), and things and products with one are
# not names ("covid19", "xbox360").
_LETTERS_THEN_DIGITS = re.compile(
    r"(?<![\w.@#/-])(?P<letters>[a-z]{4,30})(?P<digits>\d{1,4})(?![\w@/-]|\.\w)"
)


_NUMBERED_THINGS = frozenset({"covid", "html", "mpeg", "redhat", "macbook", "thinkpad", "sonos"})
_NUMBERED_THINGS |= frozenset({"garmin", "fitbit", "oneplus", "xiaomi", "huawei", "lenovo"})


def _numbered_names(text: str) -> list[Finding]:
    found = []
    for m in _LETTERS_THEN_DIGITS.finditer(text):
        letters = m["letters"]
        if letters in _NUMBERED_THINGS or letters in STOP_WORDS or letters in HANDLE_PLATFORMS:
            continue  # "covid19", "jira2", "xbox360"
        if letters in WELL_KNOWN_EMPLOYERS or letters in PRODUCT_COMPANIES:
            continue  # "lenovo", "spotify2024"
        if made_up(letters, 4) or (letters.capitalize() in FIRST_NAMES and len(m["digits"]) >= 2):
            found.append(_whole(m))
    return found


# "it looks like kvenkat-dev did everything": lowercase parts joined by "-", in a sentence
# about accounts, one of them a made-up word of five letters or more (never a prefix, as in
# "pre-trip", "co-admin", "anti-vax") and none a platform ("onlyfans-adjacent").
_HYPHENATED = re.compile(r"(?<![\w@#/.-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w@/-]|\.\w)")
_SHORTEST_MADE_UP_IN_HYPHENATED = 5


def _hyphenated_names(text: str) -> list[Finding]:
    if "-" not in text:
        return []
    found = []
    for m in _HYPHENATED.finditer(text):
        parts = m.group().split("-")
        if any(part in HANDLE_PLATFORMS or part in WELL_KNOWN_EMPLOYERS for part in parts):
            continue
        made_up_part = any(made_up(part, _SHORTEST_MADE_UP_IN_HYPHENATED) for part in parts)
        if made_up_part and _speaks_of_accounts(text, m.start(), m.end()):
            found.append(_whole(m))
    return found


# "as xoxo_jennyy then jennyy.backup then jennyyy3": names listed with a username.
_LIST_JOIN = re.compile(
    rf"(?:,[ \t]*|[ \t]+(?:then|and|or)[ \t]+|[ \t]*/[ \t]*)(?P<name>{_USERNAME})"
)
_LIST_BEFORE = re.compile(
    rf"(?<![\w@#/.-])(?P<name>{_USERNAME})(?:,[ \t]*|[ \t]+(?:then|and|or)[ \t]+|[ \t]*/[ \t]*)$"
)
_PART = re.compile(r"[._]")


def _listed_with(text: str, found: list[Finding]) -> list[Finding]:
    """Usernames listed with one already found, before or after it, when they are shaped
    like usernames: "two mods, redcard_rach and bullseye_bri#0912"."""
    listed = []
    for finding in sorted(found, key=lambda f: f.start):
        end = finding.end
        while (m := _LIST_JOIN.match(text, end)) and _listable(m["name"]):
            listed.append(_finding(m))
            end = m.end()
        start = finding.start
        while (m := _LIST_BEFORE.search(text, max(0, start - _BEFORE_WORDS), start)) and _listable(
            m["name"]
        ):
            listed.append(_finding(m))
            start = m.start("name")
    return listed


def _listable(name: str) -> bool:
    """Shaped like a username, with no one-letter part: "jen.backup", never "e.g" or "a.b.c"."""
    shaped = username_shaped(name) or (  # "zaineats"; never "instagram"
        name.islower() and name not in HANDLE_PLATFORMS and _could_be_username(name)
    )
    return (
        shaped
        and all(len(part) > 1 for part in _PART.split(name))
        and name.lower() not in _SET_OFF_AFTER  # "A committer, jfrancois," lists no one
    )


# A name of several words in brackets right after an account or a platform: "his Xbox
# gamertag (DadBod Destroyer)", "the company Facebook (Prairie Steel Fabricators)"; not
# "my manager's name (Lars Eriksson)", a person's.
_BRACKETED_ACCOUNT = re.compile(
    r"\b(?:gamer\s?tag|profile|page|handle|username|facebook|instagram|linkedin|tiktok"
    r"|youtube|twitter|(?:my|his|her|their|your)[ \t]+account)[ \t]+\("
    r"(?P<name>[A-Z][A-Za-z'’-]*(?:[ \t](?:[A-Z][A-Za-z'’-]*|\d{1,4}|of|the|and)){1,4})"
    r"(?:[ \t]*[^\w\s)]{1,3})?\)"  # and "her TikTok (Glow Up Gina 💅)"
)


# "posts on Facebook as Ma'am Luz Nursing Services", "messaging me on facebook messenger as
# Agnieszka Rekruter": the name of a page or profile, in capitalized words, after "as".
_AS_ON_PLATFORM = re.compile(
    r"\bon[ \t]+(?:facebook(?:[ \t]+messenger)?|fb|instagram|ig|linkedin|tiktok|messenger)[ \t]+as"
    r"[ \t]+(?P<name>(?-i:[A-Z])[\w'’.-]*(?:[ \t]+(?-i:[A-Z])[\w'’.-]*){1,4})",
    re.IGNORECASE,
)


# "my team's discord names are so unprofessional lol: grumpygoose, TacoTuesdayTom,
# sleepy_sheila": names listed after a colon, in a sentence about names or handles; each
# may carry a note in brackets ("pumpkinspicepaula (the manager), 0xDEADBEEF (the sysadmin)").
_NAMES_COLON = re.compile(
    r"\b(?:user\s?names|names|handles|tags|gamer\s?tags|usernames)\b[^:.\n]{0,60}:[ \t]*", re.I
)
_LISTED_NAME = re.compile(
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9_.]{0,38}[A-Za-z0-9_])(?![\w-]|\.\w)"  # and "0xDEADBEEF"
    r"(?:[ \t]*\([^)\n]{1,40}\))?(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)?"
)


def _names_listed_after_colon(text: str) -> list[Finding]:
    found = []
    for colon in _NAMES_COLON.finditer(text):
        position = colon.end()
        while (m := _LISTED_NAME.match(text, position)) and m.end() > position:
            name = m["name"]
            if not _could_be_username(name) or _host_or_file(name) or _file_like(name):
                break  # not "The file names: final_report_v2.xlsx"
            found.append(_finding(m))
            position = m.end()
    return found


def _bracketed_accounts(text: str) -> list[Finding]:
    """Accounts named in several capitalized words in brackets after what they are."""
    if "(" not in text:
        return []
    return [
        Finding("handle", m.start("name"), m.end("name"), m.group("name"))
        for m in _BRACKETED_ACCOUNT.finditer(text)
    ]


# "NoScopeNancy", "b0bbyTables", "tpsreports4life": several inner capitals, or a digit
# inside the letters.
_GAMER_SHAPED = re.compile(
    r"(?<![\w@#/.-])(?:[A-Z]?[a-z]+(?:[A-Z][a-z]+){2,}|[A-Za-z]+[0-9][A-Za-z]*[a-z][A-Z][A-Za-z]*"
    r"|[a-z]{3,}[0-9][a-z]{3,})"
    r"(?![\w@-])"
)


def _gamer_shaped(text: str) -> list[Finding]:
    """In a text that names an account, other words shaped only like a gamer's name: "His
    tag is Gr1mR3aper_77 and the interns are like NoScopeNancy and b0bbyTables"."""
    return [
        _whole(m)
        for m in _GAMER_SHAPED.finditer(text)
        if m.group().lower() not in _NOT_HANDLE_NAMES and not _NAME_PREFIX.match(m.group())
    ]


def _other_mentions(text: str, found: list[Finding]) -> list[Finding]:
    """Once a username is found, its other mentions are too: "... Creeper_Kalani blew up the
    replica. Creeper_Kalani is our CFO." Only names that could not be a person's: "my
    gamertag is Rosa" says nothing of "Rosa Diaz is my boss"."""
    names = {f.text for f in found if _could_be_username(f.text)}
    if not names:
        return []
    pattern = re.compile(rf"(?<![\w@#/.-])(?:{'|'.join(map(re.escape, names))})(?![\w@-])")
    return [_whole(m) for m in pattern.finditer(text)]


def is_link(text: str) -> bool:
    """Whether a host named as a username is a link after all: it has a path or is a page on
    a platform ("burnoutbriefs.substack.com"); "as k.morrow.dev on github" is a username."""
    return "/" in text or any(label in HANDLE_PLATFORMS for label in text.lower().split("."))


def username_shaped(name: str) -> bool:
    """Shaped like a username and not a word: "RustySpoon77", "lena.bakes", "SaltyCroissant";
    not a surname in inner capitals ("McAllister")."""
    digits_and_letters = any(c.isdigit() for c in name) and any(c.isalpha() for c in name)
    shaped = digits_and_letters or "_" in name or "." in name or _INNER_CAPITAL.search(name)
    return (
        bool(shaped)
        and len(name) <= _LONGEST_USERNAME
        and name.lower() not in _NOT_HANDLE_NAMES
        and not _NAME_PREFIX.match(name)
        and not _VERSION.fullmatch(name)
        and not _AGE_AND_SEX.fullmatch(name)
    )


_WORD = re.compile(r"[A-Za-z]+")


def _platform_words(text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    """Each platform's name in the text: the words looked up in a set, which is several
    times faster than one pattern trying every platform at every position."""
    words = _WORD.finditer(text, start, len(text) if end is None else end)
    return [m for m in words if m.group().lower() in HANDLE_PLATFORMS]


def _mentions_platform(text: str, start: int, end: int) -> bool:
    return bool(_platform_words(text, start, end))


def _made_up_hyphenated(name: str) -> bool:
    """Parts joined by "-", one made up or with a digit: "jdevlin-personal", "rajesh-k-dev"."""
    return "-" in name and _hyphenated_or_not(name)


def _lowercase_hyphenated(name: str) -> bool:
    """Lowercase words joined by "-", one of them no ordinary word or a first name: "lena-vk",
    "gerald-builds"; never "follow-up" or "part-time"."""
    parts = name.split("-")
    return (
        len(parts) > 1
        and name.islower()
        and any(
            not ordinary_word(part) or (part.capitalize() in FIRST_NAMES and not common_word(part))
            for part in parts
        )
    )


def _hyphenated_or_not(name: str) -> bool:
    """A name after "user" or "account" joined by "-" only when a part is made up or has a
    digit: "user kmorrow-dev", never "the user sign-up flow" or "account follow-up"."""
    if "-" not in name:
        return True
    parts = name.split("-")
    return any(any(c.isdigit() for c in p) or made_up(p, _SHORTEST_MADE_UP_PART) for p in parts)


def _set_off_after_account(text: str, comma: int) -> bool:
    """Whether the word before the comma is a platform or an account word."""
    word = _word_before(text, comma)
    return word in _SET_OFF_AFTER or word in HANDLE_PLATFORMS


def _word_before(text: str, position: int) -> str:
    word = _LAST_WORD.search(text, max(0, position - 20), position)
    return word.group(1).lower() if word else ""


def _gamer_word(name: str) -> bool:
    """One capitalized word that is not a listed first name or a stop word: "Kairo",
    "Vortex", "Thrallbane"; not "Jaxon" or "Monday"."""
    return (
        name[:1].isupper()
        and name[1:].islower()
        and name.isalpha()
        and name not in FIRST_NAMES
        and name not in AMBIGUOUS_FIRST_NAMES  # "Hope", "Will"
        and name.lower() not in _NOT_HANDLE_NAMES
    )


def _strongly_shaped(name: str) -> bool:
    """Joined by "_" or with digits: "field_ops_bot", "ops42"; never a word or a name."""
    return ("_" in name or any(c.isdigit() for c in name)) and username_shaped(name)


def _could_be_username(name: str) -> bool:
    """Shaped like a username, or a made-up word in lowercase or capitals ("coffeegremlin",
    "GRUMPYGRAMPS"); a made-up word capitalized like a name ("Oluwaseun") is more likely a
    person's."""
    return username_shaped(name) or (
        (name.islower() or name.isupper())
        and name.lower() not in _NOT_HANDLE_NAMES
        and name.lower() not in HANDLE_PLATFORMS  # "paying me by venmo"
        and made_up(name)
    )


def _speaks_of_accounts(text: str, start: int, end: int) -> bool:
    """Whether the sentence around `start`..`end`, or the one before it, names a platform or
    an account, or names an account by a phrase ("goes by"): "she keeps adding me on snap.
    she's at the nail place and adds me as xoxo_jennyy"."""
    left = max(0, start - _SENTENCE_REACH)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    left = ends[-2] if len(ends) > 1 else left  # the sentence before may name the platform
    after = _SENTENCE_END.search(text, end, end + _SENTENCE_REACH)
    right = after.start() if after else min(len(text), end + _SENTENCE_REACH)
    return (
        _mentions_platform(text, left, right)
        or bool(_ACCOUNT_WORDS.search(text, left, right))
        or bool(_NAMING_PHRASES.search(text, left, right))
    )


_WEB_ENDINGS = frozenset(
    {"com", "net", "org", "io", "co", "uk", "ca", "au", "de", "nz", "ie", "dev", "app"}
)


def _web_address(name: str) -> bool:
    """A dotted name ending as most web addresses do: "lisatrancoaching.com", not "chioma.qa"."""
    return "." in name and name.rsplit(".", 1)[1].lower() in _WEB_ENDINGS


def _host_or_file(name: str) -> bool:
    """Whether a dotted name ends in a top-level domain or a file's extension:
    "(play.carlcraft.net)" is a link, "(team_norms_v2.md)" a file."""
    if "." not in name:
        return False
    ending = name.rsplit(".", 1)[1].lower()
    return ending in TLDS or ending in WEAK_TLDS or ending in _FILE_EXTENSIONS


def _named_in_code(text: str, start: int) -> bool:
    """Whether a code or config noun names the word: "the config key is 'max_retries'"."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return bool(before) and before.group(1).lower() in CODE_NOUNS


def _finding(m: re.Match) -> Finding:
    return Finding("handle", m.start("name"), m.end("name"), m.group("name"))


def _whole(m: re.Match) -> Finding:
    return Finding("handle", m.start(), m.end(), m.group())


# Parts of a file's or a draft's name: "final_final_v2", "budget_draft_old".
_FILE_WORDS = re.compile(
    r"v\d+|final|draft|copy|backup|latest|old|new|rev|edited|fixed|tmp|temp|test"
)


def _file_like(name: str) -> bool:
    """Whether a lowercase name in underscores reads as a file's: "final_final_v2"."""
    return any(_FILE_WORDS.fullmatch(part) for part in name.split("_"))


def _gamer_tag(name: str) -> bool:
    """Not a file or document name, whose parts are words, capitals, numbers or versions
    ("Budget_FINAL_v3", "Roadmap_H2_v14", "final_final_v2"): "xX_N1ghtw0lf_Xx",
    "Pixel_Queen99" have a part that is none of those."""
    return not all(_FILE_NAME_PART.fullmatch(part) for part in name.split("_"))
