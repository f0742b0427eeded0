"""What the detector returns: `Finding`s, how overlapping ones are settled, and redaction.

When two findings overlap, the kind earlier in `KIND_PRIORITY` wins (email > url > handle >
phone > organization > person); between findings of the same kind the longer span wins, then
the earlier one. `resolve_overlaps` returns them sorted by start and never overlapping.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

KIND_PRIORITY = ("email", "url", "handle", "phone", "organization", "person")

PLACEHOLDERS: dict[str, str] = {
    "person": "[name]",
    "organization": "[company]",
    "email": "[email]",
    "phone": "[phone]",
    "url": "[link]",
    "handle": "[handle]",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected span: `text == source[start:end]`, end exclusive."""

    kind: str
    start: int
    end: int
    text: str


def resolve_overlaps(candidates: list[Finding]) -> list[Finding]:
    """Keep the best of overlapping findings (see the module docstring), in text order.

    Kept spans never overlap, so their starts and ends are sorted alike and one bisection
    finds the only neighbours a new span could overlap: O(n log n) for any number of findings.
    """
    rank = {kind: index for index, kind in enumerate(KIND_PRIORITY)}
    ordered = sorted(candidates, key=lambda f: (rank[f.kind], f.start - f.end, f.start))
    starts: list[int] = []
    taken: list[Finding] = []
    for finding in ordered:
        position = bisect.bisect_left(starts, finding.start)
        if position > 0 and taken[position - 1].end > finding.start:
            continue
        if position < len(taken) and taken[position].start < finding.end:
            continue
        starts.insert(position, finding.start)
        taken.insert(position, finding)
    return taken


def redact(text: str, findings: Iterable[Finding]) -> str:
    """Replace each finding's span with its placeholder.

    Findings whose span no longer holds their text (the text was edited since) are skipped;
    of overlapping findings the outer, earlier one is kept. Replacements are applied from the
    end so the remaining offsets stay valid.
    """
    usable = sorted(
        (
            f
            for f in findings
            if 0 <= f.start < f.end <= len(text) and text[f.start : f.end] == f.text
        ),
        key=lambda f: (f.start, -f.end),
    )
    kept: list[Finding] = []
    for finding in usable:
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    for finding in reversed(kept):
        placeholder = PLACEHOLDERS.get(finding.kind, "[removed]")
        text = text[: finding.start] + placeholder + text[finding.end :]
    return text
