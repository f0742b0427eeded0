"""Rendered fragments kept in Redis and dropped on writes, so hot pages skip SQL and Jinja.

Every key carries a generation number; a write that changes what lists show bumps the
generation (one INCR), which orphans every cached list at once, and the orphans expire on
their own. When Redis is unreachable, pages are rendered from the database as if nothing
were cached: a cache outage slows Caseboard down but never breaks it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Callable

import redis
from flask import current_app

from caseboard.extensions import redis_connection

log = logging.getLogger(__name__)

LISTS = "lists"  # the home, new, top and search lists: they change with every case and verdict


def case_scope(case_id: int) -> str:
    """The scope of one case's pages: dropped by every write to that case."""
    return f"case:{case_id}"


def _prefix() -> str:
    return current_app.config["CACHE_KEY_PREFIX"]


def cached_fragment(scope: str, parts: tuple, render: Callable[[], str]) -> str:
    """The cached HTML for (scope, parts), rendered and stored on a miss."""
    if not current_app.config["FRAGMENT_CACHE_SECONDS"]:
        return render()
    client = redis_connection.client
    try:
        generation = int(client.get(f"{_prefix()}gen:{scope}") or 0)
        digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
        key = f"{_prefix()}frag:{scope}:{generation}:{digest}"
        html = client.get(key)
        if html is not None:
            return html.decode()
    except redis.RedisError:
        log.warning("fragment cache unavailable; rendering from the database")
        return render()
    html = render()
    with contextlib.suppress(redis.RedisError):  # serving the page matters more than caching it
        client.set(key, html.encode(), ex=current_app.config["FRAGMENT_CACHE_SECONDS"])
    return html


def invalidate(scope: str) -> None:
    """Drop every cached fragment of a scope (called after a write commits)."""
    try:
        redis_connection.client.incr(f"{_prefix()}gen:{scope}")
    except redis.RedisError:
        # The fragments still expire within FRAGMENT_CACHE_SECONDS.
        log.warning("fragment cache unavailable; could not invalidate %s", scope)
