"""The fixed vocabularies of Caseboard: verdict labels and a case's context.

Codes are stored in the database and appear in URLs; display words are what people read.
Keep the codes stable: the labels match research data sets such as Scruples.
"""

from __future__ import annotations

from wtforms.fields.choices import SelectChoice

# Verdict labels: code -> (short display words, longer explanation).
LABELS: dict[str, tuple[str, str]] = {
    "YTA": ("You're in the wrong", "The poster is the one in the wrong here."),
    "NTA": ("Not in the wrong", "The poster is not the one in the wrong."),
    "ESH": ("Everyone shares the blame", "Everyone involved shares some of the blame."),
    "NAH": ("No one is in the wrong", "Nobody here is in the wrong; it is a hard situation."),
    "INFO": ("Not enough information", "More information is needed before judging."),
}
LABEL_CODES: tuple[str, ...] = tuple(LABELS)

DISCIPLINES: dict[str, str] = {
    "engineering": "Engineering",
    "product": "Product management",
    "design": "Design",
    "engineering-management": "Engineering management",
    "data": "Data",
}

LEVELS: dict[str, str] = {
    "early-career": "Early career",
    "mid-level": "Mid-level",
    "senior": "Senior",
    "first-time-manager": "First-time manager",
    "manager": "Experienced manager",
    "director": "Director and above",
}

TOPICS: dict[str, str] = {
    "feedback": "Giving and receiving feedback",
    "conflict": "Conflict with a colleague",
    "credit": "Credit and ownership",
    "priorities": "Scope and priorities",
    "performance": "Performance and underperformance",
    "hiring": "Hiring and interviewing",
    "promotion": "Promotion and career growth",
    "incidents": "On-call and incidents",
    "communication": "Meetings and communication",
    "boundaries": "Workload and boundaries",
    "ethics": "Ethics and honesty",
    "leaving": "Leaving a job",
}

SUPPORT_KINDS: dict[str, str] = {
    "how-to": "How-to: tell me how to handle it",
    "stories": "Stories: how did this play out for you?",
    "specific-help": "Specific help: I'm stuck on one thing",
}

# The list filters a reader can apply, by query-string name.
FILTERS: dict[str, dict[str, str]] = {
    "discipline": DISCIPLINES,
    "level": LEVELS,
    "topic": TOPICS,
    "support": SUPPORT_KINDS,
}


# What each filter is called on the forms that offer it.
# The author's answer, after the close, to "did the crowd's advice help?".
ADVICE_HELPED: dict[str, str] = {
    "helped": "It helped",
    "partly": "It partly helped",
    "didnt_help": "It didn't help",
}

FILTER_LABELS: dict[str, str] = {
    "discipline": "Discipline",
    "level": "Level",
    "topic": "Topic",
    "support": "Support wanted",
}


def choices(vocabulary: dict[str, str]) -> list[SelectChoice]:
    """WTForms select choices for one vocabulary, in its defined order."""
    return [SelectChoice(code, words) for code, words in vocabulary.items()]
