"""The printed tables: throughput against the floor, and what each page costs in-process."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.load import WrkResult
from benchmarks.page_profile import PageProfile

MAX_QUERIES = 10  # the design's ceiling for any page, whatever the data size


@dataclass(frozen=True)
class Target:
    name: str
    server: str  # "floor" or "caseboard"
    path: str
    target_ratio: float | None  # the design's share of the floor's rate; None for the floor


def name_width(targets: list[Target]) -> int:
    """The name column's width: the longest target name, and at least the old ten."""
    return max([10, *(len(target.name) for target in targets)])


def best(runs: list[WrkResult]) -> WrkResult:
    """The round with the most requests/s: noise on a shared machine only ever slows a run."""
    return max(runs, key=lambda run: run.requests_per_second)


def load_table(
    targets: list[Target], runs: dict[str, list[WrkResult]], failures: dict[str, int]
) -> str:
    floor_rate = best(runs["floor"]).requests_per_second
    width = name_width(targets)
    header = (
        f"{'target':<{width}} {'req/s best':>10} {'rounds req/s':>20} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'vs floor':>8} {'target':>7}  verdict"
    )
    lines = [header, "-" * len(header)]
    for target in targets:
        if target.name in failures:
            wanted = f"{target.target_ratio:.2f}" if target.target_ratio else ""
            lines.append(
                f"{target.name:<{width}} {'-':>10} {'-':>20} {'-':>8} {'-':>8} {'-':>8} "
                f"{wanted:>7}  FAILED: HTTP {failures[target.name]}, not loaded"
            )
            continue
        top = best(runs[target.name])
        rounds = "/".join(f"{run.requests_per_second:.0f}" for run in runs[target.name])
        ratio = top.requests_per_second / floor_rate if floor_rate else 0.0
        if target.target_ratio is None:
            wanted, verdict = "", "yardstick"
        else:
            wanted = f"{target.target_ratio:.2f}"
            verdict = "meets" if ratio >= target.target_ratio else "MISSES"
        errors = sum(run.errors for run in runs[target.name])
        if errors:
            verdict += f" ({errors} errors!)"
        lines.append(
            f"{target.name:<{width}} {top.requests_per_second:>10.0f} {rounds:>20} "
            f"{top.p50_ms:>8.2f} {top.p99_ms:>8.2f} {ratio:>8.2f} {wanted:>7}  {verdict}"
        )
    return "\n".join(lines)


def profile_table(targets: list[Target], profiles: dict[str, PageProfile]) -> str:
    width = name_width(targets)
    header = (
        f"{'page':<{width}} {'status':>6} {'SQL queries':>11} {'SQL ms':>7} {'Redis cmds':>10} "
        f"{'KB':>7} {'in-process ms':>13} {'cookie':>6} {'cold SQL':>8}"
    )
    lines = [header, "-" * len(header)]
    for target in targets:
        profile = profiles.get(target.name)
        if profile is None:
            continue
        most = max(profile.queries, profile.cold_queries)
        flag = "  (over the design's 10)" if most > MAX_QUERIES else ""
        timed = f"{profile.request_ms:.2f}" if profile.status == 200 else "-"
        lines.append(
            f"{target.name:<{width}} {profile.status:>6} {profile.queries:>11} "
            f"{profile.sql_ms:>7.2f} {profile.redis_commands:>10} {profile.kilobytes:>7.1f} "
            f"{timed:>13} {'sets' if profile.sets_cookie else 'no':>6} "
            f"{profile.cold_queries:>8}{flag}"
        )
    return "\n".join(lines)
