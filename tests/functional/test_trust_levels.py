"""Trust levels: derived from an account's age, its verdicts others found helpful and the
reports upheld on its writing; what new and limited members may not do; and what the
member alone is told on their account page.

The rest of the suite makes every member trusted from registration (tests/conftest.py);
these tests put the real thresholds back.
"""

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from caseboard.accounts.trust import LimitedReason, TrustLevel, level_of
from caseboard.cases import services
from caseboard.extensions import db
from caseboard.models import Case, ContentStatus, Member, Report, Role, Verdict
from caseboard.models.base import utcnow
from caseboard.moderation import decisions, reports
from caseboard.moderation.links import links_in
from tests.conftest import CASE_FIELDS, REASONING, AuthActions, shown
from tests.functional.moderation_helpers import (
    become_moderator,
    decide,
    open_item_for,
    post_case,
)

TRUST = {"TRUST_MIN_DAYS": 3, "TRUST_MIN_HELPFUL": 2}
LINK_REASONING = REASONING + " There is a good write-up of this at bit.ly/oncall-fair."


@pytest.fixture
def app(make_app):
    app = make_app(**TRUST)
    with app.app_context():
        yield app


@pytest.fixture
def client(app, make_app):
    return make_app(**TRUST).test_client()


def _age(member: Member, days: float) -> Member:
    """Make the account `days` old."""
    db.session.execute(
        update(Member)
        .where(Member.id == member.id)
        .values(created_at=utcnow() - timedelta(days=days))
    )
    db.session.commit()
    db.session.refresh(member)
    return member


def _helpful_verdicts(member: Member, make_case, make_member, count: int) -> list[Verdict]:
    """`count` verdicts by `member`, each marked helpful by someone else."""
    verdicts = []
    for _ in range(count):
        verdict = services.give_verdict(make_case(), member, "NTA", REASONING)
        services.vote_helpful(make_member(), verdict, True)
        verdicts.append(verdict)
    return verdicts


def _trusted(make_member, make_case) -> Member:
    member = _age(make_member(), 4)
    _helpful_verdicts(member, make_case, make_member, 2)
    return member


def _moderator(make_member) -> Member:
    moderator = make_member()
    moderator.role = Role.MODERATOR
    db.session.commit()
    return moderator


def _uphold_report_on(subject, make_member, reporters: int = 1) -> None:
    """Members report `subject`, and a moderator removes it: the reports are upheld."""
    for _ in range(reporters):
        reports.report(make_member(), subject, "unkind")
    decisions.act(subject, _moderator(make_member), "remove", reason_code="unkind")


# -- deriving the level ---------------------------------------------------------------------


def test_a_brand_new_account_is_a_new_member(make_member):
    assert level_of(make_member()) == TrustLevel.NEW


def test_an_old_account_without_helpful_verdicts_is_still_new(make_member, make_case):
    member = _age(make_member(), 10)
    _helpful_verdicts(member, make_case, make_member, 1)
    assert level_of(member) == TrustLevel.NEW


def test_helpful_verdicts_on_a_young_account_are_not_enough(make_member, make_case):
    member = _age(make_member(), 2)
    _helpful_verdicts(member, make_case, make_member, 3)
    assert level_of(member) == TrustLevel.NEW


def test_age_and_helpful_verdicts_make_a_member_trusted(make_member, make_case):
    assert level_of(_trusted(make_member, make_case)) == TrustLevel.TRUSTED


def test_verdicts_marked_only_not_helpful_do_not_count(make_member, make_case):
    member = _age(make_member(), 4)
    for _ in range(2):
        verdict = services.give_verdict(make_case(), member, "NTA", REASONING)
        services.vote_helpful(make_member(), verdict, False)
    assert level_of(member) == TrustLevel.NEW


def test_a_limited_reason_limits_the_account_whatever_its_record(make_member, make_case):
    member = _trusted(make_member, make_case)
    member.limited_reason = LimitedReason.NO_PROOF_OF_WORK
    db.session.commit()
    assert level_of(member) == TrustLevel.LIMITED


def test_moderators_are_trusted_from_the_start(make_member):
    assert level_of(_moderator(make_member)) == TrustLevel.TRUSTED


def test_one_upheld_report_makes_a_trusted_member_new_again(make_member, make_case):
    member = _trusted(make_member, make_case)
    _uphold_report_on(make_case(author=member), make_member)
    assert level_of(member) == TrustLevel.NEW


