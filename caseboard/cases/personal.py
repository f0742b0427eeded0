"""Laying one member's own part over the HTML every member shares.

Parts of the case page are the same for every member (cases/_discussion.html), so they are
rendered once per change and cached. What differs between members is marked in that HTML:

- each verdict's and reply's actions (vote, report, edit) sit between markers that name the
  item, its counts and alias; the few items the member wrote or voted on are drawn again;
- "Your verdict" and the comment form are regions holding the blank forms every member
  gets; a member whose section differs has their own drawn in its place;
- the forms' CSRF token, and the comment form's one-time token, are markers. (The vote
  buttons belong to one form per page, outside what is shared: cases/_actions.html.)
- so is each form's guard (macros.html form_guard): its render time is this request's, and
  only a new member's forms carry the proof of work.

The markers are HTML comments, which member content never holds (rendering.render_markdown
strips them, and titles are escaped), and none is left in what is sent.
"""

from __future__ import annotations

import re

from flask import current_app
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from caseboard.cases.queries import MyPart
from caseboard.form_guard import FORMS
from caseboard.idempotency import new_token

CSRF_MARKER = Markup("<!--cb:csrf-->")
SUBMISSION_MARKER = Markup("<!--cb:submission-->")
_ACTIONS_START, _ACTIONS_END = "<!--cb:actions:", "<!--cb:/actions-->"


def guard_marker(form: str) -> Markup:
    """Where a form's guard goes in HTML every member shares (macros.html form_guard)."""
    return Markup(f"<!--cb:guard:{form}-->")


_GUARDS = {form: guard_marker(form) for form in FORMS}
_REGION = re.compile(r"<!--cb:region:([\w-]+)-->(.*?)<!--cb:/region-->", re.DOTALL)
# Every marker but the tokens': stripped once the member's own parts are drawn.
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
    html = str(shared)
    if mine.written or mine.votes:
        html = _redraw_actions(html, mine, verdict_editable)
    if regions:
        html = _REGION.sub(lambda match: regions.get(match[1]) or match[2], html)
    html = _MARKERS.sub("", html)
    html = html.replace(CSRF_MARKER, generate_csrf())
    html = _draw_guards(html)
    return Markup(html.replace(SUBMISSION_MARKER, new_token()))


def _draw_guards(html: str) -> str:
    """Each form guard's marker replaced with the guard drawn for this member, now."""
    for form, marker in _GUARDS.items():
        if marker in html:
            macros = current_app.jinja_env.get_template("macros.html").module
            html = html.replace(marker, str(macros.form_guard(form)))
    return html


def _redraw_actions(html: str, mine: MyPart, editable: bool) -> str:
    """`html` with the actions of each item the member wrote or voted on drawn for them.
    Found with str.find: they are a few among many, and a regular expression over every
    item's actions cost a busy page a third of a millisecond."""
    item_actions = current_app.jinja_env.get_template("cases/_actions.html").module.item_actions
    found: list[tuple[int, int, str]] = []
    for kind, public_id in {*mine.written, *mine.votes}:
        marker_start = f"{_ACTIONS_START}{kind}:{public_id}:"
        start = html.find(marker_start)
        while start != -1:
            header_end = html.index("-->", start)
            end = html.index(_ACTIONS_END, header_end) + len(_ACTIONS_END)
            # kind:id:helpful:not_helpful:alias
            helpful, not_helpful, alias = html[start + len(marker_start) : header_end].split(":", 2)
            written = mine.written.get((kind, public_id))
            if written is not None:  # theirs: its counts as they are now, and its edit link
                drawn = item_actions(
                    kind, public_id, alias, *written, member=True, mine=True, editable=editable
                )
            else:
                drawn = item_actions(
                    kind, public_id, alias, int(helpful), int(not_helpful), member=True,
                    my_vote=mine.votes[kind, public_id],
                )  # fmt: skip
            found.append((start, end, str(drawn)))
            start = html.find(marker_start, end)
    pieces, position = [], 0
    for start, end, drawn in sorted(found):
        pieces += [html[position:start], drawn]
        position = end
    return "".join([*pieces, html[position:]])
