"""Full-text search over published cases: SQLite FTS5 or PostgreSQL tsvector, one API.

The index itself is kept by the database (FTS5 triggers on SQLite, a generated tsvector
column with a GIN index on PostgreSQL; both made by the migrations), so no service code
can forget to update it.
"""

from __future__ import annotations

import re

from sqlalchemy import Select, column, func, literal_column, select, table, text

from caseboard.extensions import db
from caseboard.models import Case, ContentStatus

MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_FTS = table("cases_fts", column("rowid"))  # the FTS5 index made by migration 0001


def search_cases(query: str, *, filters: dict[str, str], limit: int, offset: int = 0) -> list[Case]:
    """Published cases matching every word of `query`, best match first."""
    words = _WORD.findall(query[:MAX_QUERY_LENGTH])
    if not words:
        return []
    if db.engine.dialect.name == "postgresql":
        stmt = _postgres_statement(" ".join(words))
    else:
        stmt = _sqlite_statement(words)
    stmt = apply_filters(stmt.where(Case.status == ContentStatus.PUBLISHED), filters)
    ids = db.session.scalars(stmt.limit(limit).offset(offset)).all()
    if not ids:
        return []
    by_id = {case.id: case for case in db.session.scalars(select(Case).where(Case.id.in_(ids)))}
    return [by_id[case_id] for case_id in ids if case_id in by_id]


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


def _sqlite_statement(words: list[str]) -> Select:
    # Each word quoted, so member input can never be read as FTS5 query syntax.
    match = " ".join('"' + word.replace('"', "") + '"' for word in words)
    return (
        select(Case.id)
        .join(_FTS, _FTS.c.rowid == Case.id)
        .where(text("cases_fts MATCH :match").bindparams(match=match))
        .order_by(text("bm25(cases_fts, 8.0, 1.0, 2.0, 1.0)"))
    )


def _postgres_statement(words: str) -> Select:
    query = func.plainto_tsquery("english", words)
    vector = literal_column("cases.search_vector")
    return (
        select(Case.id)
        .where(vector.op("@@")(query))
        .order_by(func.ts_rank(vector, query).desc(), Case.id.desc())
    )
