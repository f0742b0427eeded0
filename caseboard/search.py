"""Full-text search over published cases: SQLite FTS5 or PostgreSQL tsvector, one API.

The index itself is kept by the database (FTS5 triggers on SQLite, a generated tsvector
column with a GIN index on PostgreSQL; both made by the migrations), so no service code
can forget to update it. Both stem English words (FTS5's porter tokenizer, PostgreSQL's
'english' configuration) and weigh the title highest.

What a member types is parsed here into words, "quoted phrases" and -exclusions
(`parse_query`), the syntax of PostgreSQL's `websearch_to_tsquery`. Only the parsed words
ever reach the database, each quoted for FTS5 or passed through `phraseto_tsquery`, so no
input, however odd, can be read as query syntax. `matching` is the one search behind the
site search, the library's search and similar cases: a case matches when it contains any
of the words or phrases and none of the exclusions, and cases matching more of them, then
more of them in the title, then the index's own rank (bm25 / ts_rank_cd) come first.

Ranking reads every case it ranks, so over the whole board a search ranks only its windows:
the newest cases having all its terms, and the newest having each (WINDOW). Both indexes
list those newest first and stop, whatever the board's size; `search_cases` then lists the
rest of the matches (a common word's older cases) after the ranked ones, newest first.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    Subquery,
    TableClause,
    case,
    cast,
    column,
    false,
    func,
    literal,
    literal_column,
    select,
    table,
    union,
    union_all,
)

from caseboard.extensions import db
from caseboard.models import Case, ContentStatus

MAX_QUERY_LENGTH = 200
MAX_TERMS = 16  # words and phrases, exclusions included: each costs the index a lookup
_WORD = re.compile(r"[^\W_]+")  # letters and digits: what both indexes keep of a text
_FTS = table("cases_fts", column("rowid"), column("cases_fts"))  # made by migration 0001
_WEIGHTS = (8.0, 1.0, 2.0, 1.0)  # bm25 weights: title, situation, why wrong, help wanted
_TITLE_ONLY = (1.0, 0.0, 0.0, 0.0)

# PostgreSQL's English stop words: its index leaves them out, so the search leaves them out
# on both databases alike (on SQLite they would otherwise match nearly every case).
_STOP_WORDS = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against
    between into through during before after above below to from up down in out on off over
    under again further then once here there when where why how all any both each few more
    most other some such no nor not only own same so than too very s t can will just don
    should now
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_QUOTES = '"“”„‟«»'
_MINUS = "-−–"  # a phone may turn the hyphen into a minus or dash sign
_CHUNK = re.compile(
    rf"(?P<minus>[{_MINUS}]*)"
    rf"(?:[{_QUOTES}](?P<phrase>[^{_QUOTES}]*)[{_QUOTES}]?|(?P<bare>[^\s{_QUOTES}]+))"
)
# Inside an unquoted chunk, words joined by these stay together as a phrase ("follow-up",
# "don't", "node.js"), as the text wrote them; any other punctuation separates words.
_SEPARATOR = re.compile(r"[^\w\-'’.‐‑]+|_+")


@dataclass(frozen=True)
class Term:
    """One word, or the words of a phrase in their order."""

    words: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    @property
    def text(self) -> str:
        joined = " ".join(self.words)
        return f'"{joined}"' if self.is_phrase else joined

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(word.casefold() for word in self.words)


@dataclass(frozen=True)
class SearchQuery:
    """A member's search, parsed: what to find, what to leave out, and what was not used."""

    include: tuple[Term, ...] = ()
    exclude: tuple[Term, ...] = ()
    ignored: tuple[str, ...] = ()  # too common to search for ("the", "a")
    truncated: bool = False  # more than MAX_TERMS terms: the rest were not searched for

    def __bool__(self) -> bool:
        """Only something to find can find anything; exclusions alone only leave out."""
        return bool(self.include)

    @property
    def text(self) -> str:
        """The query in the syntax `parse_query` reads, which gives it back unchanged."""
        return " ".join(
            [term.text for term in self.include] + ["-" + term.text for term in self.exclude]
        )

    @classmethod
    def any_of(cls, words: Sequence[str]) -> SearchQuery:
        """A query finding any of `words` (already picked by the caller, as similar cases
        does): each must be a single word as the index sees it, or it is left out."""
        include, seen = [], set()
        for word in words:
            word = unicodedata.normalize("NFKC", word)
            term = Term((word,))
            usable = _WORD.fullmatch(word) and word.casefold() not in STOP_WORDS
            if usable and term.key not in seen:
                seen.add(term.key)
                include.append(term)
        return cls(include=tuple(include[:MAX_TERMS]), truncated=len(include) > MAX_TERMS)


