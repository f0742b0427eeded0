"""Proof of work with self-hosted ALTCHA: a sum that costs a browser well under a second in
the background while the person types, and costs a script that time for every account or
post it sends. No outside service: challenges are made and checked here.

A challenge asks for the counter whose PBKDF2/SHA-256 key (at PROOF_OF_WORK_COST
iterations) matches a given one; the counter is random, at most PROOF_OF_WORK_MAX_COUNTER,
so the work is bounded. Challenges are signed with keys derived from the SECRET_KEY, expire,
and each solution is accepted once: used ones are remembered in Redis until they expire.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import secrets
import time

import altcha
import redis
from flask import current_app

from caseboard.extensions import redis_connection

log = logging.getLogger(__name__)

ALGORITHM = "PBKDF2/SHA-256"
FIELD = "altcha"  # the form field the widget puts its solution in


def _key(purpose: str) -> str:
    """A key of its own for each use, derived from the SECRET_KEY."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"caseboard-altcha-{purpose}".encode(), hashlib.sha256).hexdigest()


def new_challenge(now: float | None = None) -> dict:
    """A challenge for the widget, as JSON-ready data."""
    now = time.time() if now is None else now
    config = current_app.config
    challenge = altcha.create_challenge(
        ALGORITHM,
        config["PROOF_OF_WORK_COST"],
        counter=secrets.randbelow(config["PROOF_OF_WORK_MAX_COUNTER"]) + 1,
        expires_at=int(now + config["PROOF_OF_WORK_EXPIRES_SECONDS"]),
        hmac_secret=_key("challenge"),
        hmac_key_secret=_key("derived-key"),
    )
    return challenge.to_dict()


def verify(payload: str | None) -> bool:
    """Whether `payload` (the widget's field) solves a challenge of ours, unexpired and not
    used before; a verified one is used up."""
    if not payload or len(payload) > 4096:
        return False
    try:
        result = altcha.verify_solution(
            payload, _key("challenge"), hmac_key_secret=_key("derived-key")
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return False
    return result.verified and _first_use(payload)


def _first_use(payload: str) -> bool:
    """Remember a verified solution until its challenge expires; False if it was already."""
    parameters = json.loads(base64.b64decode(payload))["challenge"]
    signature = parameters["signature"]
    expires_at = int(parameters["parameters"].get("expiresAt") or 0)
    seconds = max(1, expires_at - int(time.time()))
    key = f"{current_app.config['CACHE_KEY_PREFIX']}pow-used:{signature}"
    try:
        return bool(redis_connection.client.set(key, b"1", nx=True, ex=seconds))
    except redis.RedisError:
        # An outage weakens the replay check for its length, but must not hold every post.
        log.warning("proof of work: Redis unavailable; a solution's reuse is not checked")
        return True


def solve(challenge: dict) -> str:
    """The widget's field for a challenge, worked out here, as a script would (the tests and
    the bot benchmark): the work a browser does, at Python's speed."""
    parsed = altcha.Challenge.from_dict(challenge)
    solution = altcha.solve_challenge(parsed)
    if solution is None:
        raise ValueError("the challenge has no solution in time")
    return altcha.Payload(parsed, solution).to_base64()
