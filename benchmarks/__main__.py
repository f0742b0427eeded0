"""`python -m benchmarks`: seed SQLite and PostgreSQL, serve Caseboard and the floor on each,
load them with wrk as a reader and as a member, write on PostgreSQL, report."""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from benchmarks import RESULTS_DIR
from benchmarks.databases import DEFAULT_POSTGRESQL_URL, DEFAULT_REDIS_URL
from benchmarks.load import wrk_path

DATABASES = ("sqlite", "postgresql")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--reseed", action="store_true", help="rebuild the seeded databases")
    parser.add_argument("--cases", type=int, default=10_000, help="ordinary cases to seed")
    parser.add_argument("--members", type=int, default=2_000, help="member pool size")
    parser.add_argument(
        "--databases",
        default=",".join(DATABASES),
        help="comma-separated, of sqlite,postgresql (default: both; PostgreSQL only when it "
        "and the Redis server answer)",
    )
    parser.add_argument(
        "--postgresql-url",
        default=DEFAULT_POSTGRESQL_URL,
        help="the benchmark's own PostgreSQL database (named caseboard_bench*; created if "
        "missing, dropped and rebuilt on --reseed)",
    )
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds of wrk runs")
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run")
    parser.add_argument("--warmup", type=int, default=1, help="seconds of warm-up per target")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--write-seconds",
        type=int,
        default=60,
        help="seconds of the PostgreSQL verdict-and-vote load (0: none)",
    )
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.add_argument("--show-sql", action="store_true", help="print each page's statements")
    parser.add_argument("--pii-only", action="store_true", help="only run the PII evaluation")
    parser.add_argument(
        "--bots-only", action="store_true", help="only run the scripted bots against the defences"
    )
    parser.add_argument(
        "--calibration-only", action="store_true", help="only run the outcome calibration check"
    )
    args = parser.parse_args(argv)
    args.databases = [name.strip() for name in args.databases.split(",") if name.strip()]
    unknown = set(args.databases) - set(DATABASES)
    if unknown or not args.databases:
        parser.error(f"--databases takes sqlite and/or postgresql, not {', '.join(unknown)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from benchmarks import bots, calibration, pii_eval  # first: they print even without wrk

    if args.calibration_only:
        return calibration.main()
    if args.bots_only:
        return bots.main()
    pii_status = pii_eval.main()
    if args.pii_only:
        return pii_status
    print()
    calibration_status = calibration.main()
    print()
    bots_status = bots.main()
    print()
    if wrk_path() is None:
        print(
            "wrk is not installed, so nothing can be measured. `make bench` installs it "
            "(as root: apt-get install wrk).",
            file=sys.stderr,
        )
        return 2
    # Deferred: the app and its dependencies load only once wrk is known to be there.
    from benchmarks.databases import (
        postgresql_database,
        postgresql_unreachable,
        redis_unreachable,
        sqlite_database,
    )
    from benchmarks.lists import time_summarize_large
    from benchmarks.runs import measure, seed_and_profile
    from benchmarks.seed import Plan
    from benchmarks.summary import SMALL_CASES, compose, failed
    from caseboard.embedded_redis import EmbeddedRedis

    # A SIGTERM (say, from a killed make) must still run the cleanup below.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    results = args.results_dir.resolve()
    results.mkdir(parents=True, exist_ok=True)
    skipped = {}
    if "postgresql" in args.databases:
        postgresql = postgresql_database(args.postgresql_url, results)
        reason = postgresql_unreachable(postgresql) or redis_unreachable(DEFAULT_REDIS_URL)
        if reason:
            skipped["postgresql"] = f"PostgreSQL not benchmarked: {reason}."
            print(skipped["postgresql"], "Benching SQLite only.", flush=True)
            if args.databases == ["postgresql"]:
                return 2
            args.databases = ["sqlite"]
    # Unix socket paths must stay short, so the embedded Redis lives under /tmp.
    redis_dir = tempfile.mkdtemp(prefix="cb-bench-redis-")
    embedded = EmbeddedRedis(redis_dir)
    try:
        embedded.start()
        # SQLite keeps the embedded Redis, as `make run` has it; PostgreSQL gets the server.
        redis = {
            "sqlite": (embedded.url, "the embedded Redis (Unix socket)"),
            "postgresql": (
                DEFAULT_REDIS_URL,
                f"the Redis server at {DEFAULT_REDIS_URL} (TCP), emptied first",
            ),
        }
        databases = {
            "sqlite": sqlite_database(results / "caseboard-bench.sqlite"),
            "postgresql": postgresql_database(args.postgresql_url, results),
        }
        runs = []
        for kind in DATABASES:
            if kind in args.databases:
                print(f"\n== {kind} ==", flush=True)
                runs.append(measure(databases[kind], *redis[kind], args))
        small = seed_and_profile(
            sqlite_database(results / f"caseboard-bench-{SMALL_CASES}.sqlite"),
            *redis["sqlite"],
            Plan(cases=SMALL_CASES, members=args.members),
            reseed=args.reseed,
        )
        text = compose(runs, small, skipped, args, time_summarize_large())
        print("\n" + text)
        (results / "latest.txt").write_text(text + "\n")
        (results / "latest.json").write_text(
            json.dumps(
                {
                    "settings": {k: str(v) for k, v in vars(args).items()},
                    "skipped": skipped,
                    "databases": {run.database.kind: as_json(run) for run in runs},
                    f"sqlite_{SMALL_CASES}": as_json(small),
                },
                indent=2,
                default=str,
            )
        )
        print(f"\nSaved to {results / 'latest.txt'} and latest.json")
        problems = failed(runs, small)
        for problem in problems:
            print(f"FAILED: {problem}")
        if calibration_status:
            print("FAILED: an outcome calibration target was missed (see the table above)")
        if bots_status:
            print("FAILED: a bot defence target was missed (see the bots' table above)")
        return 1 if problems or calibration_status or bots_status else 0
    finally:
        embedded.stop()
        shutil.rmtree(redis_dir, ignore_errors=True)


def as_json(run) -> dict:
    return {
        "database": run.database.name,
        "redis": run.redis,
        "manifest": run.manifest,
        "member_id": run.member_id,
        "runs": {key: [asdict(result) for result in results] for key, results in run.runs.items()},
        "failures": run.failures,
        "pages": {key: asdict(profile) for key, profile in run.profiles.items()},
        "worker_rss_mb": run.rss,
        "lists_ms": run.lists,
        "summarize": run.summarized,
        "writes": asdict(run.writes) if run.writes else None,
    }


if __name__ == "__main__":
    sys.exit(main())
