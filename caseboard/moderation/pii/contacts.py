"""Contact details: emails, links and handles, and what they say about names in the text.

- email: a conventional `local@domain.tld` pattern, or one spelled out as
  `name [at] domain [dot] com` or `name at domain dot com` (a known TLD last).
- url: anything with a scheme (`https://…`), anything starting with `www.`, and bare
  `host.tld` or `host.tld/path` where the top-level domain is a known one and lowercase (so
  "ASP.NET", "Node.js", "report.pdf", "v2.3" and "e.g." are not links). A bare host whose TLD
  is also an English word or a file extension ("README.md", "done.so") needs a path.
- handle: `@name`, `@name@server.social` and `@name.bsky.social`, not inside an email or a
  link, and not Slack's `@here`/`@channel`/`@everyone` or a time such as `@10`; a chat
  channel named for a team or project (`#payments-oncall`, not `#general` or `#42`); a
  Discord tag (`kira#4821`).

`contact_evidence` reads the emails and handles found for the name rules: the domain of a
work address names an employer, and the first part of a personal mailbox names a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import wordlists
from .findings import Finding
from .text import fold, squash
from .wordlists import (
    CHANNEL_NAMES,
    MAILBOX_WORDS,
    NOT_HANDLES,
    NOT_HOSTS,
    NOT_MAILBOXES,
    PUBLIC_DOMAINS,
    STOP_WORDS,
    TLDS,
    WEAK_TLDS,
)

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# "@" or its full-width form "＠", which some keyboards type and some people use to dodge filters.
_EMAIL = re.compile(
    rf"(?<![\w.+@%-])[A-Za-z0-9][A-Za-z0-9._%+-]{{0,63}}[@＠](?:{_LABEL}\.)+[A-Za-z]{{2,24}}(?![\w-])"
)
# "jordan [at] example [dot] com", "jo (at) example.com", "deb.m {at} outlook {dot} com",
# "careers (at) brightloop dot io"
_EMAIL_SPELLED = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}\s*[\[({]\s*at\s*[\])}]\s*"
    r"[A-Za-z0-9-]+(?:(?:\s*[\[({]\s*dot\s*[\])}]\s*|\s+dot\s+|\.)[A-Za-z0-9-]+)+",
    re.IGNORECASE,
)
_SPELLED_AT = re.compile(r"[\[({]\s*at\s*[\])}]", re.IGNORECASE)
# "anonnurse24 at gmail": a mailbox at a well-known provider, its domain left unsaid.
_PROVIDERS = (
    "gmail",
    "googlemail",
    "outlook",
    "hotmail",
    "yahoo",
    "proton",
    "icloud",
    "aol",
    "gmx",
)
_EMAIL_AT_PROVIDER = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{1,63}\s+at\s+"
    rf"(?:{'|'.join(_PROVIDERS)})(?:mail)?\b(?!\s+dot\b)",
    re.IGNORECASE,
)
# "jordan at example dot com", "jo dot lee at acme dot io": spelled with bare words, which
# reads as an address only when the domain ends in " dot " and a known TLD.
_EMAIL_WORDS = re.compile(
    r"(?<![\w.+-])(?P<local>[A-Za-z0-9][A-Za-z0-9._%+-]{0,63})(?:\s+dot\s+[A-Za-z0-9_-]+)*\s+at\s+"
    r"[A-Za-z0-9-]+(?:\s+dot\s+[A-Za-z0-9-]+)*\s+dot\s+(?P<tld>[A-Za-z]{2,24})(?![\w-])",
    re.IGNORECASE,
)
_URL_WITH_SCHEME = re.compile(r"\b(?:https?|ftp)://[^\s<>\"'`]+", re.IGNORECASE)
_URL_WWW = re.compile(r"(?<![\w.@/-])www\d?\.[^\s<>\"'`]+", re.IGNORECASE)
_URL_BARE = re.compile(
    rf"(?<![\w.@/:+%-])(?:{_LABEL}\.)+(?P<tld>[a-z]{{2,24}})(?::\d{{2,5}})?"
    r"(?P<path>/[^\s<>\"'`]*)?(?![\w@-])"
)
_TRAILING = ".,;:!?'\"’”*"

_HANDLE = re.compile(
    r"(?<![\w@/.:+%-])@(?P<name>[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?)"
    rf"(?:@(?:{_LABEL}\.)+[A-Za-z]{{2,24}})?(?![\w@-])"
)
# A chat channel ("#payments-oncall", "#team_lunch", "#off-topic"): lowercase words joined by
# "-" or "_"; "#42" is an issue. A channel is flagged whatever its name, even one many
# workspaces have: people who label these texts count "#general" as identifying as any other,
# and the author decides. A Discord tag with its number ("kira#4821").
_CHANNEL = re.compile(
    r"(?<![\w&#/])#(?P<name>[a-z0-9]+(?:[_-](?:[a-z0-9]+|[^\s\w#.,;:!?()'\"]+))+)(?![\w-])"
)
# "#vent", "~town-square-2": a one-word channel, or a Mattermost one, where the sentence
# speaks of channels or the word is posted in or to ("spams #random", "in #general"); a lone
# "#blessed" could be a hashtag.
_CHANNEL_NAMED = re.compile(
    r"(?<![\w&#/~])[#~](?P<name>(?=[A-Za-z0-9-]*[A-Za-z])(?:[A-Za-z0-9]{3,31}|[A-Za-z0-9]{2}(?=-))"
    r"(?:-[A-Za-z0-9]+)*)"
    r"(?![\w-])"
)
_CHANNEL_TALK = re.compile(
    r"\b(?:channels?|server|discord|slack|mattermost|teams|group\s+chat|gc)\b", re.I
)
_POSTED_IN = re.compile(r"\b(?:in|into|to|spams?|spamming|posted|posts?|posting)[ \t]+$", re.I)
_DISCORD_TAG = re.compile(r"(?<![\w@#.])[A-Za-z0-9_.]{2,32}#(?:\d{4}|[A-Z]{2,5}\d?)(?!\w)")
# "$TanyaK88": a Cash App name (a price is digits; a stock ticker is in capitals).
_CASHTAG = re.compile(r"(?<![\w$])\$(?=[A-Za-z0-9_]*[a-z])[A-Za-z][A-Za-z0-9_]{2,19}\b")
# "live:.cid.7f3a9b2c11": a Skype name.
_SKYPE_ID = re.compile(r"\blive:[\w.-]{3,40}[\w]")
# "kemal.bsky.social": a Bluesky handle, which reads like a host.
_BLUESKY = re.compile(r"(?<![\w@/.-])[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9-]+)*\.bsky\.social\b")
# "u/throwaway_pm_22": a Reddit user; "r/retailhell": a community, which people who label
# these texts count as a handle too. Up to 30 characters, more than Reddit allows: people
# misremember the names they quote.
_REDDIT_USER = re.compile(r"(?<![\w/])[ur]/[A-Za-z0-9_-]{3,30}\b")
_CONTACT_PARTS = re.compile(r"[a-z]+")
# An email spelled out to dodge scrapers, read back as an address: "sam [at] initrode [dot] io".
_UNSPELLED_AT = re.compile(r"\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+")
_UNSPELLED_DOT = re.compile(r"\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+")


def _matches(kind: str, pattern: re.Pattern, text: str) -> list[Finding]:
    """Every match of `pattern` in `text`, as a finding of `kind`."""
    return [Finding(kind, m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def find_emails(text: str) -> list[Finding]:
    lower = text.lower()
    found = _matches("email", _EMAIL, text)
    # The spelled-out forms are rare and their patterns slow: each runs only when the words
    # it needs are in the text at all.
    if _SPELLED_AT.search(text):
        found += _matches("email", _EMAIL_SPELLED, text)
    if any(provider in lower for provider in _PROVIDERS):
        found += [
            Finding("email", m.start(), m.end(), m.group())
            for m in _EMAIL_AT_PROVIDER.finditer(text)
            if m.group().split()[0].lower() not in NOT_MAILBOXES
        ]
    if " dot " in lower:
        found += _emails_in_words(text)
    return found


def _emails_in_words(text: str) -> list[Finding]:
    """Addresses spelled in bare words. A match whose last word is no TLD is tried again from
    its next word: "email me at priya dot raman at outlook dot com" first reads "me at
    priya dot raman"."""
    found, position = [], 0
    while m := _EMAIL_WORDS.search(text, position):
        if m.group("tld").lower() in TLDS and m.group("local").lower() not in NOT_MAILBOXES:
            found.append(Finding("email", m.start(), m.end(), m.group()))
            position = m.end()
        else:
            position = m.end("local") + 1
    return found


