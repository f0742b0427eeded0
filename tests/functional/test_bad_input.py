"""Hostile and broken requests get a 4xx that says what to do, and lose nothing."""

from sqlalchemy import func, select

from caseboard.extensions import db
from caseboard.models import Case
from tests.conftest import CASE_FIELDS, PASSWORD


def test_a_form_without_csrf_token_is_refused_and_given_back(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    response = client.post("/cases/new", data={**CASE_FIELDS, "action": "post"})
    assert response.status_code == 400
    assert "security token was missing or had expired" in response.text
    assert CASE_FIELDS["situation"] in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 0


def test_a_real_csrf_token_lets_the_form_through(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/register").text
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post(
        "/register",
        data={
            "csrf_token": token,
            "username": "tokened",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    assert response.status_code == 302


def test_an_htmx_request_can_send_the_token_in_a_header(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    token = client.get("/register").text.split('name="csrf_token" value="')[1].split('"')[0]
    client.post(
        "/register",
        data={"csrf_token": token, "username": "htmxer", "password": PASSWORD, "confirm": PASSWORD},
    )
    page = client.get("/").text
    header_token = page.split('"X-CSRFToken": "')[1].split('"')[0]
    response = client.post("/logout", headers={"X-CSRFToken": header_token, "HX-Request": "true"})
    assert response.status_code == 302


def test_a_body_over_one_megabyte_gets_a_413_that_explains(client, auth):
    auth.register()
    response = client.post(
        "/cases/new", data={**CASE_FIELDS, "situation": "x" * (1024 * 1024 + 1), "action": "post"}
    )
    assert response.status_code == 413
    assert "larger than 1 MB" in response.text
    assert "Back" in response.text


def test_unknown_pages_and_methods_get_helpful_errors(client):
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and "nothing at this address" in missing.text
    assert client.delete("/").status_code == 405


def test_htmx_errors_come_back_as_fragments(client, auth):
    auth.register()
    response = client.post(
        "/verdicts/424242/vote", data={"helpful": "yes"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 404
    assert "<html" not in response.text and 'role="alert"' in response.text


def test_an_unexpected_error_is_a_500_page_without_details(make_app, monkeypatch):
    app = make_app()

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("caseboard.cases.queries.list_cases", explode)
    response = app.test_client().get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "secret internals" not in response.text


def test_pages_send_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_healthz_answers(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_a_logged_out_post_gives_back_what_was_written(client):
    response = client.post("/cases/new", data={**CASE_FIELDS, "action": "post"})
    assert response.status_code == 401
    assert "not logged in" in response.text
    assert CASE_FIELDS["situation"] in response.text


def test_a_logged_out_reader_is_sent_to_log_in_and_back(client):
    response = client.get("/cases/new")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/cases/new"


def test_odd_numbers_and_ids_are_not_errors(client, auth, make_case):
    case = make_case()
    auth.register()
    for path in ("/?page=²", "/search?q=call&page=٣", f"/cases/{case.public_id}?page=99999999999"):
        assert client.get(path).status_code == 200, path
    for path in ("/cases/%00x", "/verdicts/" + "9" * 30 + "/edit", "/replies/%F0%9F%99%83/edit"):
        assert client.get(path).status_code == 404, path
    response = client.post(
        f"/cases/{case.public_id}/replies", data={"body": "kept words", "verdict_id": "²"}
    )
    assert response.status_code == 404 and "kept words" in response.text


def test_a_nul_byte_in_a_login_is_refused_politely(client):
    response = client.post("/login", data={"username": "bad\x00name", "password": "x" * 12})
    assert response.status_code == 422


def test_stray_query_arguments_do_not_reach_links(client, make_case):
    for _ in range(3):
        make_case()
    app = client.application
    app.config["CASES_PER_PAGE"] = 1
    page = client.get("/new?_method=DELETE&_external=1&discipline=engineering").text
    assert 'href="/new?page=2&amp;discipline=engineering"' in page
    assert "_method" not in page and "http://" not in page.split("<main")[1]