def test_two_items_with_upheld_reports_limit_the_member(make_member, make_case):
    member = _trusted(make_member, make_case)
    _uphold_report_on(make_case(author=member), make_member)
    verdict = services.give_verdict(make_case(), member, "YTA", REASONING)
    _uphold_report_on(verdict, make_member)
    assert level_of(member) == TrustLevel.LIMITED


def test_many_reports_upheld_on_one_item_count_once(make_member, make_case):
    member = _trusted(make_member, make_case)
    _uphold_report_on(make_case(author=member), make_member, reporters=2)
    assert level_of(member) == TrustLevel.NEW


def test_upheld_reports_on_replies_count(make_member, make_case):
    member = _trusted(make_member, make_case)
    for _ in range(2):
        reply = services.add_reply(make_case(), member, "That is a cheap shot at your teammate.")
        _uphold_report_on(reply, make_member)
    assert level_of(member) == TrustLevel.LIMITED


def test_upheld_reports_lapse_after_the_window(app, make_member, make_case):
    member = _trusted(make_member, make_case)
    _uphold_report_on(make_case(author=member), make_member)
    _uphold_report_on(make_case(author=member), make_member)
    days = app.config["TRUST_REPORT_DAYS"]
    db.session.execute(update(Report).values(resolved_at=utcnow() - timedelta(days=days + 1)))
    db.session.commit()
    assert level_of(member) == TrustLevel.TRUSTED


def test_dismissed_reports_change_nothing(make_member, make_case):
    member = _trusted(make_member, make_case)
    case = make_case(author=member)
    reports.report(make_member(), case, "unkind")
    reports.resolve(case, upheld=False, now=utcnow())
    db.session.commit()
    assert level_of(member) == TrustLevel.TRUSTED


# -- links ------------------------------------------------------------------------------------


def _member(username: str) -> Member:
    db.session.expire_all()
    return db.session.scalar(select(Member).where(Member.username == username))


def _verdict_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Verdict))


def test_a_new_members_verdict_with_a_link_is_refused_and_the_text_kept(client, auth, make_case):
    case = make_case()
    auth.register()
    response = client.post(
        f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": LINK_REASONING}
    )
    assert response.status_code == 422
    assert shown("New members can't post links yet") in response.text
    assert shown("“bit.ly/oncall-fair”") in response.text
    assert shown("Write the site's or the document's name without its address") in response.text
    assert shown(LINK_REASONING) in response.text
    assert _verdict_count() == 0


def test_a_link_without_a_scheme_is_refused_in_a_case(client, auth):
    auth.register()
    situation = CASE_FIELDS["situation"] + " Our rota is at example.com/oncall/rota for anyone."
    response = post_case(client, situation=situation)
    assert response.status_code == 422
    assert shown("“example.com/oncall/rota”") in response.text
    assert shown(situation) in response.text
    assert db.session.scalar(select(func.count()).select_from(Case)) == 0


def test_a_new_members_reply_with_a_link_is_refused_and_the_text_kept(client, auth, make_case):
    case = make_case()
    auth.register()
    body = "I wrote up how we share on-call at https://blog.example.org/oncall, have a look."
    response = client.post(f"/cases/{case.public_id}/replies", data={"body": body})
    assert response.status_code == 422
    assert shown("New members can't post links yet") in response.text
    assert shown(body) in response.text


def test_links_are_found_with_or_without_a_scheme():
    text = "See www.x.y, bit.ly/abc, https://example.org/a and docs.python.org; not ASP.NET."
    assert links_in({"body": text}) == [
        "www.x.y",
        "bit.ly/abc",
        "https://example.org/a",
        "docs.python.org",
    ]


def test_a_trusted_member_may_post_a_link(client, auth, make_case, make_member):
    username = auth.register()
    _trusted_by_record(_member(username), make_case, make_member)
    case = make_case()
    response = client.post(
        f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": LINK_REASONING}
    )
    assert response.status_code == 302
    verdict = db.session.scalar(select(Verdict).where(Verdict.case_id == case.id))
    assert verdict.reasoning_md == LINK_REASONING
    # A link may still be read first, as anyone's is, by the anonymization assistant's rule.
    findings = json.loads(open_item_for(f"verdict:{verdict.id}").findings_json)
    assert {finding["check"] for finding in findings} == {"identifying"}


