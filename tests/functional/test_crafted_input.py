"""Crafted requests (issue 14, point 5) get a 4xx that says what to do, never a 500, and a
redirect never leaves the site whatever its target says."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from caseboard.curation import editions
from caseboard.errors import ServiceError
from caseboard.extensions import db
from caseboard.models import Case, Edition, Member, Notification, Role
from caseboard.notifications.services import notify
from tests.conftest import CASE_FIELDS, PASSWORD, shown
from tests.functional.moderation_helpers import become_moderator


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _member(username: str) -> Member:
    return db.session.scalar(select(Member).where(Member.username == username))


# -- (a) the inbox's timestamp ------------------------------------------------------------


def test_marking_read_through_a_moment_beyond_the_calendar_is_refused(client, auth):
    member = _member(auth.register())
    notify(member.id, "closed", "Your case closed.")
    db.session.commit()
    response = client.post("/inbox/read", data={"through": "999999999999999999"})
    assert response.status_code == 400
    assert "Reload your inbox and try again" in response.text
    db.session.expire_all()
    assert db.session.scalar(select(Notification.read_at)) is None


# -- (b) a file where text belongs ----------------------------------------------------------


def test_a_file_sent_as_a_case_field_is_refused_and_the_rest_given_back(client, auth):
    auth.register()
    fields = {**CASE_FIELDS, "action": "post", "situation": (io.BytesIO(b"A story"), "s.txt")}
    response = client.post("/cases/new", data=fields, content_type="multipart/form-data")
    assert response.status_code == 422
    assert shown(CASE_FIELDS["title"]) in response.text
    assert shown(CASE_FIELDS["help_wanted"]) in response.text
    assert _count(Case) == 0


# -- (c) a week far outside the calendar anyone uses ------------------------------------------


def test_starting_an_edition_for_the_year_9999_is_refused(client, auth):
    become_moderator(client, auth)
    response = client.post("/mod/highlights", data={"week": "9999-W52"})
    assert response.status_code == 422
    assert "of the years 2000 to 2100" in response.text
    assert "9999-W52" in response.text  # what was typed stays in the field
    assert _count(Edition) == 0


def test_an_edition_stored_for_the_year_9999_is_not_found(client, auth):
    become_moderator(client, auth)
    db.session.add(Edition(iso_year=9999, iso_week=52))  # as the tester's request made one
    db.session.commit()
    for path in ("/mod/highlights/9999-W52", "/mod/highlights/9999-W52/preview"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "There is no edition for that week." in response.text
    assert client.get("/highlights/9999-W52").status_code == 404


def test_the_edition_service_refuses_a_week_outside_the_years_it_serves(app, make_member):
    mod = make_member()
    mod.role = Role.MODERATOR
    db.session.commit()
    for year in (1999, 2101, 9999):
        with pytest.raises(ServiceError, match="of the years 2000 to 2100"):
            editions.start_edition(mod, year, 1)
    assert editions.start_edition(mod, 2100, 52).key == "2100-W52"


# -- (d), (e) where a redirect goes -------------------------------------------------------------


@pytest.mark.parametrize("target", ["/%0A/evil.example", "/%0D%0A//evil", "/%09/evil.example/"])
def test_a_login_next_with_a_newline_or_tab_goes_home(client, auth, target):
    username = auth.register()
    auth.logout()
    credentials = {"username": username, "password": PASSWORD}
    response = client.post(f"/login?next={target}", data=credentials)  # decoded: "/\n/evil..."
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def _act(client, make_case, target: str):
    case = make_case()
    data = {"action": "lock", "reason_code": "unkind", "next": target}
    return client.post(f"/mod/content/case/{case.public_id}/act", data=data)


def test_a_moderator_action_next_with_a_newline_goes_back_to_the_queue(client, auth, make_case):
    become_moderator(client, auth)
    response = _act(client, make_case, "/\n/evil.example")
    assert response.status_code == 302
    assert response.headers["Location"] == "/mod/queue"


def test_a_moderator_action_next_with_a_tab_before_a_host_stays_on_this_site(
    client, auth, make_case
):
    become_moderator(client, auth)
    response = _act(client, make_case, "/\t/evil.example/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/mod/queue"


def test_a_moderator_action_next_on_this_site_is_followed(client, auth, make_case):
    become_moderator(client, auth)
    response = _act(client, make_case, "/mod/items/abc?x=1")
    assert response.headers["Location"] == "/mod/items/abc?x=1"


# -- found by the fuzzer (tests/functional/test_fuzz_forms.py) --------------------------------


@pytest.mark.parametrize("body", ['" "', '[""]', "5", '{"username": 5, "password": ["x"]}'])
def test_a_json_body_is_not_read_as_a_form(client, body):
    response = client.post("/register", data=body, content_type="application/json")
    assert response.status_code == 415
    assert "Send it from the form on its page" in response.text


def test_a_multipart_part_without_a_name_is_dropped_and_the_rest_given_back(client):
    body = (
        b'--b\r\nContent-Disposition: form-data; name="\\"\r\n\r\nstray\r\n'
        b'--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nMy typed title\r\n--b--\r\n'
    )
    response = client.post("/cases/new", data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 401  # logged out: the page gives back what was typed
    assert "My typed title" in response.text


@pytest.mark.parametrize("through", [" ", "\r\n"])
def test_marking_read_through_a_blank_stamp_marks_everything_read(client, auth, through):
    member = _member(auth.register())
    notify(member.id, "closed", "Your case closed.")
    db.session.commit()
    response = client.post("/inbox/read", data={"through": through})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Notification.read_at)) is not None
