"""Read side of cases: the lists and the case page, each in a fixed, small number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from markupsafe import Markup
from sqlalchemy import Row, Select, and_, select
from sqlalchemy.orm import joinedload

from caseboard.aggregation import MIN_VERDICTS_FOR_DIVISIVE
from caseboard.errors import NotFound
from caseboard.extensions import db
from caseboard.identity import pseudonym, reading_order
from caseboard.models import (
    Case,
    CaseFollow,
    ContentStatus,
    HelpfulVote,
    Member,
    Reply,
    Verdict,
)
from caseboard.models.base import is_public_id
from caseboard.search import SearchQuery, apply_filters, search_cases, snippets

T = TypeVar("T")


TOP_PERIODS: dict[str, timedelta | None] = {
    "day": timedelta(days=1),
    "week": timedelta(days=7),
    "month": timedelta(days=31),
    "all": None,
}


@dataclass
class Page(Generic[T]):
    """One page of a list; no total count, which would cost a full scan on every view."""

    items: list[T]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def _page(stmt: Select, number: int, per_page: int) -> Page:
    rows = list(db.session.scalars(stmt.limit(per_page + 1).offset((number - 1) * per_page)))
    return Page(rows[:per_page], number, len(rows) > per_page)


def list_cases(
    sort: str,
    filters: dict[str, str],
    *,
    page: int,
    per_page: int,
    now: datetime,
    period: str = "week",
) -> Page[Case]:
    """Published cases for the home (hot), new, top, divisive and needs-verdicts lists."""
    stmt = apply_filters(select(Case).where(Case.status == ContentStatus.PUBLISHED), filters)
    if sort == "divisive":
        # Splits only mean something with enough verdicts behind them. "+ 0" keeps SQLite's
        # planner on the (status, divisiveness) index, which already has the order we want.
        # Closed cases only: ranking open ones by their split would leak the hidden tally.
        stmt = stmt.where(
            Case.closed_at.is_not(None), Case.verdict_count + 0 >= MIN_VERDICTS_FOR_DIVISIVE
        ).order_by(Case.divisiveness.desc(), Case.id.desc())
    elif sort == "needs":
        # Open cases; those extended for want of verdicts first (their second and last
        # chance), then the fewest verdicts, oldest first: everyone gets help in time.
        stmt = stmt.where(Case.closes_at > now).order_by(
            Case.extended_at.is_(None).asc(),
            Case.verdict_count.asc(),
            Case.published_at.asc(),
            Case.id.asc(),
        )
    elif sort == "new":
        stmt = stmt.order_by(Case.published_at.desc(), Case.id.desc())
    elif sort == "top":
        since = TOP_PERIODS.get(period, TOP_PERIODS["week"])
        if since is not None:
            stmt = stmt.where(Case.published_at >= now - since)
        stmt = stmt.order_by(Case.verdict_count.desc(), Case.published_at.desc())
    else:
        stmt = stmt.order_by(Case.hot_score.desc(), Case.id.desc())
    return _page(stmt, page, per_page)


@dataclass
class SearchPage(Page[Case]):
    """A page of search results, with the passage of each case that matched, highlighted."""

    snippets: dict[int, Markup] = field(default_factory=dict)


def search_page(
    query: SearchQuery, filters: dict[str, str], *, page: int, per_page: int
) -> SearchPage:
    """One page of full-text search results and their snippets (three queries)."""
    rows = search_cases(query, filters=filters, limit=per_page + 1, offset=(page - 1) * per_page)
    items = rows[:per_page]
    found = snippets(query, [case.id for case in items])
    return SearchPage(items, page, len(rows) > per_page, snippets=found)


def get_published_case(public_id: str, viewer: Member | None = None) -> Case:
    """The case behind a public id; unpublished cases exist only for their author. Its
    outcome's prior comes in the same query: the closed case page needs it for the ranges."""
    case = _by_public_id(Case, public_id, joinedload(Case.outcome_prior))
    if case is None or (
        case.status != ContentStatus.PUBLISHED and (viewer is None or viewer.id != case.author_id)
    ):
        raise NotFound("There is no case at this address. It may have been removed.")
    return case


