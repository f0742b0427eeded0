"""The preview warns when few recent cases by others share a case's discipline, level and
topic, and suggests a level or topic more cases share; the author still decides."""

from datetime import timedelta

from sqlalchemy import select, update

from caseboard.extensions import db
from caseboard.models import Case, Member
from caseboard.models.base import utcnow
from tests.conftest import CASE_FIELDS

WARNING = "Few cases share this context"
# CASE_FIELDS is engineering · senior · incidents; a director writing about it is rarer.
DIRECTOR = {**CASE_FIELDS, "level": "director"}


def _preview(client, **fields) -> str:
    response = client.post("/cases/new", data={**DIRECTOR, **fields, "action": "preview"})
    assert response.status_code == 200, response.text
    return response.text


def _cases_by_others(make_case, count: int, **fields) -> list[Case]:
    return [make_case(**fields) for _ in range(count)]


def test_a_rare_combination_is_flagged_with_the_nearest_common_level(client, auth, make_case):
    _cases_by_others(make_case, 5, level="manager")
    _cases_by_others(make_case, 2, level="director")
    auth.register("writer")
    page = _preview(client)
    assert WARNING in page
    assert "Only 2 cases by others in the last 90 days are about on-call and incidents" in page
    assert "Level “Experienced manager” (5 recent cases)" in page
    assert "change the fields below, or post it as it is" in page


def test_a_topic_more_cases_share_at_the_same_level_is_suggested(client, auth, make_case):
    _cases_by_others(make_case, 6, level="director", topic="hiring")
    auth.register("writer")
    assert "Topic “Hiring and interviewing” (6 recent cases)" in _preview(client)


def test_a_combination_enough_others_share_gets_no_warning(client, auth, make_case):
    _cases_by_others(make_case, 5, level="director")
    auth.register("writer")
    assert WARNING not in _preview(client)


def test_the_author_s_own_cases_do_not_make_a_context_common(client, auth, make_case):
    auth.register("writer")
    writer = db.session.scalar(select(Member).where(Member.username == "writer"))
    for _ in range(5):
        make_case(author=writer, level="director")
    assert WARNING in _preview(client)


def test_cases_older_than_the_window_do_not_count(client, auth, make_case):
    old = _cases_by_others(make_case, 5, level="director")
    db.session.execute(
        update(Case)
        .where(Case.id.in_([case.id for case in old]))
        .values(published_at=utcnow() - timedelta(days=91))
    )
    db.session.commit()
    auth.register("writer")
    assert WARNING in _preview(client)


def test_the_warning_leaves_posting_to_the_author(client, auth):
    auth.register("writer")
    response = client.post("/cases/new", data={**DIRECTOR, "action": "post"})
    assert response.status_code == 302
