"""Counts stay equal to their rows with many members writing to one case at the same moment."""

import contextlib
import threading
import time

import pytest
from sqlalchemy import func, select, text

from caseboard.cases import services
from caseboard.cases.counts import recount_case
from caseboard.errors import Closed, NotFound
from caseboard.extensions import db
from caseboard.models import Case, HelpfulVote, Member, Reply, Verdict
from tests.conftest import REASONING

WRITERS = 32
LABELS = ("YTA", "NTA", "ESH", "NAH", "INFO")


def _start_and_join(threads: list[threading.Thread], timeout: float) -> None:
    """Start every thread, so they run at once, then wait for each."""
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)


@pytest.mark.postgres_only
def test_32_concurrent_writers_leave_counts_equal_to_rows(make_app, app, make_case, make_member):
    case = make_case()
    seed_verdicts = [
        services.give_verdict(case, make_member(), label, REASONING) for label in LABELS
    ]
    case_id = case.id
    target_ids = [verdict.id for verdict in seed_verdicts]
    writer_ids = [make_member().id for _ in range(WRITERS)]
    worker_app = make_app(
        SQLALCHEMY_ENGINE_OPTIONS={"pool_size": WRITERS + 4, "pool_pre_ping": True}
    )
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def write(index: int, member_id: int) -> None:
        with worker_app.app_context():
            try:
                member = db.session.get(Member, member_id)
                target_case = db.session.get(Case, case_id)
                barrier.wait(timeout=30)
                verdict = services.give_verdict(
                    target_case, member, LABELS[index % 5], REASONING + f" ({index})"
                )
                for target_id in target_ids:
                    target = db.session.get(Verdict, target_id)
                    services.vote_helpful(member, target, index % 3 != 0)
                    if index % 4 == 0:  # some change their mind, some take the vote back
                        services.vote_helpful(member, target, index % 8 == 0)
                services.add_reply(target_case, member, f"Reply {index}", verdict=verdict)
                # Answer a verdict that another writer may be editing at this very moment.
                other = db.session.scalar(
                    select(Verdict).where(
                        Verdict.case_id == case_id, Verdict.member_id == writer_ids[index - 1]
                    )
                )
                # If it was withdrawn meanwhile the member is told; nothing is half-written.
                if other is not None:
                    with contextlib.suppress(NotFound):
                        services.add_reply(target_case, member, f"Answer {index}", verdict=other)
                if index % 2:
                    services.change_verdict(verdict, member, LABELS[(index + 1) % 5], REASONING)
                if index % 7 == 0:
                    services.withdraw_verdict(verdict, member)
            except BaseException as error:  # noqa: BLE001 - collected and reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=write, args=pair) for pair in enumerate(writer_ids)]
    _start_and_join(threads, timeout=120)
    assert not errors, errors[:3]

    db.session.expire_all()
    stored = db.session.get(Case, case_id)
    verdicts = db.session.scalar(
        select(func.count()).select_from(Verdict).where(Verdict.case_id == case_id)
    )
    assert stored.verdict_count == verdicts == len(LABELS) + WRITERS - len(range(0, WRITERS, 7))
    for label, count in stored.tally.items():
        assert count == db.session.scalar(
            select(func.count())
            .select_from(Verdict)
            .where(Verdict.case_id == case_id, Verdict.label == label)
        )
    assert stored.reply_count == db.session.scalar(
        select(func.count()).select_from(Reply).where(Reply.case_id == case_id)
    )
    for verdict in db.session.scalars(select(Verdict).where(Verdict.case_id == case_id)):
        assert verdict.reply_count == db.session.scalar(
            select(func.count()).select_from(Reply).where(Reply.verdict_id == verdict.id)
        )
    for target_id in target_ids:
        verdict = db.session.get(Verdict, target_id)
        for helpful, stored_count in (
            (True, verdict.helpful_count),
            (False, verdict.not_helpful_count),
        ):
            assert stored_count == db.session.scalar(
                select(func.count())
                .select_from(HelpfulVote)
                .where(HelpfulVote.verdict_id == target_id, HelpfulVote.helpful.is_(helpful))
            )
    assert recount_case(case_id) is False