@dataclass
class ReplyNode:
    """A reply with its alias and the answers under it, ready to render."""

    reply: Reply
    alias: str
    children: list[ReplyNode] = field(default_factory=list)


@dataclass
class VerdictView:
    """A verdict with its alias, the viewer's vote and its reply tree."""

    verdict: Verdict
    alias: str
    my_vote: bool | None
    replies: list[ReplyNode]


@dataclass
class CasePage:
    """Everything the case page shows, loaded in a fixed number of queries."""

    case: Case
    verdicts: Page[VerdictView]
    case_replies: list[ReplyNode]
    my_verdict: Verdict | None
    reply_votes: dict[int, bool]
    young: bool = False
    following: bool = False  # whether the viewer follows the case


def case_page(
    case: Case,
    viewer: Member | None,
    *,
    page: int,
    per_page: int,
    reader: str = "",
) -> CasePage:
    """Load one page of a case's verdicts, their replies, and the case's own replies.

    Verdicts come by "best" (Wilson lower bound of helpful votes), except on a young case,
    where each reader gets their own shuffled order so early verdicts don't snowball
    (`reader` names whose order: a member, or one of a few orders for readers without one;
    empty when the case is not young).
    """
    young = bool(reader)
    if young:
        verdict_page = _shuffled_verdicts(case, reader, page, per_page)
    else:
        verdict_page = _page(
            select(Verdict)
            .where(Verdict.case_id == case.id, _shown(Verdict))
            .order_by(Verdict.best_score.desc(), Verdict.created_at.asc(), Verdict.id.asc()),
            page,
            per_page,
        )
    verdict_ids = [verdict.id for verdict in verdict_page.items]
    replies = list(
        db.session.scalars(
            select(Reply)
            .where(
                Reply.case_id == case.id,
                (Reply.verdict_id.in_(verdict_ids)) | (Reply.verdict_id.is_(None)),
                _shown(Reply, viewer),
            )
            .order_by(Reply.created_at.asc(), Reply.id.asc())
        )
    )
    verdict_votes: dict[int, bool] = {}
    reply_votes: dict[int, bool] = {}
    my_verdict, following = None, False
    if viewer is not None:
        reply_ids = [reply.id for reply in replies]
        for vote in db.session.scalars(
            select(HelpfulVote).where(
                HelpfulVote.member_id == viewer.id,
                HelpfulVote.verdict_id.in_(verdict_ids) | HelpfulVote.reply_id.in_(reply_ids),
            )
        ):
            if vote.verdict_id is not None:
                verdict_votes[vote.verdict_id] = vote.helpful
            else:
                reply_votes[vote.reply_id] = vote.helpful
        my_verdict, following = _verdict_and_following(case, viewer)

    trees = _reply_trees(case, replies)
    views = [
        VerdictView(
            verdict=verdict,
            alias=alias_on(case, verdict),
            my_vote=verdict_votes.get(verdict.id),
            replies=trees.get(verdict.id, []),
        )
        for verdict in verdict_page.items
    ]
    return CasePage(
        case=case,
        verdicts=Page(views, verdict_page.number, verdict_page.has_next),
        case_replies=trees.get(None, []),
        my_verdict=my_verdict,
        reply_votes=reply_votes,
        young=young,
        following=following,
    )


def _shuffled_verdicts(case: Case, reader: str, page: int, per_page: int) -> Page:
    """One page of a per-reader shuffle: stable for that reader, different for the next."""
    rows = db.session.execute(
        select(Verdict.id, Verdict.public_id).where(Verdict.case_id == case.id, _shown(Verdict))
    ).all()
    rows.sort(key=lambda row: reading_order(reader, case.id, row.public_id))
    ids = [row.id for row in rows]
    start = (page - 1) * per_page
    wanted = ids[start : start + per_page]
    by_id = {v.id: v for v in db.session.scalars(select(Verdict).where(Verdict.id.in_(wanted)))}
    return Page([by_id[i] for i in wanted if i in by_id], page, len(ids) > start + per_page)


