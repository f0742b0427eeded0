"""A server error's page needs no database: no member, no header counts. The database is made
unreachable for real: the app under test points at a SQLite file in a folder that does not
exist, or at a PostgreSQL port nothing listens on.
"""

from __future__ import annotations

import socket
import uuid

import pytest

from tests.conftest import ON_POSTGRES

SECRET = "secret-internals-1f3c"  # what an unrelated failure's message says


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unreachable_url(tmp_path):
    """A database URL of this test's kind that nothing answers at, and its one distinctive
    part, which the connection error's message carries."""
    marker = f"gone-{uuid.uuid4().hex[:8]}"
    if ON_POSTGRES:
        return f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/{marker}", marker
    return f"sqlite:///{tmp_path / marker / 'caseboard.sqlite'}", marker


@pytest.fixture
def down_app(app, make_app, unreachable_url):
    """An app like the test's (same SECRET_KEY, same Redis) whose database is unreachable.
    It depends on `app` so that a working app is built first, as the PostgreSQL teardown
    empties the tables through the first one."""
    url, _ = unreachable_url
    return make_app(SQLALCHEMY_DATABASE_URI=url)


@pytest.fixture
def member_cookie(client, auth):
    """The session cookie of a member who logged in while the database was there."""
    auth.register()
    return client.get_cookie("session").value


def logged_in(app, cookie: str):
    down = app.test_client()
    down.set_cookie("session", cookie)
    return down


def add_failing_route(app) -> None:
    def fails():
        raise RuntimeError(SECRET)

    app.add_url_rule("/test-only/fails", view_func=fails)


def assert_whole_500_page(response) -> None:
    assert response.status_code == 500, response.text
    assert "Something went wrong" in response.text and 'role="alert"' in response.text
    assert '<main id="main"' in response.text and "Moderation log" in response.text
    assert "Post a case" in response.text
    assert SECRET not in response.text


def test_an_unrelated_failure_still_gets_the_whole_500_page(make_app, member_cookie):
    failing = make_app()
    add_failing_route(failing)
    assert_whole_500_page(failing.test_client().get("/test-only/fails"))
    response = logged_in(failing, member_cookie).get("/test-only/fails")
    assert_whole_500_page(response)
    assert 'aria-label="Account"' not in response.text


def test_the_500_page_needs_no_database_either(down_app, member_cookie):
    add_failing_route(down_app)
    response = logged_in(down_app, member_cookie).get("/test-only/fails")
    assert_whole_500_page(response)
