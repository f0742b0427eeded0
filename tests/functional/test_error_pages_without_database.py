"""While the database cannot be reached, pages answer 503 with Retry-After and say what to do,
rendered without it (no member, no header counts); other failures keep their 500 page, which
needs no database either. The database is made unreachable for real: the app under test points
at a SQLite file in a folder that does not exist, or at a PostgreSQL port nothing listens on.
"""

from __future__ import annotations

import logging
import socket
import sqlite3
import time
import uuid

import pytest
from sqlalchemy import create_engine, exc, text

from caseboard.config import DATABASE_CONNECT_SECONDS
from caseboard.web import DATABASE_RETRY_SECONDS, database_unreachable
from tests.conftest import CASE_FIELDS, ON_POSTGRES, PASSWORD, shown

READING_PAGES = ["/", "/new", "/top", "/search?q=on-call", "/library", "/cases/abcdefgh"]
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


def assert_unavailable(response, *words: str) -> None:
    assert response.status_code == 503, response.text
    assert int(response.headers["Retry-After"]) == DATABASE_RETRY_SECONDS
    assert "Back in a moment" in response.text
    assert "cannot reach its database" in response.text
    for word in words:
        assert word in response.text
    # The whole page, with its landmarks, but nothing about the account.
    assert '<main id="main"' in response.text and "Moderation log" in response.text
    assert 'aria-label="Account"' not in response.text


@pytest.mark.parametrize("path", READING_PAGES)
def test_a_reading_page_says_to_reload_and_that_nothing_was_lost(down_app, path):
    response = down_app.test_client().get(path)
    assert_unavailable(response, "Nothing was lost", "Reload this page")


def test_a_logged_in_member_gets_the_same_page_not_a_bare_500(down_app, member_cookie):
    down = logged_in(down_app, member_cookie)
    for path in ("/", "/inbox", "/account"):
        assert_unavailable(down.get(path), "Nothing was lost")


def test_another_error_page_that_needed_the_database_becomes_this_one(down_app, member_cookie):
    # A 404's page shows the member's header, which needs the database.
    assert_unavailable(logged_in(down_app, member_cookie).get("/no/such/page"))


def test_a_post_gives_back_what_the_member_wrote(down_app, member_cookie):
    response = logged_in(down_app, member_cookie).post(
        "/cases/new", data={**CASE_FIELDS, "action": "post"}
    )
    assert_unavailable(response, "was not saved", "send it again")
    assert shown(CASE_FIELDS["title"]) in response.text
    assert shown(CASE_FIELDS["situation"]) in response.text


def test_a_login_gives_back_the_username_but_never_the_password(down_app):
    response = down_app.test_client().post(
        "/login", data={"username": "someone-logging-in", "password": PASSWORD}
    )
    assert_unavailable(response, "someone-logging-in", "Passwords are never given back")
    assert PASSWORD not in response.text


def test_healthz_answers_503_in_json(down_app):
    response = down_app.test_client().get("/healthz")
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) == DATABASE_RETRY_SECONDS
    assert response.get_json() == {"status": "database unreachable"}


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


def test_no_error_message_reaches_the_page_or_the_log(
    make_app, down_app, member_cookie, unreachable_url, caplog
):
    _, marker = unreachable_url
    failing = make_app()
    add_failing_route(failing)
    caplog.set_level(logging.INFO)
    unavailable = logged_in(down_app, member_cookie).post("/cases/new", data=CASE_FIELDS)
    failed = failing.test_client().get("/test-only/fails")
    assert unavailable.status_code == 503 and failed.status_code == 500
    logged = "\n".join(
        record.getMessage() + (record.exc_text or "")
        for record in caplog.records
        if record.levelno >= logging.WARNING
    )
    assert "database unreachable (OperationalError) on POST /cases/new" in logged
    assert "unhandled RuntimeError on GET /test-only/fails" in logged
    for leaked in (marker, SECRET, "unable to open", "Connection refused", "connection failed"):
        assert leaked not in unavailable.text
        assert leaked not in failed.text
        assert leaked not in logged


# -- which errors mean "unreachable": real ones, from real databases -------------------------


def error_from(url: str, *statements: str, connect_args: dict | None = None) -> exc.DBAPIError:
    engine = create_engine(url, connect_args=connect_args or {})
    try:
        with engine.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
    except exc.DBAPIError as error:
        return error
    finally:
        engine.dispose()
    raise AssertionError("no error")


def test_a_sqlite_file_that_cannot_be_opened_is_unreachable(tmp_path):
    error = error_from(f"sqlite:///{tmp_path / 'missing' / 'caseboard.sqlite'}", "SELECT 1")
    assert database_unreachable(error) and database_unreachable(error.orig)


def test_a_refused_postgresql_connection_is_unreachable():
    url = f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/x"
    assert database_unreachable(error_from(url, "SELECT 1"))


def test_a_locked_or_broken_sqlite_database_is_not_unreachable(tmp_path):
    path = tmp_path / "locked.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")  # another writer, mid-transaction
    try:
        locked = error_from(
            f"sqlite:///{path}", "PRAGMA busy_timeout = 0", "INSERT INTO t VALUES (1)"
        )
    finally:
        holder.close()
    assert "database is locked" in str(locked.orig)
    assert not database_unreachable(locked)
    missing_table = error_from(f"sqlite:///{path}", "SELECT * FROM no_such_table")
    assert isinstance(missing_table, exc.OperationalError)
    assert not database_unreachable(missing_table)
    assert not database_unreachable(RuntimeError("database is locked"))


@pytest.mark.postgres_only
def test_a_connection_the_server_ended_is_unreachable(database_url):
    # What a restart does: the server ends the session (57P01, "administrator command").
    error = error_from(database_url, "SELECT pg_terminate_backend(pg_backend_pid())")
    assert error.orig.sqlstate == "57P01"
    assert database_unreachable(error)


@pytest.mark.postgres_only
def test_a_statement_timeout_is_not_unreachable(database_url):
    error = error_from(database_url, "SET statement_timeout = 1", "SELECT pg_sleep(1)")
    assert isinstance(error, exc.OperationalError) and error.orig.sqlstate == "57014"
    assert not database_unreachable(error)


def test_a_postgresql_host_that_never_answers_gets_the_page_within_seconds(app, make_app):
    """A server that takes the connection and then says nothing (a hung host, packets
    dropped) is given up on after DATABASE_CONNECT_SECONDS, not after the kernel's minutes."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # the handshake completes; nothing ever answers
        port = silent.getsockname()[1]
        hung = make_app(SQLALCHEMY_DATABASE_URI=f"postgresql+psycopg://postgres@127.0.0.1:{port}/x")
        started = time.monotonic()
        response = hung.test_client().get("/healthz")
        waited = time.monotonic() - started
    assert response.status_code == 503
    assert waited < 3 * DATABASE_CONNECT_SECONDS  # pre-ping and a retry may each wait once
