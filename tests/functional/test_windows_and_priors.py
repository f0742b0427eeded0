"""Windows that wait for enough verdicts, the fitted prior, and the label-change race."""

from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select, update

from caseboard.aggregation import MIN_CASES_FOR_PRIOR, OutcomeState, summarize
from caseboard.cases import services
from caseboard.extensions import db
from caseboard.lifecycle import close_expired_windows
from caseboard.models import Case, ContentStatus, Notification, OutcomePrior
from caseboard.models.base import utcnow
from tests.conftest import REASONING


def _judged(make_case, make_member, labels):
    case = make_case()
    for label in labels:
        services.give_verdict(case, make_member(), label, REASONING)
    return case


def _due(case, ago=timedelta(minutes=1)):
    db.session.execute(update(Case).where(Case.id == case.id).values(closes_at=utcnow() - ago))
    db.session.commit()


def _fresh(case) -> Case:
    db.session.expire_all()
    return db.session.get(Case, case.id)


@pytest.fixture
def waiting(app):
    """The test's app, with windows that wait for five verdicts, extended by two days."""
    app.config.update(MIN_VERDICTS_TO_CLOSE=5, CASE_EXTENSION_HOURS=48)
    return app


def test_a_thin_case_is_extended_once_and_its_author_told(waiting, make_case, make_member):
    case = _judged(make_case, make_member, ["NTA", "NTA", "YTA"])
    planned = utcnow() - timedelta(minutes=1)
    _due(case)
    assert close_expired_windows() == 0
    extended = _fresh(case)
    assert extended.closed_at is None and extended.extended_at is not None
    assert abs(extended.closes_at - (planned + timedelta(hours=48))) < timedelta(seconds=5)
    notice = db.session.scalar(select(Notification).where(Notification.kind == "extended"))
    assert notice.member_id == case.author_id and "stays open until" in notice.message
    assert close_expired_windows() == 0  # not yet due again: nothing closes, nothing told twice
    assert (
        db.session.scalar(
            select(func.count()).select_from(Notification).where(Notification.kind == "extended")
        )
        == 1
    )


def test_after_its_extension_a_thin_case_closes_with_what_it_has(waiting, make_case, make_member):
    case = _judged(make_case, make_member, ["NTA", "NTA", "YTA"])
    _due(case)
    close_expired_windows()
    close_expired_windows(utcnow() + timedelta(hours=49))
    closed = _fresh(case)
    assert closed.closed_at is not None
    assert closed.outcome_state == OutcomeState.LEANING and closed.outcome_label == "NTA"


def test_a_case_with_enough_verdicts_closes_on_time(waiting, make_case, make_member):
    case = _judged(make_case, make_member, ["NTA"] * 5)
    _due(case)
    assert close_expired_windows() == 1
    closed = _fresh(case)
    assert closed.extended_at is None and closed.outcome_state == OutcomeState.DECIDED


def test_a_locked_case_is_not_extended(waiting, make_case, make_member):
    case = _judged(make_case, make_member, ["NTA"])
    db.session.execute(update(Case).where(Case.id == case.id).values(locked_at=utcnow()))
    _due(case)
    assert close_expired_windows() == 1
    assert _fresh(case).outcome_state == OutcomeState.TOO_FEW


def test_no_extension_when_it_is_configured_off(app, make_case, make_member):
    app.config.update(MIN_VERDICTS_TO_CLOSE=5, CASE_EXTENSION_HOURS=0)
    case = _judged(make_case, make_member, ["NTA"])
    _due(case)
    assert close_expired_windows() == 1


def test_an_extended_case_is_first_on_needs_verdicts(waiting, client, make_case, make_member):
    extended = _judged(make_case, make_member, ["NTA"])
    fresh = make_case(title="A brand new case that nobody has judged yet")
    _due(extended)
    close_expired_windows()
    page = client.get("/needs-verdicts").text
    assert page.index(extended.public_id) < page.index(fresh.public_id)


def _closed_history(author_id: int, count: int) -> None:
    """Closed cases as a long-running board has them: mostly NTA, some YTA, a few split."""
    now = utcnow()
    patterns = [(1, 6, 0, 0, 0), (0, 9, 1, 0, 0), (4, 1, 1, 0, 0), (1, 3, 2, 1, 0)]
    rows = []
    for index in range(count):
        yta, nta, esh, nah, info = patterns[index % len(patterns)]
        rows.append(
            dict(
                author_id=author_id,
                title=f"History {index}",
                situation_md="s",
                situation_html="s",
                why_wrong_md="w",
                why_wrong_html="w",
                help_wanted_md="",
                help_wanted_html="",
                discipline="engineering",
                level="senior",
                topic="feedback",
                support_kind="how-to",
                status=ContentStatus.PUBLISHED,
                created_at=now,
                published_at=now - timedelta(days=10),
                closes_at=now - timedelta(days=7),
                closed_at=now - timedelta(days=7),
                verdict_count=yta + nta + esh + nah + info,
                yta_count=yta,
                nta_count=nta,
                esh_count=esh,
                nah_count=nah,
                info_count=info,
                public_id=f"hist{index:06d}",
            )
        )
    db.session.execute(insert(Case), rows)
    db.session.commit()


def test_a_young_board_closes_cases_with_the_uniform_prior(app, make_case, make_member):
    case = _judged(make_case, make_member, ["NTA", "NTA", "YTA"])
    _due(case)
    close_expired_windows()
    closed = _fresh(case)
    assert closed.outcome_prior_id is None
    assert closed.outcome_confidence == pytest.approx(summarize(closed.tally).confidence)
    assert db.session.scalar(select(func.count()).select_from(OutcomePrior)) == 0


def test_enough_closed_cases_fit_a_prior_that_the_next_closings_use(
    app, client, make_case, make_member
):
    _closed_history(make_member().id, MIN_CASES_FOR_PRIOR)
    case = _judged(make_case, make_member, ["NTA", "NTA", "YTA"])
    _due(case)
    close_expired_windows()
    prior = db.session.scalar(select(OutcomePrior))
    assert prior.case_count == MIN_CASES_FOR_PRIOR and prior.nta > prior.info
    closed = _fresh(case)
    assert closed.outcome_prior_id == prior.id
    # The board mostly says NTA, so two NTA to one YTA is likelier NTA than on a new board.
    assert closed.outcome_confidence > summarize(closed.tally).confidence
    assert client.get(f"/cases/{case.public_id}").status_code == 200


def test_the_prior_is_refitted_at_most_once_a_day(app, make_case, make_member):
    _closed_history(make_member().id, MIN_CASES_FOR_PRIOR)
    close_expired_windows()
    close_expired_windows(utcnow() + timedelta(hours=23))
    assert db.session.scalar(select(func.count()).select_from(OutcomePrior)) == 1
    close_expired_windows(utcnow() + timedelta(hours=25))
    assert db.session.scalar(select(func.count()).select_from(OutcomePrior)) == 2