def _trim_url(text: str, start: int, end: int) -> int:
    """The end of a link without the punctuation after it, and without a closing bracket
    that it does not open ("(see example.com/a)")."""
    while end > start:
        last = text[end - 1]
        if last in _TRAILING:
            end -= 1
        elif last in ")]}":
            opener = {")": "(", "]": "[", "}": "{"}[last]
            if text.count(opener, start, end) >= text.count(last, start, end):
                break
            end -= 1
        else:
            break
    return end


# A path that is a share code, not words: letters mixed with digits or case ("8sPqRw2XkL").
_SHARE_CODE = re.compile(r"/[\w-]*(?:\d[\w-]*[A-Za-z]|[A-Za-z][\w-]*\d|[a-z][\w-]*[A-Z])")


def find_urls(text: str) -> list[Finding]:
    found = []
    for pattern in (_URL_WITH_SCHEME, _URL_WWW):
        for m in pattern.finditer(text):
            end = _trim_url(text, m.start(), m.end())
            if end - m.start() > 7:
                found.append(Finding("url", m.start(), end, text[m.start() : end]))
    for m in _URL_BARE.finditer(text):
        tld, path = m.group("tld"), m.group("path")
        host = text[m.start() : m.start("tld") + len(tld)]
        if host.lower() in NOT_HOSTS or host.endswith(".bsky.social"):
            continue  # a Bluesky handle is a handle (find_handles)
        deep = host.count(".") >= 2 and path and len(path) > 2  # "go.globex.example/rto"
        if tld not in TLDS and not (path and _SHARE_CODE.search(path)) and not deep:
            continue  # "we.tl/t-9XkLpQ2": an unlisted domain with a link's code is a link
        if not path and (tld in WEAK_TLDS and host.count(".") == 1):
            continue
        end = _trim_url(text, m.start(), m.end())
        found.append(Finding("url", m.start(), end, text[m.start() : end]))
    return found


