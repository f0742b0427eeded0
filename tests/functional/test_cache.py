"""Lists are served from Redis, stay fresh on writes, and work without Redis."""

from caseboard.cases import services
from caseboard.extensions import db
from tests.conftest import REASONING


def test_a_new_case_appears_at_once_despite_the_cache(client, make_case):
    make_case(title="The first case on the board")
    assert "The first case on the board" in client.get("/").text
    make_case(title="A second case, just posted")
    assert "A second case, just posted" in client.get("/").text


def test_a_new_verdict_updates_the_cached_counts(client, make_case, make_member):
    case = make_case()
    assert "0 verdicts" in client.get("/").text
    services.give_verdict(case, make_member(), "NTA", REASONING)
    assert "1 verdict ·" in client.get("/").text


def test_lists_work_when_redis_is_down(make_app, make_case):
    make_case(title="Readable without Redis")
    app = make_app(REDIS_URL="redis://127.0.0.1:1/0")
    response = app.test_client().get("/")
    assert response.status_code == 200
    assert "Readable without Redis" in response.text


def test_a_cached_case_page_shows_new_verdicts_votes_and_replies(client, make_case, make_member):
    case, judge, voter = make_case(), make_member(), make_member()
    url = f"/cases/{case.public_id}"
    assert "No verdicts yet." in client.get(url).text
    verdict = services.give_verdict(case, judge, "NTA", REASONING)
    assert "1 verdict, most helpful first" in client.get(url).text
    services.vote_helpful(voter, verdict, True)
    assert '<span class="count">1</span> found this helpful' in client.get(url).text
    services.add_reply(case, voter, "A fresh reply.", verdict=verdict)
    assert "A fresh reply." in client.get(url).text


def test_a_removed_case_is_never_served_from_the_cache(client, make_case):
    case = make_case()
    assert client.get(f"/cases/{case.public_id}").status_code == 200
    case.status = "removed"
    db.session.commit()
    assert client.get(f"/cases/{case.public_id}").status_code == 404


def test_members_see_their_own_page_not_the_cached_one(client, auth, make_case):
    case = make_case()
    client.get(f"/cases/{case.public_id}")  # cached for readers without an account
    auth.register()
    page = client.get(f"/cases/{case.public_id}").text
    assert "Give verdict" in page and "Your account" in page
