"""The preview's private writing-style check: a draft against its author's own earlier
cases, with recent cases by others as the yardstick (caseboard/writing_style.py).

Worked out on each preview from texts Caseboard already keeps, stored nowhere, and shown to
the author alone: the draft's page is never cached or shown to anyone else.
"""

from __future__ import annotations

from sqlalchemy import select

from caseboard.extensions import db
from caseboard.models import Case, ContentStatus
from caseboard.writing_style import StyleMatch, compare

OWN_CASES_COMPARED = 20  # the author's latest published cases
STRANGERS_COMPARED = 40  # the latest published cases by others
# Below this many cases by others, the yardstick is too short to say how much a style stands out.
MIN_STRANGERS = 10
# Style shows over some length: a shorter draft is not compared (cases are longer as a rule).
MIN_DRAFT_WORDS = 80

_CASE_TEXT = (Case.title, Case.situation_md, Case.why_wrong_md, Case.help_wanted_md)


def style_check(draft_texts: dict[str, str], author_id: int) -> StyleMatch | None:
    """How the draft compares with the author's published cases; None when they have none,
    or the draft is too short to tell."""
    draft = "\n".join(draft_texts.values())
    if len(draft.split()) < MIN_DRAFT_WORDS:
        return None
    published = select(*_CASE_TEXT).where(Case.status == ContentStatus.PUBLISHED)
    own = _texts(published.where(Case.author_id == author_id), OWN_CASES_COMPARED)
    if not own:
        return None
    others = _texts(published.where(Case.author_id != author_id), STRANGERS_COMPARED)
    return compare(draft, own, others)


def _texts(statement, limit: int) -> list[str]:
    rows = db.session.execute(statement.order_by(Case.published_at.desc()).limit(limit))
    return ["\n".join(part for part in row if part) for row in rows]
