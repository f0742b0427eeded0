"""The write load: many members giving verdicts and helpful votes at once, on PostgreSQL.

It runs on a copy of the seeded database, so the seeded one stays valid for the next run.
Every request is one that must succeed: a verdict on an open case its member neither wrote
nor judged, a helpful vote on a verdict its member neither wrote nor voted on, each sent
once, with reasoning made of seeded texts (which pass the moderation checks) in a
combination the member has not used, as the spam check refuses the same text pasted again.
The rate limits are raised so the load measures the write path, not 429 pages.
"""

from __future__ import annotations

import itertools
import math
import random
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from benchmarks.content import REASONINGS
from benchmarks.load import LoadSettings, WrkResult, parse_wrk, wrk_output
from benchmarks.sessions import USER_AGENT, MemberSession, member_session
from caseboard import form_guard
from caseboard.extensions import db
from caseboard.models import Case, ContentStatus, HelpfulVote, Member, Verdict
from caseboard.models.base import utcnow
from caseboard.taxonomy import LABEL_CODES

SCRIPT = Path(__file__).resolve().parent / "writes.lua"
# Far above what anyone could send in a run, so no write is refused for its rate.
RAISED_LIMITS = {
    "CASEBOARD_VERDICT_RATE_LIMIT": "1000000 per minute",
    "CASEBOARD_VOTE_RATE_LIMIT": "1000000 per minute",
}
# More than two sync workers can write, so the prepared requests never run out.
PLANNED_PER_SECOND = 500
# Cases closing before the run ends (plus this) would refuse verdicts: they are left out.
CLOSING_MARGIN = timedelta(minutes=10)
_SENT = re.compile(r"^sent (\w+) (\d+)$", re.MULTILINE)
_STATUS = re.compile(r"^status (\d+) (\d+)$", re.MULTILINE)


@dataclass(frozen=True)
class WriteRequest:
    kind: str  # "verdict" or "vote"
    path: str
    member: MemberSession
    body: str


@dataclass
class Rows:
    """What the write load is expected to add."""

    verdicts: int
    held_verdicts: int
    votes: int


@dataclass
class WriteLoad:
    """One write run: wrk's figures, what was sent and answered, and what landed."""

    members: int
    seconds: int
    connections: int
    planned: int
    wrk: WrkResult
    sent: dict[str, int]
    statuses: dict[int, int]
    added: Rows
    consistency: dict[str, int] = field(default_factory=dict)
    worker_rss_mb: dict[int, float] = field(default_factory=dict)  # after the load
    limits: dict[str, str] = field(default_factory=lambda: dict(RAISED_LIMITS))

    @property
    def answered_ok(self) -> int:
        return sum(count for status, count in self.statuses.items() if 200 <= status < 400)

    def landing_problems(self) -> list[str]:
        """Why the rows do not match what was sent: each answered write must have landed,
        and nothing more than was sent (requests in flight at the stop may land unanswered)."""
        found = []
        if self.sent.get("repeated"):
            found.append(f"the plan ran out: {self.sent['repeated']} requests were repeats")
        landed = self.added.verdicts + self.added.votes
        if landed < self.answered_ok:
            found.append(f"{self.answered_ok} writes were answered OK but {landed} rows landed")
        for kind, added in (("verdict", self.added.verdicts), ("vote", self.added.votes)):
            if added > self.sent.get(kind, 0):
                found.append(f"{added} {kind} rows landed for {self.sent.get(kind, 0)} sent")
        return found


def guard(session: MemberSession) -> dict[str, str]:
    """The verdict form's guard as the member's browser sends it (caseboard/form_guard.py):
    shown an hour ago in their session, honeypot empty. Seeded members are months old: no
    proof of work is asked."""
    return {
        form_guard.HONEYPOT_FIELD: "",
        form_guard.RENDERED_FIELD: session.verdict_rendered,
    }


def reasonings() -> Iterator[str]:
    """Distinct reasonings made of the seeded ones: every pair, then every triple."""
    for size in (2, 3):
        for parts in itertools.permutations(REASONINGS, size):
            yield "\n\n".join(parts)


