"""The whole report as text: one section per database, then SQL queries by data size."""

from __future__ import annotations

import argparse

from benchmarks.consistency import problems as count_problems
from benchmarks.lists import lists_table
from benchmarks.report import load_table, profile_table, queries_table, rss_table, write_table
from benchmarks.runs import DatabaseRun

TITLES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
SMALL_CASES = 1_000  # the second size SQL query counts are compared at


def section(run: DatabaseRun, args: argparse.Namespace, summarized_large: tuple) -> str:
    counts = run.manifest["counts"]
    seeded = run.manifest.get("seed_seconds")
    parts = [
        f"== {TITLES[run.database.kind]} ({run.database.name}): {counts['cases']:,} cases, "
        f"{counts['verdicts']:,} verdicts, {counts['replies']:,} replies, "
        f"{counts['helpful_votes']:,} helpful votes; Redis: {run.redis}"
        + (f"; seeded in {seeded:.0f} s" if seeded is not None else "")
        + " ==",
        f"Load: wrk -t{args.threads} -c{args.connections} -d{args.duration}s, {args.rounds} "
        "interleaved rounds with the floor; req/s is the best round, p50/p99 from it. The "
        f"member is member #{run.member_id} (session cookie; has not judged the busy case). "
        "SQL w/c: queries warm/cold; KB of HTML (in-process).",
        load_table(run.targets, run.runs, run.failures, run.profiles),
        "Per page, in-process (test client, after one warm-up call; cold SQL counts that "
        "first call, made with Redis emptied):",
        profile_table(run.targets, run.profiles),
        "Resident memory per gunicorn worker after the load:",
        rss_table(run.rss),
        "Lists and outcome math at this size:",
        lists_table(run.lists, {**run.summarized, "up to 2,000 per label": summarized_large}),
    ]
    if run.writes is not None:
        parts += ["Write load (verdicts and helpful votes, on a copy of this database):"]
        parts += [write_table(run.writes)]
    return "\n\n".join(parts)


def compose(
    runs: list[DatabaseRun],
    small: DatabaseRun,
    skipped: dict[str, str],
    args: argparse.Namespace,
    summarized_large: tuple,
) -> str:
    """The report: why a database was skipped, a section per database, queries by size."""
    sizes = {f"SQLite {SMALL_CASES:,}": small.profiles}
    for run in runs:
        sizes[f"{TITLES[run.database.kind]} {run.manifest['plan']['cases']:,}"] = run.profiles
    targets = runs[0].targets if runs else small.targets
    parts = [*skipped.values()]
    parts += [section(run, args, summarized_large) for run in runs]
    parts += [
        "SQL queries per page (warm/cold) by database and number of cases; HTML bytes at the "
        "last size. Any page over 10 queries, or whose count grows with the data, is flagged.",
        queries_table(targets, sizes),
    ]
    return "\n\n".join(parts)


def failed(runs: list[DatabaseRun], small: DatabaseRun) -> list[str]:
    """What makes the run fail: pages not answering (served or in-process), a write that did
    not succeed or land, stored counts that disagree with their rows."""
    found = [
        f"SQLite {SMALL_CASES:,}: {key} answered HTTP {profile.status} in-process"
        for key, profile in small.profiles.items()
        if profile.status != 200
    ]
    for run in runs:
        title = TITLES[run.database.kind]
        found += [
            f"{title}: {key} answered HTTP {profile.status} in-process"
            for key, profile in run.profiles.items()
            if profile.status != 200
        ]
        for key, status in run.failures.items():
            log = f"caseboard-{run.database.kind}.log"
            found.append(f"{title}: {key} answered HTTP {status}; see {log}")
        if run.writes is None:
            continue
        if run.writes.wrk.errors:
            found.append(f"{title} write load: {run.writes.wrk.errors} errors")
        found += [f"{title} write load: {problem}" for problem in run.writes.landing_problems()]
        if count_problems(run.writes.consistency):
            found.append(f"{title} write load: {count_problems(run.writes.consistency)}")
    return found