REPORTERS = 12


@pytest.mark.postgres_only
def test_concurrent_reports_open_one_item_and_hide_once(make_app, app, make_case, make_member):
    from caseboard.models import ContentStatus, ModerationItem, Report
    from caseboard.moderation import reports

    case = make_case()
    verdict = services.give_verdict(case, make_member(), "YTA", REASONING)
    case_id, verdict_id = case.id, verdict.id
    reporter_ids = [make_member().id for _ in range(REPORTERS)]
    worker_app = make_app(SQLALCHEMY_ENGINE_OPTIONS={"pool_size": REPORTERS + 4})
    barrier = threading.Barrier(REPORTERS)
    errors: list[BaseException] = []

    def report(member_id: int) -> None:
        with worker_app.test_request_context():
            try:
                member = db.session.get(Member, member_id)
                target = db.session.get(Verdict, verdict_id)
                barrier.wait(timeout=30)
                reports.report(member, target, "unkind")
            except NotFound:  # hidden by the others' reports first: nothing left to report
                pass
            except BaseException as error:  # noqa: BLE001 - collected and reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=report, args=(member_id,)) for member_id in reporter_ids]
    _start_and_join(threads, timeout=120)
    assert not errors, errors[:3]

    db.session.expire_all()
    filed = db.session.scalar(select(func.count()).select_from(Report))
    assert filed >= 3
    assert db.session.get(Verdict, verdict_id).status == ContentStatus.HELD
    assert db.session.scalar(select(func.count()).select_from(ModerationItem)) == 1
    assert db.session.get(Case, case_id).verdict_count == 0


@pytest.mark.postgres_only
def test_a_report_that_hides_a_verdict_does_not_deadlock_with_a_reply(
    make_app, app, make_case, make_member
):
    """The hide recounts the case: it must take row locks verdict first, then case, like a
    reply being counted at the same moment, or PostgreSQL aborts one of them."""
    import time

    from sqlalchemy import text

    from caseboard.moderation import reports

    case = make_case()
    verdict = services.give_verdict(case, make_member(), "YTA", REASONING)
    for _ in range(2):
        reports.report(make_member(), verdict, "unkind")
    case_id, verdict_id, last_reporter = case.id, verdict.id, make_member().id
    worker_app = make_app(SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 6})
    errors: list[BaseException] = []
    verdict_locked = threading.Event()

    def count_a_reply() -> None:  # count_reply's order: the verdict row, then the case row
        with worker_app.app_context():
            try:
                db.session.execute(
                    text("UPDATE verdicts SET reply_count = reply_count + 1 WHERE id = :id"),
                    {"id": verdict_id},
                )
                verdict_locked.set()
                time.sleep(0.5)
                db.session.execute(
                    text("UPDATE cases SET reply_count = reply_count + 1 WHERE id = :id"),
                    {"id": case_id},
                )
                db.session.commit()
            except BaseException as error:  # noqa: BLE001 - collected and reported below
                errors.append(error)
            finally:
                db.session.remove()

    def report_it() -> None:
        with worker_app.test_request_context():
            try:
                verdict_locked.wait(5)
                reporter = db.session.get(Member, last_reporter)
                reports.report(reporter, db.session.get(Verdict, verdict_id), "unkind")
            except BaseException as error:  # noqa: BLE001 - collected and reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=count_a_reply), threading.Thread(target=report_it)]
    _start_and_join(threads, timeout=30)
    assert not errors, errors


