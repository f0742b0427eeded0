"""The proof of work (self-hosted ALTCHA): challenges from our own address, solutions checked
here, each accepted once; without one, registration still works and the account starts
limited, and a new member's post waits for a moderator."""

from __future__ import annotations

import base64
import json
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from caseboard import proof_of_work
from caseboard.extensions import db
from caseboard.models import ContentStatus, Member, ModerationItem, Verdict
from caseboard.models.base import utcnow
from caseboard.moderation import subjects
from caseboard.moderation.checks.form_signals import MESSAGES
from tests.conftest import PASSWORD, REASONING, TEST_SECRET_KEY, shown
from tests.functional.form_guard_helpers import GUARDED, as_a_person, solved

NO_JAVASCRIPT_WORDS = "your browser did not run the small check"


@pytest.fixture
def guarded(app, make_app):
    return make_app(**GUARDED).test_client()


def register(client, username: str, **guard):
    data = {"username": username, "password": PASSWORD, "confirm": PASSWORD}
    return client.post("/register", data={**data, **guard}, follow_redirects=True)


def limited_reason(username: str) -> str | None:
    db.session.expire_all()
    return db.session.scalar(select(Member.limited_reason).where(Member.username == username))


def test_the_challenge_needs_no_login_and_is_never_cached(guarded):
    response = guarded.get("/proof-of-work/challenge")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    challenge = response.get_json()
    assert challenge["parameters"]["algorithm"] == "PBKDF2/SHA-256"
    assert challenge["parameters"]["expiresAt"] > time.time()
    assert challenge["signature"]


