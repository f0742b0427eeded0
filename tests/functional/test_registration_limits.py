"""Registration limits people can live with: an office can sign up from one address, one
browser session and one username are limited beside it, and every 429 page says the real wait
and gives back what was typed, never a password. The limiter counts in the real Redis.

Each test sends from an address of its own: the limiter is one object per process and keeps
the key prefix of the first app that enabled it, so counts at 127.0.0.1 would carry over."""

import uuid

import pytest

from caseboard.errors import wait_words
from tests.conftest import PASSWORD, REASONING, shown

SECRET = "my very secret password"


class Office:
    """Browsers behind one address of this test's own, on an app with the limiter on and real
    CSRF tokens (so registrants have sessions, as they do in production)."""

    def __init__(self, app):
        self.app = app
        self.address = "2001:db8::" + ":".join(uuid.uuid4().hex[i : i + 4] for i in (0, 4, 8))

    def browser(self):
        client = self.app.test_client()
        client.environ_base["REMOTE_ADDR"] = self.address
        return client


@pytest.fixture
def limited(make_app):
    def build(**limits):
        return Office(make_app(RATELIMIT_ENABLED=True, WTF_CSRF_ENABLED=True, **limits))

    return build


def _name(stem: str) -> str:
    """A username of this test's own, since per-username counts are not per app either."""
    return f"{stem}.{uuid.uuid4().hex[:6]}"


def _token(client) -> str:
    page = client.get("/register").text
    return page.split('name="csrf_token" value="')[1].split('"')[0]


def _register(client, username: str, *, email: str = "", confirm: str = PASSWORD):
    """One try at registering through the form, as a browser sends it."""
    return client.post(
        "/register",
        data={
            "csrf_token": _token(client),
            "username": username,
            "email": email,
            "password": PASSWORD,
            "confirm": confirm,
        },
    )


def _retry_after(response) -> int:
    assert response.status_code == 429
    value = response.headers["Retry-After"]
    assert value.isdigit(), value
    return int(value)


def test_an_office_of_thirty_registers_from_one_address_and_the_thirty_first_waits(limited):
    office = limited()
    for number in range(30):
        response = _register(office.browser(), f"colleague{number}")
        assert response.status_code == 302, (number, response.text)
    refused = _register(office.browser(), "colleague30")
    wait = _retry_after(refused)
    assert 3500 < wait <= 3601  # the hour that started with the first account
    assert "Many accounts have been made from your network recently" in refused.text
    assert f"Wait {wait_words(wait)} and send it again" in refused.text


def test_refused_tries_do_not_use_up_the_address_allowance(limited):
    office = limited(REGISTER_RATE_LIMIT="2 per hour")
    browser = office.browser()
    for name in ("typo1", "typo2", "typo3"):
        assert _register(browser, name, confirm="not the same password").status_code == 422
    assert _register(office.browser(), "first.person").status_code == 302
    assert _register(office.browser(), "second.person").status_code == 302
    assert _register(office.browser(), "third.person").status_code == 429


def test_all_tries_from_one_address_have_a_ceiling(limited):
    office = limited(REGISTER_ATTEMPT_RATE_LIMIT="3 per hour")
    for number in range(3):
        response = _register(office.browser(), f"prober{number}", confirm="different")
        assert response.status_code == 422
    refused = _register(office.browser(), "prober3")
    _retry_after(refused)
    assert "very many tries at registering from your network" in refused.text


def test_one_browser_session_can_try_only_so_often(limited):
    office = limited(REGISTER_SESSION_RATE_LIMIT="3 per hour")
    browser = office.browser()
    for name in ("try.one", "try.two", "try.three"):
        assert _register(browser, name, confirm="different").status_code == 422
    refused = _register(browser, "try.four")
    _retry_after(refused)
    assert "You have tried to register many times recently" in refused.text
    assert _register(office.browser(), "try.four").status_code == 302  # another browser


def test_one_username_can_be_tried_only_so_often(limited):
    office, wanted = limited(REGISTER_USERNAME_RATE_LIMIT="2 per hour"), _name("wanted")
    for _ in range(2):
        assert _register(office.browser(), wanted, confirm="x").status_code == 422
    browser = office.browser()
    refused = _register(browser, wanted.upper())  # the same username, as it would be stored
    _retry_after(refused)
    assert "That username has been tried many times recently" in refused.text
    assert _register(browser, _name("another")).status_code == 302


def test_a_refused_registration_gives_back_what_was_typed_but_never_the_password(limited):
    office = limited(REGISTER_RATE_LIMIT="1 per hour")
    assert _register(office.browser(), "first.in").status_code == 302
    browser = office.browser()
    refused = browser.post(
        "/register",
        data={
            "csrf_token": _token(browser),
            "username": "second.in",
            "email": "second.in@example.com",
            "password": SECRET,
            "confirm": SECRET,
        },
    )
    wait = _retry_after(refused)
    assert f"Wait {wait_words(wait)} and send it again" in refused.text
    assert "a few minutes" not in refused.text
    assert ">second.in</textarea>" in refused.text
    assert ">second.in@example.com</textarea>" in refused.text
    assert SECRET not in refused.text
    assert "Passwords are never given back: type yours again." in refused.text


def test_a_short_limit_says_the_wait_in_seconds(make_app):
    client = Office(make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="1 per 30 seconds")).browser()
    client.post("/login", data={"username": "someone", "password": SECRET})
    refused = client.post("/login", data={"username": "someone", "password": SECRET})
    wait = _retry_after(refused)
    assert wait <= 31
    assert f"Wait {wait} seconds and send it again" in refused.text
    assert ">someone</textarea>" in refused.text and SECRET not in refused.text


def test_a_members_refused_verdict_states_the_wait_and_keeps_the_reasoning(make_app, make_case):
    from tests.conftest import AuthActions

    app = make_app(RATELIMIT_ENABLED=True, VERDICT_RATE_LIMIT="1 per day")
    client = app.test_client()
    first, second = make_case(), make_case()
    AuthActions(client).register()
    client.post(f"/cases/{first.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING})
    refused = client.post(
        f"/cases/{second.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING}
    )
    wait = _retry_after(refused)
    assert 86_000 < wait <= 86_401
    assert "Wait about 24 hours and send it again" in refused.text
    assert shown(REASONING) in refused.text


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "1 second"),
        (42, "42 seconds"),
        (60, "about 1 minute"),
        (61, "about 2 minutes"),
        (2400, "about 40 minutes"),
        (3600, "about 1 hour"),
        (4800, "about 1 hour and 20 minutes"),
        (23 * 3600 + 10, "about 23 hours"),
        (3 * 86400, "about 3 days"),
    ],
)
def test_waits_are_said_as_a_person_would_say_them(seconds, words):
    assert wait_words(seconds) == words
