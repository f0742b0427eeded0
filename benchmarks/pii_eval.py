"""`python -m benchmarks.pii_eval [--retired]`: precision, recall and false alarms of the PII
detector (`--retired` also prints the former verdict sets, blind sets 4 to 8).

Data (all under benchmarks/data/, written by hand for this evaluation):

- pii_snippets.json: workplace dilemmas with labelled spans (kind, start, end, text).
- pii_clean.txt: workplace text with no identifying details, full of false-positive traps.
- pii_snippets_holdout.json, pii_clean_holdout.txt: a smaller set written before the detector
  and not looked at while tuning it; reported separately, for reference.
- pii_blind.json, pii_blind_clean.txt: blind set 1, written without seeing the detector (spans
  give kind, text and, for repeated text, a 0-based occurrence). Its misses were then studied
  to make the rules more general, so it is no longer an unseen test.
- pii_blind2.json, pii_blind2_clean.txt: blind set 2, written the same way after that work and
  never looked at while changing the detector, until blind set 3 came.
- pii_dev.json, pii_dev_clean.txt: a development set written by another helper that never saw
  the detector, for tuning: its misses are printed, so that blind set 3 can stay unseen.
- pii_blind3.json, pii_blind3_clean.txt: blind set 3, written for issue 15 by a helper agent
  that was given only the kinds to label and never saw the detector, its code, tests or
  data; it covers employers used as modifiers ("our Initech team"), names from many
  cultures, phones of many regions, links without a scheme, profiles and chat handles. Only
  its per-kind figures are printed, never its misses: it is not used to tune the detector,
  so it stayed an honest estimate of how it does on text it has not seen. Its aggregate
  figures were read several times while the detector changed, so blind set 4 replaced it as
  the verdict set; after that its misses were studied like a development set's and are now
  printed (it no longer measures unseen text).
- pii_dev2.json, pii_dev2_clean.txt: development set 2, written by a helper that never saw
  the detector, weighted towards employers and people in every kind of phrasing, for
  tuning: its misses are printed.
- pii_dev3.json, pii_dev3_clean.txt: development set 3, written later by a third helper that
  never saw the detector, asked for the least obvious ways people write each kind; misses
  printed, for tuning.
- pii_dev4.json, pii_dev4_clean.txt: development set 4, long posts (60 to 250 words) with
  many mentions each, written by a fourth helper that never saw the detector; for tuning.
- pii_dev5.json, pii_dev5_clean.txt: development set 5, weighted to employers and usernames in
  every phrasing, written by a fifth helper that never saw the detector; for tuning.
- pii_dev6.json, pii_dev6_clean.txt: development set 6, employers and usernames in their least
  obvious forms (lowercase, odd casing, no cue word, bare usernames), written for this by a
  sixth helper that never saw the detector, its code, tests or data; for tuning.
- pii_dev7.json, pii_dev7_clean.txt: development set 7, an ordinary mix of every kind like the
  blind sets, written by a seventh helper that never saw the detector; its first figures
  were read before any change made for it (as an estimate of unseen text), then it was used
  for tuning.
- pii_dev8.json, pii_dev8_clean.txt: development set 8, written the same way by an eighth
  helper after the detector was tuned on set 7; its first figures, read before any change
  made for it, estimate how well that tuning carried over to text it had not seen.
- pii_dev9.json, pii_dev9_clean.txt: development set 9, written the same way by a ninth helper
  after the tuning on set 8; its first figures were read before any change made for it.
- pii_dev10.json, pii_dev10_clean.txt: development set 10, written the same way by a tenth
  helper after the tuning on set 9; its first figures were read before any change made for it.
- pii_dev11.json to pii_dev27.json, with their clean texts: development sets 11 to 27, each
  written by its own helper that never saw the detector, its code, tests or data, nor any
  other set, asked for an ordinary, natural mix of every kind that varies how each detail is
  written (lowercase, possessive, in parentheses or lists, with and without cue words,
  acronyms, names that are also words) and leans towards posters of different jobs and
  countries. Each one's first figures were read before any change made for it; then it was
  used for tuning.
- pii_dev28.json to pii_dev39.json, with their clean texts: development sets 28 to 39, written
  the same way in a later session, from a rewritten copy of the same instruction
  (pii_set_instructions.md, kept here so that later sets can be written from it) that names
  more plainly what counts as a username: the names of group chats, channels, servers and
  pages that identify a circle of people ("a WhatsApp called Greggs Early Birds"). The first
  readings of sets 28 to 33 (usernames 67 to 82%) showed that the detector missed most such
  names; sets 34 to 36 were written after the tuning on 28 to 33, and 37 to 39 after the
  tuning on 34 to 36: their first readings measure how each round carried over. Each set's
  first figures were read before any change made for it.
- pii_dev40.json, pii_dev41.json, with their clean texts: development sets 40 and 41, written
  the same way from pii_set_instructions.md in a later session, with more weight on usernames
  (at least 100 each) and phones (at least 45), the two kinds blind set 9 found short. Their
  first figures, read at a7a2d91 before any change made for them (one change to group names,
  made for set 30, was in the working tree): usernames 88.9% (96 of 108) and 83.5% (86 of
  103), phones 98.0% and 100%, people 90.7% and 94.2%, organization 96.7% and 93.8%, no false
  finding in their clean texts.
- pii_dev42.json, pii_dev42_clean.txt: development set 42, an ordinary mix with no lean,
  written the same way at the same time; first figures, read at ed04fc2 (after the tuning on
  sets 40 and 41): usernames 93.5% (87 of 93), phones 97.3%, people 92.7%, organization 89.2%,
  1.59 false findings per 1,000 clean words.
- pii_dev43.json, pii_dev43_clean.txt: development set 43, an ordinary mix written the same
  way after the tuning on sets 40 to 42, as a last check of how it carries over before
  blind set 10 was read; first figures, at 667988c: usernames 92.3% (72 of 78), people
  96.8%, organization 94.7%, every contact kind 100%, 0.34 false findings per 1,000 clean
  words.
- pii_dev44.json, pii_dev44_clean.txt: development set 44, written the same way at the same
  time as set 43; first figures, at 4e83c37 (after the tuning on set 43): usernames 88.9%
  (72 of 81), phones 96.7%, people 95.7%, organization 96.4%, 0.62 false findings per 1,000
  clean words.
- pii_dev45.json, pii_dev46.json, with their clean texts: development sets 45 and 46,
  written the same way (an ordinary mix with at least 100 usernames each) after the tuning
  on sets 43 and 44; first figures, at 6276138: usernames 89.4% (93 of 104) and 98.1% (102
  of 104), people 96.9% and 95.7%, organization 93.2% and 95.4%, contact kinds 100%, 0.30
  and 0.67 false findings per 1,000 clean words. Over the first readings of sets 43 to 46,
  usernames were 92.4% (339 of 367): short of the target, so blind set 10, written at the
  start of that session, was left unread.
- pii_dev47.json, pii_dev48.json, with their clean texts: development sets 47 and 48,
  written the same way after the tuning on sets 45 and 46; first figures, at c81b9a6 and
  2aae4f3: usernames 93.3% (97 of 104) and 90.3% (93 of 103), people 93.7% and 91.0%,
  organization 97.6% and 88.9%, contact kinds 100%, 0.31 and 0.99 false findings per 1,000
  clean words.
- pii_dev50.json, pii_dev50_clean.txt: development set 50, written the same way after the
  tuning on sets 47 and 48; first figures, at e24d5c5: usernames 96.0% (97 of 101), people
  97.1%, organization 89.9%, phones 96.7%, no false finding in its clean text.
- pii_dev49.json, pii_dev49_clean.txt: development set 49, written at the same time as set
  50 and read after a small change made for set 50; first figures, at 68a587f: usernames
  97.2% (103 of 106), people 97.0%, organization 89.0%, phones 93.3% (28 of 30), no false
  finding in its clean text. Over the first readings of sets 47 to 50, usernames were 94.2%
  (390 of 414) and organization 91.0% (735 of 808): blind set 10 stayed unread.
- pii_dev51.json to pii_dev56.json, with their clean texts: development sets 51 to 56,
  written the same way from pii_set_instructions.md at the start of a later session (each at
  least 100 usernames, 150 employers, 160 people, 25 of each contact kind, 2,800 clean
  words), each leaning towards different jobs and countries (51: hospitality, retail and
  care in the UK, Ireland, Nigeria and the Philippines; 52: software, agencies and online
  communities; 53: public sector, schools and firms, many lowercase writers; 54: trades,
  logistics and call centres, some non-native writers; 55: finance, consulting, media and
  nonprofits; 56: no lean). First figures, all read at 7e3a1bc before any change made for
  them: usernames 96.0, 79.4, 95.3, 98.1, 93.2 and 96.1% (574 of 617, 93.0%; set 52's
  Discord and gaming names pulled it down), organization 93.5, 92.9, 92.0, 83.5, 93.3 and
  93.0% (1,003 of 1,099, 91.3%), people 92.5, 97.8, 89.9, 93.4, 96.8 and 96.1% (94.4%),
  phones 163 of 168 (97.0%), and 2.37, 0.65, 2.88, 3.82, 0.33 and 0 false findings per
  1,000 clean words (30 in 17,975 words, 1.67). Blind set 10 stayed unread: under the rule
  set for it, usernames would need about 98% on it to bring blind sets 9 and 10 together
  to 95%.
- pii_dev57.json to pii_dev62.json, with their clean texts: development sets 57 to 62,
  written the same way in the same session after the tuning on sets 51 to 56 (57 and 61: no
  lean; 58: posters who are online a lot, streamers, moderators, gamers; 59: small
  businesses and local employers; 60: big corporations, banks, airlines and agencies in
  Europe, the Middle East, Asia and Latin America; 62: young part-time and gig workers,
  writing casually). First figures, all read at 5344cdb before any change made for them:
  usernames 95.1, 89.4, 97.1, 87.7, 96.1 and 91.0% (591 of 638, 92.6%; the two sets with no
  lean, 197 of 206, 95.6%), organization 93.5, 92.5, 86.9, 95.5, 92.3 and 89.9% (1,065 of
  1,160, 91.8%), people 95.6%, phones 170 of 172, links 165 of 167, and 0.43 false findings
  per 1,000 clean words (8 in 18,734).
- pii_dev63.json to pii_dev68.json, with their clean texts: development sets 63 to 68,
  written the same way late in the same session, after the tuning on sets 57 to 62 (63, 64
  and 68: no lean; 65: office workers in mid-size companies; 66: frontline and shift
  workers writing on a phone; 67: tech and creative workers with online side lives). First
  figures, all read at 2dc2919 before any change made for them: usernames 94.1, 95.2, 98.1,
  89.2, 91.8 and 97.1% (592 of 628, 94.3%; the three with no lean, 297 of 311, 95.5%),
  organization 91.8, 96.5, 94.3, 88.7, 88.4 and 97.5% (1,021 of 1,102, 92.6%), people 94.7%,
  phones 169 of 170, links 173 of 175, and 0.97 false findings per 1,000 clean words (18 in
  18,603). Blind set 10 stayed unread: usernames on unseen text are still short of the
  about 98% it would need to bring blind sets 9 and 10 together to 95%.
- pii_dev69.json to pii_dev74.json, with their clean texts: development sets 69 to 74,
  written the same way at the end of the same session, after the tuning on sets 63 to 68
  (69, 70, 71 and 74: no lean; 72: workplaces spilling into group chats, servers and pages;
  73: writers whose first language is not English). First figures, all read at 6096a7f
  before any change made for them: usernames 93.4, 96.2, 95.1, 95.6, 92.5 and 99.0% (631
  of 662, 95.3%; the four with no lean, 401 of 418, 95.9%), organization 95.2, 92.6, 95.2,
  93.8, 91.7 and 94.8% (1,081 of 1,152, 93.8%), people 96.0%, phones 176 of 179, links 161
  of 162, and 0.86 false findings per 1,000 clean words (16 in 18,505; 3.00 in set 73's).
- pii_dev75.json to pii_dev80.json, with their clean texts: development sets 75 to 80, an
  ordinary mix with no lean, written the same way at the end of the same session after the
  tuning on sets 69 to 74 and a review's fixes. First figures, all read at b745ab1 before
  any change made for them: usernames 99.0, 97.2, 92.4, 94.3, 97.1 and 95.2% (605 of 631,
  95.9%), organization 94.9, 96.7, 94.0, 96.4, 90.7 and 94.6% (1,081 of 1,143, 94.6%),
  people 95.3%, every contact kind 100% (524 spans), and 0.24 false findings per 1,000
  clean words (5 in 20,930). With sets 69 to 74's four with no lean, usernames on an
  ordinary mix were 95.9% (1,006 of 1,049): about the target, so blind set 10 was read next.
- pii_blind4.json, pii_blind4_clean.txt: blind set 4, written at the same time by another
  helper that never saw the detector, its code, tests or data, nor development set 2; given
  only the kinds to label and what to vary. Only its per-kind figures are printed, never its
  misses. It gave the targets' verdict until its figures had been read several times while
  the detector changed; blind set 5 then took its place.
- pii_blind5.json, pii_blind5_clean.txt: blind set 5, the verdict set, written for issue 15 by
  a helper that never saw the detector, its code, tests or data, nor any other set; asked for
  an ordinary, natural mix of every kind as real posters write them (at least 100 people,
  100 employers, 70 usernames, 40 of each contact kind, 5,000 clean words). Only its per-kind
  figures are printed, never its misses. Its figures were read once, at commit c176ae3: every
  kind met its target but organization (85.8%); the detector was then tuned further on the
  development sets only, and blind set 6 took the verdict.
- pii_blind6.json, pii_blind6_clean.txt: blind set 6, the verdict set, written by another
  helper the same way, after blind set 5 was read (at least 130 employers, 110 people, 70
  usernames, 35 of each contact kind, 4,000 clean words). Its figures were read once, at
  749b25e: usernames (94.4%) and organization (89.6%) fell short by one span each; the
  detector was then tuned on development sets 11 to 27 only, and blind set 7 took the verdict.
- pii_blind7.json, pii_blind7_clean.txt: blind set 7, written by another helper with the
  same instructions as development sets 11 to 27, at the same time as set 11 and before any
  of the tuning on them (at least 130 employers, 120 people, 90 usernames, 35 of each contact
  kind, 4,200 clean words). It was copied here unopened. Its figures were read once, at
  105a993: usernames (92.4%) and organization (84.4%) fell short; the detector was then tuned
  on development sets 28 to 39 only, and blind set 8 took the verdict.
- pii_blind8.json, pii_blind8_clean.txt: blind set 8, written by another helper from
  pii_set_instructions.md (the instruction of development sets 28 to 39) at the start of the
  session that wrote sets 28 to 39, before any of the tuning on them; an ordinary mix of
  posters with no lean (239 posts: 241 employers, 268 people, 92 usernames, 36 to 38 of each
  contact kind; 4,488 clean words). It was copied here unopened. Its figures were read once,
  at 04464d0: every kind met its target (usernames 96.7%, 89 of 92; people 92.5%;
  organization 90.0%, 217 of 241; 0.89 false findings per 1,000 clean words). Because blind
  set 7, re-read then, still gave organization 88.8%, the issue was not closed on it alone:
  blind set 9 was written, with the rule, set before reading it, that the targets hold when
  blind set 9 meets them and blind sets 8 and 9 together do.
- pii_blind9.json, pii_blind9_clean.txt: blind set 9, the verdict set, written the same way
  by another helper late in the same session, after the tuning (235 posts: 241 employers, 260
  people, 94 usernames, 36 or 37 of each contact kind; 4,387 clean words), copied here
  unopened. Only its per-kind figures are printed, never its misses. Its figures were read
  once, at 445ffc9: usernames 91.5% (86 of 94) and phones 94.6% (35 of 37) fell short;
  people 92.7%, organization 94.2%, 0.46 false findings per 1,000 clean words. Blind sets 8
  and 9 together: usernames 94.1% (175 of 186), phones 97.3%, people 92.6%, organization
  92.1%. The next tuning must go on development sets only, and a new blind set take the
  verdict.
- pii_blind10.json, pii_blind10_clean.txt: blind set 10, the verdict set, written from
  pii_set_instructions.md at the start of the session that wrote development sets 40 to 50,
  by a helper that never saw the detector, its code, tests or data, nor any other set (an
  ordinary mix with no lean, asked for at least 240 employers, 260 people, 110 usernames, 40
  of each contact kind and 4,400 clean words; 247 posts). It was copied here unopened and
  left unread through two sessions of tuning on development sets 40 to 80, until the first
  readings of sets 69 to 80 put usernames on an ordinary mix at 95.9%. Its figures were read
  once, at 92c0efc, under the rule set for blind set 9 (the targets hold if blind set 10
  meets them and blind sets 9 and 10 together do): blind set 10 met every target
  (usernames 98.3%, 116 of 118; organization 90.4%, 273 of 302; people 96.2%; every contact
  kind 100%; 0.20 false findings per 1,000 clean words), and blind sets 9 and 10 together
  did too (usernames 96.7%, 205 of 212; phones, emails and links 100%; people 95.5%;
  organization 92.3%, 501 of 543; 0.54 false findings per 1,000 clean words). Its misses
  have not been looked at.

A finding is a true positive when its kind matches a labelled span's kind and the two spans
overlap; "exact" requires the same start and end. Clean text is scored as false findings per
1,000 words (every finding there is false).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Collection
from contextlib import contextmanager
from pathlib import Path

from caseboard.moderation import pii
from caseboard.moderation.pii import wordlists

DATA = Path(__file__).resolve().parent / "data"
KINDS = ("email", "phone", "url", "handle", "person", "organization")
RECALL_TARGETS = {
    "email": 0.95,
    "phone": 0.95,
    "url": 0.95,
    "handle": 0.95,
    "person": 0.90,
    "organization": 0.90,
}
MAX_FALSE_PER_1000_WORDS = 2.0


def load_snippets(path: Path) -> list[dict]:
    """Snippets with checked spans; offsets are derived from the span text when missing."""
    snippets = json.loads(path.read_text(encoding="utf-8"))
    for number, snippet in enumerate(snippets, 1):
        text, cursor = snippet["text"], 0
        for span in snippet["spans"]:
            if span["kind"] not in KINDS:
                raise ValueError(f"{path.name} #{number}: unknown kind {span['kind']!r}")
            if "start" not in span:
                span["start"] = text.index(span["text"], cursor)
                span["end"] = span["start"] + len(span["text"])
            if text[span["start"] : span["end"]] != span["text"]:
                raise ValueError(f"{path.name} #{number}: {span['text']!r} is not at its offsets")
            cursor = span["end"]
    return snippets


def load_blind(path: Path) -> list[dict]:
    """Blind snippets; each span's offsets come from its text and occurrence (default 0)."""
    snippets = json.loads(path.read_text(encoding="utf-8"))
    for number, snippet in enumerate(snippets, 1):
        text = snippet["text"]
        for span in snippet["spans"]:
            if span["kind"] not in KINDS:
                raise ValueError(f"{path.name} #{number}: unknown kind {span['kind']!r}")
            start = -1
            for _ in range(span.get("occurrence", 0) + 1):
                start = text.find(span["text"], start + 1)
                if start < 0:
                    raise ValueError(f"{path.name} #{number}: {span['text']!r} is not in the text")
            span["start"], span["end"] = start, start + len(span["text"])
    return snippets


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score_snippets(snippets: list[dict]) -> dict:
    """Per-kind counts, precision and recall (overlap and exact) over labelled snippets."""
    counts = {k: {"gold": 0, "found": 0, "tp": 0, "hit": 0, "exact": 0} for k in KINDS}
    misses, false = [], []
    for snippet in snippets:
        text, gold = snippet["text"], snippet["spans"]
        found = pii.find_pii(text)
        for span in gold:
            c = counts[span["kind"]]
            c["gold"] += 1
            same_kind = [f for f in found if f.kind == span["kind"]]
            if any(_overlap(f.start, f.end, span["start"], span["end"]) for f in same_kind):
                c["hit"] += 1
            else:
                misses.append((span["kind"], span["text"], text))
            if any((f.start, f.end) == (span["start"], span["end"]) for f in same_kind):
                c["exact"] += 1
        for f in found:
            c = counts[f.kind]
            c["found"] += 1
            labelled = [s for s in gold if s["kind"] == f.kind]
            if any(_overlap(f.start, f.end, s["start"], s["end"]) for s in labelled):
                c["tp"] += 1
            else:
                false.append((f.kind, f.text, text))
    kinds = {}
    for kind, c in counts.items():
        kinds[kind] = {
            **c,
            "precision": c["tp"] / c["found"] if c["found"] else 1.0,
            "recall": c["hit"] / c["gold"] if c["gold"] else 1.0,
            "exact_recall": c["exact"] / c["gold"] if c["gold"] else 1.0,
        }
    return {"kinds": kinds, "misses": misses, "false": false}


