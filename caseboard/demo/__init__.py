"""Demo content: members, and the dilemmas in dilemmas.json with their discussion.

Each dilemma's hand-written verdicts come first. The older cases, whose windows have closed,
then get generated verdicts (reasoning from reasoning.json) up to 5-40 in all, with labels
drawn so that the outcome lands where CLOSED_PLAN says: most decided or leaning, a few split,
two with too few verdicts. A few closed cases get their author's follow-up (FOLLOW_UPS).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from flask import current_app
from sqlalchemy import select, update

from caseboard.accounts.services import register
from caseboard.aggregation import LABEL_ORDER, OutcomeState, summarize
from caseboard.cases import services
from caseboard.cases.counts import recount_case
from caseboard.curation import editions, weeks
from caseboard.extensions import db
from caseboard.follow_ups import answer_follow_up
from caseboard.following.services import follow
from caseboard.lifecycle import close_expired_windows
from caseboard.models import Case, ContentStatus, Edition, Member, Role, Verdict
from caseboard.models.base import utcnow
from caseboard.moderation import reports
from caseboard.notifications import triggers
from caseboard.priors import latest_prior
from caseboard.rendering import render_markdown

DEMO_MEMBER_COUNT = 60  # enough judges for a busy case's 40 verdicts
DEMO_PASSWORD = "demo-password-2026"
DILEMMAS = Path(__file__).with_name("dilemmas.json")
REASONING = Path(__file__).with_name("reasoning.json")
# Case i is published 2 + 9 i hours ago; from OLD_FROM on, OLD_SPACING_DAYS apart from 35 days
# ago, so the oldest closed more than a month ago and their follow-up questions are due.
CASE_SPACING_HOURS = 9
OLD_FROM, OLD_START_DAYS, OLD_SPACING_DAYS = 30, 35, 4

_D, _L, _S, _F = (
    OutcomeState.DECIDED,
    OutcomeState.LEANING,
    OutcomeState.SPLIT,
    OutcomeState.TOO_FEW,
)
# How each closed demo case ends, by its position in dilemmas.json: (state, the crowd's
# label, or None for the hand-written verdicts' most common). Too-few cases keep only
# their first two hand-written verdicts and are old enough for their one extension to have
# passed too. Cases not listed (the recent, open ones) keep only the hand-written verdicts.
CLOSED_PLAN: dict[int, tuple[str, str | None]] = {
    9: (_D, "NTA"),
    10: (_L, "ESH"),  # highlighted last week
    11: (_S, None),  # highlighted last week: "peers split"
    12: (_L, "NTA"),
    13: (_D, "NTA"),
    14: (_D, "NTA"),
    15: (_L, "NTA"),
    16: (_D, "NTA"),
    17: (_L, "YTA"),
    18: (_D, "NAH"),
    19: (_D, "YTA"),  # highlighted last week
    20: (_S, None),
    21: (_D, "NTA"),
    22: (_D, "NTA"),
    23: (_D, "NTA"),
    24: (_F, None),
    25: (_D, "YTA"),
    26: (_L, "YTA"),
    27: (_S, None),
    28: (_D, "NTA"),
    29: (_L, "NTA"),
    30: (_L, "NTA"),
    31: (_D, "NTA"),
    32: (_D, "NTA"),
    33: (_F, None),
    34: (_L, "NTA"),
    35: (_S, None),
    36: (_D, "NTA"),
    37: (_L, "YTA"),
    38: (_D, "NTA"),
    39: (_L, "NTA"),
    40: (_L, "NTA"),
    41: (_L, "NTA"),
    42: (_D, "NTA"),
}
TOO_FEW_WRITTEN = 2  # hand-written verdicts a too-few case keeps
# The newest case past its first window, with only its hand-written verdicts: extended, still
# open, and first on "Needs verdicts".
EXTENDED_OPEN = 8
MIN_CLOSED_VERDICTS, MAX_CLOSED_VERDICTS = 5, 40

# The author's answer to "how did it play out, and did the advice help?", by position.
FOLLOW_UPS: dict[int, tuple[str, str]] = {
    11: (  # featured last week: the library's "has a follow-up" filter finds it
        "helped",
        "I put the standup and refinement back and asked the team which of the others they "
        "would miss. We dropped two for good and halved the length of a third. The two people "
        "who rely on refinement told me it was the first time a manager had asked them. The "
        "advice to change things with the team, not to them, was exactly right.",
    ),
    13: (
        "partly",
        "I offered to be a reference for his people skills only and said so up front. He "
        "accepted, grudgingly. The hiring manager called and asked about delivery anyway, "
        "and I kept to dates and scope like our policy says. He got the job. We are polite "
        "but not really in touch, which is probably fair.",
    ),
    16: (
        "helped",
        "I said no to slotting it in quietly and offered the first two days of next sprint "
        "instead, in writing, with the EM copied. The PM took that to sales and the prospect "
        "was fine with the date. The scheduler fix shipped and we have had no incidents "
        "from it since. The PM and I are okay.",
    ),
    22: (
        "partly",
        "I wrote the follow-up myself: the known issue, who it affects, the workaround and the "
        "planned fix date. Sales were unhappy with me for a week. The customer renewed, but "
        "for one year instead of three, and asked for monthly updates on the fix, which I "
        "now send.",
    ),
    29: (
        "helped",
        "I asked him for a coffee, apologised for not leaving a clearer note, and did not "
        "apologise for the revert. We agreed on a rule for the team: shared config changes "
        "do not merge on Fridays, and anyone can revert a broken one if they post in the "
        "team channel first. He suggested the second half.",
    ),
    32: (
        "didnt_help",
        "I kept the rating and delivered it with examples, as most people here advised. She "
        "was blindsided anyway, because my earlier hints had been too gentle to register. "
        "She moved to another team a month later. I do not think the advice was wrong, but "
        "it came too late to help me this cycle.",
    ),
    42: (
        "didnt_help",
        "I tried to leave on good terms: a handover document and an offer to train whoever "
        "came next. My manager did not take me up on it and the last two weeks were frosty. "
        "The new job is great, though, and nobody has asked about the four months.",
    ),
}


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
    reasoning = json.loads(REASONING.read_text(encoding="utf-8"))
    rng = random.Random(2026)
    now = utcnow()
    # Members who wrote the oldest demo case joined before it: their trust level
    # (accounts/trust.py) reads their account's age, and a person trying the demo as one of
    # them should meet what an established member can do.
    for member in members:
        member.created_at = now - _age(len(dilemmas))
    db.session.commit()
    # The services commit after each step; reloading every object after each is needless here.
    session = db.session()
    session.expire_on_commit = False
    try:
        for index, dilemma in enumerate(dilemmas):
            _seed_case(index, dilemma, members, rng, now, reasoning)
    finally:
        session.expire_on_commit = True
    close_expired_windows()  # the older demo cases get their outcomes straight away
    _backdate_old_closings(now)
    _seed_follows(dilemmas, members)
    _seed_follow_ups(dilemmas, members)
    moderator = _seed_moderation(members, shared.password_hash)
    _seed_curation(moderator, now)
    return len(dilemmas)


def _age(index: int) -> timedelta:
    """How long ago dilemma `index` was published: a busy recent stretch, then older ones."""
    if index < OLD_FROM:
        return timedelta(hours=2 + index * CASE_SPACING_HOURS)
    return timedelta(days=OLD_START_DAYS + OLD_SPACING_DAYS * (index - OLD_FROM))


def _seed_case(
    index: int, dilemma: dict, members: list[Member], rng: random.Random, now, reasoning: dict
) -> None:
    author = members[index % len(members)]
    published_at = now - _age(index)
    window = timedelta(hours=current_app.config["CASE_WINDOW_HOURS"])
    plan = CLOSED_PLAN.get(index) if published_at + window <= now else None
    written_verdicts = dilemma["verdicts"]
    if plan is not None and plan[0] == OutcomeState.TOO_FEW:
        written_verdicts = written_verdicts[:TOO_FEW_WRITTEN]
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
    for verdict_data in written_verdicts:
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
    if plan is not None and plan[0] != OutcomeState.TOO_FEW:
        labels = [verdict_data["label"] for verdict_data in written_verdicts]
        _add_generated_verdicts(case, judges, _generated_labels(labels, *plan, rng), reasoning, rng)
    for body in dilemma.get("updates", []):
        services.add_update(case, author, body, moderate=False)
    too_few = plan is not None and plan[0] == OutcomeState.TOO_FEW
    _backdate(case.id, published_at, extended=too_few or index == EXTENDED_OPEN)


def _add_generated_verdicts(case, judges, labels: list[str], reasoning: dict, rng) -> None:
    """Write the generated verdicts straight to the table in one commit, after the
    hand-written ones: thirty-odd give_verdict calls per case would slow the seed down, and
    _backdate's recount counts them."""
    used: set[str] = set()
    for label in labels:
        text = _generated_reasoning(label, reasoning, rng, used)
        db.session.add(
            Verdict(
                case_id=case.id,
                member_id=next(judges).id,
                label=label,
                reasoning_md=text,
                reasoning_html=_rendered(text),
                status=ContentStatus.PUBLISHED,
            )
        )
    db.session.commit()


