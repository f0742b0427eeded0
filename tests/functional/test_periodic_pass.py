"""The worker's periodic pass does what the database says is due: armed from every worker's
loop, queued once per interval however many workers there are, armed again when Redis
forgets, and each of its steps runs even when another fails."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from sqlalchemy import update

from caseboard import worker
from caseboard.extensions import db, redis_connection
from caseboard.models import Case
from caseboard.models.base import utcnow
from caseboard.worker import arm_periodic_pass, periodic_pass, run_worker


def _overdue_case(make_case) -> Case:
    """A case whose window has passed with no job due to close it (its own was lost)."""
    case = make_case()
    db.session.execute(
        update(Case).where(Case.id == case.id).values(closes_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()
    return case


def _is_closed(case: Case) -> bool:
    db.session.expire_all()
    return db.session.get(Case, case.id).closed_at is not None


def _passes_queued() -> int:
    return sum(
        job.func_name == "caseboard.worker.periodic_pass"
        for job in redis_connection.queue().get_jobs()
    )


def test_a_starting_worker_closes_a_window_whose_own_job_was_lost(app, make_case):
    case = _overdue_case(make_case)
    run_worker(burst=True)
    assert _is_closed(case)


def test_many_workers_arming_at_once_queue_one_pass(app):
    assert [arm_periodic_pass() for _ in range(5)] == [True, False, False, False, False]
    assert _passes_queued() == 1


def test_the_pass_is_armed_again_once_its_interval_has_passed(make_app):
    with make_app(PERIODIC_PASS_SECONDS=1).app_context():
        assert arm_periodic_pass()
        assert not arm_periodic_pass()
        time.sleep(1.1)
        assert arm_periodic_pass()
        assert _passes_queued() == 2


def test_a_redis_that_lost_its_memory_gets_a_pass_at_once(app):
    assert arm_periodic_pass()
    redis_connection.client.delete(f"{app.config['CACHE_KEY_PREFIX']}periodic-pass")
    redis_connection.queue().empty()  # restarted empty: the queued pass is gone too
    assert arm_periodic_pass()
    assert _passes_queued() == 1


def test_a_failing_step_leaves_the_other_steps_to_run(app, make_case, monkeypatch, caplog):
    case = _overdue_case(make_case)

    member_name = "".join(["priya", "-from-payroll"])  # built at run time: not in the source

    def broken_step():
        raise RuntimeError(f"a message that names {member_name}")

    monkeypatch.setattr(worker, "PASS_STEPS", (broken_step, *worker.PASS_STEPS))
    with caplog.at_level(logging.ERROR, logger="caseboard.worker"):
        periodic_pass()
    assert _is_closed(case)
    assert "broken_step failed with RuntimeError" in caplog.text
    assert "priya-from-payroll" not in caplog.text
