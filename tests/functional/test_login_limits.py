"""Guessing one account's password is throttled per account, whatever addresses the guesses
come from; the member is not locked out from a browser they logged in with before; and the
wrong passwords show in their inbox. The limiter counts in the real Redis.

Usernames are this test's own: per-account counts are keyed by the username, not the app."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from caseboard.extensions import db
from caseboard.models import Notification
from tests.conftest import PASSWORD

WRONG = "not the right password at all"


@pytest.fixture
def limited_app(app, make_app):
    """Built after `app`: the limiter is one object, enabled or not by the last app made.
    Per-address limits high enough to stay out of the way: the per-account one is on test."""
    return make_app(
        RATELIMIT_ENABLED=True,
        LOGIN_RATE_LIMIT="1000 per minute",
        LOGIN_ACCOUNT_RATE_LIMIT="5 per 10 minutes",
    )


def _browser(app):
    """A browser at an address of its own."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "2001:db8::" + uuid.uuid4().hex[:4]
    return client


def _member(make_member) -> str:
    username = f"target.{uuid.uuid4().hex[:6]}"
    make_member(username)
    return username


def _login(client, username: str, password: str):
    return client.post("/login", data={"username": username, "password": password})


def test_wrong_passwords_from_many_addresses_lock_strangers_out_of_one_account(
    limited_app, make_member
):
    username = _member(make_member)
    for attempt in range(5):  # from four addresses, in turn
        assert _login(_browser(limited_app), username, WRONG).status_code == 401, attempt
    refused = _login(_browser(limited_app), username, PASSWORD)
    assert refused.status_code == 429
    assert "many wrong passwords for this account" in refused.text
    assert refused.headers["Retry-After"]


def test_the_members_own_browser_still_logs_in_during_the_guessing(limited_app, make_member):
    username = _member(make_member)
    own = _browser(limited_app)
    assert _login(own, username, PASSWORD).status_code == 302
    own.post("/logout")
    for _ in range(6):
        _login(_browser(limited_app), username, WRONG)
    assert _login(_browser(limited_app), username, PASSWORD).status_code == 429
    assert _login(own, username, PASSWORD).status_code == 302


def test_right_passwords_do_not_count_toward_the_account_limit(limited_app, make_member):
    username = _member(make_member)
    for _ in range(7):
        assert _login(_browser(limited_app), username, PASSWORD).status_code == 302


def test_another_account_is_not_held_back_by_guessing_at_one(limited_app, make_member):
    target, other = _member(make_member), _member(make_member)
    for _ in range(6):
        _login(_browser(limited_app), target, WRONG)
    assert _login(_browser(limited_app), other, PASSWORD).status_code == 302


def test_wrong_passwords_show_in_the_members_inbox_as_one_notice(client, make_member):
    username = _member(make_member)
    for _ in range(3):
        assert _login(client, username, WRONG).status_code == 401
    [notice] = db.session.scalars(select(Notification)).all()
    assert notice.count == 3
    assert notice.message.startswith("3 tries to log in to your account with a wrong password")
    assert _login(client, username, PASSWORD).status_code == 302
    assert "3 tries to log in to your account" in client.get("/inbox").text


def test_an_unknown_username_writes_no_notice(client):
    assert _login(client, "nobody-by-this-name", WRONG).status_code == 401
    assert db.session.scalars(select(Notification)).all() == []
