"""Demo content: members, and the dilemmas in dilemmas.json with their discussion."""

from __future__ import annotations

import json
import random
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select, update

from caseboard.accounts.services import register
from caseboard.cases import services
from caseboard.cases.counts import recount_case
from caseboard.extensions import db
from caseboard.lifecycle import close_expired_windows
from caseboard.models import Case, Member
from caseboard.models.base import utcnow

DEMO_MEMBER_COUNT = 16
DEMO_PASSWORD = "demo-password-2026"
DILEMMAS = Path(__file__).with_name("dilemmas.json")


def demo_username(index: int) -> str:
    return f"demo-member-{index:02d}"


def seed_demo() -> int:
    """Create the demo members and cases unless they exist; returns how many cases it added."""
    if db.session.scalar(select(Member).where(Member.username == demo_username(1))):
        return 0
    shared = Member()
    shared.set_password(DEMO_PASSWORD)
    members = [
        register(
            demo_username(i),
            DEMO_PASSWORD,
            f"{demo_username(i)}@example.org",
            password_hash=shared.password_hash,
        )
        for i in range(1, DEMO_MEMBER_COUNT + 1)
    ]
    dilemmas = json.loads(DILEMMAS.read_text(encoding="utf-8"))
    rng = random.Random(2026)
    now = utcnow()
    # The services commit after each step; reloading every object after each is needless here.
    session = db.session()
    session.expire_on_commit = False
    try:
        for index, dilemma in enumerate(dilemmas):
            _seed_case(index, dilemma, members, rng, now)
    finally:
        session.expire_on_commit = True
    close_expired_windows()  # the older demo cases get their outcomes straight away
    return len(dilemmas)


def _seed_case(index: int, dilemma: dict, members: list[Member], rng: random.Random, now) -> None:
    author = members[index % len(members)]
    case = services.post_case(
        author,
        services.CaseDraft(
            title=dilemma["title"],
            situation=dilemma["situation"],
            why_wrong=dilemma["why_wrong"],
            help_wanted=dilemma.get("help_wanted", ""),
            discipline=dilemma["discipline"],
            level=dilemma["level"],
            topic=dilemma["topic"],
            support_kind=dilemma["support_kind"],
        ),
        moderate=False,  # written for the project: nothing to hold
    )
    others = [member for member in members if member.id != author.id]
    rng.shuffle(others)
    judges = iter(others)
    written = []
    for verdict_data in dilemma["verdicts"]:
        judge = next(judges)
        verdict = services.give_verdict(
            case, judge, verdict_data["label"], verdict_data["reasoning"], moderate=False
        )
        written.append((verdict, judge))
        for reply_data in verdict_data.get("replies", []):
            _seed_reply(case, reply_data, author, judge, others, rng, verdict=verdict)
    for reply_data in dilemma.get("case_replies", []):
        _seed_reply(case, reply_data, author, None, others, rng)
    for verdict, judge in written:
        voters = [m for m in members if m.id != judge.id]
        for voter in rng.sample(voters, rng.randint(0, 6)):
            services.vote_helpful(voter, verdict, rng.random() < 0.85)
    for body in dilemma.get("updates", []):
        services.add_update(case, author, body, moderate=False)
    _backdate(case.id, now - timedelta(hours=2 + index * 9))


def _seed_reply(case, data, author, verdict_author, others, rng, *, verdict=None, parent=None):
    by = data.get("by", "other")
    if by == "op":
        member = author
    elif by == "verdict_author" and verdict_author is not None:
        member = verdict_author
    else:
        member = rng.choice(others)
    reply = services.add_reply(
        case, member, data["body"], verdict=verdict, parent=parent, moderate=False
    )
    for child in data.get("replies", []):
        _seed_reply(case, child, author, verdict_author, others, rng, verdict=verdict, parent=reply)


def _backdate(case_id: int, published_at) -> None:
    """Spread the demo cases over past weeks, so lists, windows and ages look lived in."""
    case = db.session.get(Case, case_id)
    window = case.closes_at - case.published_at
    db.session.execute(
        update(Case)
        .where(Case.id == case_id)
        .values(created_at=published_at, published_at=published_at, closes_at=published_at + window)
    )
    recount_case(case_id)
    db.session.commit()
    services.drop_cached_pages(case_id)
