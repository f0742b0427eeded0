"""Trust levels: derived from an account's age, its verdicts others found helpful and the
reports upheld on its writing; what new and limited members may not do; and what the
member alone is told on their account page.

The rest of the suite makes every member trusted from registration (tests/conftest.py);
these tests put the real thresholds back.
"""

from datetime import timedelta

import pytest
from sqlalchemy import update

from caseboard.accounts.trust import LimitedReason, TrustLevel, level_of
from caseboard.cases import services
from caseboard.extensions import db
from caseboard.models import Member, Report, Role, Verdict
from caseboard.models.base import utcnow
from caseboard.moderation import decisions, reports
from tests.conftest import REASONING

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
    _uphold_report_on(make_case(author=member), make_member, reporters=3)
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