def _reply_trees(case: Case, replies: list[Reply]) -> dict[int | None, list[ReplyNode]]:
    """Group replies into trees keyed by the verdict they sit under (None: on the case)."""
    nodes = {reply.id: ReplyNode(reply, alias_on(case, reply)) for reply in replies}
    roots: dict[int | None, list[ReplyNode]] = defaultdict(list)
    for reply in replies:
        node = nodes[reply.id]
        parent = nodes.get(reply.parent_id) if reply.parent_id else None
        if parent is not None:
            parent.children.append(node)
        else:
            roots[reply.verdict_id].append(node)
    return roots


def get_verdict(public_id: str, viewer: Member | None = None) -> Verdict:
    """A published verdict on a published case, by its public id; its author also gets it
    while it waits for a moderator."""
    verdict = _by_public_id(Verdict, public_id)
    if verdict is None or not _visible(verdict, viewer):
        raise NotFound("That verdict does not exist. It may have been withdrawn.")
    return verdict


def get_reply(public_id: str, viewer: Member | None = None) -> Reply:
    """A published reply on a published case, by its public id (or the author's own)."""
    reply = _by_public_id(Reply, public_id)
    if reply is None or not _visible(reply, viewer):
        raise NotFound("That reply does not exist. It may have been removed.")
    return reply


def _visible(item: Verdict | Reply, viewer: Member | None) -> bool:
    if item.case.status != ContentStatus.PUBLISHED:
        return False
    return item.status == ContentStatus.PUBLISHED or (
        viewer is not None and item.member_id == viewer.id
    )


def _shown(model, viewer: Member | None = None):
    """Rows readers see: published ones, and the viewer's own whatever their state (the
    page tells them why theirs is not shown to others)."""
    condition = model.status == ContentStatus.PUBLISHED
    if viewer is not None:
        condition = condition | (model.member_id == viewer.id)
    return condition


def reply_targets(
    case: Case, verdict_public_id: str | None, parent_public_id: str | None
) -> tuple[Verdict | None, Reply | None]:
    """The verdict and the reply a new reply answers; both must be on `case`.

    Checking the case matters for anonymity: an alias is only meaningful on its own case, and
    answering something from another case would show its author's alias on this one.
    """
    verdict = get_verdict(verdict_public_id) if verdict_public_id else None
    parent = get_reply(parent_public_id) if parent_public_id else None
    for target in (verdict, parent):
        if target is not None and target.case_id != case.id:
            raise NotFound("What you are answering is not on this case.")
    return verdict, parent


def my_verdicts_on(member_id: int, public_ids: Collection[str]) -> dict[str, Row]:
    """The member's own verdict (its label and status) on each of these cases they have
    judged, by the case's public id: one query on the (case, member) unique index, however
    many cases a list shows."""
    if not public_ids:
        return {}
    rows = db.session.execute(
        select(Case.public_id, Verdict.label, Verdict.status)
        .join(Verdict, Verdict.case_id == Case.id)
        .where(Case.public_id.in_(set(public_ids)), Verdict.member_id == member_id)
    )
    return {row.public_id: row for row in rows}


def has_judged(case: Case, member: Member) -> bool:
    """Whether the member has given a verdict on the case."""
    return _verdict_of(case, member) is not None


def _verdict_and_following(case: Case, member: Member) -> tuple[Verdict | None, bool]:
    """The member's verdict on the case and whether they follow it, in one query."""
    follows = (
        select(CaseFollow.case_id)
        .where(CaseFollow.case_id == case.id, CaseFollow.member_id == member.id)
        .exists()
    )
    mine = and_(Verdict.case_id == Case.id, Verdict.member_id == member.id)
    verdict, following = db.session.execute(
        select(Verdict, follows)
        .select_from(Case)
        .outerjoin(Verdict, mine)
        .where(Case.id == case.id)
    ).one()
    return verdict, bool(following)


def _verdict_of(case: Case, member: Member) -> Verdict | None:
    return db.session.scalar(
        select(Verdict).where(Verdict.case_id == case.id, Verdict.member_id == member.id)
    )


def alias_on(case: Case, item: Verdict | Reply) -> str:
    """How the writer of a verdict or reply on `case` appears there."""
    return pseudonym(item.member_id, case.id, case.author_id)


def _by_public_id(model, public_id: str | None, *options):
    if not is_public_id(public_id):
        return None
    return db.session.scalar(select(model).where(model.public_id == public_id).options(*options))
