"""One database's measurements: seed, profile, serve, load as a reader and as a member,
read the workers' memory, and on PostgreSQL run the write load on a copy."""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine

from benchmarks import SECRET_KEY, app_config
from benchmarks.consistency import check_counts
from benchmarks.databases import (
    BenchDatabase,
    drop_postgresql,
    flush_redis,
    postgresql_copy,
    recreate_postgresql,
)
from benchmarks.lists import time_lists, time_summarize
from benchmarks.load import LoadSettings, WrkResult, run_wrk
from benchmarks.page_profile import PageProfile, profile_pages
from benchmarks.report import name_width
from benchmarks.seed import Plan, prepare
from benchmarks.servers import Server, fetch
from benchmarks.sessions import USER_AGENT, logged_in, member_session, pick_reader_member
from benchmarks.targets import MEMBER, READER, Target, targets_for
from benchmarks.writes import (
    RAISED_LIMITS,
    Rows,
    WriteLoad,
    count_rows,
    plan_writes,
    run_write_load,
)
from caseboard import create_app
from caseboard.extensions import db

WRITE_MEMBERS = 64
WRITE_CONNECTIONS = 64


@dataclass
class DatabaseRun:
    """Everything measured on one database, for the tables and latest.json."""

    database: BenchDatabase
    redis: str  # which Redis the app used, in words
    manifest: dict
    member_id: int
    targets: list[Target]
    profiles: dict[str, PageProfile]
    runs: dict[str, list[WrkResult]] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)
    rss: dict[str, dict[int, float]] = field(default_factory=dict)
    lists: dict[str, float] = field(default_factory=dict)
    summarized: dict[str, tuple[int, float]] = field(default_factory=dict)
    writes: WriteLoad | None = None


def seed_and_profile(
    database: BenchDatabase, redis_url: str, redis_words: str, plan: Plan, *, reseed: bool
) -> DatabaseRun:
    """A seeded database, the member measured on it, its targets, and each page's
    in-process profile as a reader and as that member (nothing loaded yet)."""
    manifest = prepare(database, redis_url, plan, reseed=reseed)
    engine = create_engine(database.url)
    try:
        member_id = pick_reader_member(engine, manifest["busy_public_id"])
    finally:
        engine.dispose()
    targets = targets_for(manifest)
    profiles = {}
    for audience, member in ((READER, None), (MEMBER, member_id)):
        paths = {t.key: t.path for t in targets if t.server != "floor" and t.audience == audience}
        profiles.update(profile_pages(database.url, redis_url, paths, member))
    return DatabaseRun(database, redis_words, manifest, member_id, targets, profiles)


def measure(
    database: BenchDatabase, redis_url: str, redis_words: str, args: argparse.Namespace
) -> DatabaseRun:
    plan = Plan(cases=args.cases, members=args.members)
    run = seed_and_profile(database, redis_url, redis_words, plan, reseed=args.reseed)
    if args.show_sql:
        print_statements(run.profiles)
    serve_and_load(run, redis_url, args)
    run.lists = time_lists(database.url, redis_url)
    run.summarized = {"seeded tallies": time_summarize(database.url, redis_url)}
    if database.kind == "postgresql" and args.write_seconds > 0:
        run.writes = measure_writes(database, redis_url, args)
        run.rss["caseboard-writes"] = run.writes.worker_rss_mb
    return run


def print_statements(profiles: dict[str, PageProfile]) -> None:
    for name, profile in profiles.items():
        for when, statements in (("cold", profile.cold_statements), ("warm", profile.statements)):
            print(f"\n{name}, {when}:", *(f"  {sql[:160]}" for sql in statements), sep="\n")


def caseboard_server(name: str, database_url: str, redis_url: str, results: Path, **env: str):
    return Server(
        name,
        "caseboard:create_app()",
        results / f"{name}.log",
        env={"DATABASE_URL": database_url, "REDIS_URL": redis_url, "SECRET_KEY": SECRET_KEY, **env},
    )


def serve_and_load(run: DatabaseRun, redis_url: str, args: argparse.Namespace) -> None:
    """Caseboard on this database and the floor beside it, loaded in the same rounds so the
    ratios compare; then each worker's memory, before the servers stop."""
    results = args.results_dir.resolve()
    app = create_app(app_config(run.database.url, redis_url))
    member = member_session(app, run.member_id)
    with app.app_context():
        db.engine.dispose()
    flush_redis(redis_url)  # the profile's entries, and any earlier run's
    servers = {
        "floor": Server("floor", "benchmarks.floor_app:app", results / "floor.log"),
        "caseboard": caseboard_server(
            f"caseboard-{run.database.kind}", run.database.url, redis_url, results
        ),
    }
    try:
        for server in servers.values():
            server.start()
        servers["floor"].wait_until_answering("/")
        servers["caseboard"].wait_until_answering("/healthz")
        urls = {t.key: servers[t.server].url(t.path) for t in run.targets}
        headers = {
            t.key: member.headers if t.audience == MEMBER else {"User-Agent": USER_AGENT}
            for t in run.targets
        }
        run.failures = check_pages(run.targets, urls, headers)
        if "floor" in run.failures:
            raise RuntimeError(f"the floor answered {run.failures['floor']}: nothing to compare")
        loadable = [target for target in run.targets if target.key not in run.failures]
        run.runs = load(loadable, urls, headers, args)
        run.rss = {
            servers["caseboard"].name: servers["caseboard"].worker_rss_mb(),
            "floor": servers["floor"].worker_rss_mb(),
        }
    finally:
        for server in servers.values():
            server.stop()


