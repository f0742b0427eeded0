"""Form signals: a post whose form looked sent by a script waits for a moderator.

The signals come from caseboard/form_guard.py. None of them is sure (a screen-reader user
may reach the honeypot; a browser without JavaScript sends no proof of work), so a post is
never refused or dropped for them: a moderator reads it, and its author is told why.
"""

from __future__ import annotations

from caseboard import form_guard
from caseboard.moderation.pipeline import Finding, Severity, Submission

MESSAGES = {
    form_guard.HONEYPOT: (
        "It is held for a moderator because a field people never see, and are asked to leave "
        "empty, was filled in."
    ),
    form_guard.TOO_FAST: (
        "It is held for a moderator because the form was sent faster than people usually type."
    ),
    form_guard.NO_RENDER_TIME: (
        "It is held for a moderator because the form did not carry the time Caseboard showed "
        "it at (it may have been sent from a copy of the page)."
    ),
    form_guard.NO_PROOF_OF_WORK: (
        "It is held for a moderator because your browser did not run the small check new "
        "members' posts carry (it needs JavaScript). A moderator usually reads it within a day."
    ),
    form_guard.UNFINISHED_PROOF_OF_WORK: (
        "It is held for a moderator because the small check your browser works out in the "
        "background did not finish (Caseboard may have been busy, or the connection dropped). "
        "A moderator usually reads it within a day."
    ),
}


def check(submission: Submission) -> list[Finding]:
    return [
        Finding(
            check="form_signals",
            severity=Severity.HOLD,
            kind=signal,
            message=MESSAGES[signal],
        )
        for signal in dict.fromkeys(submission.signals)
    ]
