"""The sweep keeps SQLite's planner statistics, so plans stay fast as the board grows."""

import pytest
from sqlalchemy import text

from caseboard.cases import services
from caseboard.extensions import db
from caseboard.worker import periodic_pass
from tests.conftest import ON_POSTGRES, REASONING


@pytest.mark.skipif(ON_POSTGRES, reason="PostgreSQL's autovacuum keeps its own statistics")
def test_the_periodic_pass_gives_sqlite_planner_statistics_for_the_tables(
    app, make_case, make_member
):
    case = make_case()
    verdict = services.give_verdict(case, make_member(), "NTA", REASONING)
    services.add_reply(case, make_member(), "A reply.", verdict=verdict)
    periodic_pass()
    analyzed = set(db.session.scalars(text("SELECT DISTINCT tbl FROM sqlite_stat1")))
    assert {"cases", "verdicts", "replies"} <= analyzed
