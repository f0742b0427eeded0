"""Laying one member's own part over the HTML every member shares.

Parts of the case page are the same for every member (cases/_discussion.html), so they are
rendered once per change and cached. What differs between members is marked in that HTML:

- each verdict's and reply's actions (vote, report, edit) sit between markers that name the
  item, its counts and alias; the few items the member wrote or voted on are drawn again;
- "Your verdict" and the comment form are regions holding the blank forms every member
  gets; a member whose section differs has their own drawn in its place;
- the forms' CSRF token, and the comment form's one-time token, are markers. (The vote
  buttons belong to one form per page, outside what is shared: cases/_actions.html.)

The markers are HTML comments, which member content never holds (rendering.render_markdown
strips them, and titles are escaped), and none is left in what is sent.
"""

from __future__ import annotations

import re

from flask import current_app
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from caseboard.cases.queries import MyPart
from caseboard.idempotency import new_token

CSRF_MARKER = Markup("<!--cb:csrf-->")
SUBMISSION_MARKER = Markup("<!--cb:submission-->")
_ACTIONS = re.compile(
    r"<!--cb:actions:(verdict|reply):([\w-]+):(\d+):(\d+):([^<>]*?)-->(.*?)<!--cb:/actions-->",
    re.DOTALL,
)
_REGION = re.compile(r"<!--cb:region:([\w-]+)-->(.*?)<!--cb:/region-->", re.DOTALL)
# Every marker but the tokens': what is left to strip where nothing is redrawn.
_MARKERS = re.compile(r"<!--cb:(?:/?actions|/?region)[^<>]*-->")


def case_forms():
    """The case page's form macros (cases/_case_forms.html), to draw a member's own."""
    return current_app.jinja_env.get_template("cases/_case_forms.html").module


def lay_over(
    shared: str,
    mine: MyPart | None,
    *,
    verdict_editable: bool = False,
    regions: dict[str, str] | None = None,
) -> Markup:
    """The shared HTML as this member sees it (`mine`: their part; None for a reader, whose
    shared HTML has no markers). `verdict_editable`: their verdict can still be edited;
    `regions`: their own HTML for a region, where it differs from the shared one."""
    if mine is None:
        return Markup(shared)
    item_actions = current_app.jinja_env.get_template("cases/_actions.html").module.item_actions

    def actions(match: re.Match) -> str:
        kind, public_id, helpful, not_helpful, alias, shared_html = match.groups()
        key = (kind, public_id)
        written = mine.written.get(key)
        if written is not None:  # theirs: its counts as they are now, and its edit link
            return item_actions(
                kind, public_id, alias, *written, member=True, mine=True, editable=verdict_editable
            )
        if key in mine.votes:
            return item_actions(
                kind, public_id, alias, int(helpful), int(not_helpful), member=True,
                my_vote=mine.votes[key],
            )  # fmt: skip
        return shared_html

    html = str(shared)
    if mine.written or mine.votes:
        html = _ACTIONS.sub(actions, html)
    if regions:
        html = _REGION.sub(lambda match: regions.get(match[1]) or match[2], html)
    # Most members wrote and voted on little of a busy page: one pass strips what is left.
    html = _MARKERS.sub("", html)
    html = html.replace(CSRF_MARKER, generate_csrf())
    return Markup(html.replace(SUBMISSION_MARKER, new_token()))
