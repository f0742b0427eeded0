"""Stored counts always equal the rows they count, whatever members do and in what order."""

import threading

from rq import Worker
from sqlalchemy import select

from caseboard.accounts.services import delete_account
from caseboard.cases import services
from caseboard.cases.counts import recount_case
from caseboard.extensions import db, redis_connection
from caseboard.models import Case, Member, Verdict
from tests.conftest import REASONING


def assert_counts_match_rows(*cases):
    """recount_case changes nothing when every stored count is already right."""
    for case in cases:
        assert recount_case(case.id) is False, f"counts drifted on {case.public_id}"
    db.session.rollback()


def test_repeated_and_switched_votes_keep_counts_right(app, make_case, make_member):
    case, voter = make_case(), make_member()
    verdict = services.give_verdict(case, make_member(), "NTA", REASONING)
    for helpful in (True, True, True, False, False, True, False, True, True):
        services.vote_helpful(voter, verdict, helpful)
    assert_counts_match_rows(case)


def test_simultaneous_double_clicks_keep_counts_right(make_app, app, make_case, make_member):
    case = make_case()
    verdict = services.give_verdict(case, make_member(), "NTA", REASONING)
    verdict_id, voter_ids = verdict.id, [make_member().id for _ in range(4)]
    worker_app = make_app()
    barrier = threading.Barrier(8)
    errors = []

    def click(voter_id: int, helpful: bool) -> None:
        with worker_app.app_context():
            try:
                barrier.wait(timeout=10)
                voter = db.session.get(Member, voter_id)
                target = db.session.get(Verdict, verdict_id)
                services.vote_helpful(voter, target, helpful)
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [
        threading.Thread(target=click, args=(voter_id, index % 2 == 0))
        for voter_id in voter_ids
        for index in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    db.session.expire_all()
    assert_counts_match_rows(case)


def test_edits_from_two_tabs_move_the_tally_once_each(app, make_case, make_member):
    case, judge = make_case(), make_member()
    verdict = services.give_verdict(case, judge, "NTA", REASONING)
    tab_one = db.session.get(Verdict, verdict.id)
    services.change_verdict(tab_one, judge, "YTA", REASONING)
    services.change_verdict(tab_one, judge, "ESH", REASONING)  # the object still says YTA/NTA
    db.session.expire_all()
    assert db.session.get(Case, case.id).tally == {
        "YTA": 0,
        "NTA": 0,
        "ESH": 1,
        "NAH": 0,
        "INFO": 0,
    }
    assert_counts_match_rows(case)


def test_deleting_a_reply_twice_counts_once(app, make_case, make_member):
    case, member = make_case(), make_member()
    reply = services.add_reply(case, member, "Soon gone.")
    services.delete_reply(reply, member)
    services.delete_reply(reply, member)
    assert_counts_match_rows(case)


def test_removing_an_account_fixes_every_count_it_touched(app, make_case, make_member):
    leaver = make_member()
    case = make_case()
    other_verdict = services.give_verdict(case, make_member(), "NTA", REASONING)
    own_verdict = services.give_verdict(case, leaver, "YTA", REASONING)
    services.add_reply(case, make_member(), "An answer to the leaver.", verdict=own_verdict)
    services.add_reply(case, leaver, "The leaver's reply.", verdict=other_verdict)
    services.vote_helpful(leaver, other_verdict, True)
    delete_account(leaver, keep_content=False)
    Worker([redis_connection.queue()], connection=redis_connection.client).work(burst=True)
    db.session.expire_all()
    assert_counts_match_rows(case)
    refreshed = db.session.get(Case, case.id)
    assert (refreshed.verdict_count, refreshed.reply_count) == (1, 1)
    assert db.session.get(Verdict, other_verdict.id).helpful_count == 0


def test_recount_command_repairs_drift(app, runner, make_case, make_member):
    case = make_case()
    services.give_verdict(case, make_member(), "NTA", REASONING)
    db.session.execute(
        Case.__table__.update().where(Case.id == case.id).values(verdict_count=7, nta_count=3)
    )
    db.session.commit()
    result = runner.invoke(args=["recount"])
    assert result.exit_code == 0
    assert "1 of 1 cases had counts that drifted" in result.output
    db.session.expire_all()
    assert (db.session.get(Case, case.id).verdict_count, case.nta_count) == (1, 1)
    assert "0 of 1" in runner.invoke(args=["recount"]).output


def test_counts_match_rows_after_a_seeded_demo(app, demo_board):
    assert_counts_match_rows(*db.session.scalars(select(Case)))
