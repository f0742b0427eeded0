"""Uncached timings: each case list straight from the database, and summarize() throughput."""

from __future__ import annotations

import random
import statistics
import time

from sqlalchemy import select

from benchmarks import app_config
from caseboard import create_app
from caseboard.aggregation import summarize
from caseboard.cases import queries
from caseboard.extensions import db
from caseboard.models import Case
from caseboard.models.base import utcnow

LISTS = {
    "hot": {"sort": "hot"},
    "new": {"sort": "new"},
    "top week": {"sort": "top", "period": "week"},
    "divisive": {"sort": "divisive"},
    "needs verdicts": {"sort": "needs"},
    "hot, filtered": {"sort": "hot", "filters": {"discipline": "design", "level": "senior"}},
}


def time_lists(database_url: str, redis_url: str, calls: int = 15) -> dict[str, float]:
    """Median milliseconds for the first page of each list, bypassing every cache."""
    app = create_app(app_config(database_url, redis_url))
    timings = {}
    with app.app_context():
        for name, spec in LISTS.items():
            samples = []
            for _ in range(calls):
                started = time.perf_counter()
                queries.list_cases(
                    spec["sort"],
                    spec.get("filters", {}),
                    page=1,
                    per_page=app.config["CASES_PER_PAGE"],
                    now=utcnow(),
                    period=spec.get("period", "week"),
                )
                samples.append((time.perf_counter() - started) * 1000)
                db.session.expunge_all()
            timings[name] = statistics.median(samples)
        db.session.remove()
        db.engine.dispose()  # a PostgreSQL database with sessions open cannot be copied
    return timings


def time_summarize(database_url: str, redis_url: str, count: int = 10_000) -> tuple[int, float]:
    """Summarize `count` real tallies from the seeded cases; returns (count, seconds)."""
    app = create_app(app_config(database_url, redis_url))
    with app.app_context():
        columns = [Case.yta_count, Case.nta_count, Case.esh_count, Case.nah_count, Case.info_count]
        rows = db.session.execute(select(*columns).limit(count)).all()
        db.session.remove()
        db.engine.dispose()
    tallies = [dict(zip(("YTA", "NTA", "ESH", "NAH", "INFO"), row, strict=True)) for row in rows]
    while len(tallies) < count:
        tallies.extend(tallies[: count - len(tallies)])
    started = time.perf_counter()
    for tally in tallies:
        summarize(tally)
    return len(tallies), time.perf_counter() - started


def time_summarize_large(count: int = 10_000, most: int = 2_000) -> tuple[int, float]:
    """Summarize `count` synthetic tallies of up to `most` verdicts per label (busy cases)."""
    rng = random.Random(2026)
    labels = ("YTA", "NTA", "ESH", "NAH", "INFO")
    tallies = [{label: rng.randint(0, most) for label in labels} for _ in range(count)]
    started = time.perf_counter()
    for tally in tallies:
        summarize(tally)
    return count, time.perf_counter() - started


def lists_table(timings: dict[str, float], summarized: dict[str, tuple[int, float]]) -> str:
    lines = [f"{'list (first page, no cache)':<30}{'median ms':>10}", "-" * 40]
    lines += [f"{name:<30}{ms:>10.2f}" for name, ms in timings.items()]
    lines.append("")
    for name, (count, seconds) in summarized.items():
        lines.append(
            f"summarize(), {name}: {count:,} outcomes in {seconds:.3f} s "
            f"({count / seconds:,.0f} per second)"
        )
    return "\n".join(lines)
