"""Email addresses are used only once confirmed, no form tells whether an address has an
account, and a forgotten password is reset through a confirmed address: a signed link that
expires and works once."""

from __future__ import annotations

import email
import time
from email import policy

import pytest
from flask import current_app
from flask_migrate import downgrade, upgrade
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from rq import Worker
from sqlalchemy import select

from caseboard.accounts import addresses
from caseboard.extensions import db, redis_connection
from caseboard.models import Member
from tests.conftest import PASSWORD

NEW_PASSWORD = "a brand new passphrase of mine"
ADDRESS = "someone@example.org"


@pytest.fixture
def outbox(app, tmp_path):
    app.config.update(MAIL_OUTBOX=str(tmp_path / "outbox"), MAIL_SERVER=None)
    return tmp_path / "outbox"


def _sent(outbox) -> list:
    Worker([redis_connection.queue()], connection=redis_connection.client).work(burst=True)
    return [
        email.message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(outbox.glob("*.eml"))
    ]


def _link(message) -> str:
    """The site-relative path of the link in an email."""
    line = next(line for line in message.get_content().splitlines() if "://" in line)
    return "/" + line.strip().split("://", 1)[1].split("/", 1)[1]


def _register(client, username: str, address: str):
    return client.post(
        "/register",
        data={"username": username, "email": address, "password": PASSWORD, "confirm": PASSWORD},
    )


def _member(username: str) -> Member:
    db.session.expire_all()
    return db.session.scalar(select(Member).where(Member.username == username))


def _issued_hours_ago(salt: str, hours: float, payload) -> str:
    """A token as the app signs it, but issued `hours` ago."""

    class Earlier(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time() - hours * 3600)

    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt, signer=Earlier)
    return serializer.dumps(payload)


def test_an_address_given_at_registration_is_used_only_once_confirmed(client, outbox):
    assert _register(client, "newcomer", ADDRESS).status_code == 302
    member = _member("newcomer")
    assert member.email is None and member.pending_email == ADDRESS
    [message] = _sent(outbox)
    assert message["To"] == ADDRESS and "Confirm your email address" in message["Subject"]
    assert client.get(_link(message)).status_code == 302
    assert _member("newcomer").email == ADDRESS
    assert "Your confirmed address: <strong>someone@example.org" in client.get("/account").text


def test_registering_answers_the_same_whether_or_not_the_address_has_an_account(
    make_app, make_member
):
    make_member("owner", ADDRESS)  # the address is confirmed on this account
    answers = []
    for username, address in (("taken.try", ADDRESS), ("free.try", "free@example.org")):
        browser = make_app().test_client()
        response = _register(browser, username, address)
        answers.append((response.status_code, browser.get("/").text.count("We sent a link")))
    assert answers[0] == answers[1] == (302, 1)


def test_confirming_an_address_confirmed_on_another_account_is_refused(client, make_member, outbox):
    make_member("owner", ADDRESS)
    _register(client, "second", ADDRESS)
    [message] = _sent(outbox)
    response = client.get(_link(message))
    assert response.status_code == 409
    assert "already confirmed on another Caseboard account" in response.text
    assert _member("second").email is None


def test_a_confirmation_link_works_once(client, outbox):
    _register(client, "newcomer", ADDRESS)
    [message] = _sent(outbox)
    assert client.get(_link(message)).status_code == 302
    again = client.get(_link(message))
    assert again.status_code == 400 and "used already" in again.text


def test_a_confirmation_link_expires_after_two_days(client):
    _register(client, "newcomer", ADDRESS)
    member = _member("newcomer")
    token = _issued_hours_ago(addresses.CONFIRM_SALT, 49, [member.mail_key, member.pending_email])
    response = client.get(f"/confirm-email/{token}")
    assert response.status_code == 400 and "more than two days old" in response.text
    assert _member("newcomer").email is None


def test_changing_the_address_needs_the_password(client, auth, outbox):
    auth.register("mover")
    wrong = client.post("/account/address", data={"email": ADDRESS, "password": "not it at all"})
    assert wrong.status_code == 422 and ADDRESS in wrong.text  # given back
    right = client.post("/account/address", data={"email": ADDRESS, "password": PASSWORD})
    assert right.status_code == 302
    [message] = _sent(outbox)
    assert message["To"] == ADDRESS


def test_the_registration_page_says_a_lost_password_needs_an_address(client):
    page = client.get("/register").text
    assert "Without one, a forgotten password cannot be recovered." in page


# -- forgotten passwords -------------------------------------------------------------------


def test_forgot_password_answers_the_same_for_an_unknown_address(client, make_member, outbox):
    make_member("owner", ADDRESS)
    answers = []
    for address in (ADDRESS, "nobody@example.org"):
        response = client.post("/forgot-password", data={"email": address})
        page = client.get(response.headers["Location"]).text
        answers.append((response.status_code, "a link to reset its password" in page))
    assert answers == [(302, True), (302, True)]
    assert [message["To"] for message in _sent(outbox)] == [ADDRESS]


def test_an_unconfirmed_address_gets_no_reset_link(client, outbox):
    _register(client, "newcomer", ADDRESS)
    _sent(outbox)  # the confirmation email, not followed
    client.post("/forgot-password", data={"email": ADDRESS})
    assert [m["Subject"] for m in _sent(outbox)] == ["Confirm your email address for Caseboard"]


def test_a_reset_link_sets_a_new_password_once_and_logs_out_everywhere(
    client, auth, make_app, outbox
):
    auth.register("forgetful", email=ADDRESS)
    other_device = make_app().test_client()
    other_device.post("/login", data={"username": "forgetful", "password": PASSWORD})
    stranger = make_app().test_client()
    stranger.post("/forgot-password", data={"email": ADDRESS})
    [message] = [m for m in _sent(outbox) if "Reset" in m["Subject"]]
    link = _link(message)
    response = stranger.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert stranger.get("/account").status_code == 200  # logged in with the new password
    assert other_device.get("/account").status_code == 302  # logged out
    assert stranger.get(link).status_code == 400  # used once
    assert auth.login("forgetful", NEW_PASSWORD).status_code == 302


def test_a_reset_link_expires_after_an_hour(client, make_member):
    member = make_member("forgetful", ADDRESS)
    member.ensure_mail_key()
    db.session.commit()
    token = _issued_hours_ago(
        addresses.RESET_SALT, 1.1, [member.mail_key, addresses._password_mark(member)]
    )
    response = client.get(f"/reset-password/{token}")
    assert response.status_code == 400 and "more than an hour old" in response.text


def test_asking_for_reset_links_is_limited_per_address(make_app, app, make_member):
    limited = make_app(RATELIMIT_ENABLED=True, FORGOT_PASSWORD_RATE_LIMIT="1000 per hour")
    address = f"limited.{time.time_ns()}@example.org"  # counts outlive the test's app
    statuses = [
        limited.test_client().post("/forgot-password", data={"email": address}).status_code
        for _ in range(4)
    ]
    assert statuses == [302, 302, 302, 429]


# -- addresses from before confirmation ----------------------------------------------------


def test_addresses_given_before_the_upgrade_wait_for_confirmation(app, make_member):
    make_member("veteran", ADDRESS)
    db.session.remove()
    downgrade(revision="0011_confirmed_email-1")
    upgrade()
    member = _member("veteran")
    assert member.email is None and member.pending_email == ADDRESS
