"""The benchmark's seed on this test's database (SQLite inserts, or COPY on the PostgreSQL
pass): stored counts agree with the rows, the app can insert afterwards, and a signed
member session is logged in."""

from __future__ import annotations

import pytest

from benchmarks.bulk import writer_for
from benchmarks.consistency import check_counts, problems
from benchmarks.seed import TABLES, Plan, seed
from benchmarks.sessions import logged_in, member_session, pick_reader_member
from caseboard.accounts.services import register
from caseboard.extensions import db
from caseboard.models import Case, CaseFollow

PLAN = Plan(cases=12, members=250, editions=2, highlights_per_edition=2)  # > busy verdicts


@pytest.fixture
def manifest(app):
    writer = writer_for(db.engine)
    manifest = seed(db.engine, writer, PLAN)
    writer.finish(TABLES.values())
    return manifest


def test_seeded_counts_agree_with_their_rows(app, manifest):
    assert manifest["counts"]["cases"] == PLAN.cases + 1
    assert manifest["counts"]["members"] == PLAN.members
    assert problems(check_counts(db.engine)) == {}


def test_every_seeded_author_follows_their_case(app, manifest):
    follows = db.session.query(CaseFollow.member_id, CaseFollow.case_id).all()
    authors = db.session.query(Case.author_id, Case.id).all()
    assert sorted(follows) == sorted(authors)


def test_the_app_inserts_after_the_explicit_ids(app, manifest):
    member = register("after-the-seed", "a long enough password", password_hash="x")
    assert member.id == PLAN.members + 1


def test_a_signed_member_session_is_logged_in(app, manifest, make_app):
    member_id = pick_reader_member(db.engine, manifest["busy_public_id"])
    session = member_session(app, member_id)
    client = make_app().test_client(use_cookies=False)  # as wrk: only the header's cookie
    assert logged_in(client.get("/", headers=session.headers).text)
    assert not logged_in(client.get("/", headers={"User-Agent": "reader"}).text)
