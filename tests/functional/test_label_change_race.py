"""A verdict's label changed while its case is closing: refused, never miscounted."""

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import text, update

from caseboard.cases import services
from caseboard.errors import Closed
from caseboard.extensions import db
from caseboard.lifecycle import close_expired_windows
from caseboard.models import Case, Verdict
from caseboard.models.base import utcnow
from tests.conftest import REASONING


def _due(case):
    db.session.execute(
        update(Case).where(Case.id == case.id).values(closes_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()


def test_a_label_change_racing_the_close_is_refused_not_miscounted(app, make_case, make_member):
    case = make_case()
    judge = make_member()
    verdict = services.give_verdict(case, judge, "NTA", REASONING)
    _due(case)
    close_expired_windows()
    db.session.execute(  # the window looks open to a request that loaded the case earlier
        update(Case).where(Case.id == case.id).values(closes_at=utcnow() + timedelta(hours=1))
    )
    db.session.commit()
    db.session.expire_all()
    with pytest.raises(Closed):
        services.change_verdict(db.session.get(Verdict, verdict.id), judge, "YTA", REASONING)
    db.session.expire_all()
    assert db.session.get(Verdict, verdict.id).label == "NTA"
    assert db.session.get(Case, case.id).tally["NTA"] == 1


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
        from caseboard.models import Member

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
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(outcome) == 1 and isinstance(outcome[0], Closed), outcome
    db.session.expire_all()
    assert db.session.get(Verdict, verdict_id).label == "NTA"
    assert db.session.get(Case, case_id).tally == {
        **dict.fromkeys(("YTA", "ESH", "NAH", "INFO"), 0),
        "NTA": 1,
    }