def _one_word_channels(text: str, other_channels: bool) -> list[Finding]:
    """One-word channels ("#vent", "~town-square-2"): where the text speaks of channels or
    names another one, where the word is posted in or to ("spams #random", "in #general"), or
    where most workspaces have a channel of that name ("#watercooler"); a lone "#blessed"
    could be a hashtag."""
    if "#" not in text and "~" not in text:
        return []
    candidates = list(_CHANNEL_NAMED.finditer(text))
    cued = [
        m.group("name").lower() in CHANNEL_NAMES
        or _CHANNEL_TALK.search(text, max(0, m.start() - 60), m.end() + 60)
        or _POSTED_IN.search(text, max(0, m.start() - 12), m.start())
        for m in candidates
    ]
    if other_channels or any(cued):  # "in #general every monday ... use #social instead"
        return [Finding("handle", m.start(), m.end(), m.group()) for m in candidates]
    return []


def find_handles(text: str) -> list[Finding]:
    found = []
    for m in _HANDLE.finditer(text):
        name = m.group("name")
        if name.lower() in NOT_HANDLES or name.replace(".", "").replace(":", "").isdigit():
            continue
        found.append(Finding("handle", m.start(), m.end(), m.group()))
    channels = [
        Finding("handle", m.start(), m.end(), m.group())
        for m in _CHANNEL.finditer(text)
        if any(c.isalpha() for c in m.group("name"))
    ]
    found += channels + _one_word_channels(text, other_channels=bool(channels))
    found += _matches("handle", _DISCORD_TAG, text)
    if ".bsky.social" in text.lower():
        found += _matches("handle", _BLUESKY, text)
    if "u/" in text or "r/" in text:
        found += _matches("handle", _REDDIT_USER, text)
    found += _matches("handle", _SKYPE_ID, text)
    if "$" in text:
        found += _matches("handle", _CASHTAG, text)
    return found


