"""Logged-in members for wrk: session cookies signed in-process, as the login view would set.

Logging in through /login would hit its rate limit (10 a minute) and cost an scrypt hash
per member; the session is a signed cookie, so the benchmark makes it with the same
SECRET_KEY instead. Flask-Login's session protection hashes the address and User-Agent
into the session, so wrk must send the same User-Agent (USER_AGENT) from 127.0.0.1.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Flask, session
from flask_login import login_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select
from sqlalchemy.engine import Engine

from caseboard import form_guard
from caseboard.accounts import sessions
from caseboard.extensions import db
from caseboard.models import Case, Member, Verdict

USER_AGENT = "caseboard-bench"
# What only a logged-in member's page has: the header's log-out button.
LOGGED_IN_MARKERS = ("Log out", 'action="/logout"')


@dataclass(frozen=True)
class MemberSession:
    """One member's session cookie and the CSRF token that goes with it (no time limit)."""

    member_id: int
    cookie: str  # "session=…", as a Cookie header carries it
    csrf_token: str
    # A verdict form's render time, shown an hour ago in this session (caseboard/form_guard.py)
    verdict_rendered: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Cookie": self.cookie, "User-Agent": USER_AGENT}

    def form(self, **fields: str) -> str:
        """A urlencoded form body carrying the CSRF token."""
        return urlencode({"csrf_token": self.csrf_token, **fields})


def member_session(app: Flask, member_id: int) -> MemberSession:
    """Sign a session for `member_id` as login_user would leave it after /login."""
    environ = {"REMOTE_ADDR": "127.0.0.1"}
    headers = {"User-Agent": USER_AGENT}
    with app.test_request_context("/", environ_base=environ, headers=headers):
        member = db.session.get(Member, member_id)
        if member is None:
            raise RuntimeError(f"member {member_id} cannot log in")
        sessions.open_session(member)  # a session on the server, as /login makes
        if not login_user(member):
            raise RuntimeError(f"member {member_id} cannot log in")
        token = generate_csrf()
        rendered = form_guard.render_token("verdict", time.time() - 3600)
        serializer = app.session_interface.get_signing_serializer(app)
        value = serializer.dumps(dict(session))
    cookie = f"{app.config['SESSION_COOKIE_NAME']}={value}"
    return MemberSession(member_id, cookie, token, rendered)


def logged_in(html: str) -> bool:
    return any(marker in html for marker in LOGGED_IN_MARKERS)


def pick_reader_member(engine: Engine, busy_public_id: str) -> int:
    """The member whose pages are measured: one who neither wrote nor judged the busy case
    (so its page offers them the verdict form), and who has judged other cases."""
    busy = select(Case.id, Case.author_id).where(Case.public_id == busy_public_id).subquery()
    judged_busy = select(Verdict.member_id).where(Verdict.case_id == busy.c.id)
    query = (
        select(Member.id)
        .where(
            Member.id != select(busy.c.author_id).scalar_subquery(),
            Member.id.not_in(judged_busy),
            select(Verdict.id).where(Verdict.member_id == Member.id).exists(),
        )
        .order_by(Member.id)
        .limit(1)
    )
    with engine.connect() as connection:
        member_id = connection.execute(query).scalar()
    if member_id is None:
        raise RuntimeError("every member wrote or judged the busy case: none can be measured")
    return member_id