def score_clean(text: str) -> dict:
    words = len(re.findall(r"\S+", text))
    found = pii.find_pii(text)
    return {
        "words": words,
        "false_findings": len(found),
        "per_1000_words": 1000 * len(found) / words if words else 0.0,
        "examples": [(f.kind, f.text) for f in found],
    }


@contextmanager
def _without_first_names(names: set[str]):
    """Temporarily drop names from the detector's first-name list (an ablation)."""
    saved = wordlists.FIRST_NAMES  # what the detector reads on each scan
    wordlists.FIRST_NAMES = frozenset(saved - names)
    try:
        yield
    finally:
        wordlists.FIRST_NAMES = saved


def unseen_name_recall(snippets: list[dict]) -> float:
    """Person recall when none of the labelled names is in the first-name list: how well the
    cues (titles, role words, speech verbs, surnames) do on names the list does not know."""
    names = {
        word
        for snippet in snippets
        for span in snippet["spans"]
        if span["kind"] == "person"
        for word in span["text"].split()
    }
    with _without_first_names(names):
        return score_snippets(snippets)["kinds"]["person"]["recall"]


def time_detector(snippets: list[dict], clean: str, rounds: int = 5) -> dict:
    texts = [snippet["text"] for snippet in snippets]
    for text in texts:
        pii.find_pii(text)
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            pii.find_pii(text)
    per_snippet = (time.perf_counter() - started) / (rounds * len(texts))
    chunks = [clean[i : i + 2000] for i in range(0, len(clean) - 1999, 2000)]
    started = time.perf_counter()
    for _ in range(rounds):
        for chunk in chunks:
            pii.find_pii(chunk)
    per_chunk = (time.perf_counter() - started) / (rounds * len(chunks)) if chunks else 0.0
    return {"ms_per_snippet": 1000 * per_snippet, "ms_per_2000_chars": 1000 * per_chunk}


