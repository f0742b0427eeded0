"""Crafted requests (issue 14, point 5) get a 4xx that says what to do, never a 500, and a
redirect never leaves the site whatever its target says."""

from __future__ import annotations

from sqlalchemy import func, select

from caseboard.extensions import db
from caseboard.models import Member, Notification
from caseboard.notifications.services import notify


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
