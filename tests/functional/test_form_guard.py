"""The form guard: a honeypot and a signed render time on registration, cases, verdicts and
replies. What looks scripted is never dropped: an account starts limited, a post waits for a
moderator, and the person is told why in plain words."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from itsdangerous import URLSafeSerializer
from sqlalchemy import select

from caseboard import form_guard
from caseboard.extensions import db
from caseboard.models import Case, ContentStatus, Member, ModerationItem, Reply, Verdict
from caseboard.models.base import utcnow
from caseboard.moderation import subjects
from caseboard.moderation.checks.form_signals import MESSAGES
from tests.conftest import CASE_FIELDS, PASSWORD, REASONING, shown
from tests.functional.form_guard_helpers import (
    GUARDED,
    as_a_person,
    hidden_fields,
    render_token,
    session_mark,
)

LIMITED_FOR_SIGNALS = "the form looked as if a script had sent it"


@pytest.fixture
def guarded(app, make_app):
    """A browser-like client on an app with the bot defences on."""
    return make_app(**GUARDED).test_client()


def register(client, username: str = "newcomer", **guard):
    data = {"username": username, "email": "", "password": PASSWORD, "confirm": PASSWORD}
    return client.post("/register", data={**data, **guard}, follow_redirects=True)


def member_named(username: str) -> Member:
    db.session.expire_all()
    return db.session.scalar(select(Member).where(Member.username == username))


def log_in(client, member: Member) -> None:
    response = client.post("/login", data={"username": member.username, "password": PASSWORD})
    assert response.status_code == 302


def findings_of(item) -> list[dict]:
    db.session.expire_all()
    moderation = db.session.scalar(
        select(ModerationItem).where(ModerationItem.subject_key == subjects.key_of(item))
    )
    return json.loads(moderation.findings_json)


# Registration


def test_a_registration_sent_as_a_person_would_starts_unlimited(guarded):
    response = register(guarded, **as_a_person(guarded, "register"))
    assert response.status_code == 200
    assert "Welcome." in response.text
    assert "moderator" not in response.text
    assert member_named("newcomer").limited_reason is None


def test_a_filled_honeypot_makes_the_account_but_starts_it_limited(guarded):
    fields = as_a_person(guarded, "register", website="https://cheap-pills.example")
    response = register(guarded, **fields)
    assert response.status_code == 200
    assert "Welcome." in response.text
    assert LIMITED_FOR_SIGNALS in response.text
    assert shown("A moderator reads each case, verdict and reply you post") in response.text
    assert member_named("newcomer").limited_reason == "form_signals"


def test_a_registration_sent_faster_than_people_type_without_the_proof_starts_limited(guarded):
    fields = as_a_person(guarded, "register", seconds_ago=0.5)
    del fields["altcha"]
    response = register(guarded, **fields)
    assert LIMITED_FOR_SIGNALS in response.text
    assert member_named("newcomer").limited_reason == "form_signals"


def test_a_registration_sent_fast_with_the_proof_of_work_starts_unlimited(guarded):
    """A password manager fills the form in at once; the proof of work shows a browser."""
    response = register(guarded, **as_a_person(guarded, "register", seconds_ago=0.5))
    assert "moderator" not in response.text
    assert member_named("newcomer").limited_reason is None


def test_a_fast_registration_with_the_proof_and_the_honeypot_filled_starts_limited(guarded):
    fields = as_a_person(guarded, "register", seconds_ago=0.5, website="spam.example")
    register(guarded, **fields)
    assert member_named("newcomer").limited_reason == "form_signals"


def test_a_registration_just_past_the_minimum_time_is_not_too_fast(guarded):
    register(guarded, **as_a_person(guarded, "register", seconds_ago=3.5))
    assert member_named("newcomer").limited_reason is None


def test_a_forged_render_time_counts_as_none(guarded):
    forged = URLSafeSerializer("not-our-key", salt="caseboard-form-guard:register").dumps(1.0)
    register(guarded, **as_a_person(guarded, "register", form_rendered=forged))
    assert member_named("newcomer").limited_reason == "form_signals"


def test_a_render_time_signed_for_another_form_counts_as_none(guarded):
    verdict_token = render_token(guarded, "verdict")
    register(guarded, **as_a_person(guarded, "register", form_rendered=verdict_token))
    assert member_named("newcomer").limited_reason == "form_signals"


def test_a_registration_without_any_guard_fields_is_made_and_limited(guarded):
    response = register(guarded)
    assert response.status_code == 200
    assert "Welcome." in response.text
    assert member_named("newcomer").limited_reason == "form_signals"


def test_a_refused_registration_keeps_its_first_render_time(guarded):
    token = render_token(guarded, "register")
    response = guarded.post(
        "/register",
        data={"username": "x", "password": PASSWORD, "confirm": PASSWORD, "form_rendered": token},
    )
    assert response.status_code == 422
    assert hidden_fields(response.text)["form_rendered"] == token


def test_registration_keeps_its_rate_limits(app, make_app):
    client = make_app(**GUARDED, RATELIMIT_ENABLED=True, REGISTER_RATE_LIMIT="1 per hour")
    client = client.test_client()
    assert register(client, "first", **as_a_person(client, "register")).status_code == 200
    response = client.post(
        "/register",
        data={"username": "second", "password": PASSWORD, "confirm": PASSWORD},
    )
    assert response.status_code == 429
    assert member_named("second") is None


def test_the_honeypot_is_hidden_from_everyone_and_tells_a_screen_reader_to_leave_it(guarded):
    html = guarded.get("/register").text
    trap = html[html.index('<div class="trap"') :]
    trap = trap[: trap.index("</div>")]
    assert 'aria-hidden="true"' in trap
    assert 'name="website"' in trap and 'tabindex="-1"' in trap and 'autocomplete="off"' in trap
    assert "Leave this empty" in trap
    rendered, mark = form_guard.read_token("register", hidden_fields(html)["form_rendered"])
    assert abs(rendered - time.time()) < 5 and mark == session_mark(guarded)


# Posts by a member


@pytest.fixture
def member(guarded, make_member):
    """A member registered long enough ago to need no proof of work, logged in."""
    someone = make_member("longstanding")
    someone.created_at = utcnow() - timedelta(days=30)
    db.session.commit()
    log_in(guarded, someone)
    return someone


def give_verdict(client, case, **guard):
    return client.post(
        f"/cases/{case.public_id}/verdicts",
        data={"label": "NTA", "reasoning": REASONING, **guard},
        follow_redirects=True,
    )


def only(model):
    db.session.expire_all()
    return db.session.scalar(select(model))


def test_a_verdict_sent_as_a_person_would_is_published(guarded, member, make_case):
    case = make_case()
    response = give_verdict(guarded, case, **as_a_person(guarded, "verdict"))
    assert "Your verdict is in." in response.text
    assert only(Verdict).status == ContentStatus.PUBLISHED


def test_a_verdict_with_the_honeypot_filled_is_held_and_its_author_told_why(
    guarded, member, make_case
):
    case = make_case()
    fields = as_a_person(guarded, "verdict", website="buy now")
    response = give_verdict(guarded, case, **fields)
    verdict = only(Verdict)
    assert verdict.status == ContentStatus.HELD
    assert "Your verdict is saved and waits for a moderator" in response.text
    assert shown(MESSAGES["honeypot"]) in response.text
    assert [(f["check"], f["kind"]) for f in findings_of(verdict)] == [("form_signals", "honeypot")]


def test_a_case_sent_faster_than_people_type_is_held(guarded, member):
    fields = as_a_person(guarded, "case", seconds_ago=2)  # the case form's minimum is 10 s
    response = guarded.post(
        "/cases/new", data={**CASE_FIELDS, "action": "post", **fields}, follow_redirects=True
    )
    case = only(Case)
    assert case.status == ContentStatus.HELD
    assert shown(MESSAGES["too_fast"]) in response.text
    assert shown("faster than people usually type") in response.text


def test_a_new_members_verdict_sent_fast_with_the_proof_of_work_is_published(
    guarded, make_member, make_case
):
    case = make_case()
    log_in(guarded, make_member("new-and-quick"))  # a day old: the proof of work is asked
    give_verdict(guarded, case, **as_a_person(guarded, "verdict", seconds_ago=1))
    verdict = only(Verdict)
    assert verdict.status == ContentStatus.PUBLISHED
    assert db.session.scalar(select(ModerationItem)) is None


def test_a_reply_without_a_render_time_is_held(guarded, member, make_case):
    case = make_case()
    fields = as_a_person(guarded, "reply")
    del fields["form_rendered"]
    response = guarded.post(
        f"/cases/{case.public_id}/replies",
        data={"body": "Did your manager know about the family event?", **fields},
        follow_redirects=True,
    )
    reply = only(Reply)
    assert reply.status == ContentStatus.HELD
    assert shown(MESSAGES["no_render_time"]) in response.text


def comment_with_token_from(client, page_client, case):
    """A comment sent by `client` with the render time the case page gave `page_client`
    (the comment form is the page's last)."""
    token = hidden_fields(page_client.get(f"/cases/{case.public_id}").text)["form_rendered"]
    client.post(
        f"/cases/{case.public_id}/replies",
        data={"body": "Did you ask them?", **as_a_person(client, "reply"), "form_rendered": token},
    )
    return [f["kind"] for f in findings_of(only(Reply))]


def test_a_render_time_shown_to_another_browser_session_counts_as_none(
    guarded, member, make_app, make_case
):
    """A token fetched once is no use to a script in a session of its own."""
    elsewhere = make_app(**GUARDED).test_client()
    log_in(elsewhere, member)
    assert comment_with_token_from(guarded, elsewhere, make_case()) == ["no_render_time"]


def test_a_render_time_sent_back_in_its_own_session_is_read(guarded, member, make_case):
    assert comment_with_token_from(guarded, guarded, make_case()) == ["too_fast"]


def test_a_case_preview_keeps_the_time_its_form_was_first_shown(guarded, member):
    first = guarded.get("/cases/new")
    token = hidden_fields(first.text)["form_rendered"]
    preview = guarded.post(
        "/cases/new", data={**CASE_FIELDS, "action": "preview", "form_rendered": token}
    )
    assert preview.status_code == 200
    assert hidden_fields(preview.text)["form_rendered"] == token


def test_edits_carry_no_guard_and_are_not_held_for_it(guarded, member, make_case):
    case = make_case()
    give_verdict(guarded, case, **as_a_person(guarded, "verdict"))
    verdict = only(Verdict)
    response = guarded.post(
        f"/verdicts/{verdict.public_id}/edit",
        data={"label": "NAH", "reasoning": REASONING + " On reflection, nobody is."},
    )
    assert response.status_code == 302
    assert only(Verdict).status == ContentStatus.PUBLISHED


# The case page's forms are shared HTML: each member gets their own render time in them.


def test_each_member_gets_a_fresh_render_time_on_the_shared_case_page(
    make_app, make_member, make_case
):
    case = make_case()
    tokens = []
    for name in ("first-reader", "second-reader"):
        client = make_app(**GUARDED).test_client()
        log_in(client, make_member(name))
        html = client.get(f"/cases/{case.public_id}").text
        assert "<!--cb:guard" not in html
        assert html.count('name="website"') == 2  # the verdict and the comment form
        tokens.append(hidden_fields(html)["form_rendered"])
        time.sleep(0.01)
    assert tokens[0] != tokens[1]
    assert all(abs(form_guard.read_token("reply", t)[0] - time.time()) < 5 for t in tokens)


def test_only_a_new_member_gets_the_proof_of_work_on_the_case_page(
    make_app, make_member, make_case
):
    case = make_case()
    established = make_member("established")
    established.created_at = utcnow() - timedelta(days=30)
    db.session.commit()
    pages = {}
    for someone in (make_member("brand-new"), established):
        client = make_app(**GUARDED).test_client()
        log_in(client, someone)
        pages[someone.username] = client.get(f"/cases/{case.public_id}").text
    assert pages["brand-new"].count("<altcha-widget") == 2
    assert "proof_of_work.js" in pages["brand-new"]
    assert "<altcha-widget" not in pages["established"]
    assert "proof_of_work.js" not in pages["established"]


def test_readers_get_no_guard_and_no_widget(guarded, make_case):
    case = make_case()
    html = guarded.get(f"/cases/{case.public_id}").text
    assert 'name="website"' not in html and "<altcha-widget" not in html
    assert "proof_of_work.js" not in guarded.get("/").text
