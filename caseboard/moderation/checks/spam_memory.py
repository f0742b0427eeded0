"""Remembered spam: a near-copy of text moderators removed as spam waits for a moderator.

One indexed query per post (moderation/spam_memory.py); short texts are never compared.
"""

from __future__ import annotations

from caseboard.moderation import spam_memory
from caseboard.moderation.pipeline import Finding, Severity, Submission


def check(submission: Submission) -> list[Finding]:
    if spam_memory.near_copy_of(list(submission.fields.values())) is None:
        return []
    if submission.kind == "update":  # an update cannot wait for a moderator: it is refused
        message = (
            "It is very like text that moderators removed as spam, so it can't be added as "
            "an update. Write about how your case played out."
        )
    else:
        message = (
            "It is very like text that moderators removed as spam, so a moderator will read "
            "it before it is shown."
        )
    return [
        Finding(check="spam_memory", severity=Severity.HOLD, kind="spam_memory", message=message)
    ]