@lru_cache(maxsize=512)
def _rendered(text: str) -> str:
    return render_markdown(text)


def _generated_labels(
    written: list[str], state: str, lead: str | None, rng: random.Random
) -> list[str]:
    """Labels for a closed case's generated verdicts, after the hand-written `written`,
    drawn so that the outcome is `state` (with `lead` as the crowd's label when decided or
    leaning); 5-40 verdicts in all."""
    counts = Counter(written)
    lead = lead or max(written, key=lambda label: (counts[label], -written.index(label)))
    others = sorted(
        (label for label in LABEL_ORDER if label != lead),
        key=lambda label: (-counts[label], LABEL_ORDER.index(label)),
    )
    lead_weight, second_weight = {
        OutcomeState.DECIDED: (0.8, 0.08),
        OutcomeState.LEANING: (0.46, 0.3),
        OutcomeState.SPLIT: (0.4, 0.4),
    }[state]
    weights = [lead_weight, second_weight] + [(1 - lead_weight - second_weight) / 3] * 3
    labels = [lead, *others]
    if state == OutcomeState.SPLIT:
        total = rng.randint(6, 16)
    elif rng.random() < 0.25:
        total = rng.randint(25, MAX_CLOSED_VERDICTS)  # a busy case
    else:
        total = rng.randint(8, 22)
    prior = latest_prior()
    weights_of_prior = prior.weights if prior is not None else None
    total = max(total, len(written), MIN_CLOSED_VERDICTS)
    for attempt in range(2000):
        # A case that will not settle where planned tries again with more verdicts when it
        # should be decided (more evidence), fewer otherwise.
        step = attempt // 200 * (3 if state == OutcomeState.DECIDED else -3)
        size = min(max(total + step, len(written), MIN_CLOSED_VERDICTS), MAX_CLOSED_VERDICTS)
        extra = rng.choices(labels, weights, k=size - len(written))
        tally = counts + Counter(extra)
        outcome = summarize({label: tally[label] for label in LABEL_ORDER}, weights_of_prior)
        if outcome.state == state and (state == OutcomeState.SPLIT or outcome.leading == lead):
            return extra
    raise RuntimeError(f"no {state} outcome for a demo case with verdicts {written}")


