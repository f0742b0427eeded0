"""Reports hide content at a weighted threshold; sanctions stop a member writing; appeals
go to a different moderator; per-action limits and slow mode answer with a friendly 429."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from caseboard.extensions import db
from caseboard.models import (
    Case,
    ContentStatus,
    Member,
    ModAction,
    Reply,
    Report,
    Sanction,
    Verdict,
)
from caseboard.models.base import utcnow
from caseboard.moderation.reports import reporter_weight
from tests.conftest import REASONING, shown
from tests.functional.moderation_helpers import (
    become_moderator,
    decide,
    held_case,
    open_item_for,
    post_case,
    promote,
    switch_to,
)


def _report(client, auth, subject_kind, public_id, reason="unkind", **extra):
    auth.logout()
    auth.register()
    return client.post(f"/report/{subject_kind}/{public_id}", data={"reason": reason, **extra})


def _status(model, row_id):
    db.session.expire_all()
    return db.session.get(model, row_id).status


def _a_verdict(make_case, make_member):
    from caseboard.cases import services

    case = make_case()
    return case, services.give_verdict(case, make_member(), "YTA", REASONING)


def test_reports_from_distinct_members_hide_an_item_at_the_threshold_not_before(
    client, auth, make_case, make_member
):
    case, verdict = _a_verdict(make_case, make_member)
    for _ in range(2):
        assert _report(client, auth, "verdict", verdict.public_id).status_code == 302
    assert _status(Verdict, verdict.id) == ContentStatus.PUBLISHED
    assert shown(REASONING) in client.get(f"/cases/{case.public_id}").text
    _report(client, auth, "verdict", verdict.public_id)
    assert _status(Verdict, verdict.id) == ContentStatus.HELD
    assert shown(REASONING) not in client.get(f"/cases/{case.public_id}").text
    assert db.session.get(Case, case.id).verdict_count == 0


def test_a_member_reports_something_only_once(client, auth, make_case):
    case = make_case()
    auth.register()
    first = client.post(f"/report/case/{case.public_id}", data={"reason": "spam"})
    second = client.post(f"/report/case/{case.public_id}", data={"reason": "fake"})
    assert first.status_code == 302
    assert second.status_code == 409 and "already reported this" in second.text


def test_other_needs_details(client, auth, make_case):
    case = make_case()
    auth.register()
    response = client.post(f"/report/case/{case.public_id}", data={"reason": "other"})
    assert response.status_code == 400
    assert "Say in a few words what is wrong" in response.text


def test_nobody_reports_their_own_case(client, auth):
    auth.register()
    post_case(client)
    case = db.session.scalars(select(Case)).one()
    response = client.post(f"/report/case/{case.public_id}", data={"reason": "spam"})
    assert response.status_code == 403


def test_reporter_weight_grows_when_upheld_and_shrinks_when_dismissed():
    new = reporter_weight(Member(reports_upheld=0, reports_dismissed=0))
    trusted = reporter_weight(Member(reports_upheld=4, reports_dismissed=0))
    abusive = reporter_weight(Member(reports_upheld=0, reports_dismissed=4))
    assert abusive < new == 1.0 < trusted < 2.0


def test_dismissed_reports_make_the_next_ones_weigh_less(client, auth, make_case, app):
    case = make_case()
    _report(client, auth, "case", case.public_id, reason="spam")
    reporter = db.session.scalars(select(Member).order_by(Member.id.desc())).first()
    item = open_item_for(f"case:{case.id}")
    become_moderator(client, auth)
    decide(client, item.public_id, "approve")
    db.session.expire_all()
    assert db.session.get(Member, reporter.id).reports_dismissed == 1
    assert reporter_weight(db.session.get(Member, reporter.id)) < 1.0


def test_removing_reported_content_upholds_the_reports(client, auth, make_case, make_member):
    case, verdict = _a_verdict(make_case, make_member)
    _report(client, auth, "verdict", verdict.public_id)
    reporter = db.session.scalars(select(Member).order_by(Member.id.desc())).first()
    item = open_item_for(f"verdict:{verdict.id}")
    become_moderator(client, auth)
    decide(client, item.public_id, "remove", "unkind")
    db.session.expire_all()
    assert db.session.get(Member, reporter.id).reports_upheld == 1
    assert _status(Verdict, verdict.id) == ContentStatus.REMOVED


def _suspend_author(client, auth, make_case, days="3", sanction="suspend"):
    case, item = held_case(client, auth)
    become_moderator(client, auth)
    response = decide(
        client,
        item.public_id,
        "reject",
        "unkind",
        sanction=sanction,
        suspend_days=days,
        reason_text="Personal attacks.",
    )
    assert response.status_code == 302, response.text
    switch_to(client, "author1")
    return make_case()


def test_a_suspended_member_can_read_but_not_write_and_is_told_why_and_until_when(
    client, auth, make_case
):
    other_case = _suspend_author(client, auth, make_case)
    page = client.get(f"/cases/{other_case.public_id}")
    assert page.status_code == 200
    assert "Your account is suspended until" in page.text
    response = client.post(
        f"/cases/{other_case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING}
    )
    assert response.status_code == 403
    assert "suspended until" in response.text and "note: Personal attacks." in response.text
    assert "Reason: Reason:" not in response.text
    assert shown(REASONING) in response.text  # given back
    assert db.session.scalar(select(Verdict.id)) is None


def test_a_permanent_suspension_never_ends(client, auth, make_case):
    other_case = _suspend_author(client, auth, make_case, days="", sanction="ban")
    sanction = db.session.scalars(select(Sanction)).one()
    assert sanction.ends_at is None
    response = client.post(f"/cases/{other_case.public_id}/replies", data={"body": "Hello."})
    assert response.status_code == 403 and "suspended permanently" in response.text


def test_a_suspension_ends_on_time(client, auth, make_case):
    other_case = _suspend_author(client, auth, make_case)
    db.session.execute(update(Sanction).values(ends_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    response = client.post(f"/cases/{other_case.public_id}/replies", data={"body": "Back."})
    assert response.status_code == 302


def test_a_warning_is_told_but_does_not_stop_writing(client, auth, make_case):
    other_case = _suspend_author(client, auth, make_case, sanction="warn")
    assert "A moderator warned you" in client.get("/inbox").text
    response = client.post(f"/cases/{other_case.public_id}/replies", data={"body": "Noted."})
    assert response.status_code == 302


def _rejected_case(client, auth):
    case, item = held_case(client, auth)
    become_moderator(client, auth)
    decide(client, item.public_id, "reject", "identifying")
    action = db.session.scalars(select(ModAction)).one()
    switch_to(client, "author1")
    return case, action


def test_an_appeal_cannot_be_decided_by_the_moderator_who_acted(client, auth):
    case, action = _rejected_case(client, auth)
    response = client.post(f"/appeals/{action.public_id}", data={"text": "The email is fake."})
    assert response.status_code == 302
    appeal = open_item_for(f"case:{case.id}")
    assert appeal.kind == "appeal"
    switch_to(client, "mod1")
    response = decide(client, appeal.public_id, "grant")
    assert response.status_code == 403
    assert "another moderator must decide the appeal" in response.text
    assert _status(Case, case.id) == ContentStatus.REJECTED


def test_another_moderator_grants_an_appeal_and_the_author_is_told(client, auth):
    case, action = _rejected_case(client, auth)
    client.post(f"/appeals/{action.public_id}", data={"text": "The email is fake."})
    appeal = open_item_for(f"case:{case.id}")
    auth.logout()
    auth.register("mod2")
    promote("mod2")
    assert "The email is fake." in client.get(f"/mod/items/{appeal.public_id}").text
    assert decide(client, appeal.public_id, "grant").status_code == 302
    assert _status(Case, case.id) == ContentStatus.PUBLISHED
    switch_to(client, "author1")
    assert "Your appeal about your case" in client.get("/inbox").text
    assert "granted" in client.get("/inbox").text


def test_a_decision_is_appealed_only_once(client, auth):
    case, action = _rejected_case(client, auth)
    client.post(f"/appeals/{action.public_id}", data={"text": "The email is fake."})
    second = client.post(f"/appeals/{action.public_id}", data={"text": "Please."})
    assert second.status_code == 409


def test_only_the_author_can_appeal(client, auth):
    _, action = _rejected_case(client, auth)
    auth.logout()
    auth.register()
    assert client.get(f"/appeals/{action.public_id}").status_code == 404


def test_a_verdict_beyond_the_rate_limit_gets_a_friendly_429_with_the_text(
    make_app, make_case, auth
):
    limited = make_app(RATELIMIT_ENABLED=True, VERDICT_RATE_LIMIT="1 per hour")
    client = limited.test_client()
    from tests.conftest import AuthActions

    first_case, second_case = make_case(), make_case()
    AuthActions(client).register()
    client.post(
        f"/cases/{first_case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING}
    )
    response = client.post(
        f"/cases/{second_case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING}
    )
    assert response.status_code == 429
    assert "You are doing that too often" in response.text
    assert shown(REASONING) in response.text


@pytest.mark.parametrize("reports", [0, 2])
def test_slow_mode_spaces_replies_on_a_reported_case(client, auth, make_case, make_member, reports):
    from caseboard.moderation import reports as reporting

    case = make_case()
    for _ in range(reports):
        reporting.report(make_member(), case, "unkind")
    auth.register()
    client.post(f"/cases/{case.public_id}/replies", data={"body": "First thought."})
    response = client.post(f"/cases/{case.public_id}/replies", data={"body": "Second thought."})
    if reports:
        assert response.status_code == 429
        assert "slow mode" in response.text and "Second thought." in response.text
        assert response.headers["Retry-After"].isdigit()
        assert db.session.scalars(select(Reply.body_md)).all() == ["First thought."]
    else:
        assert response.status_code == 302


def test_dismissed_reports_do_not_slow_a_discussion(client, auth, make_case, make_member):
    from caseboard.moderation import reports as reporting

    case = make_case()
    reporting.report(make_member(), case, "unkind")
    db.session.execute(update(Report).values(status="dismissed"))
    db.session.commit()
    auth.register()
    client.post(f"/cases/{case.public_id}/replies", data={"body": "First thought."})
    response = client.post(f"/cases/{case.public_id}/replies", data={"body": "Second thought."})
    assert response.status_code == 302