# --- what contact details say about people and employers -------------------------------------


@dataclass(slots=True)
class ContactEvidence:
    """What emails, links and handles in the same text say about names in it."""

    domains: set[str]  # squashed host labels: "larkspurenergy", "larkspur"
    first_names: set[str]  # "grace" from grace.obi@outlook.com
    whole_names: set[str]  # "junho" from @junho@mastodon.social, for "Jun-ho"
    # Hosts of personal mailboxes ("rob@keaneelectrical.co.uk"): they name an employer only
    # in several words ("Keane Electrical"); one word may be the person's own surname.
    personal_domains: set[str]


def contact_evidence(findings: list[Finding]) -> ContactEvidence:
    """Collect employer and person evidence from contact details.

    A capitalized phrase that spells the domain of an email address in the same text
    ("Larkspur Energy" and ethics@corp.larkspur-energy.com) is the employer. Link hosts are
    not used: a link is as often to a product ("Ruff" and docs.astral.sh/ruff) as to an
    employer. A word that is the first part of a personal mailbox or handle (Grace and
    grace.obi@outlook.com) is a name.
    """
    domains: set[str] = set()
    personal_domains: set[str] = set()
    first_names: set[str] = set()
    whole_names: set[str] = set()
    for finding in findings:
        text = finding.text.lower()
        if finding.kind == "email":
            local, _, host = _UNSPELLED_DOT.sub(".", _UNSPELLED_AT.sub("@", text)).partition("@")
            _add_person_parts(local.split("+")[0], first_names, whole_names)
            # A bare first name ("paul@") is a personal address; "sam.r@" and "jo.lee@" are
            # mailboxes at work. The list is read here, not imported: the benchmark swaps it.
            personal = fold(local).capitalize() in wordlists.FIRST_NAMES
            _add_employer_domain(host, personal_domains if personal else domains)
        elif finding.kind == "handle":
            local = text[1:].partition("@")[0].split(".bsky.")[0]
            _add_person_parts(local, first_names, whole_names)
    return ContactEvidence(domains, first_names, whole_names, personal_domains)


def _add_employer_domain(host: str, domains: set[str]) -> None:
    """Add the labels of an email domain that are not a public provider's."""
    for label in host.split(".")[:-1]:
        if label in PUBLIC_DOMAINS or label in STOP_WORDS or len(label) < 3:
            continue
        domains.add(squash(label))
        head = label.split("-")[0]
        if head != label and len(head) > 3 and head not in STOP_WORDS:
            domains.add(head)


def _add_person_parts(local: str, first_names: set[str], whole_names: set[str]) -> None:
    """Add the first part of a "first.last" mailbox or handle, and the whole of it."""
    parts = _CONTACT_PARTS.findall(local)
    if not parts or any(part in MAILBOX_WORDS for part in parts):
        return
    whole_names.add("".join(parts))
    if len(parts) > 1 and len(parts[0]) > 2 and parts[0] not in STOP_WORDS:
        first_names.add(parts[0])
