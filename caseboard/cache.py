"""Rendered fragments kept in Redis and dropped on writes, so hot pages skip SQL and Jinja.

Every key carries a generation number; a write that changes what lists show bumps the
generation (one INCR), which orphans every cached list at once, and the orphans expire on
their own. When Redis is unreachable, pages are rendered from the database as if nothing
were cached: a cache outage slows Caseboard down but never breaks it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Callable

import redis
from flask import current_app, request, session

from caseboard import welcome
from caseboard.extensions import htmx, redis_connection

log = logging.getLogger(__name__)

LISTS = "lists"  # the home, new, top and search lists: they change with every case and verdict


def case_scope(case_id: int) -> str:
    """The scope of one case's pages: dropped by every write to that case."""
    return f"case:{case_id}"


def _prefix() -> str:
    return current_app.config["CACHE_KEY_PREFIX"]


# Reads the scope's generation and the fragment of that generation in one round trip: a
# cached page then costs a single Redis call. Keys: the generation; arguments: the fragment
# key around its generation.
_READ = """
local generation = redis.call('GET', KEYS[1]) or '0'
return {generation, redis.call('GET', ARGV[1] .. generation .. ARGV[2])}
"""


def _read_script():
    """The read script on the app's Redis client (it runs by hash once Redis knows it)."""
    script = current_app.extensions.get("caseboard.cache_read")
    if script is None:
        script = redis_connection.client.register_script(_READ)
        current_app.extensions["caseboard.cache_read"] = script
    return script


def cached_fragment(scope: str, parts: tuple, render: Callable[[], str]) -> str:
    """The cached HTML for (scope, parts), rendered and stored on a miss."""
    if not current_app.config["FRAGMENT_CACHE_SECONDS"]:
        return render()
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    before, after = f"{_prefix()}frag:{scope}:", f":{digest}"
    try:
        generation, html = _read_script()(keys=[f"{_prefix()}gen:{scope}"], args=[before, after])
        if html is not None:
            return html.decode()
    except redis.RedisError:
        log.warning("fragment cache unavailable; rendering from the database")
        return render()
    key = f"{before}{generation.decode()}{after}"
    html = render()
    with contextlib.suppress(redis.RedisError):  # serving the page matters more than caching it
        redis_connection.client.set(
            key, html.encode(), ex=current_app.config["FRAGMENT_CACHE_SECONDS"]
        )
    return html


def invalidate(scope: str) -> None:
    """Drop every cached fragment of a scope (called after a write commits)."""
    try:
        redis_connection.client.incr(f"{_prefix()}gen:{scope}")
    except redis.RedisError:
        # The fragments still expire within FRAGMENT_CACHE_SECONDS.
        log.warning("fragment cache unavailable; could not invalidate %s", scope)


def drop_cached_pages(case_id: int, *, lists: bool = True) -> None:
    """Drop the cached pages a committed write made stale: the case's, and the lists'."""
    invalidate(case_scope(case_id))
    if lists:
        invalidate(LISTS)


def same_for_every_reader() -> bool:
    """Whether this request gets the page every reader without an account sees: no member
    is logged in and no message waits to be shown. Told from the session alone (Flask-Login
    keeps the member's id there): loading the member waits until a page knows what else
    to read with them (web.read_with_login)."""
    return not (session.get("_user_id") or session.get("_flashes"))


# Reader pages each worker keeps in its own memory, newest last, at most this many.
BRIEF_PAGES = 128


def kept_briefly(view: Callable) -> Callable:
    """Let each worker answer a reader's page from its own memory for READER_PAGE_SECONDS.

    A cached reader page still costs a Redis round trip, most of a reader request's time.
    Readers without an account have written nothing they could miss, so a page up to a second
    old is as good as a fresh one; members (and readers with a message to show) never get one.
    """

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        seconds = current_app.config["READER_PAGE_SECONDS"]
        if not seconds or htmx or not same_for_every_reader():
            return view(*args, **kwargs)
        pages = current_app.extensions.setdefault("caseboard.brief_pages", OrderedDict())
        key = (request.full_path, welcome.dismissed())
        now = time.monotonic()
        kept = pages.get(key)
        if kept is not None and kept[0] > now:
            return kept[1]
        page = view(*args, **kwargs)
        if isinstance(page, str):  # a page, not a redirect or an error
            pages[key] = (now + seconds, page)
            pages.move_to_end(key)
            while len(pages) > BRIEF_PAGES:
                pages.popitem(last=False)
        return page

    return wrapper
