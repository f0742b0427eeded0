"""Identifying information: names, employers and contact details (the anonymization assistant)."""

from __future__ import annotations

from caseboard.moderation.pii import find_pii
from caseboard.moderation.pipeline import Finding, Severity, Submission

WHAT = {
    "email": "an email address",
    "phone": "a phone number",
    "url": "a link",
    "handle": "a social media handle",
    "person": "a person's name",
    "organization": "an employer's or client's name",
}


def check(submission: Submission) -> list[Finding]:
    return [
        Finding(
            check="identifying",
            severity=Severity.HOLD,
            message=(
                f"“{found.text}” looks like {WHAT.get(found.kind, 'identifying information')}. "
                "Replace it with a placeholder, or a moderator will read it before it is shown."
            ),
            kind=found.kind,
            field=name,
            start=found.start,
            end=found.end,
            text=found.text,
        )
        for name, text in submission.fields.items()
        for found in find_pii(text)
    ]