def clean_query(raw: str) -> str:
    """What a reader typed into a search box, safe to show and to key a cache: control
    characters (a NUL, say) become spaces, runs of spaces one, at most 200 characters."""
    printable = "".join(char if char.isprintable() else " " for char in raw[:1000])
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def parse_query(query: str) -> SearchQuery:
    """Words, "quoted phrases", -word and -"phrase" exclusions, as `websearch_to_tsquery`
    reads them. Anything else is punctuation: it never raises, whatever the input. An
    unclosed quote runs to the end; "AND", "OR" and "NOT" are words like any other (and,
    being common, left out); words joined by a hyphen or apostrophe are a phrase."""
    text = unicodedata.normalize("NFKC", clean_query(query))
    include: list[Term] = []
    exclude: list[Term] = []
    ignored: list[str] = []
    seen: set[tuple[bool, tuple[str, ...]]] = set()
    for chunk in _CHUNK.finditer(text):
        excluded = bool(chunk["minus"])
        if chunk["phrase"] is not None:
            parts = [chunk["phrase"]]
        else:
            parts = _SEPARATOR.split(chunk["bare"])
        for part in parts:
            words = _trim_common(tuple(_WORD.findall(part)))
            if not words:
                continue
            term = Term(words)
            if all(word.casefold() in STOP_WORDS for word in words):
                ignored.append(term.text)
            elif (excluded, term.key) not in seen:
                seen.add((excluded, term.key))
                (exclude if excluded else include).append(term)
    kept = MAX_TERMS
    include, exclude = include[:kept], exclude[: max(0, kept - len(include))]
    return SearchQuery(
        include=tuple(include),
        exclude=tuple(exclude),
        ignored=tuple(dict.fromkeys(ignored)),
        truncated=len(seen) > len(include) + len(exclude),
    )


def _trim_common(words: tuple[str, ...]) -> tuple[str, ...]:
    """A phrase without the common words at its ends ("follow-up" is "follow"): PostgreSQL's
    phrase search drops them, so both databases look for the same words. A phrase of common
    words alone is kept whole, to be named as too common."""
    start, end = 0, len(words)
    while start < end and words[start].casefold() in STOP_WORDS:
        start += 1
    while end > start and words[end - 1].casefold() in STOP_WORDS:
        end -= 1
    return words[start:end] or words


@dataclass(frozen=True)
class Broader:
    """A search that finds more than one that found nothing: what changes, and its text."""

    change: str
    query: str


def broader_searches(query: SearchQuery) -> list[Broader]:
    """Searches that can find what `query` did not. Fewer words never do: any word may
    match. Quotes and exclusions only narrow, so these drop them; a search of exclusions
    alone is offered as a search for those words."""
    found: list[Broader] = []
    phrases = any(term.is_phrase for term in query.include)
    unquoted = parse_query(" ".join(word for term in query.include for word in term.words))
    if not query.include and query.exclude:
        found.append(Broader("for these words instead of leaving them out", _as_words(query)))
    if phrases:
        found.append(
            Broader("without the quotes", SearchQuery(unquoted.include, query.exclude).text)
        )
    if query.include and query.exclude:
        found.append(Broader("without leaving any words out", SearchQuery(query.include).text))
    if phrases and query.exclude:
        found.append(Broader("any of the words, nothing left out", unquoted.text))
    return found


