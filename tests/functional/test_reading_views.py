"""Pages that only read run outside a transaction on PostgreSQL, survive a restart of it
without a ping per request, and may not write (caseboard.reading)."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.engine import Engine

from caseboard.accounts.services import register
from caseboard.extensions import db
from caseboard.models import Member
from caseboard.reading import reads_only
from tests.conftest import PASSWORD, REASONING


@contextmanager
def transaction_states():
    """(statement, whether it ran outside a transaction) for each statement meanwhile."""
    seen: list[tuple[str, bool]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, conn.connection.dbapi_connection.autocommit))

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


@pytest.mark.postgres_only
def test_a_members_case_page_reads_outside_a_transaction(client, auth, make_case):
    case = make_case()
    auth.register("reader")
    with transaction_states() as seen:
        response = client.get(f"/cases/{case.public_id}")
    assert response.status_code == 200 and "Log out" in response.text
    assert seen and all(outside for _, outside in seen), seen


@pytest.mark.postgres_only
def test_giving_a_verdict_still_writes_in_one_transaction(client, auth, make_case):
    case = make_case()
    auth.register("judge")
    with transaction_states() as seen:
        response = client.post(
            f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING}
        )
    assert response.status_code == 302
    writes = [outside for statement, outside in seen if statement.startswith("INSERT")]
    assert writes and not any(writes)


@pytest.mark.postgres_only
def test_a_reading_page_survives_a_postgresql_restart(client, auth, make_case):
    case = make_case()
    auth.register("reader")
    assert client.get(f"/cases/{case.public_id}").status_code == 200
    # What a restart does to the pooled connections: the server ends every one of them
    # (but the test's own, closed first, which the test's teardown still needs).
    db.session.remove()
    db.engine.dispose()
    with db.engine.connect() as connection:
        ended = connection.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar()
    assert ended >= 1
    response = client.get(f"/cases/{case.public_id}")
    assert response.status_code == 200 and "Log out" in response.text


def test_a_view_marked_reads_only_that_writes_is_refused(make_app):
    app = make_app()

    @reads_only
    def writes_while_reading():
        register("written-while-reading", PASSWORD, "")
        return "written"

    app.add_url_rule("/reading-view-that-writes", view_func=writes_while_reading)
    response = app.test_client().get("/reading-view-that-writes")
    assert response.status_code == 500
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Member)) == 0
