"""What a list entry says about a case besides its title: a plain-text excerpt, whether it
still takes verdicts and for how long, or how it came out, and, for a member, whether they
have judged it.

Lists are rendered once and shared by every reader through the fragment cache, so the one
personal part, the member's "You judged this", is never rendered into them: the shared HTML
carries an empty slot per case (an HTML comment), and `with_judged_marks` fills the slots of
one member's page after the cache, from a column of the query that logs them in (or one
indexed query of their own), or empties them for a reader.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime

from flask import get_template_attribute
from flask_login import current_user
from markdown_it import MarkdownIt
from markupsafe import Markup

from caseboard import aggregation, outcome_text, web
from caseboard.cases.queries import (
    among_params,
    my_verdicts_column,
    my_verdicts_on,
    read_my_verdicts,
)
from caseboard.models import Case, ContentStatus
from caseboard.models.base import utcnow
from caseboard.public_time import time_left

EXCERPT_LENGTH = 180
# Only the start of a long text is parsed: enough for the excerpt, cut at a paragraph break
# (emphasis and links never span one) so a 20,000-character case costs what a short one does.
_PARSE_FROM = 1_000
_PARSE_AT_MOST = 3_000
_markdown = MarkdownIt("js-default")  # raw HTML stays text, as on the case page
_TEXT_TOKENS = {"text", "code_inline", "image", "code_block", "fence"}


def excerpt(markdown: str, length: int = EXCERPT_LENGTH) -> str:
    """The opening of a member's Markdown as plain text, about `length` characters long, cut
    at a word boundary with an ellipsis: "A teammate asked me to cover their on-call…"."""
    text = " ".join(_plain_text(_opening(markdown)).split())
    if len(text) <= length:
        return text
    cut = text[: length + 1]
    end = cut.rfind(" ")
    cut = cut[:end] if end > length // 2 else text[:length]  # one huge word: cut inside it
    return cut.rstrip(" ,;:.!?-–—") + "…"


def _opening(markdown: str) -> str:
    if len(markdown) <= _PARSE_FROM:
        return markdown
    end = markdown.find("\n\n", _PARSE_FROM, _PARSE_AT_MOST)
    return markdown[: end if end != -1 else _PARSE_AT_MOST]


def _plain_text(markdown: str) -> str:
    words: list[str] = []
    for token in _markdown.parse(markdown):
        for part in token.children if token.type == "inline" else [token]:
            if part.type in _TEXT_TOKENS:
                words.append(part.content)
            elif part.nesting == 0 or part.block:  # a line break or a block's edge
                words.append(" ")
    return "".join(words)


@dataclass(frozen=True)
class CaseStatus:
    """Where a case's window stands, as a list entry says it. `headline` is only ever set
    for a case that no longer takes verdicts: an open case's tally stays blind."""

    is_open: bool
    closes_at: datetime | None = None
    time_left: str = ""
    extended: bool = False
    locked: bool = False
    headline: str = ""
    unpublished: str = ""  # why the case is not shown to others (only its author sees it)


# An unpublished case appears only in its author's own lists (their activity page).
UNPUBLISHED = {
    ContentStatus.SCHEDULED: "Appears on the board in a few minutes",
    ContentStatus.HELD: "Waiting for a moderator",
    ContentStatus.RETURNED: "Returned to you for edits",
    ContentStatus.REJECTED: "Not published",
    ContentStatus.REMOVED: "Removed by a moderator",
}


def case_status(case: Case, now: datetime | None = None) -> CaseStatus:
    """Open (with its time left, extended or locked) or closed (with its outcome headline:
    the stored one, or the same sums live while the closing job has not run yet); or, for a
    case that is not published, why not."""
    now = now or utcnow()
    if case.status != ContentStatus.PUBLISHED:
        return CaseStatus(is_open=False, unpublished=UNPUBLISHED.get(case.status, "Not published"))
    if case.is_open(now):
        closes_at = case.closes_at
        return CaseStatus(
            is_open=True,
            closes_at=closes_at,
            time_left=time_left(closes_at, now) if closes_at else "",
            extended=case.extended_at is not None,
            locked=case.locked_at is not None,
        )
    if case.closed_at is not None:
        headline = outcome_text.short_headline(case.outcome_state, case.outcome_label, case.tally)
    else:
        headline = outcome_text.headline(aggregation.summarize(case.tally))
    return CaseStatus(is_open=False, headline=headline)


# -- the member's own mark, filled in after the shared cache --------------------------------

_SLOT = re.compile(r"<!--judged:([0-9]{1,12})-->")


def judged_slot(case: Case) -> Markup:
    """Where a list entry's "You judged this" goes, the same for every reader. It names the
    case by its id, which never leaves the server: with_judged_marks replaces every slot."""
    return Markup(f"<!--judged:{case.id}-->")


def with_judged_marks(html: str) -> str:
    """`html` with each judged slot filled for the logged-in member (the cases they gave a
    verdict on, with their own label) and the others emptied; every slot emptied for a
    reader. The marks come in the member's login query when nothing has loaded the member
    yet (a list page, the body fetched first), else in one query of their own."""
    case_ids = sorted({int(case_id) for case_id in _SLOT.findall(html)})
    if not case_ids:
        return html
    asked = web.read_with_login(
        web.LoginColumn(
            ("judged", len(case_ids)),
            functools.partial(my_verdicts_column, len(case_ids)),
            among_params(case_ids),
        )
    )
    member = current_user._get_current_object()
    if not member.is_authenticated:
        mine = {}
    elif asked:
        mine = read_my_verdicts(web.login_column_value())
    else:
        mine = my_verdicts_on(member.id, case_ids)
    if not mine:
        return _SLOT.sub("", html)
    mark = get_template_attribute("cases/_case_card.html", "judged_mark")

    def fill(match: re.Match) -> str:
        verdict = mine.get(int(match.group(1)))
        return str(mark(verdict.label, verdict.status)) if verdict is not None else ""

    return _SLOT.sub(fill, html)
