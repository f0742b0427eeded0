"""Trust levels (accounts/trust.py) in the pipeline: new and limited members can't post
links, and a limited member's cases, verdicts and replies wait for a moderator.

Links are what moderation/links.py calls one, as for the spam check's count (addresses
without a scheme too: example.com/path, bit.ly/abc). The refusal names the links once; the
identifying check's "looks like a link" note stays the assistant's, for the highlight.
"""

from __future__ import annotations

from flask import current_app

from caseboard.accounts.trust import TrustLevel, current_level
from caseboard.extensions import db
from caseboard.models import Member
from caseboard.moderation.links import links_in
from caseboard.moderation.pipeline import Finding, Severity, Submission

# An update can't wait for a moderator (cases/services.add_update refuses what would hold
# it), and it sits under the author's own case, which a moderator has already let through:
# only the link rule applies to it.
HELD_KINDS = ("case", "verdict", "reply")
SHOWN_LINKS = 3  # a refusal quotes this many of the links it found

# Moderators read this on the item, and the author on their waiting post: it never says why
# the account is limited (reports upheld against it would narrow down who wrote it); the
# author's account page says why, to the author alone.
LIMITED_MESSAGE = (
    "Posts from a limited account are read by a moderator before they are shown; this "
    "usually takes less than a day. The author's own account page says why the account is "
    "limited and what lifts the limit."
)


def check(submission: Submission) -> list[Finding]:
    member = db.session.get(Member, submission.author_id)
    if member is None:
        return []
    level = current_level(member)
    if level == TrustLevel.TRUSTED:
        return []
    findings = []
    links = links_in(submission.fields)
    if links:
        findings.append(
            Finding(
                check="trust",
                severity=Severity.REFUSE,
                kind="links",
                message=_links_message(level, links),
                text=links[0],
            )
        )
    if level == TrustLevel.LIMITED and submission.kind in HELD_KINDS:
        findings.append(
            Finding(
                check="trust",
                severity=Severity.HOLD,
                kind="limited",
                message=LIMITED_MESSAGE,
            )
        )
    return findings


def _links_message(level: TrustLevel, links: list[str]) -> str:
    quoted = ", ".join(f"“{link}”" for link in links[:SHOWN_LINKS])
    more = f" and {len(links) - SHOWN_LINKS} more" if len(links) > SHOWN_LINKS else ""
    config = current_app.config
    if level == TrustLevel.NEW:
        who = "New members can't post links yet"
        lifted = (
            f" Once your account is {config['TRUST_MIN_DAYS']} days old and "
            f"{config['TRUST_MIN_HELPFUL']} of your verdicts were marked helpful by others, "
            "you can."
        )
    else:
        who = "While your account is limited, you can't post links"
        lifted = " Your account page says why it is limited and what lifts it."
    return (
        f"{who}, and this has {'a link' if len(links) == 1 else 'links'}: {quoted}{more}. "
        "Write the site's or the document's name without its address (say “the Python "
        f"documentation” rather than docs.python.org), and send it again.{lifted}"
    )