def plan_writes(app: Flask, members: int, seconds: int, seed: int = 2026) -> list[WriteRequest]:
    """Requests for `members` members, alternating verdicts and votes while a member has
    cases left to judge, interleaved so that each member's requests are spread over the run."""
    rng = random.Random(seed)
    per_member = math.ceil(PLANNED_PER_SECOND * seconds / members)
    with app.app_context():
        member_ids = list(db.session.scalars(select(Member.id).order_by(Member.id).limit(members)))
        open_until = utcnow() + timedelta(seconds=seconds) + CLOSING_MARGIN
        still_open = select(Case.id).where(
            Case.status == ContentStatus.PUBLISHED,
            Case.closed_at.is_(None),
            Case.locked_at.is_(None),
            Case.closes_at > open_until,
        )
        cases = db.session.execute(
            select(Case.id, Case.public_id, Case.author_id).where(Case.id.in_(still_open))
        ).all()
        verdicts = db.session.execute(
            select(Verdict.id, Verdict.public_id, Verdict.member_id, Verdict.case_id).where(
                Verdict.case_id.in_(still_open), Verdict.status == ContentStatus.PUBLISHED
            )
        ).all()
        judged = set(  # whatever their status: the one-verdict-per-member rule counts them all
            db.session.execute(
                select(Verdict.member_id, Verdict.case_id).where(
                    Verdict.member_id.in_(member_ids), Verdict.case_id.in_(still_open)
                )
            ).all()
        )
        voted = set(
            db.session.execute(
                select(HelpfulVote.member_id, HelpfulVote.verdict_id)
                .join(Verdict, Verdict.id == HelpfulVote.verdict_id)
                .where(HelpfulVote.member_id.in_(member_ids), Verdict.case_id.in_(still_open))
            ).all()
        )
    sessions = {member_id: member_session(app, member_id) for member_id in member_ids}
    queues = []
    for member_id in member_ids:
        session = sessions[member_id]
        to_judge = [
            case
            for case in cases
            if case.author_id != member_id and (member_id, case.id) not in judged
        ]
        to_vote = [
            verdict
            for verdict in verdicts
            if verdict.member_id != member_id and (member_id, verdict.id) not in voted
        ]
        rng.shuffle(to_judge)
        rng.shuffle(to_vote)
        texts = reasonings()
        verdict_requests = [
            WriteRequest(
                "verdict",
                f"/cases/{case.public_id}/verdicts",
                session,
                session.form(
                    label=rng.choice(LABEL_CODES), reasoning=next(texts), **guard(session)
                ),
            )
            for case in to_judge[: per_member // 2]
        ]
        vote_requests = [
            WriteRequest(
                "vote",
                f"/verdicts/{verdict.public_id}/vote",
                session,
                session.form(helpful="yes" if rng.random() < 0.7 else "no"),
            )
            for verdict in to_vote[: per_member - len(verdict_requests)]
        ]
        alternating = itertools.zip_longest(verdict_requests, vote_requests)
        queues.append([request for pair in alternating for request in pair if request])
    return [
        request
        for turn in itertools.zip_longest(*queues)
        for request in turn
        if request is not None
    ]


def write_request_files(requests: list[WriteRequest], threads: int, directory: Path) -> str:
    """One file per wrk thread, requests dealt out in turn; returns the files' prefix."""
    prefix = str(directory / "requests")
    for thread in range(threads):
        lines = [
            f"{r.kind}\t{r.path}\t{r.member.cookie}\t{r.body}\n" for r in requests[thread::threads]
        ]
        Path(f"{prefix}-{thread}.tsv").write_text("".join(lines))
    return prefix


def count_rows(engine: Engine) -> Rows:
    with engine.connect() as connection:
        return Rows(
            verdicts=connection.scalar(select(func.count()).select_from(Verdict)) or 0,
            held_verdicts=connection.scalar(
                select(func.count()).where(Verdict.status != ContentStatus.PUBLISHED)
            )
            or 0,
            votes=connection.scalar(select(func.count()).select_from(HelpfulVote)) or 0,
        )


def run_write_load(
    url: str, requests: list[WriteRequest], settings: LoadSettings
) -> tuple[WrkResult, dict[str, int], dict[int, int]]:
    """wrk with the Lua script: its figures, requests sent by kind, and answers by status."""
    with tempfile.TemporaryDirectory(prefix="cb-bench-writes-") as directory:
        prefix = write_request_files(requests, settings.threads, Path(directory))
        output = wrk_output(url, settings, script=SCRIPT, script_args=[prefix, USER_AGENT])
    return parse_wrk(output), *parse_script_output(output)


def parse_script_output(output: str) -> tuple[dict[str, int], dict[int, int]]:
    """writes.lua's lines, summed over wrk's threads: requests sent by kind (and repeats),
    answers by status."""
    sent: Counter[str] = Counter()
    for kind, count in _SENT.findall(output):
        sent[kind] += int(count)
    statuses: Counter[int] = Counter()
    for status, count in _STATUS.findall(output):
        statuses[int(status)] += int(count)
    return dict(sent), dict(sorted(statuses.items()))
