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


DEMO_MODERATOR = "demo-moderator"

# A case that names people and an employer, posted through the checks: the demo queue's
# first item, so a moderator (and the anonymization assistant) has something to show.
HELD_CASE = services.CaseDraft(
    title="AITA for telling HR that my manager runs a side business on company time?",
    situation=(
        "My manager Priya Raman spends most Fridays on her own consulting clients. She asked me "
        "to cover her 1:1s and said nobody at Northwind Traders needs to know. Last week a "
        "client emailed her work address, priya.raman@northwind.example, and I was copied by "
        "mistake."
    ),
    why_wrong=(
        "She has always backed me in reviews, and going to HR might end her career over "
        "something our director may already know about."
    ),
    help_wanted="Was it right to go to HR, or should I have talked to her first?",
    discipline="engineering",
    level="mid-level",
    topic="ethics",
    support_kind="specific-help",
)


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
    moderator = _seed_moderation(members, shared.password_hash)
    _seed_curation(moderator, now)
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


def _seed_moderation(members: list[Member], password_hash: str) -> None:
    """A demo moderator, one case held for identifying details and one reported verdict."""
    from caseboard.models import ContentStatus, Role, Verdict
    from caseboard.moderation import reports

    moderator = register(
        DEMO_MODERATOR, DEMO_PASSWORD, f"{DEMO_MODERATOR}@example.org", password_hash=password_hash
    )
    moderator.role = Role.MODERATOR
    db.session.commit()
    services.post_case(members[3], HELD_CASE)
    verdict = db.session.scalars(
        select(Verdict)
        .join(Case)
        .where(Case.closed_at.is_(None), Verdict.status == ContentStatus.PUBLISHED)
        .order_by(Verdict.id)
    ).first()
    if verdict is not None:
        reporter = next(
            m for m in members if m.id not in (verdict.member_id, verdict.case.author_id)
        )
        reports.report(reporter, verdict, "unkind", "The last sentence reads as a dig at OP.")
    return moderator


# Last week's demo edition: (case title, takeaway, discussion questions), in order.
DEMO_HIGHLIGHTS = [
    (
        "AITA for cancelling every recurring meeting on my team in my second month as a manager?",
        "Clearing a calendar is a fine instinct; doing it to a team rather than with it is the "
        "lesson. Peers split because the goal was right and the method skipped the two people "
        "whose work depended on refinement. **Before removing a ritual, ask who relies on it "
        "and what it quietly does for them.**",
        "- Which of your team's meetings would be missed first, and by whom?\n"
        "- How would you run the same experiment with the team's agreement?",
    ),
    (
        "AITA for staying silent in the postmortem for the migration I ran that caused an outage?",
        "Owning a mistake in chat to one person is not the same as owning it in the room. The "
        "update shows the repair: write down what you checked and what you did not know, so the "
        "fix lands in the process instead of on a person. **Blameless does not mean silent.**",
        "- What makes it hard to speak in a postmortem with directors present?\n"
        "- What would you want a junior engineer on your team to do here?",
    ),
    (
        "AITA for telling my manager I'll start interviewing if I'm not promoted this cycle?",
        "Saying where you stand is fair; saying it three weeks before calibration puts the work "
        "on your manager at the worst moment. What moved the room was documented impact, not "
        "the warning. **Raise career concerns early, and arm your manager with evidence.**",
        "- When is the right time to tell a manager you might leave?\n"
        "- What evidence would your manager need to make your case?",
    ),
]


def _seed_curation(moderator: Member, now) -> None:
    """Last week's highlight edition, published, so the highlights and the library have
    something to show; this week's closed cases stay as candidates for the demo moderator."""
    from caseboard.curation import editions, weeks
    from caseboard.models import Edition

    year, week = weeks.shift(*weeks.week_of(now), -1)
    edition = editions.start_edition(moderator, year, week)
    edition.title = "Speaking up, stepping back"
    db.session.commit()
    for title, takeaway, questions in DEMO_HIGHLIGHTS:
        case = db.session.scalar(select(Case).where(Case.title == title))
        if case is None or case.closed_at is None:
            continue
        highlight = editions.add_case(edition, moderator, case)
        editions.update_highlight(
            highlight, moderator, takeaway=takeaway, questions=questions, version=highlight.version
        )
    db.session.refresh(edition)
    if editions.problems(edition):
        return
    editions.publish(edition, moderator, previewed=editions.fingerprint(edition))
    friday = weeks.bounds(year, week)[0] + timedelta(days=4, hours=16)
    db.session.execute(update(Edition).where(Edition.id == edition.id).values(published_at=friday))
    db.session.commit()