@pytest.mark.postgres_only
def test_a_label_change_waiting_on_the_closing_lock_is_refused(
    make_app, app, make_case, make_member
):
    """The closing job holds the case row while it stores the outcome; a label change that
    queued behind it must see the case closed when it gets the row, and refuse."""
    case = make_case()
    judge = make_member()
    verdict = services.give_verdict(case, judge, "NTA", REASONING)
    case_id, verdict_id, judge_id = case.id, verdict.id, judge.id
    worker_app = make_app(SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 4})
    closing_holds_row = threading.Event()
    outcome: list[BaseException | str] = []

    def close_it() -> None:  # what close_window does: lock the row, then store the outcome
        with worker_app.app_context():
            try:
                db.session.execute(
                    text("SELECT id FROM cases WHERE id = :id FOR UPDATE"), {"id": case_id}
                )
                closing_holds_row.set()
                time.sleep(0.5)  # the label change is now waiting on the row lock
                db.session.execute(
                    text("UPDATE cases SET closed_at = now() WHERE id = :id"), {"id": case_id}
                )
                db.session.commit()
            finally:
                db.session.remove()

    def change_it() -> None:
        with worker_app.test_request_context():
            try:
                closing_holds_row.wait(5)
                member = db.session.get(Member, judge_id)
                services.change_verdict(
                    db.session.get(Verdict, verdict_id), member, "YTA", REASONING
                )
                outcome.append("changed")
            except BaseException as error:  # noqa: BLE001 - inspected below
                outcome.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=close_it), threading.Thread(target=change_it)]
    _start_and_join(threads, timeout=30)
    assert len(outcome) == 1 and isinstance(outcome[0], Closed), outcome
    db.session.expire_all()
    assert db.session.get(Verdict, verdict_id).label == "NTA"
    assert db.session.get(Case, case_id).tally == {
        **dict.fromkeys(("YTA", "ESH", "NAH", "INFO"), 0),
        "NTA": 1,
    }


@pytest.mark.postgres_only
def test_a_spam_wave_does_not_deadlock_with_a_decision_on_one_of_its_items(
    make_app, app, make_case, make_member
):
    """A decision locks its queue item, then the content; a spam wave on the same author
    must lock in that order too (queue items, then content), or PostgreSQL aborts one."""
    from caseboard.models import ContentStatus, ModerationItem, Role
    from caseboard.moderation import reports, spam_wave

    spammer, moderator = make_member(), make_member()
    moderator.role = Role.MODERATOR
    spam_case = make_case(author=spammer)
    reply = services.add_reply(make_case(), spammer, "Cheap watches, order today, free shipping.")
    reports.report(make_member(), reply, "spam")
    item_id = db.session.scalar(
        select(ModerationItem.id).where(ModerationItem.subject_key == f"reply:{reply.id}")
    )
    case_id, reply_id, moderator_id = spam_case.id, reply.id, moderator.id
    worker_app = make_app(SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 4})
    item_locked = threading.Event()
    errors: list[BaseException] = []

    def decide_it() -> None:  # decisions.decide's order: close the item, then the content
        with worker_app.app_context():
            try:
                db.session.execute(
                    text("UPDATE moderation_items SET closed_at = now() WHERE id = :id"),
                    {"id": item_id},
                )
                item_locked.set()
                time.sleep(0.5)  # the wave is now under way
                db.session.execute(
                    text("UPDATE replies SET status = :status WHERE id = :id"),
                    {"status": ContentStatus.REMOVED, "id": reply_id},
                )
                db.session.commit()
            except BaseException as error:  # noqa: BLE001 - collected and reported below
                errors.append(error)
            finally:
                db.session.remove()

    def start_the_wave() -> None:
        with worker_app.test_request_context():
            try:
                item_locked.wait(5)
                spam_wave.remove_everything_by_author(
                    db.session.get(Case, case_id), db.session.get(Member, moderator_id)
                )
            except BaseException as error:  # noqa: BLE001 - collected and reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=decide_it), threading.Thread(target=start_the_wave)]
    _start_and_join(threads, timeout=30)
    assert not errors, errors
    db.session.expire_all()
    assert db.session.get(Case, case_id).status == ContentStatus.REMOVED
    assert db.session.get(Reply, reply_id).status == ContentStatus.REMOVED
