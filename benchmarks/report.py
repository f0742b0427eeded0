"""The printed tables: throughput against the floor, what each page costs, memory, writes."""

from __future__ import annotations

from benchmarks.consistency import consistency_lines
from benchmarks.load import WrkResult
from benchmarks.page_profile import PageProfile
from benchmarks.targets import Target
from benchmarks.writes import WriteLoad

MAX_QUERIES = 10  # the design's ceiling for any page, whatever the data size
MAX_WORKER_MB = 150  # resident memory per gunicorn worker after the run


def name_width(targets: list[Target]) -> int:
    """The name column's width: the longest target name, and at least the old ten."""
    return max([10, *(len(target.name) for target in targets)])


def best(runs: list[WrkResult]) -> WrkResult:
    """The round with the most requests/s: noise on a shared machine only ever slows a run."""
    return max(runs, key=lambda run: run.requests_per_second)


def _queries(profile: PageProfile | None) -> str:
    return f"{profile.queries}/{profile.cold_queries}" if profile else "-"


def _over(profile: PageProfile | None) -> bool:
    return profile is not None and max(profile.queries, profile.cold_queries) > MAX_QUERIES


def load_table(
    targets: list[Target],
    runs: dict[str, list[WrkResult]],
    failures: dict[str, int],
    profiles: dict[str, PageProfile],
) -> str:
    """Per page and audience: wrk's best round against the floor's, and what the page costs
    in-process (SQL queries warm/cold, KB of HTML)."""
    floor_rate = best(runs["floor"]).requests_per_second if runs.get("floor") else 0.0
    width = name_width(targets)
    header = (
        f"{'page':<{width}} {'as':<6} {'req/s best':>10} {'rounds req/s':>14} {'p50 ms':>8} "
        f"{'p99 ms':>8} {'vs floor':>8} {'target':>6}  {'verdict':<8} {'SQL w/c':>7} {'KB':>6}"
    )
    lines = [header, "-" * len(header)]
    for target in targets:
        wanted = f"{target.target_ratio:.2f}" if target.target_ratio else ""
        profile = profiles.get(target.key)
        kilobytes = f"{profile.kilobytes:.1f}" if profile else "-"
        cost = f"{_queries(profile):>7} {kilobytes:>6}"
        start = f"{target.name:<{width}} {target.audience or '-':<6}"
        if target.key in failures or not runs.get(target.key):
            status = failures.get(target.key, "not run")
            lines.append(
                f"{start} {'-':>10} {'-':>14} {'-':>8} {'-':>8} {'-':>8} {wanted:>6}  "
                f"FAILED: HTTP {status}, not loaded  {cost}"
            )
            continue
        top = best(runs[target.key])
        rounds = "/".join(f"{run.requests_per_second:.0f}" for run in runs[target.key])
        ratio = top.requests_per_second / floor_rate if floor_rate else 0.0
        if target.target_ratio is None:
            verdict = "floor"
        else:
            verdict = "meets" if ratio >= target.target_ratio else "MISSES"
        errors = sum(run.errors for run in runs[target.key])
        flags = f"  {errors} errors!" if errors else ""
        flags += "  no request answered in a whole run!" if not top.requests else ""
        flags += f"  over {MAX_QUERIES} queries" if _over(profile) else ""
        lines.append(
            f"{start} {top.requests_per_second:>10.0f} {rounds:>14} {top.p50_ms:>8.2f} "
            f"{top.p99_ms:>8.2f} {ratio:>8.2f} {wanted:>6}  {verdict:<8} {cost}{flags}"
        )
    return "\n".join(lines)


