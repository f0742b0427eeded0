"""The first-visit welcome: what Caseboard is, the five labels and the anonymity promise.

It shows until the reader dismisses it. Dismissing sets one long-lived preference cookie and
nothing else, so a reader without an account still gets no cookie until they ask for this
one. Whole pages cached for readers without an account differ by it, so their cache key
carries `dismissed()` (cases.routes._same_for_every_reader).
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, current_app, g, has_request_context, request

from caseboard.extensions import htmx

COOKIE = "caseboard_welcome"
DISMISSED = "dismissed"
KEEP_SECONDS = 365 * 24 * 3600  # a year: "long-lived", within what browsers keep


def dismissed() -> bool:
    """Whether this reader has hidden the welcome."""
    return request.cookies.get(COOKIE) == DISMISSED


def remember_dismissal(response: Response) -> Response:
    """Set the preference cookie: it says only "hidden", and scripts can't read it."""
    response.set_cookie(
        COOKIE,
        DISMISSED,
        max_age=KEEP_SECONDS,
        # Behind a proxy that ends TLS the request itself may look like http.
        secure=request.is_secure or bool(current_app.config["SESSION_COOKIE_SECURE"]),
        httponly=True,
        samesite="Lax",
    )
    return response


def back_here() -> str:
    """This page's address for the form to return to, with only the arguments the page is
    cached by (`g.page_args`, set by cases.routes._same_for_every_reader): a page cached for
    every reader must not carry one reader's stray ones."""
    args = g.get("page_args") or {}
    return request.path + (f"?{urlencode(args)}" if args else "")


def template_context() -> dict:
    """What base.html needs for the welcome; nothing for htmx fragments and for emails
    rendered by jobs."""
    if not has_request_context() or htmx:
        return {}
    if dismissed():
        return {"show_welcome": False}
    return {"show_welcome": True, "welcome_back": back_here()}