def _as_words(query: SearchQuery) -> str:
    return SearchQuery(include=query.exclude).text


def search_cases(
    query: SearchQuery | str, *, filters: dict[str, str], limit: int, offset: int = 0
) -> list[Case]:
    """Published cases matching `query` (see `matching`), best match first; after the ranked
    ones, any other match (older cases of common words), newest first, so every match is
    on some page."""
    query = parse_query(query) if isinstance(query, str) else query
    if not query or limit <= 0:
        return []
    scope = apply_filters(select(Case.id).where(Case.status == ContentStatus.PUBLISHED), filters)
    narrowed = sum(1 for name, value in filters.items() if value and name in _FILTERS)
    among = Among.FILTERED_BOARD if narrowed >= FEW_FILTERS else Among.BOARD
    ranked = matching(scope, query, among=among)
    ids = list(db.session.scalars(ranked.limit(limit).offset(offset)))
    # Fewer ranked than the smallest window holds means none was full: all were ranked.
    if len(ids) < limit and offset + len(ids) >= _window(WINDOW, query):
        ids += _unranked(_Scope.of(scope, among), query, ranked, ids, limit, offset)
    if not ids:
        return []
    by_id = {case.id: case for case in db.session.scalars(select(Case).where(Case.id.in_(ids)))}
    return [by_id[case_id] for case_id in ids if case_id in by_id]


def _unranked(
    scope: _Scope, query: SearchQuery, ranked: Select, ids: list[int], limit: int, offset: int
) -> list[int]:
    """The matches after the ranked ones, newest first, to fill the page from `offset`.
    A page past every ranked match counts them (at most a few windows) to know how many
    unranked ones it skips."""
    candidates = ranked.with_only_columns(Case.id).order_by(None)
    skip = 0
    if not ids:
        total = select(func.count()).select_from(candidates.subquery())
        skip = max(0, offset - (db.session.scalar(total) or 0))
    if db.engine.dialect.name == "postgresql":
        found = _postgres_found(_tsquery_any(query.include), query.exclude, scope)
        case_id: ColumnElement = Case.id
    else:
        found, fts = _sqlite_found(_fts_query(query.include, query.exclude), scope)
        case_id = fts.c.rowid
    stmt = found.add_columns(case_id).where(case_id.not_in(candidates))
    stmt = stmt.order_by(case_id.desc()).limit(limit - len(ids)).offset(skip)
    return list(db.session.scalars(stmt))


def closed_cases_like(
    words: Sequence[str], *, exclude_id: int, limit: int, latest: int | None = None
) -> list[tuple[int, float]]:
    """(id, relevance) of published closed cases sharing any of `words`, most alike first.

    Relevance is higher for closer cases and compares only within one result. With
    `latest`, only the newest `latest` cases are looked at: common words match most of the
    board, and scoring them all would grow with it.
    """
    stmt = closed_cases_like_statement(words, exclude_id=exclude_id, limit=limit, latest=latest)
    if stmt is None:
        return []
    return [(row.id, row.relevance) for row in db.session.execute(stmt)]


def closed_cases_like_statement(
    words: Sequence[str], *, exclude_id: int, limit: int, latest: int | None = None
) -> Select | None:
    """The query behind `closed_cases_like` (columns id and relevance), for callers that
    fold it into a larger one; None when no word is usable."""
    query = SearchQuery.any_of(words)
    if not query or limit <= 0:
        return None
    scope = select(Case.id).where(
        Case.status == ContentStatus.PUBLISHED,
        Case.closed_at.is_not(None),
        Case.id != exclude_id,
    )
    stmt = matching(scope, query, among=Among.BOARD, latest=latest, with_relevance=True)
    return stmt.limit(limit)


