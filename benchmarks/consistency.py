"""Stored counts against the rows they count, after the seed and after the write load.

The checks count what caseboard/cases/services.py and counts.py maintain: a case counts its
published verdicts and its live (not deleted) published replies, a verdict its live published
replies, and helpful votes count whatever the status of what they mark. A verdict held for a
moderator is counted only once one approves it, so a held verdict must not be counted here.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine

_PUBLISHED_VERDICT = "v.status = 'published'"
_LIVE_REPLY = "r.deleted_at IS NULL AND r.status = 'published'"

# Each query counts rows whose stored count disagrees with the rows it counts.
CONSISTENCY_CHECKS = {
    "case verdict counts": "SELECT count(*) FROM cases c WHERE verdict_count != "
    f"(SELECT count(*) FROM verdicts v WHERE v.case_id = c.id AND {_PUBLISHED_VERDICT})",
    "case label counts": "SELECT count(*) FROM cases WHERE verdict_count != "
    "yta_count + nta_count + esh_count + nah_count + info_count",
    "case reply counts": "SELECT count(*) FROM cases c WHERE reply_count != (SELECT count(*) "
    f"FROM replies r WHERE r.case_id = c.id AND {_LIVE_REPLY})",
    "verdict reply counts": "SELECT count(*) FROM verdicts v WHERE reply_count != (SELECT "
    f"count(*) FROM replies r WHERE r.verdict_id = v.id AND {_LIVE_REPLY})",
    "verdict helpful counts": "SELECT count(*) FROM verdicts v WHERE helpful_count != (SELECT "
    "count(*) FROM helpful_votes h WHERE h.verdict_id = v.id AND h.helpful)",
    "verdict not-helpful counts": "SELECT count(*) FROM verdicts v WHERE not_helpful_count != "
    "(SELECT count(*) FROM helpful_votes h WHERE h.verdict_id = v.id AND NOT h.helpful)",
    "reply helpful counts": "SELECT count(*) FROM replies r WHERE helpful_count != (SELECT "
    "count(*) FROM helpful_votes h WHERE h.reply_id = r.id AND h.helpful)",
    "reply not-helpful counts": "SELECT count(*) FROM replies r WHERE not_helpful_count != "
    "(SELECT count(*) FROM helpful_votes h WHERE h.reply_id = r.id AND NOT h.helpful)",
    # Not a count, but as wrong: only published cases whose window closed can be featured.
    "featured open cases": "SELECT count(*) FROM highlights h JOIN cases c ON c.id = h.case_id "
    "WHERE c.closed_at IS NULL OR c.status != 'published'",
}


def check_counts(engine: Engine) -> dict[str, int]:
    """Every check's number of disagreeing rows (0 everywhere when all is well)."""
    with engine.connect() as connection:
        return {
            name: connection.execute(text(sql)).scalar_one()
            for name, sql in CONSISTENCY_CHECKS.items()
        }


def problems(results: dict[str, int]) -> dict[str, int]:
    return {name: count for name, count in results.items() if count}


def consistency_lines(results: dict[str, int]) -> list[str]:
    """One line per check: ok, or how many rows disagree."""
    width = max(len(name) for name in results)
    return [
        f"  {name:<{width}}  {'ok' if not count else f'{count:,} rows disagree!'}"
        for name, count in results.items()
    ]
