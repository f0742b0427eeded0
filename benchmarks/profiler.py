"""`python -m benchmarks.profiler PAGE`: where one page's time goes, in-process, with
pyinstrument, on a database `make bench` seeded (it seeds none itself: run `make bench`
first, with the same --cases).

Each call is timed as the load test makes it: the same headers, a reader without a cookie or
the measured member with theirs, the page's cache warm. pyinstrument's own overhead inflates
pure-Python work more than time spent waiting on SQL or Redis; compare shares, not totals.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from pyinstrument import Profiler
from sqlalchemy import create_engine

from benchmarks import RESULTS_DIR, app_config
from benchmarks.databases import DEFAULT_POSTGRESQL_URL, postgresql_database, sqlite_database
from benchmarks.sessions import USER_AGENT, logged_in, member_session, pick_reader_member
from benchmarks.targets import paths_for
from caseboard import create_app

WARM_UP_CALLS = 30


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profiler", description=__doc__)
    parser.add_argument("page", help="a page's name in the benchmark's tables, e.g. 'busy case'")
    parser.add_argument("--member", action="store_true", help="as the measured member")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--postgresql-url", default=DEFAULT_POSTGRESQL_URL)
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/13",
        help="a Redis for the page's cache (a database number the benchmark does not empty)",
    )
    parser.add_argument("--calls", type=int, default=300, help="calls profiled (and timed)")
    parser.add_argument(
        "--results-dir", type=Path, default=RESULTS_DIR, help="where make bench seeded"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.database == "sqlite":
        database = sqlite_database(args.results_dir.resolve() / "caseboard-bench.sqlite")
    else:
        database = postgresql_database(args.postgresql_url, args.results_dir.resolve())
    if not database.manifest_path.exists():
        print(f"No seeded {args.database} database: run `make bench` first.", file=sys.stderr)
        return 2
    manifest = json.loads(database.manifest_path.read_text())
    paths = paths_for(manifest)
    if args.page not in paths:
        print(f"No page {args.page!r}; the pages: {', '.join(paths)}", file=sys.stderr)
        return 2
    app = create_app(app_config(database.url, args.redis_url))
    headers = {"User-Agent": USER_AGENT}
    if args.member:
        engine = create_engine(database.url)
        try:
            member_id = pick_reader_member(engine, manifest["busy_public_id"])
        finally:
            engine.dispose()
        headers = member_session(app, member_id).headers
    client = app.test_client(use_cookies=False)
    path = paths[args.page]
    for _ in range(WARM_UP_CALLS):
        response = client.get(path, headers=headers)
    if response.status_code != 200 or (args.member and not logged_in(response.text)):
        print(f"{path} answered {response.status_code}, or not as the member", file=sys.stderr)
        return 1
    timings = []
    for _ in range(args.calls):
        started = time.perf_counter()
        client.get(path, headers=headers)
        timings.append(time.perf_counter() - started)
    profiler = Profiler(interval=0.0002)
    with profiler:
        for _ in range(args.calls):
            client.get(path, headers=headers)
    who = "the member" if args.member else "a reader"
    print(
        f"{args.page} ({path}) as {who} on {args.database}: median "
        f"{statistics.median(timings) * 1000:.2f} ms per call without the profiler "
        f"(test client included)"
    )
    print(profiler.output_text(unicode=True, color=sys.stdout.isatty()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
