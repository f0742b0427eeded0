"""Rows for the seeded database, as plain dicts whose stored counts agree with the rows."""

from __future__ import annotations

import base64
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from benchmarks.content import case_title, edition_title, pools
from caseboard.aggregation import case_engagement, hot_score, summarize, wilson_lower_bound
from caseboard.curation import weeks
from caseboard.models.cases import label_count_column
from caseboard.taxonomy import DISCIPLINES, LABEL_CODES, LEVELS, SUPPORT_KINDS, TOPICS

WINDOW = timedelta(hours=72)  # the app's default CASE_WINDOW_HOURS
# Verdict label weights (YTA, NTA, ESH, NAH, INFO): cases lean one way, or split.
LABEL_PROFILES = [
    (10, 60, 10, 12, 8),
    (55, 15, 15, 8, 7),
    (35, 35, 15, 10, 5),
    (10, 20, 30, 35, 5),
]


@dataclass(frozen=True)
class Shape:
    """How much discussion one case gets."""

    verdicts: int
    replies: int
    case_reply_share: float = 0.15  # replies on the case itself rather than under a verdict
    nested_share: float = 0.3  # replies answering another reply
    deleted_share: float = 0.02
    verdict_votes: float = 2.5  # mean helpful votes per verdict
    reply_votes: float = 0.8
    replies_follow_votes: bool = False  # helpful verdicts draw more replies


@dataclass
class CaseRows:
    """One case and everything said about it, ready for bulk inserts."""

    case: dict
    verdicts: list[dict] = field(default_factory=list)
    replies: list[dict] = field(default_factory=list)
    votes: list[dict] = field(default_factory=list)


@dataclass
class EditionRows:
    """One published highlight edition and its featured cases, ready for bulk inserts."""

    edition: dict
    highlights: list[dict] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The edition's address, as in /highlights/2026-W47."""
        return weeks.week_key(self.edition["iso_year"], self.edition["iso_week"])


