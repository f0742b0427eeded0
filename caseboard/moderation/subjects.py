"""What moderation acts on: a case, a verdict or a reply, seen through one small interface."""

from __future__ import annotations

from sqlalchemy import select

from caseboard.errors import NotFound
from caseboard.extensions import db
from caseboard.models import Case, ContentStatus, Reply, Verdict
from caseboard.models.base import is_public_id

Subject = Case | Verdict | Reply

MODELS: dict[str, type] = {"case": Case, "verdict": Verdict, "reply": Reply}

# The text a member wrote: form field name -> (model attribute, what a moderator sees it as).
# Findings name the form field, so the author's form and the moderator's page agree.
TEXT_FIELDS: dict[str, dict[str, tuple[str, str]]] = {
    "case": {
        "title": ("title", "Title"),
        "situation": ("situation_md", "What happened"),
        "why_wrong": ("why_wrong_md", "Why they might be in the wrong"),
        "help_wanted": ("help_wanted_md", "What help they want"),
    },
    "verdict": {"reasoning": ("reasoning_md", "Reasoning")},
    "reply": {"body": ("body_md", "Reply")},
}


def texts_of(subject: Subject) -> list[str]:
    """What its author wrote, field by field, in the order the checks read a submission's."""
    fields = TEXT_FIELDS[kind_of(subject)].values()
    return [getattr(subject, attribute) or "" for attribute, _ in fields]


def kind_of(subject: Subject) -> str:
    return {Case: "case", Verdict: "verdict", Reply: "reply"}[type(subject)]


def key_of(subject: Subject) -> str:
    """One string naming the subject, for uniqueness across the three tables."""
    return f"{kind_of(subject)}:{subject.id}"


def case_of(subject: Subject) -> Case:
    return subject if isinstance(subject, Case) else subject.case


def is_shown(subject: Subject) -> bool:
    """Whether readers see it: published, on a published case."""
    published = ContentStatus.PUBLISHED
    return subject.status == published and case_of(subject).status == published


def author_id(subject: Subject) -> int:
    return subject.author_id if isinstance(subject, Case) else subject.member_id


def columns(subject: Subject) -> dict[str, int]:
    """The foreign keys that point a queue item or a report at this subject."""
    if isinstance(subject, Case):
        return {"case_id": subject.id}
    if isinstance(subject, Verdict):
        return {"case_id": subject.case_id, "verdict_id": subject.id}
    return {"case_id": subject.case_id, "reply_id": subject.id}


def by_public_id(kind: str, public_id: str) -> Subject:
    model = MODELS.get(kind)
    subject = None
    if model is not None and is_public_id(public_id):
        subject = db.session.scalar(select(model).where(model.public_id == public_id))
    if subject is None:
        raise NotFound("There is nothing at this address. It may have been deleted.")
    return subject


def of_item(item) -> Subject | None:
    """The case, verdict or reply a queue item or report is about."""
    if item.reply_id is not None:
        return db.session.get(Reply, item.reply_id)
    if item.verdict_id is not None:
        return db.session.get(Verdict, item.verdict_id)
    return db.session.get(Case, item.case_id) if item.case_id is not None else None


def load_many(items) -> dict[str, Subject]:
    """The subjects of many queue items, by subject key, one query per kind."""
    ids: dict[str, set[int]] = {}
    for item in items:
        kind, _, row_id = item.subject_key.partition(":")
        ids.setdefault(kind, set()).add(int(row_id))
    loaded = {}
    for kind, row_ids in ids.items():
        model = MODELS[kind]
        for row in db.session.scalars(select(model).where(model.id.in_(row_ids))):
            loaded[f"{kind}:{row.id}"] = row
    return loaded


def describe(subject: Subject) -> str:
    """Plain words for a subject, for notices: "your case “Title”", "your verdict on ..."."""
    case = case_of(subject)
    if isinstance(subject, Case):
        return f"your case “{case.title}”"
    return f"your {kind_of(subject)} on the case “{case.title}”"