# How many matches a search over the whole board ranks: the newest this many cases (among
# those it may find: published, within the filters) having all its words and phrases, and
# for each of its n words and phrases the newest WINDOW / n having it. Ranking reads each
# case it ranks (bm25's phrase counts, ts_rank_cd's positions, the title's words), so
# ranking every case with a common word, in most of the board, would cost each search as
# much as the board; listing an index's matches newest first and stopping costs only what
# is kept.
WINDOW = 400
# With this many filters the search may find few enough cases that SQLite lists them once
# (the index of migration 0007 holds them) instead of checking each match of each word.
FEW_FILTERS = 2


class Among(enum.Enum):
    """What a query given to `matching` selects, which decides how its matches are found."""

    SMALL_SET = "small set"  # any query, say the library's teaching examples: all ranked
    BOARD = "board"  # cases alone, conditions on their columns only: windows
    FILTERED_BOARD = "filtered board"  # the same, narrowed by two filters or more


@dataclass(frozen=True)
class _Scope:
    """The cases a search may find, as its windows check each match against them.

    `where` holds a query's conditions on cases alone (the site search, similar cases: the
    whole board), checked on each match as the index lists them newest first, until a
    window is full. `ids` lists a set once instead: a small one, whose every match is
    ranked, or on SQLite a filtered board (an index lists it cheaply).
    """

    where: ColumnElement | None = None
    ids: Select | None = None
    window: int | None = None  # None: every match

    @classmethod
    def of(cls, stmt: Select, among: Among) -> _Scope:
        ids = stmt.with_only_columns(Case.id).order_by(None)
        if among is Among.SMALL_SET:
            return cls(ids=ids)
        # PostgreSQL's planner picks by itself between the conditions' index and the rows.
        if among is Among.FILTERED_BOARD and db.engine.dialect.name != "postgresql":
            return cls(where=stmt.whereclause, ids=ids, window=WINDOW)
        return cls(where=stmt.whereclause, window=WINDOW)