class RowFactory:
    """Makes rows with explicit ids, so bulk inserts need no RETURNING round trips."""

    def __init__(self, rng: random.Random, member_count: int, now: datetime):
        self.rng = rng
        self.member_count = member_count
        self.now = now
        self.texts = pools()
        self.next_id = {"verdict": 1, "reply": 1, "vote": 1, "edition": 1, "highlight": 1}

    def members(self, password_hash: str) -> list[dict]:
        """The member pool; every member shares one precomputed scrypt hash."""
        start = self.now - timedelta(days=120)
        return [
            {
                "id": number,
                "username": f"bench-member-{number:05d}",
                "email": f"bench-member-{number:05d}@example.org",
                "password_hash": password_hash,
                "role": "member",
                "created_at": start + timedelta(minutes=number),
                "deleted_at": None,
            }
            for number in range(1, self.member_count + 1)
        ]

    def case(self, case_id: int, published_at: datetime, shape: Shape) -> CaseRows:
        """A published case with its verdicts, replies and helpful votes, counts filled in."""
        rng, texts = self.rng, self.texts
        author_id = rng.randint(1, self.member_count)
        help_wanted = rng.choice(texts["help_wanted"])
        situation, why_wrong = rng.choice(texts["situation"]), rng.choice(texts["why_wrong"])
        case = {
            "id": case_id,
            "public_id": base64.urlsafe_b64encode(rng.randbytes(8)).decode().rstrip("="),
            "author_id": author_id,
            "title": case_title(rng),
            "situation_md": situation.md,
            "situation_html": situation.html,
            "why_wrong_md": why_wrong.md,
            "why_wrong_html": why_wrong.html,
            "help_wanted_md": help_wanted.md,
            "help_wanted_html": help_wanted.html,
            "discipline": rng.choice(list(DISCIPLINES)),
            "level": rng.choice(list(LEVELS)),
            "topic": rng.choice(list(TOPICS)),
            "support_kind": rng.choice(list(SUPPORT_KINDS)),
            "status": "published",
            "created_at": published_at - timedelta(seconds=rng.randint(1, 600)),
            "published_at": published_at,
            "closes_at": published_at + WINDOW,
        }
        rows = CaseRows(case)
        self._verdicts(rows, shape)
        self._replies(rows, shape)
        self._count(rows)
        return rows

    def edition(self, year: int, week: int, case_ids: list[int]) -> EditionRows:
        """A published edition of an ISO week featuring `case_ids` in that order, published
        the Monday after the week (never later than now), each case with its takeaway."""
        rng, texts = self.rng, self.texts
        _, week_end = weeks.bounds(year, week)
        published_at = min(week_end + timedelta(hours=9), self.now)
        started = week_end - timedelta(days=rng.uniform(2, 5))
        intro = rng.choice(texts["intro"])
        rows = EditionRows(
            {
                "id": self._take("edition"),
                "iso_year": year,
                "iso_week": week,
                "title": edition_title(rng),
                "intro_md": intro.md,
                "intro_html": intro.html,
                "status": "published",
                "publish_at": None,
                "published_at": published_at,
                "created_at": started,
                "updated_at": published_at,
                "version": 1 + rng.randint(0, 4),  # the optimistic lock counts the saves
            }
        )
        for position, case_id in enumerate(case_ids, start=1):
            takeaway, questions = rng.choice(texts["takeaway"]), rng.choice(texts["questions"])
            added = self._between(started, published_at - timedelta(hours=1))
            rows.highlights.append(
                {
                    "id": self._take("highlight"),
                    "edition_id": rows.edition["id"],
                    "case_id": case_id,
                    "position": position,
                    "takeaway_md": takeaway.md,
                    "takeaway_html": takeaway.html,
                    "questions_md": questions.md,
                    "questions_html": questions.html,
                    "added_at": added,
                    "updated_at": self._between(added, published_at),
                    "version": 1 + rng.randint(0, 2),
                }
            )
        return rows

    def _verdicts(self, rows: CaseRows, shape: Shape) -> None:
        rng, case = self.rng, rows.case
        window_end = min(case["closes_at"], self.now)
        judges = self._members(shape.verdicts, exclude=case["author_id"])
        labels = rng.choices(LABEL_CODES, weights=rng.choice(LABEL_PROFILES), k=len(judges))
        for member_id, label in zip(judges, labels, strict=True):
            reasoning = rng.choice(self.texts["reasoning"])
            created = self._between(case["published_at"], window_end)
            verdict = {
                "id": self._take("verdict"),
                "case_id": case["id"],
                "member_id": member_id,
                "label": label,
                "reasoning_md": reasoning.md,
                "reasoning_html": reasoning.html,
                "created_at": created,
                "updated_at": self._between(created, window_end) if rng.random() < 0.05 else None,
                "reply_count": 0,
            }
            self._vote(rows, verdict, "verdict_id", shape.verdict_votes)
            verdict["best_score"] = wilson_lower_bound(
                verdict["helpful_count"], verdict["not_helpful_count"]
            )
            rows.verdicts.append(verdict)

    def _replies(self, rows: CaseRows, shape: Shape) -> None:
        rng, case = self.rng, rows.case
        weights = [
            1 + verdict["helpful_count"] * shape.replies_follow_votes for verdict in rows.verdicts
        ]
        for _ in range(shape.replies):
            parent = None
            live = [reply for reply in rows.replies if reply["deleted_at"] is None]
            if live and rng.random() < shape.nested_share:
                parent = rng.choice(live)  # nobody can answer a deleted reply
                verdict_id, after = parent["verdict_id"], parent["created_at"]
            elif rows.verdicts and rng.random() >= shape.case_reply_share:
                verdict = rng.choices(rows.verdicts, weights=weights)[0]
                verdict_id, after = verdict["id"], verdict["created_at"]
            else:
                verdict_id, after = None, case["published_at"]
            body = rng.choice(self.texts["reply"])
            deleted = rng.random() < shape.deleted_share
            created = self._between(after, min(after + timedelta(days=2), self.now))
            reply = {
                "id": self._take("reply"),
                "case_id": case["id"],
                "verdict_id": verdict_id,
                "parent_id": parent["id"] if parent else None,
                "member_id": rng.randint(1, self.member_count),
                "body_md": "" if deleted else body.md,
                "body_html": "" if deleted else body.html,
                "created_at": created,
                "updated_at": None,
                "deleted_at": self._between(created, self.now) if deleted else None,
            }
            self._vote(rows, reply, "reply_id", 0 if deleted else shape.reply_votes)
            rows.replies.append(reply)

    def _vote(self, rows: CaseRows, target: dict, column: str, mean: float) -> None:
        """Helpful votes on one verdict or reply, never by its writer, one per member."""
        rng = self.rng
        count = int(rng.expovariate(1 / mean)) if mean else 0
        voters = self._members(min(count, 100), exclude=target["member_id"])
        share = rng.uniform(0.4, 0.95)
        helpful = [rng.random() < share for _ in voters]
        for member_id, is_helpful in zip(voters, helpful, strict=True):
            rows.votes.append(
                {
                    "id": self._take("vote"),
                    "member_id": member_id,
                    "case_id": target["case_id"],
                    "verdict_id": target["id"] if column == "verdict_id" else None,
                    "reply_id": target["id"] if column == "reply_id" else None,
                    "helpful": is_helpful,
                    "created_at": self._between(target["created_at"], self.now),
                }
            )
        target["helpful_count"] = sum(helpful)
        target["not_helpful_count"] = len(helpful) - sum(helpful)

    def _count(self, rows: CaseRows) -> None:
        """Stored counts as the services keep them: live replies only, per verdict and case."""
        live = [reply for reply in rows.replies if reply["deleted_at"] is None]
        per_verdict: dict[int, int] = {}
        for reply in live:
            if reply["verdict_id"] is not None:
                per_verdict[reply["verdict_id"]] = per_verdict.get(reply["verdict_id"], 0) + 1
        for verdict in rows.verdicts:
            verdict["reply_count"] = per_verdict.get(verdict["id"], 0)
        case = rows.case
        for code in LABEL_CODES:
            case[label_count_column(code)] = sum(v["label"] == code for v in rows.verdicts)
        case["verdict_count"] = len(rows.verdicts)
        case["reply_count"] = len(live)
        case["hot_score"] = hot_score(
            case_engagement(case["verdict_count"], case["reply_count"]), case["published_at"]
        )
        tally = {code: case[label_count_column(code)] for code in LABEL_CODES}
        outcome = summarize(tally)
        case["divisiveness"] = outcome.divisiveness
        # Cases past their window are closed, with the outcome the closing job would store.
        closed = case["closes_at"] <= self.now
        case["closed_at"] = case["closes_at"] if closed else None
        case["outcome_state"] = outcome.state if closed else None
        case["outcome_label"] = outcome.leading if closed else None
        case["outcome_confidence"] = outcome.confidence if closed else None

    def _members(self, count: int, *, exclude: int) -> list[int]:
        picked = self.rng.sample(range(1, self.member_count + 1), min(count + 1, self.member_count))
        return [member for member in picked if member != exclude][:count]

    def _between(self, start: datetime, end: datetime) -> datetime:
        span = max((end - start).total_seconds(), 1.0)
        return start + timedelta(seconds=self.rng.uniform(0, span))

    def _take(self, kind: str) -> int:
        value = self.next_id[kind]
        self.next_id[kind] += 1
        return value
