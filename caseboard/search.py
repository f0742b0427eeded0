"""Full-text search over published cases: SQLite FTS5 or PostgreSQL tsvector, one API.

The index itself is kept by the database (FTS5 triggers on SQLite, a generated tsvector
column with a GIN index on PostgreSQL; both made by the migrations), so no service code
can forget to update it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import Select, column, func, literal_column, select, table, text

from caseboard.extensions import db
from caseboard.models import Case, ContentStatus

MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_FTS = table("cases_fts", column("rowid"))  # the FTS5 index made by migration 0001


def query_words(query: str) -> list[str]:
    """The words of a search as the index sees them: punctuation, operators and control
    characters never reach the database."""
    return _WORD.findall(query[:MAX_QUERY_LENGTH])


def search_cases(query: str, *, filters: dict[str, str], limit: int, offset: int = 0) -> list[Case]:
    """Published cases matching every word of `query`, best match first."""
    words = query_words(query)
    if not words:
        return []
    stmt = matching(select(Case.id), words)
    stmt = apply_filters(stmt.where(Case.status == ContentStatus.PUBLISHED), filters)
    ids = db.session.scalars(stmt.limit(limit).offset(offset)).all()
    if not ids:
        return []
    by_id = {case.id: case for case in db.session.scalars(select(Case).where(Case.id.in_(ids)))}
    return [by_id[case_id] for case_id in ids if case_id in by_id]


MAX_SIMILAR_WORDS = 16


def closed_cases_like(
    words: Sequence[str], *, exclude_id: int, limit: int, latest: int | None = None
) -> list[tuple[int, float]]:
    """(id, relevance) of published closed cases sharing any of `words`, most alike first.

    Any word may match (OR), unlike `search_cases`, because a similar story rarely repeats
    every word of another. Relevance is higher for closer cases and compares only within
    one result. With `latest`, only the newest `latest` cases are looked at: common words
    match most of the board, and scoring them all would grow with it.
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
    words = [word for word in words if _WORD.fullmatch(word)][:MAX_SIMILAR_WORDS]
    if not words or limit <= 0:
        return None
    if db.engine.dialect.name == "postgresql":
        stmt, row_id = _postgres_any_statement(words), Case.id
    else:  # the bound on the FTS5 rowid lets the index skip older entries
        stmt, row_id = _sqlite_any_statement(words), _FTS.c.rowid
    if latest is not None:
        newest = select(func.max(Case.id)).scalar_subquery()
        stmt = stmt.where(row_id > newest - latest)
    return stmt.where(
        Case.status == ContentStatus.PUBLISHED,
        Case.closed_at.is_not(None),
        Case.id != exclude_id,
    ).limit(limit)


def matching(stmt: Select, words: list[str]) -> Select:
    """Narrow a query over cases to those containing every word, best match first (the site
    search, and the library's search among teaching examples)."""
    if db.engine.dialect.name == "postgresql":
        query = func.plainto_tsquery("english", " ".join(words))
        vector = literal_column("cases.search_vector")
        return stmt.where(vector.op("@@")(query)).order_by(
            func.ts_rank(vector, query).desc(), Case.id.desc()
        )
    # Each word quoted, so member input can never be read as FTS5 query syntax.
    match = " ".join('"' + word.replace('"', "") + '"' for word in words)
    return (
        stmt.join(_FTS, _FTS.c.rowid == Case.id)
        .where(text("cases_fts MATCH :match").bindparams(match=match))
        .order_by(text("bm25(cases_fts, 8.0, 1.0, 2.0, 1.0)"))
    )


def apply_filters(stmt: Select, filters: dict[str, str]) -> Select:
    """Narrow a case query by discipline, level, topic and support kind."""
    columns = {
        "discipline": Case.discipline,
        "level": Case.level,
        "topic": Case.topic,
        "support": Case.support_kind,
    }
    for name, value in filters.items():
        if value and name in columns:
            stmt = stmt.where(columns[name] == value)
    return stmt


def _sqlite_any_statement(words: list[str]) -> Select:
    # Quoted words joined by OR: FTS5 reads each as a plain phrase, never as syntax.
    match = " OR ".join('"' + word.replace('"', "") + '"' for word in words)
    bm25 = literal_column("bm25(cases_fts, 8.0, 1.0, 2.0, 1.0)")  # lower is closer
    return (
        select(Case.id, (-bm25).label("relevance"))
        .join(_FTS, _FTS.c.rowid == Case.id)
        .where(text("cases_fts MATCH :match").bindparams(match=match))
        .order_by(bm25, Case.id.desc())
    )


def _postgres_any_statement(words: list[str]) -> Select:
    # websearch_to_tsquery never raises a syntax error, and the words are bare \w+ runs
    # (no quotes or minus signs): "or" between them is the only operator it can read.
    query = func.websearch_to_tsquery("english", " or ".join(words))
    vector = literal_column("cases.search_vector")
    relevance = func.ts_rank(vector, query)
    return (
        select(Case.id, relevance.label("relevance"))
        .where(vector.op("@@")(query))
        .order_by(relevance.desc(), Case.id.desc())
    )