def _trusted_by_record(member: Member, make_case, make_member) -> Member:
    _age(member, 4)
    _helpful_verdicts(member, make_case, make_member, 2)
    return member


# -- limited members ----------------------------------------------------------------------------


def test_a_limited_members_verdict_is_held_and_approving_it_lets_them_out(client, auth, make_case):
    case = make_case()
    username = auth.register()
    member = _member(username)
    member.limited_reason = LimitedReason.NO_PROOF_OF_WORK
    db.session.commit()
    response = client.post(
        f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING}
    )
    assert response.status_code == 302
    verdict = db.session.scalar(select(Verdict).where(Verdict.case_id == case.id))
    assert verdict.status == ContentStatus.HELD
    item = open_item_for(f"verdict:{verdict.id}")
    findings = json.loads(item.findings_json)
    assert [(f["check"], f["severity"]) for f in findings] == [("trust", "hold")]
    assert "read by a moderator before they are shown" in findings[0]["message"]

    become_moderator(client, auth)
    assert decide(client, item.public_id, "approve").status_code == 302
    member = _member(username)
    assert member.limited_reason is None
    assert level_of(member) == TrustLevel.NEW


def test_a_moderator_is_not_told_why_the_author_of_a_held_post_is_limited(make_member, make_case):
    """Limited by upheld reports or for registering without JavaScript: the moderator reads the
    same words, so the hold narrows down nobody (the author reads why on their account page)."""
    reported = _trusted(make_member, make_case)
    _uphold_report_on(make_case(author=reported), make_member)
    _uphold_report_on(make_case(author=reported), make_member)
    without_javascript = make_member()
    without_javascript.limited_reason = LimitedReason.NO_PROOF_OF_WORK
    db.session.commit()
    messages = []
    for member in (reported, without_javascript):
        verdict = services.give_verdict(make_case(), member, "NTA", REASONING)
        findings = json.loads(open_item_for(f"verdict:{verdict.id}").findings_json)
        messages += [f["message"] for f in findings if f["kind"] == "limited"]
    assert len(messages) == 2 and messages[0] == messages[1]
    assert "report" not in messages[0] and "JavaScript" not in messages[0]


def test_approving_does_not_lift_a_limit_from_upheld_reports(make_member, make_case):
    member = _trusted(make_member, make_case)
    _uphold_report_on(make_case(author=member), make_member)
    _uphold_report_on(make_case(author=member), make_member)
    verdict = services.give_verdict(make_case(), member, "NTA", REASONING)
    assert verdict.status == ContentStatus.HELD
    decisions.decide(
        open_item_for(f"verdict:{verdict.id}"), _moderator(make_member), "approve", reason_code=""
    )
    assert level_of(member) == TrustLevel.LIMITED


def test_a_limited_members_update_is_not_held_on_its_own_case(make_member, make_case):
    member = make_member()
    case = make_case(author=member)
    member.limited_reason = LimitedReason.FORM_SIGNALS
    db.session.commit()
    services.add_update(case, member, "We talked it through and agreed a fairer rota.")
    assert len(case.updates) == 1


# -- report weight ------------------------------------------------------------------------------


def test_a_new_members_report_weighs_half_a_trusted_members(make_member, make_case):
    case = make_case()
    new, trusted = make_member(), _trusted(make_member, make_case)
    limited = make_member()
    limited.limited_reason = LimitedReason.NO_PROOF_OF_WORK
    db.session.commit()
    weights = {
        reporter: reports.report(reporter, case, "spam").weight
        for reporter in (new, trusted, limited)
    }
    assert weights == {new: 0.5, trusted: 1.0, limited: 0.25}


# -- rate limits ----------------------------------------------------------------------------------


def test_a_new_member_meets_the_tighter_posting_limit_a_trusted_one_does_not(
    make_app, make_case, make_member
):
    """With the default limits: a new member posts one case per 10 minutes, others three."""
    app = make_app(**TRUST, RATELIMIT_ENABLED=True)
    answers = {}
    for username in ("newcomer", "regular"):
        client = app.test_client()
        AuthActions(client).register(username)
        if username == "regular":
            _trusted_by_record(_member(username), make_case, make_member)
        answers[username] = [
            post_case(client, title=f"AITA for the rota, take {take} by {username}?").status_code
            for take in (1, 2)
        ]
    assert answers == {"newcomer": [302, 429], "regular": [302, 302]}


