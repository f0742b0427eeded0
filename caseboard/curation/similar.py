"""Similar closed cases, so a reader can check whether a story applies to them.

Candidates are up to TEXT_CANDIDATES closed cases among the newest TEXT_WINDOW that share
any of the case's distinctive words (the search index), and the CONTEXT_CANDIDATES most
recently published closed cases with the same topic, loaded together in one query. Each
candidate scores

    score = 4·[same topic] + 2·[same level] + 1·[same discipline] + 4 / (1 + text rank)

where text rank is 0 for the best text match (equally relevant matches share a rank) and
the text term is 0 for a case that came in through its topic only. The context weights are
powers of two, so a shared topic outweighs a shared level and discipline together; the
best text match weighs as much as a shared topic, the second as much as a shared level,
and the term fades down the list. Ties go to the better text match, then to the newer
case. Only published, closed cases are listed, never the case itself.

The chosen ids are kept in Redis for an hour, so the case page spends one query on them
either way: finding the candidates when the ids are not stored, loading the stored ones
when they are, whatever the number of cases. A Redis outage only means they are found
again.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections import Counter

import redis
from flask import current_app
from sqlalchemy import Float, null, select, union_all
from sqlalchemy.orm import defer

from caseboard.extensions import db, redis_connection
from caseboard.models import Case, ContentStatus
from caseboard.models.cases import CASE_TEXT_COLUMNS
from caseboard.search import closed_cases_like_statement

log = logging.getLogger(__name__)

TEXT_CANDIDATES = 30
# Text matches come from the newest this many cases: an OR of common words matches most of
# the board, and scoring all of it would make the query grow with the board.
TEXT_WINDOW = 10_000
CONTEXT_CANDIDATES = 30
MAX_WORDS = 12
MIN_WORD_LENGTH = 4
TITLE_WEIGHT = 3  # a title word counts as often as three mentions in the situation
MAX_TEXT_CHARACTERS = 20_000  # plenty to find a story's words; bounds the work on huge texts

TOPIC_POINTS, LEVEL_POINTS, DISCIPLINE_POINTS = 4.0, 2.0, 1.0
TEXT_POINTS = 4.0

_WORD = re.compile(r"\w+", re.UNICODE)

# Only published, closed cases are ever listed.
_SHOWN = (Case.status == ContentStatus.PUBLISHED, Case.closed_at.is_not(None))
# A list needs titles and context, not the texts: up to 60 candidates stay light.
_LIGHT = tuple(defer(column) for column in CASE_TEXT_COLUMNS)

# Words too common in workplace stories to tell one from another (all of length ≥ 4).
_STOP_WORDS = """
    about after again against also always another anyone anything aita around asked because
    been before being between both could didn does doesn doing done each even every from
    going have having here into just know knew like made make many might more most much must
    myself never only other over really said same should since some someone something still
    such than that their them then there these they thing things think this those though
    thought through told until very want wanted week were what when where which while will
    with without would wrong your yours https http
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


def similar_cases(case: Case, limit: int = 5) -> list[Case]:
    """Up to `limit` published closed cases most like `case`, most alike first (one query)."""
    if limit <= 0:
        return []
    seconds = current_app.config["SIMILAR_CASES_CACHE_SECONDS"]
    ids = _cached_ids(case.id, limit) if seconds else None
    if ids is not None:
        return _load(ids)
    found = find_similar(case, limit)
    if seconds:
        _store_ids(case.id, limit, [other.id for other in found], seconds)
    return found


