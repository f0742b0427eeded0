"""What happened next: the 30- and 90-day questions to the author, and their answer on the page."""

from __future__ import annotations

import email
import threading
from datetime import timedelta
from email import policy

import pytest
from rq import Worker
from sqlalchemy import select, update

from caseboard.accounts.services import delete_account, register
from caseboard.cases import services
from caseboard.extensions import db, redis_connection
from caseboard.follow_ups import answer_follow_up, ask_due_follow_ups
from caseboard.models import Case, CaseUpdate, Member, Notification
from caseboard.models.base import utcnow
from caseboard.worker import periodic_pass
from tests.conftest import CASE_FIELDS, PASSWORD, REASONING, shown
from tests.functional.curation_helpers import close_case

ANSWER = "We talked it through and now rotate the on-call weeks fairly across the team."
DAY = timedelta(days=1)


_judges = iter(range(1, 10_000))


def _judged(case: Case) -> Case:
    """Give the case one verdict: advice, so there is something to ask about."""
    judge = register(f"judge{next(_judges)}", PASSWORD)
    services.give_verdict(case, judge, "NTA", REASONING)
    return case


def _closed(
    make_case, *, days_ago: float = 0, author: Member | None = None, judged: bool = True
) -> Case:
    """A case (by `author`, or a new member) with a verdict (unless not `judged`) whose
    window closed `days_ago` days ago."""
    case = make_case(author)
    return close_case(_judged(case) if judged else case, utcnow() - days_ago * DAY)


def _questions(member_id: int) -> list[str]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Notification.message)
            .where(Notification.member_id == member_id, Notification.kind == "follow_up")
            .order_by(Notification.id)
        )
    )


def _author(case: Case) -> Member:
    return db.session.get(Member, case.author_id)


def _own_closed_case(client, auth, *, email: str = "", username: str | None = None) -> Case:
    """The client's member posts a case through the page; its window then closes."""
    name = auth.register(username, email=email)
    client.post("/cases/new", data={**CASE_FIELDS, "action": "post"})
    author = db.session.scalar(select(Member).where(Member.username == name))
    case = db.session.scalars(select(Case).where(Case.author_id == author.id)).one()
    return close_case(_judged(case))


def _answer(client, case: Case, advice: str = "helped", body: str = ANSWER):
    return client.post(
        f"/cases/{case.public_id}/follow-up", data={"body": body, "advice_helped": advice}
    )


# -- asking --------------------------------------------------------------------------------


def test_no_question_is_asked_before_day_30(make_case):
    case = _closed(make_case)
    assert ask_due_follow_ups(utcnow() + 29 * DAY) == 0
    assert _questions(case.author_id) == []


def test_the_30_day_question_is_asked_once(make_case):
    case = _closed(make_case)
    day_30 = case.closed_at + 30 * DAY
    assert ask_due_follow_ups(day_30) == 1
    assert ask_due_follow_ups(day_30 + timedelta(minutes=5)) == 0  # the next sweep
    assert _questions(case.author_id) == [
        f"It's been 30 days since your case “{case.title}” closed. "
        "How did it play out, and did the advice help?"
    ]
    notice = db.session.scalar(select(Notification).where(Notification.kind == "follow_up"))
    assert notice.subject_kind == "case" and notice.subject_public_id == case.public_id


def test_the_90_day_question_comes_at_day_90(make_case):
    case = _closed(make_case)
    ask_due_follow_ups(case.closed_at + 30 * DAY)
    assert ask_due_follow_ups(case.closed_at + 89 * DAY) == 0
    assert ask_due_follow_ups(case.closed_at + 90 * DAY) == 1
    assert len(_questions(case.author_id)) == 2
    assert _questions(case.author_id)[1].startswith("It's been 90 days since your case")


def test_a_case_answered_after_day_30_is_not_asked_again_at_day_90(make_case):
    case = _closed(make_case, days_ago=31)
    assert ask_due_follow_ups() == 1
    answer_follow_up(case, _author(case), ANSWER, "partly")
    assert ask_due_follow_ups(case.closed_at + 90 * DAY) == 0
    assert len(_questions(case.author_id)) == 1
    db.session.refresh(case)
    assert case.follow_up_asks == 2  # counted as settled, so no sweep looks at it again


def test_a_late_sweep_asks_only_the_latest_question(make_case):
    case = _closed(make_case, days_ago=100)
    assert ask_due_follow_ups() == 1
    [question] = _questions(case.author_id)
    assert question.startswith("It's been 90 days")


def test_the_author_of_a_deleted_account_is_not_asked(make_case):
    case = _closed(make_case, days_ago=31)
    delete_account(_author(case), keep_content=True)
    assert ask_due_follow_ups() == 0
    assert _questions(case.author_id) == []


def test_nobody_is_asked_whether_advice_helped_when_there_was_none(make_case):
    case = _closed(make_case, days_ago=31, judged=False)
    assert ask_due_follow_ups() == 0
    assert _questions(case.author_id) == []


def test_the_author_of_a_locked_case_is_not_asked(make_case):
    case = _closed(make_case, days_ago=31)
    db.session.execute(update(Case).where(Case.id == case.id).values(locked_at=utcnow()))
    db.session.commit()
    assert ask_due_follow_ups() == 0


def test_the_cli_command_asks_what_is_due(runner, make_case):
    _closed(make_case, days_ago=31)
    result = runner.invoke(args=["ask-follow-ups"])
    assert result.output.strip() == "Asked 1 follow-up questions."


