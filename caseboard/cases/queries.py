"""Read side of cases: the lists and the case page, each in a fixed, small number of queries."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Generic, NamedTuple, TypeVar

from markupsafe import Markup
from sqlalchemy import (
    Boolean,
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    cast,
    func,
    literal,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy import case as sql_case
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


def get_published_case(
    public_id: str, viewer: Member | None = None, *, with_updates: bool = False
) -> Case:
    """The case behind a public id; unpublished cases exist only for their author. Its
    outcome's prior comes in the same query: the closed case page needs it for the ranges;
    so do its updates, for the case page (`with_updates`)."""
    case = _by_public_id(Case, public_id, with_updates=with_updates)
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
    """A verdict with its alias and the first replies of its thread (`more_replies`: the
    thread goes on, on the verdict's own page)."""

    verdict: Verdict
    alias: str
    replies: list[ReplyNode]
    more_replies: bool = False


@dataclass
class Discussion:
    """The part of a case page every member sees alike: one page of verdicts, each with
    the start of its thread, and the start of the comments on the case itself."""

    verdicts: Page[VerdictView]
    comments: list[ReplyNode]
    more_comments: bool
    young: bool = False


@dataclass(frozen=True)
class Shown:
    """How much of each thread the case page shows before "more replies"."""

    per_thread: int
    comments: int


def case_discussion(
    case: Case,
    *,
    page: int,
    per_page: int,
    shown: Shown,
    reader: str = "",
    member: Member | None = None,
) -> Discussion:
    """One page of a case's verdicts and the first replies under each, and the first
    comments on the case, in three queries however long the threads are.

    Verdicts come by "best" (Wilson lower bound of helpful votes), except on a young case,
    where `reader` names one of a few shuffled orders so early verdicts don't snowball
    (empty when the case is not young). Replies are published ones, plus `member`'s own
    that wait for a moderator (only pages rendered for that member pass one).
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
    replies = _first_replies(case, verdict_ids, shown, member)
    kept: dict[int | None, list[Reply]] = defaultdict(list)
    more: set[int | None] = set()
    for reply in replies:
        limit = shown.comments if reply.verdict_id is None else shown.per_thread
        if len(kept[reply.verdict_id]) < limit:
            kept[reply.verdict_id].append(reply)
        else:
            more.add(reply.verdict_id)
    trees = _reply_trees(case, [reply for thread in kept.values() for reply in thread])
    views = [
        VerdictView(
            verdict=verdict,
            alias=alias_on(case, verdict),
            replies=trees.get(verdict.id, []),
            more_replies=verdict.id in more,
        )
        for verdict in verdict_page.items
    ]
    return Discussion(
        verdicts=Page(views, verdict_page.number, verdict_page.has_next),
        comments=trees.get(None, []),
        more_comments=None in more,
        young=young,
    )


def _first_replies(
    case: Case, verdict_ids: list[int], shown: Shown, member: Member | None
) -> list[Reply]:
    """The first replies of each thread (one more than shown, to know whether it goes on),
    oldest first. A reply comes after what it answers, so the first few of a thread by time
    always include the replies they answer."""
    position = (
        func.row_number()
        .over(partition_by=Reply.verdict_id, order_by=(Reply.created_at, Reply.id))
        .label("position")
    )
    ranked = (
        select(Reply.id, Reply.verdict_id, position)
        .where(
            Reply.case_id == case.id,
            Reply.verdict_id.in_(verdict_ids) | Reply.verdict_id.is_(None),
            _shown(Reply, member),
        )
        .subquery()
    )
    wanted = sql_case(
        (ranked.c.verdict_id.is_(None), shown.comments + 1), else_=shown.per_thread + 1
    )
    return list(
        db.session.scalars(
            select(Reply)
            .join(ranked, ranked.c.id == Reply.id)
            .where(ranked.c.position <= wanted)
            .order_by(Reply.created_at.asc(), Reply.id.asc())
        )
    )


def whole_thread(case: Case, verdict: Verdict | None, member: Member | None = None) -> list:
    """Every reply under a verdict (or, with None, on the case itself), as trees."""
    replies = db.session.scalars(
        select(Reply)
        .where(_in_thread(case, verdict), _shown(Reply, member))
        .order_by(Reply.created_at.asc(), Reply.id.asc())
    )
    return _reply_trees(case, list(replies)).get(verdict.id if verdict else None, [])


def _in_thread(case: Case, verdict: Verdict | None):
    """Replies under `verdict` on the case, or with None, the comments on the case itself."""
    under = Reply.verdict_id.is_(None) if verdict is None else Reply.verdict_id == verdict.id
    return and_(Reply.case_id == case.id, under)


def reply_after(case: Case, verdict: Verdict | None, count: int) -> str | None:
    """The public id of the published reply that comes after the first `count` of a thread
    (under a verdict, or with None on the case itself), oldest first; None if there is none."""
    return db.session.scalar(
        select(Reply.public_id)
        .where(_in_thread(case, verdict), _shown(Reply))
        .order_by(Reply.created_at.asc(), Reply.id.asc())
        .offset(count)
        .limit(1)
    )


_NULL = null()


class MyVerdict(NamedTuple):
    """What the case page says of the member's own verdict."""

    public_id: str
    label: str
    status: str


@dataclass(frozen=True)
class MyPart:
    """What is one member's own on a case page, to lay over the page every member shares:
    their verdict, whether they follow the case, what they wrote there (by kind and public
    id, with its helpful counts), their helpful votes, and whether a reply of theirs waits
    for a moderator (it is on no shared page, so such a member's page is rendered for them)."""

    verdict: MyVerdict | None = None
    following: bool = False
    written: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    votes: dict[tuple[str, str], bool] = field(default_factory=dict)
    waiting_replies: bool = False


def _my_part_statement():
    """my_part's UNION ALL, for :case_id and :member_id: built once, as building it cost more
    than running it, on every member's case page."""
    text, number, flag = String(), Integer(), Boolean()
    case_id, member_id = bindparam("case_id"), bindparam("member_id")

    def branch(kind: str, public_id=_NULL, status=_NULL, label=_NULL, counts=(), vote=_NULL):
        helpful, not_helpful = counts or (_NULL, _NULL)
        return select(
            literal(kind, text).label("kind"),
            cast(public_id, text).label("public_id"),
            cast(status, text).label("status"),
            cast(label, text).label("label"),
            cast(helpful, number).label("helpful"),
            cast(not_helpful, number).label("not_helpful"),
            cast(vote, flag).label("vote"),
        )

    counts = {model: (model.helpful_count, model.not_helpful_count) for model in (Verdict, Reply)}
    branches = [
        branch("verdict", Verdict.public_id, Verdict.status, Verdict.label, counts[Verdict]).where(
            Verdict.case_id == case_id, Verdict.member_id == member_id
        ),
        branch("reply", Reply.public_id, Reply.status, counts=counts[Reply]).where(
            Reply.case_id == case_id, Reply.member_id == member_id
        ),
        branch("following").where(CaseFollow.case_id == case_id, CaseFollow.member_id == member_id),
    ]
    for model, target in ((Verdict, HelpfulVote.verdict_id), (Reply, HelpfulVote.reply_id)):
        # From the member's votes on this case (the (member, case) index) to what they are on.
        branches.append(
            branch(f"vote:{model.__tablename__}", model.public_id, vote=HelpfulVote.helpful)
            .select_from(HelpfulVote)
            .join(model, target == model.id)
            .where(HelpfulVote.member_id == member_id, HelpfulVote.case_id == case_id)
        )
    return union_all(*branches)


_MY_PART = _my_part_statement()


def my_part(case: Case, member: Member) -> MyPart:
    """The member's own part of a case page, in one query bounded by the case's size: each
    part is a branch of a UNION ALL on the (case, member) and (member, target) indexes."""
    verdict, following, waiting = None, False, False
    written: dict[tuple[str, str], tuple[int, int]] = {}
    votes: dict[tuple[str, str], bool] = {}
    for row in db.session.execute(_MY_PART, {"case_id": case.id, "member_id": member.id}):
        if row.kind == "following":
            following = True
        elif row.kind.startswith("vote:"):
            votes["verdict" if row.kind == "vote:verdicts" else "reply", row.public_id] = row.vote
        else:
            if row.kind == "verdict":
                verdict = MyVerdict(row.public_id, row.label, row.status)
            if row.status == ContentStatus.PUBLISHED:
                written[row.kind, row.public_id] = (row.helpful, row.not_helpful)
            waiting = waiting or (row.kind == "reply" and row.status != ContentStatus.PUBLISHED)
    return MyPart(verdict, following, written, votes, waiting)


def _shuffled_verdicts(case: Case, reader: str, page: int, per_page: int) -> Page:
    """One page of a shuffled order: stable for its reader, different for the next."""
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


class JudgedMark(NamedTuple):
    """The member's own verdict on a listed case, as its list entry marks it."""

    public_id: str
    label: str | None
    status: str


def _my_verdicts_among(count: int, member_id: ColumnElement) -> Select:
    """The verdicts of `member_id` (a bind parameter, or members.id to read them with the
    member's row) on the cases :case_0 … :case_{count - 1}: one bind parameter per case, as
    SQLAlchemy expands an IN list again on every execution."""
    cases = [bindparam(f"case_{number}") for number in range(count)]
    return (
        select(Case.public_id, Verdict.label, Verdict.status)
        .join(Verdict, Verdict.case_id == Case.id)
        .where(Case.public_id.in_(cases), Verdict.member_id == member_id)
    )


def among_params(public_ids: Collection[str]) -> dict[str, str]:
    """The :case_0 … parameters of _my_verdicts_among for these public ids."""
    return {f"case_{number}": public_id for number, public_id in enumerate(public_ids)}


@functools.lru_cache(maxsize=64)  # a list page shows at most a few dozen cases
def _my_verdicts_on_statement(count: int) -> Select:
    """The member's verdicts on `count` cases: built once per count, as building it cost
    more than running it, on every member's list page."""
    return _my_verdicts_among(count, bindparam("member_id"))


def my_verdicts_on(member_id: int, public_ids: Collection[str]) -> dict[str, JudgedMark]:
    """The member's own verdict (its label and status) on each of these cases they have
    judged, by the case's public id: one query on the (case, member) unique index, however
    many cases a list shows."""
    wanted = sorted(set(public_ids))
    if not wanted:
        return {}
    arguments = {**among_params(wanted), "member_id": member_id}
    rows = db.session.execute(_my_verdicts_on_statement(len(wanted)), arguments)
    return {row.public_id: JudgedMark(*row) for row in rows}


def my_verdicts_column(count: int) -> ColumnElement:
    """my_verdicts_on for the member of the row it is read with (the login's query, on
    members): each verdict as "public_id label status", joined by commas. Public ids,
    labels and statuses hold neither spaces nor commas."""
    entry = Case.public_id + " " + func.coalesce(Verdict.label, "") + " " + Verdict.status
    verdicts = _my_verdicts_among(count, Member.id)
    # The separator as SQL text: given as a string, it is a bind parameter that SQLAlchemy
    # renders into the statement again on every execution of the login's query.
    joined = func.aggregate_strings(entry, literal_column("','"))
    aggregated = verdicts.with_only_columns(joined, maintain_column_froms=True)
    return aggregated.scalar_subquery()


def read_my_verdicts(column: str | None) -> dict[str, JudgedMark]:
    """my_verdicts_column's value as my_verdicts_on gives it."""
    marks = {}
    for entry in (column or "").split(","):
        if entry:
            public_id, label, status = entry.split(" ")
            marks[public_id] = JudgedMark(public_id, label or None, status)
    return marks


def verdict_of_reply(reply: Reply) -> Verdict | None:
    """The verdict a reply sits under (None: it is on the case itself)."""
    return db.session.get(Verdict, reply.verdict_id) if reply.verdict_id is not None else None


def has_judged(case: Case, member: Member) -> bool:
    """Whether the member has given a verdict on the case."""
    return _verdict_of(case, member) is not None


def _verdict_of(case: Case, member: Member) -> Verdict | None:
    return db.session.scalar(
        select(Verdict).where(Verdict.case_id == case.id, Verdict.member_id == member.id)
    )


def alias_on(case: Case, item: Verdict | Reply) -> str:
    """How the writer of a verdict or reply on `case` appears there."""
    return pseudonym(item.member_id, case.id, case.author_id)


@functools.cache
def _by_public_id_statement(model, with_updates: bool = False) -> Select:
    """The lookup of a `model` row by :public_id, built once per model: the case with its
    outcome prior (and, for its page, its updates) in the same query."""
    statement = select(model).where(model.public_id == bindparam("public_id"))
    if model is Case:
        statement = statement.options(joinedload(Case.outcome_prior))
    if with_updates:
        statement = statement.options(joinedload(Case.updates))
    return statement


def _by_public_id(model, public_id: str | None, *, with_updates: bool = False):
    if not is_public_id(public_id):
        return None
    statement = _by_public_id_statement(model, with_updates)
    return db.session.execute(statement, {"public_id": public_id}).unique().scalar_one_or_none()