def find_similar(case: Case, limit: int) -> list[Case]:
    """The best-scoring candidates, found and loaded in one query (no cache)."""
    text_stmt = closed_cases_like_statement(
        distinctive_words(case.title, case.situation_md),
        exclude_id=case.id,
        limit=TEXT_CANDIDATES,
        latest=TEXT_WINDOW,
    )
    same_topic = (
        select(Case.id, null().cast(Float).label("relevance"))
        .where(
            *_SHOWN,
            Case.topic == case.topic,
            Case.id != case.id,
        )
        .order_by(Case.published_at.desc(), Case.id.desc())
        .limit(CONTEXT_CANDIDATES)
        .subquery()
    )
    parts = [select(same_topic.c.id, same_topic.c.relevance)]
    if text_stmt is not None:
        by_text = text_stmt.subquery()
        parts.append(select(by_text.c.id, by_text.c.relevance))
    candidates = union_all(*parts).subquery()
    relevance: dict[int, float] = {}
    cases: dict[int, Case] = {}
    # A case found both ways comes twice, once with its text relevance.
    for other, found_relevance in db.session.execute(
        select(Case, candidates.c.relevance)
        .join(candidates, candidates.c.id == Case.id)
        .options(*_LIGHT)
    ):
        cases[other.id] = other
        if found_relevance is not None:
            relevance[other.id] = found_relevance
    ranks = text_ranks(relevance)

    def order(other: Case) -> tuple:
        rank = ranks.get(other.id)
        return (
            -score(case, other, rank),
            TEXT_CANDIDATES if rank is None else rank,
            -other.published_at.timestamp() if other.published_at else 0.0,
            -other.id,
        )

    return sorted(cases.values(), key=order)[:limit]


def text_ranks(relevance: dict[int, float]) -> dict[int, int]:
    """Each text match's rank, 0 for the most relevant. Equally relevant matches share a
    rank, so the order the index happens to return ties in does not swing their scores."""
    ranks: dict[int, int] = {}
    previous = None
    for position, (case_id, value) in enumerate(
        sorted(relevance.items(), key=lambda item: (-item[1], -item[0]))
    ):
        ranks[case_id] = ranks[previous[0]] if previous and previous[1] == value else position
        previous = (case_id, value)
    return ranks


def score(case: Case, other: Case, text_rank: int | None) -> float:
    """The score in the module docstring."""
    points = TOPIC_POINTS * (other.topic == case.topic)
    points += LEVEL_POINTS * (other.level == case.level)
    points += DISCIPLINE_POINTS * (other.discipline == case.discipline)
    if text_rank is not None:
        points += TEXT_POINTS / (1 + text_rank)
    return points


def distinctive_words(title: str, situation: str) -> list[str]:
    """The words that best tell this story apart: frequent, long, not stop words.

    Title words count TITLE_WEIGHT times. Ties go to longer words, then alphabetical
    order, so the same text always gives the same words (and the same cached neighbours).
    """
    counts: Counter[str] = Counter()
    for text, weight in ((title, TITLE_WEIGHT), (situation[:MAX_TEXT_CHARACTERS], 1)):
        for word in _WORD.findall(text.lower()):
            if len(word) >= MIN_WORD_LENGTH and not word.isdigit() and word not in STOP_WORDS:
                counts[word] += weight
    ranked = sorted(counts.items(), key=lambda item: (-item[1], -len(item[0]), item[0]))
    return [word for word, _ in ranked[:MAX_WORDS]]


def _load(ids: list[int]) -> list[Case]:
    """The cases behind stored ids, in that order, rechecked: one may be removed since."""
    if not ids:
        return []
    rows = db.session.scalars(select(Case).where(Case.id.in_(ids), *_SHOWN).options(*_LIGHT))
    by_id = {case.id: case for case in rows}
    return [by_id[case_id] for case_id in ids if case_id in by_id]


def _key(case_id: int, limit: int) -> str:
    return f"{current_app.config['CACHE_KEY_PREFIX']}similar:{case_id}:{limit}"


def _cached_ids(case_id: int, limit: int) -> list[int] | None:
    """The stored ids, or None when they are not stored (or Redis is unreachable)."""
    try:
        value = redis_connection.client.get(_key(case_id, limit))
    except redis.RedisError:
        log.warning("similar-cases cache unavailable; working them out from the database")
        return None
    if value is None:
        return None
    try:
        return [int(part) for part in value.decode().split(",") if part]
    except ValueError:  # not written by us: work the list out again
        return None


def _store_ids(case_id: int, limit: int, ids: list[int], seconds: int) -> None:
    with contextlib.suppress(redis.RedisError):  # serving the page matters more than caching
        redis_connection.client.set(
            _key(case_id, limit), ",".join(map(str, ids)).encode(), ex=seconds
        )
