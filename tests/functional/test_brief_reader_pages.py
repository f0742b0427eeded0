"""Each worker answers readers' pages from its own memory for a moment (cache.kept_briefly):
no Redis or SQL for a page read again within the second, never for members, never longer."""

import time

from caseboard.cases import services
from tests.conftest import PASSWORD, REASONING
from tests.functional.test_query_counts import counting_queries


def _statements_for(client, path: str) -> tuple[str, int]:
    with counting_queries() as statements:
        response = client.get(path)
    assert response.status_code == 200
    return response.text, len(statements)


def test_a_reader_rereading_within_the_moment_costs_no_query(make_app, make_case, make_member):
    case = make_case()
    app = make_app(READER_PAGE_SECONDS=60)
    reader, url = app.test_client(), f"/cases/{case.public_id}"
    first, _ = _statements_for(reader, url)
    assert "No verdicts yet." in first
    services.give_verdict(case, make_member(), "NTA", REASONING)
    again, queries = _statements_for(reader, url)
    assert again == first and queries == 0  # the worker's own copy
    member = app.test_client()
    data = {"username": "fresh-eyes", "password": PASSWORD, "confirm": PASSWORD}
    member.post("/register", data=data)
    assert REASONING in member.get(url).text  # members never get a kept copy


def test_a_readers_page_is_kept_no_longer_than_its_seconds(make_app, make_case, make_member):
    case = make_case()
    reader = make_app(READER_PAGE_SECONDS=0.05).test_client()
    url = f"/cases/{case.public_id}"
    assert "No verdicts yet." in reader.get(url).text
    services.give_verdict(case, make_member(), "NTA", REASONING)
    time.sleep(0.1)
    assert REASONING in reader.get(url).text
