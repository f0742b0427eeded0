"""Trust levels (accounts/trust.py) in the pipeline: new and limited members can't post
links, and a limited member's cases, verdicts and replies wait for a moderator.

Links are found the way the anonymization assistant finds them (addresses without a
scheme too: example.com/path, bit.ly/abc) plus the spam check's pattern for whatever that
leaves (a short `www.` address). The refusal names the links once; the identifying check's
"looks like a link" note stays the assistant's, for the highlight.
"""

from __future__ import annotations

from flask import current_app

from caseboard.accounts.trust import LIMITED_EFFECT, LIMITED_WHY, TrustLevel, current_level
from caseboard.extensions import db
from caseboard.models import Member
from caseboard.moderation.checks.spam import LINK
from caseboard.moderation.pii.contacts import find_urls
from caseboard.moderation.pipeline import Finding, Severity, Submission

# An update can't wait for a moderator (cases/services.add_update refuses what would hold
# it), and it sits under the author's own case, which a moderator has already let through:
# only the link rule applies to it.
HELD_KINDS = ("case", "verdict", "reply")
SHOWN_LINKS = 3  # a refusal quotes this many of the links it found
_TRAILING = ".,;:!?)]}'\"’”"  # punctuation after a link, not part of it


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
                message=_limited_message(member),
            )
        )
    return findings


def links_in(fields: dict[str, str]) -> list[str]:
    """Every distinct link in the fields, in order of appearance."""
    found: dict[str, None] = {}
    for text in fields.values():
        spans = [(f.start, f.end, f.text) for f in find_urls(text)]
        spans += [
            (m.start(), m.end(), m.group().rstrip(_TRAILING))
            for m in LINK.finditer(text)
            if not any(start <= m.start() < end for start, end, _ in spans)
        ]
        for _, _, link in sorted(spans):
            found.setdefault(link, None)
    return list(found)


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


def _limited_message(member: Member) -> str:
    """What the author and the moderator read: why an account started limited, in the one
    wording its member meets everywhere; a limit from upheld reports is not spelt out (it
    would tell a moderator which member's posts were taken down: the account page does)."""
    why = LIMITED_WHY.get(member.limited_reason or "")
    if why:
        return f"Your account is limited for now. {why} {LIMITED_EFFECT}"
    return (
        "Your account is limited for now, so a moderator reads what you post before it is "
        "shown; this usually takes less than a day. Your account page says why, and when "
        "it lapses."
    )
