"""Shared steps for the bot-defence tests: the app with them on, and forms sent as a person's
browser would send them (or as a script would)."""

from __future__ import annotations

import re
import secrets
import time

from caseboard import form_guard, proof_of_work

# The defences on, with a challenge cheap enough to solve many times in a test; members
# are new (their posts carry the proof of work) for their first 3 days (accounts/trust.py).
GUARDED = {
    "FORM_GUARD_ENABLED": True,
    "PROOF_OF_WORK_ENABLED": True,
    "PROOF_OF_WORK_COST": 20,
    "TRUST_MIN_DAYS": 3,
    "TRUST_MIN_HELPFUL": 0,
}
_HIDDEN = re.compile(r'<input type="hidden" name="([\w-]+)" value="([^"]*)"')


def hidden_fields(html: str) -> dict[str, str]:
    """Every hidden field of a page's forms, by name (the last one of a name wins)."""
    return dict(_HIDDEN.findall(html))


def solved(client) -> str:
    """A proof of work, as the widget sends it: a fresh challenge, solved."""
    return proof_of_work.solve(client.get("/proof-of-work/challenge").get_json())


def session_mark(client) -> str:
    """The mark the client's browser session puts on its render times (form_guard.py): the
    session's CSRF secret, made here if it has none, as drawing a form would."""
    with client.session_transaction() as session:
        secret = session.setdefault("csrf_token", secrets.token_hex(20))
    return form_guard.session_mark(secret)


def render_token(client, form: str, seconds_ago: float = 60) -> str:
    """A render time for `form` shown `seconds_ago` to the client's browser session."""
    return form_guard.render_token(form, time.time() - seconds_ago, mark=session_mark(client))


def as_a_person(client, form: str, *, seconds_ago: float = 60, **fields) -> dict[str, str]:
    """`fields` as a person's browser sends `form`: the honeypot empty, shown `seconds_ago`,
    and a proof of work. (The render time is signed here: in the app's context.)"""
    return {
        form_guard.HONEYPOT_FIELD: "",
        form_guard.RENDERED_FIELD: render_token(client, form, seconds_ago),
        form_guard.PROOF_OF_WORK_FIELD: solved(client),
        **fields,
    }
