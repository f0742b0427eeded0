"""Guessable passwords are refused wherever a password is set, with words that say why and
what makes a good one; a passphrase of a few unrelated words goes through."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from caseboard.accounts import addresses
from caseboard.accounts.passwords import require_strong
from caseboard.demo import DEMO_MODERATOR, DEMO_PASSWORD
from caseboard.extensions import db
from caseboard.models import Member
from tests.conftest import PASSWORD

ADVICE = "A good password is a few unrelated words"
PASSPHRASE = "tulip anchor violin gravel"
USERNAME = "alicemoon"
GUESSABLE = {
    "repeated": "aaaaaaaaaa",
    "digits": "1234567890",
    "common": "password123",
    "username plus two": USERNAME + "xx",
}


def _register(client, password: str, email: str = ""):
    return client.post(
        "/register",
        data={"username": USERNAME, "email": email, "password": password, "confirm": password},
    )


def _reset_token(make_member) -> str:
    member = make_member(USERNAME, "moon@example.org")
    member.ensure_mail_key()
    db.session.commit()
    return addresses.reset_token(member)


def _change(client, password: str):
    return client.post(
        "/account/password", data={"current": PASSWORD, "password": password, "confirm": password}
    )


@pytest.mark.parametrize("password", GUESSABLE.values(), ids=GUESSABLE.keys())
def test_registration_refuses_a_guessable_password_and_says_what_works(client, password):
    response = _register(client, password)
    assert response.status_code == 422
    assert ADVICE in response.text
    assert db.session.scalar(select(func.count()).select_from(Member)) == 0


def test_registration_says_a_password_built_from_the_username_is_why(client):
    response = _register(client, USERNAME[::-1] + "12")
    assert "built from your username" in response.text


def test_registration_refuses_a_password_built_from_the_email(client):
    response = _register(client, "moon.river!2026", email="moon.river@example.org")
    assert response.status_code == 422
    assert "built from your email address" in response.text


def test_registration_takes_a_passphrase(client):
    assert _register(client, PASSPHRASE).status_code == 302


@pytest.mark.parametrize("password", GUESSABLE.values(), ids=GUESSABLE.keys())
def test_password_change_refuses_a_guessable_password_and_keeps_the_old_one(client, auth, password):
    auth.register(USERNAME)
    response = _change(client, password)
    assert response.status_code == 422
    assert ADVICE in response.text
    auth.logout()
    assert auth.login(USERNAME, PASSWORD).status_code == 302


def test_password_change_takes_a_passphrase(client, auth):
    auth.register(USERNAME)
    assert _change(client, PASSPHRASE).status_code == 302
    auth.logout()
    assert auth.login(USERNAME, PASSPHRASE).status_code == 302


@pytest.mark.parametrize("password", GUESSABLE.values(), ids=GUESSABLE.keys())
def test_a_reset_link_refuses_a_guessable_password_and_stays_usable(client, make_member, password):
    token = _reset_token(make_member)
    response = client.post(
        f"/reset-password/{token}", data={"password": password, "confirm": password}
    )
    assert response.status_code == 422
    assert ADVICE in response.text
    assert client.get(f"/reset-password/{token}").status_code == 200


def test_a_reset_link_takes_a_passphrase(client, make_member):
    token = _reset_token(make_member)
    response = client.post(
        f"/reset-password/{token}", data={"password": PASSPHRASE, "confirm": PASSPHRASE}
    )
    assert response.status_code == 302


def test_create_admin_refuses_a_guessable_password_without_a_traceback(runner):
    result = runner.invoke(args=["create-admin", "boss", "--password", "password123"])
    assert result.exit_code != 0
    assert ADVICE in result.output
    assert db.session.scalar(select(func.count()).select_from(Member)) == 0


def test_the_test_and_demo_passwords_pass_the_check():
    require_strong(PASSWORD, "member1")
    require_strong(DEMO_PASSWORD, "demo-member-01")
    require_strong(DEMO_PASSWORD, DEMO_MODERATOR, [f"{DEMO_MODERATOR}@example.org"])
