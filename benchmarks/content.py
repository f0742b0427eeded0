"""Template texts for seeded cases, verdicts, replies and highlight editions, each rendered to
HTML only once."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from caseboard.rendering import render_markdown

# A word in most seeded cases, so /search has thousands of matches to rank.
COMMON_WORD = "manager"

SITUATIONS = [
    "My manager asked me to review a teammate's design doc. I left **forty comments**, most of "
    "them small, and the teammate says I buried the two that mattered.\n\n"
    "I think every comment was fair. They think I was showing off for the manager.",
    "During an incident review I said the outage started with a config change that a colleague "
    "pushed. It was true, but I said it in front of the whole org and my manager winced.\n\n"
    "The review was supposed to be *blameless*.",
    "I was promoted to lead a team I used to be a peer on. One former peer keeps skipping our "
    "one-on-ones, so I told them it would go into their review.\n\n"
    "- They say I changed overnight.\n- My manager says I handled it fine.",
    "A product manager keeps adding scope after planning. This sprint I refused to take the new "
    "work and said it would wait for the next cycle.\n\nThe PM escalated to my manager, who sided "
    "with me, but now the PM copies my manager on every message.",
    "I interviewed a candidate who was clearly strong, but I voted *no hire* because they "
    "interrupted me twice. The rest of the panel voted yes and the hiring manager asked me to "
    "explain myself in writing.",
    "Our data pipeline broke on a Friday evening. I was not on call, saw the alert, and decided "
    "not to touch it. It stayed broken until Monday and a dashboard the CEO reads was wrong.",
    "A designer on my team presented my research as their own in a leadership review. I raised "
    "it with my manager privately instead of with the designer.\n\n"
    "> They said it was a shared effort.",
    "I told my skip-level manager that I am interviewing elsewhere, hoping for a counter-offer. "
    "My direct manager found out second-hand and is upset that I went around them.",
]

WHY_WRONG = [
    "I might be in the wrong because I did not talk to them first.",
    "Maybe I should have raised it privately instead of in front of everyone.",
    "I could have been kinder; being right is not the same as being helpful.",
    "I knew the manager would take my side, and I might have counted on that.",
    "I may have let a personal annoyance decide something that should have been about work.",
    "I broke an unwritten rule of the team, even if no written rule says so.",
]

HELP_WANTED = [
    "",
    "How do I repair things with them?",
    "Was this fair, and what should I say on Monday?",
    "Has anyone been in this spot? **How did it play out?**",
    "What would you do differently next time?",
]

REASONINGS = [
    "You had a fair point, but the way you made it left no room for them to save face. "
    "Next time, start with the two comments that matter.",
    "Nobody is in the wrong here. This is a **process** problem: nobody agreed how it should go.",
    "You did what the role asks of you. Their discomfort is not your fault.",
    "Everyone shares some of this. You escalated too fast, and they ignored two warnings.",
    "I'd need to know what your manager actually asked for before judging.",
    "Saying it in public turned a fix into a fight. Say it privately first, then in the review.",
    "This is normal friction when someone becomes a lead. Keep the one-on-ones, drop the threat.",
    "You protected your team's time, which is the job. Write down the agreement so it sticks.",
    "I have been on the other side of this. It stings, and a short apology would help a lot.",
    "Not in the wrong: the rule exists for a reason, and you followed it.",
]

REPLIES = [
    "Agreed, the private conversation should come first.",
    "I think this misses how the manager will read it.",
    "Same thing happened to me last year; an apology fixed most of it.",
    "OP said they had already tried that, see the second paragraph.",
    "Good point about writing the agreement down. That saved me more than once.",
    "I'd push back a little: *public* feedback is sometimes the only kind that lands.",
    "This is the most useful verdict here.",
    "Could you say more about what you would have said instead?",
]

# Moderators' takeaways on featured cases: what a reader should carry into their own work.
TAKEAWAYS = [
    "Being right about the content is only half of feedback. **Lead with the one or two points "
    "that change the outcome**, and offer the small ones separately, or not at all.",
    "Blameless reviews protect the *system* view. Name the change, not the person, and raise "
    "individual concerns privately before the meeting.",
    "A new lead's first weeks set the tone. Most commenters agreed that the one-on-ones were "
    "worth keeping, and that tying attendance to the review turned a habit into a threat.",
    "Scope creep is a process problem before it is a people problem. Write down what planning "
    "agreed, and point to it when new work arrives:\n\n"
    "- what was agreed,\n- what changed,\n- what moves out to make room.",
    "Hiring decisions need reasons the panel can weigh. *Interrupted me twice* may matter, but "
    "only when it is tied to what the role asks of the person.",
    "Not being on call is not the same as not caring. The verdicts split on whether to act, but "
    "agreed on one thing: **tell someone** who is on call, even if you do not fix it yourself.",
    "Credit disputes go better when the facts are written down early. Share your work with "
    "your name on it, and raise a misattribution with the person before their manager.",
    "Going around your manager saves a conversation and costs trust. Readers who had done it "
    "said the repair took months; the ones who told their manager first kept both options.",
]

# Questions a workshop can discuss, written as Markdown lists.
QUESTIONS = [
    "1. What would you have said in the first comment?\n"
    "2. Which of the forty comments would you have dropped, and why?",
    "- When is naming a person in a review useful, and when does it hurt?\n"
    "- How would you have raised the config change privately?",
    "1. What does a one-on-one give a new lead that a status meeting does not?\n"
    "2. How would you respond to *you changed overnight*?",
    "- Where does your team write down what planning agreed?\n"
    "- Who decides what moves out when new work comes in?",
    "1. Which behaviours in an interview are signals about the job, and which are noise?\n"
    "2. How would you explain a lone *no* to the rest of the panel?",
    "- What is the smallest useful thing to do when you see an alert you do not own?\n"
    "- Should the on-call rota cover dashboards leadership reads?",
    "1. How do you make your contribution visible without sounding defensive?\n"
    "2. What would you say to the designer, and when?",
    "- What do you owe your direct manager when you start looking elsewhere?\n"
    "- Is a counter-offer ever worth the trust it costs?",
]

EDITION_THEMES = [
    "feedback that lands",
    "credit and visibility",
    "new leads, old peers",
    "scope, priorities and saying no",
    "hiring panels",
    "on-call and incidents",
    "managing up",
    "hard conversations",
]

EDITION_INTROS = [
    "Five closed cases from this week, picked by the moderators because the **verdicts "
    "disagreed in useful ways**. Each one comes with a takeaway and questions for a team "
    "discussion.",
    "This week's cases all turn on *when* to speak up: in the meeting, after it, or not at "
    "all. Read the takeaways, then the full discussions.",
    "A week of cases about trust between peers and managers. Several posters came back with "
    "updates on how it played out; they are worth reading.",
    "",
]

ACTIONS = [
    "refusing",
    "questioning",
    "escalating",
    "ignoring",
    "rewriting",
    "reporting",
    "delaying",
    "challenging",
    "skipping",
    "taking over",
]
OBJECTS = [
    "my manager's plan",
    "a teammate's pull request",
    "the on-call handover",
    "a hiring decision",
    "the roadmap",
    "a colleague's promotion case",
    "the sprint scope",
    "an incident review",
    "a design review",
    "my report's estimate",
    "the team offsite",
    "a customer escalation",
]
QUALIFIERS = [
    "",
    " in front of the team",
    " on my last day",
    " without asking first",
    " after being told twice",
    " during my first month",
    " by email",
]


@dataclass(frozen=True)
class Text:
    """A Markdown source and its rendered, sanitized HTML, as the services would store them."""

    md: str
    html: str


def _rendered(sources: list[str]) -> list[Text]:
    return [Text(md, render_markdown(md) if md else "") for md in sources]


@cache
def pools() -> dict[str, list[Text]]:
    """Every template text rendered once; the seeder reuses these for every row."""
    return {
        "situation": _rendered(SITUATIONS),
        "why_wrong": _rendered(WHY_WRONG),
        "help_wanted": _rendered(HELP_WANTED),
        "reasoning": _rendered(REASONINGS),
        "reply": _rendered(REPLIES),
        "takeaway": _rendered(TAKEAWAYS),
        "questions": _rendered(QUESTIONS),
        "intro": _rendered(EDITION_INTROS),
    }


def case_title(rng: random.Random) -> str:
    """A varied, AITA-style title (titles are plain text, so they need no rendering)."""
    return f"AITA for {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}{rng.choice(QUALIFIERS)}?"


def edition_title(rng: random.Random) -> str:
    """An edition's title (plain text); a quarter keep the default, "Highlights of <week>"."""
    if rng.random() < 0.25:
        return ""
    return f"This week: {rng.choice(EDITION_THEMES)}"
