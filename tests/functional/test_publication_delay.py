"""A case appears a random few minutes after it is let through, so the time others see does
not match the moment its author wrote it (or a moderator approved it)."""

from datetime import timedelta

import pytest
from flask import current_app
from sqlalchemy import select, update

from caseboard import worker
from caseboard.cases import services
from caseboard.extensions import db
from caseboard.models import Case, ContentStatus, Notification
from caseboard.models.base import utcnow
from tests.conftest import AuthActions
from tests.functional.moderation_helpers import become_moderator, decide, held_case, post_case

DELAY = (120, 600)


@pytest.fixture
def delayed(app, make_app):
    """Browser-like clients of apps that show cases DELAY seconds after they are let through,
    each on an app of its own (as the `client` fixture is), and that setting in the test's
    own context."""
    with make_app(CASE_PUBLISH_DELAY_SECONDS=DELAY).app_context():
        yield lambda: make_app(CASE_PUBLISH_DELAY_SECONDS=DELAY).test_client()


def _post(client, username: str) -> Case:
    AuthActions(client).register(username)
    response = post_case(client)
    assert response.status_code == 302, response.text
    return db.session.scalars(select(Case).order_by(Case.id.desc())).first()


def _time_passes_until(case: Case) -> None:
    """As if the case's moment to appear had come."""
    db.session.execute(update(Case).where(Case.id == case.id).values(published_at=utcnow()))
    db.session.commit()


def test_a_case_let_through_waits_a_random_few_minutes_seen_only_by_its_author(delayed):
    author, reader = delayed(), delayed()
    before = utcnow()
    case = _post(author, "writer")
    assert case.status == ContentStatus.SCHEDULED
    assert before + timedelta(seconds=DELAY[0]) <= case.published_at
    assert case.published_at <= utcnow() + timedelta(seconds=DELAY[1])
    page = author.get(f"/cases/{case.public_id}", follow_redirects=True).text
    assert "appears on the board in a few minutes" in page
    assert reader.get(f"/cases/{case.public_id}").status_code == 404
    assert f"/cases/{case.public_id}" not in reader.get("/new").text


def test_a_case_is_published_once_when_its_time_comes(delayed):
    reader = delayed()
    case = _post(delayed(), "writer")
    assert services.publish_due_cases() == 0
    _time_passes_until(case)
    shown_at = utcnow()
    assert services.publish_due_cases(now=shown_at) == 1
    assert services.publish_due_cases(now=shown_at) == 0
    db.session.refresh(case)
    assert case.status == ContentStatus.PUBLISHED
    assert case.published_at == shown_at
    assert case.closes_at == shown_at + timedelta(hours=current_app.config["CASE_WINDOW_HOURS"])
    assert reader.get(f"/cases/{case.public_id}").status_code == 200
    assert f"/cases/{case.public_id}" in reader.get("/new").text


def test_the_periodic_pass_publishes_a_case_whose_job_was_lost(delayed):
    case = _post(delayed(), "writer")
    _time_passes_until(case)
    worker.periodic_pass()
    db.session.refresh(case)
    assert case.status == ContentStatus.PUBLISHED


def test_a_case_a_moderator_approves_waits_a_random_few_minutes_too(delayed):
    client = delayed()
    auth = AuthActions(client)
    case, item = held_case(client, auth)
    become_moderator(client, auth)
    before = utcnow()
    assert decide(client, item.public_id, "approve").status_code == 302
    db.session.refresh(case)
    assert case.status == ContentStatus.SCHEDULED
    assert case.published_at >= before + timedelta(seconds=DELAY[0])
    told = db.session.scalar(
        select(Notification.message).where(Notification.member_id == case.author_id)
    )
    assert told.endswith("It appears on the board in a few minutes.")