def _window(window: int | None, query: SearchQuery, every: bool = False) -> int | None:
    """How many cases a window keeps: `window` for every term at once, a share for each."""
    if window is None or every:
        return window
    return max(1, window // len(query.include))


def matching(
    stmt: Select,
    query: SearchQuery,
    *,
    among: Among = Among.SMALL_SET,
    latest: int | None = None,
    with_relevance: bool = False,
) -> Select:
    """Narrow a query over cases to those with any of the query's words or phrases and
    none of its exclusions, best match first; the site search, the library's search and
    similar cases all come through here. `stmt` must hold its conditions already, and
    `among` says what it selects: over the board they are what the windows are counted in.

    Best is lexicographic: more of the terms matched, then more of them in the title, then
    the index's rank. It is folded into one number, `relevance` (added as a column when
    `with_relevance`): matched × (n + 1) + in title + 1 − 1 / (1 + rank) for n terms, whose
    order is exactly that, since in title ≤ matched ≤ n and the last part is below 1.

    Over the whole board only the windows' cases are ranked (the newest having each term,
    and having them all: see WINDOW); a common word's older cases are left to follow,
    unranked (`search_cases`). PostgreSQL scores each ranked case exactly; SQLite's index
    cannot test one case cheaply, so it counts what its windows found: a term a case has
    beyond that term's window counts only when the case is among the newest having all.
    With `latest`, only the newest `latest` cases are searched.
    """
    if not query:
        return stmt.where(false())
    newest = select(func.max(Case.id)).scalar_subquery()
    floor = None if latest is None else newest - latest
    if db.engine.dialect.name == "postgresql":
        stmt, matched, titled, rank = _postgres(stmt, query, floor, among)
    else:
        stmt, matched, titled, rank = _sqlite(stmt, query, floor, among)
    terms = len(query.include)
    relevance = matched * (terms + 1) + titled + 1.0 - 1.0 / (rank + 1.0)  # rank used once
    if with_relevance:
        stmt = stmt.add_columns(relevance.label("relevance"))
    return stmt.order_by(relevance.desc(), Case.id.desc())


def _windows(query: SearchQuery, scope: _Scope) -> list[tuple[Sequence[Term], bool]]:
    """What each window looks for: each term alone, then (with more than one, and a bound
    on each, which may leave out a case having them all) every term."""
    found: list[tuple[Sequence[Term], bool]] = [((term,), False) for term in query.include]
    if len(query.include) > 1 and scope.window is not None:
        found.append((query.include, True))
    return found


# A dialect's half of `matching`: the query narrowed to the cases it ranks, and the
# matched, in-title and rank expressions that order them.
_Ranked = tuple[Select, ColumnElement, ColumnElement, ColumnElement]


def _count(conditions: list[ColumnElement]) -> ColumnElement:
    total: ColumnElement = literal(0)
    for condition in conditions:
        total = total + case((condition, 1), else_=0)
    return total


def _fts(term: Term) -> str:
    """A term as an FTS5 string: quoted, so it is a phrase of plain tokens, never syntax
    (the words are letters and digits only, so they cannot close the quotes)."""
    return '"' + " ".join(term.words) + '"'


def _fts_any(terms: Sequence[Term], joiner: str = "OR") -> str:
    return f" {joiner} ".join(_fts(term) for term in terms)


def _fts_query(include: Sequence[Term], exclude: Sequence[Term], joiner: str = "OR") -> str:
    match = _fts_any(include, joiner)
    return f"({match}) NOT ({_fts_any(exclude)})" if exclude else match


def _sqlite_found(
    match: str, scope: _Scope, floor: ColumnElement | None = None
) -> tuple[Select, TableClause]:
    """Cases in `scope` whose index entry matches an FTS5 expression (a query with no
    columns yet), and the index alias they come from. The index drives: it lists its
    matches and each is checked against the scope. It is never probed case by case: each
    probe runs the whole expression again, and bm25 its counts over the whole index."""
    fts = _FTS.alias()
    rowid = fts.c.rowid + 0  # `+ 0`: not a constraint the index could be probed by
    found = select().select_from(fts).where(fts.c.cases_fts.bool_op("MATCH")(literal(match)))
    if scope.ids is not None:
        found = found.where(rowid.in_(scope.ids))
    else:
        found = found.join(Case, Case.id == rowid)
        if scope.where is not None:
            found = found.where(scope.where)
    if floor is not None:  # the bound on the FTS5 rowid lets the index skip older entries
        found = found.where(fts.c.rowid > floor)
    return found, fts


def _sqlite_window(
    terms: Sequence[Term],
    every: bool,
    query: SearchQuery,
    scope: _Scope,
    floor: ColumnElement | None,
) -> Select:
    """The newest matches in scope of a term (or of `every` term): each with its bm25,
    whether a term is in its title, and whether it has every term. bm25 adds up over a
    query's phrases, so a case's scores for each term sum to its score for all of them."""
    match = _fts_query(terms, query.exclude, "AND" if every else "OR")
    found, fts = _sqlite_found(match, scope, floor)
    hidden = fts.c.cases_fts
    in_title = func.bm25(hidden, *_TITLE_ONLY) < 0  # bm25 is below 0 exactly when it counts
    stmt = found.add_columns(
        fts.c.rowid.label("id"),
        case((in_title, 1), else_=0).label("titled"),
        (-func.bm25(hidden, *_WEIGHTS)).label("score"),  # bm25 is lower for closer matches
        literal(int(every)).label("whole"),
    )
    # Always a LIMIT (-1 is none): it keeps the window a loop of its own over the index,
    # where bm25 can run; SQLite would merge a subquery without one into the grouping.
    return stmt.order_by(fts.c.rowid.desc()).limit(_window(scope.window, query, every) or -1)


def _sqlite(stmt: Select, query: SearchQuery, floor: ColumnElement | None, among: Among) -> _Ranked:
    """The windows' cases, each with what the windows found: the terms whose window holds
    it (all of them, if the all-terms window does), those of them in its title (at least
    one, if the all-terms window says so) and its bm25, summed likewise."""
    scope = _Scope.of(stmt, among)
    windows = [_sqlite_window(*window, query, scope, floor) for window in _windows(query, scope)]
    rows = union_all(*(select(*window.subquery().c) for window in windows)).subquery()
    alone, whole = 1 - rows.c.whole, rows.c.whole
    terms = len(query.include)
    hits = (
        select(
            rows.c.id,
            func.max(func.sum(alone), func.max(whole) * terms).label("matched"),
            func.max(func.sum(rows.c.titled * alone), func.max(rows.c.titled * whole)).label(
                "titled"
            ),
            func.max(func.sum(rows.c.score * alone), func.max(rows.c.score * whole)).label("score"),
        )
        .group_by(rows.c.id)
        .subquery("hits")
    )
    stmt = stmt.join(hits, hits.c.id == Case.id)
    return stmt, hits.c.matched, hits.c.titled, hits.c.score


def _tsquery(term: Term) -> ColumnElement:
    # phraseto_tsquery reads no operators: a term's words are matched as a phrase, a single
    # word as itself, with the same stemming and stop words as the index.
    return func.phraseto_tsquery("english", " ".join(term.words))


def _tsquery_any(terms: Sequence[Term], joiner: str = "||") -> ColumnElement:
    combined = _tsquery(terms[0])
    for term in terms[1:]:
        combined = combined.op(joiner)(_tsquery(term))
    return combined


_VECTOR = literal_column("cases.search_vector")  # made by migration 0001, not mapped


def _postgres_matches(
    wanted: ColumnElement, exclude: Sequence[Term], floor: ColumnElement | None = None
) -> list[ColumnElement]:
    """The conditions for a case whose vector matches `wanted` and none of `exclude`."""
    conditions = [_VECTOR.bool_op("@@")(wanted)]
    if exclude:
        conditions.append(~_VECTOR.bool_op("@@")(_tsquery_any(exclude)))
    if floor is not None:
        conditions.append(Case.id > floor)
    return conditions


def _postgres_found(
    wanted: ColumnElement,
    exclude: Sequence[Term],
    scope: _Scope,
    floor: ColumnElement | None = None,
) -> Select:
    """Cases in `scope` whose vector matches `wanted` and none of `exclude` (a query with no
    columns yet). The planner lists the newest by the primary key when they are many and
    takes them from the GIN index (or the filters' index) when they are few."""
    found = select().select_from(Case).where(*_postgres_matches(wanted, exclude, floor))
    if scope.where is not None:
        found = found.where(scope.where)
    elif scope.ids is not None:
        found = found.where(Case.id.in_(scope.ids))
    return found


def _postgres_windows(scope: _Scope, query: SearchQuery, floor: ColumnElement | None) -> Subquery:
    """The ids the windows hold, each once."""
    windows = []
    for terms, every in _windows(query, scope):
        wanted = _tsquery_any(terms, "&&" if every else "||")
        window = _postgres_found(wanted, query.exclude, scope, floor).add_columns(Case.id)
        windows.append(window.order_by(Case.id.desc()).limit(_window(scope.window, query, every)))
    return union(*(select(*window.subquery().c) for window in windows)).subquery("found")


def _postgres(
    stmt: Select, query: SearchQuery, floor: ColumnElement | None, among: Among
) -> _Ranked:
    """The windows' cases, each scored exactly: a vector answers for each term cheaply.
    A small set (no windows) is narrowed to its matches as it is, without listing them."""
    scope = _Scope.of(stmt, among)
    if scope.window is None:
        stmt = stmt.where(*_postgres_matches(_tsquery_any(query.include), query.exclude, floor))
    else:
        found = _postgres_windows(scope, query, floor)
        stmt = stmt.join(found, found.c.id == Case.id)
    title = func.ts_filter(_VECTOR, literal_column("'{a}'"))  # the title's lexemes only
    matched = _count([_VECTOR.bool_op("@@")(_tsquery(term)) for term in query.include])
    titled = _count([title.bool_op("@@")(_tsquery(term)) for term in query.include])
    # ts_rank_cd is a single-precision real: widened, its fraction keeps its digits in sums.
    rank = cast(func.ts_rank_cd(_VECTOR, _tsquery_any(query.include)), Float)
    return stmt, matched, titled, rank


# Marks around matched words in a snippet, as the database returns it: control characters,
# which no member's text can hold (forms refuse them), and no HTML.
_START, _STOP = "\x02", "\x03"
SNIPPET_TOKENS = 18
_HEADLINE = (
    f"StartSel={_START}, StopSel={_STOP}, MaxWords=14, MinWords=8, MaxFragments=2, "
    'FragmentDelimiter=" … "'
)
_MARKDOWN = [
    (re.compile(r"!?\[([^\]\x02\x03]*)\]\([^)\s]*\)?"), r"\1"),  # links keep their text
    (re.compile(r"(?m)^\s{0,3}(?:#{1,6}|>+|[-*+]|\d+[.)])\s+"), ""),  # headings, quotes, lists
    (re.compile(r"\*{1,3}|`+|~~"), ""),  # emphasis and code marks
    (re.compile(r"\s+"), " "),
]


def snippets(query: SearchQuery, case_ids: Sequence[int]) -> dict[int, Markup]:
    """A short passage of each case's text around the words it matched, those words in
    <mark>: one query for a page of results. Member text is escaped, so it cannot add HTML."""
    if not query or not case_ids:
        return {}
    if db.engine.dialect.name == "postgresql":
        body = func.concat_ws(" … ", Case.situation_md, Case.why_wrong_md, Case.help_wanted_md)
        headline = func.ts_headline("english", body, _tsquery_any(query.include), _HEADLINE)
        rows = db.session.execute(select(Case.id, headline).where(Case.id.in_(case_ids)))
        return {case_id: highlight(text) for case_id, text in rows}
    columns = [
        func.snippet(literal_column("cases_fts"), number, _START, _STOP, "…", SNIPPET_TOKENS)
        for number in (1, 2, 3)  # the situation, why wrong and help wanted: the title shows
    ]
    rows = db.session.execute(
        select(_FTS.c.rowid, *columns).where(
            _FTS.c.cases_fts.bool_op("MATCH")(literal(_fts_any(query.include))),
            _FTS.c.rowid.in_(case_ids),
        )
    )
    found = {}
    for case_id, *texts in rows:
        # The part with most matches; the situation's opening when only the title matched.
        best = max(texts, key=lambda text: (text or "").count(_START))
        found[case_id] = highlight(best or "")
    return found


def highlight(raw: str) -> Markup:
    """A snippet as HTML: Markdown marks dropped, text escaped, matches in <mark>."""
    for pattern, replacement in _MARKDOWN:
        raw = pattern.sub(replacement, raw)
    html, marking = [], False
    for part in re.split(f"([{_START}{_STOP}])", raw.strip()):
        if part == _START and not marking:
            html.append("<mark>")
            marking = True
        elif part == _STOP and marking:
            html.append("</mark>")
            marking = False
        elif part not in (_START, _STOP):
            html.append(str(escape(part)))
    if marking:
        html.append("</mark>")
    return Markup("".join(html))


def apply_filters(stmt: Select, filters: dict[str, str]) -> Select:
    """Narrow a case query by discipline, level, topic and support kind."""
    for name, value in filters.items():
        if value and name in _FILTERS:
            stmt = stmt.where(_FILTERS[name] == value)
    return stmt


_FILTERS = {
    "discipline": Case.discipline,
    "level": Case.level,
    "topic": Case.topic,
    "support": Case.support_kind,
}
