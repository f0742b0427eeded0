"""View helpers the blueprints share: who may open a page, and the pages cached for readers."""

from __future__ import annotations

from functools import wraps

from flask import abort, g, request
from flask_login import current_user, login_required

from caseboard import cache, welcome
from caseboard.cases import list_entries
from caseboard.web import page_number


def role_required(allowed, refusal: str):
    """A view only members with a role may open (moderators, or admins)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not allowed(current_user):
                abort(403, refusal)
            return view(*args, **kwargs)

        return wrapped

    return decorator


moderator_required = role_required(lambda m: m.is_moderator, "This page is for moderators.")
admin_required = role_required(lambda m: m.is_admin, "This page is for admins.")


def same_for_every_reader(scope: str, parts: tuple, render, *, args: dict | None = None) -> str:
    """A page that every reader without an account sees alike is rendered once per change
    (once with the welcome note and once without, for readers who hid it).

    `args` are the page's normalized query arguments, among what `parts` keys it by: the
    only ones a link back to it may carry (the welcome's return address), since one
    reader's stray arguments would otherwise be cached for every reader.
    """
    g.page_args = {name: value for name, value in (args or {}).items() if value}
    if not cache.same_for_every_reader():
        return render()
    key = ("page", request.endpoint, welcome.dismissed(), *parts)
    return cache.cached_fragment(scope, key, render)


def with_page(args: dict) -> dict:
    """A page's arguments with its page number, when past the first."""
    return dict(args, page=page_number()) if page_number() > 1 else dict(args)


def shared_body(parts: tuple, render_body) -> str:
    """A list page's content as every reader and member sees it, rendered once per change
    and cached; the member's own marks go in after the cache, never into it."""
    body = cache.cached_fragment(cache.LISTS, ("body", request.endpoint, *parts), render_body)
    return list_entries.with_judged_marks(body)