# The sets reported beside the main one: key, title, snippets, clean text, loader.
def _reference(key: str, title: str, loader=load_blind) -> tuple:
    """A reference set's row: its key, title, snippets file, clean text file and loader."""
    return (key, title, f"pii_{key}.json", f"pii_{key}_clean.txt", loader)


_UNSEEN_MIX = "an ordinary mix, written without seeing the detector; its misses are printed below"
REFERENCE_SETS = (
    (
        "holdout",
        "Held-out set (written before the detector; few spans per kind)",
        "pii_snippets_holdout.json",
        "pii_clean_holdout.txt",
        load_snippets,
    ),
    _reference(
        "blind",
        "Blind set 1 (written without seeing the detector; its misses then guided general fixes)",
    ),
    _reference(
        "blind2", "Blind set 2 (written without seeing the detector; its misses are printed below)"
    ),
    _reference(
        "dev",
        "Development set (written without seeing the detector, for tuning; its misses are "
        "printed below)",
    ),
    _reference(
        "dev2",
        "Development set 2 (written without seeing the detector, for tuning; its misses are "
        "printed below)",
    ),
    _reference(
        "dev3",
        "Development set 3 (written without seeing the detector, least obvious forms; its "
        "misses are printed below)",
    ),
    _reference(
        "dev4",
        "Development set 4 (long posts, written without seeing the detector; its misses are "
        "printed below)",
    ),
    _reference(
        "dev5",
        "Development set 5 (employers and usernames, written without seeing the detector; its "
        "misses are printed below)",
    ),
    _reference(
        "dev6",
        "Development set 6 (employers and usernames in their least obvious forms, written "
        "without seeing the detector; its misses are printed below)",
    ),
    *(_reference(f"dev{n}", f"Development set {n} ({_UNSEEN_MIX})") for n in range(7, 81)),
    _reference(
        "blind3",
        "Blind set 3 (written without seeing the detector; since blind set 4 came, used for "
        "tuning: its misses are printed below)",
    ),
    _reference(
        "blind4",
        "Blind set 4 (written without seeing the detector; its misses never looked at, but its "
        "figures read while the detector changed, so blind set 5 replaced it as the verdict set)",
    ),
    _reference(
        "blind5",
        "Blind set 5 (written without seeing the detector; its misses never looked at; its "
        "figures read once, at c176ae3, where organization fell short, so blind set 6 replaced "
        "it as the verdict set)",
    ),
    _reference(
        "blind6",
        "Blind set 6 (written without seeing the detector; its misses never looked at; its "
        "figures read once, at 749b25e, where usernames and organization fell short by one "
        "span each, so blind set 7 replaced it as the verdict set)",
    ),
    _reference(
        "blind7",
        "Blind set 7 (written without seeing the detector; its misses never looked at; its "
        "figures read once, at 105a993, where usernames and organization fell short, so blind "
        "set 8 replaced it as the verdict set)",
    ),
    _reference(
        "blind8",
        "Blind set 8 (written without seeing the detector; its misses never looked at; its "
        "figures read once, at 04464d0, where every kind met its target, then with blind set 9)",
    ),
    _reference(
        "blind9",
        "Blind set 9 (written without seeing the detector; its misses never looked at, never "
        "used to change it; its figures read at 445ffc9, then with blind set 10)",
    ),
    _reference(
        "blind10",
        "Blind set 10 (written without seeing the detector; its misses never looked at, never "
        "used to change it; the verdict set, with blind set 9)",
    ),
)
# The set whose figures say whether the detector meets its targets on text it has not seen,
# and the earlier blind set it must meet them with, together (the rule set before blind set
# 9 was read: one set alone may be lucky).
VERDICT_SET = "blind10"
VERDICT_WITH = "blind9"
# Former verdict sets, whose figures were read while the detector changed: printed only with
# --retired, so that a run for the verdict set does not show them by the way.
RETIRED_BLIND_SETS = ("blind4", "blind5", "blind6", "blind7", "blind8")
# The sets whose misses are printed, to tune the detector on; the blind sets' never are.
TUNING_SETS = ("blind2", "dev", *(f"dev{n}" for n in range(2, 81)), "blind3")


