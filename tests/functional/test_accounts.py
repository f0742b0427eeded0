import json

from rq import Worker
from sqlalchemy import func, select

from caseboard.extensions import db, redis_connection
from caseboard.models import Case, Member, Reply, Verdict
from tests.conftest import CASE_FIELDS, PASSWORD, REASONING


def test_register_logs_the_new_member_in(client, auth):
    auth.register("newcomer")
    assert "Your account" in client.get("/").text


def test_register_refuses_a_taken_username_and_keeps_the_form(client, auth):
    auth.register("taken")
    auth.logout()
    response = client.post(
        "/register",
        data={
            "username": "taken",
            "email": "a@example.org",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    assert response.status_code == 422
    assert "already taken" in response.text
    assert 'value="a@example.org"' in response.text


def test_register_explains_what_to_fix(client):
    response = client.post(
        "/register", data={"username": "x", "password": "short", "confirm": "other"}
    )
    assert response.status_code == 422
    assert "Use 3 to 30 characters." in response.text
    assert "Use 10 to 200 characters for your password." in response.text
    assert db.session.scalar(select(func.count()).select_from(Member)) == 0


def test_login_with_a_wrong_password_says_nothing_about_which_part(client, auth):
    auth.register("someone")
    auth.logout()
    response = auth.login("someone", "not the password")
    assert response.status_code == 401
    assert "do not match an account" in response.text
    assert auth.login("nobody-here", PASSWORD).text.count("do not match an account") == 1


def test_login_follows_only_local_next_addresses(client, auth):
    auth.register("traveller")
    auth.logout()
    response = client.post(
        "/login?next=https://evil.example/", data={"username": "traveller", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"
    auth.logout()
    response = client.post(
        "/login?next=/cases/new", data={"username": "traveller", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/cases/new"


def test_logout_needs_a_post(client, auth):
    auth.register()
    assert client.get("/logout").status_code == 405
    auth.logout()
    assert "Log in" in client.get("/").text


def test_change_password_needs_the_current_one(client, auth):
    auth.register("changer")
    refused = client.post(
        "/account/password",
        data={
            "current": "wrong password",
            "password": "a new password",
            "confirm": "a new password",
        },
    )
    assert refused.status_code == 422
    assert "current password is not right" in refused.text
    client.post(
        "/account/password",
        data={"current": PASSWORD, "password": "a new password", "confirm": "a new password"},
    )
    auth.logout()
    assert auth.login("changer", PASSWORD).status_code == 401
    assert auth.login("changer", "a new password").status_code == 302


def test_export_gives_the_member_everything_they_wrote(client, auth, make_case):
    case = make_case()
    auth.register("exporter", email="me@example.org")
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING})
    client.post("/cases/new", data={**CASE_FIELDS, "action": "post"})
    response = client.get("/account/export")
    assert response.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(response.data)
    assert data["account"] == {
        "username": "exporter",
        "email": "me@example.org",
        "email_waiting_for_confirmation": None,
        "created_at": data["account"]["created_at"],
    }
    assert [verdict["reasoning"] for verdict in data["verdicts"]] == [REASONING]
    assert [item["title"] for item in data["cases"]] == [CASE_FIELDS["title"]]


def test_deleting_and_keeping_content_leaves_it_under_its_pseudonym(client, auth, make_case):
    case = make_case()
    auth.register("leaver", email="leaver@example.org")
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "YTA", "reasoning": REASONING})
    before = client.get(f"/cases/{case.public_id}").text
    response = client.post(
        "/account/delete", data={"delete-content": "keep", "delete-password": PASSWORD}
    )
    assert response.status_code == 302
    after = client.get(f"/cases/{case.public_id}").text
    assert REASONING in after
    alias = before.split('<span class="alias">')[2].split("<")[0]
    assert alias in after
    assert db.session.scalar(select(Member).where(Member.username == "leaver")) is None
    assert db.session.scalar(select(Member).where(Member.email == "leaver@example.org")) is None
    assert auth.login("leaver").status_code == 401


def test_deleting_and_removing_content_runs_through_the_worker(client, auth, make_case, app):
    others_case = make_case()
    auth.register("remover")
    client.post(
        f"/cases/{others_case.public_id}/verdicts", data={"label": "YTA", "reasoning": REASONING}
    )
    client.post(f"/cases/{others_case.public_id}/replies", data={"body": "A comment of mine."})
    client.post("/cases/new", data={**CASE_FIELDS, "action": "post"})
    response = client.post(
        "/account/delete", data={"delete-content": "remove", "delete-password": PASSWORD}
    )
    assert response.status_code == 302

    Worker([redis_connection.queue()], connection=redis_connection.client).work(burst=True)

    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Verdict)) == 0
    assert db.session.scalar(select(func.count()).select_from(Case)) == 1
    comment = db.session.scalar(select(Reply))
    assert comment.deleted_at is not None and comment.body_md == ""
    refreshed = db.session.get(Case, others_case.id)
    assert (refreshed.verdict_count, refreshed.yta_count, refreshed.reply_count) == (0, 0, 0)


def test_delete_account_needs_the_password(client, auth):
    auth.register("careful")
    response = client.post(
        "/account/delete", data={"delete-content": "keep", "delete-password": "wrong password"}
    )
    assert response.status_code == 422
    assert "That password is not right." in response.text
    assert db.session.scalar(select(Member).where(Member.username == "careful")) is not None


def test_login_is_rate_limited(make_app):
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    statuses = [
        client.post("/login", data={"username": "x" * 5, "password": "y" * 12}).status_code
        for _ in range(4)
    ]
    assert statuses == [401, 401, 401, 429]
    assert "too often" in client.post("/login", data={}).text


def test_registration_is_rate_limited(make_app):
    app = make_app(RATELIMIT_ENABLED=True, REGISTER_RATE_LIMIT="2 per hour")
    client = app.test_client()
    for name in ("first1", "second2"):
        data = {"username": name, "password": PASSWORD, "confirm": PASSWORD}
        assert client.post("/register", data=data).status_code == 302
        client.post("/logout")
    data = {"username": "third3", "password": PASSWORD, "confirm": PASSWORD}
    assert client.post("/register", data=data).status_code == 429
