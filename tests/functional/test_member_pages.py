"""Member pages cost little more than a reader's: the header's counts (unread notices, a
suspension, the moderators' queue and this week's edition) come from one query, read only by a
page that has a header; and the library's body is shared with readers through the fragment
cache, with nothing of one member's in it for another member or a reader."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from caseboard.cases import services
from caseboard.extensions import db
from caseboard.models import Member, Notification
from tests.functional.curation_helpers import (
    LONG_REASONING,
    close_case,
    moderator,
    published_edition,
)
from tests.functional.moderation_helpers import become_moderator, held_case
from tests.functional.test_query_counts import counting_queries
from tests.functional.test_reports_sanctions_appeals import _suspend_author

HTMX = {"HX-Request": "true"}
BADGE = re.compile(r'<span class="badge">(\d+)<span class="visually-hidden"> unread</span>')
JUDGED = "You judged this"


def _get(client, path: str, **headers) -> tuple[str, list[str]]:
    """The page's HTML and every SQL statement it ran."""
    with counting_queries() as statements:
        response = client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    return response.text, [" ".join(statement.split()) for statement in statements]


def _header_reads(statements: list[str]) -> list[str]:
    """The statements that read what the header shows a member."""
    return [s for s in statements if "FROM notifications" in s or "FROM sanctions" in s]


def _unread(username: str) -> int:
    member_id = db.session.scalar(select(Member.id).where(Member.username == username))
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.member_id == member_id, Notification.read_at.is_(None))
    )


def test_a_page_rendered_in_pieces_reads_the_header_in_one_query(client, auth, make_case):
    make_case(title="A colleague keeps rescheduling our one-to-ones")
    auth.register("reader")
    # Search renders its results, then the page around them: the header is read once.
    page, statements = _get(client, "/search?q=colleague")
    assert "rescheduling" in page
    header = _header_reads(statements)
    assert len(header) == 1, header
    assert "FROM notifications" in header[0] and "FROM sanctions" in header[0]


def test_a_suspended_member_with_news_sees_both_from_that_one_query(client, auth, make_case):
    _suspend_author(client, auth, make_case)  # the decision and the sanction are news too
    unread = _unread("author1")
    assert unread > 0
    page, statements = _get(client, "/new")
    assert "Your account is suspended until" in page and "Personal attacks." in page
    assert BADGE.search(page)[1] == str(unread)
    assert len(_header_reads(statements)) == 1


def test_a_moderators_header_counts_come_from_the_same_one_query(client, auth):
    held_case(client, auth)
    become_moderator(client, auth)
    page, statements = _get(client, "/new")
    assert 'Queue <span class="badge">1<span class="visually-hidden"> waiting' in page
    assert "Start this week’s highlights" in page
    header = _header_reads(statements)
    assert len(header) == 1, header
    assert "FROM moderation_items" in header[0] and "FROM editions" in header[0]
    assert sum("moderation_items" in s or "editions" in s for s in statements) == 1


def test_a_member_without_sanctions_or_news_sees_a_plain_header(client, auth):
    auth.register("quiet")
    page, statements = _get(client, "/")
    assert "suspended" not in page and not BADGE.search(page)
    assert 'hx-get="/inbox/unread?shown=0"' in page
    assert "mod-menu" not in page
    header = _header_reads(statements)
    assert len(header) == 1
    # The moderators' counts are in the statement, behind their role: not run for a member.
    before, _, moderators_part = header[0].partition("CASE WHEN (members.role =")
    assert "moderation_items" not in before and "moderation_items" in moderators_part


def test_htmx_swaps_read_no_header(client, auth):
    auth.register("swapper")
    _, statements = _get(client, "/new", **HTMX)
    assert _header_reads(statements) == []


def _featured_case_judged_by(make_case, make_member, judge: Member):
    case = make_case(title="AITA for merging my own pull request on a Friday?")
    services.give_verdict(case, judge, "YTA", LONG_REASONING)
    for label in ("NTA", "NTA"):
        services.give_verdict(case, make_member(), label, LONG_REASONING)
    case = close_case(case)
    published_edition(moderator(make_member), [case])
    return case


def test_a_members_library_reuses_the_body_readers_cached(client, auth, make_case, make_member):
    _featured_case_judged_by(make_case, make_member, make_member())
    client.get("/library?level=senior")  # a reader's visit renders and caches the body
    auth.register("member")
    page, statements = _get(client, "/library?level=senior")
    assert "merging my own pull request" in page
    # Only what is the member's own: who they are, their header and their judged marks,
    # in the one query that logs them in.
    assert len(statements) == 1 and statements[0].startswith("SELECT members."), statements


def test_judged_marks_in_the_shared_library_are_only_ever_each_members_own(
    client, auth, make_case, make_member
):
    judge = make_member("judge")
    _featured_case_judged_by(make_case, make_member, judge)
    auth.login("judge")
    page, _ = _get(client, "/library")  # the first visit: the judge's request caches the body
    assert f"{JUDGED}: you gave" in page and ">YTA</abbr>" in page.split(JUDGED)[1]
    auth.logout()
    assert JUDGED not in client.get("/library").text
    auth.register("someone-else")
    page, statements = _get(client, "/library")
    assert JUDGED not in page
    assert not [s for s in statements if "FROM highlights" in s]  # the same cached body
    auth.logout()
    auth.login("judge")
    assert f"{JUDGED}: you gave" in client.get("/library").text


def test_members_share_the_list_and_search_bodies_with_their_own_marks_laid_over(
    client, auth, make_case, make_member
):
    judge = make_member("lister")
    case = make_case()
    services.give_verdict(case, judge, "NTA", LONG_REASONING)
    auth.login("lister")
    for path in ("/", "/new", "/search?q=call"):
        page, _ = _get(client, path)  # the judge's request renders and caches the body
        assert f"{JUDGED}: you gave" in page, path
    auth.logout()
    auth.register("browser")
    for path in ("/", "/new", "/search?q=call"):
        page, statements = _get(client, path)
        assert JUDGED not in page, path
        assert case.public_id in page, path
        # Only the member's own reads: who they are, their header, their judged marks.
        assert len(statements) <= 3, (path, statements)
        assert not [s for s in statements if "FROM cases " in s and "JOIN verdicts" not in s]
