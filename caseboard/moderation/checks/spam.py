"""Spam signals: many links, the same words over and over, or the same text pasted again."""

from __future__ import annotations

import re
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from caseboard.extensions import db
from caseboard.models import Reply, Verdict
from caseboard.models.base import utcnow
from caseboard.moderation.links import find_links
from caseboard.moderation.pipeline import Finding, Severity, Submission

_WORDS = re.compile(r"\w+")


def check(submission: Submission) -> list[Finding]:
    text = "\n".join(submission.fields.values())
    findings = []
    links = sum(len(find_links(field)) for field in submission.fields.values())
    if links > current_app.config["SPAM_MAX_LINKS"]:
        findings.append(
            Finding(
                check="spam",
                severity=Severity.HOLD,
                kind="links",
                message=(
                    f"It has {links} links. Caseboard is for discussing the case itself, so a "
                    "moderator reads posts with many links before they are shown."
                ),
            )
        )
    if _repetitive(text):
        findings.append(
            Finding(
                check="spam",
                severity=Severity.REFUSE,
                kind="repetition",
                message=(
                    "Most of it repeats the same few words. Write it out in your own words and "
                    "send it again."
                ),
            )
        )
    if submission.kind in ("verdict", "reply") and _pasted_again(submission):
        findings.append(
            Finding(
                check="spam",
                severity=Severity.REFUSE,
                kind="pasted",
                message=(
                    "You have posted this same text several times today. Write something "
                    "specific to this case."
                ),
            )
        )
    return findings


def _repetitive(text: str) -> bool:
    """Long text in which a handful of distinct words make up nearly everything."""
    words = [w.lower() for w in _WORDS.findall(text)]
    if len(words) < 30:
        return False
    return len(set(words)) / len(words) < 0.15


def _pasted_again(submission: Submission) -> bool:
    """The member's same text, word for word, already posted on several cases today."""
    body = next(iter(submission.fields.values()), "").strip()
    if len(body) < 20:  # "Agreed, thanks!" can honestly be said many times
        return False
    since = utcnow() - timedelta(days=1)
    model, column = (
        (Verdict, Verdict.reasoning_md) if submission.kind == "verdict" else (Reply, Reply.body_md)
    )
    query = select(func.count()).where(
        model.member_id == submission.author_id, column == body, model.created_at >= since
    )
    if submission.editing_id is not None:
        query = query.where(model.id != submission.editing_id)
    return (db.session.scalar(query) or 0) >= current_app.config["SPAM_MAX_REPEATS"]