def target_checks(kinds: dict, clean: dict) -> dict[str, bool]:
    """Whether each kind's recall, and the clean text's false findings, meet their targets."""
    checks = {kind: kinds[kind]["recall"] >= target for kind, target in RECALL_TARGETS.items()}
    checks["clean"] = clean["per_1000_words"] <= MAX_FALSE_PER_1000_WORDS
    return checks


def evaluate(keys: Collection[str] | None = None) -> dict:
    """Score the detector on the main set (which decides pass/fail) and the reference sets
    named by `keys` (all of them by default)."""
    snippets = load_snippets(DATA / "pii_snippets.json")
    clean = (DATA / "pii_clean.txt").read_text(encoding="utf-8")

    main = score_snippets(snippets)
    clean_score = score_clean(clean)
    checks = target_checks(main["kinds"], clean_score)
    result = {
        "snippets": len(snippets),
        "kinds": main["kinds"],
        "misses": main["misses"],
        "false": main["false"],
        "clean": clean_score,
        "unseen_name_recall": unseen_name_recall(snippets),
        "timing": time_detector(snippets, clean),
        "checks": checks,
        "passed": all(checks.values()),
    }
    for key, title, snippets_file, clean_file, loader in REFERENCE_SETS:
        if keys is not None and key not in keys:
            continue
        reference = loader(DATA / snippets_file)
        scored = score_snippets(reference)
        result[key] = {
            "title": title,
            "snippets": len(reference),
            "kinds": scored["kinds"],
            "misses": scored["misses"],
            "false": scored["false"],
            "clean": score_clean((DATA / clean_file).read_text(encoding="utf-8")),
            "unseen_name_recall": unseen_name_recall(reference),
        }
    return result


