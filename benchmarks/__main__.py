"""`python -m benchmarks`: seed, serve Caseboard and the floor, load both with wrk, report."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from benchmarks import RESULTS_DIR, SECRET_KEY
from benchmarks.content import COMMON_WORD
from benchmarks.load import LoadSettings, WrkResult, run_wrk, wrk_path
from benchmarks.report import Target, load_table, name_width, profile_table
from benchmarks.servers import Server, fetch


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--reseed", action="store_true", help="rebuild the seeded database")
    parser.add_argument("--cases", type=int, default=10_000, help="ordinary cases to seed")
    parser.add_argument("--members", type=int, default=2_000, help="member pool size")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds of wrk runs")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per target")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.add_argument("--show-sql", action="store_true", help="print each page's statements")
    parser.add_argument("--pii-only", action="store_true", help="only run the PII evaluation")
    parser.add_argument(
        "--calibration-only", action="store_true", help="only run the outcome calibration check"
    )
    return parser.parse_args(argv)


def targets_for(manifest: dict) -> list[Target]:
    """The pages to load; the newest edition's page only when the seed made editions."""
    targets = [
        Target("floor", "floor", "/", None),
        Target("home", "caseboard", "/", 0.5),
        Target("busy case", "caseboard", f"/cases/{manifest['busy_public_id']}", 0.25),
        Target("search", "caseboard", f"/search?q={COMMON_WORD}", 0.2),
        Target("divisive", "caseboard", "/divisive", 0.5),
        Target("needs", "caseboard", "/needs-verdicts", 0.5),
        Target("library", "caseboard", "/library", 0.5),
        Target("library filtered", "caseboard", "/library?level=senior", 0.5),
    ]
    if manifest.get("edition_key"):
        targets.append(
            Target("edition", "caseboard", f"/highlights/{manifest['edition_key']}", 0.5)
        )
    return targets


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from benchmarks import calibration, pii_eval  # first, so they print even without wrk

    if args.calibration_only:
        return calibration.main()
    pii_status = pii_eval.main()
    if args.pii_only:
        return pii_status
    print()
    calibration_status = calibration.main()
    print()
    if wrk_path() is None:
        print(
            "wrk is not installed, so nothing can be measured. `make bench` installs it "
            "(as root: apt-get install wrk).",
            file=sys.stderr,
        )
        return 2
    # Deferred: the app and its dependencies load only once wrk is known to be there.
    from benchmarks.lists import (
        lists_table,
        time_lists,
        time_summarize,
        time_summarize_large,
    )
    from benchmarks.page_profile import profile_pages
    from benchmarks.seed import Plan, prepare
    from caseboard.embedded_redis import EmbeddedRedis

    # A SIGTERM (say, from a killed make) must still run the cleanup below.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    results = args.results_dir.resolve()
    results.mkdir(parents=True, exist_ok=True)
    database = results / "caseboard-bench.sqlite"
    # Unix socket paths must stay short, so the embedded Redis lives under /tmp.
    redis_dir = tempfile.mkdtemp(prefix="cb-bench-redis-")
    embedded = EmbeddedRedis(redis_dir)
    servers: dict[str, Server] = {}
    try:
        embedded.start()
        manifest = prepare(
            database, embedded.url, Plan(cases=args.cases, members=args.members), reseed=args.reseed
        )
        print("Rows:", ", ".join(f"{count:,} {name}" for name, count in manifest["counts"].items()))
        targets = targets_for(manifest)
        pages = {t.name: t.path for t in targets if t.server == "caseboard"}
        profiles = profile_pages(database, embedded.url, pages)
        if args.show_sql:
            for name, profile in profiles.items():
                for when, statements in (
                    ("cold", profile.cold_statements),
                    ("warm", profile.statements),
                ):
                    print(f"\n{name}, {when}:", *(f"  {sql[:160]}" for sql in statements), sep="\n")

        servers["floor"] = Server("floor", "benchmarks.floor_app:app", results / "floor.log")
        servers["caseboard"] = Server(
            "caseboard",
            "caseboard:create_app()",
            results / "caseboard.log",
            env={
                "DATABASE_URL": f"sqlite:///{database}",
                "REDIS_URL": embedded.url,
                "SECRET_KEY": SECRET_KEY,
            },
        )
        for server in servers.values():
            server.start()
        servers["floor"].wait_until_answering("/")
        servers["caseboard"].wait_until_answering("/healthz")
        urls = {t.name: servers[t.server].url(t.path) for t in targets}
        failures = check_pages(urls)
        if "floor" in failures:
            raise RuntimeError(f"the floor answered {failures['floor']}: nothing to compare with")
        loadable = [target for target in targets if target.name not in failures]

        runs = load(loadable, urls, args)
        list_timings = time_lists(database, embedded.url)
        summarized = {
            "seeded tallies": time_summarize(database, embedded.url),
            "up to 2,000 per label": time_summarize_large(),
        }
        text = "\n\n".join(
            [
                f"Load: wrk -t{args.threads} -c{args.connections} -d{args.duration}s, "
                f"{args.rounds} interleaved rounds; req/s is the best round, p50/p99 from it.",
                load_table(targets, runs, failures),
                "Per page, in-process (test client, anonymous reader, after one warm-up call; "
                "cold SQL counts that first call, before anything was cached):",
                profile_table(targets, profiles),
                "Lists and outcome math at this size:",
                lists_table(list_timings, summarized),
            ]
        )
        print("\n" + text)
        (results / "latest.txt").write_text(text + "\n")
        (results / "latest.json").write_text(
            json.dumps(
                {
                    "manifest": manifest,
                    "settings": {k: str(v) for k, v in vars(args).items()},
                    "runs": {name: [asdict(run) for run in rs] for name, rs in runs.items()},
                    "failures": failures,
                    "pages": {name: asdict(profile) for name, profile in profiles.items()},
                },
                indent=2,
            )
        )
        print(f"\nSaved to {results / 'latest.txt'} and latest.json")
        for name, status in failures.items():
            print(f"FAILED: {name} answered HTTP {status}; see {results / 'caseboard.log'}")
        if calibration_status:
            print("FAILED: an outcome calibration target was missed (see the table above)")
        return 1 if failures or calibration_status else 0
    finally:
        for server in servers.values():
            server.stop()
        embedded.stop()
        shutil.rmtree(redis_dir, ignore_errors=True)


