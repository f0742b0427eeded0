"""Pages issue a fixed number of SQL queries, whatever the amount of data on them."""

from contextlib import contextmanager

from sqlalchemy import event

from caseboard.cases import services
from caseboard.extensions import db
from tests.conftest import REASONING


@contextmanager
def counting_queries(engine):
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


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
    with client.application.app_context():
        engine = db.engine
    with counting_queries(engine) as statements:
        assert client.get(path).status_code == 200
    return len(statements)


def test_home_page_query_count_does_not_grow_with_cases(client, auth, make_case, make_member):
    auth.register("reader")
    make_case()
    small = _queries_for(client, "/")
    for _ in range(12):
        _grow(make_case(), make_member, verdicts=2, replies_per_verdict=1)
    assert _queries_for(client, "/") == small <= 10


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
