"""Served over https (PUBLIC_URL says so), every cookie is Secure and browsers are told to
use https only (HSTS); the local http default keeps them usable over plain http."""

from __future__ import annotations

import pytest
from flask_login import login_user

from caseboard.accounts.services import authenticate
from tests.conftest import PASSWORD

HTTPS = "https://caseboard.example.org"
HTTP = "http://127.0.0.1:5000"
HSTS = "max-age=31536000; includeSubDomains"


def _cookie(response, name: str) -> str:
    """The Set-Cookie header that sets `name`."""
    found = [value for value in response.headers.getlist("Set-Cookie") if value.startswith(name)]
    assert found, response.headers.getlist("Set-Cookie")
    return found[0]


def _secure(cookie: str) -> bool:
    return "secure" in [part.strip().lower() for part in cookie.split(";")]


@pytest.mark.parametrize(("public_url", "secure"), [(HTTPS, True), (HTTP, False)])
def test_the_session_cookie_with_its_csrf_token_is_secure_exactly_over_https(
    make_app, public_url, secure
):
    client = make_app(PUBLIC_URL=public_url, WTF_CSRF_ENABLED=True).test_client()
    response = client.get("/register")  # the form's CSRF token goes into the session
    assert _secure(_cookie(response, "session=")) is secure


@pytest.mark.parametrize(("public_url", "secure"), [(HTTPS, True), (HTTP, False)])
def test_the_remember_cookie_is_secure_exactly_over_https(make_app, public_url, secure):
    app = make_app(PUBLIC_URL=public_url)
    client = app.test_client()
    client.post(
        "/register", data={"username": "remembered", "password": PASSWORD, "confirm": PASSWORD}
    )
    with app.test_request_context("/"):
        login_user(authenticate("remembered", PASSWORD), remember=True)
        response = app.process_response(app.make_response("logged in"))
    assert _secure(_cookie(response, "remember_token=")) is secure


@pytest.mark.parametrize(("public_url", "secure"), [(HTTPS, True), (HTTP, False)])
def test_the_known_browser_cookie_is_secure_exactly_over_https(make_app, public_url, secure):
    client = make_app(PUBLIC_URL=public_url).test_client()
    client.post("/register", data={"username": "known", "password": PASSWORD, "confirm": PASSWORD})
    client.post("/logout")
    response = client.post("/login", data={"username": "known", "password": PASSWORD})
    assert _secure(_cookie(response, "caseboard_known=")) is secure


@pytest.mark.parametrize(("public_url", "secure"), [(HTTPS, True), (HTTP, False)])
def test_the_welcome_preference_cookie_is_secure_exactly_over_https(make_app, public_url, secure):
    client = make_app(PUBLIC_URL=public_url).test_client()
    response = client.post("/welcome/dismiss")
    assert _secure(_cookie(response, "caseboard_welcome=")) is secure


@pytest.mark.parametrize(("public_url", "header"), [(HTTPS, HSTS), (HTTP, None)])
def test_browsers_are_told_to_use_https_only_when_served_over_https(make_app, public_url, header):
    response = make_app(PUBLIC_URL=public_url).test_client().get("/")
    assert response.headers.get("Strict-Transport-Security") == header


def test_an_explicit_setting_overrides_what_public_url_implies(make_app):
    client = make_app(PUBLIC_URL=HTTPS, SESSION_COOKIE_SECURE=False).test_client()
    response = client.get("/register")
    assert not _secure(_cookie(response, "session="))
