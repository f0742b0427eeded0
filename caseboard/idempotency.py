"""Double submits: a form carries a one-time token, so a second click finds the first result.

Without it a double click on "Post case" publishes the case twice. The token lives in Redis
for a day; when Redis is down, submissions simply go through (a duplicate beats a lost post).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import secrets

import redis
from flask import current_app

from caseboard.extensions import redis_connection

IN_PROGRESS = "in-progress"
_TOKEN = re.compile(r"[0-9a-f]{32}")
_LIFETIME_SECONDS = 24 * 3600


def new_token() -> str:
    return secrets.token_hex(16)


def _key(member_id: int, token: str | None) -> str | None:
    """The Redis key for a member's token, or None for a missing or malformed token."""
    if not token or not _TOKEN.fullmatch(token):
        return None
    digest = hashlib.blake2b(f"{member_id}:{token}".encode(), digest_size=16).hexdigest()
    return f"{current_app.config['CACHE_KEY_PREFIX']}submit:{digest}"


def claim(member_id: int, token: str | None) -> str | None:
    """None when this submission is the first with its token (and now owns it); otherwise
    where the first one led, or IN_PROGRESS while it is still being saved."""
    key = _key(member_id, token)
    if key is None:
        return None
    try:
        client = redis_connection.client
        if client.set(key, IN_PROGRESS, nx=True, ex=_LIFETIME_SECONDS):
            return None
        return (client.get(key) or b"").decode() or IN_PROGRESS
    except redis.RedisError:
        return None


def complete(member_id: int, token: str | None, location: str) -> None:
    """Record where the first submission led, for any repeat of it."""
    key = _key(member_id, token)
    if key is not None:
        with contextlib.suppress(redis.RedisError):
            redis_connection.client.set(key, location, ex=_LIFETIME_SECONDS)


def release(member_id: int, token: str | None) -> None:
    """Forget a claim whose submission failed, so the member can send it again."""
    key = _key(member_id, token)
    if key is not None:
        with contextlib.suppress(redis.RedisError):
            redis_connection.client.delete(key)
