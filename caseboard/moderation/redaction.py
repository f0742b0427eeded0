"""The anonymization assistant's side of a form: show what may identify someone, and
replace one finding (or all) with a placeholder in one click."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from caseboard.moderation.pii import PLACEHOLDERS, find_pii, redact

REDACT_ALL = "all"
_BUTTON = re.compile(r"(?P<field>[a-z_]{1,20}):(?P<start>[0-9]{1,6}):(?P<end>[0-9]{1,6})")
# Longer than any form field allows: such text is refused by the form anyway, and scanning
# it first would let one request spend seconds of CPU.
MAX_SCANNED = 25_000


@dataclass(frozen=True)
class FieldCheck:
    """One form field with what the assistant found in it."""

    name: str
    label: str
    text: str
    findings: list

    def segments(self) -> list[tuple[str, object | None]]:
        return highlight(self.text, self.findings)

    def placeholder(self, finding) -> str:
        return PLACEHOLDERS.get(finding.kind, "[removed]")


def highlight(text: str, spans: Sequence) -> list[tuple[str, object | None]]:
    """Split text into (segment, span-or-None) pairs so a template can <mark> the spans.
    Spans that overlap an earlier one, or fall outside the text, are skipped."""
    pieces: list[tuple[str, object | None]] = []
    position = 0
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.start is None or span.start < position or span.end > len(text):
            continue
        if span.start > position:
            pieces.append((text[position : span.start], None))
        pieces.append((text[span.start : span.end], span))
        position = span.end
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces


def check_fields(texts: dict[str, str], labels: dict[str, str]) -> list[FieldCheck]:
    """The fields in which the assistant found something, in form order."""
    checks = []
    for name, text in texts.items():
        findings = _scan(text)
        if findings:
            checks.append(FieldCheck(name, labels.get(name, name), text, findings))
    return checks


def apply_choice(texts: dict[str, str], choice: str) -> tuple[dict[str, str], str]:
    """Apply a "Replace" button: `field:start:end` for one finding, or "all".

    Findings are recomputed from the text as submitted, so a stale or forged button
    changes nothing. Returns the new texts and a sentence saying what changed.
    """
    result = dict(texts)
    if choice == REDACT_ALL:
        replaced = 0
        for name, text in texts.items():
            findings = _scan(text)
            replaced += len(findings)
            result[name] = redact(text, findings)
        return result, f"Replaced {replaced} item{'s' if replaced != 1 else ''} with placeholders."
    button = _BUTTON.fullmatch(choice)
    if button is None or button["field"] not in texts:
        return result, "Nothing was replaced: that suggestion no longer matches your text."
    name, start, end = button["field"], int(button["start"]), int(button["end"])
    for finding in _scan(texts[name]):
        if (finding.start, finding.end) == (start, end):
            result[name] = redact(texts[name], [finding])
            placeholder = PLACEHOLDERS.get(finding.kind, "[removed]")
            return result, f"Replaced “{finding.text}” with {placeholder}."
    return result, "Nothing was replaced: that suggestion no longer matches your text."


def _scan(text: str | None) -> list:
    if not text or len(text) > MAX_SCANNED:
        return []
    return find_pii(text)


def spans_in(findings: Iterable, field: str) -> list:
    """The findings of one field that point at a span of it."""
    return [f for f in findings if f.field == field and f.start is not None]
