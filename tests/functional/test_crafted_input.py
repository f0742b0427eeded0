"""Crafted requests (issue 14, point 5) get a 4xx that says what to do, never a 500, and a
redirect never leaves the site whatever its target says."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from caseboard.extensions import db
from caseboard.models import Case, Member, Notification
from caseboard.notifications.services import notify
from tests.conftest import CASE_FIELDS, shown


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