def check_pages(
    targets: list[Target], urls: dict[str, str], headers: dict[str, dict[str, str]]
) -> dict[str, int]:
    """Targets not answering 200; they are not loaded, as a fast error page measures nothing.
    A member's page that does not show them logged in stops the benchmark: it would measure
    a reader's page under a member's name."""
    failures = {}
    for target in targets:
        status, body = fetch(urls[target.key], headers=headers[target.key])
        if status != 200:
            print(f"{target.key} answered HTTP {status}: it will not be loaded.", flush=True)
            failures[target.key] = status
        elif target.audience == MEMBER and not logged_in(body.decode(errors="replace")):
            raise RuntimeError(
                f"{target.key} at {urls[target.key]} does not show the member logged in: "
                "the session cookie does not work, so no member figure would mean anything"
            )
    return failures


def load(
    targets: list[Target],
    urls: dict[str, str],
    headers: dict[str, dict[str, str]],
    args: argparse.Namespace,
) -> dict[str, list[WrkResult]]:
    """Warm every target up, then run the rounds interleaved so drift hits all targets alike."""
    settings = LoadSettings(args.threads, args.connections, args.duration)
    busy = os.getloadavg()[0]
    if busy > 0.5 * (os.cpu_count() or 1):
        print(f"Warning: load average {busy:.1f} before starting; other work will slow every run.")
    seconds = len(targets) * (args.warmup + args.rounds * args.duration)
    print(f"Loading {len(targets)} targets for about {seconds}s ...", flush=True)
    if args.warmup:
        for target in targets:
            run_wrk(urls[target.key], settings, args.warmup, headers[target.key])
    runs: dict[str, list[WrkResult]] = {target.key: [] for target in targets}
    width = name_width(targets) + 9
    for round_number in range(1, args.rounds + 1):
        for target in targets:
            result = run_wrk(urls[target.key], settings, headers=headers[target.key])
            runs[target.key].append(result)
            print(
                f"  round {round_number} {target.key:<{width}} "
                f"{result.requests_per_second:>8.0f} req/s"
                f"  p50 {result.p50_ms:.2f} ms  p99 {result.p99_ms:.2f} ms",
                flush=True,
            )
    return runs


def measure_writes(database: BenchDatabase, redis_url: str, args: argparse.Namespace) -> WriteLoad:
    """The write load on a file copy of the seeded database, dropped afterwards."""
    results = args.results_dir.resolve()
    copy = postgresql_copy(database, "_writes")
    started = time.perf_counter()
    recreate_postgresql(copy, template=database)
    print(
        f"Copied {database.name} to {copy.name} for the write load in "
        f"{time.perf_counter() - started:.0f} s.",
        flush=True,
    )
    flush_redis(redis_url)
    app = create_app(app_config(copy.url, redis_url))
    try:
        requests = plan_writes(app, WRITE_MEMBERS, args.write_seconds)
        with app.app_context():
            engine = db.engine
        before = count_rows(engine)
        server = caseboard_server("caseboard-writes", copy.url, redis_url, results, **RAISED_LIMITS)
        settings = LoadSettings(args.threads, WRITE_CONNECTIONS, args.write_seconds)
        print(
            f"Write load: {WRITE_MEMBERS} members, {len(requests):,} prepared requests, "
            f"{args.write_seconds}s ...",
            flush=True,
        )
        try:
            server.start()
            server.wait_until_answering("/healthz")
            result, sent, statuses = run_write_load(server.url("/"), requests, settings)
            rss = server.worker_rss_mb()
        finally:
            server.stop()
        after = count_rows(engine)
        added = Rows(
            verdicts=after.verdicts - before.verdicts,
            held_verdicts=after.held_verdicts - before.held_verdicts,
            votes=after.votes - before.votes,
        )
        consistency = check_counts(engine)
        engine.dispose()
    finally:
        drop_postgresql(copy)
    return WriteLoad(
        members=WRITE_MEMBERS,
        seconds=args.write_seconds,
        connections=WRITE_CONNECTIONS,
        planned=len(requests),
        wrk=result,
        sent=sent,
        statuses=statuses,
        added=added,
        consistency=consistency,
        worker_rss_mb=rss,
    )