def combined(*scores: dict) -> tuple[dict, dict]:
    """The per-kind figures and the clean-text figures of several scored sets taken as one."""
    kinds = {}
    for kind in KINDS:
        c = {n: sum(score["kinds"][kind][n] for score in scores) for n in ("gold", "found", "tp")}
        c.update({n: sum(score["kinds"][kind][n] for score in scores) for n in ("hit", "exact")})
        kinds[kind] = {
            **c,
            "precision": c["tp"] / c["found"] if c["found"] else 1.0,
            "recall": c["hit"] / c["gold"] if c["gold"] else 1.0,
            "exact_recall": c["exact"] / c["gold"] if c["gold"] else 1.0,
        }
    words = sum(score["clean"]["words"] for score in scores)
    false_findings = sum(score["clean"]["false_findings"] for score in scores)
    clean = {
        "words": words,
        "false_findings": false_findings,
        "per_1000_words": 1000 * false_findings / words if words else 0.0,
    }
    return kinds, clean


def _percent(value: float) -> str:
    return f"{100 * value:5.1f}%"


def table(kinds: dict, clean: dict, with_verdict: bool = True) -> str:
    header = (
        f"{'kind':<13}{'labelled':>9}{'found':>7}{'precision':>11}{'recall':>9}"
        f"{'exact':>9}   {'target':<16}{'':>4}"
    )
    lines = [header, "-" * len(header)]
    for kind in KINDS:
        k = kinds[kind]
        target = RECALL_TARGETS[kind]
        verdict = ("PASS" if k["recall"] >= target else "FAIL") if with_verdict else ""
        lines.append(
            f"{kind:<13}{k['gold']:>9}{k['found']:>7}{_percent(k['precision']):>11}"
            f"{_percent(k['recall']):>9}{_percent(k['exact_recall']):>9}   "
            f"{'recall >= ' + format(target, '.0%'):<16}{verdict:>4}"
        )
    rate = clean["per_1000_words"]
    verdict = ("PASS" if rate <= MAX_FALSE_PER_1000_WORDS else "FAIL") if with_verdict else ""
    lines.append(
        f"{'clean words':<13}{clean['words']:>9}{clean['false_findings']:>7}"
        f"{'':>11}{'':>9}{'':>9}   {'<= 2 / 1,000 w':<16}{verdict:>4}"
    )
    lines.append(f"  false findings per 1,000 clean words: {rate:.2f}")
    return "\n".join(lines)