def _generated_reasoning(label: str, reasoning: dict, rng: random.Random, used: set[str]) -> str:
    """A short reasoning for a generated verdict: an opening for the label, sometimes with a
    closing piece of advice; not one already `used` on the case, while there are others."""
    for _ in range(20):
        text = rng.choice(reasoning[label])
        if rng.random() < 0.5:
            text = f"{text} {rng.choice(reasoning['closing'])}"
        if text not in used:
            break
    used.add(text)
    return text


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


def _backdate(case_id: int, published_at, *, extended: bool = False) -> None:
    """Spread the demo cases over past weeks, so lists, windows and ages look lived in.

    `extended`: the case reached its close with too few verdicts and was extended once, as
    the window sweep does (its author told while the extension runs); an old case's
    extension has passed too, so it closes as it is.
    """
    case = db.session.get(Case, case_id)
    window = case.closes_at - case.published_at
    values = {
        "created_at": published_at,
        "published_at": published_at,
        "closes_at": published_at + window,
    }
    extension = timedelta(hours=current_app.config["CASE_EXTENSION_HOURS"])
    if extended:
        values.update(
            extended_at=published_at + window, closes_at=published_at + window + extension
        )
    db.session.execute(update(Case).where(Case.id == case_id).values(**values))
    if extended and values["closes_at"] > utcnow():
        triggers.window_extended(case, values["closes_at"])
    recount_case(case_id)
    db.session.commit()
    services.drop_cached_pages(case_id)


def _backdate_old_closings(now) -> None:
    """The older stretch of cases closed when their windows ended, weeks ago (the recent ones
    keep today's closing, so they are this week's highlight candidates)."""
    db.session.execute(
        update(Case)
        .where(
            Case.closed_at.is_not(None),
            Case.published_at <= now - timedelta(days=OLD_START_DAYS),
        )
        .values(closed_at=Case.closes_at)
    )
    db.session.commit()


# Cases (by position) that the first FOLLOWING_MEMBERS demo members follow besides their
# own: open, open on its extension, and closed ones whose authors then say how it played out
# (so their followers have a notice about it).
DEMO_FOLLOWS = (1, 4, EXTENDED_OPEN, 11, 16, 22)
FOLLOWING_MEMBERS = 5


def _seed_follows(dilemmas: list[dict], members: list[Member]) -> None:
    """A few demo members follow others' cases, so "My activity" has something to show."""
    titles = [dilemmas[index]["title"] for index in DEMO_FOLLOWS if index < len(dilemmas)]
    cases = db.session.scalars(select(Case).where(Case.title.in_(titles))).all()
    for member in members[:FOLLOWING_MEMBERS]:
        for case in cases:
            if case.author_id != member.id:
                follow(member, case)


def _seed_follow_ups(dilemmas: list[dict], members: list[Member]) -> None:
    """The authors of a few closed cases say how it played out and whether the advice
    helped, one way or another."""
    for index, (advice_helped, body) in FOLLOW_UPS.items():
        case = db.session.scalar(select(Case).where(Case.title == dilemmas[index]["title"]))
        if case is None or case.closed_at is None:
            continue
        answer_follow_up(case, members[index % len(members)], body, advice_helped)


def _seed_moderation(members: list[Member], password_hash: str) -> None:
    """A demo moderator, one case held for identifying details and one reported verdict."""
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
