"""Cheap signs that a script, not a person, sent a form: nothing is refused for them.

Each form that makes an account or a post carries two things a person never notices: a
honeypot field, hidden from sight and from screen readers (scripts fill every field they
find), and the time the form was shown, signed with the SECRET_KEY so it cannot be made up
(a person takes seconds to fill a form in; a script takes none), and bound to the browser
session it was shown to, so one token fetched once is no use to a script in any other. On
top, new members and registrations carry a proof of work (caseboard/proof_of_work.py).

`signals` reads them and names what looked scripted. The callers never drop what was sent:
a post with signals is held for a moderator (moderation/checks/form_signals.py), an account
starts limited (`Member.limited_reason`), and the person is told why in plain words.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Mapping

from flask import current_app, session
from flask_wtf.csrf import generate_csrf
from itsdangerous import BadSignature, URLSafeSerializer

from caseboard import proof_of_work
from caseboard.accounts import trust
from caseboard.accounts.trust import LimitedReason
from caseboard.models import Member

# The form fields, as a scripted client reading the form sees them.
HONEYPOT_FIELD = "website"
RENDERED_FIELD = "form_rendered"
PROOF_OF_WORK_FIELD = proof_of_work.FIELD
# Set by static/proof_of_work.js when its check ran but did not finish (a refused challenge,
# a network error): the person has JavaScript, and is not told they lack it.
PROOF_OF_WORK_STATE_FIELD = "altcha_state"

# The signals, as moderation findings' kinds and in the limited reasons' words.
HONEYPOT = "honeypot"  # the hidden field was filled in
TOO_FAST = "too_fast"  # sent sooner after it was shown than a person could type it
NO_RENDER_TIME = "no_render_time"  # no render time, or one not signed by Caseboard
NO_PROOF_OF_WORK = "no_proof_of_work"  # no valid, unused proof of work (no JavaScript?)
UNFINISHED_PROOF_OF_WORK = "unfinished_proof_of_work"  # the browser's check did not finish

# The forms guarded, by the name their render time is signed for.
FORMS = ("register", "case", "verdict", "reply")

_SALT = "caseboard-form-guard:"
_CSRF_FIELD = "csrf_token"  # where Flask-WTF keeps the session's CSRF secret


def _serializer(form: str) -> URLSafeSerializer:
    """Salted per form: a verdict form's render time does not pass for a registration's."""
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT + form)


def session_mark(secret: str | None = None) -> str:
    """A short keyed hash of a browser session's CSRF secret (by default this request's,
    made if it has none), which a render time is bound to."""
    if secret is None:
        generate_csrf()  # the session's secret, made now if it has none
        secret = session[_CSRF_FIELD]
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"form-guard-session:{secret}".encode(), hashlib.sha256).hexdigest()[:16]


def _sent_mark() -> str | None:
    """The mark of the session a form came back in, without making it a secret."""
    secret = session.get(_CSRF_FIELD)
    return session_mark(secret) if secret else None


def render_token(form: str, now: float | None = None, *, mark: str | None = None) -> str:
    """The signed time `form` is shown at (seconds since the epoch), bound to this browser
    session (or to `mark`, a `session_mark`)."""
    shown = round(time.time() if now is None else now, 3)
    return _serializer(form).dumps([shown, mark or session_mark()])


def read_token(form: str, token: str | None) -> tuple[float, str] | None:
    """A token's time and session mark, if Caseboard signed it for `form`."""
    if not token:
        return None
    try:
        value = _serializer(form).loads(token)
    except BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 2):
        return None
    shown, mark = value
    if not isinstance(shown, int | float) or not isinstance(mark, str):
        return None
    return float(shown), mark


def rendered_at(form: str, token: str | None) -> float | None:
    """When the form was shown, from its token; None for a missing or forged one, or one
    shown to another browser session."""
    read = read_token(form, token)
    expected = _sent_mark()
    if read is None or expected is None or not hmac.compare_digest(read[1], expected):
        return None
    return read[0]


def token_to_render(form: str, sent: str | None) -> str:
    """The token a form is drawn with: the one it was sent with, when valid, so a form that
    comes back (a preview, a refusal) keeps the time it was first shown; else a new one."""
    return sent if rendered_at(form, sent) is not None else render_token(form)


def form_signals(form: str, data: Mapping[str, str], now: float | None = None) -> list[str]:
    """The honeypot's and render time's signals in a sent form's `data`."""
    if not current_app.config["FORM_GUARD_ENABLED"]:
        return []
    found = []
    if (data.get(HONEYPOT_FIELD) or "").strip():
        found.append(HONEYPOT)
    shown = rendered_at(form, data.get(RENDERED_FIELD))
    if shown is None:
        found.append(NO_RENDER_TIME)
    elif (time.time() if now is None else now) - shown < _minimum_seconds(form):
        found.append(TOO_FAST)
    return found


def _minimum_seconds(form: str) -> float:
    return float(current_app.config["FORM_GUARD_MIN_SECONDS"].get(form, 0))


def needs_proof_of_work(member: Member | None) -> bool:
    """Whether a form sent by `member` (None: registering) must carry a proof of work: a
    registration, and a new or limited member's post (accounts/trust.py; no query). The
    widget is drawn by the same rule (guard_web.py), so whoever is asked for it has it."""
    if not current_app.config["PROOF_OF_WORK_ENABLED"]:
        return False
    return member is None or trust.needs_proof_of_work(member)


def signals(form: str, data: Mapping[str, str], member: Member | None = None) -> tuple[str, ...]:
    """Every signal of a sent form: `member` is who sends it (None for a registration).
    A proof of work is checked, and used up, only where one is needed. With a valid one, a
    browser did the work: a form sent fast is a password manager, not a script, and is
    not a signal (a honeypot filled or a render time missing still are)."""
    found = form_signals(form, data)
    if needs_proof_of_work(member):
        if proof_of_work.verify(data.get(PROOF_OF_WORK_FIELD)):
            found = [signal for signal in found if signal != TOO_FAST]
        elif data.get(PROOF_OF_WORK_STATE_FIELD) == "unfinished":
            found.append(UNFINISHED_PROOF_OF_WORK)
        else:
            found.append(NO_PROOF_OF_WORK)
    return tuple(found)


def limited_reason(found: tuple[str, ...]) -> str | None:
    """Why an account registered with these signals starts limited (None: it doesn't)."""
    without_proof = {NO_PROOF_OF_WORK, UNFINISHED_PROOF_OF_WORK}
    if any(signal not in without_proof for signal in found):
        return LimitedReason.FORM_SIGNALS
    if found:
        return LimitedReason.NO_PROOF_OF_WORK
    return None