def check_pages(urls: dict[str, str]) -> dict[str, int]:
    """Targets not answering 200; they are not loaded, as a fast error page measures nothing."""
    failures = {}
    for name, url in urls.items():
        status, _ = fetch(url)
        if status != 200:
            print(f"{name} answered HTTP {status} at {url}: it will not be loaded.", flush=True)
            failures[name] = status
    return failures


def load(targets: list[Target], urls: dict[str, str], args) -> dict[str, list[WrkResult]]:
    """Warm every target up, then run the rounds interleaved so drift hits all targets alike."""
    settings = LoadSettings(args.threads, args.connections, args.duration)
    busy = os.getloadavg()[0]
    if busy > 0.5 * (os.cpu_count() or 1):
        print(f"Warning: load average {busy:.1f} before starting; other work will slow every run.")
    seconds = len(targets) * (args.warmup + args.rounds * args.duration)
    print(f"Loading {len(targets)} targets for about {seconds}s ...", flush=True)
    if args.warmup:
        for target in targets:
            run_wrk(urls[target.name], settings, duration=args.warmup)
    runs: dict[str, list[WrkResult]] = {target.name: [] for target in targets}
    width = name_width(targets)
    for round_number in range(1, args.rounds + 1):
        for target in targets:
            result = run_wrk(urls[target.name], settings)
            runs[target.name].append(result)
            print(
                f"  round {round_number} {target.name:<{width}} "
                f"{result.requests_per_second:>8.0f} req/s"
                f"  p50 {result.p50_ms:.2f} ms  p99 {result.p99_ms:.2f} ms",
                flush=True,
            )
    return runs


if __name__ == "__main__":
    sys.exit(main())
