"""The preview's private writing-style check: worked out from the author's own earlier cases
only, shown to them alone."""

from sqlalchemy import select

from caseboard.extensions import db
from caseboard.models import Member
from tests.conftest import CASE_FIELDS
from tests.style_samples import DISTINCTIVE_DRAFT, DISTINCTIVE_EARLIER, ORDINARY

SECTION = "How much this reads like your earlier cases"


def _board(make_case) -> None:
    for text in ORDINARY[:10]:
        make_case(situation=text)


def _member(auth, username: str) -> Member:
    auth.register(username)
    return db.session.scalar(select(Member).where(Member.username == username))


def _preview(client, situation: str) -> str:
    data = {**CASE_FIELDS, "situation": situation, "action": "preview"}
    response = client.post("/cases/new", data=data)
    assert response.status_code == 200, response.text
    return response.text


def test_a_draft_like_the_author_s_earlier_case_is_flagged_with_what_gives_it_away(
    client, auth, make_case
):
    _board(make_case)
    make_case(author=_member(auth, "writer"), situation=DISTINCTIVE_EARLIER)
    page = _preview(client, DISTINCTIVE_DRAFT)
    assert SECTION in page and "Only you can see this" in page
    assert "This draft reads much like your earlier cases" in page
    assert "“so to be brutally frank i was asked to organise the”" in page
    assert "organisation" in page
    assert "ellipses (… or ...)" in page


def test_a_draft_in_another_style_is_not_flagged_as_reading_like_theirs(client, auth, make_case):
    _board(make_case)
    make_case(author=_member(auth, "writer"), situation=DISTINCTIVE_EARLIER)
    page = _preview(client, ORDINARY[11])
    assert SECTION in page and "does not read much like your earlier cases" in page


def test_a_member_without_earlier_cases_gets_no_style_check(client, auth, make_case):
    _board(make_case)
    _member(auth, "newcomer")
    assert SECTION not in _preview(client, DISTINCTIVE_DRAFT)


def test_only_the_member_s_own_cases_are_compared(client, auth, make_case):
    _board(make_case)
    make_case(situation=DISTINCTIVE_EARLIER)  # someone else wrote like this
    make_case(author=_member(auth, "writer"), situation=ORDINARY[10])
    page = _preview(client, DISTINCTIVE_DRAFT)
    assert "brutally" not in page.split(SECTION)[1].split("</div>")[0]
