"""Pages issue a fixed number of SQL queries, whatever the amount of data on them."""

from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine

from caseboard.cases import services
from caseboard.extensions import db
from tests.conftest import REASONING


@contextmanager
def counting_queries():
    """Every statement any engine sends meanwhile: on PostgreSQL, pages that only read use
    an engine of their own (caseboard.reading), beside the app's."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def _grow(case, make_member, verdicts: int, replies_per_verdict: int):
    for _ in range(verdicts):
        judge = make_member()
        verdict = services.give_verdict(case, judge, "NTA", REASONING)
        parent = None
        for _ in range(replies_per_verdict):
            parent = services.add_reply(
                case, make_member(), "A reply.", verdict=verdict, parent=parent
            )
            services.vote_helpful(judge, parent, True)
        services.add_reply(case, make_member(), "On the case.")


def _queries_for(client, path) -> int:
    with counting_queries() as statements:
        assert client.get(path).status_code == 200
    return len(statements)


def test_home_page_query_count_does_not_grow_with_cases(client, auth, make_case, make_member):
    auth.register("reader")
    make_case()
    small = _queries_for(client, "/")
    for _ in range(12):
        _grow(make_case(), make_member, verdicts=2, replies_per_verdict=1)
    assert _queries_for(client, "/") == small <= 10


def test_a_member_s_judged_marks_cost_one_query_however_many_cases_they_judged(
    client, auth, make_case, make_member
):
    from sqlalchemy import select

    from caseboard.models import Member

    me = db.session.scalar(select(Member).where(Member.username == auth.register("judge")))
    cases = [make_case() for _ in range(12)]
    client.get("/")  # the shared list is now cached: what is left is the member's own part
    none_judged = _queries_for(client, "/")
    for number, case in enumerate(cases):  # the same text a fourth time would be refused
        services.give_verdict(case, me, "NTA", f"{REASONING} Case {number}.")
    assert client.get("/").text.count("You judged this") == 12
    assert _queries_for(client, "/") == none_judged <= 10
    auth.logout()
    assert _queries_for(client, "/") < none_judged  # readers: no account, no marks to look up


def test_a_member_s_list_reads_their_judged_marks_in_the_query_that_logs_them_in(
    client, auth, make_case
):
    from sqlalchemy import select

    from caseboard.models import Member

    me = db.session.scalar(select(Member).where(Member.username == auth.register("judge")))
    services.give_verdict(make_case(), me, "YTA", REASONING)
    client.get("/new")  # the shared list is now cached
    with counting_queries() as statements:
        page = client.get("/new").text
    assert "You judged this: you gave" in page and ">YTA</abbr>" in page
    assert len(statements) == 1 and "FROM members" in statements[-1], statements


def test_case_page_query_count_does_not_grow_with_discussion(client, auth, make_case, make_member):
    auth.register("reader")
    small_case, big_case = make_case(), make_case()
    _grow(small_case, make_member, verdicts=1, replies_per_verdict=1)
    _grow(big_case, make_member, verdicts=12, replies_per_verdict=3)
    small = _queries_for(client, f"/cases/{small_case.public_id}")
    big = _queries_for(client, f"/cases/{big_case.public_id}")
    assert small == big <= 10
    auth.logout()
    assert _queries_for(client, f"/cases/{big_case.public_id}") <= small


def test_a_closed_case_with_its_prior_and_follow_up_stays_within_budget(
    client, auth, make_case, make_member
):
    from datetime import timedelta

    from sqlalchemy import select, update

    from caseboard.follow_ups import answer_follow_up
    from caseboard.lifecycle import close_expired_windows
    from caseboard.models import Case, Member, OutcomePrior
    from caseboard.models.base import utcnow

    author = db.session.scalar(select(Member).where(Member.username == auth.register("poster")))
    case = make_case(author=author)
    _grow(case, make_member, verdicts=6, replies_per_verdict=2)
    prior = OutcomePrior(case_count=300, yta=0.6, nta=1.4, esh=0.3, nah=0.2, info=0.1)
    db.session.add(prior)
    db.session.execute(
        update(Case).where(Case.id == case.id).values(closes_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()
    close_expired_windows()
    db.session.execute(update(Case).where(Case.id == case.id).values(outcome_prior_id=prior.id))
    db.session.commit()
    answer_follow_up(
        db.session.get(Case, case.id), author, "It worked out in the end, thanks.", "helped"
    )
    assert _queries_for(client, f"/cases/{case.public_id}") <= 10  # as its author
    auth.logout()
    auth.register("reader2")
    assert _queries_for(client, f"/cases/{case.public_id}") <= 10


def test_a_member_s_case_page_reads_their_own_part_in_the_query_that_logs_them_in(
    client, auth, make_case
):
    from sqlalchemy import select

    from caseboard.models import Member

    me = db.session.scalar(select(Member).where(Member.username == auth.register("judge")))
    case = make_case()
    services.give_verdict(case, me, "ESH", REASONING)
    url = f"/cases/{case.public_id}"
    client.get(url)  # the shared page is now cached
    with counting_queries() as statements:
        page = client.get(url).text
    assert "You said <strong>ESH</strong>" in page  # their own verdict, from the login
    assert len(statements) == 2 and "FROM members" in statements[0], statements


def test_the_proof_of_work_on_a_new_member_s_case_page_costs_no_query(
    make_app, make_case, make_member
):
    """Whether a member's forms carry the proof of work is read from their row, loaded
    with the login: drawing the widget asks the database nothing more."""
    from tests.conftest import PASSWORD
    from tests.functional.form_guard_helpers import GUARDED

    client = make_app(**GUARDED).test_client()
    newcomer = make_member("newcomer")  # new (a day old), not limited
    client.post("/login", data={"username": newcomer.username, "password": PASSWORD})
    url = f"/cases/{make_case().public_id}"
    client.get(url)  # the shared page is now cached
    with counting_queries() as statements:
        page = client.get(url).text
    assert "<altcha-widget" in page
    assert len(statements) == 2 and "FROM members" in statements[0], statements


def test_the_own_part_read_with_the_login_is_the_one_its_own_query_reads(make_case, make_member):
    """Everything a member can have on a case: their verdict, a published reply and one
    waiting for a moderator, following it, and helpful votes both ways."""
    from sqlalchemy import select, update

    from caseboard.cases import queries
    from caseboard.following import services as following
    from caseboard.models import ContentStatus, Reply

    case, me, other = make_case(), make_member(), make_member()
    others_verdict = services.give_verdict(case, other, "YTA", REASONING)
    services.give_verdict(case, me, "NAH", f"{REASONING} Mine.")
    services.add_reply(case, me, "Published.", verdict=others_verdict)
    waiting = services.add_reply(case, me, "Waiting.")
    db.session.execute(
        update(Reply).where(Reply.id == waiting.id).values(status=ContentStatus.HELD)
    )
    others_reply = services.add_reply(case, other, "Theirs.")
    services.vote_helpful(me, others_verdict, True)
    services.vote_helpful(me, others_reply, False)
    following.follow(me, case)
    db.session.commit()

    params = {"my_part_case": case.public_id, "member_id": me.id}
    read = queries.read_my_part(db.session.scalar(select(queries.my_part_column()), params))

    assert read == queries.my_part(case, me)
    assert read.verdict.label == "NAH" and read.following and read.waiting_replies
    assert len(read.written) == 2 and set(read.votes.values()) == {True, False}