def profile_table(targets: list[Target], profiles: dict[str, PageProfile]) -> str:
    width = name_width(targets)
    header = (
        f"{'page':<{width}} {'as':<6} {'status':>6} {'SQL queries':>11} {'SQL ms':>7} "
        f"{'Redis cmds':>10} {'bytes':>7} {'in-process ms':>13} {'cookie':>6} {'cold SQL':>8}"
    )
    lines = [header, "-" * len(header)]
    for target in targets:
        profile = profiles.get(target.key)
        if profile is None:
            continue
        flag = f"  (over the design's {MAX_QUERIES})" if _over(profile) else ""
        timed = f"{profile.request_ms:.2f}" if profile.status == 200 else "-"
        lines.append(
            f"{target.name:<{width}} {target.audience:<6} {profile.status:>6} "
            f"{profile.queries:>11} {profile.sql_ms:>7.2f} {profile.redis_commands:>10} "
            f"{round(profile.kilobytes * 1024):>7} {timed:>13} "
            f"{'sets' if profile.sets_cookie else 'no':>6} {profile.cold_queries:>8}{flag}"
        )
    return "\n".join(lines)


def queries_table(targets: list[Target], sizes: dict[str, dict[str, PageProfile]]) -> str:
    """SQL queries (warm/cold) per page and audience at each profiled size, side by side,
    so a count that grows with the data shows; HTML bytes at the largest size."""
    width = name_width(targets)
    columns = list(sizes)
    header = f"{'page':<{width}} {'as':<6} " + " ".join(f"{c:>16}" for c in columns)
    header += f" {'HTML bytes':>10}"
    lines = [header, "-" * len(header)]
    for target in targets:
        if target.server == "floor":
            continue
        found = [sizes[column].get(target.key) for column in columns]
        if not any(found):
            continue
        last = next((p for p in reversed(found) if p is not None), None)
        size = round(last.kilobytes * 1024) if last else 0
        flags = []
        if any(_over(profile) for profile in found):
            flags.append(f"over {MAX_QUERIES} queries")
        counts = {profile.queries for profile in found if profile}
        if len(counts) > 1:
            flags.append("varies with size")
        if any(profile and profile.status != 200 for profile in found):
            flags.append("HTTP " + "/".join(str(p.status) for p in found if p))
        lines.append(
            f"{target.name:<{width}} {target.audience:<6} "
            + " ".join(f"{_queries(profile):>16}" for profile in found)
            + f" {size:>10}"
            + (f"  {', '.join(flags)}" if flags else "")
        )
    return "\n".join(lines)


def rss_table(rss: dict[str, dict[int, float]]) -> str:
    """Resident memory per gunicorn worker after the load, against the design's ceiling."""
    lines = []
    for server, workers in rss.items():
        if not workers:
            lines.append(f"  {server}: no workers found")
            continue
        figures = ", ".join(f"{mb:.0f} MB (pid {pid})" for pid, mb in workers.items())
        fits = max(workers.values()) <= MAX_WORKER_MB
        verdict = f"meets <= {MAX_WORKER_MB} MB" if fits else f"MISSES <= {MAX_WORKER_MB} MB"
        lines.append(f"  {server}: {figures}  {verdict}")
    return "\n".join(lines)


def write_table(load: WriteLoad) -> str:
    """Throughput, latency and errors of the write load; what landed; the counts after."""
    result = load.wrk
    sent = f"{load.sent.get('verdict', 0):,} verdicts and {load.sent.get('vote', 0):,} votes"
    statuses = ", ".join(f"{count:,} x {status}" for status, count in load.statuses.items())
    landed = load.added
    problems = load.landing_problems()
    lines = [
        f"  {load.members} members, wrk -c{load.connections} for {load.seconds} s "
        f"({load.planned:,} distinct requests prepared); rate limits raised for this server: "
        + ", ".join(f"{name}={value!r}" for name, value in load.limits.items()),
        f"  {result.requests_per_second:,.0f} req/s, p50 {result.p50_ms:.1f} ms, "
        f"p99 {result.p99_ms:.1f} ms, {result.requests:,} answered, errors "
        f"{result.errors} ({'none, as required' if not result.errors else 'MUST be 0'})",
        f"  sent {sent}; answers: {statuses or 'none'}",
        f"  landed: {landed.verdicts:,} verdicts ({landed.held_verdicts:,} held for a "
        f"moderator) and {landed.votes:,} helpful votes; "
        + ("every answered write landed" if not problems else "; ".join(problems)),
        "  Stored counts afterwards:",
        *consistency_lines(load.consistency),
    ]
    return "\n".join(lines)
