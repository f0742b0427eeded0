"""What counts as a link, once for every check that limits links: checks/spam.py holds a
post with many, checks/trust.py refuses any from new members.

The anonymization assistant's finder (pii/contacts.find_urls) finds addresses with a scheme
and without one (example.com/path, bit.ly/abc) while leaving "Node.js" or "e.g." alone; a
plain pattern adds the short `http://` or `www.` addresses it leaves (www.x.y).
"""

from __future__ import annotations

import re

from caseboard.moderation.pii.contacts import find_urls

LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\"’”"  # punctuation after a link, not part of it


def find_links(text: str) -> list[str]:
    """Every link in the text, in order of appearance, repeats included."""
    spans = [(f.start, f.end, f.text) for f in find_urls(text)]
    spans += [
        (m.start(), m.end(), m.group().rstrip(_TRAILING))
        for m in LINK.finditer(text)
        if not any(start <= m.start() < end for start, end, _ in spans)
    ]
    return [link for _, _, link in sorted(spans)]


def links_in(fields: dict[str, str]) -> list[str]:
    """Every distinct link in the fields, in order of appearance."""
    return list(dict.fromkeys(link for text in fields.values() for link in find_links(text)))