@pytest.mark.postgres_only
def test_two_sweeps_at_once_ask_each_question_once(make_app, make_case):
    cases = [_closed(make_case, days_ago=31) for _ in range(3)]
    worker_app = make_app(SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 4})
    barrier = threading.Barrier(2)
    asked: list[int] = []
    errors: list[BaseException] = []

    def sweep() -> None:
        with worker_app.app_context():
            try:
                barrier.wait(timeout=30)
                asked.append(ask_due_follow_ups())
            except BaseException as error:  # reported below, in the test's thread
                errors.append(error)

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and sum(asked) == 3
    assert all(len(_questions(case.author_id)) == 1 for case in cases)


def test_an_opted_in_author_is_emailed_the_question(app, client, auth, tmp_path):
    outbox = tmp_path / "outbox"
    app.config["MAIL_OUTBOX"] = str(outbox)
    case = _own_closed_case(client, auth, email="author@example.com")
    assert client.post("/account/email", data={"kinds": ["follow_up"]}).status_code == 302
    ask_due_follow_ups(case.closed_at + 30 * DAY)
    Worker([redis_connection.queue()], connection=redis_connection.client).work(burst=True)
    [message] = [
        email.message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in outbox.glob("*.eml")
    ]
    assert message["To"] == "author@example.com"
    assert message["Subject"] == "How did it play out?"
    assert f"It's been 30 days since your case “{case.title}” closed." in message.get_content()


# -- answering -----------------------------------------------------------------------------


def test_the_authors_answer_shows_on_the_case_page(client, auth, make_app):
    case = _own_closed_case(client, auth)
    response = _answer(client, case, "helped")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{case.public_id}#follow-ups")
    reader_page = make_app().test_client().get(f"/cases/{case.public_id}").text
    assert 'id="follow-ups"' in reader_page and "What happened next" in reader_page
    assert "<strong>The advice:</strong> It helped" in reader_page
    assert shown(ANSWER) in reader_page
    db.session.refresh(case)
    assert case.advice_helped == "helped" and case.followed_up_at is not None


def test_each_answer_shows_its_own_words(client, auth):
    case = _own_closed_case(client, auth)
    _answer(client, case, "partly")
    _answer(client, case, "didnt_help", "Three months on, the rota has slipped back again.")
    page = client.get(f"/cases/{case.public_id}").text
    assert "The advice:</strong> It partly helped" in page
    assert "The advice:</strong> " + shown("It didn't help") in page
    db.session.refresh(case)
    assert case.advice_helped == "didnt_help"  # the latest answer


def test_the_author_is_invited_until_they_answer(client, auth):
    case = _own_closed_case(client, auth)
    invitation = "How did it play out, and did the crowd"
    assert invitation in client.get(f"/cases/{case.public_id}").text
    _answer(client, case)
    assert invitation not in client.get(f"/cases/{case.public_id}").text


def test_a_member_who_did_not_post_the_case_gets_403(client, auth, make_case):
    case = _closed(make_case)
    auth.register()
    assert _answer(client, case).status_code == 403
    assert db.session.scalars(select(CaseUpdate)).all() == []


def test_answering_an_open_case_gets_409(client, auth):
    auth.register()
    client.post("/cases/new", data={**CASE_FIELDS, "action": "post"})
    case = db.session.scalars(select(Case)).one()
    response = _answer(client, case)
    assert response.status_code == 409 and "still open for verdicts" in response.text
    assert db.session.scalars(select(CaseUpdate)).all() == []


def test_an_unknown_advice_value_gets_400_and_keeps_the_text(client, auth):
    case = _own_closed_case(client, auth)
    response = _answer(client, case, "maybe")
    assert response.status_code == 400
    assert "Say whether the advice helped: choose one of" in response.text
    assert shown(ANSWER) in response.text  # what they typed is still in the form
    assert db.session.scalars(select(CaseUpdate)).all() == []


def test_a_logged_out_post_is_sent_to_log_in_with_its_text_kept(client, make_case):
    case = _closed(make_case)
    response = _answer(client, case)
    # The app's way for any logged-out POST: 401, "log in", and what was typed, not a redirect
    # that would lose it.
    assert response.status_code == 401 and "not logged in" in response.text
    assert "/login" in response.text and shown(ANSWER) in response.text
    assert db.session.scalars(select(CaseUpdate)).all() == []


def test_the_follow_up_names_op_never_the_author(client, auth, make_app, make_member):
    case = _own_closed_case(client, auth, username="casey.follows", email="casey@example.com")
    _answer(client, case)
    reader, member = make_app().test_client(), make_app().test_client()
    make_member("pat.reader")
    member.post("/login", data={"username": "pat.reader", "password": "correct horse battery"})
    for other in (reader, member):
        page = other.get(f"/cases/{case.public_id}").text
        section = page[page.index('id="follow-ups"') :]
        assert 'Follow-up from <span class="alias">OP</span>' in section
        assert "casey.follows" not in page and "casey@example.com" not in page


def test_the_periodic_pass_asks_follow_ups(make_case):
    case = _closed(make_case, days_ago=31)
    periodic_pass()
    assert len(_questions(case.author_id)) == 1


def test_a_locked_case_offers_its_author_no_follow_up_form(client, auth):
    case = _own_closed_case(client, auth)
    url = f"/cases/{case.public_id}"
    follow_up_form = 'name="case_form" value="follow-up"'
    assert follow_up_form in client.get(url).text
    db.session.execute(update(Case).where(Case.id == case.id).values(locked_at=utcnow()))
    db.session.commit()
    assert follow_up_form not in client.get(url).text
