"""Lists are served from Redis, stay fresh on writes, and work without Redis."""

from caseboard.cases import services
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
