"""The demo board looks lived in: closed cases with real crowds behind their outcomes, in
every state, and authors saying how the advice played out."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import select

from caseboard.aggregation import OutcomeState
from caseboard.demo import seed_demo
from caseboard.extensions import db
from caseboard.models import Case, CaseUpdate, Edition, Verdict
from caseboard.models.base import utcnow
from caseboard.taxonomy import ADVICE_HELPED


def _closed_cases() -> list[Case]:
    return list(db.session.scalars(select(Case).where(Case.closed_at.is_not(None))))


def _check_demo_board() -> None:
    closed = _closed_cases()
    states = Counter(case.outcome_state for case in closed)
    assert set(states) == set(OutcomeState.ALL), states
    # Most closed cases name the crowd's label; a few are split or have too few verdicts.
    assert states[OutcomeState.DECIDED] + states[OutcomeState.LEANING] >= 0.7 * len(closed)
    assert 1 <= states[OutcomeState.TOO_FEW] <= 2
    for case in closed:
        if case.outcome_state == OutcomeState.TOO_FEW:
            assert case.verdict_count < 5
        else:
            assert 5 <= case.verdict_count <= 40, (case.title, case.verdict_count)
        assert sum(case.tally.values()) == case.verdict_count
    assert max(case.verdict_count for case in closed) >= 25  # some busy cases
    # Open (recent) cases keep their few hand-written verdicts.
    open_cases = db.session.scalars(select(Case).where(Case.closed_at.is_(None))).all()
    assert open_cases and all(case.verdict_count <= 7 for case in open_cases)


def test_closed_demo_cases_have_real_crowds_in_every_state_and_follow_ups(app, demo_board):
    result = demo_board  # `flask seed-demo` on a fresh database; this test has a copy of it
    assert result.exit_code == 0, result.output
    _check_demo_board()
    _check_follow_ups()


def test_hand_written_verdicts_come_first_and_generated_ones_read_well(app, demo_board):
    case = max(_closed_cases(), key=lambda case: case.verdict_count)
    verdicts = db.session.scalars(
        select(Verdict).where(Verdict.case_id == case.id).order_by(Verdict.id)
    ).all()
    assert len({verdict.member_id for verdict in verdicts}) == len(verdicts)
    assert case.author_id not in {verdict.member_id for verdict in verdicts}
    # The hand-written reasonings are long; the generated ones short, and varied.
    assert len(verdicts[0].reasoning_md) > 200
    generated = [verdict.reasoning_md for verdict in verdicts[5:]]
    assert all(len(text) >= 40 for text in generated)
    assert len(set(generated)) >= 0.8 * len(generated)


def _check_follow_ups() -> None:
    """Some authors said whether the advice helped, with every answer among them."""
    answered = db.session.scalars(select(Case).where(Case.advice_helped.is_not(None))).all()
    assert {case.advice_helped for case in answered} == set(ADVICE_HELPED)
    # Some closed over a month ago: the dashboard counts them as asked, with their answers.
    assert any(case.closed_at <= utcnow() - timedelta(days=30) for case in answered)
    for case in answered:
        assert case.closed_at is not None and case.followed_up_at is not None
        assert case.outcome_state != OutcomeState.TOO_FEW
    updates = db.session.scalars(
        select(CaseUpdate.advice_helped).where(CaseUpdate.advice_helped.is_not(None))
    ).all()
    assert Counter(updates) == Counter(case.advice_helped for case in answered)


def test_demo_board_with_window_extensions(make_app):
    """As served (thin windows are extended once): the too-few cases are past their
    extension and closed, and last week's edition is published with its three cases."""
    app = make_app(MIN_VERDICTS_TO_CLOSE=5, CASE_EXTENSION_HOURS=48)
    with app.app_context():
        seed_demo()
        _check_demo_board()
        for case in _closed_cases():
            if case.outcome_state == OutcomeState.TOO_FEW:
                assert case.extended_at is not None
        edition = db.session.scalar(select(Edition))
        assert edition.is_published and len(edition.highlights) == 3
        open_cases = db.session.scalars(select(Case).where(Case.closed_at.is_(None))).all()
        [extended] = [case for case in open_cases if case.extended_at is not None]
        page = app.test_client().get("/needs-verdicts").text
        assert "Extended: needs verdicts" in page
        assert "The advice:" in app.test_client().get("/library?followup=1").text
        first = min(
            (case for case in open_cases if case.public_id in page),
            key=lambda case: page.index(case.public_id),
        )
        assert first is extended
        db.session.remove()
