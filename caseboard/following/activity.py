"""My activity: the member's own cases, their verdicts and the cases they follow, a page at a
time, each section in one query (two for follows: the member's verdicts on them).

Only the member ever sees it. The entries are the lists' case cards, so blind mode holds as
it does there: an open case shows no tally or label, not even to its follower; the member's
own verdict shows its own label.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import defer

from caseboard.cases.queries import Page, my_verdicts_on
from caseboard.extensions import db
from caseboard.models import Case, CaseFollow, ContentStatus, Verdict
from caseboard.models.cases import CASE_TEXT_COLUMNS

CASES, VERDICTS, FOLLOWING = "cases", "verdicts", "following"
SECTIONS = {CASES: "My cases", VERDICTS: "My verdicts", FOLLOWING: "Cases I follow"}

# The card shows an excerpt of the situation; the rest of a case's text stays unloaded.
_UNSHOWN_TEXT = [defer(column) for column in CASE_TEXT_COLUMNS if column is not Case.situation_md]


@dataclass(frozen=True)
class Entry:
    """A case on the page, with the member's own verdict on it if they gave one (anything
    with .label and .status)."""

    case: Case
    verdict: Any = None


def my_cases(member_id: int, *, page: int, per_page: int) -> Page[Entry]:
    """The member's cases, newest first, whatever moderators made of them."""
    statement = (
        select(Case)
        .options(*_UNSHOWN_TEXT)
        .where(Case.author_id == member_id)
        .order_by(Case.created_at.desc(), Case.id.desc())
    )
    cases = _rows(db.session.scalars, statement, page, per_page)
    return _page([Entry(case) for case in cases], page, per_page)


def my_verdicts(member_id: int, *, page: int, per_page: int) -> Page[Entry]:
    """The member's verdicts, newest first, on cases others can still read."""
    statement = (
        select(Verdict, Case)
        .join(Case, Case.id == Verdict.case_id)
        .options(defer(Verdict.reasoning_md), defer(Verdict.reasoning_html), *_UNSHOWN_TEXT)
        .where(Verdict.member_id == member_id, Case.status == ContentStatus.PUBLISHED)
        .order_by(Verdict.created_at.desc(), Verdict.id.desc())
    )
    rows = _rows(db.session.execute, statement, page, per_page)
    return _page([Entry(case, verdict) for verdict, case in rows], page, per_page)


def followed_cases(member_id: int, *, page: int, per_page: int) -> Page[Entry]:
    """Others' cases the member follows, most recently followed first (their own are under
    "My cases"), with the member's verdict on each they judged."""
    statement = (
        select(Case)
        .join(CaseFollow, CaseFollow.case_id == Case.id)
        .options(*_UNSHOWN_TEXT)
        .where(
            CaseFollow.member_id == member_id,
            Case.author_id != member_id,
            Case.status == ContentStatus.PUBLISHED,
        )
        .order_by(CaseFollow.created_at.desc(), Case.id.desc())
    )
    cases = _rows(db.session.scalars, statement, page, per_page)
    mine = my_verdicts_on(member_id, [case.id for case in cases])
    return _page([Entry(case, mine.get(case.id)) for case in cases], page, per_page)


LOADERS = {CASES: my_cases, VERDICTS: my_verdicts, FOLLOWING: followed_cases}


def _rows(run, statement: Select, page: int, per_page: int) -> list:
    """One row more than the page holds, to know whether there is a next page."""
    return list(run(statement.limit(per_page + 1).offset((page - 1) * per_page)).all())


def _page(entries: list[Entry], page: int, per_page: int) -> Page[Entry]:
    return Page(entries[:per_page], page, len(entries) > per_page)
