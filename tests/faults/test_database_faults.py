"""PostgreSQL connections killed under live requests (pg_terminate_backend, as a restart or
a failover does): pages keep rendering, a write is either kept or refused with a 503 that
says when to try again and gives back what was typed, and nothing a member was told was
saved goes missing."""

from __future__ import annotations

import threading
import time
from collections import Counter
from itertools import product

import pytest
from sqlalchemy import create_engine, select, text

from caseboard.extensions import db
from caseboard.models import Case, Member, Verdict
from tests.conftest import PASSWORD, REASONING

pytestmark = pytest.mark.postgres_only

KILLING_SECONDS = 3
MEMBERS = 12
CASES = 6
# Between two rounds of killing, long enough for a write to finish on a busy machine (a
# verdict takes some 50 to 150 ms under a full test run there): with 50 ms, on a slow run
# every write was cut and the test failed with nothing acknowledged to check.
KILL_INTERVAL_SECONDS = 0.2


def _kill_connections(url: str, stop: threading.Event, killed: list[int]) -> None:
    """Terminate every other connection to the test's database, again and again."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        while not stop.is_set():
            rows = connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).all()
            killed.append(len(rows))
            time.sleep(KILL_INTERVAL_SECONDS)
    engine.dispose()


def _logged_in(make_app, username: str):
    """A member's browser on an app of its own, as each web process has its own pool."""
    browser = make_app().test_client()
    response = browser.post(
        "/register", data={"username": username, "password": PASSWORD, "confirm": PASSWORD}
    )
    assert response.status_code == 302
    return browser


def test_killed_connections_lose_no_acknowledged_write_and_pages_keep_rendering(
    make_app, make_case, database_url
):
    cases = [make_case().public_id for _ in range(CASES)]
    members = {f"judge{n}": _logged_in(make_app, f"judge{n}") for n in range(MEMBERS)}
    reader = make_app().test_client()
    statuses: Counter = Counter()
    acknowledged: set[tuple[str, str]] = set()
    stop = threading.Event()
    killed: list[int] = []

    def read_pages() -> None:
        while not stop.is_set():
            for public_id in cases:
                response = reader.get(f"/cases/{public_id}")
                statuses[("page", response.status_code)] += 1
                if response.status_code == 503:
                    assert response.headers["Retry-After"]

    db.session.remove()  # the test's own connection back in the pool, where a ping checks it
    killer = threading.Thread(target=_kill_connections, args=(database_url, stop, killed))
    reading = threading.Thread(target=read_pages)
    killer.start()
    reading.start()
    deadline = time.monotonic() + KILLING_SECONDS
    try:
        for (username, browser), public_id in product(members.items(), cases):
            if time.monotonic() > deadline:
                break
            # Each text its own: the same one pasted on many cases is refused as spam.
            reasoning = f"{REASONING} ({username} on {public_id})"
            response = browser.post(
                f"/cases/{public_id}/verdicts", data={"label": "NTA", "reasoning": reasoning}
            )
            statuses[("verdict", response.status_code)] += 1
            if response.status_code == 302:
                acknowledged.add((username, public_id))
            elif response.status_code == 503:
                assert response.headers["Retry-After"]
                assert f"({username} on {public_id})" in response.text  # given back
    finally:
        stop.set()
        killer.join(timeout=10)
        reading.join(timeout=10)
    print(f"\nconnections killed: {sum(killed)}; responses: {dict(sorted(statuses.items()))}")
    assert sum(killed) > 0, "no connection was killed: the test proved nothing"
    assert set(statuses) <= {
        ("page", 200),
        ("page", 503),
        ("verdict", 302),
        ("verdict", 503),
    }
    assert statuses[("page", 200)] > 0 and acknowledged
    stored = set(
        db.session.execute(
            select(Member.username, Case.public_id)
            .join(Verdict, Verdict.member_id == Member.id)
            .join(Case, Case.id == Verdict.case_id)
        ).all()
    )
    assert acknowledged <= stored
