"""The first-visit welcome: what Caseboard is, the five labels and the anonymity promise, shown
until the reader hides it with a plain form; hiding it sets the one cookie a reader without an
account ever gets, and whole pages cached for such readers never mix the two."""

import pytest

from caseboard import welcome
from caseboard.cases import services
from caseboard.taxonomy import LABELS
from tests.conftest import PASSWORD, REASONING, shown

WELCOME = 'aria-label="Welcome to Caseboard"'


def _hide(client, back="/"):
    return client.post("/welcome/dismiss", data={"next": back})


@pytest.fixture
def reader_pages(make_case, make_member):
    """A list, a case page and the library: pages cached whole for readers."""
    case = make_case()
    services.give_verdict(case, make_member(), "NTA", REASONING)
    return ("/", "/new", f"/cases/{case.public_id}", "/library")


def test_a_first_visit_says_what_caseboard_is_the_labels_and_the_promise(client):
    page = client.get("/").text
    assert WELCOME in page
    assert "Caseboard is where people describe a dilemma from work" in page
    for code, (words, _) in LABELS.items():
        assert f"<dt>{code}</dt><dd>{shown(words)}</dd>" in page
    assert "other members see you as “OP” on your own case" in page
    assert '<a href="/how-it-works">How Caseboard works</a>' in page
    assert '<form method="post" action="/welcome/dismiss">' in page


def test_readers_get_no_cookie_before_they_hide_the_welcome(client, reader_pages):
    for path in (*reader_pages, "/how-it-works"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert WELCOME in response.text, path
        assert "Set-Cookie" not in response.headers, path


def test_hiding_sets_only_a_long_lived_preference_cookie_and_goes_back(client):
    response = _hide(client, "/top?period=month&page=2")
    assert response.status_code == 303
    assert response.headers["Location"] == "/top?period=month&page=2"
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 1, cookies  # no session cookie beside it
    assert cookies[0].startswith(f"{welcome.COOKIE}={welcome.DISMISSED};")
    assert f"Max-Age={365 * 24 * 3600}" in cookies[0]
    assert "HttpOnly" in cookies[0] and "SameSite=Lax" in cookies[0]


def test_after_hiding_it_the_welcome_is_gone_from_every_page(client, reader_pages):
    _hide(client)
    for path in reader_pages:
        page = client.get(path).text
        assert WELCOME not in page, path
        assert "Set-Cookie" not in client.get(path).headers, path


@pytest.mark.parametrize("hidden_first", [False, True])
def test_cached_pages_keep_readers_who_hid_it_apart_from_those_who_did_not(
    make_app, reader_pages, hidden_first
):
    app = make_app()
    newcomer, regular = app.test_client(), app.test_client()
    _hide(regular)
    first = regular if hidden_first else newcomer
    for path in reader_pages:
        first.get(path)  # now cached for readers like the first one
        assert WELCOME in newcomer.get(path).text, path
        assert WELCOME not in regular.get(path).text, path


def test_a_member_who_hides_it_no_longer_sees_it(client, auth):
    auth.register()
    assert WELCOME in client.get("/").text
    _hide(client)
    assert WELCOME not in client.get("/").text


def test_hiding_needs_no_csrf_token_for_readers_or_members(make_app):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    assert _hide(client).status_code == 303
    page = client.get("/register").text
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    data = {"csrf_token": token, "username": "tokenless", "password": PASSWORD, "confirm": PASSWORD}
    assert client.post("/register", data=data).status_code == 302
    client.delete_cookie(welcome.COOKIE)
    assert WELCOME in client.get("/").text
    assert _hide(client).status_code == 303
    assert WELCOME not in client.get("/").text


@pytest.mark.parametrize(
    "elsewhere",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "",
    ],
)
def test_hiding_goes_back_only_to_a_page_of_this_site(client, elsewhere):
    response = _hide(client, elsewhere)
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_the_form_goes_back_to_the_page_it_was_on_without_stray_arguments(client):
    page = client.get("/top?period=month&_method=DELETE&level=senior&page=2").text
    back = "/top?level=senior&amp;period=month&amp;page=2"
    assert f'<input type="hidden" name="next" value="{back}">' in page


def test_a_cached_page_s_return_address_carries_only_what_its_cache_is_keyed_by(client, make_case):
    case = make_case()
    page = client.get(f"/cases/{case.public_id}?q=salary&discipline=engineering").text
    back = f"/cases/{case.public_id}"
    assert f'<input type="hidden" name="next" value="{back}">' in page
    assert f'value="{back}"' in client.get(f"/cases/{case.public_id}").text  # the cached copy