def main(show_retired: bool = "--retired" in sys.argv, keys: Collection[str] | None = None) -> int:
    """Print the figures of the main set and of the reference sets named by `keys` (all by
    default); a retired blind set's only with `--retired`, and never scored otherwise."""
    shown = [
        key
        for key, *_ in REFERENCE_SETS
        if (keys is None or key in keys) and (show_retired or key not in RETIRED_BLIND_SETS)
    ]
    result = evaluate(shown)
    timing = result["timing"]
    print(
        f"PII detector: {result['snippets']} labelled snippets, "
        f"{result['clean']['words']:,} clean words (exact = same start and end)"
    )
    print(table(result["kinds"], result["clean"]))
    print(
        f"  person recall with the labelled names removed from the first-name list: "
        f"{_percent(result['unseen_name_recall']).strip()}"
    )
    print(
        f"  time: {timing['ms_per_snippet']:.3f} ms per snippet, "
        f"{timing['ms_per_2000_chars']:.2f} ms per 2,000 characters of clean text"
    )
    for kind, text, _ in result["misses"]:
        print(f"  missed {kind}: {text!r}")
    for kind, text, _ in result["false"]:
        print(f"  false {kind}: {text!r}")
    for kind, text in result["clean"]["examples"]:
        print(f"  false {kind} in clean text: {text!r}")
    for key in shown:
        reference = result[key]
        print(f"\n{reference['title']}, {reference['snippets']} snippets, for reference:")
        print(table(reference["kinds"], reference["clean"], with_verdict=key == VERDICT_SET))
        print(
            f"  person recall with the labelled names removed from the first-name list: "
            f"{_percent(reference['unseen_name_recall']).strip()}"
        )
        if key in TUNING_SETS:
            for kind, text, _ in reference["misses"]:
                print(f"  missed {kind}: {text!r}")
            for kind, text, _ in reference["false"]:
                print(f"  false {kind}: {text!r}")
            for kind, text in reference["clean"]["examples"]:
                print(f"  false {kind} in clean text: {text!r}")
    verdict = ""
    if VERDICT_SET in result:
        unseen = result[VERDICT_SET]
        unseen_passed = all(target_checks(unseen["kinds"], unseen["clean"]).values())
        if VERDICT_WITH in result:
            kinds, clean = combined(unseen, result[VERDICT_WITH])
            print(f"\n{VERDICT_SET} and {VERDICT_WITH} together, the verdict's second half:")
            print(table(kinds, clean))
            unseen_passed = unseen_passed and all(target_checks(kinds, clean).values())
        verdict = f"; on text the detector has not seen ({VERDICT_SET}): " + (
            "PASS" if unseen_passed else "FAIL"
        )
    print(f"\nPII targets on the main set: {'PASS' if result['passed'] else 'FAIL'}{verdict}")
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
