"""Workshop exports: a teaching example or a whole edition as a Markdown handout.

Pure functions: they take what the pages load and the absolute links the caller worked out,
and return text, so they can be tested, reused by a CLI or a job, and never touch a request.
The Markdown is the members' and moderators' own source text, never the rendered HTML.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from caseboard import outcome_text
from caseboard.aggregation import Outcome
from caseboard.curation import weeks
from caseboard.curation.library import TeachingExample
from caseboard.models import CaseUpdate, Edition
from caseboard.public_time import day_of
from caseboard.taxonomy import ADVICE_HELPED, DISCIPLINES, LABELS, LEVELS, SUPPORT_KINDS, TOPICS

MAX_SLUG = 60
_MARKUP = re.compile(r"[\\`*_\[\]<>#|]")


@dataclass(frozen=True)
class Links:
    """Absolute addresses an export points to (a handout is read away from the site)."""

    page: str  # the exported page itself
    examples: Mapping[int, str] = field(default_factory=dict)  # case id -> library page
    cases: Mapping[int, str] = field(default_factory=dict)  # case id -> full case page
    edition: str = ""  # the edition a single example appeared in


def outcome_words(outcome: Outcome) -> str:
    """The outcome in words, with the label code readers of exports look for."""
    code = f" ({outcome.leading})" if outcome.leading else ""
    return f"{outcome_text.headline(outcome)}{code} — {outcome_text.explanation(outcome)}"


def advice_words(follow_up: CaseUpdate) -> str:
    """The author's answer to "did the advice help?" as readers see it: "The advice: It helped"."""
    return f"The advice: {ADVICE_HELPED.get(follow_up.advice_helped, follow_up.advice_helped)}"


def context_words(example: TeachingExample) -> str:
    """Discipline, level, topic and support kind, as readers see them."""
    case = example.case
    return " · ".join(
        (
            DISCIPLINES.get(case.discipline, case.discipline),
            LEVELS.get(case.level, case.level),
            TOPICS.get(case.topic, case.topic),
            SUPPORT_KINDS.get(case.support_kind, case.support_kind).split(":")[0],
        )
    )


def week_span(edition: Edition) -> str:
    """The calendar days of the edition's ISO week, e.g. "23 Nov – 29 Nov 2026"."""
    start, after = weeks.bounds(edition.iso_year, edition.iso_week)
    end = after - timedelta(days=1)
    first = _day(start) if start.year == end.year else f"{_day(start)} {start.year}"
    return f"{first} – {_day(end)} {end.year}"


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%b}"


def atom_time(moment: datetime) -> str:
    """An RFC 3339 timestamp as Atom wants it, at the start of `moment`'s UTC day: feeds
    give days, like every page (caseboard/public_time.py)."""
    return f"{day_of(moment).isoformat()}T00:00:00Z"


def slug(title: str) -> str:
    """A file-name-safe version of a title: ASCII letters, digits and hyphens only."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower().replace("'", ""))
    return "-".join(words)[:MAX_SLUG].strip("-")


def example_filename(example: TeachingExample) -> str:
    return f"{slug(example.case.title) or 'teaching-example'}-{example.case.public_id}.md"


def edition_filename(edition: Edition) -> str:
    return f"caseboard-highlights-{edition.key}.md"


def example_markdown(example: TeachingExample, updates: Iterable[CaseUpdate], links: Links) -> str:
    """One teaching example as a handout: the case, its outcome and what happened next, the
    takeaway, the questions to discuss and the best verdicts (by their writers' aliases on
    the case)."""
    case = example.case
    edition = f" ({links.edition})" if links.edition else ""
    parts = [
        f"# {_line(case.title)}",
        f"*{context_words(example)}*",
        f"A teaching example from Caseboard's highlights of {example.edition.key}{edition}.",
        f"**Outcome:** {outcome_words(example.outcome)}",
        *_case_text(example, updates, "##"),
        *_takeaway_and_questions(example, "##"),
    ]
    if example.best_verdicts:
        parts.append("## Most helpful verdicts")
        for best in example.best_verdicts:
            label = best.verdict.label
            parts += [
                f"### {best.alias}: {label} ({LABELS[label][0]})",
                best.verdict.reasoning_md.strip(),
            ]
    parts += [
        "---",
        f"Online: {links.page}  \nThe full case and its discussion: {links.cases.get(case.id, '')}",
    ]
    return _join(parts)


def edition_markdown(
    edition: Edition,
    examples: list[TeachingExample],
    updates: Mapping[int, list[CaseUpdate]],
    links: Links,
) -> str:
    """A whole edition as a handout: the introduction, then each teaching example in order
    with its story, so a group can read and discuss it away from the site."""
    parts = [
        f"# {_line(edition.title) or 'Highlights of ' + edition.key}",
        f"*Caseboard highlights of {edition.key}: week {edition.iso_week} of "
        f"{edition.iso_year}, {week_span(edition)}*",
        edition.intro_md.strip(),
    ]
    for number, example in enumerate(examples, start=1):
        case = example.case
        parts += [
            f"## {number}. {_line(case.title)}",
            f"*{context_words(example)}*",
            f"**Outcome:** {outcome_words(example.outcome)}",
            *_case_text(example, updates.get(case.id, []), "###"),
            *_takeaway_and_questions(example, "###"),
            f"Teaching example: {links.examples.get(case.id, '')}  \n"
            f"Full case: {links.cases.get(case.id, '')}",
        ]
    parts += ["---", f"Online: {links.page}"]
    return _join(parts)


def _case_text(example: TeachingExample, updates: Iterable[CaseUpdate], level: str) -> list[str]:
    """The case as its author wrote it, their updates, then what happened next: the latest
    follow-up (`example.follow_up`) after the outcome, not repeated among the updates."""
    case = example.case
    follow_up = example.follow_up
    parts = [
        f"{level} What happened",
        case.situation_md.strip(),
        f"{level} Why I might be in the wrong",
        case.why_wrong_md.strip(),
    ]
    if case.help_wanted_md.strip():
        parts += [f"{level} What help I want", case.help_wanted_md.strip()]
    updates = [update for update in updates if update is not follow_up]
    if updates:
        parts.append(f"{level} Updates from OP")
        for update in updates:
            parts += [
                f"Update, {_day(update.created_at)} {update.created_at.year}:",
                f"*{advice_words(update)}*" if update.advice_helped else "",
                update.body_md.strip(),
            ]
    if follow_up is not None:
        parts += [
            f"{level} What happened next",
            f"Follow-up from OP, {_day(follow_up.created_at)} {follow_up.created_at.year}, "
            f"after the outcome “{outcome_text.headline(example.outcome)}”:",
            f"**{advice_words(follow_up)}**",
            follow_up.body_md.strip(),
        ]
    return parts


def _takeaway_and_questions(example: TeachingExample, level: str) -> list[str]:
    highlight = example.highlight
    parts = []
    if highlight.takeaway_md.strip():
        parts += [f"{level} Takeaway", highlight.takeaway_md.strip()]
    if highlight.questions_md.strip():
        parts += [f"{level} Questions to discuss", highlight.questions_md.strip()]
    return parts


def _line(text: str) -> str:
    """Plain text (a title) for one line of Markdown: line breaks would end a heading early,
    and characters Markdown reads as markup are escaped so the title shows as written."""
    return _MARKUP.sub(r"\\\g<0>", " ".join(text.split()))


def _join(parts: list[str]) -> str:
    return "\n\n".join(part for part in parts if part) + "\n"