def test_the_case_pages_verdict_form_has_the_new_members_limit_too(make_app, make_case):
    app = make_app(**TRUST, RATELIMIT_ENABLED=True, NEW_MEMBER_VERDICT_RATE_LIMIT="1 per hour")
    client = app.test_client()
    AuthActions(client).register()
    answers = [
        client.post(
            f"/cases/{make_case().public_id}",
            data={"case_form": "verdict", "label": "NTA", "reasoning": REASONING},
        ).status_code
        for _ in range(2)
    ]
    assert answers == [302, 429]


# -- what the member is told ---------------------------------------------------------------------


def test_the_account_page_tells_a_new_member_what_holds_them_back_and_what_lifts_it(client, auth):
    auth.register()
    page = client.get("/account").text
    assert "Your level: <strong>New member</strong>" in page
    assert shown("You can’t post links yet.") in page
    assert "Your reports count for half as much" in page
    assert "After 3 days and 2 verdicts others found helpful, you can post links" in page
    assert "So far: 3 more days to go, and 0 of your verdicts were" in page


def test_the_account_page_tells_a_trusted_member_they_are_a_member(
    client, auth, make_case, make_member
):
    username = auth.register()
    _trusted_by_record(_member(username), make_case, make_member)
    page = client.get("/account").text
    assert "Your level: <strong>Member</strong>" in page
    assert "You can post links, and your reports count in full." in page


def test_a_member_limited_for_registering_without_javascript_is_told_so_without_blame(client, auth):
    username = auth.register()
    _member(username).limited_reason = LimitedReason.NO_PROOF_OF_WORK
    db.session.commit()
    page = client.get("/account").text
    assert "Your level: <strong>Limited</strong>" in page
    assert "Plenty of people browse without JavaScript, and that is fine" in page
    assert "The limit is lifted as soon as a moderator approves something you wrote." in page
    assert "A moderator reads each case, verdict and reply you post" in page


def test_the_account_page_tells_a_new_member_their_posts_carry_a_check_for_their_first_days(
    make_app, make_member
):
    client = make_app(**TRUST, PROOF_OF_WORK_ENABLED=True).test_client()
    _member(AuthActions(client).register()).limited_reason = None  # registered with the check
    db.session.commit()
    page = client.get("/account").text
    assert "each case, verdict and reply you post carries a small check" in page
    assert "without it, your posts wait for a moderator" in page
    assert "until your account is 3 days old" in page


def test_an_account_old_enough_is_not_told_of_the_check(make_app, make_member):
    client = make_app(**TRUST, PROOF_OF_WORK_ENABLED=True).test_client()
    member = _member(AuthActions(client).register())
    member.limited_reason = None
    _age(member, 4)
    assert "carries a small check" not in client.get("/account").text


def test_a_member_limited_by_upheld_reports_is_told_when_it_lapses(
    client, auth, make_case, make_member
):
    username = auth.register()
    member = _trusted_by_record(_member(username), make_case, make_member)
    for _ in range(2):
        _uphold_report_on(make_case(author=member), make_member)
    page = client.get("/account").text
    assert "Your level: <strong>Limited</strong>" in page
    assert "2 of your posts were taken down after reports in the last 90 days" in page
    assert "then lapses by itself" in page
    assert "approves something you wrote" not in page


@pytest.mark.parametrize("level", ["New member", "Limited"])
def test_a_members_level_shows_on_their_account_page_and_nowhere_else(
    client, auth, make_case, level
):
    """The account page is the only page that names a level: the member's own pages where
    it would be tempting (their case, their verdict's thread, the case list, their
    activity) don't, nor does the case page for another member or a reader."""
    username = auth.register("newcomer")
    if level == "Limited":
        _member(username).limited_reason = LimitedReason.NO_PROOF_OF_WORK
        db.session.commit()
    assert f"Your level: <strong>{level}</strong>" in client.get("/account").text
    post_case(client)
    case = db.session.scalars(select(Case).where(Case.author_id == _member(username).id)).one()
    other = make_case()
    client.post(f"/cases/{other.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING})
    own_pages = ["/", f"/cases/{case.public_id}", f"/cases/{other.public_id}", "/activity"]
    for path in own_pages:
        page = client.get(path, follow_redirects=True).text
        assert level not in page and "Your level" not in page, path
    for viewer in ("someone", None):
        auth.logout()
        if viewer:
            auth.register(viewer)
        page = client.get(f"/cases/{case.public_id}").text
        assert level not in page and "Your level" not in page, viewer
