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


class _MyPartRow(NamedTuple):
    """One row of the member's own part of a case page, as my_part's query gives it."""

    kind: str
    public_id: str | None
    status: str | None
    label: str | None
    helpful: int | None
    not_helpful: int | None
    vote: bool | None


def _my_part_sources(case_id: ColumnElement, member_id: ColumnElement) -> list[tuple]:
    """Each kind of row of the member's own part of a case: its kind, its fields (as
    _MyPartRow has them after the kind; None where it has none), and the rows it is read
    from, on the (case, member) and (member, target) indexes. `case_id` and `member_id` are
    bind parameters, or expressions of the query the part is read in."""
    sources = [
        (
            "verdict",
            (
                Verdict.public_id,
                Verdict.status,
                Verdict.label,
                Verdict.helpful_count,
                Verdict.not_helpful_count,
                None,
            ),
            select()
            .select_from(Verdict)
            .where(Verdict.case_id == case_id, Verdict.member_id == member_id),
        ),
        (
            "reply",
            (
                Reply.public_id,
                Reply.status,
                None,
                Reply.helpful_count,
                Reply.not_helpful_count,
                None,
            ),
            select()
            .select_from(Reply)
            .where(Reply.case_id == case_id, Reply.member_id == member_id),
        ),
        (
            "following",
            (None,) * 6,
            select()
            .select_from(CaseFollow)
            .where(CaseFollow.case_id == case_id, CaseFollow.member_id == member_id),
        ),
    ]
    for model, target in ((Verdict, HelpfulVote.verdict_id), (Reply, HelpfulVote.reply_id)):
        # From the member's votes on this case (the (member, case) index) to what they are on.
        sources.append(
            (
                f"vote:{model.__tablename__}",
                (model.public_id, None, None, None, None, HelpfulVote.helpful),
                select()
                .select_from(HelpfulVote)
                .join(model, target == model.id)
                .where(HelpfulVote.member_id == member_id, HelpfulVote.case_id == case_id),
            )
        )
    return sources


_MY_PART_TYPES = (String(), String(), String(), Integer(), Integer(), Boolean())


def _my_part_statement():
    """my_part's UNION ALL, for :case_id and :member_id: built once, as building it cost more
    than running it, on every member's case page."""
    branches = []
    for kind, fields, rows in _my_part_sources(bindparam("case_id"), bindparam("member_id")):
        columns = [
            cast(_NULL if value is None else value, type_).label(name)
            for value, type_, name in zip(
                fields, _MY_PART_TYPES, _MyPartRow._fields[1:], strict=True
            )
        ]
        branches.append(rows.add_columns(literal(kind, String()).label("kind"), *columns))
    return union_all(*branches)


_MY_PART = _my_part_statement()

# Separators in SQL text, not bind parameters (which SQLAlchemy renders again on every run).
_SPACE, _COMMA, _NOTHING = literal_column("' '"), literal_column("','"), literal_column("''")


def _concatenated(texts: list[ColumnElement], separator: ColumnElement) -> ColumnElement:
    """The SQL text of `texts` one after another, `separator` between each two."""
    joined = texts[0]
    for text in texts[1:]:
        joined = joined + separator + text
    return joined


def my_part_column() -> ColumnElement:
    """my_part for the member :member_id (as the login's query names them; a bind parameter
    rather than the row's members.id, so PostgreSQL plans each part on both of its indexes)
    on the case whose public id is :my_part_case: each row as its kind and fields separated
    by spaces (an absent field empty, a vote 1 or 0), the rows joined by commas. The fields
    are NOT NULL columns, and public ids, statuses and labels hold neither spaces nor
    commas."""
    case_id = select(Case.id).where(Case.public_id == bindparam("my_part_case")).scalar_subquery()
    joined = []
    for kind, fields, rows in _my_part_sources(case_id, bindparam("member_id")):
        texts = [literal_column(f"'{kind}'", String())]
        for value, type_ in zip(fields, _MY_PART_TYPES, strict=True):
            if value is None:
                texts.append(_NOTHING)
            elif isinstance(type_, Boolean):
                texts.append(sql_case((value, literal_column("'1'")), else_=literal_column("'0'")))
            else:
                texts.append(cast(value, String()))
        entries = func.aggregate_strings(_concatenated(texts, _SPACE), _COMMA)
        joined.append(func.coalesce(rows.add_columns(entries).scalar_subquery(), _NOTHING))
    return _concatenated(joined, _COMMA)


