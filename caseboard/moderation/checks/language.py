"""Insults and slurs: a slur is refused outright, an insult aimed at a person waits for a
moderator (context matters: "I felt like an idiot" is not an attack)."""

from __future__ import annotations

import re

from caseboard.moderation.pipeline import Finding, Severity, Submission

# Slurs against groups of people: never published, whatever the context.
SLURS = (
    "faggot",
    "fag",
    "nigger",
    "nigga",
    "kike",
    "tranny",
    "retard",
    "retarded",
    "wetback",
    "raghead",
    "towelhead",
    "dyke",
    "spastic",
)

# Insults for people; only counted when aimed at someone ("you idiot", "OP is a moron").
INSULTS = (
    "idiot",
    "moron",
    "imbecile",
    "cretin",
    "dumbass",
    "dipshit",
    "jackass",
    "scumbag",
    "dickhead",
    "douchebag",
    "loser",
    "pathetic",
    "stupid",
    "clown",
    "bitch",
    "cunt",
    "twat",
    "prick",
    "halfwit",
    "brain-dead",
)

# Common character swaps used to slip a word past a filter: "1d10t", "m0r0n", "$lur".
_LOOKALIKES = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)

_WORD = re.compile(r"[\w@$!]+(?:-[\w@$!]+)*")
_SLURS = frozenset(SLURS)
_INSULTS = frozenset(INSULTS)
# What makes an insult personal: said to or about someone.
_AIMED = re.compile(
    r"\b(you|you're|youre|ur|u|op|he|she|they|he's|she's|they're|is|are|was|were|such|"
    r"what|total|complete|absolute|utter|an?)\s+(?:an?\s+|a\s+total\s+|such\s+an?\s+)?$",
    re.IGNORECASE,
)


def _normalize(word: str) -> str:
    word = word.lower().translate(_LOOKALIKES)
    return re.sub(r"(.)\1{2,}", r"\1\1", word)  # "idiooooot" -> "idioot"


def _squeeze(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


def check(submission: Submission) -> list[Finding]:
    findings = []
    for name, text in submission.fields.items():
        for match in _WORD.finditer(text):
            word = _normalize(match.group())
            if word in _SLURS or _squeeze(word) in _SLURS:
                findings.append(_finding(name, match, "slur", Severity.REFUSE, SLUR_MESSAGE))
            elif (word in _INSULTS or _squeeze(word) in _INSULTS) and _AIMED.search(
                text[max(0, match.start() - 40) : match.start()]
            ):
                message = (
                    f"“{match.group()}” reads as an insult aimed at someone. Say what you think "
                    "of the choices, not the person, or a moderator will read it first."
                )
                findings.append(_finding(name, match, "insult", Severity.HOLD, message))
    return findings


SLUR_MESSAGE = (
    "This uses a slur. Caseboard never publishes slurs: take it out and send your text again."
)


def _finding(field: str, match: re.Match, kind: str, severity: str, message: str) -> Finding:
    return Finding(
        check="language",
        severity=severity,
        message=message,
        kind=kind,
        field=field,
        start=match.start(),
        end=match.end(),
        text=match.group(),
    )