def test_the_challenge_address_is_rate_limited(app, make_app):
    client = make_app(
        **GUARDED, RATELIMIT_ENABLED=True, PROOF_OF_WORK_CHALLENGE_RATE_LIMIT="2 per minute"
    ).test_client()
    statuses = [client.get("/proof-of-work/challenge").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_without_javascript_registration_is_accepted_and_the_account_starts_limited(guarded):
    fields = as_a_person(guarded, "register")
    del fields["altcha"]  # no script ran: the widget never put its field in the form
    response = register(guarded, "no-script", **fields)
    assert response.status_code == 200
    assert "Welcome." in response.text
    assert NO_JAVASCRIPT_WORDS in response.text
    assert shown("A moderator reads each case, verdict and reply you post") in response.text
    assert limited_reason("no-script") == "no_proof_of_work"


def test_a_solution_is_accepted_once(guarded):
    fields = as_a_person(guarded, "register")
    register(guarded, "first-use", **fields)
    assert limited_reason("first-use") is None
    guarded.post("/logout")
    response = register(guarded, "replayed", **fields)
    assert NO_JAVASCRIPT_WORDS in response.text
    assert limited_reason("replayed") == "no_proof_of_work"


def test_an_expired_challenge_is_refused(app):
    expired = proof_of_work.new_challenge(now=time.time() - 4 * 3600)
    assert not proof_of_work.verify(proof_of_work.solve(expired))


def test_a_challenge_changed_by_the_client_is_refused(app):
    challenge = proof_of_work.new_challenge()
    payload = json.loads(base64.b64decode(proof_of_work.solve(challenge)))
    payload["challenge"]["parameters"]["expiresAt"] += 10 * 365 * 24 * 3600
    assert not proof_of_work.verify(base64.b64encode(json.dumps(payload).encode()).decode())


def test_a_wrong_answer_is_refused(app):
    payload = json.loads(base64.b64decode(proof_of_work.solve(proof_of_work.new_challenge())))
    payload["solution"]["derivedKey"] = "00" * 32
    assert not proof_of_work.verify(base64.b64encode(json.dumps(payload).encode()).decode())


@pytest.mark.parametrize(
    "payload",
    ["", "not base64 at all!", base64.b64encode(b"[1, 2]").decode(), "A" * 5000, "e30="],
)
def test_garbage_is_refused_without_an_error(app, payload):
    assert not proof_of_work.verify(payload)


def test_a_challenge_made_with_another_secret_key_is_refused(app, make_app):
    other = make_app(SECRET_KEY="another-secret-key-that-is-long-enough-for-checks")
    with other.app_context():
        foreign = proof_of_work.solve(proof_of_work.new_challenge())
    assert app.config["SECRET_KEY"] == TEST_SECRET_KEY
    assert not proof_of_work.verify(foreign)


def test_a_garbage_solution_on_registration_is_a_plain_limited_account(guarded):
    response = register(guarded, "garbled", **as_a_person(guarded, "register", altcha="%%%"))
    assert response.status_code == 200
    assert limited_reason("garbled") == "no_proof_of_work"


# A new member's posts carry a proof of work too.


def judge(client, case, **guard):
    return client.post(
        f"/cases/{case.public_id}/verdicts",
        data={"label": "NTA", "reasoning": REASONING, **guard},
        follow_redirects=True,
    )


def log_in_as(client, member) -> None:
    client.post("/login", data={"username": member.username, "password": PASSWORD})


def only_verdict() -> Verdict:
    db.session.expire_all()
    return db.session.scalar(select(Verdict))


def test_a_new_members_verdict_with_a_solution_is_published(guarded, make_member, make_case):
    case = make_case()
    log_in_as(guarded, make_member("new-with-js"))
    response = judge(guarded, case, **as_a_person(guarded, "verdict"))
    assert "Your verdict is in." in response.text
    assert only_verdict().status == ContentStatus.PUBLISHED


def test_a_new_members_verdict_without_a_solution_is_held_and_says_why(
    guarded, make_member, make_case
):
    case = make_case()
    log_in_as(guarded, make_member("new-without-js"))
    fields = as_a_person(guarded, "verdict")
    del fields["altcha"]
    response = judge(guarded, case, **fields)
    assert only_verdict().status == ContentStatus.HELD
    assert shown(MESSAGES["no_proof_of_work"]) in response.text


def test_an_established_member_needs_no_proof_of_work(guarded, make_member, make_case):
    case = make_case()
    member = make_member("established")
    member.created_at = utcnow() - timedelta(days=30)
    db.session.commit()
    log_in_as(guarded, member)
    fields = as_a_person(guarded, "verdict")
    del fields["altcha"]
    judge(guarded, case, **fields)
    assert only_verdict().status == ContentStatus.PUBLISHED


def test_a_limited_members_posts_need_a_proof_of_work_however_old_the_account(
    guarded, make_member, make_case
):
    case = make_case()
    member = make_member("old-but-limited")
    member.created_at = utcnow() - timedelta(days=30)
    member.limited_reason = "no_proof_of_work"
    db.session.commit()
    log_in_as(guarded, member)
    fields = as_a_person(guarded, "verdict")
    del fields["altcha"]
    judge(guarded, case, **fields)
    verdict = only_verdict()
    assert verdict.status == ContentStatus.HELD
    assert ("form_signals", "no_proof_of_work") in kinds_of_findings(verdict)


def kinds_of_findings(item) -> list[tuple[str, str]]:
    moderation = db.session.scalar(
        select(ModerationItem).where(ModerationItem.subject_key == subjects.key_of(item))
    )
    return [(f["check"], f["kind"]) for f in json.loads(moderation.findings_json)]


def test_the_solution_field_a_script_reads_is_named_in_the_widget(guarded):
    html = guarded.get("/register").text
    assert '<altcha-widget challenge="/proof-of-work/challenge"' in html
    assert 'auto="onload"' in html and 'name="altcha"' in html
    assert solved(guarded)  # what a script that reads the form and does the work sends


def test_an_old_account_still_short_of_helpful_verdicts_needs_no_proof_of_work(
    app, make_app, make_member, make_case
):
    """Only a new member's first posts carry it: a member who has the days but not yet the
    helpful verdicts (a member who only writes cases and replies may never get them)
    posts without JavaScript like anyone else."""
    client = make_app(**{**GUARDED, "TRUST_MIN_HELPFUL": 2}).test_client()
    case = make_case()
    member = make_member("old-unhelped")
    member.created_at = utcnow() - timedelta(days=30)
    db.session.commit()
    log_in_as(client, member)
    assert "<altcha-widget" not in client.get(f"/cases/{case.public_id}").text
    fields = as_a_person(client, "verdict")
    del fields["altcha"]
    judge(client, case, **fields)
    assert only_verdict().status == ContentStatus.PUBLISHED


def test_a_case_page_fetches_one_challenge_on_load_its_second_form_s_on_use(
    guarded, make_member, make_case
):
    case = make_case()
    log_in_as(guarded, make_member("new-reader"))
    html = guarded.get(f"/cases/{case.public_id}").text
    assert html.count("<altcha-widget") == 2  # the verdict and the comment form
    assert html.count('auto="onload"') == 1 and html.count('auto="onfocus"') == 1


def test_a_post_whose_check_did_not_finish_is_held_without_blaming_javascript(
    guarded, make_member, make_case
):
    case = make_case()
    log_in_as(guarded, make_member("new-behind-a-busy-office"))
    fields = as_a_person(guarded, "verdict", altcha_state="unfinished")
    del fields["altcha"]  # the challenge was refused (429): no solution
    response = judge(guarded, case, **fields)
    verdict = only_verdict()
    assert verdict.status == ContentStatus.HELD
    assert kinds_of_findings(verdict) == [("form_signals", "unfinished_proof_of_work")]
    assert shown("did not finish") in response.text
    assert "JavaScript" not in response.text


def test_a_registration_whose_check_did_not_finish_is_told_so(guarded):
    fields = as_a_person(guarded, "register", altcha_state="unfinished")
    del fields["altcha"]
    response = register(guarded, "unfinished", **fields)
    assert limited_reason("unfinished") == "no_proof_of_work"
    assert shown("did not finish") in response.text
    assert NO_JAVASCRIPT_WORDS not in response.text