def read_my_part(column: str | None) -> MyPart:
    """my_part_column's value as my_part gives it."""
    rows = []
    for entry in (column or "").split(","):
        if entry:
            kind, public_id, status, label, helpful, not_helpful, vote = entry.split(" ")
            rows.append(
                _MyPartRow(
                    kind,
                    public_id or None,
                    status or None,
                    label or None,
                    int(helpful) if helpful else None,
                    int(not_helpful) if not_helpful else None,
                    vote == "1" if vote else None,
                )
            )
    return _my_part_of(rows)


def my_part(case: Case, member: Member) -> MyPart:
    """The member's own part of a case page, in one query bounded by the case's size: each
    part is a branch of a UNION ALL on the (case, member) and (member, target) indexes."""
    return _my_part_of(db.session.execute(_MY_PART, {"case_id": case.id, "member_id": member.id}))


def _my_part_of(rows) -> MyPart:
    verdict, following, waiting = None, False, False
    written: dict[tuple[str, str], tuple[int, int]] = {}
    votes: dict[tuple[str, str], bool] = {}
    for row in rows:
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

    case_id: int
    label: str | None
    status: str


@functools.lru_cache(maxsize=64)  # a list page shows at most a few dozen cases
def _my_verdicts_among(count: int) -> Select:
    """The verdicts of the member :member_id on the cases whose ids are :case_0 …
    :case_{count - 1}, on the (case, member) unique index alone: one bind parameter per
    case, as SQLAlchemy expands an IN list again on every execution. Built once per count,
    as building it cost more than running it, on every member's list page."""
    cases = [bindparam(f"case_{number}") for number in range(count)]
    return select(Verdict.case_id, Verdict.label, Verdict.status).where(
        Verdict.case_id.in_(cases), Verdict.member_id == bindparam("member_id")
    )


def among_params(case_ids: Collection[int]) -> dict[str, int]:
    """The :case_0 … parameters of _my_verdicts_among for these case ids."""
    return {f"case_{number}": case_id for number, case_id in enumerate(case_ids)}


def my_verdicts_on(member_id: int, case_ids: Collection[int]) -> dict[int, JudgedMark]:
    """The member's own verdict (its label and status) on each of these cases they have
    judged, by case id: one query on the (case, member) unique index, however many cases a
    list shows."""
    wanted = sorted(set(case_ids))
    if not wanted:
        return {}
    arguments = {**among_params(wanted), "member_id": member_id}
    rows = db.session.execute(_my_verdicts_among(len(wanted)), arguments)
    return {row.case_id: JudgedMark(*row) for row in rows}


def my_verdicts_column(count: int) -> ColumnElement:
    """my_verdicts_on for the member :member_id, in the query that logs them in (which names
    them so): each verdict as "case id, label, status" separated by spaces, the verdicts
    joined by commas. Labels and statuses are never NULL and hold neither spaces nor
    commas."""
    entry = _concatenated([cast(Verdict.case_id, String()), Verdict.label, Verdict.status], _SPACE)
    verdicts = _my_verdicts_among(count)
    joined = func.aggregate_strings(entry, _COMMA)
    return verdicts.with_only_columns(joined, maintain_column_froms=True).scalar_subquery()


def read_my_verdicts(column: str | None) -> dict[int, JudgedMark]:
    """my_verdicts_column's value as my_verdicts_on gives it."""
    marks = {}
    for entry in (column or "").split(","):
        if entry:
            case_id, label, status = entry.split(" ")
            marks[int(case_id)] = JudgedMark(int(case_id), label or None, status)
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
